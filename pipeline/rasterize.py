"""Stage 1, rasterize: input files → page images (before clean-up) plus a manifest per document.

A PDF page whose text layer is real (enough characters, mostly Vietnamese/Latin letters) is read with
pdfplumber — words, boxes, lines as on the page — after repairing known defects of Vietnamese PDF fonts;
any other page is rendered with pypdfium2 at `rasterize.dpi`. Images keep their own dpi (upsampling to
`rasterize.min_ocr_dpi` happens in the ocr stage). `.txt` inputs get a manifest only, pages split on \\f.
PDFs are opened read-only: digitally signed files are never modified.

Outputs (pipeline.paths): `raster/<doc>/page-0001.png` … and `raster/<doc>.json`:
    {"doc_id", "kind", "pages": [{"page_no", "source": ocr|text-layer|text, "width", "height", "dpi",
     "image": "page-0001.png" | null, "words": [...], "text": "..."}]}
Sizes and word boxes are pixels at the page's dpi, top-left origin.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipeline import paths
from pipeline.batch import jsonable, make_executor, report_failure, run_tasks
from pipeline.errors import (
    EmptyInputError,
    EncryptedPdfError,
    ImageTooSmallError,
    UnreadableInputError,
)
from pipeline.imaging import is_colour, png_bytes, to_gray
from pipeline.params import Params, RasterizeParams
from pipeline.records import InputDoc, StageReport, Word
from pipeline.store import atomic_write_bytes, atomic_write_json, read_json

PT_PER_INCH = 72.0
# Pages narrower or shorter than this (pixels) carry no readable text: a 1×1 PNG is a broken export.
MIN_IMAGE_SIDE_PX = 32
# A4 short side in inches, used to guess the dpi of images that do not record it.
A4_SHORT_SIDE_IN = 8.27
# Text-layer words whose tops differ by less than this share of the word height sit on one line.
SAME_LINE_TOP_TOLERANCE = 0.5

# Vietnamese letters (NFC) beyond ASCII: the alphabet a real Vietnamese text layer is made of.
_VI_LOWER = (
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
)
VIETNAMESE_LETTERS = frozenset(_VI_LOWER + _VI_LOWER.upper())
# Characters a sound text layer of a directive is built from, besides letters and digits.
COMMON_PUNCTUATION = frozenset(".,;:!?()[]{}\"'“”‘’-–—/\\%&*+=<>#@§°…_|")

# Font defects of Vietnamese PDFs: the Latin letter "oi" (U+01A3/U+01A2) used in place of ư/Ư.
FONT_DEFECTS = str.maketrans({"ƣ": "ư", "Ƣ": "Ư"})

# Legacy TCVN3 (ABC, fonts ".VnTime") byte → Unicode, read as Latin-1 characters from the text layer.
# Source: TCVN 5712:1993 code table (as in Unikey's converter). Upper-case toned letters share the
# lower-case codes in separate fonts (.VnTimeH), so they decode lower-case.
# fmt: off
TCVN3_TABLE = {
    "µ": "à", "¸": "á", "¶": "ả", "·": "ã", "¹": "ạ",
    "¨": "ă", "»": "ằ", "¾": "ắ", "¼": "ẳ", "½": "ẵ", "Æ": "ặ",
    "©": "â", "Ç": "ầ", "Ê": "ấ", "È": "ẩ", "É": "ẫ", "Ë": "ậ",
    "®": "đ",
    "Ì": "è", "Ð": "é", "Î": "ẻ", "Ï": "ẽ", "Ñ": "ẹ",
    "ª": "ê", "Ò": "ề", "Õ": "ế", "Ó": "ể", "Ô": "ễ", "Ö": "ệ",
    "×": "ì", "Ý": "í", "Ø": "ỉ", "Ü": "ĩ", "Þ": "ị",
    "ß": "ò", "ã": "ó", "á": "ỏ", "â": "õ", "ä": "ọ",
    "«": "ô", "å": "ồ", "è": "ố", "æ": "ổ", "ç": "ỗ", "é": "ộ",
    "¬": "ơ", "ê": "ờ", "í": "ớ", "ë": "ở", "ì": "ỡ", "î": "ợ",
    "ï": "ù", "ó": "ú", "ñ": "ủ", "ò": "ũ", "ô": "ụ",
    "\u00ad": "ư", "õ": "ừ", "ø": "ứ", "ö": "ử", "÷": "ữ", "ù": "ự",
    "ú": "ỳ", "ý": "ý", "û": "ỷ", "ü": "ỹ", "þ": "ỵ",
    "¡": "Ă", "¢": "Â", "§": "Đ", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư",
}
# Legacy VNI (fonts "VNI-Times"): a base letter followed by a modifier byte, read as Latin-1.
# Source: VNI Windows code table (as in Unikey's converter). Longest sequences first.
VNI_TABLE = {
    "aù": "á", "aø": "à", "aû": "ả", "aõ": "ã", "aï": "ạ",
    "aâ": "â", "aá": "ấ", "aà": "ầ", "aå": "ẩ", "aã": "ẫ", "aä": "ậ",
    "aê": "ă", "aé": "ắ", "aè": "ằ", "aú": "ẳ", "aü": "ẵ", "aë": "ặ",
    "eù": "é", "eø": "è", "eû": "ẻ", "eõ": "ẽ", "eï": "ẹ",
    "eâ": "ê", "eá": "ế", "eà": "ề", "eå": "ể", "eã": "ễ", "eä": "ệ",
    "où": "ó", "oø": "ò", "oû": "ỏ", "oõ": "õ", "oï": "ọ",
    "oâ": "ô", "oá": "ố", "oà": "ồ", "oå": "ổ", "oã": "ỗ", "oä": "ộ",
    "ôù": "ớ", "ôø": "ờ", "ôû": "ở", "ôõ": "ỡ", "ôï": "ợ", "ô": "ơ",
    "uù": "ú", "uø": "ù", "uû": "ủ", "uõ": "ũ", "uï": "ụ",
    "öù": "ứ", "öø": "ừ", "öû": "ử", "öõ": "ữ", "öï": "ự", "ö": "ư",
    "yù": "ý", "yø": "ỳ", "yû": "ỷ", "yõ": "ỹ", "î": "ỵ",
    "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "ñ": "đ",
    "AÙ": "Á", "AØ": "À", "AÛ": "Ả", "AÕ": "Ã", "AÏ": "Ạ",
    "AÂ": "Â", "AÁ": "Ấ", "AÀ": "Ầ", "AÅ": "Ẩ", "AÃ": "Ẫ", "AÄ": "Ậ",
    "AÊ": "Ă", "AÉ": "Ắ", "AÈ": "Ằ", "AÚ": "Ẳ", "AÜ": "Ẵ", "AË": "Ặ",
    "EÙ": "É", "EØ": "È", "EÛ": "Ẻ", "EÕ": "Ẽ", "EÏ": "Ẹ",
    "EÂ": "Ê", "EÁ": "Ế", "EÀ": "Ề", "EÅ": "Ể", "EÃ": "Ễ", "EÄ": "Ệ",
    "OÙ": "Ó", "OØ": "Ò", "OÛ": "Ỏ", "OÕ": "Õ", "OÏ": "Ọ",
    "OÂ": "Ô", "OÁ": "Ố", "OÀ": "Ồ", "OÅ": "Ổ", "OÃ": "Ỗ", "OÄ": "Ộ",
    "ÔÙ": "Ớ", "ÔØ": "Ờ", "ÔÛ": "Ở", "ÔÕ": "Ỡ", "ÔÏ": "Ợ", "Ô": "Ơ",
    "UÙ": "Ú", "UØ": "Ù", "UÛ": "Ủ", "UÕ": "Ũ", "UÏ": "Ụ",
    "ÖÙ": "Ứ", "ÖØ": "Ừ", "ÖÛ": "Ử", "ÖÕ": "Ữ", "ÖÏ": "Ự", "Ö": "Ư",
    "YÙ": "Ý", "YØ": "Ỳ", "YÛ": "Ỷ", "YÕ": "Ỹ", "Î": "Ỵ",
    "Í": "Í", "Ì": "Ì", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "Ñ": "Đ",
}
# fmt: on
_VNI_RE = re.compile("|".join(re.escape(k) for k in sorted(VNI_TABLE, key=len, reverse=True)))
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_WORD_RE = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class TextLayerVerdict:
    """Whether a PDF page's text layer can be used instead of OCR, and why (for the manifest)."""

    real: bool
    chars: int  # non-space characters
    valid_ratio: float  # share of them that are letters, digits or common punctuation
    reason: str


