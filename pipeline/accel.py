"""Compiled restore: the hot modules built by Cython from their own unchanged source, used only while it is unchanged.

Restore spends its time in plain Python loops (the line decoder, channel scoring, candidate search). Cython
compiles the same .py files to C (no annotations, no second source): the result is the same module, with the
same float arithmetic and so byte-identical output, about 1.3× faster. `scripts/build_accel.py` (run by `make
setup`) writes each one as `pipeline/_compiled/<module>.<source digest><EXT_SUFFIX>`; `install()` puts a finder
before the normal import system that loads a compiled module only when the digest of the .py file beside it
matches, so an edited source is never shadowed by a stale build, and without a build (no compiler, a wheel)
the .py files run as before. VANBAN_PURE_PYTHON=1 turns the compiled modules off.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
import sysconfig
from pathlib import Path

PACKAGE = "pipeline"
PACKAGE_DIR = Path(__file__).resolve().parent
COMPILED_DIR = PACKAGE_DIR / "_compiled"
ACCELERATED = ("restore", "channel", "candidates", "vietnamese")  # what compiling measurably speeds up
EXT_SUFFIX = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
PURE_ENV = "VANBAN_PURE_PYTHON"


def source_digest(source: Path) -> str:
    """The digest that names a module's compiled build: of the exact bytes it was compiled from."""
    return hashlib.sha256(source.read_bytes()).hexdigest()[:16]


def compiled_path(module: str, package_dir: Path = PACKAGE_DIR) -> Path:
    """Where the build of `module`'s current source is (or would be)."""
    return package_dir / "_compiled" / f"{module}.{source_digest(package_dir / f'{module}.py')}{EXT_SUFFIX}"


class CompiledFinder(importlib.abc.MetaPathFinder):
    """Finds pipeline.<module> in its compiled build when that build is of the current source."""

    def __init__(self, package_dir: Path = PACKAGE_DIR, modules: tuple[str, ...] = ACCELERATED):
        self.package_dir = package_dir
        self.names = {f"{PACKAGE}.{m}": m for m in modules}

    def find_spec(self, fullname, path=None, target=None):  # noqa: ANN001 (importlib's signature)
        module = self.names.get(fullname)
        if module is None:
            return None
        try:
            built = compiled_path(module, self.package_dir)
        except OSError:
            return None
        if not built.is_file():
            return None
        loader = importlib.machinery.ExtensionFileLoader(fullname, str(built))
        return importlib.util.spec_from_file_location(fullname, built, loader=loader)


def install() -> None:
    """Put the finder first on sys.meta_path (once), unless VANBAN_PURE_PYTHON is set."""
    if os.environ.get(PURE_ENV, "") not in ("", "0") or not COMPILED_DIR.is_dir():
        return
    if not any(isinstance(f, CompiledFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, CompiledFinder())


def compiled_modules() -> list[str]:
    """The accelerated modules this process has loaded from a compiled build (for reports)."""
    return [m for m in ACCELERATED
            if (mod := sys.modules.get(f"{PACKAGE}.{m}")) is not None
            and str(getattr(mod, "__file__", "")).endswith(EXT_SUFFIX)]
