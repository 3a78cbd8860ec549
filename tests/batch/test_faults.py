"""Faults of a batch: a worker killed, the batch killed, an unusable output folder, two batches."""

from __future__ import annotations

from contextlib import closing

import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import treaty_align
from tests.batch.conftest import make_collection
from treaty_align.batch import BatchOptions, CompareOptions, run_batch
from treaty_align.batch.store import DB_NAME, ResultsStore
from treaty_align.errors import InputError


class KillAWorker:
    """A progress sink that SIGKILLs one live worker process when the first document is stored."""

    def __init__(self) -> None:
        self.killed: list[int] = []

    def start(self, pending: int, skipped: int) -> None:
        pass

    def finished(self, outcome) -> None:
        if not self.killed:
            workers = [p for p in multiprocessing.active_children() if p.is_alive()]
            assert workers, "no worker process to kill"
            os.kill(workers[0].pid, signal.SIGKILL)
            self.killed.append(workers[0].pid)

    def close(self) -> None:
        pass


def _options(cache_dir, **kw) -> BatchOptions:
    return BatchOptions(compare=CompareOptions(encoder="lexical", cache_dir=cache_dir), jobs=2, **kw)


def test_a_killed_worker_loses_no_document(tmp_path, cache_dir):
    source = make_collection(tmp_path / "c", 6, planted=(4,))
    killer = KillAWorker()
    summary = run_batch(source, tmp_path / "out", _options(cache_dir), progress=killer)
    assert killer.killed
    assert (summary.done, summary.failed) == (6, 0)
    docs = treaty_align.open_results(tmp_path / "out").documents
    assert list(docs.status) == ["done"] * 6
    assert docs.attempts.max() == 2  # the document(s) in flight when the pool broke ran again
    assert len(set(docs.worker)) >= 3  # the rebuilt pool has new worker processes


def test_a_document_whose_worker_keeps_dying_is_recorded_failed(tmp_path, cache_dir):
    source = make_collection(tmp_path / "c", 4)
    summary = run_batch(source, tmp_path / "out", _options(cache_dir, max_attempts=1), progress=KillAWorker())
    assert summary.failed >= 1 and summary.done + summary.failed == 4 and summary.exit_code == 2
    docs = treaty_align.open_results(tmp_path / "out").documents
    failed = docs[docs.status == "failed"]
    assert failed.error.str.startswith("the worker process died while comparing it").all()
    # resumed, the failed documents run again and the collection completes
    again = run_batch(source, tmp_path / "out", _options(cache_dir, resume=True))
    assert (again.skipped, again.done, again.failed) == (4 - summary.failed, summary.failed, 0)


