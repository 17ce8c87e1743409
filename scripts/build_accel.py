"""Compile the restore stage's hot modules with Cython (pipeline/accel.py says why and how they are used).

    .venv/bin/python scripts/build_accel.py [--strict] [--jobs N]     # run by `make setup`

Each module of pipeline.accel.ACCELERATED whose current source has no build yet is compiled from the .py file
itself into pipeline/_compiled/<module>.<source digest><EXT_SUFFIX> (written to a temporary name, then
renamed); builds of older sources are removed. Up-to-date modules cost only a hash. Without Cython or a C
compiler it prints one note and exits 0 (restore then runs as plain Python, only slower); --strict makes that
an error.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.accel import ACCELERATED, COMPILED_DIR, EXT_SUFFIX, PACKAGE_DIR, compiled_path  # noqa: E402


def build(modules: list[str], jobs: int) -> None:
    """Cythonize and compile `modules` in a scratch folder, then move each build to its digest name."""
    from Cython.Build import cythonize
    from setuptools import Distribution
    from setuptools.command.build_ext import build_ext

    with tempfile.TemporaryDirectory(prefix="vanban-accel-") as scratch:
        work = Path(scratch)
        # Compiled from copies laid out as the package, so the module names (pipeline.restore …) are the real ones.
        (work / "pipeline").mkdir()
        (work / "pipeline" / "__init__.py").write_text("")
        targets = {}
        for module in modules:
            shutil.copyfile(PACKAGE_DIR / f"{module}.py", work / "pipeline" / f"{module}.py")
            targets[module] = compiled_path(module)  # the digest of the source that was copied
        extensions = cythonize([str(work / "pipeline" / f"{m}.py") for m in modules], quiet=True,
                               compiler_directives={"language_level": 3, "binding": True}, nthreads=jobs)
        dist = Distribution({"name": "vanban-accel", "ext_modules": extensions})
        command = build_ext(dist)
        command.build_lib, command.build_temp, command.parallel = str(work / "lib"), str(work / "tmp"), jobs
        command.ensure_finalized()
        with contextlib.redirect_stdout(io.StringIO()):  # one line per compiler call; errors still reach stderr
            command.run()
        COMPILED_DIR.mkdir(exist_ok=True)
        for module, target in targets.items():
            built = work / "lib" / "pipeline" / f"{module}{EXT_SUFFIX}"
            partial = target.with_name(target.name + ".partial")
            shutil.copyfile(built, partial)
            os.replace(partial, target)
            for old in COMPILED_DIR.glob(f"{module}.*{EXT_SUFFIX}"):
                if old != target:
                    old.unlink()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--strict", action="store_true", help="fail (exit 1) when the modules cannot be compiled")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    stale = [m for m in ACCELERATED if not compiled_path(m).is_file()]
    if not stale:
        print(f"compiled modules up to date: {', '.join(ACCELERATED)}")
        return 0
    started = time.monotonic()
    try:
        build(stale, args.jobs)
    except Exception as error:  # noqa: BLE001 (no Cython, no compiler, a failed build: all mean "run as Python")
        print(f"vanban: note: the compiled restore modules were not built ({type(error).__name__}: {error}); "
              "restore runs as plain Python, only slower", file=sys.stderr)
        return 1 if args.strict else 0
    print(f"compiled {', '.join(stale)} → {COMPILED_DIR.relative_to(ROOT)}/ ({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
