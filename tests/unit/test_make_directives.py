"""The generated gold set: deterministic, complete keys, and every gold value readable in its own text."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KEYS = ("doc_type", "number", "symbol", "issuer", "issuer_parent", "province", "place", "date", "subject",
        "recipients_to", "recipients_cc", "signer", "signer_title", "deadlines", "references", "criteria")


@pytest.fixture(scope="module")
def make_directives():
    spec = importlib.util.spec_from_file_location("make_directives", ROOT / "scripts" / "make_directives.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_directives"] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def documents(make_directives):
    return make_directives.generate(seed=7, count=44)


def test_make_directives_is_deterministic(make_directives, documents):
    assert make_directives.generate(seed=7, count=44) == documents
    assert make_directives.generate(seed=8, count=44) != documents


def test_make_directives_gold_has_every_key(documents):
    for _, _, gold in documents:
        assert set(KEYS) <= set(gold)
        for key in ("recipients_to", "recipients_cc", "deadlines", "references", "criteria"):
            assert isinstance(gold[key], list)


def test_make_directives_gold_values_are_in_the_text(documents):
    """Exact by construction: each value (but header names, whose lines may interleave) occurs in the text."""
    for doc_id, text, gold in documents:
        flat = " ".join(text.split()).lower()
        for key in ("number", "symbol", "place", "subject", "signer"):
            if gold[key]:
                assert gold[key].lower() in flat, (doc_id, key)
        for item in gold["recipients_to"] + gold["recipients_cc"]:
            assert item.lower() in flat, (doc_id, item)
        for ref in gold["references"]:
            assert ref["ref"].lower() in flat, (doc_id, ref)
        for deadline in gold["deadlines"]:
            assert deadline["action"].lower() in flat, (doc_id, deadline)
            assert deadline["precision"] in ("day", "month", "year")
        own = f"{gold['number']}/{gold['symbol']}"
        assert own not in {r["ref"] for r in gold["references"]}


def test_make_directives_covers_the_variants(documents):
    types = {gold["doc_type"] for _, _, gold in documents}
    assert {"Công văn", "Quyết định", "Kế hoạch", "Hướng dẫn", "Thông báo", "Giấy mời", "Báo cáo", "Chỉ thị",
            "Tờ trình"} <= types
    precisions = {d["precision"] for _, _, g in documents for d in g["deadlines"]}
    assert precisions == {"day", "month", "year"}
    assert any(g["province"] is None for _, _, g in documents)
    assert any(g["criteria"] for _, _, g in documents)


def test_make_directives_committed_set_is_reproducible(make_directives, tmp_path):
    """bench/gold/directives is exactly what the generator writes with its defaults (seed = base.seed)."""
    make_directives.main(["--out", str(tmp_path)])
    committed = ROOT / "bench" / "gold" / "directives"
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(p.name for p in committed.iterdir() if p.name != "README.md")
    for name in names:
        assert (tmp_path / name).read_bytes() == (committed / name).read_bytes(), name