def _done(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with closing(sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            return conn.execute("SELECT COUNT(*) FROM documents WHERE status = 'done'").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def _cli(*args: str, cache_dir: str) -> list[str]:
    return [sys.executable, "-m", "treaty_align.cli", "batch", *args, "--encoder", "lexical",
            "--cache-dir", cache_dir, "-q"]


def test_a_killed_batch_resumes_without_duplicates(tmp_path, cache_dir):
    source = make_collection(tmp_path / "c", 8, planted=(6,))
    out = tmp_path / "out"
    db = out / DB_NAME
    proc = subprocess.Popen(_cli(str(source), "-o", str(out), "-j", "1", cache_dir=cache_dir),
                            start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while _done(db) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the coordinator and its workers, mid-run
    proc.wait()
    stored = _done(db)
    assert 2 <= stored < 8, f"the batch was not killed mid-run ({stored} done)"
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    resumed = subprocess.run(_cli(str(source), "-o", str(out), "-j", "2", "--resume", cache_dir=cache_dir),
                             capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert f"8 document(s): {8 - stored} done, 0 failed, {stored} skipped" in resumed.stdout
    results = treaty_align.open_results(out)
    assert list(results.documents.doc_id) == [f"act-{i:02d}" for i in range(8)]
    numbers = results.findings[results.findings.kind == "numbers"]
    assert numbers.doc_id.tolist() == ["act-06"]
    assert results.records.groupby("doc_id").size().nunique() == 1  # each act stored once


def _mount_tmpfs(target: Path, *options: str) -> bool:
    target.mkdir()
    if os.geteuid() != 0:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join(("size=512k",) + options), "tmpfs", str(target)],
                          capture_output=True)
    return done.returncode == 0


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder nothing can be written into: a read-only tmpfs as root, a 0555 folder otherwise."""
    target = tmp_path / "ro"
    if os.geteuid() == 0:
        if not _mount_tmpfs(target, "ro"):
            pytest.skip("running as root and cannot mount a read-only tmpfs")
        yield target
        subprocess.run(["umount", "-l", str(target)], check=True)
    else:
        target.mkdir()
        target.chmod(0o555)
        yield target
        target.chmod(0o755)


def test_a_read_only_output_folder_is_a_clear_error(tmp_path, cache_dir, read_only_folder):
    source = make_collection(tmp_path / "c", 2)
    done = subprocess.run(_cli(str(source), "-o", str(read_only_folder / "out"), cache_dir=cache_dir),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.startswith("treaty-align: error: cannot create the output folder")
    assert "Read-only file system" in done.stderr or "Permission denied" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert list(read_only_folder.iterdir()) == []


@pytest.fixture
def full_folder(tmp_path):
    """A 512 KiB tmpfs (root only), soon full."""
    target = tmp_path / "small"
    if not _mount_tmpfs(target):
        pytest.skip("needs root and tmpfs to make a small file system")
    yield target
    subprocess.run(["umount", "-l", str(target)], check=True)


def test_a_full_output_folder_stops_with_a_clear_error_and_nothing_half_written(tmp_path, cache_dir, full_folder):
    source = make_collection(tmp_path / "c", 12)
    out = full_folder / "out"
    done = subprocess.run(_cli(str(source), "-o", str(out), "-j", "1", "--reports", "html,json",
                               cache_dir=cache_dir), capture_output=True, text=True, timeout=300)
    assert done.returncode == 2
    error = done.stderr.strip().splitlines()[-1]
    assert error.startswith("treaty-align: error: ") and ("No space left" in error or "full" in error), error
    # no temporary report left, every stored document has its complete reports
    leftovers = [p.name for p in (out / "reports").iterdir() if p.name.startswith(".")]
    assert leftovers == []
    with closing(sqlite3.connect(out / DB_NAME)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = [r[0] for r in conn.execute("SELECT doc_id FROM documents WHERE status = 'done'")]
    assert len(stored) < 12
    for doc in stored:
        assert (out / "reports" / f"{doc}.html").read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_a_second_batch_on_the_same_database_refuses(tmp_path, cache_dir):
    source = make_collection(tmp_path / "c", 1)
    out = tmp_path / "out"
    with ResultsStore(out / DB_NAME):
        done = subprocess.run(_cli(str(source), "-o", str(out), cache_dir=cache_dir),
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 2
        assert "another batch is writing to this database" in done.stderr
        assert f"pid {os.getpid()}" in done.stderr
        with pytest.raises(InputError, match="another batch is writing"):
            run_batch(source, out, _options(cache_dir))
    # once the first one has finished, the database is free again
    assert run_batch(source, out, _options(cache_dir)).exit_code == 0


def test_scratch_folders_of_killed_workers_are_swept_and_live_ones_kept(tmp_path):
    from treaty_align.batch.worker import SCRATCH_PREFIX, sweep_stale_scratch

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = tmp_path / f"{SCRATCH_PREFIX}{dead.pid}-abc"
    live = tmp_path / f"{SCRATCH_PREFIX}{os.getpid()}-def"
    fresh = tmp_path / f"{SCRATCH_PREFIX}{dead.pid}-ghi"
    other = tmp_path / "someone-elses-folder"
    for folder in (left, live, fresh, other):
        folder.mkdir()
        (folder / "kk.md").write_text("x", encoding="utf-8")
    old = time.time() - 3600
    for folder in (left, live, other):
        os.utime(folder, (old, old))

    assert sweep_stale_scratch(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, fresh.name, other.name])
