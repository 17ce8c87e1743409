"""Channel model: how OCR with Tesseract's English model garbles Vietnamese tokens, learned from (true, garbled)
token pairs that scripts/make_channel_pairs.py makes by rendering and OCRing clean text.

P(garbled | true) combines two parts:
- a segment table: the true and garbled tokens are aligned character by character (rapidfuzz opcodes), adjacent
  edits are merged into one segment (`ức→irc` is one segment `ứ→ir`), and P(garbled segment | true segment) is
  counted; unseen segments back off to a cost that is cheap when only the mark differs (same base letter);
- a memory of whole-token garblings (`Độc→Poc`), interpolated with the segment score when the token is frequent.
Upper and lower case are kept apart (`Đ→P/B` is an upper-case confusion), with a lower-case backoff.

Built by scripts/build_channel.py into models/channel.tsv.gz (plain TSV: kind, true, garbled, count).
"""

from __future__ import annotations

import functools
import gzip
import heapq
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from pipeline.resources import project_path
from pipeline.vietnamese import split_tone

CHANNEL_PATH = project_path("models") / "channel.tsv.gz"

SEGMENT_MAX_LEN = 3  # longest true/garbled segment kept in the table (characters)
SEGMENT_SMOOTHING = 1.0  # added to a true segment's count: unseen garblings keep some mass
MEMORY_PRIOR = 5.0  # a token seen this often gets half of MEMORY_MAX_WEIGHT from the whole-token memory
MEMORY_MAX_WEIGHT = 0.5  # the memory never silences the segment model: real scans garble in new ways too
IDENTITY_UNSEEN_LOGP = math.log(0.5)  # a character kept as is that training never saw kept
SAME_BASE_LOGP = math.log(0.02)  # unseen edit between letters with the same base letter (other mark)
VOWEL_SWAP_LOGP = math.log(3e-3)  # unseen vowel-for-vowel substitution (scans read á as é, ê as ô)
VOWELS = frozenset("aeiouy")
EDIT_UNSEEN_LOGP = math.log(2e-4)  # any other unseen edit, per character of the longer side
CASE_BACKOFF_LOGP = math.log(0.5)  # upper-case segment scored by its lower-case counts
REWRITE_MIN_COUNT = 8  # a multi-character garbling seen this often becomes a lookup rewrite …
REWRITE_MIN_SHARE = 0.6  # … when this share of its occurrences stood for the same letters
POOLED_TONE_LOGP = math.log(0.5)  # unseen segment scored by the counts of all tones of its vowels
POOLED_BASE_LOGP = math.log(0.1)  # … or by the counts of all vowels with the same base letters
GARBLING_SEGMENT_CHOICES = 6  # garblings per true segment that likely_garblings combines
_MISSING = object()  # not in a memo yet (None is a memoised "no learned score")


@functools.lru_cache(maxsize=1 << 16)
def _toneless(text: str) -> str:
    return "".join(split_tone(c)[0] if c.isalpha() else c for c in text)


@functools.lru_cache(maxsize=1 << 16)
def _base_string(text: str) -> str:
    return "".join(base_letter(c) for c in text)


@functools.lru_cache(maxsize=1 << 12)
def base_letter(ch: str) -> str:
    """The letter without its marks, case kept: ộ → o, Đ → D."""
    if ch in "đĐ":
        return "d" if ch == "đ" else "D"
    decomposed = unicodedata.normalize("NFD", ch)
    return decomposed[0] if decomposed else ch


def edit_segments(true: str, garbled: str) -> list[tuple[str, str]]:
    """Align two tokens; return every character position as (true, garbled) segments.

    Kept characters come as (c, c); adjacent edits are merged into one segment, so `chức`/`chirc` gives
    c→c, h→h, ứ→ir, c→c."""
    segments: list[tuple[str, str]] = []
    true_at = garbled_at = 0  # where the edits since the last kept run began
    # Plain tuples (as_list) unpack much faster than rapidfuzz's Opcode objects: this runs for every scored form.
    for tag, src_start, src_end, dest_start, dest_end in Levenshtein.opcodes(true, garbled).as_list():
        if tag == "equal":
            if true_at < src_start or garbled_at < dest_start:
                segments.append((true[true_at:src_start], garbled[garbled_at:dest_start]))
            kept = true[src_start:src_end]
            segments += zip(kept, kept, strict=True)
            true_at, garbled_at = src_end, dest_end
    if true_at < len(true) or garbled_at < len(garbled):
        segments.append((true[true_at:], garbled[garbled_at:]))
    return segments


