"""The on-disk embedding cache: hits, invalidation, corruption and unwritable folders."""

from __future__ import annotations

import sqlite3
import warnings
from pathlib import Path
from typing import Sequence

import numpy as np
import pytest

from treaty_align.embed import get_encoder
from treaty_align.embed.base import Encoder, ProgressCallback
from treaty_align.embed.cache import (
    CachedEncoder,
    CacheWarning,
    default_cache_dir,
    encoder_folder_name,
    entry_key,
)

DIM = 8


def fake_vector(text: str) -> np.ndarray:
    """A deterministic, text-dependent vector (not normalised: the cache must cope)."""
    seed = sum(ord(c) * (i + 1) for i, c in enumerate(text)) % (2**32)
    return np.random.default_rng(seed).normal(size=DIM).astype(np.float32) * 3.0


class CountingEncoder:
    """A duck-typed encoder that records every text it is asked to encode."""

    def __init__(self, version: str = "v1") -> None:
        self.name = "fake"
        self.dim = DIM
        self.model_version = version
        self.calls: list[list[str]] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return np.stack([fake_vector(t) for t in texts]) if texts else np.zeros((0, DIM))


class CountingBackend(Encoder):
    """The same, as a real Encoder subclass (gets progress callbacks)."""

    def __init__(self) -> None:
        super().__init__("fake-backend")
        self.calls: list[list[str]] = []

    @property
    def dim(self) -> int:
        return DIM

    @property
    def model_version(self) -> str:
        return "v1"

    def _encode(self, texts: list[str], progress: ProgressCallback | None) -> np.ndarray:
        self.calls.append(list(texts))
        if progress is not None:
            progress(len(texts), len(texts))
        return np.stack([fake_vector(t) for t in texts])


def db_rows(path: Path) -> int:
    with sqlite3.connect(str(path)) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM embeddings_v1").fetchone()[0])


def test_hits_avoid_recomputation(tmp_path: Path) -> None:
    inner = CountingEncoder()
    cached = CachedEncoder(inner, tmp_path)
    first = cached.encode(["a", "b", "a"])
    assert inner.calls == [["a", "b"]]  # missing texts only, once each, in order
    second = cached.encode(["b", "a", "c"])
    assert inner.calls == [["a", "b"], ["c"]]
    assert second[0].tobytes() == first[1].tobytes()
    assert second[1].tobytes() == first[0].tobytes()
    np.testing.assert_allclose(np.linalg.norm(second, axis=1), 1.0, atol=1e-6)
    assert second.dtype == np.float32 and second.shape == (3, DIM)
    # a new wrapper (a new run) reads what the first one wrote
    again = CachedEncoder(CountingEncoder(), tmp_path)
    assert again.encode(["c", "b"]).tobytes() == np.stack([second[2], second[0]]).tobytes()
    assert again.inner.calls == []
    assert cached.db_path.parent.parent == tmp_path
    assert db_rows(cached.db_path) == 3


@pytest.mark.parametrize(
    "garble",
    [
        "UPDATE embeddings_v1 SET vector = substr(vector, 1, 10)",  # truncated bytes
        "UPDATE embeddings_v1 SET vector = randomblob(length(vector))",  # garbled bytes
        "UPDATE embeddings_v1 SET checksum = 'x'",
        "UPDATE embeddings_v1 SET dim = 7",
        "UPDATE embeddings_v1 SET vector = 'text, not a blob'",
    ],
)
def test_corrupt_entry_is_recomputed(tmp_path: Path, garble: str) -> None:
    inner = CountingEncoder()
    cached = CachedEncoder(inner, tmp_path)
    fresh = cached.encode(["alpha", "beta"])
    with sqlite3.connect(str(cached.db_path)) as conn:
        conn.execute(garble + " WHERE key = ?", (entry_key("fake", "v1", "beta"),))
    again = cached.encode(["alpha", "beta"])
    assert inner.calls == [["alpha", "beta"], ["beta"]]
    assert again.tobytes() == fresh.tobytes()
    cached.encode(["beta"])  # the bad row was overwritten
    assert len(inner.calls) == 2


def test_nan_row_with_valid_checksum_is_not_trusted(tmp_path: Path) -> None:
    import hashlib

    inner = CountingEncoder()
    cached = CachedEncoder(inner, tmp_path)
    fresh = cached.encode(["gamma"])
    key = entry_key("fake", "v1", "gamma")
    blob = np.full(DIM, np.nan, dtype="<f4").tobytes()
    checksum = hashlib.sha256(key.encode("ascii") + blob).hexdigest()[:32]
    with sqlite3.connect(str(cached.db_path)) as conn:
        conn.execute("UPDATE embeddings_v1 SET vector = ?, checksum = ?", (blob, checksum))
    assert cached.encode(["gamma"]).tobytes() == fresh.tobytes()
    assert len(inner.calls) == 2