def plausible_syllable_ratio(text: str) -> float:
    """Share of letter runs that look like Vietnamese (or Latin) syllables: only Vietnamese/ASCII
    letters and at most one tone mark. Used to choose between raw and legacy-decoded text."""
    runs = _WORD_RE.findall(text)
    if not runs:
        return 0.0
    good = 0
    for run in runs:
        if all(c.isascii() or c in VIETNAMESE_LETTERS for c in run):
            tones = sum(1 for c in unicodedata.normalize("NFD", run) if c in _TONE_MARKS)
            good += tones <= 1
    return good / len(runs)


def decode_tcvn3(text: str) -> str:
    return "".join(TCVN3_TABLE.get(c, c) for c in text)


def decode_vni(text: str) -> str:
    return _VNI_RE.sub(lambda m: VNI_TABLE[m.group(0)], text)


def valid_syllable_ratio(text: str) -> float:
    """Share of letter runs that are well-formed Vietnamese syllables (pipeline.vietnamese)."""
    from pipeline.vietnamese import is_valid_syllable

    runs = _WORD_RE.findall(text)
    return sum(map(is_valid_syllable, runs)) / len(runs) if runs else 0.0


def detect_legacy_encoding(text: str) -> str | None:
    """'tcvn3' or 'vni' when decoding the page that way makes clearly more runs well-formed Vietnamese
    syllables (by 10 points or more); None for Unicode text, which no decoding improves."""
    text = unicodedata.normalize("NFC", text)
    base = valid_syllable_ratio(text)
    if base >= 0.98:
        return None
    ratios = {name: valid_syllable_ratio(decode(text)) for name, decode in (("tcvn3", decode_tcvn3),
                                                                             ("vni", decode_vni))}
    best = max(ratios, key=lambda name: ratios[name])
    return best if ratios[best] >= base + 0.1 else None


