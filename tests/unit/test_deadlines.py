"""`vanban deadlines`: period-overlap date filters, loose issuer/type matching, three output formats."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from pipeline.cli import main
from pipeline.dataset import build_dataset
from pipeline.deadlines import (
    DeadlineQuery,
    DueItem,
    fold,
    format_due,
    load_due_items,
    resolve_dataset,
    select_due,
)


def doc(doc_type, number, symbol, issuer, parent, province, deadlines) -> dict:
    return {"doc_type": doc_type, "number": number, "symbol": symbol, "issuer": issuer, "issuer_parent": parent,
            "province": province, "date": "2022-04-01", "deadlines": [
                {"date": d, "precision": {4: "year", 7: "month", 10: "day"}[len(d)], "action": a}
                for d, a in deadlines]}


DOCS = {
    "plan": doc("Kế hoạch", "12", "KH-UBND", "UBND tỉnh Lào Cai", None, "Lào Cai",
                [("2022-05-10", "Gửi báo cáo"), ("2022-07", "Tổ chức hội nghị"), ("2023", "Tổng kết")]),
    "letter": doc("Công văn", None, "SNV-TĐKT", "Sở Nội vụ", "UBND tỉnh Sơn La", "Sơn La",
                  [("2022-04-20", "Nộp hồ sơ"), ("2022-06-30", "Báo cáo sơ kết")]),
    "invite": doc("Giấy mời", "3", "GM-BNV", "Bộ Nội vụ", None, None, [("2022-05-02", "Hội nghị")]),
}


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("run")
    (root / "fields").mkdir()
    for doc_id, data in DOCS.items():
        (root / "fields" / f"{doc_id}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    build_dataset(root / "fields", root / "dataset")
    return root


@pytest.fixture(scope="module")
def items(run_dir):
    return load_due_items(resolve_dataset(run_dir))


def actions(selected: list[DueItem]) -> list[str]:
    return [i.action for i in selected]


def test_deadlines_sorted_by_date(items):
    assert actions(select_due(items, DeadlineQuery())) == [
        "Nộp hồ sơ", "Hội nghị", "Gửi báo cáo", "Báo cáo sơ kết", "Tổ chức hội nghị", "Tổng kết"]


# fmt: off
DATE_FILTERS = [
    (DeadlineQuery(after=dt.date(2022, 6, 1)), ["Báo cáo sơ kết", "Tổ chức hội nghị", "Tổng kết"]),
    (DeadlineQuery(before=dt.date(2022, 5, 2)), ["Nộp hồ sơ", "Hội nghị"]),
    # a month-precision deadline overlaps any bound inside its month
    (DeadlineQuery(after=dt.date(2022, 7, 31), before=dt.date(2022, 12, 31)), ["Tổ chức hội nghị"]),
    (DeadlineQuery(after=dt.date(2023, 6, 1)), ["Tổng kết"]),
    (DeadlineQuery(after=dt.date(2024, 1, 1)), []),
]
# fmt: on


@pytest.mark.parametrize(("query", "expected"), DATE_FILTERS)
def test_deadlines_date_filters_use_period_overlap(items, query, expected):
    assert actions(select_due(items, query)) == expected


@pytest.mark.parametrize(("issuer", "expected"), [
    ("so noi vu", ["Nộp hồ sơ", "Báo cáo sơ kết"]),  # no marks, lower case
    ("SƠN LA", ["Nộp hồ sơ", "Báo cáo sơ kết"]),  # the province matches too
    ("lao cai", ["Gửi báo cáo", "Tổ chức hội nghị", "Tổng kết"]),
    ("Bộ", ["Hội nghị"]),
])
def test_deadlines_issuer_match_ignores_case_and_marks(items, issuer, expected):
    assert actions(select_due(items, DeadlineQuery(issuer=issuer))) == expected


def test_deadlines_type_match_ignores_case_and_marks(items):
    assert actions(select_due(items, DeadlineQuery(doc_type="KE HOACH"))) == ["Gửi báo cáo", "Tổ chức hội nghị",
                                                                            "Tổng kết"]
    assert select_due(items, DeadlineQuery(doc_type="quyết định")) == []


def test_deadlines_fold():
    assert fold("  Sở  Nội vụ ĐẮK LẮK ") == "so noi vu dak lak"


def test_deadlines_number_symbol_column(items):
    by_action = {i.action: i.number_symbol for i in items}
    assert by_action["Gửi báo cáo"] == "12/KH-UBND"
    assert by_action["Nộp hồ sơ"] == "/SNV-TĐKT"  # number left blank on the document


def test_deadlines_resolves_run_dir_or_dataset_dir(run_dir, tmp_path):
    assert resolve_dataset(run_dir) == resolve_dataset(run_dir / "dataset") == run_dir / "dataset"
    assert resolve_dataset(run_dir / "dataset" / "vanban.sqlite") == run_dir / "dataset"
    with pytest.raises(Exception, match="no dataset"):
        resolve_dataset(tmp_path)


def test_deadlines_formats(items):
    selected = select_due(items, DeadlineQuery(issuer="bo noi vu"))
    assert json.loads(format_due(selected, "json")) == [{
        "date": "2022-05-02", "precision": "day", "action": "Hội nghị", "doc_type": "Giấy mời",
        "number_symbol": "3/GM-BNV", "issuer": "Bộ Nội vụ", "doc_id": "invite"}]
    rows = list(csv.DictReader(io.StringIO(format_due(selected, "csv"))))
    assert rows[0]["doc_id"] == "invite" and rows[0]["date"] == "2022-05-02"
    table = format_due(selected, "table").splitlines()
    assert table[0].split() == ["date", "precision", "action", "doc_type", "number_symbol", "issuer", "doc_id"]
    assert table[-1] == "(1 deadline)"


def test_deadlines_cli(run_dir, capsys):
    assert main(["deadlines", "--db", str(run_dir), "--after", "2022-06", "--type", "cong van",
                 "--format", "json"]) == 0
    assert [r["action"] for r in json.loads(capsys.readouterr().out)] == ["Báo cáo sơ kết"]
    assert main(["deadlines", "--db", str(run_dir / "dataset"), "--before", "2022"]) == 0
    assert "(5 deadlines)" in capsys.readouterr().out


@pytest.mark.parametrize("args", [["--after", "5/5/2022"], ["--format", "xml"]])
def test_deadlines_cli_rejects_bad_arguments(run_dir, capsys, args):
    assert main(["deadlines", "--db", str(run_dir), *args]) == 1
    assert capsys.readouterr().err.startswith("vanban: error: ")


def test_deadlines_cli_without_dataset_fails(tmp_path, capsys):
    assert main(["deadlines", "--db", str(tmp_path)]) != 0
    assert "no dataset" in capsys.readouterr().err


def test_deadlines_after_vanban_extract(tmp_path, capsys):
    """End to end without OCR: `vanban extract TEXTS --out DIR` builds DIR/dataset, `vanban deadlines` reads it."""
    import importlib.util
    import sqlite3
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("make_directives", root / "scripts" / "make_directives.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_directives"] = module
    spec.loader.exec_module(module)
    (tmp_path / "in").mkdir()
    for doc_id, text, _ in module.generate(seed=5, count=6):
        (tmp_path / "in" / f"{doc_id}.txt").write_text(text, encoding="utf-8")

    assert main(["extract", str(tmp_path / "in"), "--out", str(tmp_path / "out")]) == 0
    con = sqlite3.connect(tmp_path / "out" / "dataset" / "vanban.sqlite")
    assert con.execute("SELECT count(*) FROM documents").fetchone() == (6,)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    n_deadlines = con.execute("SELECT count(*) FROM deadlines WHERE date IS NOT NULL").fetchone()[0]
    capsys.readouterr()
    assert main(["deadlines", "--db", str(tmp_path / "out"), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) >= n_deadlines > 0
    dates = [r["date"] for r in rows if r["date"]]
    assert dates == sorted(dates)
