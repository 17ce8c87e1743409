"""notebooks/deadlines.ipynb runs top to bottom on a dataset built in tmp_path, and its answers agree with SQL.

The fields input is generated here by scripts/make_directives.py (same keys as an extractor's fields JSON), so
the test does not depend on the extractor being right."""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import sys
from pathlib import Path

import pytest

from pipeline.dataset import SQLITE_NAME, build_dataset

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "deadlines.ipynb"


def generated_fields(folder: Path, count: int) -> None:
    spec = importlib.util.spec_from_file_location("make_directives", ROOT / "scripts" / "make_directives.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_directives"] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    folder.mkdir(parents=True)
    for doc_id, _, gold in module.generate(seed=11, count=count):
        (folder / f"{doc_id}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")


def test_notebook_deadlines_answers_agree_with_sqlite(tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    generated_fields(tmp_path / "fields", count=16)
    build_dataset(tmp_path / "fields", tmp_path / "dataset")
    monkeypatch.setenv("VANBAN_DATASET", str(tmp_path / "dataset"))
    monkeypatch.setenv("VANBAN_FIGURE_PATH", str(tmp_path / "deadlines.png"))
    monkeypatch.delenv("VANBAN_AS_OF", raising=False)

    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(nb, timeout=180, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()

    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs)
    assert (tmp_path / "deadlines.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    summary = json.loads(next(o.text for o in outputs if o.output_type == "stream" and '"documents"' in o.text))

    con = sqlite3.connect(tmp_path / "dataset" / SQLITE_NAME)
    assert summary["documents"] == con.execute("SELECT count(*) FROM documents").fetchone()[0] == 16
    assert summary["deadlines_by_precision"] == dict(
        con.execute("SELECT precision, count(*) FROM deadlines GROUP BY precision ORDER BY precision").fetchall())
    top_issuer = con.execute(
        "SELECT doc.issuer FROM deadlines d JOIN documents doc USING (doc_id) GROUP BY doc.issuer "
        "ORDER BY count(*) DESC, count(DISTINCT d.doc_id) DESC, doc.issuer LIMIT 1").fetchone()[0]
    assert summary["top_issuer"] == top_issuer
