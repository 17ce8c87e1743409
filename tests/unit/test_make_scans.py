"""scripts/make_scans.py: the committed data/raw/scans/truth.json is what the generator typesets now
(image bytes are not compared: encoders may differ between library versions)."""

from __future__ import annotations

import json
import sys

import pytest


@pytest.fixture(scope="module")
def make_scans(repo_root):
    sys.path.insert(0, str(repo_root / "scripts"))
    try:
        import make_scans
    finally:
        sys.path.remove(str(repo_root / "scripts"))
    return make_scans


def test_make_scans_truth_matches_generator(make_scans, repo_root):
    truth = json.loads((repo_root / "data" / "raw" / "scans" / "truth.json").read_text(encoding="utf-8"))["pages"]
    assert sorted(truth) == sorted(spec.name for spec in make_scans.SCANS)
    for index, spec in enumerate(make_scans.SCANS):
        assert [p.text for p in make_scans.clean_pages(spec, index)] == truth[spec.name], spec.name
        assert (repo_root / "data" / "raw" / "scans" / spec.name).is_file()


def test_make_scans_strips_markdown_emphasis(make_scans):
    assert "*" not in make_scans.sample_text("004")
