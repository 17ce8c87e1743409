"""The analysts' dataset: fields/<doc>.json → normalized tables as Parquet, CSV and one SQLite file.

Tables (one row per …): `documents` (document), `deadlines`, `recipients` (kind "to" = Kính gửi, "cc" = Nơi
nhận), `references`, `criteria`, `evidence` (one value and where it was read). Ids are stable: `doc_id` is the
fields file's stem; a child row's id is `<doc_id>/<table>/<position>` (position 0-based within its document,
and within its kind for recipients), so adding a document never renumbers the others.

Dates are typed and never invented: "2022-05-18" → date 2022-05-18, precision "day"; "2022-05" → date
2022-05-01 (first day), precision "month", and `date_last` 2022-05-31 for deadlines; the printed string stays in
`date_text`. An unparseable date keeps its text with date and precision null.

Every output is byte-identical across runs (sorted inputs, fixed row order, no timestamps) and written
atomically: each file goes to a temporary name in the target folder and is then renamed into place.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import json
import logging
import os
import re
import sqlite3
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.errors import ExtractError
from pipeline.records import Failure, StageReport
from pipeline.store import atomic_write_bytes

log = logging.getLogger("vanban")

SQLITE_NAME = "vanban.sqlite"
SCHEMA_VERSION = 1  # PRAGMA user_version of vanban.sqlite; bump when a table or column changes
PRECISIONS = ("day", "month", "year")
RECIPIENT_KINDS = {"recipients_to": "to", "recipients_cc": "cc"}
# A reference "91/2017/NĐ-CP" → number "91", year "2017", symbol "NĐ-CP"; "733/QĐ-TTg" → "733", None, "QĐ-TTg".
REF_RE = re.compile(r"^\s*(?P<number>[0-9A-Za-z.]+)\s*/\s*(?:(?P<year>(?:19|20)\d\d)\s*/\s*)?(?P<symbol>\S.*?)\s*$")


# ---------------------------------------------------------------- schema

@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: str  # text | int | date
    doc: str  # what it holds, for docs/dataset.md
    nullable: bool = True
    check: str | None = None  # an SQL CHECK expression on this column, written with "{c}" for its name


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    doc: str
    columns: tuple[Column, ...]
    primary_key: str
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (column, table, column)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


_DATE_CHECK = "{c} IS NULL OR date({c}) IS {c}"
_PRECISION_CHECK = "{c} IS NULL OR {c} IN ('day', 'month', 'year')"
_DOC_FK = (("doc_id", "documents", "doc_id"),)


def _id(name: str, pattern: str) -> Column:
    return Column(name, "text", f"row id, `{pattern}`", nullable=False)


def _doc_id() -> Column:
    return Column("doc_id", "text", "the document (→ documents)", nullable=False)


def _position(within: str = "its document") -> Column:
    return Column("position", "int", f"0-based order within {within}, as in the fields JSON", nullable=False)


def _dated(first: str, what: str) -> tuple[Column, ...]:
    return (Column("date", "date", f"{first}: the first day of the printed {what} (a day, month or year)",
                   check=_DATE_CHECK),
            Column(("precision" if first == "due" else "date_precision"), "text",
                   "`day`, `month` or `year`: how much of the date was printed", check=_PRECISION_CHECK))


TABLES: tuple[Table, ...] = (
    Table("documents", "one row per document (per fields/<doc_id>.json)", (
        Column("doc_id", "text", "the input file's stem (unique within a run)", nullable=False),
        Column("doc_type", "text", "tên loại: Công văn, Quyết định, Kế hoạch …"),
        Column("number", "text", "số, as printed (leading zeros kept); null when left blank"),
        Column("symbol", "text", "ký hiệu, e.g. `SNV-TĐKT`, `QĐ-UBND`"),
        Column("issuer", "text", "issuing body"),
        Column("issuer_parent", "text", "its parent body (the header line above it)"),
        Column("province", "text", "province or centrally-run city; null for central bodies"),
        Column("place", "text", "địa danh of the date line"),
        *_dated("issued", "date"),
        Column("date_text", "text", "the date as in the fields JSON (`2022-04-18`, `2022-05`)"),
        Column("subject", "text", "trích yếu (công văn: starts with V/v)"),
        Column("signer", "text", "full name of the signer"),
        Column("signer_title", "text", "title with its authority prefix (KT./TM./TL./Q./TUQ.)"),
    ), "doc_id"),
    Table("deadlines", "dates the document sets for someone to act by or on", (
        _id("deadline_id", "<doc_id>/deadlines/<position>"), _doc_id(), _position(),
        *_dated("due", "deadline"),
        Column("date_last", "date", "the last day of that day, month or year (for range queries)",
               check=_DATE_CHECK),
        Column("date_text", "text", "the date as in the fields JSON"),
        Column("action", "text", "the obligation: who does what by then"),
    ), "deadline_id", _DOC_FK),
    Table("recipients", "Kính gửi (`to`) and Nơi nhận (`cc`) items", (
        _id("recipient_id", "<doc_id>/recipients/<kind>/<position>"), _doc_id(),
        Column("kind", "text", "`to` (Kính gửi) or `cc` (Nơi nhận)", nullable=False, check="{c} IN ('to', 'cc')"),
        _position("its document and kind"),
        Column("name", "text", "the recipient as printed, without bullet and final punctuation", nullable=False),
    ), "recipient_id", _DOC_FK),
    Table("references", 'other documents cited (SQL: quote the name, `"references"`)', (
        _id("reference_id", "<doc_id>/references/<position>"), _doc_id(), _position(),
        Column("ref", "text", "number/symbol as cited, e.g. `733/QĐ-TTg`, `91/2017/NĐ-CP`", nullable=False),
        Column("ref_number", "text", "its number (`91`)"),
        Column("ref_year", "int", "the year inside the number of a normative document (`2017`), else null"),
        Column("ref_symbol", "text", "its symbol (`NĐ-CP`)"),
        *_dated("cited", "date of the cited document"),
        Column("date_text", "text", "the date as in the fields JSON"),
        Column("cited_doc_id", "text", "the cited document when it is in this dataset too (→ documents)"),
    ), "reference_id", _DOC_FK + (("cited_doc_id", "documents", "doc_id"),)),
    Table("criteria", "award / emulation criteria items", (
        _id("criterion_id", "<doc_id>/criteria/<position>"), _doc_id(), _position(),
        Column("section", "text", "section path, e.g. `III.3.1.a`, `III.4 Lưu ý`"),
        Column("text", "text", "the item, sub-items folded in"),
    ), "criterion_id", _DOC_FK),
    Table("evidence", "where each extracted value was read", (
        _id("evidence_id", "<doc_id>/evidence/<position>"), _doc_id(), _position(),
        Column("field", "text", "the fields JSON key the value belongs to"),
        Column("item_index", "int", "0-based item of a list field; null for scalars"),
        Column("item_id", "text", "the row the value became (e.g. `<doc_id>/deadlines/1`); the doc_id for scalars"),
        Column("value", "text", "the value as extracted"),
        Column("page_no", "int", "1-based page"),
        Column("line_no", "int", "1-based line within the page where the value starts"),
        Column("char_start", "int", "0-based character offset in that line"),
        Column("line_no_end", "int", "1-based line where it ends"),
        Column("char_end", "int", "0-based offset in the last line, exclusive"),
        Column("offset_start", "int", "0-based offset into the document text"),
        Column("offset_end", "int", "exclusive end offset into the document text"),
        Column("source_text", "text", "the source line(s) it was read from"),
        Column("extra_json", "text", "any other evidence keys (word boxes, raw text …) as sorted JSON"),
    ), "evidence_id", _DOC_FK),
)
TABLE_BY_NAME = {t.name: t for t in TABLES}
# fields JSON evidence key → evidence column (the keys "fields" writes; unknown keys go to extra_json)
EVIDENCE_KEYS = {
    "field": "field", "index": "item_index", "value": "value", "page": "page_no", "line": "line_no",
    "start": "char_start", "line_end": "line_no_end", "end": "char_end", "offset_start": "offset_start",
    "offset_end": "offset_end", "text": "source_text",
}
# Views in vanban.sqlite: the analysts' usual join, ready to query.
VIEWS = {
    "due": """SELECT d.date, d.precision, d.date_last, d.action, doc.doc_type, doc.number, doc.symbol,
       doc.issuer, doc.issuer_parent, doc.province, d.doc_id, d.position, d.deadline_id
