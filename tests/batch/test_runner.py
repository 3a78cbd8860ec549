"""A batch end to end on small synthetic collections (lexical encoder): database, resume, gate."""

from __future__ import annotations

from contextlib import closing

import sqlite3
from pathlib import Path

import pytest

import treaty_align
from tests.batch.conftest import make_collection, write_act
from treaty_align.batch import BatchOptions, CompareOptions, run_batch
from treaty_align.batch.store import DB_NAME


def options(cache_dir: str, **kw) -> BatchOptions:
    return BatchOptions(compare=CompareOptions(encoder="lexical", cache_dir=cache_dir), jobs=kw.pop("jobs", 2), **kw)


def rows(db: Path, table: str) -> int:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


@pytest.fixture
def first_run(collection, tmp_path, cache_dir):
    out = tmp_path / "out"
    return out, run_batch(collection, out, options(cache_dir))


def test_every_document_is_stored_and_a_bad_one_is_recorded_with_its_error(first_run):
    out, summary = first_run
    assert (summary.total, summary.done, summary.failed, summary.skipped) == (3, 2, 1, 0)
    assert summary.failed_ids == ["act-02"] and summary.exit_code == 2
    results = treaty_align.open_results(out)
    docs = results.documents.set_index("doc_id")
    assert docs.loc["act-02", "status"] == "failed"
    assert docs.loc["act-02", "error"] == "1 version file (kk.md): an act needs two or three language versions"
    assert docs.loc["act-00", "status"] == "done" and docs.loc["act-00", "languages"] == "kk,az"  # canonical order, not file names; ru would lead
    assert docs.loc["act-00", "n_major"] == 0 and docs.loc["act-01", "n_major"] == 1
    assert docs.loc["act-00", "peak_rss_mb"] > 0 and docs.loc["act-00", "attempts"] == 1


def test_findings_and_records_frames_hold_the_planted_difference(first_run):
    out, _ = first_run
    results = treaty_align.open_results(out / DB_NAME)
    # the fixture's own findings (a typo the quality check notes, info) are in both acts alike
    major = results.findings[results.findings.severity == "major"]
    assert len(major) == 1
    finding = major.iloc[0]
    assert (finding.doc_id, finding.kind, finding.severity, finding.record_id) == ("act-01", "numbers", "major", "art2.p2")
    assert "39" in finding.message and "32" in finding.message
    assert sorted(finding.lines.split(", ")) == ["az:21", "kk:21"]
    records = results.records
    assert set(records.doc_id) == {"act-00", "act-01"}
    row = records[(records.doc_id == "act-01") & (records.record_id == "art2.p2")].iloc[0]
    assert "32" in row.text_kk and "39" in row.text_az and row.max_severity == "major"
    assert (results.findings.severity >= "minor").tolist() == (results.findings.severity != "info").tolist()


def test_reports_and_the_collection_page_are_written_beside_the_database(first_run):
    out, _ = first_run
    assert sorted(p.name for p in (out / "reports").iterdir()) == ["act-00.html", "act-01.html"]
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="reports/act-01.html">act-01</a>' in page
    assert "3 documents: 2 done, 1 failed" in page
    assert "an act needs two or three language versions" in page
    report = treaty_align.open_results(out).documents.set_index("doc_id").loc["act-01", "report"]
    assert Path(report) == out / "reports" / "act-01.html"


def test_resume_skips_what_is_done_and_duplicates_nothing(first_run, collection, cache_dir):
    out, _ = first_run
    db = out / DB_NAME
    before = {t: rows(db, t) for t in ("documents", "records", "findings", "evidence", "record_texts")}
    again = run_batch(collection, out, options(cache_dir, resume=True))
    # the failed document is tried again (its input may have been fixed); the done ones are not
    assert (again.skipped, again.done, again.failed) == (2, 0, 1)
    assert {t: rows(db, t) for t in before} == before
    # fix the broken act and change one version of another: only those two run
    write_act(collection / "act-02", 60)
    kk = collection / "act-00" / "kk.md"
    kk.write_text(kk.read_text(encoding="utf-8").replace("31", "41"), encoding="utf-8")
    third = run_batch(collection, out, options(cache_dir, resume=True))
    assert (third.skipped, third.done, third.failed) == (1, 2, 0)
    results = treaty_align.open_results(out)
    assert list(results.documents.status) == ["done", "done", "done"]
    numbers = results.findings[results.findings.kind == "numbers"]
    assert numbers.doc_id.value_counts().to_dict() == {"act-00": 1, "act-01": 1}
    assert rows(db, "documents") == 3 and rows(db, "runs") == 3


def test_other_options_are_not_taken_for_done(first_run, collection, cache_dir):
    out, _ = first_run
    changed = BatchOptions(compare=CompareOptions(encoder="lexical", cache_dir=cache_dir,
                                                  checks=("numbers",)), jobs=1, resume=True)
    summary = run_batch(collection, out, changed)
    assert (summary.skipped, summary.done) == (0, 2)


def test_fail_on_gates_the_whole_collection(tmp_path, cache_dir):
    source = make_collection(tmp_path / "c", 3, planted=(2,))
    summary = run_batch(source, tmp_path / "out", options(cache_dir, fail_on="major", jobs=1))
    assert summary.gated == {"act-02": 1} and summary.exit_code == 1
    clean = make_collection(tmp_path / "clean", 2)
    assert run_batch(clean, tmp_path / "out2", options(cache_dir, fail_on="minor", jobs=1)).exit_code == 0


def test_manifest_authority_resolves_findings(tmp_path, cache_dir):
    make_collection(tmp_path / "c", 2, planted=(1,))
    manifest = tmp_path / "acts.csv"
    manifest.write_text("id,paths,authority\nx,c/act-01/kk.md;c/act-01/az.md,kk\n", encoding="utf-8")
    run_batch(manifest, tmp_path / "out", options(cache_dir, jobs=1))
    findings = treaty_align.open_results(tmp_path / "out").findings
    finding = findings[findings.kind == "numbers"].iloc[0]
    assert finding.resolution_authority == "kk" and finding.resolution_differs == "az"


def test_open_results_refuses_a_folder_without_results(tmp_path):
    from treaty_align.errors import InputError

    with pytest.raises(InputError, match="no results database here"):
        treaty_align.open_results(tmp_path)
    (tmp_path / DB_NAME).write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(InputError, match="not a treaty-align results database"):
        treaty_align.open_results(tmp_path)


def test_each_pool_worker_gets_its_share_of_the_cpus(monkeypatch):
    import os

    from treaty_align.batch.executors import THREADS_VARIABLE, ProcessExecutor, threads_per_worker

    cpus = len(os.sched_getaffinity(0))
    assert threads_per_worker(1) == cpus
    assert threads_per_worker(cpus) == 1 and threads_per_worker(4 * cpus) == 1
    monkeypatch.delenv(THREADS_VARIABLE, raising=False)
    pool = ProcessExecutor(2)._pool()
    try:
        assert pool.submit(os.getenv, THREADS_VARIABLE).result() == str(max(1, cpus // 2))
    finally:
        pool.shutdown()
    # a cap the user set is kept
    monkeypatch.setenv(THREADS_VARIABLE, "3")
    pool = ProcessExecutor(2)._pool()
    try:
        assert pool.submit(os.getenv, THREADS_VARIABLE).result() == "3"
    finally:
        pool.shutdown()