@dataclass(frozen=True, slots=True)
class ChannelCounts:
    """Raw counts as stored in the model file."""

    segments: dict[tuple[str, str], int]  # (true segment, garbled segment) → count
    tokens: dict[tuple[str, str], int]  # (true token, garbled token) → count
    substrings: dict[str, int]  # occurrences of each multi-character true segment inside true tokens


def count_pairs(pairs: Iterable[tuple[str, str]]) -> ChannelCounts:
    """Count segment and whole-token garblings over (true, garbled) pairs, case kept."""
    segments: Counter[tuple[str, str]] = Counter()
    tokens: Counter[tuple[str, str]] = Counter()
    for true, garbled in pairs:
        tokens[(true, garbled)] += 1
        for seg in edit_segments(true, garbled):
            if len(seg[0]) <= SEGMENT_MAX_LEN and len(seg[1]) <= SEGMENT_MAX_LEN:
                segments[seg] += 1
    multi = {t for t, _g in segments if len(t) > 1}
    substrings: Counter[str] = Counter()
    for (true, _garbled), n in tokens.items():
        for size in range(2, SEGMENT_MAX_LEN + 1):
            for i in range(len(true) - size + 1):
                if true[i : i + size] in multi:
                    substrings[true[i : i + size]] += n
    return ChannelCounts(segments=dict(segments), tokens=dict(tokens), substrings=dict(substrings))


def write_counts(counts: ChannelCounts, path: Path, min_token_count: int) -> bytes:
    """The model file's bytes (deterministic: sorted rows, fixed gzip mtime); returned for atomic writing."""
    rows = [f"seg\t{t}\t{g}\t{n}" for (t, g), n in sorted(counts.segments.items())]
    rows += [f"sub\t{t}\t\t{n}" for t, n in sorted(counts.substrings.items())]
    rows += [f"tok\t{t}\t{g}\t{n}" for (t, g), n in sorted(counts.tokens.items()) if n >= min_token_count]
    text = "# kind\ttrue\tgarbled\tcount\n" + "\n".join(rows) + "\n"
    return gzip.compress(text.encode("utf-8"), mtime=0)


def read_counts(path: Path) -> ChannelCounts:
    segments: dict[tuple[str, str], int] = {}
    tokens: dict[tuple[str, str], int] = {}
    substrings: dict[str, int] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            kind, true, garbled, n = line.rstrip("\n").split("\t")
            if kind == "sub":
                substrings[true] = int(n)
            else:
                (segments if kind == "seg" else tokens)[(true, garbled)] = int(n)
    return ChannelCounts(segments=segments, tokens=tokens, substrings=substrings)


