"""`vanban deadlines`: what is due when, from whom, for what — read from the dataset's SQLite file.

A deadline is a period: a day, a month ("trong tháng 5/2022") or a year ("Năm 2023: …"). `--after A` keeps the
deadlines whose period ends on or after A, `--before B` those whose period starts on or before B, so a
month-precision deadline is kept by any bound inside its month. A bound may itself be partial: `--before 2022-05`
means up to 31 May 2022, `--after 2022` from 1 January 2022. `--issuer` matches the issuer, its parent body or
the province, `--type` the document type; both ignore case and Vietnamese marks ("so noi vu" finds "Sở Nội vụ").
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path

from pipeline.dataset import SQLITE_NAME, parse_partial_date
from pipeline.errors import ExitCode, VanbanError
from pipeline.paths import dataset_dir

FORMATS = ("table", "csv", "json")
COLUMNS = ("date", "precision", "action", "doc_type", "number_symbol", "issuer", "doc_id")


class DatasetNotFoundError(VanbanError):
    """--db names neither a run's output folder nor a dataset folder."""

    code = "V410"
    exit_code = ExitCode.bad_args


@dataclass(frozen=True, slots=True)
class DeadlineQuery:
    after: dt.date | None = None  # keep periods ending on/after this day
    before: dt.date | None = None  # keep periods starting on/before this day
    issuer: str | None = None  # folded substring of issuer, issuer_parent or province
    doc_type: str | None = None  # folded substring of doc_type


@dataclass(frozen=True, slots=True)
class DueItem:
    """One row of the answer. `date` is the first day of the period (ISO), None when unparsed."""

    date: str | None
    precision: str | None
    action: str | None
    doc_type: str | None
    number_symbol: str | None  # "355/SNV-TĐKT"; "/KH-VPUB" when the number was left blank
    issuer: str | None
    doc_id: str
    date_last: str | None  # last day of the period, for filtering
    issuer_parent: str | None
    province: str | None


def fold(text: str | None) -> str:
    """Lower case without Vietnamese marks (đ → d), whitespace collapsed: the key for loose matching."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def parse_bound(text: str | None, *, end: bool) -> dt.date | None:
    """A --after/--before value: ISO day, month or year; `end` picks the period's last day (for --before)."""
    if text is None:
        return None
    when = parse_partial_date(text)
    if when.date is None:
        raise ValueError(f"not a date: {text!r} (expected YYYY-MM-DD, YYYY-MM or YYYY)")
    return when.last if end else when.date


def resolve_dataset(path: Path) -> Path:
    """DIR may be the run's --out folder (DIR/dataset), the dataset folder itself, or its vanban.sqlite."""
    path = Path(path)
    for candidate in (dataset_dir(path), path, path.parent if path.name == SQLITE_NAME else path):
        if (candidate / SQLITE_NAME).is_file():
            return candidate
    raise DatasetNotFoundError(f"{path}: no dataset here (expected {SQLITE_NAME} in it or in its dataset/ folder;"
                               " build one with `vanban run … --out DIR`)")


def load_due_items(dataset: Path) -> list[DueItem]:
    """Every deadline joined with its document, in dataset order."""
    uri = (Path(dataset) / SQLITE_NAME).resolve().as_uri() + "?mode=ro"
    con = sqlite3.connect(uri, uri=True)
    try:
        rows = con.execute(
            """SELECT date, precision, action, doc_type,
                      CASE WHEN number IS NULL AND symbol IS NULL THEN NULL
                           ELSE coalesce(number, '') || '/' || coalesce(symbol, '') END,
                      issuer, doc_id, date_last, issuer_parent, province
               FROM due ORDER BY doc_id, position"""
        ).fetchall()
    finally:
        con.close()
    return [DueItem(*row) for row in rows]


def select_due(items: list[DueItem], query: DeadlineQuery) -> list[DueItem]:
    """Filter by period overlap, issuer and type; sort by date (undated last), then document and order."""
    issuer_key, type_key = fold(query.issuer), fold(query.doc_type)
    kept = []
    for item in items:
        if query.after and (item.date_last is None or dt.date.fromisoformat(item.date_last) < query.after):
            continue
        if query.before and (item.date is None or dt.date.fromisoformat(item.date) > query.before):
            continue
        if issuer_key and not any(issuer_key in fold(v) for v in (item.issuer, item.issuer_parent, item.province)):
            continue
        if type_key and type_key not in fold(item.doc_type):
            continue
        kept.append(item)
    return sorted(kept, key=lambda i: (i.date is None, i.date or "", i.date_last or "", i.doc_id))


def format_due(items: list[DueItem], fmt: str) -> str:
    """The answer as an aligned text table, CSV or JSON (columns: COLUMNS)."""
    rows = [{k: v for k, v in asdict(item).items() if k in COLUMNS} for item in items]
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buf.getvalue()
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    cells = [list(COLUMNS)] + [["" if r[c] is None else str(r[c]) for c in COLUMNS] for r in rows]
    widths = [min(max(len(row[i]) for row in cells), 60) for i in range(len(COLUMNS))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(_clip(v, w).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append(f"({len(rows)} deadline{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def run_deadlines(db: Path, query: DeadlineQuery, fmt: str) -> str:
    """The CLI's whole job: find the dataset, load, filter, format."""
    return format_due(select_due(load_due_items(resolve_dataset(db)), query), fmt)
