"""`dvc repro` really reproduces: the project's dvc.yaml runs every stage on a small copy of the project,
a second `dvc repro` has nothing to do, and a forced re-run leaves every output hash in dvc.lock unchanged."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.render import write_input

pytestmark = [pytest.mark.tesseract, pytest.mark.slow]

SHIPPED = ["dvc.yaml", "params.yaml", "pipeline", "dictionaries", "models/channel.tsv.gz",
           "models/lm_syllable3.tsv.gz", "models/candidates.tsv.gz"]


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    bin_dir = str(Path(sys.executable).parent)
    env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""))
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_dvc_repro_runs_every_stage_then_nothing(tmp_path, tesseract, repo_root):
    project = tmp_path / "project"
    for name in SHIPPED:
        src, dst = repo_root / name, project / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(src, dst)
    raw = project / "data" / "raw"
    write_input("png", raw, tier="clean", name="scan")
    shutil.copy2(repo_root / "data" / "raw" / "samples" / "004_d4c575073dfe8169.txt", raw / "plan.txt")
    dvc = [sys.executable, "-m", "dvc"]
    for cmd in (["git", "init", "-q"], [*dvc, "init", "-q"], [*dvc, "config", "core.analytics", "false"]):
        assert _run(cmd, project).returncode == 0

    first = _run([*dvc, "repro"], project)
    assert first.returncode == 0, first.stdout + first.stderr
    for stage in ("rasterize", "ocr", "restore", "extract"):
        assert f"Running stage '{stage}'" in first.stdout
    assert (project / "data/clean/text/scan.txt").read_text(encoding="utf-8").strip()
    assert (project / "data/clean/dataset/vanban.sqlite").is_file()
    lock = (project / "dvc.lock").read_text()

    second = _run([*dvc, "repro"], project)
    assert second.returncode == 0 and "Running stage" not in second.stdout, second.stdout

    forced = _run([*dvc, "repro", "--force"], project)
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert (project / "dvc.lock").read_text() == lock, "a forced re-run changed an output (not byte-identical)"
