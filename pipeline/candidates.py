"""Candidate syllables for one OCR token: what it could have been before the English-model OCR garbled it.

The token's letters are mapped to base letters (OCR glyphs through the channel model's glyph table:
`¢→o`, `&→e`, `6→o`), rapidfuzz finds lexicon skeletons within a bounded edit distance, every accented form
of those skeletons is re-cased like the token and scored by the channel model, and the best few survive.
Run-together tokens ("donvj", "cachlam") also get two-syllable candidates. Results are cached per token.

The candidates of every token the channel's training pairs contain (the garblings most pages are made of) are
computed once by scripts/build_candidate_table.py into models/candidates.tsv.gz: a table, not a cache of any
document's tokens. It is used only when its fingerprint (the generator's params, lexicon, channel and code)
matches the running generator, so it changes nothing but speed.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import heapq
import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from pipeline.channel import ChannelModel, base_letter
from pipeline.lexicon import Lexicon
from pipeline.params import RestoreParams
from pipeline.resources import PACKAGE_DIR, project_path
from pipeline.vietnamese import skeleton as _skeleton
from pipeline.vietnamese import split_tone

LN10 = math.log(10.0)
CANDIDATE_TABLE_PATH = project_path("models") / "candidates.tsv.gz"
# What a token's candidates depend on: these params, the lexicon, the channel model and this code.
GENERATOR_PARAMS = ("max_edit_distance", "max_skeletons", "max_forms_per_skeleton", "max_scored_skeletons",
                    "min_unigram_log10", "max_memory_readings", "max_lookup_variants", "memory_min_count",
                    "max_candidates", "candidate_beam", "prune_prior_weight", "split_below_logp", "split_logp")
GENERATOR_CODE = ("candidates.py", "channel.py", "lexicon.py", "vietnamese.py")
VIETNAMESE_LETTERS = frozenset("abcdeghiklmnopqrstuvxy")  # base letters of Quốc ngữ (no f j w z)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One reading of a token. `words` are the lower-case syllables the LM scores (two for a split token);
    `channel_logp` is ln P(token as OCRed | this reading)."""

    text: str  # cased like the input token; a space inside when a run-together token is split
    words: tuple[str, ...]
    channel_logp: float
    prior_logp: float  # ln unigram probability (sum over words), used only to prune before decoding


# Letters behind OCR glyphs that training never showed (well-known English-model confusions; the channel's
# learned glyph table wins where it has votes).
DEFAULT_GLYPH_BASE = {"$": "s", "§": "s", "5": "s", "@": "o", "¢": "o", "0": "o", "6": "o", "&": "e", "€": "e",
                      "©": "e", "3": "a", "4": "a", "8": "a", "1": "i", "9": "g", "|": "l", "!": "i"}
LOWER_L_LOOKALIKES = "I1|"  # what OCR prints for a lower-case l at the start of a word (`Igi` = lợi)
UPPER_SHARE_FOR_CAPITALS = 0.6  # `HiNH`, `CHi`: OCR lower-cases a capital with marks now and then


def case_pattern(token: str) -> str:
    """"upper" (two or more letters, mostly capitals, the first one too), "title" (first letter a capital)
    or "lower" (also `Igi`, `1di`: an l misread as I or 1)."""
    letters = [c for c in token if c.isalpha()]
    if token[:1] in LOWER_L_LOOKALIKES and token[1:].islower():
        return "lower"
    if len(letters) >= 2 and letters[0].isupper() and \
            sum(c.isupper() for c in letters) >= UPPER_SHARE_FOR_CAPITALS * len(letters) and \
            sum(c.isupper() for c in letters) >= 2:
        return "upper"
    if letters and letters[0].isupper():
        return "title"
    if len(letters) >= 2 and letters[-1].isupper() and 2 * sum(c.isupper() for c in letters) >= len(letters):
        return "upper"  # `sO`, `tHI`: a word in capitals whose first letter OCR read in lower case
    return "lower"


def apply_case(text: str, pattern: str) -> str:
    if pattern == "upper":
        return text.upper()
    if pattern == "title":
        return text[:1].upper() + text[1:]
    return text


