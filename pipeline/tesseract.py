"""The only pytesseract caller: dependency check, orientation (OSD) and words with boxes from TSV.

Every call runs one single-threaded Tesseract process (OMP_THREAD_LIMIT=1 is set by the batch worker
initialiser): on 2 cores, two single-threaded pages in parallel beat one page with OpenMP threads by far.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipeline.errors import MissingDependencyError, OcrError, OcrTimeoutError
from pipeline.records import Word

APT_FIX = "apt-get install tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd"
# OSD below this confidence is a guess (sparse pages, tables): keep the page as it is.
OSD_MIN_ORIENTATION_CONF = 2.0


@dataclass(frozen=True, slots=True)
class TsvWord:
    """One word row of Tesseract's TSV; bbox in pixels of the image passed in, conf 0–100."""

    text: str
    conf: float
    bbox: tuple[int, int, int, int]
    block: int
    par: int
    line: int
    word_no: int


def check_tesseract(langs: tuple[str, ...]) -> str:
    """Return the Tesseract version; raise MissingDependencyError naming the apt-get fix if the binary
    or one of `langs` (e.g. `vie`, `osd`) is missing."""
    import pytesseract

    try:
        version = str(pytesseract.get_tesseract_version())
        installed = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, OSError) as exc:
        raise MissingDependencyError(f"tesseract is not installed or not on PATH ({exc}): {APT_FIX}") from None
    missing = [lang for lang in langs if lang not in installed]
    if missing:
        names = " ".join(f"tesseract-ocr-{m}" for m in missing)
        raise MissingDependencyError(
            f"Tesseract language data {', '.join(missing)} not installed: apt-get install {names}"
        )
    return version


def detect_orientation(image: np.ndarray, *, timeout_s: int) -> tuple[int, float]:
    """Clockwise rotation (0/90/180/270) that makes the page upright, and OSD's confidence.

    OSD fails on sparse pages ("Too few characters"); that, or a low confidence, yields (0, conf)."""
    import pytesseract

    try:
        with _image_file(image) as path:
            osd = pytesseract.image_to_osd(path, config="--psm 0", timeout=timeout_s)
    except RuntimeError:  # pytesseract signals a timeout with RuntimeError
        return 0, 0.0
    except pytesseract.TesseractError:
        return 0, 0.0
    rotate = re.search(r"Rotate:\s*(\d+)", osd)
    conf = re.search(r"Orientation confidence:\s*([\d.]+)", osd)
    degrees = int(rotate.group(1)) % 360 if rotate else 0
    confidence = float(conf.group(1)) if conf else 0.0
    if confidence < OSD_MIN_ORIENTATION_CONF:
        return 0, confidence
    return degrees, confidence


def ocr_tsv(image: np.ndarray, *, lang: str, psm: int, oem: int, dpi: int, timeout_s: int) -> list[TsvWord]:
    """Words of one page image from `image_to_data`, in Tesseract's reading order."""
    import pytesseract

    config = f"--psm {psm} --oem {oem} --dpi {dpi}"
    try:
        with _image_file(image) as path:
            data = pytesseract.image_to_data(
                path, lang=lang, config=config, timeout=timeout_s, output_type=pytesseract.Output.DICT
            )
    except RuntimeError as exc:
        if "timeout" in str(exc).lower():
            raise OcrTimeoutError(f"Tesseract timed out after {timeout_s} s (raise ocr.timeout_s)") from None
        raise
    except pytesseract.TesseractError as exc:
        if "Empty page" in str(exc):
            return []
        raise OcrError(f"Tesseract failed: {exc}") from None
    words = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        if int(data["level"][i]) != 5 or not text:
            continue
        x, y, w, h = (int(data[k][i]) for k in ("left", "top", "width", "height"))
        words.append(
            TsvWord(
                text=text,
                conf=max(0.0, float(data["conf"][i])),
                bbox=(x, y, x + w, y + h),
                block=int(data["block_num"][i]),
                par=int(data["par_num"][i]),
                line=int(data["line_num"][i]),
                word_no=int(data["word_num"][i]),
            )
        )
    return words


@contextmanager
def _image_file(image: np.ndarray) -> Iterator[str]:
    """The image as an uncompressed PGM/PPM in a private temp dir. pytesseract would PNG-encode the array
    through PIL, which costs up to a second of CPU on a noisy 300-dpi page."""
    import cv2

    with tempfile.TemporaryDirectory(prefix="vanban-tess-") as tmp:
        path = str(Path(tmp) / ("page.pgm" if image.ndim == 2 else "page.ppm"))
        if not cv2.imwrite(path, image):
            raise OcrError("cannot write the page image for Tesseract")
        yield path


def to_words(rows: list[TsvWord]) -> tuple[Word, ...]:
    """Tesseract rows → Word records whose `line` is unique within the page (numbered 1.. in reading
    order over the (block, par, line) triples Tesseract reports)."""
    line_ids: dict[tuple[int, int, int], int] = {}
    words = []
    for r in rows:
        key = (r.block, r.par, r.line)
        line_id = line_ids.setdefault(key, len(line_ids) + 1)
        words.append(
            Word(text=r.text, conf=round(r.conf, 2), bbox=r.bbox, block=r.block, line=line_id, par=r.par,
                 word_no=r.word_no)
        )
    return tuple(words)
