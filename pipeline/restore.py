"""Stage 3, restore: bring garbled OCR text back to correct Vietnamese, line for line.

Per line: tokens are split off their edge punctuation; a gate keeps what must not change (numbers, dates,
document symbols, URLs/e-mails, acronyms, Roman numerals, list markers; in document mode, i.e. text that is
already Vietnamese, everything except clear junk); every other token gets candidates (pipeline.candidates:
lexicon + rapidfuzz + channel model); a beam search over the line with the trigram LM (pipeline.lm) and a
word bonus from the lexicon (and, inside a Title-Case run of 2–4 tokens that starts with a possible
surname, a bonus for readings that are surnames, middle or given names by position: dictionaries/names.tsv)
picks one reading per token; readings are re-cased like the input and the
punctuation and whitespace are put back untouched. Lines that are mostly junk are flagged and left as is.

Output has exactly the input's lines (split on "\\n"); form feeds stay where they were.
"""

from __future__ import annotations

import functools
import gc
import math
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from pipeline.candidates import (
    CANDIDATE_TABLE_PATH,
    LN10,
    Candidate,
    CandidateGenerator,
    apply_case,
    case_pattern,
    read_candidate_table,
    shipped_fingerprint,
)
from pipeline.channel import EDGE_PUNCT
from pipeline.lm import BOS, EOS, NUM, UNK
from pipeline.noise import NUMBERED_NOUNS, WEB_RE, MarginCut, joined_word_breaks, margin_cut
from pipeline.params import Params, RestoreParams
from pipeline.records import StageReport
from pipeline.resources import project_path
from pipeline.store import read_text_file
from pipeline.vietnamese import VIETNAMESE_ONLY_CHARS, is_valid_syllable, nfc, skeleton

# Letters only a Vietnamese text can contain: OCR with an English model never prints them (é, ê, ô, à are
# Latin-1 and do appear in English-model output), so their share tells correct Vietnamese from garbling.
STRICT_VIETNAMESE_CHARS = frozenset(c for c in VIETNAMESE_ONLY_CHARS if ord(c) > 0xFF)
MOSTLY_LOWER_UPPER_SHARE = 0.3  # a line with fewer capitals than this is running text, not a heading
SHORT_CAPITALS_MAX_LEN = 3  # all-capital readings this short in running text are re-cased as Title
LM_CACHE_SIZE = 200_000  # LM contexts (u, v) whose word scores are kept before the cache starts over
LINE_START = ""  # context word the LM has never seen: scoring backs off to unigrams
ROMAN_RE = re.compile(r"^(?=[IVXLC])M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
GARBLED_ROMAN_RE = re.compile(r"[IVX][IlL1|]{1,3}|[IlL1|][IVX]")  # III read as IIL, Ill, I1I; IV as lV
# A short token of digits and letters that starts with a digit: OCR of a syllable (16i = lỗi, 106i = lối),
# not a code (QH13, 2019); it gets candidates and may still stay as it is.
GARBLED_SYLLABLE_RE = re.compile(r"[0-9][0-9a-zà-ỹ]{1,3}[a-zà-ỹ]")
# x3, n6, kh6: a lower-case syllable whose vowel OCR read as a digit (A4, B2, F0 are codes: they stay numbers)
LETTERS_THEN_DIGIT_RE = re.compile(r"[a-zđà-ỹ]{1,3}[0-9]")
# 106i, 16p, 1di: a syllable whose l or o OCR printed as 1 or 0 (20ha, 5kg, 2tr: a number and its unit)
DIGIT_LED_SYLLABLE_RE = re.compile(r"[10][0-9a-zà-ỹ]{1,3}[a-zà-ỹ]")
VOWEL_GLYPH_CAPITALS = "GQ"  # capitals the English model prints for Ở, Ợ, Ộ after a consonant (SG, SQ, BG)
# "Số:" before the document number, its ố printed as digits or its S as $ or §.
NUMBER_LABEL = "Số"
NUMBER_LABEL_RE = re.compile(r"[S$§][0-9]{1,2}|[$§][oO]")
# "V/v" (về việc) opening a công văn's subject line, its slash read as a letter: Viv, V1v, Vlv
SUBJECT_LABEL = "V/v"
SUBJECT_LABEL_RE = re.compile(r"V[iIl1|!]v")
# "(b/c)": a "Nơi nhận" item sent for a report (để báo cáo); OCR prints its c as €, ¢ or ©.
REPORT_NOTE_RE = re.compile(r"[bB]/[€¢©]")
# Every document's "Nơi nhận" ends "Lưu: VT, …" (the archive's copy, Nghị định 30/2020/NĐ-CP); the English
# model prints that T as I, l or 1.
FILED_COPY = "VT"
FILED_COPY_RE = re.compile(r"V[TIl1|iE]")
# gate reasons that write a fixed text
FIXED_TEXTS = {"label": NUMBER_LABEL, "filed-copy": FILED_COPY, "subject-label": SUBJECT_LABEL}
LIST_BULLETS = ("-", "+", "•", "*", "–")
# Items are lettered a) b) c) d) đ) e) g) h) i) k) …; OCR prints đ) as d), and c) e) as ¢) €).
LIST_LETTERS = "abcdđeghiklmnopqrstuvxy"
LIST_MARKER_AT_START_RE = re.compile(r"\s*(\S)\)")
HORN_MARKS = "'’`"  # Tesseract `eng` prints the horn of ư/ơ as an apostrophe after the letter: "THU'C", "co'"
QUOTE_OPEN_RE = re.compile(r"(?:^|(?<=[\s(\[“\"]))['‘`]")  # a quote mark opening a word
QUOTE_CLOSE_RE = re.compile(r"['’`](?=[\s,.;:!?)\]”\"]|$)")  # a quote mark ending a word
HORNED = frozenset("ưứừửữựơớờởỡợƯỨỪỬỮỰƠỚỜỞỠỢ")
ROMAN_LOOKALIKES = str.maketrans("lL1|", "IIII")
# "I", "XIV" after a "?" read for thứ's hook: an ordinal ("lần thi? XIV"); "I." or "C)" opens a heading or an option
ROMAN_NUMERAL_RE = re.compile(r"[IVXLC]{1,6}(?![^\W_]|[.)])")
MID_SENTENCE_RE = re.compile(r"\s+([^\W_])")  # the next word on the line, if lower-case or a number, goes on the sentence
JUNK_CHARS = frozenset("¢€©@&$§£¥®°|~^#%<>{}[]\\")
NAMES_FILE = project_path("dictionaries") / "names.tsv"
NAME_BONUS = 3.0  # ln bonus of a frequent name syllable of its role inside a Title-Case name run
NAME_LINE_FACTOR = 3.0  # a name that fills its line (under a signature) is surely a name: the LM matters less
NAME_FULL_COUNT = 20  # names listed with a syllable (dictionaries/names.tsv count) that earn the full bonus
NAME_RUN = (2, 4)  # capitalised syllables a personal name has (after an honorific: ông, bà …)
NAME_RUN_SURNAME_SETTLED = 3  # in running text, a name run this long starts with a surname when it can read as one
HONORIFIC_KEYS = frozenset({"ong", "ba", "chi", "anh", "dong", "co"})  # skeletons of ông, bà, chị, anh, đồng (chí), cô


@dataclass(frozen=True, slots=True)
class TokenChange:
    """One changed token. Offsets are 0-based character positions within the line (input and output), both in
    NFC: input that is not (decomposed marks) is normalised first, and the restored text is NFC."""

    page: int  # 1-based; pages are separated by form feeds
    line: int  # 1-based line number in the document
    char_start: int
    char_end: int
    restored_start: int
    restored_end: int
    original: str
    restored: str
    score: float  # ln P(token | reading) + LM weight × ln P(reading | context), of the chosen reading
    # channel | split | acronym | roman | label (S06: → Số:) | filed-copy ("Lưu: VI" → VT)
    # | list-marker (d) after d) → đ))
    # | mark (a valid syllable of correct text re-marked on strong context) | noise (margin specks cut)
    # | hopeless-line (flagged, left)
    reason: str


@dataclass(frozen=True, slots=True)
class RestoredText:
    """A document's restored text (same line count as the input) with every change and flagged line."""

    text: str
    changes: tuple[TokenChange, ...]
    flagged_lines: tuple[int, ...]  # 1-based lines left as they were because they are mostly junk
    document_mode: bool  # input was already Vietnamese: only clear junk was restored
    tokens: int  # tokens seen (edge punctuation stripped, non-empty)


@dataclass(slots=True)
class _Slot:
    """One token of a line: where its core is, and its fixed reading or its candidates."""

    start: int
    end: int
    core: str
    candidates: tuple[Candidate, ...]
    fixed: str | None  # LM word of a token kept (or mapped) by the gate
    reason: str = "channel"
    break_after: bool = False
    name_words: dict[str, float] | None = None  # reading → ln bonus here (a slot of a personal name)
    text: str | None = None  # the fixed token's restored text when it is not the core (a list marker's letter)


class _PreparedLine(NamedTuple):
    """A line made ready for decoding: form feeds at its start, margin noise cut, joined words split, slots."""

    feeds: int
    cut: MarginCut
    body: str
    breaks: list[int]  # positions of - or . read as a space
    slots: list[_Slot]
    hopeless: bool


@dataclass(frozen=True, slots=True)
class Restorer:
    """Everything restore needs, loaded once per process."""

    params: RestoreParams
    generator: CandidateGenerator
    lm_score: Callable[[str, str, str], float]  # log10 P(w | u v), cached (see trigram_scorer)
    # "TDKT" → "TĐKT": marked acronyms by their stripped form (unique keys; administrative acronyms only)
    acronym_by_key: dict[str, str]
    two_syllable_words: frozenset[tuple[str, str]]  # ("cán", "bộ"): adjacent syllables that earn word_bonus
    names: dict[str, dict[str, float]] | None = None  # role (surname, middle, given) → name syllable → ln bonus
    attested_acronyms: frozenset[str] = frozenset()  # administrative acronyms (see load_restorer)
    misspelled_acronyms: frozenset[str] = frozenset()  # listed with D for its expansion's đ (QLDT: quản lý đô thị)
    # unit word's lookup key → place key → spellings: "xa" → "lungcu" → {"Lũng Cú"} (pipeline.fields)
    places: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)
    proposal_cache: dict[tuple[str, str], Candidate | None] = field(default_factory=dict)  # _proposed_reading
    candidate_skeletons: dict[str, tuple[str, ...]] = field(default_factory=dict)  # token → its candidates' skeletons
    word_followers: dict[str, frozenset[str]] = field(init=False)  # "cán" → {"bộ", …}: two_syllable_words by first

    def __post_init__(self) -> None:
        followers: dict[str, set[str]] = {}
        for first, second in self.two_syllable_words:
            followers.setdefault(first, set()).add(second)
        object.__setattr__(self, "word_followers", {k: frozenset(v) for k, v in followers.items()})

    def unreadable(self, core: str) -> bool:
        """True when the channel reads the letters as no syllable at all (margin noise, pipeline.noise)."""
        found = self.generator.candidates(core)
        return not found or found[0].channel_logp < self.params.noise_logp


