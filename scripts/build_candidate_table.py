"""Build models/candidates.tsv.gz: the candidate readings (pipeline.candidates) of every token in the channel's
training pairs, computed once so that restore need not search for them in each new process.

    .venv/bin/python scripts/build_candidate_table.py      # after build_dictionaries / build_channel / params

The tokens are
- both sides of models/channel_pairs.tsv.gz (the true text and its English-model garbling), edge-stripped as
  restore strips them: the garblings most pages are made of, and the correct syllables of text that is
  already Vietnamese;
- the garblings the channel model makes likely for the lexicon's syllables that restore may propose
  (ChannelModel.likely_garblings, --per-syllable of each syllable in lower, Title and UPPER case), ranked by
  ln P(syllable) + ln P(case) + the garbling's score, the --likely best: the pairs hold one garbling of each
  syllable for every scan they saw, while new scans print others (`chtc`, `trudc`), which restore would
  otherwise search for (about 3 ms each, half of its time on garbled text).
No bench or sample text is read. The first line holds the fingerprint of
the generator (params, lexicon, channel, code); restore ignores a table whose fingerprint differs, and the
test suite fails on one, so a stale table costs speed, never correctness. Deterministic: sorted rows, gzip
mtime 0.
"""

from __future__ import annotations

import argparse
import gzip
import heapq
import math
import multiprocessing
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.candidates import (  # noqa: E402
    CANDIDATE_TABLE_PATH,
    CandidateGenerator,
    apply_case,
    case_pattern,
    encode_candidates,
    shipped_fingerprint,
)
from pipeline.channel import EDGE_PUNCT, load_channel  # noqa: E402
from pipeline.lexicon import load_lexicon  # noqa: E402
from pipeline.params import load_params  # noqa: E402
from pipeline.store import atomic_write_bytes  # noqa: E402
from pipeline.vietnamese import nfc  # noqa: E402

PAIRS_PATH = ROOT / "models" / "channel_pairs.tsv.gz"
LIKELY_GARBLINGS = 60_000  # distinct likely garblings added beyond the pairs' tokens
GARBLINGS_PER_SYLLABLE = 40  # k-best garblings of each syllable and case that compete for those places
CASES = ("lower", "title", "upper")


def pair_tokens(path: Path) -> list[str]:
    """The distinct edge-stripped tokens of both columns of the pairs file, sorted."""
    tokens: set[str] = set()
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            _page, true, garbled = line.rstrip("\n").split("\t")
            for token in (true, garbled):
                core = nfc(token).strip(EDGE_PUNCT)
                if core and any(c.isalpha() for c in core):
                    tokens.add(core)
    return sorted(tokens)


def case_shares(path: Path) -> dict[str, float]:
    """ln of each case pattern's share among the true tokens of the pairs (lower, Title, UPPER)."""
    counts: Counter[str] = Counter()
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("#"):
                pattern = case_pattern(nfc(line.rstrip("\n").split("\t")[1]).strip(EDGE_PUNCT))
                if pattern in CASES:
                    counts[pattern] += 1
    total = sum(counts.values())
    return {case: math.log((counts[case] + 1) / (total + len(CASES))) for case in CASES}


def likely_tokens(generator: CandidateGenerator, shares: dict[str, float], n: int, per_syllable: int,
                  exclude: set[str]) -> list[str]:
    """The n likeliest garbled tokens (not in `exclude`) of the syllables the generator may propose."""
    lexicon, channel = generator.lexicon, generator.channel
    proposable = sorted({form for forms in generator.forms.values() for form in forms if form.isalpha()})
    scored: dict[str, float] = {}
    for syllable in proposable:
        prior = lexicon.syllables[syllable] * math.log(10)
        for case in CASES:
            for lp, garbled in channel.likely_garblings(apply_case(syllable, case), per_syllable):
                score = prior + shares[case] + lp
                if garbled and garbled not in exclude and score > scored.get(garbled, -math.inf):
                    scored[garbled] = score
    return sorted(t for _s, t in heapq.nlargest(n, ((s, t) for t, s in scored.items())))


_WORKER: CandidateGenerator | None = None


def _encoded_rows(tokens: list[str]) -> list[str]:
    assert _WORKER is not None
    return [f"{token}\t{encode_candidates(_WORKER.compute_candidates(token))}" for token in tokens]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=Path, default=PAIRS_PATH)
    parser.add_argument("--out", type=Path, default=CANDIDATE_TABLE_PATH)
    parser.add_argument("--likely", type=int, default=LIKELY_GARBLINGS, help="likely garblings added (0: none)")
    parser.add_argument("--per-syllable", type=int, default=GARBLINGS_PER_SYLLABLE)
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (0: one per core)")
    args = parser.parse_args()
    global _WORKER
    params = load_params(ROOT / "params.yaml").restore
    generator = _WORKER = CandidateGenerator(load_lexicon(), load_channel(), params)
    started = time.monotonic()
    paired = pair_tokens(args.pairs)
    likely = likely_tokens(generator, case_shares(args.pairs), args.likely, args.per_syllable, set(paired)) \
        if args.likely else []
    tokens = sorted(paired + likely)
    jobs = args.jobs or multiprocessing.cpu_count()
    chunks = [tokens[i : i + 2000] for i in range(0, len(tokens), 2000)]
    # Each worker is a fork of this process (its own generator); rows come back in the chunks' order.
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        rows = [row for chunk in pool.imap(_encoded_rows, chunks) for row in chunk]
    header = [f"# fingerprint {shipped_fingerprint(params)}",
              "# token<TAB>candidates as JSON [[text, words, channel ln-prob, unigram ln-prob], …], best first"]
    atomic_write_bytes(args.out, gzip.compress(("\n".join(header + rows) + "\n").encode("utf-8"), mtime=0))
    print(f"{len(paired)} tokens of the pairs + {len(likely)} likely garblings → {args.out} "
          f"({args.out.stat().st_size // 1024} KiB, {time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
