"""Where the data vanban ships lives: models/, dictionaries/ and params.yaml sit beside the package in a source
checkout (and an editable install); an installed wheel carries copies inside the package, in pipeline/_data/
(setup.py puts them there), so `pip install vanban` works without the repository."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
BUNDLED_DIR = PACKAGE_DIR / "_data"
SHIPPED = ("models", "dictionaries", "params.yaml")  # what setup.py copies into BUNDLED_DIR


def project_path(name: str) -> Path:
    """The shipped file or folder `name` ("models", "dictionaries", "params.yaml")."""
    bundled = BUNDLED_DIR / name
    return bundled if bundled.exists() else PACKAGE_DIR.parent / name