@functools.cache
def load_restorer(params: RestoreParams) -> Restorer:
    """Lexicon, LM and channel model, loaded once per process."""
    from pipeline.channel import load_channel
    from pipeline.lexicon import load_lexicon
    from pipeline.lm import load_lm

    lexicon = load_lexicon()
    channel = load_channel()
    table = read_candidate_table(shipped_fingerprint(params)) if params.candidate_table else None
    if table is None and params.candidate_table and CANDIDATE_TABLE_PATH.exists():
        print(f"vanban: note: {CANDIDATE_TABLE_PATH.name} was built for other restore params or models and is not "
              "used (restore only runs slower; rebuild it with scripts/build_candidate_table.py)", file=sys.stderr)
    generator = CandidateGenerator(lexicon, channel, params, table)
    if table is None:  # no table built for these params and models: compute the commonest garblings now
        for token in channel.frequent_garblings(params.warm_tokens):
            generator.candidates(token)
    lm = load_lm()
    # The general lists also write some acronyms with a D for the đ of their expansion (QLDT for quản lý đô thị,
    # LĐLD for liên đoàn lao động): those spellings are never a reading, and their key goes to the right one.
    misspelled = frozenset(a for a in lexicon.acronyms if not _d_agrees_with_expansion(a, lexicon.acronym_expansions.get(a)))
    by_key: dict[str, set[str]] = {}
    for acronym in lexicon.acronyms - misspelled:
        by_key.setdefault(skeleton(acronym).upper(), set()).add(acronym)
    # Putting a mark back into a code (TDKT → TĐKT) takes an administrative acronym: one the project lists
    # (office and type codes) or its training text uses. The general lists also hold BĐT (bất đẳng thức),
    # which would turn the code of a Ban Dân tộc (BDT) into it.
    attested = frozenset(a for a in lexicon.acronyms
                         if lexicon.acronym_sources.get(a) == "project" or (a.lower(),) in lm.probs)
    acronym_by_key = {k: a for k, v in by_key.items() if len(v) == 1 and (a := next(iter(v))) in attested}
    symbol_codes()  # imports pipeline.fields: paid while loading, not by the first document with a symbol
    from pipeline.fields import district_spellings, province_spellings, ward_spellings

    places = {"xa": ward_spellings(), "phuong": ward_spellings(), "tran": ward_spellings(),
              "huyen": district_spellings(), "tinh": province_spellings()}
    restorer = Restorer(params, generator, trigram_scorer(lm), acronym_by_key,
                        two_syllable_pairs(lexicon.words), load_names(), attested, misspelled, places)
    # The tables live as long as the process: the garbage collector need not scan their million objects again.
    gc.collect()
    gc.freeze()
    return restorer


@functools.cache
def load_names(path: Path = NAMES_FILE) -> dict[str, dict[str, float]]:
    """Syllables of Vietnamese personal names by role (dictionaries/names.tsv, scripts/build_names.py)."""
    if not path.exists():
        return {}
    return parse_names(path.read_text(encoding="utf-8").splitlines())


def parse_names(rows: list[str]) -> dict[str, dict[str, float]]:
    """`role<TAB>syllable<TAB>count[<TAB>sources]` rows (`#` lines skipped) → role → syllable → ln bonus:
    NAME_BONUS × log(1 + count) / log(1 + NAME_FULL_COUNT), at most NAME_BONUS (a name syllable listed once
    earns about a quarter of what a common one does)."""
    out: dict[str, dict[str, float]] = {}
    full = math.log1p(NAME_FULL_COUNT)
    for row in rows:
        if not row.strip() or row.startswith("#"):
            continue
        role, syllable, count, *_ = row.split("\t")
        out.setdefault(role, {})[syllable] = NAME_BONUS * min(1.0, math.log1p(float(count)) / full)
    middle = out.setdefault("middle", {})
    for syllable, bonus in out.get("given", {}).items():  # a given-name syllable may stand in the middle too
        middle[syllable] = max(bonus, middle.get(syllable, 0.0))
    for role in ("surname", "middle", "given"):  # a line that is nothing but a name: a signature block's
        out[f"{role}-line"] = {k: NAME_LINE_FACTOR * v for k, v in out.get(role, {}).items()}
    return out


