"""Syllable trigram language model of formal Vietnamese, loaded once from models/.

The model is an interpolated modified Kneser–Ney trigram (estimated by scripts/build_lm.py) stored in
ARPA form: each seen n-gram has log10 P(w | h) already interpolated with the lower orders, and each
context has a log10 back-off weight, so scoring an unseen n-gram is a few dict look-ups:
    logprob(w | u v) = P(u v w)  if seen,  else  backoff(u v) + logprob(w | v)   (and so on down to <unk>).

Tokens (`lm_segments` turns text into them; the build and every scorer must use it alike):
- syllables: lower-case NFC, tone placement of pipeline.vietnamese ("hòa", "thủy");
- acronyms from the lexicon, lower-cased ("ubnd", "qđ"), so "UBND tinh" still favours "tỉnh";
- `<num>`: any token with a digit ("312/KH-UBND", "2019", "14/6/2019"), so "ngày <num> tháng" is learned;
- `<unk>`: any other letter token (foreign words, names, junk); it has its own, learned probability;
- the vocabulary holds every lexicon syllable, seen in the text or not (unseen ones get only the
  uniform share of the unigram); a token outside it scores `oov_logprob`, the smallest unigram value;
- `<s>`, `</s>`: segment start/end. A segment is a run of tokens between punctuation marks or line ends
  ("Độc lập - Tự do - Hạnh phúc" is three segments), because context rarely crosses punctuation.
File: models/lm_syllable3.tsv.gz, UTF-8 TSV `order<TAB>n-gram<TAB>log10 prob<TAB>log10 backoff`, with `#`
header lines; see models/README.md.
"""

from __future__ import annotations

import gzip
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.lexicon import load_lexicon
from pipeline.resources import project_path
from pipeline.vietnamese import is_valid_syllable, nfc, normalize_tone_placement

MODELS_DIR = project_path("models")
LM_FILE = "lm_syllable3.tsv.gz"
# Interned, like every token of a loaded model (see parse_lm), so that look-ups match them by identity.
BOS = sys.intern("<s>")  # segment start
EOS = sys.intern("</s>")  # segment end
NUM = sys.intern("<num>")  # a token with a digit
UNK = sys.intern("<unk>")  # a letter token that is neither a syllable nor a known acronym
SPECIAL_TOKENS = (BOS, EOS, NUM, UNK)

# A token: a run of word characters possibly joined by . / - when digits are involved ("14/6/2019",
# "312/KH-UBND", "1.500"), otherwise a letter run; everything else is punctuation (a segment break).
_TOKEN_RE = re.compile(r"\w*\d[\w./-]*\w|\d|[^\W\d_]+")
_BREAK_RE = re.compile(r"[^\w\s]")


def lm_token(token: str, acronyms: frozenset[str]) -> str:
    """The LM vocabulary item for one text token (see the module docstring)."""
    if any(c.isdigit() for c in token):
        return NUM
    if token.upper() in acronyms and not token.islower():
        return token.lower()
    lower = normalize_tone_placement(token.lower())
    return lower if is_valid_syllable(lower) else UNK


def lm_segments(text: str, acronyms: frozenset[str] | None = None) -> list[tuple[str, ...]]:
    """Text → segments of LM tokens (without <s>/</s>), split at punctuation and line ends."""
    if acronyms is None:
        acronyms = load_lexicon().acronyms
    segments: list[tuple[str, ...]] = []
    for line in nfc(text).splitlines():
        current: list[str] = []
        pos = 0
        for match in _TOKEN_RE.finditer(line):
            if _BREAK_RE.search(line, pos, match.start()) and current:
                segments.append(tuple(current))
                current = []
            current.append(lm_token(match.group(), acronyms))
            pos = match.end()
        if current:
            segments.append(tuple(current))
    return segments


@dataclass(frozen=True, slots=True)
class SyllableLM:
    """Back-off n-gram model: `probs[ngram]` = log10 P(last | rest), `backoffs[context]` = log10 weight."""

    order: int
    probs: dict[tuple[str, ...], float]
    backoffs: dict[tuple[str, ...], float]
    oov_logprob: float  # log10 P of a token outside the vocabulary (the smallest unigram probability)

    def logprob(self, word: str, context: tuple[str, ...] = ()) -> float:
        """log10 P(word | context); `context` is the preceding tokens, oldest first (longer is cut)."""
        if len(context) >= self.order:
            context = context[len(context) - self.order + 1 :]
        backoff = 0.0
        probs = self.probs
        while True:
            p = probs.get(context + (word,))
            if p is not None:
                return backoff + p
            if not context:
                return backoff + self.oov_logprob
            backoff += self.backoffs.get(context, 0.0)
            context = context[1:]

    def score_segment(self, tokens: Iterable[str]) -> float:
        """log10 P(<s> tokens </s>)."""
        context: tuple[str, ...] = (BOS,)
        total = 0.0
        for token in tokens:
            total += self.logprob(token, context)
            context = (context + (token,))[-(self.order - 1) :]
        return total + self.logprob(EOS, context)

    def __contains__(self, word: str) -> bool:
        return (word,) in self.probs


def parse_lm(text: str) -> SyllableLM:
    """A SyllableLM from the text of an lm_syllable3.tsv(.gz) file.

    Parsed column-wise, one order at a time (n-gram keys built by zip over one split of all n-grams of
    that order): about 3× faster than line by line, which keeps loading near a second."""
    start = 0
    while text.startswith("#", start):  # header lines come first
        start = text.index("\n", start) + 1
    body = text[start:].strip("\n")
    fields = body.replace("\n", "\t").split("\t") if body else []
    orders, grams, prob_texts, backoff_texts = fields[0::4], fields[1::4], fields[2::4], fields[3::4]
    keys: list[tuple[str, ...]] = []
    start = 0
    while start < len(orders):
        n = orders[start]
        end = start
        while end < len(orders) and orders[end] == n:  # rows of one order are contiguous (sorted file)
            end += 1
        # Interned: one object per token instead of one per occurrence, the same one the lexicon holds
        # (pipeline.lexicon), so the n-gram look-ups of decoding compare their words by identity.
        tokens = map(sys.intern, " ".join(grams[start:end]).split(" "))
        keys.extend(zip(*[tokens] * int(n), strict=True))
        start = end
    probs = dict(zip(keys, map(float, prob_texts), strict=True))
    backoffs = {key: float(b) for key, b in zip(keys, backoff_texts, strict=True) if b}
    order = max(map(int, set(orders)), default=1)
    unigrams = [float(p) for n, k, p in zip(orders, grams, prob_texts, strict=True) if n == "1" and k != BOS]
    floor = min(unigrams, default=-10.0)
    return SyllableLM(order=order, probs=probs, backoffs=backoffs, oov_logprob=floor)


@cache
def load_lm(path: Path | None = None) -> SyllableLM:
    """The shipped syllable LM (once per process)."""
    return parse_lm(gzip.decompress((path or MODELS_DIR / LM_FILE).read_bytes()).decode("utf-8"))
