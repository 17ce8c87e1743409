"""Compiled restore modules (pipeline/accel.py): used only when built from the current source, and giving
exactly the output of the plain Python modules."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import accel

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "raw" / "samples" / "001_f0c3554faee49846.txt"  # garbled OCR text the project ships

RESTORE_JSON = """
import json, sys
from pipeline.params import load_params
from pipeline.restore import restore_text
from pipeline import accel
result = restore_text(open(sys.argv[1], encoding="utf-8").read(), load_params().restore)
print(json.dumps({"compiled": accel.compiled_modules(), "text": result.text, "tokens": result.tokens}))
"""


def test_finder_uses_a_build_only_of_the_current_source(tmp_path):
    (tmp_path / "_compiled").mkdir()
    (tmp_path / "restore.py").write_text("X = 1\n")
    finder = accel.CompiledFinder(tmp_path, ("restore",))
    stale = tmp_path / "_compiled" / f"restore.{'0' * 16}{accel.EXT_SUFFIX}"
    stale.write_bytes(b"")
    assert finder.find_spec("pipeline.restore") is None  # a build of some other source is never loaded
    current = accel.compiled_path("restore", tmp_path)
    current.write_bytes(b"")
    assert finder.find_spec("pipeline.restore").origin == str(current)
    (tmp_path / "restore.py").write_text("X = 2\n")  # edited after the build: plain Python again
    assert finder.find_spec("pipeline.restore") is None
    assert finder.find_spec("pipeline.extract") is None  # not an accelerated module


def _restore_in_subprocess(pure: bool) -> dict:
    env = {**os.environ, accel.PURE_ENV: "1" if pure else "0"}
    run = subprocess.run([sys.executable, "-c", RESTORE_JSON, str(SAMPLE)], env=env, cwd=ROOT,
                         capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def test_compiled_restore_gives_the_plain_python_output():
    compiled = _restore_in_subprocess(pure=False)
    if not compiled["compiled"]:
        if os.environ.get("VANBAN_REQUIRE_ACCEL") == "1":
            pytest.fail("VANBAN_REQUIRE_ACCEL=1 but no compiled module is built: run scripts/build_accel.py")
        pytest.skip("no compiled restore modules (scripts/build_accel.py)")
    assert compiled["compiled"] == list(accel.ACCELERATED)
    pure = _restore_in_subprocess(pure=True)
    assert pure["compiled"] == []
    assert compiled["tokens"] == pure["tokens"] > 300
    assert compiled["text"] == pure["text"]