def repair_text(text: str, legacy: str | None = None) -> str:
    """Fix known Vietnamese PDF font defects: legacy TCVN3/VNI bytes (when `legacy` names one),
    `ƣ`/`Ƣ` for `ư`/`Ư`, decomposed (NFD) marks; result in NFC."""
    if legacy == "tcvn3":
        text = decode_tcvn3(text)
    elif legacy == "vni":
        text = decode_vni(text)
    return unicodedata.normalize("NFC", text.translate(FONT_DEFECTS))


def judge_text_layer(text: str, params: RasterizeParams) -> TextLayerVerdict:
    """A text layer is real when it has enough characters and nearly all of them are letters
    (Vietnamese/Latin), digits or ordinary punctuation; glyph soup from broken font encodings
    (`(cid:12)`, private-use or symbol characters) is not. Invisible OCR layers (render mode 3)
    pass like any other: they are text someone already recognised."""
    chars = [c for c in text if not c.isspace()]
    n = len(chars)
    if n < params.text_layer_min_chars:
        return TextLayerVerdict(False, n, 0.0, f"only {n} characters")
    cid_chars = sum(len(m) for m in re.findall(r"\(cid:\d+\)", text))
    valid = sum(
        1 for c in chars
        if (c.isascii() and c.isalnum()) or c in VIETNAMESE_LETTERS or c in COMMON_PUNCTUATION
    ) - cid_chars
    ratio = max(0, valid) / n
    if ratio < params.text_layer_min_valid_ratio:
        return TextLayerVerdict(False, n, round(ratio, 3), f"only {ratio:.0%} valid characters")
    syllables = plausible_syllable_ratio(text)
    if syllables < params.text_layer_min_valid_ratio:
        return TextLayerVerdict(False, n, round(ratio, 3), f"only {syllables:.0%} plausible syllables")
    return TextLayerVerdict(True, n, round(ratio, 3), "ok")


