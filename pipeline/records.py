"""Typed records passed between stages. Units: pixels with a top-left origin; confidence 0–100 as
Tesseract reports it (None for text-layer words); page_no 1-based; angles in degrees, counter-clockwise."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class InputDoc:
    """One input file and the document id it is known by (its stem, made unique on a clash)."""

    doc_id: str
    path: Path
    kind: str  # pdf | tiff | png | jpeg | txt


@dataclass(frozen=True, slots=True)
class PageRef:
    doc_id: str
    page_no: int  # 1-based


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    conf: float | None  # 0–100; None for text-layer words
    bbox: tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels, top-left origin
    block: int
    line: int  # line id, unique within the page
    par: int = 0
    word_no: int = 0


@dataclass(frozen=True, slots=True)
class OcrPage:
    """One page's text as read: by OCR, from the PDF text layer, or from a .txt input."""

    page_no: int
    source: str  # ocr | text-layer | text
    width: int  # pixels (at `dpi`)
    height: int
    dpi: int
    rotation: int  # detected and corrected orientation, 0/90/180/270
    skew_deg: float  # measured and corrected skew angle
    words: tuple[Word, ...]
    text: str  # lines as on the page, joined by "\n"
    mean_conf: float | None = None


@dataclass(frozen=True, slots=True)
class Failure:
    """One input (or page) that failed; written to failures.jsonl and reported on stderr."""

    path: str
    stage: str
    code: str
    message: str
    page_no: int | None = None


@dataclass(slots=True)
class StageReport:
    """What a batch run did: counts for the summary line and the failures for the exit status."""

    stage: str
    documents: int = 0
    pages: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    internal_errors: int = 0

    def merge(self, other: StageReport) -> None:
        self.documents = max(self.documents, other.documents)
        self.pages = max(self.pages, other.pages)
        self.seconds += other.seconds
        self.failures.extend(other.failures)
        self.internal_errors += other.internal_errors
