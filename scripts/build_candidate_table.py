"""Build models/candidates.tsv.gz: the candidate readings (pipeline.candidates) of every token in the channel's
training pairs, computed once so that restore need not search for them in each new process.

    .venv/bin/python scripts/build_candidate_table.py      # after build_dictionaries / build_channel / params

The tokens are both sides of models/channel_pairs.tsv.gz (the true text and its English-model garbling),
edge-stripped as restore strips them: the garblings most pages are made of, and the correct syllables of
text that is already Vietnamese. No bench or sample text is read. The first line holds the fingerprint of
the generator (params, lexicon, channel, code); restore ignores a table whose fingerprint differs, and the
test suite fails on one, so a stale table costs speed, never correctness. Deterministic: sorted rows, gzip
mtime 0.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.candidates import (  # noqa: E402
    CANDIDATE_TABLE_PATH,
    CandidateGenerator,
    encode_candidates,
    shipped_fingerprint,
)
from pipeline.channel import EDGE_PUNCT, load_channel  # noqa: E402
from pipeline.lexicon import load_lexicon  # noqa: E402
from pipeline.params import load_params  # noqa: E402
from pipeline.store import atomic_write_bytes  # noqa: E402
from pipeline.vietnamese import nfc  # noqa: E402

PAIRS_PATH = ROOT / "models" / "channel_pairs.tsv.gz"


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=Path, default=PAIRS_PATH)
    parser.add_argument("--out", type=Path, default=CANDIDATE_TABLE_PATH)
    args = parser.parse_args()
    params = load_params(ROOT / "params.yaml").restore
    generator = CandidateGenerator(load_lexicon(), load_channel(), params)
    started = time.process_time()
    rows = [f"# fingerprint {shipped_fingerprint(params)}",
            "# token<TAB>candidates as JSON [[text, words, channel ln-prob, unigram ln-prob], …], best first"]
    tokens = pair_tokens(args.pairs)
    for token in tokens:
        rows.append(f"{token}\t{encode_candidates(generator.compute_candidates(token))}")
    atomic_write_bytes(args.out, gzip.compress(("\n".join(rows) + "\n").encode("utf-8"), mtime=0))
    print(f"{len(tokens)} tokens → {args.out.relative_to(ROOT)} ({args.out.stat().st_size // 1024} KiB, "
          f"{time.process_time() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
