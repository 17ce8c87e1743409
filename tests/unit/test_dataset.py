"""The dataset: typed tables with stable ids, real keys in SQLite, partial dates kept, byte-identical rebuilds."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline.dataset import SQLITE_NAME, TABLES, build_dataset, parse_partial_date, split_ref

EMPTY = {"doc_type": None, "number": None, "symbol": None, "issuer": None, "issuer_parent": None,
         "province": None, "place": None, "date": None, "subject": None, "recipients_to": [],
         "recipients_cc": [], "signer": None, "signer_title": None, "deadlines": [], "references": [],
         "criteria": []}


def fields(**values) -> dict:
    return EMPTY | values


PLAN = fields(
    doc_type="Kế hoạch", number="12", symbol="KH-UBND", issuer="UBND tỉnh Hà Giang", province="Hà Giang",
    place="Hà Giang", date="2022-05", subject="Tổng kết công tác năm 2022",
    recipients_cc=["Như trên", "Lưu: VT"], signer="Lê Văn An", signer_title="KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
    deadlines=[{"date": "2022-06-10", "precision": "day", "action": "Các sở gửi báo cáo"},
               {"date": "2022-07", "precision": "month", "action": "Tổ chức hội nghị"},
               {"date": "2023", "precision": "year", "action": "Tổng kết"}],
    references=[{"ref": "91/2017/NĐ-CP", "date": "2017-07-31"}, {"ref": "5/QĐ-UBND", "date": None}],
    criteria=[{"section": "III.1.a", "text": "Hoàn thành xuất sắc nhiệm vụ"}],
    evidence=[{"field": "number", "index": None, "value": "12", "page": 1, "line": 3, "start": 4,
               "line_end": 3, "end": 6, "offset_start": 80, "offset_end": 82, "text": "Số: 12/KH-UBND",
               "boxes": [[1, 2, 3, 4]]}],
)
LETTER = fields(
    doc_type="Công văn", number="355", symbol="SNV-TĐKT", issuer="Sở Nội vụ", issuer_parent="UBND tỉnh Hà Giang",
    province="Hà Giang", place="Hà Giang", date="2022-06-02", subject="V/v triển khai kế hoạch",
    recipients_to=["Các sở, ban, ngành"], recipients_cc=["Như trên"],
    deadlines=[{"date": "2022-06-20", "precision": "day", "action": "Gửi danh sách"}],
    references=[{"ref": "12/KH-UBND", "date": None}],
)


def write_fields(folder, docs: dict[str, object]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id, data in docs.items():
        text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
        (folder / f"{doc_id}.json").write_text(text, encoding="utf-8")


@pytest.fixture
def dataset(tmp_path):
    write_fields(tmp_path / "fields", {"b_letter": LETTER, "a_plan": PLAN})
    report = build_dataset(tmp_path / "fields", tmp_path / "dataset")
    return tmp_path / "dataset", report


# fmt: off
PARTIAL_DATES = [
    ("2022-04-18", dt.date(2022, 4, 18), "day", dt.date(2022, 4, 18)),
    ("2022-02", dt.date(2022, 2, 1), "month", dt.date(2022, 2, 28)),
    ("2024-02", dt.date(2024, 2, 1), "month", dt.date(2024, 2, 29)),
    ("2023", dt.date(2023, 1, 1), "year", dt.date(2023, 12, 31)),
    ("2022-13-01", None, None, None),
    ("18/4/2022", None, None, None),
    (None, None, None, None),
]
# fmt: on


@pytest.mark.parametrize(("text", "first", "precision", "last"), PARTIAL_DATES)
def test_dataset_parse_partial_date(text, first, precision, last):
    parsed = parse_partial_date(text)
    assert (parsed.date, parsed.precision, parsed.last, parsed.text) == (first, precision, last, text)


@pytest.mark.parametrize(("ref", "parts"), [("91/2017/NĐ-CP", ("91", 2017, "NĐ-CP")),
                                            ("733/QĐ-TTg", ("733", None, "QĐ-TTg")), ("Luật", (None, None, None))])
def test_dataset_split_ref(ref, parts):
    assert split_ref(ref) == parts


def test_dataset_writes_every_table_in_three_forms(dataset):
    out, report = dataset
    assert report.documents == 2 and not report.failures
    assert report.rows == {"documents": 2, "deadlines": 4, "recipients": 4, "references": 3, "criteria": 1,
                           "evidence": 1}
    for table in TABLES:
        from_parquet = pd.read_parquet(out / f"{table.name}.parquet")
        from_csv = pd.read_csv(out / f"{table.name}.csv", encoding="utf-8-sig")
        assert list(from_parquet.columns) == list(from_csv.columns) == list(table.column_names)
        assert len(from_parquet) == len(from_csv) == report.rows[table.name]


def test_dataset_sqlite_has_primary_and_foreign_keys(dataset):
    out, _ = dataset
    con = sqlite3.connect(out / SQLITE_NAME)
    con.execute("PRAGMA foreign_keys = ON")
    for table in TABLES:
        pk = [row[1] for row in con.execute(f'PRAGMA table_info("{table.name}")') if row[5]]
        assert pk == [table.primary_key]
        fks = {(row[3], row[2], row[4]) for row in con.execute(f'PRAGMA foreign_key_list("{table.name}")')}
        assert fks == set(table.foreign_keys)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    with pytest.raises(sqlite3.IntegrityError):  # an orphan row is refused
        con.execute("INSERT INTO deadlines (deadline_id, doc_id, position) VALUES ('x', 'no-such-doc', 0)")
    with pytest.raises(sqlite3.IntegrityError):  # a date that is not a real ISO day is refused
        con.execute("INSERT INTO documents (doc_id, date) VALUES ('y', '2022-05')")


def test_dataset_keeps_partial_dates_without_inventing_a_day(dataset):
    out, _ = dataset
    doc = pd.read_parquet(out / "documents.parquet").set_index("doc_id").loc["a_plan"]
    assert (doc["date"], doc["date_precision"], doc["date_text"]) == (dt.date(2022, 5, 1), "month", "2022-05")
    con = sqlite3.connect(out / SQLITE_NAME)
    rows = con.execute("SELECT date, precision, date_last, date_text FROM deadlines WHERE doc_id = 'a_plan' "
                       "ORDER BY position").fetchall()
    assert rows == [("2022-06-10", "day", "2022-06-10", "2022-06-10"), ("2022-07-01", "month", "2022-07-31", "2022-07"),
                    ("2023-01-01", "year", "2023-12-31", "2023")]


def test_dataset_columns_are_typed(dataset):
    out, _ = dataset
    schema = pq.read_schema(out / "deadlines.parquet")
    assert str(schema.field("date").type) == "date32[day]"
    assert str(schema.field("position").type) == "int64"
    assert str(pq.read_schema(out / "evidence.parquet").field("char_end").type) == "int64"
    assert pq.read_schema(out / "documents.parquet").metadata is None  # no pandas metadata (determinism)


def test_dataset_ids_are_stable_and_rows_ordered(dataset, tmp_path):
    out, _ = dataset
    ids = list(pd.read_parquet(out / "deadlines.parquet")["deadline_id"])
    assert ids == ["a_plan/deadlines/0", "a_plan/deadlines/1", "a_plan/deadlines/2", "b_letter/deadlines/0"]
    write_fields(tmp_path / "more", {"a_plan": PLAN, "b_letter": LETTER, "0_first": LETTER})
    build_dataset(tmp_path / "more", tmp_path / "more_dataset")
    more = pd.read_parquet(tmp_path / "more_dataset" / "deadlines.parquet")
    assert set(ids) <= set(more["deadline_id"])  # adding a document renumbers nobody
    recipients = pd.read_parquet(out / "recipients.parquet")
    assert list(recipients["recipient_id"]) == ["a_plan/recipients/cc/0", "a_plan/recipients/cc/1",
                                                "b_letter/recipients/to/0", "b_letter/recipients/cc/0"]


def test_dataset_is_byte_identical_across_builds(dataset, tmp_path):
    out, _ = dataset
    again = tmp_path / "again"
    build_dataset(tmp_path / "fields", again)
    build_dataset(tmp_path / "fields", out)  # rebuilt in place too
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(p.name for p in again.iterdir())
    assert len(names) == 2 * len(TABLES) + 1  # no temporary files left behind
    for name in names:
        assert (out / name).read_bytes() == (again / name).read_bytes(), name


def test_dataset_links_a_reference_to_the_cited_document(dataset):
    out, _ = dataset
    refs = pd.read_parquet(out / "references.parquet").set_index("reference_id")
    assert refs.loc["b_letter/references/0", "cited_doc_id"] == "a_plan"
    assert refs.loc["a_plan/references/0", ["ref_number", "ref_year", "ref_symbol"]].tolist() == ["91", 2017, "NĐ-CP"]
    assert pd.isna(refs.loc["a_plan/references/1", "cited_doc_id"])


def test_dataset_keeps_unknown_evidence_keys(dataset):
    out, _ = dataset
    row = pd.read_parquet(out / "evidence.parquet").iloc[0]
    assert (row["field"], row["page_no"], row["char_start"], row["char_end"]) == ("number", 1, 4, 6)
    assert json.loads(row["extra_json"]) == {"boxes": [[1, 2, 3, 4]]}


def test_dataset_reports_bad_files_and_builds_the_rest(tmp_path, capsys):
    write_fields(tmp_path / "fields", {"good": PLAN, "broken": "{not json", "listed": "[1, 2]",
                                       "odd": fields(deadlines="soon", recipients_to=[None, 5, "Sở Y tế"],
                                                     date="ngày 5")})
    report = build_dataset(tmp_path / "fields", tmp_path / "dataset")
    assert sorted(f.path.rsplit("/", 1)[-1] for f in report.failures) == ["broken.json", "listed.json"]
    assert capsys.readouterr().err.count("vanban: error: ") == 2
    docs = pd.read_parquet(tmp_path / "dataset" / "documents.parquet").set_index("doc_id")
    assert list(docs.index) == ["good", "odd"]
    assert pd.isna(docs.loc["odd", "date"]) and docs.loc["odd", "date_text"] == "ngày 5"
    recipients = pd.read_parquet(tmp_path / "dataset" / "recipients.parquet")
    odd = recipients[recipients.doc_id == "odd"]
    assert list(odd["name"]) == ["5", "Sở Y tế"]
    assert list(odd["position"]) == [1, 2]  # indices as in the JSON, so evidence (field, index) still matches


def test_dataset_of_nothing_has_empty_tables(tmp_path):
    report = build_dataset(tmp_path / "none", tmp_path / "dataset")
    assert report.documents == 0
    con = sqlite3.connect(tmp_path / "dataset" / SQLITE_NAME)
    assert con.execute("SELECT count(*) FROM documents").fetchone() == (0,)
    assert pd.read_parquet(tmp_path / "dataset" / "criteria.parquet").empty


def test_dataset_data_dictionary_is_current():
    """docs/dataset.md carries schema_markdown(); regenerate it when a table changes."""
    from pathlib import Path

    from pipeline.dataset import schema_markdown

    doc = (Path(__file__).resolve().parents[2] / "docs" / "dataset.md").read_text(encoding="utf-8")
    assert schema_markdown() in doc


def test_dataset_evidence_points_at_the_row_it_became(tmp_path):
    evidence = [{"field": "deadlines", "index": 1, "value": "2022-07"},
                {"field": "recipients_cc", "index": 0, "value": "Như trên"},
                {"field": "signer", "index": None, "value": "Lê Văn An"},
                {"field": "references", "index": 0, "value": {"ref": "91/2017/NĐ-CP", "date": "2017-07-31"}}]
    write_fields(tmp_path / "fields", {"a_plan": PLAN | {"evidence": evidence}})
    build_dataset(tmp_path / "fields", tmp_path / "dataset")
    con = sqlite3.connect(tmp_path / "dataset" / SQLITE_NAME)
    assert con.execute("SELECT e.value, d.date_text FROM evidence e JOIN deadlines d ON d.deadline_id = e.item_id"
                       ).fetchall() == [("2022-07", "2022-07")]
    assert con.execute("SELECT r.name FROM evidence e JOIN recipients r ON r.recipient_id = e.item_id").fetchall() \
        == [("Như trên",)]
    assert con.execute("SELECT item_id FROM evidence WHERE field = 'signer'").fetchall() == [("a_plan",)]
    assert json.loads(con.execute("SELECT value FROM evidence WHERE field = 'references'").fetchone()[0]) == \
        {"ref": "91/2017/NĐ-CP", "date": "2017-07-31"}