def trigram_scorer(lm) -> Callable[[str, str, str], float]:
    """log10 P(w | u v) of a back-off trigram LM (pipeline.lm.SyllableLM), inlined and cached: the decoder asks
    for the same triples over and over, and this is its innermost loop. The cache holds one dict per context
    (u, v), word → score, which _decode reads (and fills) directly for each hypothesis: a look-up by word
    needs no key tuple, and dicts of strings and floats are never scanned by the garbage collector."""
    if lm.order != 3:
        return lambda u, v, w: lm.logprob(w, (u, v))
    oov = lm.oov_logprob
    # The model regrouped by context, so that a score takes one key tuple (the context the decoder holds
    # anyway) instead of one per back-off step: (u, v) → (seen w → log10 P(w | u v), back-off weight of u v),
    # v → (seen w → log10 P(w | v), back-off weight of v), w → log10 P(w).
    unigrams: dict[str, float] = {}
    by_word: dict[str, tuple[dict[str, float], float]] = {}
    by_context: dict[tuple[str, str], tuple[dict[str, float], float]] = {}
    for key, value in lm.probs.items():
        if len(key) == 1:
            unigrams[key[0]] = value
        elif len(key) == 2:
            by_word.setdefault(key[0], ({}, lm.backoffs.get(key[:1], 0.0)))[0][key[1]] = value
        else:
            by_context.setdefault(key[:2], ({}, lm.backoffs.get(key[:2], 0.0)))[0][key[2]] = value
    for key, value in lm.backoffs.items():
        if len(key) == 1:
            by_word.setdefault(key[0], ({}, value))
        elif len(key) == 2:
            by_context.setdefault(key, ({}, value))
    unseen: tuple[dict[str, float], float] = ({}, 0.0)
    contexts: dict[tuple[str, str], dict[str, float]] = {}

    def context(u: str, v: str) -> dict[str, float]:
        """The cached scores after (u, v), by word (created empty on first use)."""
        memo = contexts.get((u, v))
        if memo is None:
            if len(contexts) > LM_CACHE_SIZE:
                contexts.clear()
            memo = contexts[(u, v)] = {}
        return memo

    def compute_in(ctx: tuple[str, str], w: str) -> float:
        """The score of w after the context (u, v), not cached: the same sums as the back-off formula."""
        seen, backoff = by_context.get(ctx, unseen)
        value = seen.get(w)
        if value is None:
            seen, backoff_v = by_word.get(ctx[1], unseen)
            bigram = seen.get(w)
            if bigram is None:
                bigram = backoff_v + unigrams.get(w, oov)
            value = backoff + bigram
        return value

    skeletons: dict[str, str] = {}

    def skeleton_of(w: str) -> str:
        """skeleton(w), cached: the vocabulary is small and its words recur."""
        key = skeletons.get(w)
        if key is None:
            key = skeletons[w] = skeleton(w)
        return key

    # (u, v) → skeleton → the words seen after u v with it ("dan" → ["đán"] after tết nguyên): the readings a
    # context calls for (_with_proposals).
    proposal_index: dict[tuple[str, str], dict[str, list[str]]] = {}
    for ctx, (seen, _backoff) in by_context.items():
        if seen:
            grouped = proposal_index[ctx] = {}
            for w in seen:
                grouped.setdefault(skeleton_of(w), []).append(w)

    def score(u: str, v: str, w: str) -> float:
        memo = contexts.get((u, v))
        if memo is None:
            memo = context(u, v)
        value = memo.get(w)
        if value is None:
            value = memo[w] = compute_in((u, v), w)
        return value

    score.contexts = contexts  # type: ignore[attr-defined]  # read directly by _decode
    score.context = context  # type: ignore[attr-defined]
    score.compute_in = compute_in  # type: ignore[attr-defined]  # what _decode calls when its context memo misses
    score.proposals_in = proposal_index.get  # type: ignore[attr-defined]
    score.skeleton_of = skeleton_of  # type: ignore[attr-defined]
    score.max_logp = _max_trigram_logp(lm)  # type: ignore[attr-defined]  # lets _decode skip hopeless options
    return score


def _max_trigram_logp(lm) -> float:
    """An upper bound of every value `trigram_scorer(lm)` returns: the highest trigram score, or the highest
    back-off weights plus the highest bigram (or backed-off unigram) score (float sums are monotone)."""
    best = {1: lm.oov_logprob, 2: -math.inf, 3: -math.inf}
    for key, value in lm.probs.items():
        if value > best[len(key)]:
            best[len(key)] = value
    backoff = {1: 0.0, 2: 0.0}  # a context without a weight backs off with 0.0
    for key, value in lm.backoffs.items():
        if len(key) in backoff and value > backoff[len(key)]:
            backoff[len(key)] = value
    bigram = max(best[2], backoff[1] + best[1])
    return max(best[3], backoff[2] + bigram)


def two_syllable_pairs(words: frozenset[str]) -> frozenset[tuple[str, str]]:
    """Every adjacent syllable pair inside a dictionary word ("ủy ban nhân" → (ủy, ban), (ban, nhân))."""
    pairs = set()
    for word in words:
        parts = word.split()
        pairs.update(zip(parts, parts[1:], strict=False))
    return frozenset(pairs)


def is_document_mode(text: str, params: RestoreParams) -> bool:
    """True when enough tokens carry letters only Vietnamese has: the text was read as Vietnamese."""
    tokens = [t for t in text.split() if any(c.isalpha() for c in t)]
    if not tokens:
        return False
    marked = sum(1 for t in tokens if any(c in STRICT_VIETNAMESE_CHARS for c in t))
    return marked / len(tokens) >= params.document_mode_share


def _core_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in EDGE_PUNCT:
        end -= 1
    return start, end


def _gate(core: str, raw: str, first: bool, restorer: Restorer, document_mode: bool,
          previous: str = "", line_initial: bool = False) -> tuple[str | None, str]:
    """(fixed LM word, reason) when the token must stay as it is (or map to a known acronym); (None, "")
    when it should get candidates. `previous` is the token before it on the line; `line_initial`: no word
    comes before it on the line (a bullet may)."""
    params = restorer.params
    lexicon = restorer.generator.lexicon
    letters = sum(map(str.isalpha, core))
    digits = sum(map(str.isdigit, core))
    if NUMBER_LABEL_RE.fullmatch(core) and (raw[len(core):].startswith(":") or first and raw[len(core):] == ";"):
        return "số", "label"  # S06: 2241/BC-SNN, $0: 843/HD-UBND, "CÔNG VĂN ĐẾN S6: 913": a number's label
    if first and SUBJECT_LABEL_RE.fullmatch(core):
        return "về", "subject-label"  # "Viv tăng cường công tác …": V/v, read by the LM as the về it stands for
    if letters == 0:
        # A lone `&` may be ở and `$6` số; `¢¢¢` is noise and plain numbers stay.
        junk_only = len(core) <= 3 and digits <= 1 and sum(c in JUNK_CHARS for c in core) == 1
        single_digit = digits == 1 and len(core) == 1 and params.restore_single_digits
        # "14" may be là (l printed as 1, à as 4): like a single digit, the context decides.
        l_pair = len(core) == 2 and core[0] == "1" and core.isdigit() and params.restore_l_digit_pairs
        if document_mode or not (junk_only or single_digit or l_pair):
            return (NUM if digits else UNK), "keep"
        return None, ""
    if WEB_RE.search(core):
        return UNK, "keep"
    if "/" in core or (digits >= 2 and not GARBLED_SYLLABLE_RE.fullmatch(core)):
        mapped = _map_code(core, restorer)
        return (NUM if digits else UNK), ("acronym" if mapped != core else "keep")
    if first and len(core) <= 2 and raw[len(core):][:1] in (")", ".") and raw.startswith(core):
        return _lm_word(core, lexicon), "keep"  # list marker: a) b. đ)
    if ROMAN_RE.match(core) and (first or raw.endswith((".", ")"))):
        return UNK, "keep"
    if len(core) >= 3 and ROMAN_RE.match(core) and not is_valid_syllable(core.lower()):
        return UNK, "keep"  # "lần thứ XIX", "khóa XIV": a numeral no syllable could be read from
    if GARBLED_ROMAN_RE.fullmatch(core) and not _may_be_word(core, previous, restorer):
        return UNK, ("roman" if first or raw.endswith((".", ")")) else "keep")
    if "-" in core or "." in core:
        mapped = _map_code(core, restorer)
        return _lm_word(mapped, lexicon), ("acronym" if mapped != core else "keep")
    if letters >= 2 and all(c.isupper() for c in core if c.isalpha()):
        known = _known_acronym(core, restorer)
        if known is not None:
            return known.lower(), ("acronym" if known != core else "keep")
        if core in lexicon.acronyms and not is_valid_syllable(skeleton(core)):
            return core.lower(), "keep"
        if not any(c in "AEIOUY" for c in skeleton(core).upper()) and digits == 0 and \
                not (len(core) == 2 and core[1] in VOWEL_GLYPH_CAPITALS):
            return UNK, "keep"  # an acronym (no vowel); but SG, SQ may be SỞ, SỢ: the candidates decide
    if document_mode and not (digits > 0 or not JUNK_CHARS.isdisjoint(core)):
        # Already Vietnamese: words the spelling rules reject are often names (Bắc Kạn), so only junk changes,
        # and a syllable's marks, when the context calls for another form strongly (chỉ phí → chi phí).
        # Title case is a name's (their marks are not the LM's to choose), except for a line's first word,
        # capitalised as an item's or a sentence's start ("- Uy ban nhân dân" → Ủy ban).
        title_ok = line_initial and params.document_mark_line_initial
        if params.document_mark_logp is not None and (case_pattern(core) != "title" or title_ok) and \
                core.isalpha() and is_valid_syllable(core.lower()):
            return None, "mark"
        return _lm_word(core, lexicon), "keep"
    return None, ""


def _may_be_word(core: str, previous: str, restorer: Restorer) -> bool:
    """A Roman numeral in mid-line that is also a syllable in capitals (ĐƠN VI → VỊ) gets candidates,
    unless the word before it numbers parts of a text (Chương VI, Mục II)."""
    return bool(previous) and ROMAN_RE.match(core) is not None and is_valid_syllable(core.lower()) and \
        restorer.generator.lookup_key(previous) not in NUMBERED_NOUNS