def words_to_lines(words: list[Word]) -> tuple[tuple[Word, ...], str]:
    """Group words into lines by their top edge (reading order: top to bottom, left to right),
    number the lines 1.. and return the words with line ids plus the page text, one line per row."""
    ordered = sorted(words, key=lambda w: (w.bbox[1], w.bbox[0]))
    lines: list[list[Word]] = []
    for word in ordered:
        height = max(1, word.bbox[3] - word.bbox[1])
        if lines:
            last = lines[-1]
            top = sum(w.bbox[1] for w in last) / len(last)
            if abs(word.bbox[1] - top) <= SAME_LINE_TOP_TOLERANCE * height:
                last.append(word)
                continue
        lines.append([word])
    out: list[Word] = []
    text_lines = []
    for line_id, line in enumerate(lines, start=1):
        line.sort(key=lambda w: w.bbox[0])
        text_lines.append(" ".join(w.text for w in line))
        for word_no, w in enumerate(line, start=1):
            out.append(Word(text=w.text, conf=None, bbox=w.bbox, block=1, line=line_id, par=1, word_no=word_no))
    return tuple(out), "\n".join(text_lines)


# ---- readers: one per input kind; each returns the manifest pages and the images to write ----

@dataclass(frozen=True, slots=True)
class RasterPage:
    """One page as rasterized: an image to OCR (source "ocr") or text already read."""

    page_no: int
    source: str  # ocr | text-layer | text
    width: int
    height: int
    dpi: int
    image: np.ndarray | None  # uint8 gray or BGR, for source "ocr"
    words: tuple[Word, ...] = ()
    text: str = ""
    note: str = ""  # why the text layer was (not) used
    png: bytes | None = None  # the input's own PNG bytes when they can serve as the page image as is


def read_pdf(path: Path, params: RasterizeParams) -> Iterator[RasterPage]:
    """Per page, one at a time (a long PDF is never held in memory): the text layer when it is real,
    else a render at `params.dpi`."""
    import pdfplumber
    import pikepdf
    import pypdfium2

    try:
        with pikepdf.open(path):
            pass
    except pikepdf.PasswordError:
        raise EncryptedPdfError(
            "encrypted PDF needs a password; decrypt it first (qpdf --decrypt --password=… in.pdf out.pdf)"
        ) from None
    except pikepdf.PdfError as exc:
        raise UnreadableInputError(f"not a readable PDF ({_first_line(exc, path)})") from None
    try:
        pdf = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as exc:
        raise UnreadableInputError(f"not a readable PDF ({_first_line(exc, path)})") from None
    try:
        if len(pdf) == 0:
            raise EmptyInputError("PDF has no pages")
        with pdfplumber.open(path) as plumber:
            for index in range(len(pdf)):
                page_no = index + 1
                verdict = None
                if index < len(plumber.pages):
                    layer, verdict = _pdf_text_layer(plumber.pages[index], page_no, params)
                    if layer is not None:
                        yield layer
                        continue
                bitmap = pdf[index].render(scale=params.dpi / PT_PER_INCH)
                image = _drop_alpha(bitmap.to_numpy())
                if not is_colour(image):  # a gray page stored as gray: a third of the pixels to write and read
                    image = to_gray(image)
                h, w = image.shape[:2]
                note = f"text layer not used: {verdict.reason}" if verdict and verdict.chars else ""
                yield RasterPage(page_no, "ocr", w, h, params.dpi, image, note=note)
    finally:
        pdf.close()


