"""ocr: page records, line ids, output contract, per-page failures and determinism, with Tesseract
replaced by canned TSV rows (the real engine runs in tests/integration/test_ocr_pages.py)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest
from fixtures.render import render_text_pages

from pipeline import ocr, synth, tesseract
from pipeline.errors import MissingDependencyError, OcrTimeoutError
from pipeline.records import InputDoc, StageReport

# fmt: off
CANNED = [
    # text       conf  bbox                    block par line word
    ("Số:",      96.0, (100, 100, 160, 130),   1,    1,  1,   1),
    ("12/UBND",  91.5, (170, 100, 300, 130),   1,    1,  1,   2),
    ("Kính",     88.0, (100, 200, 180, 230),   2,    1,  1,   1),
    ("gửi:",     -1.0, (190, 200, 260, 230),   2,    1,  1,   2),
    ("Ủy",       93.0, (100, 260, 150, 290),   2,    2,  1,   1),
]
# fmt: on


def canned_rows() -> list[tesseract.TsvWord]:
    return [tesseract.TsvWord(t, max(0.0, c), b, bl, p, ln, w) for t, c, b, bl, p, ln, w in CANNED]


@pytest.fixture
def fake_tesseract(monkeypatch):
    """Tesseract replaced by canned rows; calls numbered in `fail_calls` time out; OSD says upright."""
    state = {"fail_calls": set(), "calls": 0}

    def fake_ocr_tsv(image, **kwargs):
        state["calls"] += 1
        if state["calls"] in state["fail_calls"]:
            raise OcrTimeoutError("Tesseract timed out after 1 s (raise ocr.timeout_s)")
        return canned_rows()

    monkeypatch.setattr(tesseract, "ocr_tsv", fake_ocr_tsv)
    monkeypatch.setattr(tesseract, "detect_orientation", lambda image, **kw: (0, 0.0))
    return state


def test_ocr_line_ids_unique_per_page():
    words = tesseract.to_words(canned_rows())
    assert [w.line for w in words] == [1, 1, 2, 2, 3]  # (block, par, line) triples in reading order
    assert ocr.lines_text(words) == "Số: 12/UBND\nKính gửi:\nỦy"
    assert words[3].conf == 0.0 and ocr.mean_conf(words) == pytest.approx((96 + 91.5 + 88 + 0 + 93) / 5)


def test_ocr_check_dependencies_names_the_fix(monkeypatch, params):
    import pytesseract

    monkeypatch.setattr(pytesseract, "get_tesseract_version", lambda: "5.3.0")
    monkeypatch.setattr(pytesseract, "get_languages", lambda config="": ["eng", "osd"])
    with pytest.raises(MissingDependencyError, match="apt-get install tesseract-ocr-vie"):
        ocr.check_ocr_dependencies(params.ocr)
    monkeypatch.setattr(pytesseract, "get_languages", lambda config="": ["eng", "vie"])
    with pytest.raises(MissingDependencyError, match="tesseract-ocr-osd"):
        ocr.check_ocr_dependencies(dataclasses.replace(params.ocr, orientation=True))
    assert ocr.check_ocr_dependencies(dataclasses.replace(params.ocr, orientation=False)) == "5.3.0"


def test_ocr_missing_binary_is_a_dependency_error(monkeypatch, params):
    import pytesseract

    def missing():
        raise pytesseract.TesseractNotFoundError()

    monkeypatch.setattr(pytesseract, "get_tesseract_version", missing)
    with pytest.raises(MissingDependencyError, match="apt-get install"):
        ocr.check_ocr_dependencies(params.ocr)


def test_ocr_clean_page_upsamples_low_dpi(params, render_page):
    scan = np.asarray(render_page(tier="hard").image)
    cleaned = ocr.clean_page(scan, 200, params.ocr, params.rasterize.min_ocr_dpi)
    assert cleaned.dpi == 300
    assert cleaned.image.shape[0] == pytest.approx(scan.shape[0] * 1.5, abs=2)
    assert 0.9 <= abs(cleaned.skew_deg) <= 2.1  # the hard tier skews by 1–2°


def _write_docs(folder: Path) -> list[InputDoc]:
    """A two-page TIFF, a text-layer PDF and a .txt."""
    folder.mkdir(parents=True)
    pages = render_text_pages()
    scans = [synth.degrade(p.image, "clean", seed=k) for k, p in enumerate(pages)]
    synth.write_tiff(scans, folder / "scan.tif")
    synth.write_pdf_text_layer(pages[:1], folder / "layer.pdf")
    (folder / "done.txt").write_text("Trang một\fTrang hai\n", encoding="utf-8")
    return [InputDoc("done", folder / "done.txt", "txt"), InputDoc("layer", folder / "layer.pdf", "pdf"),
            InputDoc("scan", folder / "scan.tif", "tiff")]


def test_ocr_run_writes_contract_and_goes_on_after_page_failure(tmp_path, params, fake_tesseract, capsys):
    docs = _write_docs(tmp_path / "in")
    fake_tesseract["fail_calls"] = {2}  # pages run in order in-process: scan.tif page 2
    out = tmp_path / "out"
    report = StageReport(stage="ocr")
    ocr.run_ocr(docs, out, params, 1, report)

    assert report.documents == 3 and report.pages == 5
    assert [(f.code, f.page_no) for f in report.failures] == [("V201", 2)]
    assert "timed out" in capsys.readouterr().err
    scan = json.loads((out / "ocr" / "scan.json").read_text(encoding="utf-8"))
    first, failed = scan["pages"]
    assert first["source"] == "ocr" and first["dpi"] == 300 and first["rotation"] == 0
    assert {"text", "conf", "bbox", "block", "line"} <= set(first["words"][0])
    assert failed["words"] == [] and failed["text"] == ""
    assert (out / "pages" / "scan" / "page-0001.png").is_file()
    layer = json.loads((out / "ocr" / "layer.json").read_text(encoding="utf-8"))
    assert layer["pages"][0]["source"] == "text-layer" and layer["pages"][0]["words"][0]["conf"] is None
    assert not (out / "pages" / "layer").exists()  # text-layer pages are not OCRed
    assert (out / "text" / "done.txt").read_text(encoding="utf-8") == "Trang một\fTrang hai\n"
    assert (out / "text" / "scan.txt").read_text(encoding="utf-8").count("\f") == 1


def test_ocr_rerun_is_byte_identical_and_reuses_raster(tmp_path, params, fake_tesseract, monkeypatch):
    docs = _write_docs(tmp_path / "in")

    def run(out: Path) -> dict[str, bytes]:
        ocr.run_ocr(docs, out, params, 1, StageReport(stage="ocr"))
        return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}

    first = run(tmp_path / "a")
    assert first == run(tmp_path / "b")
    assert any(k.startswith("pages/") for k in first)

    import pipeline.rasterize as rasterize

    def no_rasterize(*args, **kwargs):
        raise AssertionError("rasterized again although raster/<doc>.json exists")

    monkeypatch.setattr(rasterize, "rasterize_document", no_rasterize)
    assert run(tmp_path / "a") == first