def _lm_word(token: str, lexicon) -> str:
    """The LM's word for a token kept as it is (pipeline.lm conventions)."""
    if any(c.isdigit() for c in token):
        return NUM
    if token.upper() in lexicon.acronyms and not token.islower():
        return token.lower()
    lower = token.lower()
    return lower if lower in lexicon.syllables else UNK


# Upper-case letters the English model prints for Đ (learned in the channel table; fixed here because an
# acronym has no syllable structure for the channel to work on).
D_STROKE_LOOKALIKES = "PBD"


def _d_agrees_with_expansion(acronym: str, expansion: str | None) -> bool:
    """Each D or Đ of `acronym` stands for a word of its expansion that starts with d or đ alike (true when
    the letters and the words do not pair up)."""
    words = (expansion or "").split()
    if len(words) != len(acronym):
        return True
    return all((letter == "Đ") == (word[0] in "đĐ") for letter, word in zip(acronym, words, strict=True)
               if letter in "DĐ")


def _known_acronym(part: str, restorer: Restorer) -> str | None:
    """The known acronym an upper-case OCR token stands for: TDKT → TĐKT, TPKT → TĐKT (P read for Đ)."""
    if is_valid_syllable(skeleton(part)):
        return None  # a word in capitals (PHAP, TUYEN), not an acronym: the candidates decide
    if part in restorer.generator.lexicon.acronyms and part not in restorer.misspelled_acronyms:
        return part
    known = restorer.acronym_by_key.get(skeleton(part).upper())
    if known is not None:
        return known
    for i, ch in enumerate(part):
        if ch in D_STROKE_LOOKALIKES:
            variant = part[:i] + "Đ" + part[i + 1 :]
            if variant in restorer.attested_acronyms:
                return variant
            known = _with_d_stroke(restorer.acronym_by_key, part, i)  # the other D's too (HPTDKT → HĐTĐKT)
            if known is not None:
                return known
    for joined in _split_d_stroke_variants(part):
        known = _known_acronym(joined, restorer)
        if known is not None and "Đ" in known:
            return known
    return None


def _split_d_stroke_variants(part: str) -> list[str]:
    """`part` with a "DB" read for one Đ (its stroke taken for a second letter: QDB, NDB, DBTN) as a D."""
    return [part[:i] + "D" + part[i + 2 :] for i in range(len(part) - 1) if part[i : i + 2] == "DB"]


def _with_d_stroke(by_key: dict[str, str], part: str, i: int) -> str | None:
    """The entry of `by_key` (keyed by upper-case skeleton) for `part` with its letter at i read as D, when
    that entry writes a Đ: OCR read it as P or B."""
    found = by_key.get(skeleton(part[:i] + "D" + part[i + 1 :]).upper())
    return found if found is not None and "Đ" in found else None


def _type_code_variant(part: str) -> str | None:
    """The document type code (Nghị định 30, Phụ lục III) a symbol's type slot stands for when OCR read its
    Đ as P or B (QP → QĐ, HB → HĐ); None when no variant is one. Asked only of a part that is no type code."""
    for i, ch in enumerate(part):
        if ch in D_STROKE_LOOKALIKES and (code := _with_d_stroke(symbol_codes(), part, i)) is not None:
            return code
    for joined in _split_d_stroke_variants(part):
        code = symbol_codes().get(skeleton(joined).upper())
        if code is not None and "Đ" in code:
            return code
    return None


# Mixed-case issuer codes of document symbols ("733/QĐ-TTg"); source: docs/nd30-document-format.md.
ISSUER_CODES = ("TTg",)


@functools.cache
def symbol_codes() -> dict[str, str]:
    """Type and issuer codes of document symbols by their upper-case, mark-less form: "QD" → "QĐ",
    "ND" → "NĐ", "TTG" → "TTg". A form two codes share (HD: Hướng dẫn, HĐ: Hợp đồng) maps to the code
    written that way, so an OCR form that is itself a code is never changed."""
    from pipeline.fields import DOC_TYPES, NORMATIVE_TYPES

    codes = sorted({c for c in (*DOC_TYPES.values(), *NORMATIVE_TYPES.values(), *ISSUER_CODES) if c})
    by_key: dict[str, list[str]] = {}
    for code in codes:
        by_key.setdefault(skeleton(code).upper(), []).append(code)
    out = {}
    for key, found in by_key.items():
        exact = [c for c in found if c.upper() == key]
        out[key] = exact[0] if exact else found[0] if len(found) == 1 else key
    return out


def _map_code(core: str, restorer: Restorer) -> str:
    """A document symbol with each upper-case part mapped to a known code or acronym:
    733/QD-TTG → 733/QĐ-TTg, 355/SNV-TDKT → 355/SNV-TĐKT; and the "(b/c)" (để báo cáo) of a "Nơi nhận"
    item with its c read as a currency or copyright sign."""
    if REPORT_NOTE_RE.fullmatch(core):
        return core[:2] + ("C" if core[0] == "B" else "c")
    out = []
    codes = symbol_codes()
    parts = re.split(r"([-./])", core)
    for index, part in enumerate(parts):
        known = None
        if len(part) >= 2 and part.isalpha() and part.upper() == part:
            # The part after "number/" is the type slot (12/QP-UBND): a type code there beats an acronym (QP).
            type_slot = index >= 2 and parts[index - 1] == "/" and parts[index - 2].isdigit() and \
                index + 1 < len(parts) and parts[index + 1] == "-"
            known = codes.get(skeleton(part).upper()) or (_type_code_variant(part) if type_slot else None) or \
                _known_acronym(part, restorer)
        out.append(known or part)
    return "".join(out)


def _continues_sentence(line: str, position: int) -> bool:
    """Whether the next word after `position` is lower-case, a number or a Roman numeral ("lần thi? XIV"): a
    sentence that goes on."""
    following = MID_SENTENCE_RE.match(line, position)
    return bool(following) and (following.group(1).islower() or following.group(1).isdigit()
                                or bool(ROMAN_NUMERAL_RE.match(line, following.start(1))))


def _title_word_follows(line: str, position: int) -> bool:
    """The next word after `position` on the line is capitalised and goes on in lower case (Minh, not ỦY)."""
    following = re.match(r"\s+(\S+)", line[position:])
    word = following.group(1) if following else ""
    return len(word) >= 2 and word[0].isupper() and word[1:].islower()


def _slots(line: str, restorer: Restorer, document_mode: bool) -> list[_Slot]:
    """The line's tokens with gate decisions and candidates; punctuation between tokens ends an LM segment
    (as in pipeline.lm)."""
    slots: list[_Slot] = []
    lexicon = restorer.generator.lexicon
    for i, match in enumerate(re.finditer(r"\S+", line)):
        start, end = _core_span(line, *match.span())
        if end + 1 == match.end() and line[end] in "?'’" and any(map(str.isalpha, line[start:end])):
            continues = _continues_sentence(line, match.end())
            no_syllable = match.end() < len(line) and not is_valid_syllable(line[start:end].lower())
            if continues and no_syllable or line[end] == "?" and (continues or no_syllable):
                end += 1  # "lần thi? 21", "Căn ct? Thông tư", "st’ dụng": a hooked vowel's mark, not punctuation
        core = line[start:end]
        if not core:
            if slots:
                slots[-1].break_after = True
            continue
        if slots and start > match.start():
            slots[-1].break_after = True
        if slots and FILED_COPY_RE.fullmatch(core) and _reads_luu(slots[-1], restorer):
            fixed, reason = FILED_COPY.lower(), "filed-copy"  # "Lưu: VI" → Lưu: VT
        else:
            fixed, reason = _gate(core, line[start : match.end()], i == 0, restorer, document_mode,
                                  slots[-1].core if slots and not slots[-1].break_after else "", not slots)
        if reason == "mark" and not slots and case_pattern(core) == "title" and \
                _listed_as_written(core, (restorer.names or {}).get("surname", {})) and _title_word_follows(line, match.end()):
            fixed, reason = _lm_word(core, lexicon), "keep"  # "Điểu Minh Thạnh": a listed surname opens a name
        candidates: tuple[Candidate, ...] = ()
        if fixed is None and reason == "mark":
            candidates = _mark_variants(core, restorer)
            if len(candidates) < 2:
                fixed, reason = _lm_word(core, lexicon), "keep"
        elif fixed is None:
            candidates = restorer.generator.candidates(core)
            if not candidates:
                fixed, reason = _lm_word(core, lexicon), "keep"
            else:
                reason = "channel"
        slot = _Slot(start, end, core, candidates, fixed, reason, text=FIXED_TEXTS.get(reason))
        slot.break_after = end < match.end()
        slots.append(slot)
    return slots