FROM deadlines AS d JOIN documents AS doc ON doc.doc_id = d.doc_id""",
}
_ARROW_TYPES = {"text": pa.string(), "int": pa.int64(), "date": pa.date32()}
_SQL_TYPES = {"text": "TEXT", "int": "INTEGER", "date": "TEXT"}  # SQLite keeps dates as ISO text (CHECKed)


# ---------------------------------------------------------------- records

@dataclass(frozen=True, slots=True)
class PartialDate:
    """A printed date: `date` is its first day, `last` its last day (equal for a day), `text` as printed."""

    date: dt.date | None
    precision: str | None  # day | month | year; None when unparseable
    last: dt.date | None
    text: str | None


@dataclass(slots=True)
class DatasetReport:
    """What build_dataset wrote: row counts per table and the fields files it could not read."""

    out_dir: Path
    documents: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)


Row = dict[str, Any]
Tables = dict[str, list[Row]]


# ---------------------------------------------------------------- pure core

def parse_partial_date(text: Any) -> PartialDate:
    """"2022-05-18" / "2022-05" / "2022" → PartialDate; anything else keeps only its text."""
    if text is None:
        return PartialDate(None, None, None, None)
    raw = str(text).strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            day = dt.date.fromisoformat(raw)
            return PartialDate(day, "day", day, raw)
        if re.fullmatch(r"\d{4}-\d{2}", raw):
            year, month = int(raw[:4]), int(raw[5:])
            last = calendar.monthrange(year, month)[1]
            return PartialDate(dt.date(year, month, 1), "month", dt.date(year, month, last), raw)
        if re.fullmatch(r"\d{4}", raw):
            year = int(raw)
            return PartialDate(dt.date(year, 1, 1), "year", dt.date(year, 12, 31), raw)
    except ValueError:
        pass
    return PartialDate(None, None, None, raw)


def _text(value: Any) -> str | None:
    """A scalar as NFC text (numbers become strings), or None for null, empty and non-scalars."""
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = unicodedata.normalize("NFC", str(value)).strip()
    return text or None


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
        return int(value)
    return None


def _items(fields: dict, key: str) -> list:
    value = fields.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        log.warning("%s: expected a list, got %s; ignored", key, type(value).__name__)
        return []
    return value


def _dict_items(fields: dict, key: str) -> list[tuple[int, dict]]:
    """(index, item) for the object items of a list field; other items are logged and skipped."""
    items = []
    for index, item in enumerate(_items(fields, key)):
        if isinstance(item, dict):
            items.append((index, item))
        else:
            log.warning("%s[%d]: expected an object, got %s; skipped", key, index, type(item).__name__)
    return items


def split_ref(ref: str) -> tuple[str | None, int | None, str | None]:
    """"91/2017/NĐ-CP" → ("91", 2017, "NĐ-CP"); no "/" → (None, None, None)."""
    m = REF_RE.match(ref)
    if not m:
        return None, None, None
    year = m.group("year")
    return m.group("number"), int(year) if year else None, m.group("symbol")


def document_tables(doc_id: str, fields: dict) -> Tables:
    """The rows one fields JSON contributes to each table (pure; malformed items are skipped)."""
    when = parse_partial_date(fields.get("date"))
    doc: Row = {"doc_id": doc_id}
    for name in ("doc_type", "number", "symbol", "issuer", "issuer_parent", "province", "place"):
        doc[name] = _text(fields.get(name))
    doc.update(date=when.date, date_precision=when.precision, date_text=when.text,
               subject=_text(fields.get("subject")), signer=_text(fields.get("signer")),
               signer_title=_text(fields.get("signer_title")))
    out: Tables = {t.name: [] for t in TABLES}
    out["documents"].append(doc)

    # positions are the items' indices in the fields JSON (a skipped malformed item leaves a gap), so that
    # evidence (field, index) always names the right row
    for pos, item in _dict_items(fields, "deadlines"):
        due = parse_partial_date(item.get("date"))
        out["deadlines"].append({
            "deadline_id": f"{doc_id}/deadlines/{pos}", "doc_id": doc_id, "position": pos,
            "date": due.date, "precision": due.precision or _precision(item.get("precision")),
            "date_last": due.last, "date_text": due.text, "action": _text(item.get("action")),
        })
    for key, kind in RECIPIENT_KINDS.items():
        for pos, name in ((i, _text(x)) for i, x in enumerate(_items(fields, key))):
            if not name:
                continue
            out["recipients"].append({"recipient_id": f"{doc_id}/recipients/{kind}/{pos}", "doc_id": doc_id,
                                      "kind": kind, "position": pos, "name": name})
    for pos, item in _dict_items(fields, "references"):
        ref = _text(item.get("ref"))
        if not ref:
            continue
        number, year, symbol = split_ref(ref)
        cited = parse_partial_date(item.get("date"))
        out["references"].append({
            "reference_id": f"{doc_id}/references/{pos}", "doc_id": doc_id, "position": pos, "ref": ref,
            "ref_number": number, "ref_year": year, "ref_symbol": symbol, "date": cited.date,
            "date_precision": cited.precision, "date_text": cited.text, "cited_doc_id": None,
        })
    for pos, item in _dict_items(fields, "criteria"):
        out["criteria"].append({"criterion_id": f"{doc_id}/criteria/{pos}", "doc_id": doc_id, "position": pos,
                                "section": _text(item.get("section")), "text": _text(item.get("text"))})
    for pos, item in _dict_items(fields, "evidence"):
        row: Row = {"evidence_id": f"{doc_id}/evidence/{pos}", "doc_id": doc_id, "position": pos}
        for key, column in EVIDENCE_KEYS.items():
            kind = next(c.kind for c in TABLE_BY_NAME["evidence"].columns if c.name == column)
            value = item.get(key)
            if kind == "int":
                row[column] = _int(value)
            elif isinstance(value, (dict, list)):  # a structured value (a deadline …) kept whole, as JSON
                row[column] = json.dumps(value, ensure_ascii=False, sort_keys=True)
            else:
                row[column] = _text(value)
        row["item_id"] = evidence_item_id(doc_id, row["field"], row["item_index"])
        extra = {k: v for k, v in item.items() if k not in EVIDENCE_KEYS}
        row["extra_json"] = json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None
        out["evidence"].append(row)
    return out


def evidence_item_id(doc_id: str, field_name: str | None, index: int | None) -> str | None:
    """The id of the row an evidenced value became: a list item's row, or the document for a scalar."""
    if field_name in RECIPIENT_KINDS and index is not None:
        return f"{doc_id}/recipients/{RECIPIENT_KINDS[field_name]}/{index}"
    if field_name in ("deadlines", "references", "criteria") and index is not None:
        return f"{doc_id}/{field_name}/{index}"
    if field_name in TABLE_BY_NAME["documents"].column_names:
        return doc_id
    return None