def _pdf_text_layer(page, page_no: int, params: RasterizeParams) -> tuple[RasterPage | None, TextLayerVerdict]:
    """A text-layer page from pdfplumber (None when the layer is missing or not real) and the verdict."""
    raw_words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    raw_text = " ".join(w["text"] for w in raw_words)
    legacy = detect_legacy_encoding(raw_text)
    text = repair_text(raw_text, legacy)
    verdict = judge_text_layer(text, params)
    if not verdict.real:
        return None, verdict
    scale = params.dpi / PT_PER_INCH
    words = [
        Word(
            text=repair_text(w["text"], legacy),
            conf=None,
            bbox=(round(w["x0"] * scale), round(w["top"] * scale), round(w["x1"] * scale),
                  round(w["bottom"] * scale)),
            block=1,
            line=0,
        )
        for w in raw_words
    ]
    words_lined, page_text = words_to_lines(words)
    page = RasterPage(
        page_no=page_no, source="text-layer", width=round(float(page.width) * scale),
        height=round(float(page.height) * scale), dpi=params.dpi, image=None, words=words_lined,
        text=page_text, note=f"legacy {legacy} encoding decoded" if legacy else "",
    )
    return page, verdict


def read_image(path: Path) -> Iterator[RasterPage]:
    """PNG, JPEG or (multi-page) TIFF: every frame, one at a time, with its own dpi (guessed from A4
    when absent)."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        with Image.open(path) as img:
            n_frames = getattr(img, "n_frames", 1)
            for index, frame in enumerate(ImageSequence.Iterator(img)):
                frame.load()
                w, h = frame.size
                if min(w, h) < MIN_IMAGE_SIDE_PX:
                    raise ImageTooSmallError(f"page {index + 1} is {w}×{h} pixels: too small to OCR")
                dpi = image_dpi(frame.info.get("dpi"), w, h)
                if img.format == "PNG" and n_frames == 1 and frame.mode in ("L", "RGB"):
                    # An 8-bit gray or RGB PNG is already the page image: copy it, skip a re-encode.
                    yield RasterPage(index + 1, "ocr", w, h, dpi, None, png=path.read_bytes())
                else:
                    yield RasterPage(index + 1, "ocr", w, h, dpi, _pil_to_array(frame))
    except UnidentifiedImageError:
        raise UnreadableInputError(f"not a valid {path.suffix.lstrip('.').upper()} image (cannot decode it)") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise UnreadableInputError(f"corrupt image ({_first_line(exc, path)})") from None


def image_dpi(dpi_info, width: int, height: int) -> int:
    """The dpi an image records, else the dpi it would have as an A4 scan (directives are A4)."""
    if dpi_info:
        try:
            dpi = round(float(dpi_info[0]))
        except (TypeError, ValueError, IndexError):
            dpi = 0
        if 50 <= dpi <= 2400:
            return dpi
    return max(50, round(min(width, height) / A4_SHORT_SIDE_IN))


def read_txt(path: Path) -> list[RasterPage]:
    """Already-OCRed text: one page per form feed, NFC."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableInputError("text file is not UTF-8") from None
    chunks = unicodedata.normalize("NFC", text.replace("\r\n", "\n")).split("\f")
    if chunks and not chunks[-1].strip() and len(chunks) > 1:
        chunks = chunks[:-1]
    return [RasterPage(i + 1, "text", 0, 0, 0, None, (), chunk.strip("\n")) for i, chunk in enumerate(chunks)]


