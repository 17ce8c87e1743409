"""pipeline.synth: exact ground truth, tier geometry, deterministic bytes from every writer."""

from __future__ import annotations

import dataclasses
import io

import numpy as np
import pdfplumber
import pytest
from PIL import Image

from pipeline import synth

TEXT = "KẾ HOẠCH\n\nĐể chủ động ứng phó với mưa lũ, các đơn vị rà soát phương án và báo cáo kết quả trước ngày " \
       "20 tháng 3 năm 2024; hướng dẫn người dân chuẩn bị lương thực, nước uống.\n\nNơi nhận:\n- Lưu: VT."


@pytest.fixture(scope="module")
def page() -> synth.SynthPage:
    (only,) = synth.render_pages(TEXT, font="liberation-serif", font_size_pt=13, dpi=150, seed=1)
    return only


def at_dpi(tier: str, dpi: int) -> synth.Tier:
    """A tier's degradations without its resampling, to keep unit tests fast on small pages."""
    return dataclasses.replace(synth.TIERS[tier], dpi=dpi)


@pytest.mark.parametrize("font", sorted(synth.FONTS))
def test_synth_fonts_have_vietnamese_glyphs(font):
    for bold in (False, True):
        assert synth._missing_glyphs(synth.font_path(font, bold), synth.VIETNAMESE_PROBE) == ""


def test_synth_ground_truth_is_the_text_wrapped(page):
    assert page.lines[0].text == "KẾ HOẠCH" and page.lines[0].bold
    assert " ".join(line.text for line in page.lines) == " ".join(TEXT.split())
    assert len(page.lines) > 4  # the long paragraph was wrapped


def test_synth_long_text_flows_onto_more_pages():
    pages = synth.render_pages("\n\n".join([TEXT] * 12), font="dejavu-serif", font_size_pt=14, dpi=72)
    assert len(pages) >= 2 and [p.page_no for p in pages] == list(range(1, len(pages) + 1))
    bottom = pages[0].image.height
    assert all(line.bbox[3] < bottom for p in pages for line in p.lines)


def test_synth_strip_markdown_emphasis():
    assert synth.strip_markdown_emphasis("báo cáo *Sở Nội vụ* **trước ngày 26/5**") == \
        "báo cáo Sở Nội vụ trước ngày 26/5"


@pytest.mark.parametrize(("tier", "scale"), [("clean", 1.0), ("hard", 200 / 300)])
def test_synth_degrade_sets_tier_dpi_and_size(tier, scale):
    clean = Image.new("L", (300, 400), 255)
    scan = synth.degrade(clean, tier, seed=0, dpi=300)
    assert scan.info["dpi"] == (synth.TIERS[tier].dpi,) * 2
    assert scan.size == (round(300 * scale), round(400 * scale))


def test_synth_degrade_rotation_turns_the_page():
    clean = Image.new("L", (300, 400), 255)
    assert synth.degrade(clean, "clean", seed=0, rotation=90).size == (400, 300)
    with pytest.raises(ValueError):
        synth.degrade(clean, "clean", seed=0, rotation=45)


def test_synth_degrade_is_seeded(page):
    tier = at_dpi("typical", page.dpi)
    one = synth.degrade(page.image, tier, seed=5, dpi=page.dpi)
    two = synth.degrade(page.image, tier, seed=5, dpi=page.dpi)
    other = synth.degrade(page.image, tier, seed=6, dpi=page.dpi)
    assert one.tobytes() == two.tobytes() != other.tobytes()


def test_synth_seal_is_red_and_signature_blue(page):
    colour = synth.stamp_seal_and_signature(page, seed=2)
    r, g, b = np.asarray(colour).reshape(-1, 3).astype(int).T
    assert colour.mode == "RGB"
    assert ((r > 150) & (g < 100) & (b < 100)).any()
    assert ((b > 120) & (r < 90)).any()


def test_synth_text_layer_pdf_reads_back_exactly(page):
    data = synth.pdf_text_layer_bytes([page])
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert pdf.pages[0].extract_text() == page.text


def test_synth_mixed_pdf_has_text_then_image_page(page):
    data = synth.pdf_mixed_bytes([page, synth.degrade(page.image, at_dpi("clean", page.dpi), seed=0,
                                                               dpi=page.dpi)])
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert pdf.pages[0].extract_text() == page.text
        assert pdf.pages[1].extract_text() == "" and len(pdf.pages[1].images) == 1


def test_synth_writers_are_byte_identical_on_rerun(page):
    scan = synth.degrade(page.image, at_dpi("hard", page.dpi), seed=3, dpi=page.dpi)

    def all_bytes():
        return [synth.png_bytes(scan), synth.jpeg_bytes(scan), synth.tiff_bytes([scan, scan]),
                synth.tiff_bytes([scan], jpeg_quality=40), synth.pdf_images_bytes([scan]),
                synth.pdf_text_layer_bytes([page]), synth.pdf_mixed_bytes([page, scan])]

    assert all_bytes() == all_bytes()


def test_synth_multipage_tiff_keeps_pages():
    frames = [Image.new("L", (50, 60), v) for v in (0, 128)]
    for frame in frames:
        frame.info["dpi"] = (200, 200)
    tiff = Image.open(io.BytesIO(synth.tiff_bytes(frames)))
    assert tiff.n_frames == 2 and round(tiff.info["dpi"][0]) == 200
