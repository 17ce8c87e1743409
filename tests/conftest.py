"""Shared fixtures: the repo's params, the Tesseract gate, and generated pages (tests/fixtures/render.py).

`tesseract` skips a test when the binary or its `vie` data is missing, but fails it when
VANBAN_REQUIRE_TESSERACT=1 (set by `make test`, hence CI), so integration tests can never pass by skipping.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline import synth

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def params_path() -> Path:
    return REPO / "params.yaml"


@pytest.fixture(scope="session")
def params(params_path):
    """The repo's params.yaml, validated; change values with dataclasses.replace(params.ocr, ...)."""
    from pipeline.params import load_params

    return load_params(params_path)


@pytest.fixture(scope="session")
def tesseract() -> str:
    """Path of a Tesseract binary with `vie` data; skip without one, fail if VANBAN_REQUIRE_TESSERACT=1."""
    required = os.environ.get("VANBAN_REQUIRE_TESSERACT") == "1"
    binary = shutil.which("tesseract")
    problem = None
    if binary is None:
        problem = "tesseract not on PATH (apt-get install tesseract-ocr tesseract-ocr-vie)"
    else:
        langs = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=60).stdout
        if "vie" not in langs.split():
            problem = "Tesseract language data `vie` missing (apt-get install tesseract-ocr-vie)"
    if problem:
        if required:
            pytest.fail(f"VANBAN_REQUIRE_TESSERACT=1 but {problem}")
        pytest.skip(problem)
    return binary


@dataclass(frozen=True)
class RenderedPage:
    image: object  # PIL.Image.Image, degraded as asked; its dpi is in image.info["dpi"]
    truth: str  # the page's lines joined by "\n"
    page: synth.SynthPage  # the clean page, with line boxes


@pytest.fixture(scope="session")
def render_page() -> Callable[..., RenderedPage]:
    """render_page(text=None, *, tier="clean", font=..., font_size_pt=13, seed=0, rotation=0,
    colour_seal=False): one page of `text` (default: the fixtures' district letter), scanned at `tier`."""
    from fixtures.render import PAGE_TEXTS

    def render(text: str | None = None, *, tier: str = "clean", font: str = "liberation-serif",
               font_size_pt: float = 13.0, seed: int = 0, rotation: int = 0,
               colour_seal: bool = False) -> RenderedPage:
        page = synth.render_pages(text or PAGE_TEXTS[0], font=font, font_size_pt=font_size_pt, seed=seed)[0]
        image = synth.stamp_seal_and_signature(page, seed=seed) if colour_seal else page.image
        return RenderedPage(synth.degrade(image, tier, seed=seed, dpi=page.dpi, rotation=rotation), page.text, page)

    return render