def _damage_a_key(path: Path) -> None:
    # a flipped byte inside a stored key: SQLite reads the page fine, but the TEXT value is no
    # longer UTF-8 ("Could not decode to UTF-8"), which is neither SQLITE_CORRUPT nor NOTADB
    data = bytearray(path.read_bytes())
    with sqlite3.connect(str(path)) as conn:
        key = conn.execute("SELECT key FROM embeddings_v1 LIMIT 1").fetchone()[0]
    at = data.index(key.encode("ascii"))
    data[at : at + 2] = b"\xf4\x28"
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", ["garbage", "truncate", "bad-utf8-key"])
def test_corrupt_database_file_is_moved_aside_once(tmp_path: Path, damage: str) -> None:
    inner = CountingEncoder()
    cached = CachedEncoder(inner, tmp_path)
    texts = [f"text {i}" for i in range(300)]  # enough rows for several database pages
    fresh = cached.encode(texts)
    data = cached.db_path.read_bytes()
    if damage == "garbage":
        cached.db_path.write_bytes(b"this is not a database" * 100)
    elif damage == "truncate":
        cached.db_path.write_bytes(data[: len(data) // 3])
    else:
        _damage_a_key(cached.db_path)
    damaged = cached.db_path.read_bytes()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        again = CachedEncoder(inner, tmp_path).encode(texts)
    assert [str(w.message) for w in caught] == [
        f"the embedding cache file {cached.db_path} was damaged: moved to embeddings.sqlite3.corrupt, "
        "a fresh cache is started"
    ]
    assert again.tobytes() == fresh.tobytes()
    assert (cached.db_path.parent / "embeddings.sqlite3.corrupt").read_bytes() == damaged
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheWarning)  # the next run: no warning, all hits
        assert CachedEncoder(inner, tmp_path).encode(texts).tobytes() == fresh.tobytes()
    assert sum(len(c) for c in inner.calls) == 600  # computed twice, then served from the fresh file


def test_model_version_separates_entries(tmp_path: Path) -> None:
    v1, v2 = CountingEncoder("v1"), CountingEncoder("v2")
    CachedEncoder(v1, tmp_path).encode(["same text"])
    CachedEncoder(v2, tmp_path).encode(["same text"])
    assert v2.calls == [["same text"]]
    assert db_rows(CachedEncoder(v1, tmp_path).db_path) == 2
    assert entry_key("fake", "v1", "x") != entry_key("fake", "v2", "x")
    assert entry_key("fake", "v1", "x") != entry_key("other", "v1", "x")


def test_unwritable_cache_warns_once_and_still_encodes(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    inner = CountingEncoder()
    cached = CachedEncoder(inner, blocker / "cache")
    with pytest.warns(CacheWarning, match="continuing without caching") as record:
        first = cached.encode(["one", "two"])
        second = cached.encode(["one"])
    assert len(record) == 1
    assert first.shape == (2, DIM) and second[0].tobytes() == first[0].tobytes()
    assert inner.calls == [["one", "two"], ["one"]]
    assert not cached.enabled


def test_use_cache_false_writes_nothing(tmp_path: Path, _isolated_cache_dir: Path) -> None:
    folder = tmp_path / "cache"
    encoder = get_encoder("e5-small", cache_dir=folder, use_cache=False)
    assert not isinstance(encoder, CachedEncoder)
    encoder.encode(["Тараптар ақпарат алмасады."])
    get_encoder("e5-small", use_cache=False).encode(["Тараптар ақпарат алмасады."])
    assert not folder.exists() and not _isolated_cache_dir.exists()
    cached = get_encoder("e5-small", cache_dir=folder)
    assert isinstance(cached, CachedEncoder)
    assert (
        cached.encode(["Тараптар ақпарат алмасады."]).tobytes()
        == encoder.encode(["Тараптар ақпарат алмасады."]).tobytes()
    )
    assert cached.db_path.is_file() and cached.db_path.is_relative_to(folder)


def test_nothing_touches_disk_before_encode(tmp_path: Path) -> None:
    cached = CachedEncoder(CountingEncoder(), tmp_path / "lazy")
    assert cached.dim == DIM and cached.model_version == "v1" and cached.name == "fake"
    assert not (tmp_path / "lazy").exists()
    assert cached.encode([]).shape == (0, DIM)
    assert not (tmp_path / "lazy").exists()


def test_default_dir_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TREATY_ALIGN_CACHE_DIR", str(tmp_path / "env-cache"))
    assert default_cache_dir() == tmp_path / "env-cache"
    assert CachedEncoder(CountingEncoder()).cache_dir == tmp_path / "env-cache"
    monkeypatch.delenv("TREATY_ALIGN_CACHE_DIR")
    assert "treaty-align" in str(default_cache_dir())


def test_progress_counts_hits_and_misses(tmp_path: Path) -> None:
    backend = CountingBackend()
    calls: list[tuple[int, int]] = []
    cached = CachedEncoder(backend, tmp_path, progress=lambda d, t: calls.append((d, t)))
    cached.encode(["x", "y"])
    cached.encode(["x", "y", "z"])
    cached.encode(["x"])
    assert backend.calls == [["x", "y"], ["z"]]
    assert calls == [(2, 2), (3, 3), (1, 1)]


def test_folder_names_are_safe_and_distinct() -> None:
    names = ["e5-small", "st:/models/labse", "st:sentence-transformers/LaBSE", "st:../x y"]
    folders = [encoder_folder_name(n) for n in names]
    assert len(set(folders)) == len(folders)
    for folder in folders:
        assert "/" not in folder and ":" not in folder and " " not in folder
    assert folders[0].startswith("e5-small-")
