"""All writes go through here: a temporary file in the target directory, then an atomic rename, so an
interrupted or failing run never leaves a truncated output behind."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()  # what open() would give; mkstemp alone gives 0600


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, _FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def dumps_json(obj: Any) -> str:
    """Deterministic JSON: sorted keys are NOT used (field order is meaningful), but fixed separators."""
    return json.dumps(obj, ensure_ascii=False, indent=1) + "\n"


def atomic_write_json(path: Path, obj: Any) -> None:
    atomic_write_text(path, dumps_json(obj))


def atomic_write_jsonl(path: Path, rows: Iterable[Any]) -> None:
    atomic_write_text(path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))


def read_text_file(path: Path) -> str:
    """A UTF-8 text input (a BOM is dropped); unreadable or undecodable bytes are an UnreadableInputError."""
    from pipeline.errors import UnreadableInputError

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UnreadableInputError(f"cannot read text: {exc.strerror or exc}") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableInputError(f"not UTF-8 text (byte {exc.start}); convert it with iconv -t UTF-8") from exc


def read_json(path: Path) -> Any:
    return json.loads(Path(path).read_text(encoding="utf-8"))
