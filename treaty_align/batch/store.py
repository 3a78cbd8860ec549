"""The results database of a batch: one SQLite file holding every document of a collection.

Why SQLite (measured in ``benchmarks/bench_results_store.py``): it is in the standard library,
one document's rows commit in one transaction (an interrupted run loses at most the document
being written, never the file), WAL mode lets a notebook read the database while a batch
writes it, and the lock file below keeps a second batch out. DuckDB is faster for analytical
scans but keeps the file locked against every other process while a writer has it open, and
per-document transactions of a few hundred rows are its slow case.

Schema (version 1; ``meta.schema_version``)::

    meta(key PK, value)
    runs(run_id PK, started_at, finished_at, status, source, options JSON, package_version,
         executor, jobs, host, pid, done, failed, skipped)
    documents(doc_id PK, status 'done'|'failed', error, input_key, input_hashes JSON {file: sha256},
              paths JSON, languages 'kk,ru', authority, signature JSON, warnings JSON,
              n_records, n_low_confidence, n_findings, n_major, n_minor, n_info,
              reports JSON {format: path relative to the database folder},
              seconds, peak_rss_mb, worker 'host:pid', attempts, run_id, finished_at)
    records(doc_id, position, record_id, block, article, score, low_confidence 0|1, note,
            n_findings, max_severity)                               PK (doc_id, position)
    record_texts(doc_id, position, language, segment_ids, line, text)  PK (doc_id, position, language)
    findings(doc_id, position, finding_id, record_position, record_id, article, kind, severity,
             message, resolution_authority, resolution_agrees, resolution_differs,
             resolution_text)                                       PK (doc_id, position)
    evidence(doc_id, finding_position, position, language, segment_id, line, quote)
                                                                    PK (doc_id, finding_position, position)

``records.position`` is the record's place in its document; ``findings.record_position`` points
at it and ``evidence.finding_position`` at ``findings.position``. A finding's resolution (what the
prevailing text says) is its ``resolution_*`` columns, NULL without a prevailing text.
``input_key`` is the sha256 of the files' contents, the comparison options and the package
version: ``--resume`` skips a document whose stored key matches and whose status is done.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import socket
import sqlite3
import time
from pathlib import Path
from typing import Any, Sequence

from treaty_align.errors import InputError

SCHEMA_VERSION = "1"
DB_NAME = "results.sqlite3"
_BUSY_TIMEOUT_MS = 30_000

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    run_id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT, status TEXT NOT NULL,
    source TEXT, options TEXT, package_version TEXT, executor TEXT, jobs INTEGER, host TEXT,
    pid INTEGER, done INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, status TEXT NOT NULL CHECK (status IN ('done', 'failed')), error TEXT,
    input_key TEXT NOT NULL, input_hashes TEXT NOT NULL, paths TEXT NOT NULL, languages TEXT,
    authority TEXT, signature TEXT, warnings TEXT,
    n_records INTEGER NOT NULL DEFAULT 0, n_low_confidence INTEGER NOT NULL DEFAULT 0,
    n_findings INTEGER NOT NULL DEFAULT 0, n_major INTEGER NOT NULL DEFAULT 0,
    n_minor INTEGER NOT NULL DEFAULT 0, n_info INTEGER NOT NULL DEFAULT 0,
    reports TEXT, seconds REAL, peak_rss_mb REAL, worker TEXT, attempts INTEGER NOT NULL DEFAULT 1,
    run_id INTEGER, finished_at TEXT
);
CREATE TABLE IF NOT EXISTS records (
    doc_id TEXT NOT NULL, position INTEGER NOT NULL, record_id TEXT NOT NULL, block TEXT,
    article TEXT, score REAL, low_confidence INTEGER, note TEXT, n_findings INTEGER,
    max_severity TEXT, PRIMARY KEY (doc_id, position)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS record_texts (
    doc_id TEXT NOT NULL, position INTEGER NOT NULL, language TEXT NOT NULL, segment_ids TEXT,
    line INTEGER, text TEXT, PRIMARY KEY (doc_id, position, language)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS findings (
    doc_id TEXT NOT NULL, position INTEGER NOT NULL, finding_id TEXT NOT NULL,
    record_position INTEGER NOT NULL, record_id TEXT, article TEXT, kind TEXT NOT NULL,
    severity TEXT NOT NULL, message TEXT, resolution_authority TEXT, resolution_agrees TEXT,
    resolution_differs TEXT, resolution_text TEXT, PRIMARY KEY (doc_id, position)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS evidence (
    doc_id TEXT NOT NULL, finding_position INTEGER NOT NULL, position INTEGER NOT NULL,
    language TEXT, segment_id TEXT, line INTEGER, quote TEXT,
    PRIMARY KEY (doc_id, finding_position, position)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS findings_by_kind ON findings (kind, severity);
"""

