"""Packaging: the bundled texts are found from an installed wheel; the build requirements fit
the metadata. (.ci/run builds the wheel, installs it in a fresh venv and runs compare from it.)"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from treaty_align import corpus


def test_a_wheel_copy_of_the_corpora_is_found_first(tmp_path, monkeypatch):
    # the layout of an installed wheel: site-packages/treaty_align/{corpus.py,corpora/kk/kk.txt}
    package = tmp_path / "site-packages" / "treaty_align"
    (package / "corpora" / "kk").mkdir(parents=True)
    (package / "corpora" / "kk" / "kk.txt").write_text("x", encoding="utf-8")
    monkeypatch.delenv("TREATY_ALIGN_CORPORA", raising=False)
    monkeypatch.setattr(corpus, "__file__", str(package / "corpus.py"))
    assert corpus.bundled_path("kk") == package / "corpora" / "kk" / "kk.txt"


def test_the_checkout_corpora_are_used_by_an_editable_install(monkeypatch):
    monkeypatch.delenv("TREATY_ALIGN_CORPORA", raising=False)
    assert corpus.bundled_path("az") == ROOT / "corpora" / "az" / "az.md"


@pytest.mark.skipif(sys.version_info < (3, 11), reason="tomllib")
def test_license_expression_has_a_setuptools_that_reads_it():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    requires = project["build-system"]["requires"]
    if isinstance(project["project"].get("license"), str):  # PEP 639 expression: setuptools >= 77
        spec = next(r for r in requires if r.startswith("setuptools"))
        minimum = re.search(r">=\s*(\d+)", spec)
        assert minimum and int(minimum.group(1)) >= 77