def _precision(value: Any) -> str | None:
    return value if value in PRECISIONS else None


def link_citations(tables: Tables) -> None:
    """Set references.cited_doc_id when the cited number/symbol (and date, when given) names exactly one
    document of the dataset."""
    by_key: dict[tuple[str, str], list[Row]] = {}
    for doc in tables["documents"]:
        if doc["number"] and doc["symbol"]:
            by_key.setdefault((doc["number"].lstrip("0"), doc["symbol"].casefold()), []).append(doc)
    for ref in tables["references"]:
        if not (ref["ref_number"] and ref["ref_symbol"]):
            continue
        found = by_key.get((ref["ref_number"].lstrip("0"), ref["ref_symbol"].casefold()), [])
        found = [d for d in found if d["doc_id"] != ref["doc_id"]]
        if ref["date"] is not None:
            found = [d for d in found if d["date"] == ref["date"]]
        if ref["ref_year"] is not None:
            found = [d for d in found if d["date"] is None or d["date"].year == ref["ref_year"]]
        if len(found) == 1:
            ref["cited_doc_id"] = found[0]["doc_id"]


def build_tables(documents: list[tuple[str, dict]]) -> Tables:
    """All tables for (doc_id, fields) pairs, rows sorted by doc_id then position."""
    tables: Tables = {t.name: [] for t in TABLES}
    for doc_id, fields in sorted(documents, key=lambda d: d[0]):
        for name, rows in document_tables(doc_id, fields).items():
            tables[name].extend(rows)
    link_citations(tables)
    return tables