#: the tables holding a document's rows, deleted together when it is written again
DOCUMENT_TABLES = ("records", "record_texts", "findings", "evidence", "documents")


def now_utc() -> str:
    """Return the current UTC time as ``YYYY-MM-DDTHH:MM:SSZ``."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def database_path(path: str | os.PathLike[str]) -> Path:
    """Return the database file for ``path``: the path itself, or ``results.sqlite3`` in a folder."""
    p = Path(path)
    return p / DB_NAME if p.is_dir() else p


class BatchLocked(InputError):
    """Another batch is writing to the same results database."""


class _Lock:
    """An exclusive, non-blocking ``flock`` on ``<database>.lock``, released on close.

    The kernel drops the lock when the holder dies, so a killed batch never leaves a stale lock.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise InputError(f"cannot create {self.path}: {exc.strerror or exc}") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            holder = _read_holder(fd)
            os.close(fd)
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise BatchLocked(
                    f"{self.path.with_suffix('')}: another batch is writing to this database"
                    f"{' (' + holder + ')' if holder else ''}; wait for it to finish or give "
                    f"another output folder"
                ) from exc
            raise InputError(f"cannot lock {self.path}: {exc.strerror or exc}") from exc
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"pid {os.getpid()} on {socket.gethostname()} since {now_utc()}".encode())
        except OSError as exc:
            os.close(fd)
            raise InputError(f"cannot write {self.path}: {exc.strerror or exc}") from exc
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = None


def _read_holder(fd: int) -> str:
    try:
        return os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
    except OSError:
        return ""


def _storage_error(path: Path, exc: sqlite3.Error) -> InputError:
    text = str(exc)
    if "full" in text:
        hint = "the disk is full: free space, then run again with --resume"
    elif "readonly" in text or "read-only" in text:
        hint = "the output folder is read-only: give a writable one"
    else:
        hint = "give another output folder"
    return InputError(f"{path}: cannot write the results database ({text}); {hint}")