def iter_document_pages(doc: InputDoc, params: RasterizeParams) -> Iterator[RasterPage]:
    """Read one input page by page; raise a DocumentError for anything that is not a usable input."""
    path = Path(doc.path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableInputError(f"cannot read file ({exc.strerror})") from None
    if size == 0:
        raise EmptyInputError("empty file (0 bytes)")
    if doc.kind == "pdf":
        yield from read_pdf(path, params)
    elif doc.kind == "txt":
        yield from read_txt(path)
    else:
        yield from read_image(path)


def rasterize_document(doc: InputDoc, params: RasterizeParams) -> list[RasterPage]:
    """All pages of one input (tests and notebooks; the runner streams them instead)."""
    return list(iter_document_pages(doc, params))


# ---- runner ----

@dataclass(frozen=True, slots=True)
class RasterizeTask:
    doc: InputDoc
    out: Path
    params: RasterizeParams


def rasterize_task(task: RasterizeTask) -> int:
    """Worker: rasterize one document, write its page images and manifest; return its page count."""
    doc_id = task.doc.doc_id
    entries = []
    for page in iter_document_pages(task.doc, task.params):
        image_name = None
        if page.image is not None or page.png is not None:
            target = paths.raster_page_image(task.out, doc_id, page.page_no)
            atomic_write_bytes(target, page.png if page.png is not None else png_bytes(page.image))
            image_name = target.name
        entries.append({
            "page_no": page.page_no, "source": page.source, "width": page.width, "height": page.height,
            "dpi": page.dpi, "image": image_name, "note": page.note,
            "words": [_word_json(w) for w in page.words], "text": page.text,
        })
    atomic_write_json(
        paths.raster_manifest(task.out, doc_id),
        {"doc_id": doc_id, "kind": task.doc.kind, "file": task.doc.path.name,
         "source_sha256": file_sha256(task.doc.path), "pages": entries},
    )
    return len(entries)


def file_sha256(path: Path) -> str:
    """Fingerprint of an input, kept in its manifest so a changed input is never served from a stale one."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def manifest_is_current(out: Path, doc: InputDoc) -> bool:
    """True when out/raster/<doc>.json exists and was made from the input's current bytes."""
    manifest = paths.raster_manifest(out, doc.doc_id)
    if not manifest.is_file():
        return False
    try:
        recorded = read_json(manifest).get("source_sha256")
        return recorded is not None and recorded == file_sha256(doc.path)
    except (OSError, ValueError):
        return False


def rasterize_docs(docs: list[InputDoc], out: Path, params: Params, executor, report: StageReport) -> list[InputDoc]:
    """Rasterize documents as parallel tasks; report failures and count pages; return the documents that
    succeeded."""
    tasks = [RasterizeTask(d, out, params.rasterize) for d in sorted(docs, key=lambda d: d.doc_id)]
    ok: list[InputDoc] = []
    for task, n_pages, exc in run_tasks(rasterize_task, tasks, executor, desc="rasterize"):
        if exc is not None:
            report_failure(report, task.doc.path, exc, stage="rasterize")
        else:
            ok.append(task.doc)
            report.pages += n_pages
    return sorted(ok, key=lambda d: d.doc_id)


def run_rasterize(docs: list[InputDoc], out: Path, params: Params, jobs: int, report: StageReport) -> None:
    """`vanban rasterize`: write raster/<doc>/page-NNNN.png and raster/<doc>.json for every input."""
    executor = make_executor(jobs)
    try:
        rasterize_docs(docs, out, params, executor, report)
    finally:
        if executor is not None:
            executor.shutdown()
    report.documents = len(docs)


def _word_json(word: Word) -> dict:
    data = jsonable(word)
    data["bbox"] = list(word.bbox)
    return data


def _drop_alpha(array: np.ndarray) -> np.ndarray:
    """pdfium renders BGR (or BGRA/BGRx): keep colour, which seal suppression needs, drop alpha."""
    if array.ndim == 3 and array.shape[2] == 4:
        array = array[..., :3]
    return np.ascontiguousarray(array)


def _pil_to_array(frame) -> np.ndarray:
    """PIL frame → uint8 gray (L, 1, I;16 …) or BGR (RGB, RGBA, P, CMYK …) array."""
    import cv2

    if frame.mode in ("1", "L", "I;16", "I;16B", "I", "F", "LA"):
        gray = frame.convert("L")
        return np.asarray(gray, dtype=np.uint8).copy()
    rgb = np.asarray(frame.convert("RGB"), dtype=np.uint8)
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)


def _first_line(exc: BaseException, path: Path) -> str:
    """A library's message, first line only, without the machine path it may start with."""
    text = str(exc).replace(str(path), path.name).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