class ChannelModel:
    """log P(garbled | true) for cased tokens; every score is cached (the decoder asks for the same pairs)."""

    def __init__(self, counts: ChannelCounts):
        true_totals: Counter[str] = Counter()
        for (t, _g), n in counts.segments.items():
            true_totals[t] += n
        self._seg_logp: dict[tuple[str, str], float] = {}  # learned: read-only after construction
        self._memo: dict[tuple[str, str], float] = {}  # every score computed so far (never feeds back)
        self._table_memo: dict[tuple[str, str], float | None] = {}  # _table_logp results (pieces of alignments)
        # Alignment rows of segment prefixes against garbled segments (see _segment_alignment_logp).
        self._rows_memo: dict[tuple[str, str], tuple[list[float], list[float] | None, list[float]]] = {}
        # An insertion (`"" → v`) can happen at any character position: it is normalised by their number.
        positions = sum(n for (t, _g), n in counts.segments.items() if len(t) == 1)
        for (t, g), n in counts.segments.items():
            if not t:
                total = positions
            elif len(t) == 1:
                total = true_totals[t]
            else:  # every occurrence of `ức` in a true token could have been garbled as one segment
                total = max(counts.substrings.get(t, 0), true_totals[t])
            self._seg_logp[(t, g)] = math.log(n / (total + SEGMENT_SMOOTHING))
        # Pooled tables: a garbling seen for one tone of a vowel (ợ→&) is evidence for its other tones (ở→&),
        # and, more weakly, for every vowel with the same base letter.
        self._pooled: list[tuple[dict[tuple[str, str], float], Callable[[str], str], float]] = []
        for key_fn, penalty in ((_toneless, POOLED_TONE_LOGP), (_base_string, POOLED_BASE_LOGP)):
            pooled: Counter[tuple[str, str]] = Counter()
            totals: Counter[str] = Counter()
            for (t, g), n in counts.segments.items():
                pooled[(key_fn(t), g)] += n
                totals[key_fn(t)] += n
            self._pooled.append(({k: math.log(n / (totals[k[0]] + SEGMENT_SMOOTHING)) for k, n in pooled.items()},
                                 key_fn, penalty))
        # Every garbled segment some table holds: a garbling outside it (as is or lower-cased) has no learned
        # score, which most pieces of an alignment ask about, so _table_lookup answers those at once.
        self._table_garblings = frozenset(g for (_t, g) in self._seg_logp).union(
            g for table, _key_fn, _penalty in self._pooled for (_t, g) in table)
        token_totals: Counter[str] = Counter()
        for (t, _g), n in counts.tokens.items():
            token_totals[t] += n
        self._token_totals = dict(token_totals)
        self._token_counts = counts.tokens
        garbled_totals: Counter[str] = Counter()
        for (_t, g), n in counts.tokens.items():
            garbled_totals[g] += n
        self._garbled_totals = dict(garbled_totals)
        by_garbled: dict[str, list[tuple[int, str]]] = {}
        for (t, g), n in counts.tokens.items():
            by_garbled.setdefault(g, []).append((n, t))
        self._true_by_garbled = {g: tuple(t for _n, t in sorted(v, key=lambda x: (-x[0], x[1]))) for g, v in
                                 by_garbled.items()}
        # Most likely base letter behind each garbled single character (`¢→o`, `6→o`, `&→e`), for lookups.
        votes: dict[str, Counter[str]] = {}
        rewrite_votes: dict[str, Counter[str]] = {}
        for (t, g), n in counts.segments.items():
            if not t.isalpha():
                continue
            base = "".join(base_letter(c) for c in t.lower())
            if len(t) == 1 and len(g) == 1:
                votes.setdefault(g.lower(), Counter())[base] += n
            elif 2 <= len(g) <= 3 and base != g.lower():
                rewrite_votes.setdefault(g.lower(), Counter())[base] += n
        self.glyph_base = {g: c.most_common(1)[0][0] for g, c in sorted(votes.items())}
        # Multi-character garblings that stand for other letters (`ir`/`it`/`tt` → u, `wo`/`ud` → uo, `16` →
        # lo): lookups also try the token with one of these rewritten, most frequent first.
        rewrites = []
        for g, c in rewrite_votes.items():
            base, n = c.most_common(1)[0]
            if n >= REWRITE_MIN_COUNT and n >= REWRITE_MIN_SHARE * sum(c.values()):
                rewrites.append((-n, g, base))
        self.glyph_rewrites = tuple((g, base) for _n, g, base in sorted(rewrites))
        self.logp = functools.lru_cache(maxsize=1 << 20)(self._logp)
        self._choices: dict[str, list[tuple[float, str]]] | None = None  # likely_garblings' segment choices

    def likely_garblings(self, true: str, k: int, per_segment: int = GARBLING_SEGMENT_CHOICES) -> list[tuple[float, str]]:
        """The k garbled forms of `true` the segment table makes most likely, as (ln-prob, garbled), best first,
        `true` itself included: the tokens OCR will most probably print for it (scripts/build_candidate_table.py
        computes their candidates ahead). A k-best path search over `true` cut into learned segments (up to
        SEGMENT_MAX_LEN letters, each with its per_segment most frequent garblings); a letter no segment
        covers is kept as is. The scores are the path's, not logp's (no alignment, no whole-token memory)."""
        if self._choices is None:
            by_true: dict[str, list[tuple[float, str]]] = {}
            for (t, g), lp in self._seg_logp.items():
                if t:
                    by_true.setdefault(t, []).append((lp, g))
            self._choices = {t: sorted(found, key=lambda e: (-e[0], e[1])) for t, found in by_true.items()}
        best: list[list[tuple[float, str]]] = [[(0.0, "")]] + [[] for _ in true]
        for i in range(len(true)):
            paths = best[i] = heapq.nlargest(k, best[i], key=lambda e: (e[0], e[1]))
            if not paths:
                continue
            for size in range(1, min(SEGMENT_MAX_LEN, len(true) - i) + 1):
                choices = self._choices.get(true[i : i + size], [])[:per_segment]
                if size == 1 and not choices:
                    choices = [(IDENTITY_UNSEEN_LOGP, true[i])]
                best[i + size].extend((lp + c_lp, text + g) for lp, text in paths for c_lp, g in choices)
        merged: dict[str, float] = {}
        for lp, text in best[len(true)]:
            if lp > merged.get(text, -math.inf):
                merged[text] = lp
        return heapq.nlargest(k, ((lp, text) for text, lp in merged.items()), key=lambda e: (e[0], e[1]))

    def frequent_garblings(self, n: int) -> list[str]:
        """The n garbled tokens training saw most often (ties by text)."""
        return [g for _c, g in sorted((-c, g) for g, c in self._garbled_totals.items())[:n]]

    def garbled_count(self, garbled: str) -> int:
        """How often training saw exactly this garbled token."""
        return self._garbled_totals.get(garbled, 0)

    def true_tokens_for(self, garbled: str) -> tuple[str, ...]:
        """True tokens seen garbled exactly like this in training, most frequent first."""
        return self._true_by_garbled.get(garbled, ())

    def segment_logp(self, true: str, garbled: str) -> float:
        logp = self._memo.get((true, garbled))
        if logp is None:
            logp = self._seg_logp.get((true, garbled))
            if logp is None:
                logp = self._backoff_logp(true, garbled)
            self._memo[(true, garbled)] = logp  # backed-off scores are asked for again and again
        return logp

    def _table_logp(self, true: str, garbled: str) -> float | None:
        """The learned score of a segment: as counted, by its lower case, or pooled over tones/marks."""
        key = (true, garbled)
        logp = self._table_memo.get(key, _MISSING)
        if logp is _MISSING:
            logp = self._table_memo[key] = self._table_lookup(true, garbled)
        return logp

    def _table_lookup(self, true: str, garbled: str) -> float | None:
        if garbled not in self._table_garblings and garbled.lower() not in self._table_garblings:
            return None
        logp = self._seg_logp.get((true, garbled))
        if logp is not None:
            return logp
        if true != true.lower() or garbled != garbled.lower():
            lower = self._seg_logp.get((true.lower(), garbled.lower()))
            if lower is not None:
                return lower + CASE_BACKOFF_LOGP
        for table, key_fn, penalty in self._pooled:
            pooled = table.get((key_fn(true), garbled))
            if pooled is None and true != true.lower():
                pooled = table.get((key_fn(true.lower()), garbled.lower()))
            if pooled is not None:
                return pooled + penalty
        return None

    def _backoff_logp(self, true: str, garbled: str) -> float:
        learned = self._table_logp(true, garbled)
        if learned is not None:
            return learned
        if true == garbled:
            return IDENTITY_UNSEEN_LOGP * len(true)
        if len(true) == len(garbled) and all(
            base_letter(a).lower() == base_letter(b).lower() for a, b in zip(true, garbled, strict=True)
        ):
            return SAME_BASE_LOGP * len(true)
        if len(true) == len(garbled) == 1 and base_letter(true).lower() in VOWELS and \
                base_letter(garbled).lower() in VOWELS:
            return VOWEL_SWAP_LOGP
        if len(true) + len(garbled) > 2:
            return self._segment_alignment_logp(true, garbled)
        return EDIT_UNSEEN_LOGP * max(len(true), len(garbled), 1)

    def _segment_alignment_logp(self, true: str, garbled: str) -> float:
        """An unseen multi-character segment (`ườ→wo¢`) scored as the best path through smaller known
        pieces: 1→1, 1→2, 2→1 characters, insertions and deletions (a small weighted edit distance).

        Row by row over `true`, each cell the best of its (at most five) predecessors. The rows before the
        last depend only on `true[:-1]` and `garbled`, so segments that differ in their last letter (the
        tones of one vowel: `rồ`, `rờ`, `rơ` against `hoq`) share them; the segment itself is never one
        piece (that would be this very score), which only concerns the last row."""
        n, m = len(true), len(garbled)
        if not true:  # insertions only
            row = self._alignment_rows("", garbled)[2]
        else:
            ins, upup, up = self._alignment_rows(true[:-1], garbled)
            row = self._alignment_row(true, ins, upup, up, garbled, whole=True)
        return max(row[m], EDIT_UNSEEN_LOGP * max(n, m))

    def _alignment_rows(self, prefix: str, garbled: str) -> tuple[list[float], list[float] | None, list[float]]:
        """(insertion scores of `garbled`, row before the last, last row) of the alignment of `prefix`."""
        key = (prefix, garbled)
        found = self._rows_memo.get(key)
        if found is None:
            if not prefix:
                memo_get, segment_logp = self._memo.get, self.segment_logp
                ins = [memo_get(("", g)) for g in garbled]
                if None in ins:
                    ins = [segment_logp("", g) if v is None else v for g, v in zip(garbled, ins, strict=True)]
                row = [0.0] * (len(garbled) + 1)
                for j, piece in enumerate(ins):
                    row[j + 1] = row[j] + piece
                found = (ins, None, row)
            else:
                ins, upup, up = self._alignment_rows(prefix[:-1], garbled)
                found = (ins, up, self._alignment_row(prefix, ins, upup, up, garbled, whole=False))
            self._rows_memo[key] = found
        return found

    def _alignment_row(self, true: str, ins: list[float], upup: list[float] | None, up: list[float], garbled: str,
                       whole: bool) -> list[float]:
        """The alignment row of `true`'s last letter, from the two rows before it; `whole`: `true` is the
        segment being scored, which may not be one 1→2 or 2→1 piece."""
        memo_get, segment_logp = self._memo.get, self.segment_logp
        table_get, table_logp = self._table_memo.get, self._table_logp
        n, m = len(true), len(garbled)
        t = true[-1]
        d = memo_get((t, ""))
        if d is None:
            d = segment_logp(t, "")
        s = [memo_get((t, g)) for g in garbled]
        if None in s:
            s = [segment_logp(t, g) if v is None else v for g, v in zip(garbled, s, strict=True)]
        pairs = [garbled[j : j + 2] for j in range(m - 1)]
        t12 = [table_get((t, g), _MISSING) for g in pairs]
        if _MISSING in t12:
            t12 = [table_logp(t, g) if v is _MISSING else v for g, v in zip(pairs, t12, strict=True)]
        t21 = None
        if n >= 2:
            t2 = true[-2:]
            t21 = [table_get((t2, g), _MISSING) for g in garbled]
            if _MISSING in t21:
                t21 = [table_logp(t2, g) if v is _MISSING else v for g, v in zip(garbled, t21, strict=True)]
        if whole and n == 1 and m == 2:
            t12[0] = None
        elif whole and n == 2 and m == 1:
            t21[0] = None  # type: ignore[index]
        row = [up[0] + d]
        left = row[0]
        for j in range(1, m + 1):
            best = up[j - 1] + s[j - 1]
            value = up[j] + d
            if value > best:
                best = value
            value = left + ins[j - 1]
            if value > best:
                best = value
            if j >= 2:
                p12 = t12[j - 2]
                if p12 is not None:
                    value = up[j - 2] + p12
                    if value > best:
                        best = value
            if t21 is not None:
                p21 = t21[j - 1]
                if p21 is not None:
                    value = upup[j - 1] + p21  # type: ignore[index]
                    if value > best:
                        best = value
            row.append(best)
            left = best
        return row

    def _logp(self, true: str, garbled: str) -> float:
        # Same length: nearly always letter-for-letter substitutions; skip the alignment (10× faster).
        same_length = len(true) == len(garbled)
        pieces = zip(true, garbled, strict=True) if same_length else edit_segments(true, garbled)
        try:
            # Memoised segment scores straight from the dict, summed in one pass (None, a piece not scored
            # yet, stops the sum); the same left-to-right float additions as summing the list below.
            seg = sum(map(self._memo.get, pieces))
        except TypeError:
            if same_length:
                pieces = zip(true, garbled, strict=True)
            segment_logp = self.segment_logp
            seg = sum([segment_logp(t, g) for t, g in pieces])
        total = self._token_totals.get(true)
        if not total:
            return seg
        weight = MEMORY_MAX_WEIGHT * total / (total + MEMORY_PRIOR)
        memory = self._token_counts.get((true, garbled), 0) / total
        return math.log(weight * memory + (1.0 - weight) * math.exp(seg)) if memory else seg + math.log1p(-weight)


