"""An on-disk embedding cache that wraps any encoder.

Layout: ``<cache_dir>/<encoder folder>/embeddings.sqlite3``, one row per text, keyed by the
sha256 of (encoder name, model version, text). SQLite gives atomic multi-row writes (one
transaction per batch) and safe concurrent readers without a file per text.

The cache is an optimisation, never a source of truth: every row is checked on read (size,
checksum, finite values, unit norm) and anything doubtful is recomputed and overwritten; a
damaged database file is moved aside (``embeddings.sqlite3.corrupt``) once, with one
:class:`CacheWarning`, and a fresh one is started; a cache folder that cannot be written is
reported once with :class:`CacheWarning` and the run goes on without caching.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import warnings
from contextlib import closing
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from treaty_align.embed.base import Encoder, ProgressCallback, finish_embeddings

CACHE_ENV = "TREATY_ALIGN_CACHE_DIR"
DB_NAME = "embeddings.sqlite3"
SCHEMA = """
CREATE TABLE IF NOT EXISTS embeddings_v1 (
    key TEXT PRIMARY KEY,
    dim INTEGER NOT NULL,
    vector BLOB NOT NULL,
    checksum TEXT NOT NULL
) WITHOUT ROWID
"""
_STORED_DTYPE = np.dtype("<f4")  # explicit little-endian so a cache copied between machines reads
_NORM_TOLERANCE = 1e-3
_QUERY_CHUNK = 500  # stays below SQLite's host-parameter limit on old builds (999)
_LOCK_TIMEOUT = 10.0
# SQLite result codes for "this is not (any more) a database": SQLITE_CORRUPT, SQLITE_NOTADB.
_CORRUPT_CODES = {11, 26}
# ... and for conditions that pass or are not the file's fault: BUSY, LOCKED, NOMEM, READONLY,
# INTERRUPT, IOERR, FULL, CANTOPEN, PROTOCOL, PERM.
_TRANSIENT_CODES = {3, 5, 6, 7, 8, 9, 10, 13, 14, 15, 23}
CORRUPT_SUFFIX = ".corrupt"


class CacheWarning(UserWarning):
    """The embedding cache could not be used; the run continues without it."""


def default_cache_dir() -> Path:
    """Return ``$TREATY_ALIGN_CACHE_DIR`` if set, else the platform's user cache folder."""
    configured = os.environ.get(CACHE_ENV, "").strip()
    if configured:
        return Path(os.path.expanduser(configured))
    import platformdirs

    return Path(platformdirs.user_cache_dir("treaty-align"))


def encoder_folder_name(name: str) -> str:
    """Return a file-system-safe folder name for encoder ``name``, unique per name.

    The readable part is a slug (``st:/models/x`` -> ``st_models_x``); the hash suffix keeps two
    names with the same slug apart.
    """
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._-")[:48] or "encoder"
    return f"{slug}-{hashlib.sha256(name.encode('utf-8')).hexdigest()[:10]}"