class ResultsStore:
    """The writable results database of one batch; use as a context manager.

    Opening takes the lock (refusing when another batch holds it), creates the tables and
    checks the schema version; every write is one transaction.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock = _Lock(self.path.with_name(self.path.name + ".lock"))
        self._conn: sqlite3.Connection | None = None

    def __enter__(self) -> "ResultsStore":
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def conn(self) -> sqlite3.Connection:
        """Return the open connection (raises if the store is closed)."""
        if self._conn is None:
            raise RuntimeError("the results store is not open")
        return self._conn

    def open(self) -> None:
        """Lock, connect and create the schema; raise InputError with a one-line reason."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot create the output folder {self.path.parent}: {exc.strerror or exc}") from exc
        self._lock.acquire()
        try:
            conn = sqlite3.connect(str(self.path), timeout=_BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as exc:
            self._lock.release()
            raise _storage_error(self.path, exc) from exc
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            # WAL + NORMAL: a crash or kill loses at most the last commits, never corrupts the file
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.executescript(SCHEMA)
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if row is None:
                conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
            elif row[0] != SCHEMA_VERSION:
                raise InputError(
                    f"{self.path}: results database of schema version {row[0]}, this treaty-align "
                    f"writes version {SCHEMA_VERSION}; give another output folder"
                )
        except sqlite3.DatabaseError as exc:
            conn.close()
            self._lock.release()
            if "not a database" in str(exc) or "malformed" in str(exc):
                raise InputError(f"{self.path}: not a treaty-align results database ({exc})") from exc
            raise _storage_error(self.path, exc) from exc
        except InputError:
            conn.close()
            self._lock.release()
            raise
        self._conn = conn

    def close(self) -> None:
        """Checkpoint the WAL into the main file, close and release the lock."""
        if self._conn is not None:
            try:
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error:
                pass  # a full disk: the WAL stays beside the file and is replayed on next open
            self._conn.close()
            self._conn = None
        self._lock.release()

    # -- runs ---------------------------------------------------------------------------------

    def start_run(self, source: str, options: dict[str, Any], package_version: str,
                  executor: str, jobs: int) -> int:
        """Record the start of a run and return its id."""
        with self._transaction() as conn:
            cur = conn.execute(
                "INSERT INTO runs (started_at, status, source, options, package_version, executor, "
                "jobs, host, pid) VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?)",
                (now_utc(), source, json.dumps(options, sort_keys=True), package_version, executor,
                 jobs, socket.gethostname(), os.getpid()),
            )
            return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, status: str, done: int, failed: int, skipped: int) -> None:
        """Record how run ``run_id`` ended (``finished``, ``interrupted`` or ``aborted``)."""
        with self._transaction() as conn:
            conn.execute(
                "UPDATE runs SET finished_at = ?, status = ?, done = ?, failed = ?, skipped = ? "
                "WHERE run_id = ?", (now_utc(), status, done, failed, skipped, run_id),
            )

    # -- documents ----------------------------------------------------------------------------

    def known(self) -> dict[str, tuple[str, str]]:
        """Return ``{doc_id: (status, input_key)}`` of every stored document."""
        rows = self.conn.execute("SELECT doc_id, status, input_key FROM documents").fetchall()
        return {doc_id: (status, key) for doc_id, status, key in rows}

    def save(self, outcome: Any, *, input_key: str, input_hashes: dict[str, str],
             paths: Sequence[str], reports: dict[str, str], attempts: int, run_id: int) -> None:
        """Replace every row of ``outcome.doc_id`` by the outcome's rows, in one transaction."""
        counts = {s: 0 for s in ("major", "minor", "info")}
        for row in outcome.findings:
            counts[row[6]] = counts.get(row[6], 0) + 1
        doc = outcome.doc_id
        with self._transaction() as conn:
            for table in DOCUMENT_TABLES:
                conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc,))
            conn.execute(
                "INSERT INTO documents (doc_id, status, error, input_key, input_hashes, paths, "
                "languages, authority, signature, warnings, n_records, n_low_confidence, "
                "n_findings, n_major, n_minor, n_info, reports, seconds, peak_rss_mb, worker, "
                "attempts, run_id, finished_at) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc, outcome.status, outcome.error, input_key,
                 json.dumps(input_hashes, sort_keys=True), json.dumps(list(paths), ensure_ascii=False),
                 ",".join(outcome.languages) or None, outcome.authority,
                 json.dumps(outcome.signature, sort_keys=True, ensure_ascii=False) if outcome.signature else None,
                 json.dumps(list(outcome.warnings), ensure_ascii=False),
                 len(outcome.records), sum(r[5] for r in outcome.records), len(outcome.findings),
                 counts["major"], counts["minor"], counts["info"],
                 json.dumps(reports, sort_keys=True), outcome.seconds, outcome.peak_rss_mb,
                 outcome.worker, attempts, run_id, now_utc()),
            )
            conn.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             [(doc, *r) for r in outcome.records])
            conn.executemany("INSERT INTO record_texts VALUES (?, ?, ?, ?, ?, ?)",
                             [(doc, *r) for r in outcome.record_texts])
            conn.executemany("INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             [(doc, *r) for r in outcome.findings])
            conn.executemany("INSERT INTO evidence VALUES (?, ?, ?, ?, ?, ?, ?)",
                             [(doc, *r) for r in outcome.evidence])

    def _transaction(self) -> "_Transaction":
        return _Transaction(self)


class _Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``; rolled back on any error, storage errors made one line."""

    def __init__(self, store: ResultsStore) -> None:
        self.store = store

    def __enter__(self) -> sqlite3.Connection:
        try:
            self.store.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _storage_error(self.store.path, exc) from exc
        return self.store.conn

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> bool:
        conn = self.store.conn
        if exc_type is None:
            try:
                conn.execute("COMMIT")
                return False
            except sqlite3.Error as error:
                _rollback(conn)
                raise _storage_error(self.store.path, error) from error
        _rollback(conn)
        if isinstance(exc, sqlite3.Error):
            raise _storage_error(self.store.path, exc) from exc
        return False


def _rollback(conn: sqlite3.Connection) -> None:
    try:
        conn.execute("ROLLBACK")
    except sqlite3.Error:
        pass  # SQLite already rolled back (e.g. after SQLITE_FULL)


def connect_readonly(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """Return a read-only connection to a results database (a batch may be writing it)."""
    db = database_path(path)
    if not db.is_file():
        raise InputError(f"{db}: no results database here; run treaty-align batch first")
    uri = db.resolve().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=_BUSY_TIMEOUT_MS / 1000)
        version = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise InputError(f"{db}: not a treaty-align results database ({exc})") from exc
    if version is None or version[0] != SCHEMA_VERSION:
        conn.close()
        raise InputError(f"{db}: results database of another schema version ({version and version[0]})")
    return conn

