"""Build hook: a wheel carries the data vanban needs at run time (pipeline/resources.py finds it there)."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
# Run-time data only: training pairs and scratch folders stay in the repository.
SHIPPED_FILES = {
    "models": ("lm_syllable3.tsv.gz", "channel.tsv.gz", "candidates.tsv.gz", "README.md", "channel.README.md"),
    "dictionaries": ("syllables.tsv", "words.txt", "acronyms.tsv", "names.tsv", "SOURCES.md"),
}


class BuildPyWithData(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "pipeline" / "_data"
        for folder, names in SHIPPED_FILES.items():
            (target / folder).mkdir(parents=True, exist_ok=True)
            for name in names:
                shutil.copyfile(ROOT / folder / name, target / folder / name)
        shutil.copyfile(ROOT / "params.yaml", target / "params.yaml")


setup(cmdclass={"build_py": BuildPyWithData})
