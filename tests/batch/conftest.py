"""Fixtures of the batch tests: small collections built from the SYNTHETIC kk/az fixtures.

Each document is a copy of ``tests/data/synthetic/{kk,az}.md`` with the number of days in
Article 2 changed in both versions (so that every copy is distinct text), and, in a "planted"
copy, changed in the Azerbaijani version only (a numbers finding).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DATA

SYNTHETIC = DATA / "synthetic"
DAYS = "30"


def write_act(folder: Path, days: int, planted: bool = False) -> Path:
    """Write one synthetic act (kk.md, az.md and a note) into ``folder``; return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    kk = (SYNTHETIC / "kk.md").read_text(encoding="utf-8")
    az = (SYNTHETIC / "az.md").read_text(encoding="utf-8")
    assert DAYS in kk and DAYS in az
    (folder / "kk.md").write_text(kk.replace(DAYS, str(days)), encoding="utf-8")
    (folder / "az.md").write_text(az.replace(DAYS, str(days + 7 if planted else days)), encoding="utf-8")
    (folder / "PROVENANCE.md").write_text("Synthetic act written for the tests.\n", encoding="utf-8")
    return folder


def make_collection(root: Path, count: int, planted: tuple[int, ...] = (), broken: tuple[int, ...] = ()) -> Path:
    """Write ``count`` acts ``act-00`` ... into ``root``; ``broken`` ones hold one version only."""
    for i in range(count):
        folder = write_act(root / f"act-{i:02d}", 31 + i, planted=i in planted)
        if i in broken:
            (folder / "az.md").unlink()
    return root


@pytest.fixture
def collection(tmp_path) -> Path:
    """Three acts: act-00 clean, act-01 with a planted number, act-02 with one version only."""
    return make_collection(tmp_path / "collection", 3, planted=(1,), broken=(2,))


@pytest.fixture
def cache_dir(tmp_path) -> str:
    return str(tmp_path / "cache")
