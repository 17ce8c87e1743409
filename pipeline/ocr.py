"""Stage 2, ocr: page images → cleaned images → Tesseract `vie` words, boxes, confidences, text.

The recipe for one page (`clean_page` then `ocr_page`), each step switchable in params.yaml `ocr:`:
upsample below `rasterize.min_ocr_dpi` → suppress red/blue ink (colour scans) → gray → remove
shadows → deskew (projection profile) → denoise → despeckle → binarize → remove borders → Tesseract. Orientation
is checked on demand: when the upright reading is poor (low mean confidence), Tesseract OSD is asked for
0/90/180/270 and the page is re-read turned — upright pages, the vast majority, never pay for OSD.

Pages are independent tasks (explicit inputs, explicit outputs) run through `batch.run_tasks`, so a
distributed executor can replace the process pool. Outputs (pipeline.paths): `pages/<doc>/page-NNNN.png`
(the image as OCRed), `ocr/<doc>.json`, `text/<doc>.txt` (pages separated by \\f).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipeline import imaging, paths, tesseract
from pipeline.batch import jsonable, make_executor, report_failure, run_tasks
from pipeline.errors import DocumentError, OcrError
from pipeline.params import OcrParams, Params
from pipeline.records import InputDoc, OcrPage, StageReport, Word
from pipeline.store import atomic_write_bytes, atomic_write_json, atomic_write_text, read_json

# Below this mean word confidence (0–100) the page may be turned: ask OSD.
ORIENTATION_RETRY_MEAN_CONF = 60.0
# Fewer words than this also triggers the orientation check (a sideways page often yields little).
ORIENTATION_RETRY_MIN_WORDS = 20
# OSD runs on a half-size copy: as reliable on A4 text and about twice as fast.
OSD_SCALE = 0.5


@dataclass(frozen=True, slots=True)
class CleanedPage:
    """A page image ready for Tesseract and what clean-up measured. Angles in degrees."""

    image: np.ndarray  # uint8 gray (or binary 0/255)
    dpi: int
    skew_deg: float  # counter-clockwise skew that was measured and corrected


def check_ocr_dependencies(ocr_params: OcrParams) -> str:
    """Fail fast, once, before any file is read: tesseract, its `vie` data (and `osd` when orientation
    is on) must be installed. Returns the Tesseract version."""
    langs = tuple(ocr_params.lang.split("+")) + (("osd",) if ocr_params.orientation else ())
    return tesseract.check_tesseract(langs)


def clean_page(image: np.ndarray, dpi: int, params: OcrParams, min_ocr_dpi: int) -> CleanedPage:
    """The clean-up recipe (no orientation: see `ocr_page`)."""
    image = imaging.upsample(image, dpi, min_ocr_dpi)
    dpi = max(dpi, min_ocr_dpi)
    if params.suppress_colour and imaging.is_colour(image):
        gray = imaging.suppress_colour_ink(image)
    else:
        gray = imaging.to_gray(image)
    if params.remove_shadows:
        gray = imaging.remove_shadows(gray)
    skew = 0.0
    if params.deskew:
        skew = imaging.estimate_skew(gray)
        gray = imaging.deskew(gray, skew)
        if abs(skew) < imaging.MIN_SKEW_CORRECTION_DEG:
            skew = 0.0
    if params.denoise:
        gray = imaging.denoise(gray)
    if params.despeckle:
        gray = imaging.remove_specks(gray, dpi)
    gray = imaging.binarize(gray, params.binarize)
    if params.remove_borders:
        gray = imaging.remove_borders(gray)
    return CleanedPage(image=gray, dpi=dpi, skew_deg=skew)


def read_words(cleaned: CleanedPage, params: OcrParams) -> tuple[Word, ...]:
    rows = tesseract.ocr_tsv(cleaned.image, lang=params.lang, psm=params.psm, oem=params.oem, dpi=cleaned.dpi,
                             timeout_s=params.timeout_s)
    return tesseract.to_words(rows)


def ocr_page(image: np.ndarray, dpi: int, page_no: int, params: OcrParams, min_ocr_dpi: int
             ) -> tuple[OcrPage, np.ndarray]:
    """Clean and OCR one page; returns the record and the cleaned image that was OCRed."""
    cleaned = clean_page(image, dpi, params, min_ocr_dpi)
    words = read_words(cleaned, params)
    rotation = 0
    if params.orientation and _poor_reading(words):
        small = imaging.downscale(cleaned.image, OSD_SCALE)
        turn, _ = tesseract.detect_orientation(small, timeout_s=params.timeout_s)
        if turn:
            turned = imaging.rotate_orthogonal(image, turn)
            retry = clean_page(turned, dpi, params, min_ocr_dpi)
            retry_words = read_words(retry, params)
            if _reading_score(retry_words) > _reading_score(words):
                cleaned, words, rotation = retry, retry_words, turn
    h, w = cleaned.image.shape[:2]
    page = OcrPage(
        page_no=page_no, source="ocr", width=w, height=h, dpi=cleaned.dpi, rotation=rotation,
        skew_deg=cleaned.skew_deg, words=words, text=lines_text(words), mean_conf=mean_conf(words),
    )
    return page, cleaned.image


def lines_text(words: tuple[Word, ...]) -> str:
    """Page text with one row per OCR line (line ids are in reading order), words joined by a space."""
    rows: dict[int, list[str]] = {}
    for w in words:
        rows.setdefault(w.line, []).append(w.text)
    return "\n".join(" ".join(rows[k]) for k in sorted(rows))


def mean_conf(words: tuple[Word, ...]) -> float | None:
    confs = [w.conf for w in words if w.conf is not None]
    return round(sum(confs) / len(confs), 2) if confs else None


def _poor_reading(words: tuple[Word, ...]) -> bool:
    conf = mean_conf(words)
    return len(words) < ORIENTATION_RETRY_MIN_WORDS or conf is None or conf < ORIENTATION_RETRY_MEAN_CONF


def _reading_score(words: tuple[Word, ...]) -> float:
    """Confident characters read: favours the orientation that yields more text read with confidence."""
    return sum((w.conf or 0.0) * len(w.text) for w in words)


# ---- runner ----

@dataclass(frozen=True, slots=True)
class PageTask:
    """One page to OCR: explicit input image and output image path (picklable)."""

    doc_id: str
    page_no: int
    raster_path: Path
    dpi: int
    page_image_path: Path
    params: OcrParams
    min_ocr_dpi: int


def ocr_page_task(task: PageTask) -> OcrPage:
    """Worker: read the raster image, clean and OCR it, write the cleaned image; return the record."""
    import cv2

    image = cv2.imread(str(task.raster_path), cv2.IMREAD_UNCHANGED)
    if image is None:
        raise OcrError(f"page {task.page_no}: cannot read rasterized image {task.raster_path.name}")
    if image.ndim == 3 and image.shape[2] == 4:
        image = cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    page, cleaned = ocr_page(image, task.dpi, task.page_no, task.params, task.min_ocr_dpi)
    atomic_write_bytes(task.page_image_path, imaging.png_bytes(cleaned))
    return page


def run_ocr(docs: list[InputDoc], out: Path, params: Params, jobs: int, report: StageReport) -> None:
    """`vanban ocr`: rasterize where the manifest is missing, OCR every page that needs it (pages in
    parallel), then write ocr/<doc>.json and text/<doc>.txt per document."""
    from pipeline.rasterize import manifest_is_current, rasterize_docs

    docs = sorted(docs, key=lambda d: d.doc_id)
    executor = make_executor(jobs)
    try:
        missing = [d for d in docs if not manifest_is_current(out, d)]
        rasterized = {d.doc_id for d in rasterize_docs(missing, out, params, executor, report)}
        ready = [d for d in docs if d not in missing or d.doc_id in rasterized]
        manifests = {d.doc_id: read_json(paths.raster_manifest(out, d.doc_id)) for d in ready}
        tasks = [
            PageTask(
                doc_id=d.doc_id, page_no=p["page_no"], raster_path=paths.raster_page_image(out, d.doc_id, p["page_no"]),
                dpi=p["dpi"], page_image_path=paths.page_image(out, d.doc_id, p["page_no"]), params=params.ocr,
                min_ocr_dpi=params.rasterize.min_ocr_dpi,
            )
            for d in ready
            for p in manifests[d.doc_id]["pages"]
            if p["source"] == "ocr"
        ]
        results: dict[tuple[str, int], OcrPage] = {}
        by_id = {d.doc_id: d for d in ready}
        for task, page, exc in run_tasks(ocr_page_task, tasks, executor, desc="ocr"):
            if exc is not None:
                report_failure(report, by_id[task.doc_id].path, exc, stage="ocr", page_no=task.page_no)
            else:
                results[(task.doc_id, task.page_no)] = page
    finally:
        if executor is not None:
            executor.shutdown()
    n_pages = 0
    for d in ready:
        pages = [_assemble_page(p, results.get((d.doc_id, p["page_no"]))) for p in manifests[d.doc_id]["pages"]]
        n_pages += len(pages)
        try:
            write_document(out, d.doc_id, pages)
        except OSError as exc:
            report_failure(report, d.path, DocumentError(f"cannot write outputs ({exc.strerror})"), stage="ocr")
    report.documents = len(docs)
    report.pages = n_pages


def _assemble_page(entry: dict, ocred: OcrPage | None) -> OcrPage:
    """The page record: OCR result, text read by rasterize, or an empty page when OCR failed."""
    if entry["source"] == "ocr" and ocred is not None:
        return ocred
    words = tuple(
        Word(text=w["text"], conf=w["conf"], bbox=tuple(w["bbox"]), block=w["block"], line=w["line"],
             par=w.get("par", 0), word_no=w.get("word_no", 0))
        for w in entry.get("words", [])
    )
    return OcrPage(
        page_no=entry["page_no"], source=entry["source"], width=entry["width"], height=entry["height"],
        dpi=entry["dpi"], rotation=0, skew_deg=0.0, words=words,
        text=entry.get("text", "") if entry["source"] != "ocr" else "", mean_conf=None,
    )


def write_document(out: Path, doc_id: str, pages: list[OcrPage]) -> None:
    """ocr/<doc>.json (every page record) and text/<doc>.txt (pages joined by a form feed)."""
    records = []
    for page in pages:
        record = jsonable(page)
        record["words"] = [{**jsonable(w), "bbox": list(w.bbox)} for w in page.words]
        records.append(record)
    atomic_write_json(paths.ocr_json(out, doc_id), {"doc_id": doc_id, "pages": records})
    atomic_write_text(paths.text_file(out, doc_id), "\f".join(p.text for p in pages) + "\n")

