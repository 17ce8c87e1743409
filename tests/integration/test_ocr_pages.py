"""Real Tesseract `vie` on generated pages through pipeline.ocr.ocr_page: CER ceilings (regression guards
well above what bench/ocr.py measures), orientation recovery and the seal-suppressed colour scan."""

from __future__ import annotations

import unicodedata

import numpy as np
import pytest
from rapidfuzz.distance import Levenshtein

from pipeline import ocr

pytestmark = pytest.mark.tesseract


def cer(truth: str, output: str) -> float:
    ref = " ".join(unicodedata.normalize("NFC", truth).split())
    hyp = " ".join(unicodedata.normalize("NFC", output).split())
    return Levenshtein.distance(ref, hyp) / max(1, len(ref))


def as_array(image) -> np.ndarray:
    """PIL page → what rasterize hands to ocr: gray, or BGR for colour scans."""
    arr = np.asarray(image)
    return arr[..., ::-1].copy() if arr.ndim == 3 else arr.copy()


# fmt: off
PAGES = [
    # tier,      dpi, rotation, seal,  CER ceiling
    ("hard",     200, 0,        False, 0.04),
    ("typical",  300, 90,       False, 0.02),
    ("typical",  300, 0,        True,  0.03),
]
# fmt: on


@pytest.mark.parametrize("tier,dpi,rotation,seal,ceiling", PAGES)
def test_ocr_page_cer_ceiling(tesseract, render_page, params, tier, dpi, rotation, seal, ceiling):
    page = render_page(tier=tier, seed=3, rotation=rotation, colour_seal=seal)
    record, cleaned = ocr.ocr_page(as_array(page.image), dpi, 1, params.ocr, params.rasterize.min_ocr_dpi)
    assert cer(page.truth, record.text) <= ceiling
    assert record.rotation == rotation  # synth turns counter-clockwise; OSD reports the clockwise fix
    assert record.dpi == 300 and cleaned.shape[:2] == (record.height, record.width)
    lines = {w.line for w in record.words}
    assert len(lines) == len(record.text.split("\n"))
    assert all(0 <= w.conf <= 100 for w in record.words)
