"""Build hook: the bundled treaty texts (``corpora/``) go into the wheel as package data.

They stay in ``corpora/`` at the top of the checkout (where the tests, benchmarks and README
point); a built wheel carries a copy in ``treaty_align/corpora/``, which
:func:`treaty_align.corpus.corpora_dir` finds first. Everything else is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

CORPORA = Path(__file__).resolve().parent / "corpora"


class BuildPyWithCorpora(build_py):
    """``build_py`` that also copies ``corpora/<lang>/*`` to ``treaty_align/corpora/<lang>/``."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False) or not CORPORA.is_dir():
            return  # an editable install reads the checkout's corpora/ directly
        target = Path(self.build_lib) / "treaty_align" / "corpora"
        for source in sorted(CORPORA.glob("*/*")):
            if source.is_file():
                destination = target / source.parent.name / source.name
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, destination)


setup(cmdclass={"build_py": BuildPyWithCorpora})
