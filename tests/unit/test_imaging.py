"""imaging: each clean-up step on generated pages with a known answer (no Tesseract)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from pipeline import imaging


@pytest.fixture(scope="module")
def page_gray(render_page) -> np.ndarray:
    """A clean 300-dpi page of Vietnamese text, grayscale."""
    return np.asarray(render_page(tier="clean").image.convert("L")).copy()


@pytest.mark.parametrize("angle", [-1.8, -0.6, 0.7, 2.5])
def test_imaging_skew_recovered_and_corrected(page_gray, angle):
    skewed = imaging.rotate_by(page_gray, angle)
    measured = imaging.estimate_skew(skewed)
    assert measured == pytest.approx(angle, abs=0.15)
    assert abs(imaging.estimate_skew(imaging.deskew(skewed, measured))) < 0.15


def test_imaging_skew_of_blank_page_is_zero():
    assert imaging.estimate_skew(np.full((600, 400), 255, np.uint8)) == 0.0


@pytest.mark.parametrize("turn", [0, 90, 180, 270])
def test_imaging_rotate_orthogonal_undoes_a_turn(page_gray, turn):
    turned = np.rot90(page_gray, k=turn // 90)  # counter-clockwise, as a careless scan
    assert np.array_equal(imaging.rotate_orthogonal(turned, turn), page_gray)


def test_imaging_remove_specks_drops_dust_keeps_diacritics(page_gray):
    dusty = page_gray.copy()
    dust = [(150, 3300), (2300, 200), (1200, 3400)]  # margins: far from any glyph
    for x, y in dust:
        cv2.circle(dusty, (x, y), 3, 0, -1)
    cleaned = imaging.remove_specks(dusty, 300)
    for x, y in dust:
        assert cleaned[y, x] == 255
    # Every text pixel (diacritics, i-dots and full stops included) survives.
    assert np.array_equal(cleaned[page_gray < 128], page_gray[page_gray < 128])


def test_imaging_suppress_colour_ink_keeps_black_print():
    page = np.full((300, 300, 3), 250, np.uint8)
    cv2.rectangle(page, (20, 20), (80, 40), (0, 0, 0), -1)  # black print
    cv2.circle(page, (200, 100), 50, (40, 40, 215), 6)  # red seal (BGR)
    cv2.line(page, (20, 250), (280, 220), (170, 45, 30), 4)  # blue signature
    assert imaging.is_colour(page)
    gray = imaging.suppress_colour_ink(page)
    assert gray.ndim == 2
    assert gray[30, 50] < 50
    assert gray[100, 150] == 255 and gray[236, 150] >= 240


def test_imaging_gray_page_is_not_colour(page_gray):
    assert not imaging.is_colour(cv2.cvtColor(page_gray, cv2.COLOR_GRAY2BGR))


def test_imaging_remove_shadows_flattens_uneven_light(page_gray):
    h, w = page_gray.shape
    light = np.linspace(0.55, 1.0, w, dtype=np.float32)[None, :]
    shaded = (page_gray.astype(np.float32) * light).astype(np.uint8)
    flat = imaging.remove_shadows(shaded)
    paper = page_gray > 250
    assert np.percentile(shaded[paper], 5) < 160
    assert np.percentile(flat[paper], 5) > 225
    assert np.median(flat[page_gray < 60]) < 90  # glyphs stay dark


def test_imaging_remove_borders_whitens_scanner_edge(page_gray):
    framed = page_gray.copy()
    framed[:, :60] = 0  # black strip along the left edge
    cleaned = imaging.remove_borders(framed)
    assert (cleaned[:, :55] == 255).all()
    text = page_gray < 128
    assert np.array_equal(cleaned[text], framed[text])


@pytest.mark.parametrize("method", sorted(imaging.BINARIZERS))
def test_imaging_binarizers_keep_text_black_on_white(page_gray, method):
    out = imaging.binarize(page_gray, method)
    assert out.shape == page_gray.shape and out.dtype == np.uint8
    if method != "none":
        assert set(np.unique(out)) <= {0, 255}
    text = page_gray < 60
    assert (out[text] < 128).mean() > 0.95
    assert (out[page_gray > 250] == 255).mean() > 0.99


def test_imaging_unknown_binarizer_names_the_param():
    with pytest.raises(ValueError, match="ocr.binarize"):
        imaging.binarize(np.zeros((4, 4), np.uint8), "magic")


def test_imaging_upsample_to_target_dpi():
    small = np.full((200, 100), 255, np.uint8)
    assert imaging.upsample(small, 200, 300).shape == (300, 150)
    assert imaging.upsample(small, 300, 300) is small