def _mark_variants(core: str, restorer: Restorer) -> tuple[Candidate, ...]:
    """A correct-looking syllable of Vietnamese OCR as it is (channel 0) and its skeleton's other frequent
    forms at `document_mark_logp`: Tesseract `vie` misreads marks (chỉ for chi, TÍNH for TỈNH), and only an
    LM that strongly prefers another form outweighs that cost."""
    generator = restorer.generator
    lower = core.lower()
    forms = generator.forms.get(skeleton(lower), ())
    pattern = case_pattern(core)
    floor = generator.unigram_floor_ln
    out = [Candidate(core, (sys.intern(lower),), 0.0, generator.unigram_ln.get(lower, floor))]
    cost = restorer.params.document_mark_logp
    for form in forms[: restorer.params.document_mark_forms]:
        if form != lower:
            out.append(Candidate(apply_case(form, pattern), (form,), cost, generator.unigram_ln.get(form, floor)))
    return tuple(out)


def _reads_luu(slot: _Slot, restorer: Restorer) -> bool:
    """The slot is the label "Lưu" (also garbled: Liu, Litu) that a filed copy follows."""
    return restorer.generator.lookup_key(slot.core) == "luu" or \
        slot.break_after and any(c.words == ("lưu",) for c in slot.candidates)


def _is_title_token(slot: _Slot) -> bool:
    return slot.fixed is None and bool(slot.candidates) and slot.core[:1].isupper() and \
        case_pattern(slot.core) == "title"


def _mark_name_runs(slots: list[_Slot], restorer: Restorer) -> None:
    """Give each slot of a personal name (a run of 2–4 Title-Case tokens, after an honorific if any, not
    broken by punctuation, whose first token may read as a surname) the name syllables of its role: surname
    first, given name last, middle names (parse_names adds the given-name syllables to them) between."""
    names = restorer.names
    if not names:
        return
    surnames = names.get("surname", {})
    given = names.get("given", {})
    middle = names.get("middle", {})
    lookup_key = restorer.generator.lookup_key
    i = 0
    while i < len(slots):
        if not _is_title_token(slots[i]):
            i += 1
            continue
        j = i + 1
        while j < len(slots) and not slots[j - 1].break_after and _is_title_token(slots[j]):
            j += 1
        run = slots[i:j]
        while run and lookup_key(run[0].core) in HONORIFIC_KEYS:
            run = run[1:]
        if run and j < len(slots) and not slots[j - 1].break_after and _starts_word(run[-1], slots[j], restorer):
            run = run[:-1]  # "Vụ Thi đua": the last capitalised token begins a word with the next one
        if NAME_RUN[0] <= len(run) <= NAME_RUN[1] and (any(c.words[0] in surnames for c in run[0].candidates) or
                                                      _listed_as_written(run[0].core, surnames)):
            whole = i == 0 and j == len(slots)
            run[0].name_words = names.get("surname-line", surnames) if whole else surnames
            run[-1].name_words = names.get("given-line", given) if whole else given
            for slot in run[1:-1]:
                slot.name_words = names.get("middle-line", middle) if whole else middle
            if whole:  # middle names stay with the LM, which knows Văn and Thị well
                _settle_name_syllable(run[0])
                _settle_name_syllable(run[-1])
            elif len(run) >= NAME_RUN_SURNAME_SETTLED:
                _settle_name_syllable(run[0])  # "UBND tỉnh Tran Chau Minh": Trần, not trân as in trân châu
        i = j


BODY_LEVEL_UNITS = ("tinh", "huyen")  # … whose Party committee and Youth Union are "Tỉnh ủy X", "Huyện đoàn X"
BODY_OF_LEVEL = ("uy", "doan")
PLACE_RUN_WORDS = (3, 2)  # syllables of a place name looked up after its unit word, longest first (one: too many)


def _mark_place_runs(slots: list[_Slot], restorer: Restorer) -> None:
    """After xã / phường / thị trấn, huyện or tỉnh, a run of capitalised tokens whose letters only one ward,
    district or province name of the gazetteer has ("xa Lung Cu" → Lũng Cú) is read as that name, when its
    syllables are among the tokens' readings: OCR erased the marks, and the LM knows few commune names; also
    after a province's or district's Party committee or Youth Union ("Tinh Doan Quang Nam", "Huyen uy"). (Not
    after phố or quận: "PHÓ HIỆU TRƯỞNG", "CƠ QUAN CÔNG AN"; and a ward's name after "tỉnh" is a person's:
    "tỉnh Trần Châu Minh".)"""
    places = restorer.places
    if not places:
        return
    lookup_key = restorer.generator.lookup_key
    for i, unit in enumerate(slots[:-1]):
        unit_key = lookup_key(unit.core)
        table = places.get(unit_key) if not unit.break_after else None
        if not table:
            continue
        if _settle_place_run(slots[i + 1:i + 1 + PLACE_RUN_WORDS[0]], table, lookup_key):
            continue  # "huyen Doan Hung": Đoan Hùng, though Đoàn may also open "Huyện đoàn X"
        body = slots[i + 1]
        if unit_key in BODY_LEVEL_UNITS and lookup_key(body.core) in BODY_OF_LEVEL and not body.break_after:
            # "TỈNH ĐOÀN QUANG NAM", "Huyện ủy Dai Loc": the Youth Union's or Party's body of that unit
            _settle_place_run(slots[i + 2:i + 2 + PLACE_RUN_WORDS[0]], table, lookup_key)


def _settle_place_run(following: list[_Slot], table: dict[str, frozenset[str]], lookup_key: Callable) -> bool:
    """Read the capitalised tokens opening `following` as the place of `table` their letters spell, when
    only one place has them and its syllables are among their readings; True when they spell any place."""
    run: list[_Slot] = []
    for slot in following:
        if slot.fixed is not None or not slot.candidates or not slot.core[:1].isupper():
            break
        run.append(slot)
        if slot.break_after:
            break
    for n in (n for n in PLACE_RUN_WORDS if n <= len(run)):
        names = table.get("".join(lookup_key(slot.core) for slot in run[:n]))
        if names is None:
            continue
        words = next(iter(names)).lower().split()
        if len(names) == 1 and len(words) == n:
            readings = [[c for c in slot.candidates if c.words == (word,)] for slot, word in zip(run, words, strict=False)]
            if all(readings):
                for slot, found in zip(run, readings, strict=False):
                    slot.candidates = (found[0],)
        return True
    return False


def _listed_as_written(core: str, names: dict[str, float]) -> bool:
    """A token that may stay as OCR read it and is a listed name so (Ksor, Niê: no Kinh syllable, so no
    candidate reads as one)."""
    return _may_stay(core) and nfc(core.lower()) in names


def _starts_word(slot: _Slot, following: _Slot, restorer: Restorer) -> bool:
    """Some reading of `slot` and some reading of the slot after it form a two-syllable dictionary word."""
    followers = restorer.word_followers
    nexts = {c.words[0] for c in following.candidates} if following.fixed is None else {following.fixed}
    return any(not nexts.isdisjoint(followers.get(c.words[-1], ())) for c in slot.candidates)


def _settle_name_syllable(slot: _Slot) -> None:
    """The first and last syllables of a line that is nothing but a name (a signature) are a surname and a
    given name, about which the LM of running text knows nothing useful (it prefers Tư as in đầu tư to Tú, and Lường Văn
    to Lương Văn after the few names its training texts sign with): the reading is settled here by the
    channel and how common it is in that role, when any reading is one."""
    names = slot.name_words or {}
    readings = [c for c in slot.candidates if len(c.words) == 1 and c.words[0] in names]
    if readings:
        slot.candidates = (max(readings, key=lambda c: (c.channel_logp + names[c.words[0]], c.text)),)


def _may_stay(core: str) -> bool:
    """A token not in the lexicon may still be right as it is (a name, a foreign word) unless it has
    digits, OCR junk glyphs or Vietnamese marks in an impossible place."""
    if any(c.isdigit() or c in JUNK_CHARS or not (c.isalpha() or c in "-'’") for c in core):
        return False
    return not any(ord(c) > 127 for c in core) or is_valid_syllable(core)