CAPITAL_D_LOOKALIKES = "PB"  # what Tesseract `eng` prints for a capital Đ
MIN_MULTI_SPLIT_CHARS = 6  # tokens this long may be three or more syllables run together
MAX_SPLIT_SYLLABLES = 5
MAX_SYLLABLE_CHARS = 7  # "nghiêng" / "nghieng": the longest Vietnamese syllable
SPLIT_READINGS = 3  # readings kept per piece of a split token


class CandidateGenerator:
    """Per-token candidate lists from a lexicon and a channel model; cached, so repeated tokens are free."""

    def __init__(self, lexicon: Lexicon, channel: ChannelModel, params: RestoreParams,
                 table: dict[str, str] | None = None):
        self.lexicon = lexicon
        self.table = table or {}  # token → its candidates as JSON (read_candidate_table), parsed on first use
        self.channel = channel
        self.params = params
        # Frequent skeletons first, so that rapidfuzz's ties favour them.
        # Syllables only a word list attests (no frequency anywhere: "thoõng", "coạc") are never proposed.
        self.forms = {
            key: kept[: params.max_forms_per_skeleton]
            for key, forms in lexicon.forms_by_skeleton.items()
            if (kept := tuple(f for f in forms if lexicon.syllables[f] >= params.min_unigram_log10))
        }
        mass = {key: lexicon.syllables[forms[0]] for key, forms in self.forms.items()}
        self.skeletons = sorted(self.forms, key=lambda k: (-mass[k], k))
        self._by_length: dict[tuple[int, int], list[str]] = {}  # (key length, distance) → skeletons in reach
        self.unigram_ln = {s: LN10 * lp for s, lp in lexicon.syllables.items()}
        self.unigram_floor_ln = min(self.unigram_ln.values(), default=-23.0) - LN10
        self.candidates = functools.lru_cache(maxsize=1 << 18)(self._candidates)

    def lookup_key(self, token: str) -> str:
        """Lower-case base letters, OCR glyphs and non-Vietnamese letters mapped by the channel's glyph table."""
        out = []
        for ch in token.lower():
            base = base_letter(ch)
            if base in VIETNAMESE_LETTERS:
                out.append(base)
            else:
                out.append(self.channel.glyph_base.get(ch) or DEFAULT_GLYPH_BASE.get(ch, base))
        return "".join(out)

    def lookup_keys(self, token: str) -> list[str]:
        """The token's lookup key, plus (when it is no lexicon skeleton) variants with one multi-character
        garbling rewritten (`tir` → `tu`, `ngwoi` → `nguoi`)."""
        key = self.lookup_key(token)
        if key in self.forms:
            return [key]
        keys = [key]
        if token[:1] in LOWER_L_LOOKALIKES and token[1:].islower():
            keys.append("l" + self.lookup_key(token[1:]))
        if token[:1] in CAPITAL_D_LOOKALIKES and len(token) > 1:
            keys.append("d" + key[1:])  # a capital Đ read as P or B ("Péi" → Đối, "PAC" → ĐẶC): the channel decides
        lower = token.lower()
        for garbled, base in self.channel.glyph_rewrites:
            at = lower.find(garbled)
            if at >= 0:
                variant = self.lookup_key(lower[:at]) + base + self.lookup_key(lower[at + len(garbled) :])
                if variant not in keys:
                    keys.append(variant)
                if len(keys) > self.params.max_lookup_variants:
                    break
        return keys

    @functools.lru_cache(maxsize=1 << 16)  # noqa: B019 (one generator per process; keys recur in other cases)
    def _skeleton_matches(self, key: str, widen: bool = False) -> tuple[str, ...]:
        """Lexicon skeletons near `key`: within max_edit_distance, or 1 for short keys (2 when `widen`)."""
        max_distance = self.params.max_edit_distance if len(key) > 3 or widen else 1
        found = process.extract(key, self._skeletons_of_length(len(key), max_distance), scorer=Levenshtein.distance,
                                score_cutoff=max_distance, limit=self.params.max_skeletons)
        return tuple(choice for choice, _dist, _i in found)

    def _skeletons_of_length(self, length: int, distance: int) -> list[str]:
        """The skeletons (in their order) whose length is within `distance` of `length`: the only ones that
        can be that close to a key of this length, so rapidfuzz need not look at the others (its ties go to
        the earlier choice, and the order is kept)."""
        found = self._by_length.get((length, distance))
        if found is None:
            found = self._by_length[(length, distance)] = [
                s for s in self.skeletons if abs(len(s) - length) <= distance]
        return found

    def _score(self, form: str, token: str, pattern: str) -> tuple[str, float, float]:
        cased = apply_case(form, pattern)
        return cased, self.channel.logp(cased, token), self.unigram_ln.get(form, self.unigram_floor_ln)

    def _candidates(self, token: str) -> tuple[Candidate, ...]:
        """The best readings of `token` (an edge-stripped OCR token), best first; may be empty."""
        row = self.table.get(token)
        if row is not None:
            return tuple(Candidate(text, tuple(map(sys.intern, words)), channel_logp, prior_logp)
                         for text, words, channel_logp, prior_logp in json.loads(row))
        return self.compute_candidates(token)

    def compute_candidates(self, token: str) -> tuple[Candidate, ...]:
        """_candidates without the table: what the table holds for `token`."""
        pattern = case_pattern(token)
        keys = self.lookup_keys(token)
        if not keys[0]:
            return ()
        readings = self.channel.true_tokens_for(token)
        skeletons: dict[str, None] = {}
        if self.channel.garbled_count(token) >= self.params.memory_min_count:
            # Seen often in training: its readings (and their other accented forms) are the candidates
            # (unless none of them is a syllable: `b` was mostly a list marker `b)`, yet may be a lost `bộ`).
            skeletons = dict.fromkeys(k for t in readings[: self.params.max_memory_readings]
                                      if (k := _skeleton(t)) in self.forms)
            if keys[0] in self.forms:
                skeletons.setdefault(keys[0], None)
        if not skeletons:
            skeletons = {}
            for key in keys:
                for skel in self._skeleton_matches(key):
                    skeletons.setdefault(skel, None)
            if not skeletons and 2 <= len(keys[0]) <= 3 and any(c in VIETNAMESE_LETTERS for c in keys[0]):
                skeletons = dict.fromkeys(self._skeleton_matches(keys[0], widen=True))
            for true in readings[: self.params.max_memory_readings]:
                if _skeleton(true) in self.forms:
                    skeletons.setdefault(_skeleton(true), None)
        lost_vowel_forms = {}  # Hung → Hướng, di → đối: OCR dropped a marked vowel; only forms with it
        for restored, marked in _lost_vowel_skeletons(keys[0]):
            if restored in self.forms and restored not in skeletons:
                skeletons[restored] = None
                lost_vowel_forms[restored] = tuple(f for f in self.forms[restored] if _has_shaped(f, marked))
        if len(skeletons) > self.params.max_scored_skeletons:
            # Rank skeletons by the channel score of their bare (mark-less) form first, so that only the
            # accented forms of the best few are scored one by one.
            ranked_skeletons = sorted(
                skeletons,
                key=lambda k: -(self.channel.logp(apply_case(k, pattern), token)
                                + self.params.prune_prior_weight * self.unigram_ln[self.forms[k][0]]),
            )
            skeletons = dict.fromkeys(ranked_skeletons[: self.params.max_scored_skeletons])
        # (text, words, channel_logp, prior_logp) by text; Candidates are made for the survivors only.
        scored: dict[str, tuple[str, tuple[str, ...], float, float]] = {}
        for skel in skeletons:
            for form in lost_vowel_forms.get(skel) or self.forms.get(skel, ()):
                cased, ch, prior = self._score(form, token, pattern)
                scored[cased] = (cased, (form,), ch, prior)
                if pattern == "lower" and form[0] == "đ":
                    # A lower-case p/b/d may be a capital Đ misread (`piéu` → `Điều`): the channel decides.
                    cased, ch, prior = self._score(form, token, "title")
                    scored[cased] = (cased, (form,), ch, prior)
        best_single = max((c[2] for c in scored.values()), default=-math.inf)
        if best_single < self.params.split_below_logp and (len(keys[0]) >= 4 or len(keys[0]) == 3 and _lone_vowel(token)):
            for cand in self._split_candidates(token, pattern):
                scored.setdefault(cand.text, (cand.text, cand.words, cand.channel_logp, cand.prior_logp))
        weight = self.params.prune_prior_weight
        ranked = heapq.nlargest(self.params.max_candidates, scored.values(), key=lambda c: (c[2] + weight * c[3], c[0]))
        if not ranked:
            return ()
        floor = ranked[0][2] + weight * ranked[0][3] - self.params.candidate_beam
        return tuple(Candidate(*c) for c in ranked if c[2] + weight * c[3] >= floor)

    def _split_candidates(self, token: str, pattern: str) -> list[Candidate]:
        """Readings of a run-together token: two syllables at every cut (the LM picks), and for longer
        tokens ("PHOCHUTICH", "taubién") the best segmentation into each number of syllables up to
        MAX_SPLIT_SYLLABLES."""
        out = self._two_way_splits(token, pattern)
        if len(token) >= MIN_MULTI_SPLIT_CHARS:
            out.extend(self._multi_way_splits(token, pattern))
        return out

    def _multi_way_splits(self, token: str, pattern: str) -> list[Candidate]:
        weight = self.params.prune_prior_weight
        n = len(token)
        # best[i][k]: (score, parts) of the best reading of token[:i] as k syllables
        best: list[dict[int, tuple[float, tuple[str, ...]]]] = [{} for _ in range(n + 1)]
        best[0][0] = (0.0, ())
        for i in range(n):
            for k, (score, parts) in best[i].items():
                if k == MAX_SPLIT_SYLLABLES:
                    continue
                for j in range(i + 2, min(n, i + MAX_SYLLABLE_CHARS) + 1):
                    readings = self._plain_readings(token[i:j])
                    if not readings:
                        continue
                    total = score + readings[0].channel_logp + weight * readings[0].prior_logp
                    if k + 1 not in best[j] or total > best[j][k + 1][0]:
                        best[j][k + 1] = (total, (*parts, token[i:j]))
        out = []
        for k, (_score, parts) in sorted(best[n].items()):
            if k >= 3:
                out.extend(self._joined(parts, pattern))
        return out

    def _joined(self, parts: tuple[str, ...], pattern: str) -> list[Candidate]:
        """The parts' best readings joined, and each variant with one part read its second-best way (so that
        the LM may prefer PHÓ to PHỐ in "PHOCHUTICH")."""
        readings = [self._plain_readings(p) for p in parts]
        if len(parts) == 2:
            choices = [(a, b) for a in range(len(readings[0])) for b in range(len(readings[1]))]
        else:
            choices = [tuple(0 for _ in parts)]
            choices += [tuple(v if i == k else 0 for i in range(len(parts)))
                        for k, r in enumerate(readings) for v in range(1, len(r))]
        out = []
        for choice in choices:
            picked = [r[c] for r, c in zip(readings, choice, strict=True)]
            words = tuple(c.words[0] for c in picked)
            text = apply_case(" ".join(words), pattern if pattern != "title" else "title")
            # One token's worth of general-language prior (the mean): the LM scores every syllable already.
            out.append(Candidate(text, words, sum(c.channel_logp for c in picked)
                                 + (len(parts) - 1) * self.params.split_logp,
                                 sum(c.prior_logp for c in picked) / len(picked)))
        return out

    def _two_way_splits(self, token: str, pattern: str) -> list[Candidate]:
        out = []
        for cut in range(1 if _lone_vowel(token) else 2, len(token) - 1):
            left, right = token[:cut], token[cut:]
            if self._plain_readings(left) and self._plain_readings(right):
                out.extend(self._joined((left, right), pattern))
        return out

    @functools.lru_cache(maxsize=1 << 16)  # noqa: B019 (one generator per process)
    def _plain_readings(self, part: str) -> tuple[Candidate, ...]:
        """The best SPLIT_READINGS readings of one piece of a run-together token (best first)."""
        key = self.lookup_key(part)
        if not key or not any(c in "aeiouy" for c in key):
            return ()  # a piece with no vowel left is no syllable (`tr` + `uoc`): not worth a search
        pattern = case_pattern(part)
        scored = []
        weight = self.params.prune_prior_weight
        for skel in self._skeleton_matches(key)[:10]:
            for form in self.forms.get(skel, ())[:4]:
                cased, ch, prior = self._score(form, part, pattern)
                scored.append((ch + weight * prior, cased, form, ch, prior))
        scored.sort(key=lambda e: (-e[0], e[1]))
        return tuple(Candidate(cased, (form,), ch, prior) for _s, cased, form, ch, prior in scored[:SPLIT_READINGS])