# ---------------------------------------------------------------- serialisation (bytes, still pure)

def parquet_bytes(table: Table, rows: list[Row]) -> bytes:
    """Parquet with an explicit schema and no pandas metadata, so the bytes depend only on the rows."""
    schema = pa.schema([pa.field(c.name, _ARROW_TYPES[c.kind], nullable=c.nullable) for c in table.columns])
    arrow = pa.Table.from_pylist(rows, schema=schema)
    sink = io.BytesIO()
    pq.write_table(arrow, sink, compression="zstd", write_statistics=True)
    return sink.getvalue()


def csv_bytes(table: Table, rows: list[Row]) -> bytes:
    """UTF-8 CSV with a BOM (so spreadsheets read the Vietnamese right); null = empty cell; dates ISO."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(table.column_names)
    for row in rows:
        writer.writerow(["" if row[c] is None else _sql_value(row[c]) for c in table.column_names])
    return buf.getvalue().encode("utf-8-sig")


def _sql_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def create_table_sql(table: Table) -> str:
    lines = []
    for c in table.columns:
        decl = f'    "{c.name}" {_SQL_TYPES[c.kind]}'
        if not c.nullable:
            decl += " NOT NULL"
        if c.check:
            decl += f" CHECK ({c.check.format(c=chr(34) + c.name + chr(34))})"
        lines.append(decl)
    lines.append(f'    PRIMARY KEY ("{table.primary_key}")')
    for column, ref_table, ref_column in table.foreign_keys:
        lines.append(f'    FOREIGN KEY ("{column}") REFERENCES "{ref_table}" ("{ref_column}")')
    return f'CREATE TABLE "{table.name}" (\n' + ",\n".join(lines) + "\n)"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_sqlite(path: Path, tables: Tables) -> None:
    """All tables in one SQLite file with primary/foreign keys and an index per foreign key, built in a
    temporary file in the same folder and renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; a dataset is for sharing
        con = sqlite3.connect(tmp, isolation_level=None)
        try:
            con.execute("PRAGMA journal_mode = OFF")
            con.execute("PRAGMA foreign_keys = ON")
            con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            con.execute("BEGIN")
            for table in TABLES:
                con.execute(create_table_sql(table))
                for column, _, _ in table.foreign_keys:
                    con.execute(f'CREATE INDEX "{table.name}_{column}" ON "{table.name}" ("{column}")')
                names = table.column_names
                sql = (f'INSERT INTO "{table.name}" ({", ".join(chr(34) + n + chr(34) for n in names)}) '
                       f'VALUES ({", ".join("?" for _ in names)})')
                con.executemany(sql, [tuple(_sql_value(r[n]) for n in names) for r in tables[table.name]])
            con.execute('CREATE INDEX "deadlines_date" ON "deadlines" ("date", "date_last")')
            for name, select in VIEWS.items():
                con.execute(f'CREATE VIEW "{name}" AS\n{select}')
            con.execute("COMMIT")
        finally:
            con.close()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def schema_markdown() -> str:
    """The data dictionary of docs/dataset.md, from TABLES (a test keeps the two equal)."""
    out = []
    for table in TABLES:
        out += [f"### `{table.name}` — {table.doc}", "", f"Primary key `{table.primary_key}`"
                + "".join(f"; `{c}` → `{t}.{tc}`" for c, t, tc in table.foreign_keys) + ".", "",
                "| column | type | meaning |", "|---|---|---|"]
        for c in table.columns:
            kind = {"text": "text", "int": "integer", "date": "date"}[c.kind] + ("" if c.nullable else ", not null")
            out.append(f"| `{c.name}` | {kind} | {c.doc} |")
        out.append("")
    for name, select in VIEWS.items():
        out += [f"### view `{name}` (SQLite only)", "", "```sql", select, "```", ""]
    return "\n".join(out)


