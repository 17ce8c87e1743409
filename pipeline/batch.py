"""Batch plumbing shared by every stage: per-file failure reporting, the summary line, and a task
runner over a `concurrent.futures.Executor` (a process pool here; any executor with the same interface —
e.g. a distributed one — can be plugged in, since each task is a picklable function of explicit inputs
that writes explicit outputs)."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any, TypeVar

from tqdm import tqdm

from pipeline.errors import VanbanError
from pipeline.records import Failure, StageReport
from pipeline.store import atomic_write_jsonl

log = logging.getLogger("vanban")
T = TypeVar("T")
R = TypeVar("R")


def display_path(path: Path | str) -> str:
    """A path as the user gave it (relative when possible), never machine-specific when avoidable."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


def report_failure(
    report: StageReport, path: Path | str, exc: BaseException, stage: str, page_no: int | None = None
) -> None:
    """Record one failed input and print `vanban: error: <file>: <reason>` on stderr; the batch goes on."""
    where = display_path(path) + (f" p{page_no}" if page_no else "")
    if isinstance(exc, VanbanError):
        code, message = exc.code, exc.detail
    else:
        code, message = "V999", f"internal error: {type(exc).__name__}: {exc}"
        report.internal_errors += 1
        log.debug("".join(traceback.format_exception(exc)))
    print(f"vanban: error: {where}: {message}", file=sys.stderr, flush=True)
    report.failures.append(Failure(path=display_path(path), stage=stage, code=code, message=message, page_no=page_no))


def write_failures(report: StageReport, out: Path) -> None:
    """failures.jsonl lists every failed input of the last run (empty file when all went well)."""
    rows = [
        {"path": f.path, "page_no": f.page_no, "stage": f.stage, "code": f.code, "message": f.message}
        for f in sorted(report.failures, key=lambda f: (f.path, f.page_no or 0, f.stage))
    ]
    atomic_write_jsonl(out / "failures.jsonl", rows)


def summary_line(report: StageReport) -> str:
    return (
        f"vanban {report.stage}: {report.documents} documents, {report.pages} pages, "
        f"{len(report.failures)} failed, {report.seconds:.1f} s"
    )


def make_executor(jobs: int) -> Executor | None:
    """A process pool for jobs > 1 (each worker single-threaded), None for in-process execution."""
    if jobs <= 1:
        return None
    return ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init)


def _worker_init() -> None:
    # Tesseract's OpenMP threads fight each other when several pages run at once.
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        import cv2

        cv2.setNumThreads(1)
    except ImportError:  # pragma: no cover
        pass


def run_tasks(
    fn: Callable[[T], R],
    tasks: Iterable[T],
    executor: Executor | None,
    desc: str,
    total: int | None = None,
) -> Iterator[tuple[T, R | None, BaseException | None]]:
    """Run `fn` over tasks; yield (task, result, error) as they finish, with a progress bar.

    Order of yielded results is completion order; callers sort by task for deterministic output."""
    tasks = list(tasks)
    bar = tqdm(total=total or len(tasks), desc=desc, unit="page", file=sys.stderr, disable=None, leave=False)
    try:
        if executor is None:
            _worker_init()
            for task in tasks:
                try:
                    yield task, fn(task), None
                except Exception as exc:  # reported per task by the caller
                    yield task, None, exc
                bar.update(1)
        else:
            futures = {executor.submit(fn, task): task for task in tasks}
            for fut in as_completed(futures):
                task = futures[fut]
                exc = fut.exception()
                yield task, (None if exc else fut.result()), exc
                bar.update(1)
    finally:
        bar.close()


def jsonable(obj: Any) -> Any:
    """Dataclass/tuple trees to plain JSON values."""
    import dataclasses

    if dataclasses.is_dataclass(obj):
        return {f.name: jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [jsonable(x) for x in obj]
    if isinstance(obj, dict):
        return {k: jsonable(v) for k, v in obj.items()}
    if isinstance(obj, Path):
        return str(obj)
    return obj