@functools.cache
def load_channel(path: Path | None = None) -> ChannelModel:
    """The channel model, read once per process."""
    return ChannelModel(read_counts(path or CHANNEL_PATH))


# ---------------------------------------------------------------- alignment of OCR output to ground truth

EDGE_PUNCT = "\"“”‘’'`()[]{}<>«»,.;:!?…-–—*_|/"  # stripped from token edges before comparing or restoring
# Glyphs that Tesseract `eng` prints for Vietnamese letters, mapped to a base letter so that page alignment
# lines the two texts up (the channel model learns the real confusions; this only guides the alignment).
_ALIGN_GLYPHS = str.maketrans("60@¢3481&€©5$§9", "ooooaaaieeesssg")


def _alignment_key(text: str) -> str:
    """Same length as `text`: lower-case base letters, OCR glyphs mapped, whitespace as one space char."""
    out = []
    for ch in text:
        low = ch.lower()
        if len(low) != 1:
            low = ch
        if ch.isspace():
            out.append(" ")
        else:
            out.append(base_letter(low).translate(_ALIGN_GLYPHS) if len(base_letter(low)) == 1 else low)
    return "".join(out)


def token_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of whitespace tokens with edge punctuation stripped (empty cores dropped)."""
    spans = []
    for match in re.finditer(r"\S+", text):
        start, end = match.span()
        while start < end and text[start] in EDGE_PUNCT:
            start += 1
        while end > start and text[end - 1] in EDGE_PUNCT:
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def _position_map(truth: str, ocr: str) -> list[int]:
    """For every truth position 0..len(truth), the matching OCR position (page-level character alignment)."""
    pos = [0] * (len(truth) + 1)
    for op in Levenshtein.opcodes(_alignment_key(truth), _alignment_key(ocr)):
        n_src, n_dst = op.src_end - op.src_start, op.dest_end - op.dest_start
        for k in range(n_src):
            pos[op.src_start + k] = op.dest_start + (min(k, n_dst) if op.tag != "delete" else 0)
    pos[len(truth)] = len(ocr)
    return pos


def align_tokens(truth: str, ocr: str) -> list[tuple[str, str]]:
    """(true token, garbled token) pairs of one page: each ground-truth token core and the OCR text aligned
    to it; tokens the OCR split, merged, dropped or mangled beyond recognition are left out."""
    pos = _position_map(truth, ocr)
    pairs = []
    for start, end in token_spans(truth):
        garbled = ocr[pos[start] : pos[end]].strip().strip(EDGE_PUNCT)
        true = truth[start:end]
        if not garbled or any(c.isspace() for c in garbled):
            continue
        key_t, key_g = _alignment_key(true), _alignment_key(garbled)
        if Levenshtein.distance(key_t, key_g) > max(1, len(key_t) // 2):
            continue
        pairs.append((true, garbled))
    return pairs


def _reading_order(truth: str, ocr_lines: list[str]) -> list[int]:
    """OCR line indices sorted into the truth's order. Tesseract sometimes reads a skewed or two-column page
    out of order; a line whose monotone alignment does not resemble it is placed where its own text occurs
    in the truth (short lines stay after the line they followed)."""
    ocr = "\n".join(ocr_lines)
    truth_key = _alignment_key(truth)
    pos = _position_map(truth, ocr)
    start_of_ocr = [len(truth)] * (len(ocr) + 1)
    for t in range(len(truth) - 1, -1, -1):
        start_of_ocr[pos[t]] = t
    for k in range(len(ocr) - 1, -1, -1):
        start_of_ocr[k] = min(start_of_ocr[k], start_of_ocr[k + 1])
    anchors: list[tuple[float, int]] = []
    offset, previous = 0, -1.0
    for i, line in enumerate(ocr_lines):
        key = _alignment_key(line).strip()
        end = offset + len(line)
        anchor = previous
        if len(key.replace(" ", "")) >= 8:
            monotone = truth_key[start_of_ocr[offset] : start_of_ocr[end]] if end <= len(ocr) else ""
            if fuzz.ratio(key, monotone.strip()) >= 70:
                anchor = float(start_of_ocr[offset])
            else:
                found = fuzz.partial_ratio_alignment(key, truth_key, score_cutoff=70)
                anchor = float(found.dest_start) if found is not None else float(start_of_ocr[offset])
        anchors.append((anchor, i))
        previous = anchor
        offset = end + 1
    return [i for _, i in sorted(anchors)]


def gold_lines_for(truth: str, ocr: str) -> list[str]:
    """For each OCR line, the ground-truth text aligned to it (cut at token boundaries): the line-for-line
    gold of a generated bench page whose OCR split, merged or reordered lines."""
    lines = ocr.split("\n")
    order = _reading_order(truth, lines)
    reordered = "\n".join(lines[i] for i in order)
    pos = _position_map(truth, reordered)
    line_of_char = []
    for i in order:
        line_of_char.extend([i] * (len(lines[i]) + 1))
    line_of_char.append(order[-1])
    gold: list[list[str]] = [[] for _ in lines]
    for match in re.finditer(r"\S+", truth):
        start, end = match.span()
        mid = pos[(start + end) // 2]
        gold[line_of_char[min(mid, len(reordered))]].append(match.group())
    return [" ".join(words) for words in gold]