# ---------------------------------------------------------------- I/O edge

def read_fields_dir(fields_dir: Path, report: StageReport) -> list[tuple[str, dict]]:
    """(doc_id, fields) for every fields/*.json, sorted; unreadable files are reported and skipped."""
    from pipeline.batch import report_failure

    documents = []
    for path in sorted(Path(fields_dir).glob("*.json")):
        try:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise ExtractError(f"fields JSON unreadable: {exc}") from exc
            if not isinstance(data, dict):
                raise ExtractError(f"fields JSON must be an object, got {type(data).__name__}")
        except ExtractError as exc:
            report_failure(report, path, exc, stage="dataset")
            continue
        documents.append((path.stem, data))
    return documents


def build_dataset(fields_dir: Path, out_dir: Path, report: StageReport | None = None) -> DatasetReport:
    """Read fields_dir/*.json and write every table to out_dir as <table>.parquet, <table>.csv and all of
    them in out_dir/vanban.sqlite. Bad files are reported (to `report` when given) and the rest still built."""
    stage_report = report if report is not None else StageReport(stage="dataset")
    already_failed = len(stage_report.failures)
    documents = read_fields_dir(Path(fields_dir), stage_report)
    tables = build_tables(documents)
    out_dir = Path(out_dir)
    for table in TABLES:
        rows = tables[table.name]
        atomic_write_bytes(out_dir / f"{table.name}.parquet", parquet_bytes(table, rows))
        atomic_write_bytes(out_dir / f"{table.name}.csv", csv_bytes(table, rows))
    write_sqlite(out_dir / SQLITE_NAME, tables)
    return DatasetReport(out_dir=out_dir, documents=len(tables["documents"]),
                         rows={name: len(rows) for name, rows in tables.items()},
                         failures=list(stage_report.failures[already_failed:]))
