"""``treaty-align batch`` on the command line: summary, exit codes, one-line errors."""

from __future__ import annotations

import pytest

from tests.batch.conftest import make_collection
from treaty_align.cli import main


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_batch_prints_a_summary_and_exits_by_the_gate(tmp_path, capsys, cache_dir):
    source = make_collection(tmp_path / "c", 2, planted=(1,))
    out = tmp_path / "out"
    code, stdout, stderr = _run(capsys, "batch", str(source), "-o", str(out), "--encoder", "lexical",
                                "--cache-dir", cache_dir, "-j", "1", "--fail-on", "major")
    assert code == 1
    assert stdout.startswith("2 document(s): 2 done, 0 failed, 0 skipped in ")
    assert "1 finding(s) at or above 'major' in 1 document(s) (--fail-on major): exit 1" in stderr
    code, stdout, _ = _run(capsys, "batch", str(source), "-o", str(out), "--encoder", "lexical",
                           "--cache-dir", cache_dir, "--resume", "--fail-on", "major")
    assert code == 1 and "0 done, 0 failed, 2 skipped" in stdout  # the gate covers skipped ones
    code, _, _ = _run(capsys, "batch", str(source), "-o", str(out), "--encoder", "lexical",
                      "--cache-dir", cache_dir, "--resume")
    assert code == 0


def test_a_failed_document_gives_exit_2_and_its_line(tmp_path, capsys, cache_dir):
    source = make_collection(tmp_path / "c", 2, broken=(0,))
    code, _, stderr = _run(capsys, "batch", str(source), "-o", str(tmp_path / "out"), "--encoder",
                           "lexical", "--cache-dir", cache_dir, "-j", "1")
    assert code == 2
    assert "treaty-align: act-00: failed: 1 version file (kk.md)" in stderr
    assert "1 document(s) failed (act-00): exit 2" in stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing-folder"], "no such folder or manifest"),
        (["{src}", "--jobs", "0"], "--jobs must be at least 1"),
        (["{src}", "--reports", "pdf"], "--reports pdf: choose from"),
        (["{src}", "--scheduler", "tcp://h:1"], "--scheduler is for --executor dask"),
        (["{src}", "--encoder", "nope"], "unknown encoder 'nope'"),
    ],
)
def test_bad_options_are_one_line_errors(tmp_path, capsys, args, message):
    source = make_collection(tmp_path / "c", 1)
    argv = [a.replace("{src}", str(source)) for a in args]
    code, _, stderr = _run(capsys, "batch", "-j", "1", *argv, "-o", str(tmp_path / "out"))
    assert code == 2
    assert stderr.startswith("treaty-align: error: ") and message in stderr
    assert len(stderr.strip().splitlines()) == 1
