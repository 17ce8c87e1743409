"""A built wheel carries its models, dictionaries and params: vanban restores text outside the repository."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_runs_restore_without_the_repository(tmp_path):
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"),
                            str(ROOT)], capture_output=True, text=True, timeout=600)
    if built.returncode != 0 and "Could not" in built.stderr + built.stdout:  # no package index to build with
        pytest.skip(f"pip could not fetch the build backend: {built.stderr.strip()[-200:]}")
    assert built.returncode == 0, built.stderr
    wheel = next((tmp_path / "dist").glob("vanban-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for shipped in ("pipeline/_data/models/lm_syllable3.tsv.gz", "pipeline/_data/models/channel.tsv.gz",
                    "pipeline/_data/models/candidates.tsv.gz",
                    "pipeline/_data/dictionaries/syllables.tsv", "pipeline/_data/params.yaml"):
        assert shipped in names
    assert not any("channel_work" in n or "channel_pairs" in n for n in names)
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = ("import pipeline, sys; from pipeline.params import load_params; from pipeline.restore import restore_text;"
            "print(pipeline.__file__); print(restore_text('Cén bg, cong chirc, vién chuc', load_params().restore).text)")
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=300,
                         env=dict(os.environ, PYTHONPATH=str(site)))
    assert run.returncode == 0, run.stderr
    where, restored = run.stdout.strip().splitlines()[-2:]
    assert where.startswith(str(site))
    assert restored == "Cán bộ, công chức, viên chức"
