"""Writes are atomic: a failure mid-write leaves the previous file intact and no temp files behind."""

import pytest

from pipeline.store import atomic_write_json, atomic_write_text


def test_store_atomic_write_replaces(tmp_path):
    target = tmp_path / "sub" / "out.txt"
    atomic_write_text(target, "one")
    atomic_write_text(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]


def test_store_failed_write_keeps_old_file(tmp_path):
    target = tmp_path / "out.json"
    atomic_write_json(target, {"a": 1})
    before = target.read_bytes()
    with pytest.raises(TypeError):
        atomic_write_json(target, {"a": object()})
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
