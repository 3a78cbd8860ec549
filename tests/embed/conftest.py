"""Shared fixtures of the encoder tests: no test may touch the user's real cache folder."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the default embedding cache at a per-test folder."""
    cache = tmp_path / "default-cache"
    monkeypatch.setenv("TREATY_ALIGN_CACHE_DIR", str(cache))
    return cache
