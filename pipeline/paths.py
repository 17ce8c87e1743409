"""The only code that builds file names, and input discovery (files and folders → InputDoc)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pipeline.errors import DocumentError, EmptyInputError, UnreadableInputError, UnsupportedInputError
from pipeline.records import InputDoc

KIND_BY_SUFFIX = {
    ".pdf": "pdf",
    ".tif": "tiff",
    ".tiff": "tiff",
    ".png": "png",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".txt": "txt",
}
# Files that may sit in a scan folder and are silently skipped when a folder is walked.
IGNORED_NAMES = {"README.md", "SOURCES.md", ".gitignore", ".DS_Store", "Thumbs.db"}


def discover_inputs(inputs: Iterable[Path]) -> tuple[list[InputDoc], list[tuple[Path, DocumentError]]]:
    """Expand files and folders (recursively, sorted) into documents with unique ids.

    Returns the documents and, separately, per-path errors (unknown extension, empty folder, missing
    path) so the caller can report them and go on with the rest of the batch."""
    files: list[Path] = []
    errors: list[tuple[Path, DocumentError]] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.name not in IGNORED_NAMES and not p.name.startswith(".")
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                errors.append((path, EmptyInputError("empty folder: no files to process")))
            for p in found:
                if p.suffix.lower() in KIND_BY_SUFFIX:
                    files.append(p)
                elif p.suffix.lower() not in {".md", ".json", ".jsonl", ".dvc"}:
                    errors.append((p, UnsupportedInputError(_unknown_ext(p))))
        elif path.is_file():
            if path.suffix.lower() in KIND_BY_SUFFIX:
                files.append(path)
            else:
                errors.append((path, UnsupportedInputError(_unknown_ext(path))))
        else:
            errors.append((path, UnreadableInputError("no such file or folder")))
    docs: list[InputDoc] = []
    used: set[str] = set()
    seen: set[Path] = set()
    for p in files:
        key = p.resolve()
        if key in seen:
            continue
        seen.add(key)
        stem, n = p.stem, 2
        doc_id = stem
        while doc_id in used:
            doc_id, n = f"{stem}-{n}", n + 1
        used.add(doc_id)
        docs.append(InputDoc(doc_id=doc_id, path=p, kind=KIND_BY_SUFFIX[p.suffix.lower()]))
    return docs, errors


def _unknown_ext(path: Path) -> str:
    known = " ".join(sorted(KIND_BY_SUFFIX))
    return f"unsupported file type '{path.suffix or '(none)'}' (expected one of: {known})"


# ---- output layout under --out DIR (a contract: other tools read these paths) ----

def raster_dir(out: Path, doc_id: str) -> Path:
    """Rasterize stage output: rendered/decoded page images before clean-up, and a manifest."""
    return out / "raster" / doc_id


def raster_manifest(out: Path, doc_id: str) -> Path:
    return out / "raster" / f"{doc_id}.json"


def raster_page_image(out: Path, doc_id: str, page_no: int) -> Path:
    return raster_dir(out, doc_id) / f"page-{page_no:04d}.png"


def page_image(out: Path, doc_id: str, page_no: int) -> Path:
    """Page image as OCRed (after clean-up)."""
    return out / "pages" / doc_id / f"page-{page_no:04d}.png"


def ocr_json(out: Path, doc_id: str) -> Path:
    return out / "ocr" / f"{doc_id}.json"


def text_file(out: Path, doc_id: str) -> Path:
    return out / "text" / f"{doc_id}.txt"


def restored_text(out: Path, doc_id: str) -> Path:
    return out / "restored" / f"{doc_id}.txt"


def restored_changes(out: Path, doc_id: str) -> Path:
    return out / "restored" / f"{doc_id}.changes.jsonl"


def fields_dir(out: Path) -> Path:
    return out / "fields"


def fields_json(out: Path, doc_id: str) -> Path:
    return fields_dir(out) / f"{doc_id}.json"


def dataset_dir(out: Path) -> Path:
    return out / "dataset"


def failures_jsonl(out: Path) -> Path:
    return out / "failures.jsonl"
