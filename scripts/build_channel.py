"""Build models/channel.tsv.gz (pipeline.channel) from the token pairs of scripts/make_channel_pairs.py.

    .venv/bin/python scripts/build_channel.py            # models/channel_pairs.tsv.gz → models/channel.tsv.gz

Deterministic: the same pairs give the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.channel import CHANNEL_PATH, count_pairs, write_counts  # noqa: E402
from pipeline.store import atomic_write_bytes  # noqa: E402
from pipeline.vietnamese import nfc  # noqa: E402

PAIRS_PATH = ROOT / "models" / "channel_pairs.tsv.gz"
MIN_TOKEN_COUNT = 2  # whole-token garblings seen fewer times are left to the segment table


def read_pairs(path: Path) -> list[tuple[str, str]]:
    pairs = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            _page, true, garbled = line.rstrip("\n").split("\t")
            pairs.append((nfc(true), nfc(garbled)))
    return pairs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=Path, default=PAIRS_PATH)
    parser.add_argument("--out", type=Path, default=CHANNEL_PATH)
    args = parser.parse_args()
    pairs = read_pairs(args.pairs)
    counts = count_pairs(pairs)
    atomic_write_bytes(args.out, write_counts(counts, args.out, MIN_TOKEN_COUNT))
    print(f"{len(pairs)} pairs → {len(counts.segments)} segment garblings, "
          f"{sum(1 for n in counts.tokens.values() if n >= MIN_TOKEN_COUNT)} token garblings → {args.out.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