def _lone_vowel(token: str) -> bool:
    """The token starts with a vowel that is a syllable on its own before a consonant (YTE: Y TẾ)."""
    return len(token) >= 3 and token[0] in "YyAaUu" and token[1].lower() not in "aeiouy"


# Vowels the English model drops from a cluster (measured on the channel pairs: ươ → u 3.9 %, ôi/ơi → i 2.3 %
# of such tokens; ươ → o, 2.1 %, is left out: on the tuning sets it cost as much as it gained).
# (pattern, the cluster it was, the shaped vowels a reading must have: ư for ươ, ô or ơ for ôi/ơi)
LOST_VOWEL_PATTERNS = (
    (re.compile(r"(?<=[^aeiouy])u(?=(ng|n|c|t|p|m|i)$)"), "uo", "ư"),  # Hung → Hướng, lui → lưới
    (re.compile(r"(?<=[^aeiouy])i$"), "oi", "ôơ"),  # di → đối, mi → mới
)


def _lost_vowel_skeletons(key: str) -> list[tuple[str, str]]:
    """(the key with a dropped vowel put back, the shaped vowels its readings have), for each pattern that
    applies (hung → huong, ư)."""
    return [(pattern.sub(cluster, key, count=1), marked) for pattern, cluster, marked in LOST_VOWEL_PATTERNS
            if pattern.search(key)]