def _identity_candidate(slot: _Slot, restorer: Restorer) -> Candidate:
    """Keeping the token as OCRed: a word the LM does not know (or a number), at a fixed channel cost."""
    if any(c.isdigit() for c in slot.core) and not any(c in JUNK_CHARS for c in slot.core) and \
            not LETTERS_THEN_DIGIT_RE.fullmatch(slot.core) and not DIGIT_LED_SYLLABLE_RE.fullmatch(slot.core):
        return Candidate(slot.core, (NUM,), restorer.params.keep_number_logp, 0.0)
    # With an OCR junk glyph ($6, ¢6) a kept token is no number to the LM either, nor is a lower-case syllable
    # whose last vowel OCR printed as a digit (x3 xã, n6 nổ) or whose l or o it printed as 1 or 0 (106i lỗi):
    # it keeps only at the unknown word's cost.
    return Candidate(slot.core, (UNK,), restorer.params.keep_unknown_logp, 0.0)


def _decode(slots: list[_Slot], restorer: Restorer,
            start: tuple[str, str] = (LINE_START, LINE_START)) -> tuple[list[tuple[Candidate | None, float]], tuple[str, str]]:
    """Beam search over the line: (chosen candidate or None for fixed tokens, its local score) per slot,
    and the LM context the line ends in. `start` is the context the line begins in: the previous line's last
    two words when the page wrapped a sentence, LINE_START (back-off to unigrams) otherwise.

    A hypothesis is (score, (u, v) = its last two LM words, back-pointer); hypotheses with the same last two
    words are merged (Viterbi over trigram states), and at most `beam_width` survive each token."""
    params = restorer.params
    score_lm = restorer.lm_score
    # trigram_scorer's memo, one dict per LM context; any other scorer gets one for this line.
    contexts = getattr(score_lm, "contexts", None)
    context_of = getattr(score_lm, "context", None)
    compute_in = getattr(score_lm, "compute_in", None)
    proposals_in = getattr(score_lm, "proposals_in", None) if params.context_proposals else None
    if compute_in is None:
        compute_in = lambda ctx, w: score_lm(ctx[0], ctx[1], w)  # noqa: E731
    if contexts is None or context_of is None:
        contexts = {}
        context_of = lambda u, v: contexts.setdefault((u, v), {})  # noqa: E731
    contexts_get = contexts.get
    pairs = restorer.two_syllable_words
    followers_get = restorer.word_followers.get
    no_followers: frozenset[str] = frozenset()
    word_bonus = params.word_bonus
    lm_weight = params.lm_weight * LN10
    beam_width = params.beam_width
    margin = params.decode_margin
    unigram_weight = params.unigram_weight
    lm_ceiling = lm_weight * getattr(score_lm, "max_logp", math.inf)  # no LM score is higher than this
    bonus_ceiling = max(word_bonus, 0.0)
    first = itemgetter(0)
    # An OCR line usually starts and ends mid-sentence (the page wrapped it), so a line end costs nothing;
    # punctuation inside the line ends an LM segment as in training.
    beam: list[tuple[float, tuple[str, str], tuple]] = [(0.0, start, ())]
    for slot in slots:
        if slot.fixed is not None:
            word = slot.fixed
            fixed_beam = []
            for score, ctx, back in beam:
                memo = contexts_get(ctx)
                if memo is None:
                    memo = context_of(*ctx)
                lp = memo.get(word)
                if lp is None:
                    lp = memo[word] = compute_in(ctx, word)
                fixed_beam.append((score + lm_weight * lp, (ctx[1], word), (back, None, 0.0)))
            beam = fixed_beam
        else:
            options = slot.candidates
            name_words = slot.name_words
            core = slot.core
            if core.isdigit():
                options = options + (Candidate(core, (NUM,), restorer.generator.channel.logp(core, core), 0.0),)
            elif all(c.text != core for c in options) and (_may_stay(core) or not core.isalpha()):
                options = options + (_identity_candidate(slot, restorer),)
            if proposals_in is not None and slot.candidates and slot.reason != "mark":
                options = _with_proposals(options, slot, beam, proposals_in, restorer)
            if len(options) > 1 and len(beam) > 1:
                # Score every option's first word after each hypothesis within `decode_margin` of the best one
                # (channel, prior, LM and name bonus; not the word bonus, at most `word_bonus`), and expand just
                # the options that come within `decode_margin` of the best so reached: the rest cannot catch up
                # in practice. Every such hypothesis counts, not only the best: after "khan" the best may be
                # khăn, while trương needs khẩn before it ("khẩn trương").
                top = max(beam, key=first)[0]
                first_words = [c.words[0] for c in options]
                fixed_parts = [c.channel_logp + unigram_weight * c.prior_logp
                               + (name_words.get(c.words[0], 0.0) if name_words and len(c.words) == 1 else 0.0)
                               for c in options]
                local_best = [-math.inf] * len(options)
                for score, ctx, _back in beam:
                    gap = score - top
                    if gap < -margin:
                        continue
                    memo = contexts_get(ctx)
                    if memo is None:
                        memo = context_of(*ctx)
                    for k, w0 in enumerate(first_words):
                        lp = memo.get(w0)
                        if lp is None:
                            lp = memo[w0] = compute_in(ctx, w0)
                        x = gap + fixed_parts[k] + lm_weight * lp
                        if x > local_best[k]:
                            local_best[k] = x
                cutoff = max(local_best) - margin
                options = tuple(c for x, c in zip(local_best, options, strict=True) if x >= cutoff)
            bases = []
            for cand in options:
                base = cand.channel_logp + unigram_weight * cand.prior_logp
                words = cand.words
                if len(words) == 1:
                    if name_words:
                        base += name_words.get(words[0], 0.0)
                    # No LM score and word bonus can lift `local` above this (float sums are monotone).
                    bases.append((cand, base, words[0], base + lm_ceiling + bonus_ceiling))
                else:
                    bases.append((cand, base, None, 0.0))
            expanded: dict[tuple[str, str], tuple[float, tuple[str, str], tuple]] = {}
            expanded_get = expanded.get
            for score, ctx, back in beam:
                u0, v0 = ctx
                memo = contexts_get(ctx)
                if memo is None:
                    memo = context_of(u0, v0)
                memo_get = memo.get
                followers = followers_get(v0, no_followers)
                for cand, base, single, ceiling in bases:
                    if single is not None:  # one syllable: the common case, without the inner loop
                        state = (v0, single)
                        prev = expanded_get(state)
                        if prev is not None and score + ceiling <= prev[0]:
                            continue  # cannot beat the hypothesis already in this state: skip the LM
                        lp = memo_get(single)
                        if lp is None:
                            lp = memo[single] = compute_in(ctx, single)
                        local = base + lm_weight * lp
                        if single in followers:
                            local += word_bonus
                    else:
                        local = base
                        u, v = ctx
                        for w in cand.words:
                            local += lm_weight * score_lm(u, v, w)
                            if (v, w) in pairs:
                                local += word_bonus
                            u, v = v, w
                        state = (u, v)
                        prev = expanded_get(state)
                    total = score + local
                    if prev is None or total > prev[0]:
                        expanded[state] = (total, state, (back, cand, local))
            # Stable: among equal scores the first expanded stays first.
            beam = sorted(expanded.values(), key=first, reverse=True)[:beam_width] if len(expanded) > beam_width \
                else list(expanded.values())
        if slot.break_after:
            best = max(((s + lm_weight * score_lm(u, v, EOS), back) for s, (u, v), back in beam), key=first)
            beam = [(best[0], (LINE_START, BOS), best[1])]
    best = max(beam, key=first)
    end = best[1]
    choices: list[tuple[Candidate | None, float]] = []
    back = best[2]
    while back:
        back, cand, local = back
        choices.append((cand, local))
    choices.reverse()
    return choices, end


def _with_proposals(options: tuple[Candidate, ...], slot: _Slot, beam: list, proposals_in: Callable,
                    restorer: Restorer) -> tuple[Candidate, ...]:
    """The options plus the readings that training text continues a hypothesis' context with, of a skeleton
    some candidate has: the generator keeps only a skeleton's most frequent forms, and a rarer one (đán in
    Tết Nguyên đán) comes in when the words before it call for it. The channel still scores it."""
    skeletons = restorer.candidate_skeletons.get(slot.core)
    if skeletons is None:
        if len(restorer.candidate_skeletons) > LM_CACHE_SIZE:
            restorer.candidate_skeletons.clear()
        skeleton_of = restorer.lm_score.skeleton_of  # type: ignore[attr-defined]
        skeletons = restorer.candidate_skeletons[slot.core] = tuple(dict.fromkeys(
            skeleton_of(c.words[0]) for c in slot.candidates if len(c.words) == 1))
    found: list[str] = []
    for _score, ctx, _back in beam:
        index = proposals_in(ctx)
        if index:
            for key in skeletons:
                words = index.get(key)
                if words:
                    found += words
    if not found:
        return options
    have = {c.words[0] for c in options}
    extra = []
    for word in found:
        if word not in have:
            have.add(word)
            cand = _proposed_reading(slot, word, restorer)
            if cand is not None:
                extra.append(cand)
    return options + tuple(extra) if extra else options