def entry_key(name: str, model_version: str, text: str) -> str:
    """Return the cache key of ``text`` under an encoder: hex sha256 of name, version and text."""
    # JSON framing keeps the three fields unambiguous whatever characters they contain.
    payload = json.dumps([name, model_version, text], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


def _checksum(key: str, blob: bytes) -> str:
    # The key is part of the checksum, so a row whose vector was swapped with another's fails too.
    return hashlib.sha256(key.encode("ascii") + blob).hexdigest()[:32]


def _is_corrupt(exc: Exception) -> bool:
    """Return True unless ``exc`` is a passing condition (locked, read-only, disk full...).

    Damage shows up in many ways besides SQLITE_CORRUPT/NOTADB: "Could not decode to UTF-8",
    a UnicodeDecodeError from a garbled key, a missing column. Anything that is not a known
    transient condition is treated as a damaged file, which is cheaper to rebuild than to trust.
    """
    if isinstance(exc, UnicodeDecodeError):
        return True
    code = getattr(exc, "sqlite_errorcode", None)  # Python >= 3.11
    if code is not None:
        return (code & 0xFF) in _CORRUPT_CODES or (code & 0xFF) not in _TRANSIENT_CODES
    message = str(exc).lower()
    return not any(word in message for word in ("locked", "busy", "readonly", "read-only", "disk i/o",
                                                 "full", "unable to open"))


def decode_entry(
    key: str, dim: Any, blob: Any, checksum: Any, expected_dim: int
) -> np.ndarray | None:
    """Return the stored vector of a cache row, or None when anything about it is off.

    Checks: the dimension, the byte length, the checksum, finite values and a norm of 1 (or 0,
    which encoders return for a text without content).
    """
    if not isinstance(blob, bytes) or dim != expected_dim:
        return None
    if len(blob) != expected_dim * _STORED_DTYPE.itemsize or checksum != _checksum(key, blob):
        return None
    vector = np.frombuffer(blob, dtype=_STORED_DTYPE).astype(np.float32)
    if not np.isfinite(vector).all():
        return None
    norm = float(np.linalg.norm(vector.astype(np.float64)))
    if norm != 0.0 and abs(norm - 1.0) > _NORM_TOLERANCE:
        return None
    return vector


class CachedEncoder(Encoder):
    """``inner`` with its embeddings cached on disk under ``cache_dir``.

    ``name``, ``dim`` and ``model_version`` are the inner encoder's. Only texts missing from the
    cache reach the inner encoder, in one call, in first-occurrence order and without
    duplicates. Nothing touches the disk before the first ``encode``.
    """

    def __init__(
        self,
        inner: Any,
        cache_dir: str | os.PathLike[str] | None = None,
        *,
        progress: ProgressCallback | None = None,
    ) -> None:
        super().__init__(inner.name, progress=progress)
        self.inner = inner
        self.cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self._disabled = False
        self._moved_aside = False

    @property
    def dim(self) -> int:
        """Return the inner encoder's dimension."""
        return int(self.inner.dim)

    @property
    def model_version(self) -> str:
        """Return the inner encoder's model version."""
        return str(self.inner.model_version)

    @property
    def db_path(self) -> Path:
        """Return the path of this encoder's SQLite cache file."""
        return self.cache_dir / encoder_folder_name(self.name) / DB_NAME

    @property
    def enabled(self) -> bool:
        """Return False once the cache has been found unusable in this process."""
        return not self._disabled

    # -- encoding ---------------------------------------------------------------------------

    def _encode(self, texts: list[str], progress: ProgressCallback | None) -> np.ndarray:
        dim = self.dim
        version = self.model_version
        keys = [entry_key(self.name, version, text) for text in texts]
        found = self._read(keys, dim)

        missing: dict[str, str] = {}  # key -> text, first occurrence order, no duplicates
        for key, text in zip(keys, texts, strict=True):
            if key not in found and key not in missing:
                missing[key] = text

        total = len(texts)
        if missing:
            fresh = self._compute(list(missing.values()), dim, progress, total)
            computed = dict(zip(missing, fresh, strict=True))
            found.update(computed)
            self._write(computed, dim)
        elif progress is not None:
            progress(total, total)
        return np.stack([found[key] for key in keys]).astype(np.float32, copy=False)

    def _compute(
        self, texts: list[str], dim: int, progress: ProgressCallback | None, total: int
    ) -> np.ndarray:
        offset = total - len(texts)
        if isinstance(self.inner, Encoder):
            inner_progress = None
            if progress is not None:
                outer = progress

                def inner_progress(done: int, _inner_total: int) -> None:
                    outer(offset + done, total)

            raw = self.inner.encode(texts, progress=inner_progress)
        else:  # any object with name/dim/model_version/encode(texts)
            raw = self.inner.encode(texts)
            if progress is not None:
                progress(total, total)
        # Stored rows must be unit (or zero) vectors: validation on read relies on it.
        return finish_embeddings(raw, len(texts), dim, self.name)

    # -- storage ----------------------------------------------------------------------------

    def _warn(self, message: str) -> None:
        if not self._disabled:
            self._disabled = True
            warnings.warn(
                f"embedding cache disabled: {message}; continuing without caching "
                f"(--no-cache silences this, --cache-dir or ${CACHE_ENV} picks another folder)",
                CacheWarning,
                stacklevel=4,
            )

    def _discard(self, path: Path) -> bool:
        """Move a damaged cache file aside (to ``<name>.corrupt``) so that a fresh one starts.

        Happens at most once per encoder and process, with one :class:`CacheWarning`; returns
        False (and disables the cache) when the file cannot be moved.
        """
        if self._moved_aside:
            self._warn(f"the cache file {path} is damaged again after being replaced")
            return False
        self._moved_aside = True
        aside = path.with_name(path.name + CORRUPT_SUFFIX)
        try:
            os.replace(path, aside)
            for suffix in ("-journal", "-wal", "-shm"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
        except OSError as exc:
            self._warn(f"cannot move the damaged cache file {path} aside: {exc}")
            return False
        warnings.warn(f"the embedding cache file {path} was damaged: moved to {aside.name}, "
                      f"a fresh cache is started", CacheWarning, stacklevel=5)
        return True

    def _connect(self) -> sqlite3.Connection | None:
        if self._disabled:
            return None
        path = self.db_path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._warn(f"cannot create the cache folder {path.parent}: {exc}")
            return None
        for attempt in range(2):
            conn: sqlite3.Connection | None = None
            try:
                conn = sqlite3.connect(str(path), timeout=_LOCK_TIMEOUT)
                conn.execute(SCHEMA)
                return conn
            except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
                if conn is not None:
                    conn.close()
                if attempt == 0 and _is_corrupt(exc) and self._discard(path):
                    continue  # rebuilt from scratch on the second attempt
                self._warn(f"cannot open the cache file {path}: {exc}")
                return None
        return None

    def _read(self, keys: Sequence[str], dim: int) -> dict[str, np.ndarray]:
        """Return the valid cached vectors among ``keys`` (silently skipping doubtful rows)."""
        conn = self._connect()
        if conn is None:
            return {}
        unique = list(dict.fromkeys(keys))
        found: dict[str, np.ndarray] = {}
        with closing(conn):
            try:
                for chunk in _chunks(unique, _QUERY_CHUNK):
                    marks = ",".join("?" * len(chunk))
                    query = (
                        "SELECT key, dim, vector, checksum FROM embeddings_v1 "
                        f"WHERE key IN ({marks})"
                    )
                    rows = conn.execute(query, chunk).fetchall()
                    for key, row_dim, blob, checksum in rows:
                        vector = decode_entry(key, row_dim, blob, checksum, dim)
                        if vector is not None:
                            found[key] = vector
            except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
                conn.close()
                if _is_corrupt(exc):
                    self._discard(self.db_path)  # rewritten by the _write that follows
                else:
                    self._warn(f"cannot read the cache file {self.db_path}: {exc}")
                return {}
        return found

    def _write(self, vectors: dict[str, np.ndarray], dim: int) -> None:
        rows = []
        for key, vector in vectors.items():
            blob = np.ascontiguousarray(vector, dtype=_STORED_DTYPE).tobytes()
            rows.append((key, dim, blob, _checksum(key, blob)))
        for attempt in range(2):
            conn = self._connect()
            if conn is None:
                return
            with closing(conn):
                try:
                    with conn:  # one transaction: all rows or none
                        conn.executemany(
                            "INSERT OR REPLACE INTO embeddings_v1 (key, dim, vector, checksum) "
                            "VALUES (?, ?, ?, ?)",
                            rows,
                        )
                    return
                except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
                    conn.close()
                    if attempt == 0 and _is_corrupt(exc) and self._discard(self.db_path):
                        continue
                    self._warn(f"cannot write the cache file {self.db_path}: {exc}")
                    return


def _chunks(items: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
