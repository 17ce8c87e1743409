"""Stage 4, extract: text of each document → out/fields/<doc>.json (fields + evidence) → out/dataset/.

The text read is the restored text when restoration ran (out/restored/<doc>.txt), the OCR text otherwise
(out/text/<doc>.txt). Evidence entries get the raw line they came from (restoration keeps lines aligned) and,
when the document was OCRed, the boxes of the words under the value (out/ocr/<doc>.json).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from pipeline import paths
from pipeline.batch import display_path, report_failure, run_tasks
from pipeline.fields import DocumentFields, extract_fields
from pipeline.params import ExtractParams, Params
from pipeline.records import StageReport
from pipeline.store import atomic_write_json, read_json, read_text_file


@dataclass(frozen=True, slots=True)
class ExtractSource:
    """One document to extract: the text to read, and optionally its raw OCR text and OCR word records."""

    doc_id: str
    text_path: Path
    raw_path: Path | None = None
    ocr_path: Path | None = None


def fields_json(fields: DocumentFields, raw_text: str | None = None, ocr: dict | None = None) -> dict:
    """The fields JSON; evidence gains `raw_text` (line-aligned raw input) and `boxes` (OCR word boxes)."""
    out = fields.to_json()
    raw_pages = [p.split("\n") for p in raw_text.split("\f")] if raw_text is not None else None
    ocr_lines = _ocr_lines(ocr) if ocr else None
    for ev in out["evidence"]:
        if raw_pages is not None and ev["page"] <= len(raw_pages):
            lines = raw_pages[ev["page"] - 1]
            if ev["line_end"] <= len(lines):
                ev["raw_text"] = "\n".join(lines[ev["line"] - 1:ev["line_end"]])
        if ocr_lines is not None:
            ev["boxes"] = _boxes(ocr_lines, ev)
    return out


def _ocr_lines(ocr: dict) -> list[list[list[dict]]]:
    """Per page, the OCR words of each text line, in the order pipeline.ocr.lines_text writes them."""
    pages = []
    for page in ocr.get("pages", []):
        rows: dict[int, list[dict]] = {}
        for w in page.get("words", []):
            rows.setdefault(int(w.get("line", 0)), []).append(w)
        pages.append([rows[k] for k in sorted(rows)])
    return pages


def _boxes(ocr_lines: list[list[list[dict]]], ev: dict) -> list[list[int]]:
    """Boxes (x0, y0, x1, y1 pixels) of the words under an evidence span, matched by token position."""
    if ev["page"] > len(ocr_lines):
        return []
    lines = ocr_lines[ev["page"] - 1]
    boxes = []
    first_line = ev["text"].split("\n")[0]
    first_token = len(first_line[:ev["start"]].split())
    for k, line_no in enumerate(range(ev["line"], ev["line_end"] + 1)):
        if line_no > len(lines):
            break
        words = lines[line_no - 1]
        lo = first_token if k == 0 else 0
        if line_no == ev["line_end"]:
            last_line = ev["text"].split("\n")[-1]
            hi = len(last_line[:ev["end"]].split())
        else:
            hi = len(words)
        boxes.extend(list(w["bbox"]) for w in words[lo:hi] if "bbox" in w)
    return boxes


def empty_fields_json() -> dict:
    return DocumentFields().to_json()


def extract_document(source: ExtractSource, out: Path, params: ExtractParams) -> tuple[dict, str | None]:
    """Extract one document and write out/fields/<doc>.json; returns (fields JSON, warning or None).

    Unreadable text raises (the caller reports it); empty text gives the JSON of nulls and a warning."""
    text = read_text_file(source.text_path)
    warning = None
    if not text.strip():
        result = empty_fields_json()
        warning = "empty text: fields left empty"
    else:
        raw = read_text_file(source.raw_path) if source.raw_path and source.raw_path.exists() else None
        ocr = read_json(source.ocr_path) if source.ocr_path and source.ocr_path.exists() else None
        fields = extract_fields(text, params)
        result = fields_json(fields, raw if raw is not None and raw != text else None, ocr)
        if fields.number is None and fields.date is None and fields.issuer is None and fields.subject is None:
            warning = "no header found (number, date, issuer, subject all empty)"
    atomic_write_json(paths.fields_json(out, source.doc_id), result)
    return result, warning


def extract_sources(sources: list[ExtractSource], out: Path, params: Params, report: StageReport) -> None:
    """Extract every source (sorted by doc id), report failures per file, then build the dataset."""
    sources = sorted(sources, key=lambda s: s.doc_id)

    def task(source: ExtractSource):
        return extract_document(source, out, params.extract)

    for source, result, exc in run_tasks(task, sources, None, desc="extract"):
        if exc is not None:
            report_failure(report, source.text_path, exc, stage="extract")
            atomic_write_json(paths.fields_json(out, source.doc_id), empty_fields_json())
            continue
        _, warning = result
        if warning:
            print(f"vanban: warning: {display_path(source.text_path)}: {warning}", file=sys.stderr, flush=True)
    report.documents = max(report.documents, len(sources))
    build_dataset_from_fields(out, report)


def build_dataset_from_fields(out: Path, report: StageReport) -> None:
    """out/dataset/ from every out/fields/*.json (bad files are reported by build_dataset itself)."""
    from pipeline.dataset import build_dataset

    try:
        build_dataset(paths.fields_dir(out), paths.dataset_dir(out), report)
    except Exception as exc:  # noqa: BLE001 - reported as one line, the run exits non-zero
        report_failure(report, paths.dataset_dir(out), exc, stage="dataset")


def run_extract(doc_ids: list[str], out: Path, params: Params, report: StageReport) -> None:
    """`vanban run`: extract each document from out/restored (or out/text) into out/fields and out/dataset."""
    sources = []
    for doc_id in doc_ids:
        restored = paths.restored_text(out, doc_id)
        raw = paths.text_file(out, doc_id)
        sources.append(ExtractSource(doc_id, restored if restored.exists() else raw,
                                     raw if restored.exists() else None, paths.ocr_json(out, doc_id)))
    extract_sources(sources, out, params, report)


def sources_from_inputs(docs, out: Path) -> list[ExtractSource]:
    """`vanban extract INPUT... --out DIR`: each .txt input, with DIR/text and DIR/ocr for evidence if present."""
    sources = []
    for d in docs:
        raw = paths.text_file(out, d.doc_id)
        raw_path = raw if raw.exists() and raw.resolve() != Path(d.path).resolve() else None
        sources.append(ExtractSource(d.doc_id, Path(d.path), raw_path, paths.ocr_json(out, d.doc_id)))
    return sources