def _proposed_reading(slot: _Slot, word: str, restorer: Restorer) -> Candidate | None:
    """`word` as a reading of the slot's token, cased like it and scored by the channel; None when it is no
    syllable of the lexicon or scores below the generator's own pruning floor for the token."""
    key = (slot.core, word)
    cache = restorer.proposal_cache
    if key in cache:
        return cache[key]
    if len(cache) > LM_CACHE_SIZE:
        cache.clear()
    generator = restorer.generator
    cand = None
    prior = generator.unigram_ln.get(word)
    if prior is not None and generator.lexicon.syllables[word] >= restorer.params.min_unigram_log10:
        text = apply_case(word, case_pattern(slot.core))
        channel_logp = generator.channel.logp(text, slot.core)
        weight = restorer.params.prune_prior_weight
        best = slot.candidates[0]
        if channel_logp + weight * prior >= best.channel_logp + weight * best.prior_logp - restorer.params.candidate_beam:
            cand = Candidate(text, (word,), channel_logp, prior)
    cache[key] = cand
    return cand


def _is_junk(slot: _Slot, params: RestoreParams) -> bool:
    """A token that reads as nothing: no letters and no number, letters that are no syllable or acronym, or
    a best reading the channel finds very unlikely."""
    if slot.fixed is not None:
        return slot.fixed == UNK and slot.reason == "keep" and not slot.core.isupper() and \
            not GARBLED_ROMAN_RE.fullmatch(slot.core) and not ROMAN_RE.match(slot.core)
    return not any(c.isalnum() for c in slot.core) or slot.candidates[0].channel_logp < params.junk_logp


def _mostly_lower(line: str, restorer: Restorer) -> bool:
    """Running text rather than a heading. Codes (312/KH-UBND, UBND) are capitals in any line: only the
    letters of words count."""
    is_acronym = restorer.generator.lexicon.is_acronym
    letters = [c for tok in line.split() if not any(ch.isdigit() or ch == "/" for ch in tok)
               and not (tok.strip(EDGE_PUNCT).isupper() and is_acronym(tok.strip(EDGE_PUNCT)))
               for c in tok if c.isalpha()]
    return sum(c.isupper() for c in letters) < MOSTLY_LOWER_UPPER_SHARE * len(letters)


def _among_capital_words(slots: list[_Slot], index: int, restorer: Restorer) -> bool:
    """The words next to slot `index` are all in capitals (a side may be the line's edge, a number, a code
    or an acronym: no evidence either way)."""
    is_acronym = restorer.generator.lexicon.is_acronym
    near = [w for j in (index - 1, index + 1) if 0 <= j < len(slots)
            and any(map(str.isalpha, w := slots[j].core)) and not any(c.isdigit() or c == "/" for c in w)
            and not (w.isupper() and is_acronym(w))]
    return bool(near) and all(sum(map(str.isalpha, w)) >= 2 and w.isupper() for w in near)


def _before_title_word(slots: list[_Slot], index: int) -> bool:
    """The next token is a word in Title Case (`$6 Tư pháp`: the name of an office)."""
    after = slots[index + 1].core if index + 1 < len(slots) else ""
    return sum(map(str.isalpha, after)) >= 2 and after[:1].isupper() and not after.isupper()


def _among_title_words(slots: list[_Slot], index: int) -> bool:
    """The words next to slot `index` (one side may be the line's edge) are in Title Case or lower case,
    none in capitals: its own capitals are then no heading's."""
    near = [slots[j].core for j in (index - 1, index + 1) if 0 <= j < len(slots)]
    words = [w for w in near if sum(map(str.isalpha, w)) >= 2]
    return bool(words) and len(words) == len(near) and \
        all(2 * sum(map(str.isupper, w)) < sum(map(str.isalpha, w)) for w in words)


def _closes_quote(line: str, at: int) -> bool:
    """The mark at `line[at]` closes a quotation opened by a quote mark at a word's start earlier in the line
    ('co so', ‘nhu’): it is punctuation, not the horn of the letter before it."""
    opened = [m.end() for m in QUOTE_OPEN_RE.finditer(line, 0, at)]
    return bool(opened) and not QUOTE_CLOSE_RE.search(line, opened[-1], at)


def _line_slots(line: str, restorer: Restorer, document_mode: bool) -> tuple[list[_Slot], bool]:
    """The line's slots (personal-name runs marked), and whether the line is hopeless (mostly junk)."""
    slots = _slots(line, restorer, document_mode)
    if slots and not document_mode:
        junk = sum(1 for s in slots if _is_junk(s, restorer.params))
        if len(slots) >= 3 and junk / len(slots) > restorer.params.hopeless_line_share:
            return slots, True
    _mark_place_runs(slots, restorer)  # first: "phường Bắc Nha Trang" is no name run of a surname Bạc
    _mark_name_runs(slots, restorer)
    return slots, False


def _context_after(slots: list[_Slot], choices: list[tuple[Candidate | None, float]],
                   start: tuple[str, str]) -> tuple[str, str]:
    """The LM context after the chosen readings of `slots` (as _decode's hypotheses carry it)."""
    u, v = start
    for slot, (cand, _score) in zip(slots, choices, strict=False):
        for w in (cand.words if cand is not None else (slot.fixed,)):
            u, v = v, w
        if slot.break_after:
            u, v = LINE_START, BOS
    return u, v


def _restore_slots(line: str, slots: list[_Slot], restorer: Restorer, start: tuple[str, str],
                   lookahead: list[_Slot] | None = None) -> tuple[str, list[tuple], tuple[str, str]]:
    """Decode one line's slots and write the restored line. `lookahead`: the first slots of the next line
    when the sentence runs on into it, so that the line's last words are chosen knowing what follows
    ("Kế hoạch s" + "312/KH-UBND" → số); only the line's own choices are kept."""
    if not slots:  # an empty line (OCR often leaves one between wrapped lines) does not end the sentence
        return line, [], start if not line.strip() else (LINE_START, LINE_START)
    if lookahead:
        choices, _end = _decode(slots + lookahead, restorer, start)
        choices = choices[: len(slots)]
        end_context = _context_after(slots, choices, start)
    else:
        choices, end_context = _decode(slots, restorer, start)
    out, edits, cursor = [], [], 0
    mostly_lower = _mostly_lower(line, restorer) if any(c is not None and c.text.isupper() for c, _s in choices) \
        else False  # only an all-capital reading is ever re-cased
    for index, (slot, (cand, score)) in enumerate(zip(slots, choices, strict=True)):
        if cand is not None and slot.reason == "mark":
            new, reason = cand.text, "mark"  # correct text: cased like the token already; no case repair
        elif cand is not None:
            new, reason = cand.text, ("split" if len(cand.words) > 1 else slot.reason)
            letters = sum(map(str.isalpha, slot.core))
            if letters <= 2 and not new.isupper() and not slot.core[:1].islower() and \
                    line[slot.end : slot.end + 1] != ":" and _among_capital_words(slots, index, restorer):
                new = new.upper()  # "T6 CHUC", "Uy BAN", "$0 NOI VU": too few letters to show the capitals
            elif not letters and new.islower() and (
                    index == 0 and (line[slot.end : slot.end + 1] == ":" or line[: slot.start].strip() in LIST_BULLETS)
                    or _before_title_word(slots, index)):
                # `$6:` → Số: a label, `- $6 Tài chính`, `với $6 Tư pháp` → Sở: a letterless token has no case
                # to copy, so it takes a label's, an item's or a name's.
                new = new[:1].upper() + new[1:]
            first_letter = next((c for c in slot.core if c.isalpha()), "")
            if mostly_lower and new.isupper() and first_letter.islower():
                new = new.lower()  # `co sO` in running text: a lower-case word with an OCR capital (cơ sở)
            elif len(new) <= SHORT_CAPITALS_MAX_LEN and new.isupper() and len(cand.words) == 1 and \
                    (mostly_lower or _among_title_words(slots, index)):
                # "BO", "SO", "NOi" inside running text or before a name in Title Case ("- SO Xay dung"): a
                # capital whose marked vowel OCR read as a capital (Bộ, Sở, Nội), not an all-capital word.
                new = new[:1] + new[1:].lower()
        elif slot.reason == "acronym":
            new, reason = _map_code(slot.core, restorer), "acronym"
        elif slot.text is not None:
            new, reason = slot.text, slot.reason
        elif slot.reason == "roman":
            new, reason = slot.core.translate(ROMAN_LOOKALIKES), "roman"  # IIL, Ill at a heading → III
        else:
            new, reason = slot.core, "keep"
        out.append(line[cursor : slot.start])
        end, core = slot.end, slot.core
        if new != core and end < len(line) and line[end] in HORN_MARKS and core[-1:] in "uoyUOY" \
                and new[-1:] in HORNED and not _closes_quote(line, end):
            end, core = end + 1, line[slot.start : end + 1]  # "ty’" → "tự": the apostrophe was the horn
        if new != core:
            edits.append((slot.start, end, core, new, score, reason))
        out.append(new)
        cursor = end
    out.append(line[cursor:])
    return "".join(out), edits, end_context


