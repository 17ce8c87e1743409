"""rasterize: text-layer judgement and repair, per-kind readers, coded errors for bad files (no Tesseract)."""

from __future__ import annotations

import dataclasses
import unicodedata
from pathlib import Path

import numpy as np
import pytest
from fixtures.render import render_text_pages, write_bad_inputs
from PIL import Image

from pipeline import synth
from pipeline.errors import EmptyInputError, EncryptedPdfError, ImageTooSmallError, UnreadableInputError
from pipeline.rasterize import (
    decode_tcvn3,
    decode_vni,
    detect_legacy_encoding,
    judge_text_layer,
    rasterize_document,
    repair_text,
    run_rasterize,
    words_to_lines,
)
from pipeline.records import InputDoc, StageReport, Word
from pipeline.store import read_json

VI_SENTENCE = "Cộng hòa xã hội chủ nghĩa Việt Nam, Độc lập - Tự do - Hạnh phúc. Ủy ban nhân dân tỉnh"

# fmt: off
REPAIRS = [
    # raw text layer                                  repaired
    ("Ủy ban nhân dân tỉnh, tƣ pháp, ngƣời dân",       "Ủy ban nhân dân tỉnh, tư pháp, người dân"),
    ("CƠ QUAN TƢ PHÁP, TRƢỞNG PHÒNG",                  "CƠ QUAN TƯ PHÁP, TRƯỞNG PHÒNG"),
    (unicodedata.normalize("NFD", "Việt Nam"),          "Việt Nam"),
]
LEGACY = [
    # encoding  raw (as the text layer reads)             expected
    ("tcvn3",   "Céng hoµ x· héi chñ nghÜa ViÖt Nam",     "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("tcvn3",   "§éc lËp - Tù do - H¹nh phóc",            "Độc lập - Tự do - Hạnh phúc"),
    ("vni",     "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("vni",     "Ñoäc laäp - Töï do - Haïnh phuùc",       "Độc lập - Tự do - Hạnh phúc"),
]
# fmt: on


@pytest.mark.parametrize("raw,expected", REPAIRS)
def test_rasterize_repair_text_fixes_font_defects(raw, expected):
    assert repair_text(raw) == expected
    assert unicodedata.is_normalized("NFC", repair_text(raw))


@pytest.mark.parametrize("encoding,raw,expected", LEGACY)
def test_rasterize_legacy_encoding_detected_and_decoded(encoding, raw, expected):
    assert detect_legacy_encoding(raw) == encoding
    assert repair_text(raw, encoding) == expected


@pytest.mark.parametrize("text", [VI_SENTENCE, "Số: 12/UBND-VP ngày 05/3/2024", "Quyết định số 733/QĐ-UBND"])
def test_rasterize_unicode_text_is_not_taken_for_legacy(text):
    assert detect_legacy_encoding(text) is None
    assert decode_tcvn3("abc") == "abc" and decode_vni("abc") == "abc"


def test_rasterize_judge_text_layer(params):
    rp = params.rasterize
    assert judge_text_layer(VI_SENTENCE * 2, rp).real
    assert not judge_text_layer("Số: 12", rp).real  # too short
    assert not judge_text_layer("(cid:12)(cid:34)(cid:7) " * 20, rp).real  # unmapped glyph ids
    assert not judge_text_layer("\ue001\ue002■□◆ ◇○●" * 20, rp).real  # private-use / symbol soup
    assert not judge_text_layer("Cæng hßa xzq hÿi chþ ngh×a ViÕt Nam " * 5, rp).real  # mis-decoded letters
    strict = dataclasses.replace(rp, text_layer_min_chars=10_000)
    assert not judge_text_layer(VI_SENTENCE, strict).real


def test_rasterize_words_to_lines_groups_by_top():
    words = [Word("b", None, (60, 101, 80, 120), 1, 0), Word("a", None, (10, 100, 50, 121), 1, 0),
             Word("c", None, (10, 150, 30, 170), 1, 0)]
    lined, text = words_to_lines(words)
    assert text == "a b\nc"
    assert [w.line for w in lined] == [1, 1, 2]


def _doc(path: Path, kind: str) -> InputDoc:
    return InputDoc(doc_id=path.stem, path=path, kind=kind)


def test_rasterize_text_layer_pdf_reads_lines_exactly(tmp_path, params):
    pages = render_text_pages()
    path = synth.write_pdf_text_layer(pages, tmp_path / "tl.pdf")
    read = rasterize_document(_doc(Path(path), "pdf"), params.rasterize)
    assert [p.source for p in read] == ["text-layer", "text-layer"]
    for page, truth in zip(read, pages, strict=True):
        assert page.text.split("\n") == [ln for ln in truth.text.split("\n") if ln.strip()]
        assert all(w.conf is None for w in page.words)
        assert page.dpi == params.rasterize.dpi and page.width > 2000


def test_rasterize_mixed_pdf_renders_scanned_page(tmp_path, params):
    pages = render_text_pages()
    scan = synth.degrade(pages[1].image, "clean", seed=1)
    path = synth.write_pdf_mixed([pages[0], scan], tmp_path / "mixed.pdf")
    read = rasterize_document(_doc(Path(path), "pdf"), params.rasterize)
    assert [p.source for p in read] == ["text-layer", "ocr"]
    assert read[1].image is not None and read[1].dpi == params.rasterize.dpi


def test_rasterize_tiff_keeps_frames_and_dpi(tmp_path, params):
    pages = render_text_pages()
    scans = [synth.degrade(p.image, "hard", seed=k) for k, p in enumerate(pages)]
    path = synth.write_tiff(scans, tmp_path / "scan.tif")
    read = rasterize_document(_doc(Path(path), "tiff"), params.rasterize)
    assert [(p.source, p.dpi) for p in read] == [("ocr", 200), ("ocr", 200)]


def test_rasterize_image_without_dpi_guessed_as_a4(tmp_path, params):
    path = tmp_path / "nodpi.png"
    Image.fromarray(np.full((3508, 2480), 255, np.uint8)).save(path)
    (page,) = rasterize_document(_doc(path, "png"), params.rasterize)
    assert page.dpi == 300


def test_rasterize_txt_splits_pages_on_form_feed(tmp_path, params):
    path = tmp_path / "done.txt"
    path.write_text(unicodedata.normalize("NFD", "Trang một\fTrang hai\n"), encoding="utf-8")
    read = rasterize_document(_doc(path, "txt"), params.rasterize)
    assert [(p.source, p.text) for p in read] == [("text", "Trang một"), ("text", "Trang hai")]


@pytest.mark.parametrize("what,kind,error", [
    ("zero-byte", "pdf", EmptyInputError),
    ("truncated-pdf", "pdf", UnreadableInputError),
    ("encrypted-pdf", "pdf", EncryptedPdfError),
    ("not-a-png", "png", UnreadableInputError),
    ("one-pixel", "png", ImageTooSmallError),
])
def test_rasterize_bad_input_raises_coded_error(tmp_path, params, what, kind, error):
    bad = write_bad_inputs(tmp_path / "bad")
    with pytest.raises(error) as info:
        rasterize_document(_doc(bad[what], kind), params.rasterize)
    assert info.value.code.startswith("V1")
    assert str(tmp_path) not in info.value.detail  # reasons never leak machine paths
    if what == "encrypted-pdf":
        assert "qpdf --decrypt" in info.value.detail


def test_rasterize_batch_goes_on_after_bad_file(tmp_path, params, capsys):
    good = tmp_path / "in" / "good.png"
    good.parent.mkdir()
    synth.write_png(synth.degrade(render_text_pages()[0].image, "clean", seed=0), good)
    broken = tmp_path / "in" / "broken.png"
    broken.write_bytes(b"not an image")
    report = StageReport(stage="rasterize")
    out = tmp_path / "out"
    run_rasterize([_doc(broken, "png"), _doc(good, "png")], out, params, 1, report)
    assert [f.code for f in report.failures] == ["V101"]
    assert "vanban: error: " in capsys.readouterr().err
    manifest = read_json(out / "raster" / "good.json")
    assert manifest["pages"][0]["image"] == "page-0001.png"
    assert (out / "raster" / "good" / "page-0001.png").is_file()
    assert not (out / "raster" / "broken.json").exists()
    assert report.pages == 1


def test_rasterize_pdf_input_is_never_modified(tmp_path, params):
    """PDFs are opened read-only, so a digitally signed file keeps its bytes (and its signature)."""
    path = tmp_path / "signed.pdf"
    path.write_bytes(synth.pdf_text_layer_bytes(render_text_pages()[:1]))
    before = path.read_bytes()
    rasterize_document(_doc(path, "pdf"), params.rasterize)
    assert path.read_bytes() == before


def test_rasterize_garbage_text_layer_is_rendered_instead(tmp_path, params):
    """A layer of glyph soup (a broken font encoding) is not trusted: the page goes to OCR."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVuSans", str(synth.font_path("dejavu-serif").parent / "DejaVuSans.ttf")))
    path = tmp_path / "soup.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595, 842), invariant=1)
    pdf.setFont("DejaVuSans", 11)
    for row in range(30):
        pdf.drawString(60, 780 - 20 * row, "■□◆ ◇○● ▲△▼ ▽◁▷ ◈◉◊ ○◌◍ ◎●◐ ◑◒◓ " * 2)
    pdf.save()
    (page,) = rasterize_document(_doc(path, "pdf"), params.rasterize)
    assert page.source == "ocr" and page.image is not None
    assert page.note.startswith("text layer not used")


def test_rasterize_manifest_is_current_tracks_input_bytes(tmp_path, params):
    """A changed input is re-rasterized, never served from the manifest of its earlier bytes."""
    from pipeline.rasterize import RasterizeTask, manifest_is_current, rasterize_task

    src = tmp_path / "note.txt"
    src.write_text("Kính gửi: Sở Nội vụ\n", encoding="utf-8")
    doc = InputDoc(doc_id="note", path=src, kind="txt")
    out = tmp_path / "out"
    assert not manifest_is_current(out, doc)
    rasterize_task(RasterizeTask(doc, out, params.rasterize))
    assert manifest_is_current(out, doc)
    src.write_text("Kính gửi: Sở Tài chính\n", encoding="utf-8")
    assert not manifest_is_current(out, doc)


def test_rasterize_gray_pdf_page_rendered_as_gray(tmp_path, params):
    """An image-only PDF of a gray scan yields a single-channel raster (a third of the bytes to write and
    read); a colour page keeps its colour for seal suppression."""
    from pipeline.rasterize import read_pdf

    gray = np.full((400, 300), 255, np.uint8)
    gray[100:110, 50:250] = 0
    colour = np.dstack([gray, gray, gray]).copy()
    colour[200:300, 100:200] = (40, 40, 220)  # a red seal (BGR)
    pdf = tmp_path / "two.pdf"
    pdf.write_bytes(synth.pdf_images_bytes([Image.fromarray(gray), Image.fromarray(colour[..., ::-1])],
                                           jpeg_quality=0))
    pages = list(read_pdf(pdf, params.rasterize))
    assert [p.image.ndim for p in pages] == [2, 3]
