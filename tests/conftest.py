"""Shared fixtures: the bundled treaty texts and the synthetic fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KK_PATH = ROOT / "corpora" / "kk" / "kk.txt"
AZ_PATH = ROOT / "corpora" / "az" / "az.md"
DATA = Path(__file__).resolve().parent / "data"
RU_SYNTHETIC = DATA / "ru_synthetic.md"


@pytest.fixture(scope="session")
def kk_treaty():
    from treaty_align.parse import load_treaty

    return load_treaty(KK_PATH)


@pytest.fixture(scope="session")
def az_treaty():
    from treaty_align.parse import load_treaty

    return load_treaty(AZ_PATH)


@pytest.fixture(scope="session")
def ru_synthetic():
    from treaty_align.parse import load_treaty

    return load_treaty(RU_SYNTHETIC)