def _page_at(page: int, line: str, pos: int) -> int:
    """The 1-based page of `line[pos]`, the line starting on `page`: the OCR stage joins pages with a form feed
    in mid-line ("last line of page 1\ffirst line of page 2")."""
    return page + line[:pos].count("\f")


def restore_text(text: str, params: RestoreParams, restorer: Restorer | None = None) -> RestoredText:
    """Restore a document's text (pure: same input and params → same output), line for line."""
    restorer = restorer or load_restorer(params)
    text = nfc(text)
    document_mode = is_document_mode(text, params)
    lines = text.split("\n")
    lexicon = restorer.generator.lexicon
    prepared: list[_PreparedLine] = []
    last_letter = ""  # the letter of the last lettered item (a), b) …) seen
    for line in lines:
        line = line.removesuffix("\r")  # CRLF input: the \r is put back after the line is restored
        feeds = len(line) - len(line.lstrip("\f"))
        rest = line[feeds:]
        cut = margin_cut(rest, lexicon.forms_by_skeleton, lexicon.acronyms, restorer.unreadable,
                         restorer.generator.lookup_key) \
            if params.cut_margin_noise else MarginCut(0, len(rest))
        body = line[:feeds] + rest[cut.start : cut.end]
        breaks = joined_word_breaks(body, lexicon.acronyms) if params.split_joined_words and not document_mode \
            else []
        for b in breaks:
            body = body[:b] + " " + body[b + 1 :]  # "Cac-phong" → "Cac phong": same length, same offsets
        slots, hopeless = _line_slots(body, restorer, document_mode)
        if not hopeless:
            last_letter = _follow_list_letters(body, slots, last_letter, restorer)
        prepared.append(_PreparedLine(feeds, cut, body, breaks, slots, hopeless))
    out_lines, changes, flagged = [], [], []
    page, tokens = 1, 0
    context = (LINE_START, LINE_START)
    for line_no, raw_line in enumerate(lines, start=1):
        line = raw_line.removesuffix("\r")
        page_here = page + line.count("\f") if line.startswith("\f") else page
        if "\f" in line:
            context = (LINE_START, LINE_START)  # a new page: the text does not run on
        tokens += sum(1 for m in re.finditer(r"\S+", line) if m.group().strip(EDGE_PUNCT))
        feeds, cut, body, breaks, slots, hopeless = prepared[line_no - 1]
        rest = line[feeds:]
        if hopeless:  # flagged and left exactly as it was: no margin cut, no joined-word split either
            context = (LINE_START, LINE_START)
            flagged.append(line_no)
            changes.append(TokenChange(page_here, line_no, 0, len(line), 0, len(line), line, line, 0.0,
                                       "hopeless-line"))
            out_lines.append(raw_line)
            page += line.count("\f")
            continue
        new, edits, context = _restore_slots(body, slots, restorer, context,
                                             _lookahead(prepared, line_no, lines, params))
        for b in breaks:
            at = b + sum(len(r) - (e - s_) for s_, e, _o, r, _sc, _re in edits if e <= b)
            changes.append(TokenChange(_page_at(page, line, b + cut.start), line_no, b + cut.start, b + cut.start + 1,
                                       at, at + 1, line[b + cut.start], " ", 0.0, "split"))
        if cut.start > 0:
            changes.append(TokenChange(page + feeds, line_no, feeds, feeds + cut.start, feeds, feeds,
                                       rest[: cut.start], "", 0.0, "noise"))
        shift = 0
        for start, end, original, restored, score, reason in edits:
            changes.append(TokenChange(_page_at(page, line, start + cut.start), line_no, start + cut.start,
                                       end + cut.start, start + shift, start + shift + len(restored), original,
                                       restored, round(score, 3), reason))
            shift += len(restored) - len(original)
        if cut.end < len(rest):
            changes.append(TokenChange(_page_at(page, line, feeds + cut.end), line_no, feeds + cut.end, len(line),
                                       len(new), len(new), rest[cut.end :], "", 0.0, "noise"))
        out_lines.append(new + raw_line[len(line):])
        page += line.count("\f")
    return RestoredText("\n".join(out_lines), tuple(changes), tuple(flagged), document_mode, tokens)


def _follow_list_letters(body: str, slots: list[_Slot], last_letter: str, restorer: Restorer) -> str:
    """Read a line's item letter from the one before it: a second d) is đ), and a glyph (¢), €)) stands for
    the letter that comes next. Returns the letter of this line's item, or `last_letter` when it has none."""
    marker = LIST_MARKER_AT_START_RE.match(body.lstrip("\f"))
    if not marker or not slots or slots[0].core != marker.group(1):
        return last_letter
    seen = marker.group(1)
    low = seen.lower()
    following = LIST_LETTERS[LIST_LETTERS.index(last_letter) + 1] if last_letter and last_letter != LIST_LETTERS[-1] \
        else ""
    if low in LIST_LETTERS:
        letter = "đ" if low == "d" and last_letter == "d" else low  # D) after D) in capitals is Đ) too
    elif following and (not seen.isalnum() or seen.isalpha()):
        letter = following  # ¢) after b) is c); no item letter has a mark (ở) after c) is d))
    else:
        return last_letter
    written = letter.upper() if seen.isupper() else letter
    if written != seen:
        first = slots[0]
        first.candidates, first.fixed, first.text, first.reason = (), _lm_word(letter, restorer.generator.lexicon), \
            written, "list-marker"
    return letter


def _lookahead(prepared: list[_PreparedLine], line_no: int, lines: list[str], params: RestoreParams) -> list[_Slot]:
    """The first slots of the next line with any, when the sentence runs on into it: not after punctuation
    at the line's end, not across a page break or a hopeless line."""
    slots = prepared[line_no - 1].slots
    if not params.lookahead_slots or not slots or slots[-1].break_after:
        return []
    for following, after in zip(lines[line_no:], prepared[line_no:], strict=True):
        if "\f" in following or after.hopeless:
            return []
        if after.slots:
            return after.slots[: params.lookahead_slots]
        if following.strip():
            return []  # a line of punctuation only ends the sentence
    return []


def change_rows(restored: RestoredText) -> list[dict]:
    """changes.jsonl rows: one per changed token, plus one per flagged line (reason "hopeless-line",
    original = restored = the whole line, left as it was)."""
    return [
        {"page": c.page, "line": c.line, "char_start": c.char_start, "char_end": c.char_end,
         "restored_start": c.restored_start, "restored_end": c.restored_end, "original": c.original,
         "restored": c.restored, "score": c.score, "reason": c.reason}
        for c in restored.changes
    ]


def run_restore(sources: list[tuple[str, Path]], out: Path, params: Params, report: StageReport) -> None:
    """Restore each (doc_id, text file) into out/restored/<doc>.txt and <doc>.changes.jsonl; a file that
    cannot be read is reported and the batch goes on."""
    from pipeline.batch import report_failure, run_tasks
    from pipeline.paths import restored_changes, restored_text
    from pipeline.store import atomic_write_jsonl, atomic_write_text

    started = time.perf_counter()
    restorer = load_restorer(params.restore)

    def restore_one(source: tuple[str, Path]) -> RestoredText:
        doc_id, path = source
        restored = restore_text(read_text_file(path), params.restore, restorer)
        atomic_write_text(restored_text(out, doc_id), restored.text)
        atomic_write_jsonl(restored_changes(out, doc_id), change_rows(restored))
        return restored

    for (_doc_id, path), result, exc in run_tasks(restore_one, sorted(sources), None, desc="restore"):
        if exc is not None:
            report_failure(report, path, exc, stage="restore")
        elif result is not None:
            report.documents += 1
    report.seconds += time.perf_counter() - started
