"""Benchmark of the dataset stage: speed, determinism and fidelity of build_dataset against a naive pandas export.

    .venv/bin/python bench/dataset.py [--docs 500] [--out bench/results/dataset.json]

Input: fields JSON of generated directives (scripts/make_directives.py, gold JSON has the fields keys), written to
a temporary folder. Both builders run twice on the same input, in the same run:
- `vanban`   pipeline.dataset.build_dataset (Parquet + CSV + SQLite with keys);
- `pandas`   the obvious baseline: json_normalize per list field, DataFrame.to_parquet / to_csv / to_sql.
Columns: seconds per build (best of two), seconds per 1000 documents, output bytes, byte-identical across the two
builds, primary/foreign keys in SQLite, share of month/year dates kept without an invented day.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from pipeline.dataset import SQLITE_NAME, TABLES, build_dataset  # noqa: E402
from pipeline.store import atomic_write_json  # noqa: E402

LIST_TABLES = {"deadlines": "deadlines", "references": "references", "criteria": "criteria"}


def make_fields(folder: Path, docs: int, seed: int) -> None:
    spec = importlib.util.spec_from_file_location("make_directives", ROOT / "scripts" / "make_directives.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_directives"] = module
    spec.loader.exec_module(module)
    for doc_id, _, gold in module.generate(seed=seed, count=docs):
        atomic_write_json(folder / f"{doc_id}.json", gold)


def pandas_baseline(fields_dir: Path, out: Path) -> None:
    """What one writes without thinking about types, keys or determinism."""
    records = []
    for path in sorted(fields_dir.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        data["doc_id"] = path.stem
        records.append(data)
    out.mkdir(parents=True, exist_ok=True)
    frames = {"documents": pd.json_normalize(records)[["doc_id", "doc_type", "number", "symbol", "issuer",
                                                          "issuer_parent", "province", "place", "date", "subject",
                                                          "signer", "signer_title"]]}
    frames["documents"]["date"] = pd.to_datetime(frames["documents"]["date"], format="mixed", errors="coerce")
    for name, key in LIST_TABLES.items():
        frames[name] = pd.json_normalize(records, record_path=key, meta=["doc_id"])
        if "date" in frames[name]:
            frames[name]["date"] = pd.to_datetime(frames[name]["date"], format="mixed", errors="coerce")
    rows = [{"doc_id": r["doc_id"], "kind": kind, "name": n} for r in records
            for kind, key in (("to", "recipients_to"), ("cc", "recipients_cc")) for n in r[key]]
    frames["recipients"] = pd.DataFrame(rows)
    with sqlite3.connect(out / SQLITE_NAME) as con:
        for name, frame in frames.items():
            frame.to_parquet(out / f"{name}.parquet")
            frame.to_csv(out / f"{name}.csv", index=False)
            frame.to_sql(name, con, if_exists="replace", index=False)
    con.close()


def files_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def has_keys(sqlite_path: Path) -> bool:
    con = sqlite3.connect(sqlite_path)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        pks = all(any(row[5] for row in con.execute(f'PRAGMA table_info("{n}")')) for n in names)
        fks = any(con.execute(f'PRAGMA foreign_key_list("{n}")').fetchall() for n in names)
        return pks and fks
    finally:
        con.close()


def partial_dates_kept(out: Path, fields_dir: Path) -> float:
    """Share of month/year-precision deadline dates whose stored form does not claim a day."""
    partial = []
    for path in sorted(fields_dir.glob("*.json")):
        for pos, d in enumerate(json.loads(path.read_text(encoding="utf-8"))["deadlines"]):
            if d["precision"] != "day":
                partial.append((path.stem, pos, d["date"]))
    if not partial:
        return float("nan")
    frame = pd.read_parquet(out / "deadlines.parquet")
    kept = 0
    if "precision" in frame and "date_text" in frame:  # vanban: the precision travels with the date
        by_id = frame.set_index(["doc_id", "position"])
        kept = sum(by_id.loc[(doc, pos), "date_text"] == text and by_id.loc[(doc, pos), "precision"] != "day"
                   for doc, pos, text in partial)
    elif "precision" in frame:  # baseline: json_normalize keeps the precision column, the date became a day
        kept = 0
    return kept / len(partial)


def measure(name: str, build, fields_dir: Path, work: Path) -> dict:
    times, outputs = [], []
    for attempt in range(2):
        out = work / f"{name}-{attempt}"
        started = time.perf_counter()
        build(fields_dir, out)
        times.append(time.perf_counter() - started)
        outputs.append(files_bytes(out))
    docs = len(list(fields_dir.glob("*.json")))
    return {
        "seconds": min(times),
        "seconds_per_1000_docs": min(times) / docs * 1000,
        "output_bytes": sum(len(b) for b in outputs[0].values()),
        "byte_identical": outputs[0] == outputs[1],
        "sqlite_keys": has_keys(work / f"{name}-0" / SQLITE_NAME),
        "partial_dates_kept": partial_dates_kept(work / f"{name}-0", fields_dir),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "dataset.json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        make_fields(work / "fields", args.docs, args.seed)
        results = {
            "vanban": measure("vanban", lambda f, o: build_dataset(f, o), work / "fields", work),
            "pandas (baseline)": measure("pandas", pandas_baseline, work / "fields", work),
        }
    rows = list(next(iter(results.values())))
    print(f"{'metric':<24}" + "".join(f"{name:>20}" for name in results))
    for row in rows:
        cells = []
        for res in results.values():
            v = res[row]
            cells.append(f"{v:>20.3f}" if isinstance(v, float) else f"{v!s:>20}")
        print(f"{row:<24}" + "".join(cells))
    print(f"({args.docs} documents, {len(TABLES)} tables)")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = {"documents": args.docs, "seed": args.seed, "results": results}
    args.out.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
