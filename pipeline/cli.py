"""`vanban` command line: parses arguments, loads params, calls the stage runners, returns an exit code.
No pipeline logic lives here."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from pipeline.errors import ExitCode, VanbanError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="OCR clean-up and structured extraction for scanned Vietnamese government directives.",
)

InputsArg = Annotated[list[Path], typer.Argument(help="Files or folders (recursed) to process.", show_default=False)]
OutOpt = Annotated[Path, typer.Option("--out", help="Output folder.")]
JobsOpt = Annotated[int | None, typer.Option("--jobs", "-j", help="Worker processes (default: all cores).")]
ParamsOpt = Annotated[Path | None, typer.Option("--params", help="params.yaml to use (default: ./params.yaml).")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Show tracebacks and debug logs.")]


def _setup(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="vanban: %(levelname)s: %(message)s",
        stream=sys.stderr,
    )


def _fail(exc: VanbanError) -> None:
    print(f"vanban: error: {exc.detail}", file=sys.stderr)
    raise typer.Exit(int(exc.exit_code))


def _load_params(path: Path | None):
    """params.yaml, validated; a bad file ends the command with its one-line error (exit 2)."""
    from pipeline.params import load_params

    try:
        return load_params(path)
    except VanbanError as exc:
        _fail(exc)


def _finish(report, out: Path | None) -> None:
    from pipeline.batch import summary_line, write_failures

    if out is not None:
        write_failures(report, out)
    print(summary_line(report), file=sys.stderr)
    if report.internal_errors:
        raise typer.Exit(int(ExitCode.internal_error))
    if report.failures:
        raise typer.Exit(int(ExitCode.input_failed))


def _run_stages(stages: list[str], inputs: list[Path], out: Path, jobs: int | None, params_path: Path | None,
                verbose: bool) -> None:
    _setup(verbose)
    from pipeline.batch import report_failure
    from pipeline.params import resolve_jobs
    from pipeline.paths import discover_inputs
    from pipeline.records import StageReport

    params = _load_params(params_path)
    n_jobs = resolve_jobs(jobs, params)
    started = time.perf_counter()
    report = StageReport(stage=stages[-1] if len(stages) == 1 else "run")
    docs, bad = discover_inputs(inputs)
    for path, exc in bad:
        report_failure(report, path, exc, stage="discover")
    out.mkdir(parents=True, exist_ok=True)
    try:
        if "ocr" in stages:
            from pipeline.ocr import check_ocr_dependencies

            check_ocr_dependencies(params.ocr)
        if stages == ["rasterize"]:
            from pipeline.rasterize import run_rasterize

            run_rasterize(docs, out, params, n_jobs, report)
        else:
            from pipeline.ocr import run_ocr

            run_ocr(docs, out, params, n_jobs, report)
            ok_ids = _succeeded(docs, report)
            if "restore" in stages and params.restore.enabled:
                from pipeline.restore import run_restore

                run_restore([(d, out / "text" / f"{d}.txt") for d in ok_ids], out, params, report)
            if "extract" in stages and params.extract.enabled:
                from pipeline.extract import run_extract

                run_extract(ok_ids, out, params, report)
    except VanbanError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        print("vanban: interrupted", file=sys.stderr)
        raise typer.Exit(int(ExitCode.ctrl_c)) from None
    report.documents = len(docs)  # each stage counts what it saw; the summary counts inputs once
    report.seconds = time.perf_counter() - started
    _finish(report, out)


def _succeeded(docs, report) -> list[str]:
    failed = {f.path for f in report.failures}
    from pipeline.batch import display_path

    return [d.doc_id for d in docs if display_path(d.path) not in failed]


@app.command()
def run(inputs: InputsArg, out: OutOpt, jobs: JobsOpt = None, params: ParamsOpt = None,
        verbose: VerboseOpt = False) -> None:
    """Run every stage (rasterize → ocr → restore → extract) over scans and texts."""
    _run_stages(["rasterize", "ocr", "restore", "extract"], inputs, out, jobs, params, verbose)


@app.command()
def rasterize(inputs: InputsArg, out: OutOpt, jobs: JobsOpt = None, params: ParamsOpt = None,
              verbose: VerboseOpt = False) -> None:
    """Turn scans (PDF, TIFF, PNG, JPEG) into page images; read real PDF text layers directly."""
    _run_stages(["rasterize"], inputs, out, jobs, params, verbose)


@app.command()
def ocr(inputs: InputsArg, out: OutOpt, jobs: JobsOpt = None, params: ParamsOpt = None,
        verbose: VerboseOpt = False) -> None:
    """Clean up page images and OCR them with Tesseract `vie` (rasterizing first where needed)."""
    _run_stages(["ocr"], inputs, out, jobs, params, verbose)


def _text_inputs(inputs: list[Path], stage: str, report) -> list:
    """The .txt documents among files and folders (text stages); anything else is reported, not fatal."""
    from pipeline.batch import report_failure
    from pipeline.errors import UnsupportedInputError
    from pipeline.paths import discover_inputs

    docs, bad = discover_inputs(inputs)
    for path, exc in bad:
        report_failure(report, path, exc, stage="discover")
    texts = []
    for d in docs:
        if d.kind == "txt":
            texts.append(d)
        else:
            report_failure(report, d.path, UnsupportedInputError(
                f"{stage} reads .txt; run `vanban run` for {d.kind} files"), stage=stage)
    return texts


@app.command()
def extract(
    inputs: InputsArg,
    out: Annotated[Path | None, typer.Option("--out", help="Batch: write DIR/fields/ and DIR/dataset/.")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="One input: write its fields JSON here "
                                                   "(default: stdout).")] = None,
    params: ParamsOpt = None,
    verbose: VerboseOpt = False,
) -> None:
    """Extract the fields of directives from text: one IN.txt to JSON, or INPUT... --out DIR as a batch."""
    _setup(verbose)
    from pipeline.extract import extract_sources, fields_json, sources_from_inputs
    from pipeline.fields import extract_fields
    from pipeline.records import StageReport
    from pipeline.store import atomic_write_json, dumps_json, read_text_file

    loaded = _load_params(params)
    if out is None:
        if len(inputs) != 1 or not inputs[0].is_file():
            print("vanban: error: give one IN.txt (with -o OUT.json or stdout), or INPUT... --out DIR",
                  file=sys.stderr)
            raise typer.Exit(int(ExitCode.bad_args))
        try:
            text = read_text_file(inputs[0])
        except VanbanError as exc:
            print(f"vanban: error: {inputs[0]}: {exc.detail}", file=sys.stderr)
            raise typer.Exit(int(exc.exit_code)) from None
        if not text.strip():
            print(f"vanban: warning: {inputs[0]}: empty text: fields left empty", file=sys.stderr)
        result = fields_json(extract_fields(text, loaded.extract))
        if output is None:
            sys.stdout.write(dumps_json(result))
        else:
            atomic_write_json(output, result)
        return
    started = time.perf_counter()
    report = StageReport(stage="extract")
    texts = _text_inputs(inputs, "extract", report)
    out.mkdir(parents=True, exist_ok=True)
    extract_sources(sources_from_inputs(texts, out), out, loaded, report)
    report.seconds = time.perf_counter() - started
    _finish(report, out)


@app.command()
def deadlines(
    db: Annotated[Path, typer.Option("--db", help="A run's --out folder, or its dataset/ folder.")],
    after: Annotated[str | None, typer.Option("--after", help="Due on/after: YYYY-MM-DD, YYYY-MM or YYYY.")] = None,
    before: Annotated[str | None, typer.Option("--before", help="Due on/before: YYYY-MM-DD, YYYY-MM or YYYY.")] = None,
    issuer: Annotated[str | None, typer.Option("--issuer", help="Issuer, parent body or province contains this "
                                                  "(case and marks ignored).")] = None,
    doc_type: Annotated[str | None, typer.Option("--type", help="Document type contains this, e.g. 'ke hoach'.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table | csv | json")] = "table",
) -> None:
    """What is due when, from whom, for what: deadlines from the dataset, sorted by date."""
    from pipeline.deadlines import FORMATS, DeadlineQuery, parse_bound, run_deadlines

    if fmt not in FORMATS:
        print(f"vanban: error: --format: expected one of: {', '.join(FORMATS)}", file=sys.stderr)
        raise SystemExit(int(ExitCode.bad_args))
    try:
        query = DeadlineQuery(after=parse_bound(after, end=False), before=parse_bound(before, end=True),
                              issuer=issuer, doc_type=doc_type)
    except ValueError as exc:
        print(f"vanban: error: --after/--before: {exc}", file=sys.stderr)
        raise SystemExit(int(ExitCode.bad_args)) from None
    try:
        sys.stdout.write(run_deadlines(db, query, fmt))
    except VanbanError as exc:
        print(f"vanban: error: {exc.detail}", file=sys.stderr)
        raise SystemExit(int(exc.exit_code)) from None


@app.command()
def restore(
    inputs: InputsArg,
    out: Annotated[Path | None, typer.Option("--out", help="Output folder: writes restored/<doc>.txt and "
                                                "restored/<doc>.changes.jsonl.")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="With one IN.txt: write the restored "
                                                   "text here (default: stdout).")] = None,
    params: ParamsOpt = None,
    verbose: VerboseOpt = False,
) -> None:
    """Restore garbled OCR text (marks lost or mangled) to correct Vietnamese, line for line."""
    _setup(verbose)
    from pipeline.records import StageReport
    from pipeline.restore import restore_text, run_restore
    from pipeline.store import atomic_write_text, read_text_file

    loaded = _load_params(params)
    if out is None:
        if len(inputs) != 1 or inputs[0].is_dir():
            print("vanban: error: give one IN.txt (with -o OUT.txt or stdout), or INPUT... --out DIR",
                  file=sys.stderr)
            raise SystemExit(int(ExitCode.bad_args))
        try:
            restored = restore_text(read_text_file(inputs[0]), loaded.restore)
        except VanbanError as exc:
            print(f"vanban: error: {inputs[0]}: {exc.detail}", file=sys.stderr)
            raise SystemExit(int(exc.exit_code)) from None
        if output is None:
            sys.stdout.write(restored.text)
        else:
            atomic_write_text(output, restored.text)
        return
    started = time.perf_counter()
    report = StageReport(stage="restore")
    sources = [(d.doc_id, d.path) for d in _text_inputs(inputs, "restore", report)]
    out.mkdir(parents=True, exist_ok=True)
    run_restore(sources, out, loaded, report)
    report.seconds = time.perf_counter() - started
    _finish(report, out)


def main(argv: list[str] | None = None) -> int:
    try:
        rc = app(args=argv, prog_name="vanban", standalone_mode=False)
    except typer.Exit as exc:
        return int(exc.exit_code)
    except SystemExit as exc:  # click usage errors
        return int(exc.code or 0)
    except Exception as exc:  # click.UsageError and friends
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            return int(ExitCode.bad_args)
        raise
    # With standalone_mode=False, click hands a typer.Exit back as the return value.
    return rc if isinstance(rc, int) else 0