def _has_shaped(form: str, vowels: str) -> bool:
    return any(split_tone(c)[0] in vowels for c in form)


def generator_fingerprint(params: RestoreParams, lexicon_files: list[Path], channel_file: Path) -> str:
    """A hash of everything a token's candidates depend on (GENERATOR_PARAMS, the files of the lexicon and
    the channel model, the source of GENERATOR_CODE): a table built under another one is not used."""
    digest = hashlib.sha256()
    digest.update(json.dumps({name: getattr(params, name) for name in GENERATOR_PARAMS}, sort_keys=True).encode())
    here = PACKAGE_DIR  # the sources, also when this module runs compiled (pipeline/accel.py)
    for path in [*lexicon_files, channel_file, *(here / name for name in GENERATOR_CODE)]:
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def shipped_fingerprint(params: RestoreParams) -> str:
    """The fingerprint of a generator over the shipped lexicon and channel model."""
    from pipeline.channel import CHANNEL_PATH
    from pipeline.lexicon import DICTIONARIES_DIR, LEXICON_FILES

    return generator_fingerprint(params, [DICTIONARIES_DIR / name for name in LEXICON_FILES], CHANNEL_PATH)


def encode_candidates(candidates: tuple[Candidate, ...]) -> str:
    """One table row's value: the candidates as JSON (floats round-trip exactly)."""
    return json.dumps([[c.text, list(c.words), c.channel_logp, c.prior_logp] for c in candidates],
                      ensure_ascii=False, separators=(",", ":"))


def read_candidate_table(fingerprint: str, path: Path = CANDIDATE_TABLE_PATH) -> dict[str, str] | None:
    """token → encoded candidates, or None when the file is missing or was built under another fingerprint.
    Rows stay unparsed until a document asks for the token (loading takes a few milliseconds)."""
    if not path.exists():
        return None
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    header, _, body = text.partition("\n")
    if header != f"# fingerprint {fingerprint}":
        return None
    table = {}
    for line in body.splitlines():
        if line and not line.startswith("#"):
            token, _, row = line.partition("\t")
            table[token] = row
    return table
