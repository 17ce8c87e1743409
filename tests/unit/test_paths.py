"""Input discovery: folders recurse in sorted order, ids are unique stems, bad paths are reported, not fatal."""

from pathlib import Path

from pipeline.errors import EmptyInputError, UnreadableInputError, UnsupportedInputError
from pipeline.paths import discover_inputs, fields_json, ocr_json, page_image, text_file


def _touch(path: Path, data: bytes = b"x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_paths_discover_recurses_sorted_and_kinds(tmp_path):
    _touch(tmp_path / "b" / "scan.TIF")
    _touch(tmp_path / "a" / "doc.pdf")
    _touch(tmp_path / "a" / "note.txt")
    _touch(tmp_path / "a" / "README.md")
    docs, errors = discover_inputs([tmp_path])
    assert [(d.doc_id, d.kind) for d in docs] == [("doc", "pdf"), ("note", "txt"), ("scan", "tiff")]
    assert errors == []


def test_paths_duplicate_stems_made_unique(tmp_path):
    _touch(tmp_path / "x" / "cv.pdf")
    _touch(tmp_path / "y" / "cv.pdf")
    _touch(tmp_path / "y" / "cv.png")
    docs, _ = discover_inputs([tmp_path])
    assert [d.doc_id for d in docs] == ["cv", "cv-2", "cv-3"]


def test_paths_same_file_twice_counts_once(tmp_path):
    f = _touch(tmp_path / "a.png")
    docs, _ = discover_inputs([f, tmp_path])
    assert len(docs) == 1


def test_paths_bad_inputs_reported(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    odd = _touch(tmp_path / "scan.docx")
    docs, errors = discover_inputs([empty, odd, tmp_path / "missing.pdf"])
    assert docs == []
    kinds = {type(e) for _, e in errors}
    assert kinds == {EmptyInputError, UnsupportedInputError, UnreadableInputError}
    assert any(".docx" in e.detail for _, e in errors)


def test_paths_output_layout_contract(tmp_path):
    assert page_image(tmp_path, "d", 3) == tmp_path / "pages" / "d" / "page-0003.png"
    assert ocr_json(tmp_path, "d") == tmp_path / "ocr" / "d.json"
    assert text_file(tmp_path, "d") == tmp_path / "text" / "d.txt"
    assert fields_json(tmp_path, "d") == tmp_path / "fields" / "d.json"
