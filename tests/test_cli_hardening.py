"""The command line on bad paths, baselines, signals, long runs and narrow terminals (issue #11)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from tests.conftest import AZ_PATH, KK_PATH
from treaty_align import cli, pipeline


@pytest.fixture(scope="module")
def bundled_comparison():
    return pipeline.compare_treaties(KK_PATH, AZ_PATH, encoder="lexical", use_cache=False)


@pytest.fixture
def fake_compare(monkeypatch, bundled_comparison):
    """compare_treaties replaced by the precomputed bundled comparison; counts its calls."""
    calls = []

    def fake(*args, **kwargs):
        calls.append((args, kwargs))
        return bundled_comparison

    monkeypatch.setattr(pipeline, "compare_treaties", fake)
    return calls


@pytest.fixture
def no_compare(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the comparison ran although an option was bad")

    monkeypatch.setattr(pipeline, "compare_treaties", refuse)


def run(capsys, *argv):
    code = cli.main(["compare", *argv])
    out, err = capsys.readouterr()
    return code, out, err


# -- 5: a baseline holds whatever the argument order and the pivot ------------------------------


def test_a_baseline_written_for_kk_az_hides_the_same_findings_for_az_kk_and_another_pivot(tmp_path, capsys):
    # a planted change ('45 gün' -> '75 gün') adds a major numbers finding to the bundled ones
    az = tmp_path / "az.md"
    az.write_text(AZ_PATH.read_text(encoding="utf-8").replace("45 gün", "75 gün"), encoding="utf-8")
    baseline = tmp_path / "b.json"
    code, _, err = run(capsys, str(KK_PATH), str(az), "--encoder", "lexical", "--baseline", str(baseline),
                       "--update-baseline")
    assert code == 0
    recorded = json.loads(baseline.read_text(encoding="utf-8"))["divergences"]
    # the bundled findings (their number grows with the checks) and the planted one
    n = len(recorded)
    assert n >= 10 and f"treaty-align: baseline {baseline} written: {n} findings (new baseline)" in err.splitlines()
    assert ("numbers", "major", "art9.p3") in {(d["kind"], d["severity"], d["alignment_id"]) for d in recorded}
    # the other order: every finding is the recorded one
    code, out, err = run(capsys, str(az), str(KK_PATH), "--encoder", "lexical", "--baseline", str(baseline),
                         "--fail-on", "info")
    assert code == 0, err
    assert f"No divergences found ({n} hidden by the baseline)." in out
    assert "none of the" not in err


def test_a_baseline_written_with_kk_prevailing_hides_every_finding_with_az_prevailing(tmp_path, capsys):
    # the pivot of the alignment does not follow --authority, so neither do records nor ids
    baseline = tmp_path / "b.json"
    code, _, _ = run(capsys, str(KK_PATH), str(AZ_PATH), "--encoder", "lexical", "--baseline", str(baseline),
                     "--authority", "kk", "--update-baseline")
    assert code == 0
    n = len(json.loads(baseline.read_text(encoding="utf-8"))["divergences"])
    code, out, err = run(capsys, str(AZ_PATH), str(KK_PATH), "--encoder", "lexical", "--baseline", str(baseline),
                         "--authority", "az", "--fail-on", "info")
    assert code == 0, err
    assert n >= 10 and f"No divergences found ({n} hidden by the baseline)." in out


# -- 14: help texts and messages ---------------------------------------------------------------


def test_compare_help_lists_checks_formats_and_encoders(capsys):
    with pytest.raises(SystemExit):
        cli.main(["compare", "--help"])
    out = capsys.readouterr().out
    for word in ("numbers", "crossref", "terminology", "quality", "sarif", "xliff", "e5-small", "lexical", "st:"):
        assert word in out


def test_compare_help_wraps_its_description_to_the_terminal(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit):
        cli.main(["compare", "--help"])
    lines = capsys.readouterr().out.splitlines()
    start = lines.index("Align the clauses of two or three language versions and report where they")
    assert lines[start + 1] == "differ in meaning. Versions may be text, Markdown, HTML, Word .docx or PDF"
    # the description and the lists of the epilog wrapped, each entry under its own column
    # (only argparse's usage line may hold a longer token, the --format choices)
    assert all(len(line) <= 80 for line in lines[start:])
    at = lines.index("  lexical                          no model: character n-grams of a shared")
    assert lines[at + 1] == "                                   transliteration (fast)"


def test_one_finding_is_not_findings(tmp_path, capsys, monkeypatch, bundled_comparison):
    import dataclasses

    one = dataclasses.replace(bundled_comparison, alignments=tuple(
        a for a in bundled_comparison.alignments if a.id == "art10.p4"))
    assert len(one.divergences) == 1
    monkeypatch.setattr(pipeline, "compare_treaties", lambda *a, **k: one)
    out = tmp_path / "r.json"
    _, _, err = run(capsys, "--format", "json", "-o", str(out))
    assert err.splitlines()[-1] == f"treaty-align: wrote {out} (json report: 1 record, 1 finding)"
    code, _, err = run(capsys, "--baseline", str(tmp_path / "b.json"), "--update-baseline")
    assert f"treaty-align: baseline {tmp_path / 'b.json'} written: 1 finding (new baseline)" in err.splitlines()


def test_parse_help_says_what_it_does_and_names_kz1048(capsys):
    with pytest.raises(SystemExit):
        cli.main(["parse", "--help"])
    out = capsys.readouterr().out
    assert "KZ-1048" in out and "print its structure" in out


def test_compare_never_suggests_lang_but_parse_does(tmp_path, capsys):
    odd = tmp_path / "odd.txt"
    odd.write_text("Бұл мәтінде бап жоқ, тек бір сөйлем бар.\n", encoding="utf-8")
    code, _, err = run(capsys, str(odd), str(AZ_PATH), "--encoder", "lexical")
    assert code == 2 and "no article headings found" in err and "--lang" not in err
    assert cli.main(["parse", str(odd)]) == 2
    assert "--lang forces a language" in capsys.readouterr().err


def test_output_file_gets_one_line_saying_what_was_written(tmp_path, capsys, fake_compare, bundled_comparison):
    out = tmp_path / "r.json"
    code, stdout, err = run(capsys, "--format", "json", "-o", str(out))
    assert code == 0 and stdout == ""
    n = len(bundled_comparison.divergences)
    records = len(bundled_comparison.alignments)
    assert err.splitlines()[-1] == f"treaty-align: wrote {out} (json report: {records} records, {n} findings)"
    assert json.loads(out.read_text(encoding="utf-8"))["languages"] == ["kk", "az"]
    run(capsys, "--format", "json", "-o", str(out), "-q")
    assert capsys.readouterr().err == ""


def test_baseline_hidden_count_and_update_summary(tmp_path, capsys, fake_compare, bundled_comparison):
    baseline = tmp_path / "b.json"
    n = len(bundled_comparison.divergences)
    code, _, err = run(capsys, "--baseline", str(baseline), "--update-baseline", "-q")
    code, _, err = run(capsys, "--baseline", str(baseline), "--update-baseline")
    assert code == 0
    assert f"baseline {baseline} written: {n} findings (0 new, 0 no longer found, {n} kept)" in err
    code, out, err = run(capsys, "--baseline", str(baseline))
    assert f"No divergences found ({n} hidden by the baseline)." in out


def test_a_baseline_matching_nothing_is_reported(tmp_path, capsys, fake_compare):
    baseline = tmp_path / "other.json"
    baseline.write_text(json.dumps({"version": 1, "tool": "treaty-align", "divergences": ["a1", "b2"]}))
    code, _, err = run(capsys, "--baseline", str(baseline))
    assert code == 0
    assert "none of the 2 findings recorded in the baseline" in err and "another treaty" in err


# -- 11: options and outputs are checked before the comparison -----------------------------------


@pytest.mark.parametrize("argv,message", [
    (["-o", "/nonexistent-dir/out.json"], "directory /nonexistent-dir does not exist"),
    (["--baseline", "/nonexistent-dir/b.json"], "does not exist (create it with --update-baseline)"),
    (["--baseline", "/nonexistent-dir/b.json", "--update-baseline"], "directory /nonexistent-dir does not exist"),
    (["--checks", "numbers,bogus"], "unknown check 'bogus'"),
])
def test_bad_outputs_and_options_fail_before_comparing(argv, message, capsys, no_compare):
    code, _, err = run(capsys, *argv)
    assert code == 2 and message in err and len(err.splitlines()) == 1


# -- 10: read-only targets, stale temporary files, signals --------------------------------------


def test_read_only_target_is_refused_unless_forced(tmp_path, capsys, fake_compare):
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o444)
    code, _, err = run(capsys, "--format", "json", "-o", str(target))
    assert code == 2 and "is read-only: not replaced (--force replaces it)" in err
    assert target.read_text(encoding="utf-8") == "old"
    code, _, _ = run(capsys, "--format", "json", "-o", str(target), "--force")
    assert code == 0 and json.loads(target.read_text(encoding="utf-8"))["languages"] == ["kk", "az"]
    assert target.stat().st_mode & 0o777 == 0o444


def test_stale_temp_files_of_our_pattern_are_swept(tmp_path):
    from treaty_align.report import write_atomic

    stale = tmp_path / ".report.html.k2j4h6g8.tmp"
    fresh = tmp_path / ".report.html.a1b2c3d4.tmp"  # a write in progress elsewhere: kept
    foreign = tmp_path / ".report.html.notours.tmp"
    for path in (stale, fresh, foreign):
        path.write_text("partial", encoding="utf-8")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    os.utime(foreign, (old, old))
    write_atomic(tmp_path / "report.html", "<html></html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [".report.html.a1b2c3d4.tmp", ".report.html.notours.tmp", "report.html"])


def test_sigterm_while_writing_leaves_no_temp_file(tmp_path):
    # the run is killed (SIGTERM) in the middle of writing its report: exit 2, nothing left over
    script = f"""
import os, signal, sys
from treaty_align import cli
real_fsync = os.fsync
def killed(fd):
    os.kill(os.getpid(), signal.SIGTERM)
    real_fsync(fd)
os.fsync = killed
sys.exit(cli.main(["parse", {str(KK_PATH)!r}, "-o", {str(tmp_path / "out.txt")!r}]))
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip() == "treaty-align: terminated (SIGTERM)"
    assert list(tmp_path.iterdir()) == []


# -- 8: warnings summarised, progress when stderr is not a terminal -----------------------------


def test_many_warnings_are_summarised(capsys, monkeypatch, bundled_comparison):
    import dataclasses

    noisy = dataclasses.replace(bundled_comparison, warnings=tuple(f"kk: odd line {i}" for i in range(40)))
    monkeypatch.setattr(pipeline, "compare_treaties", lambda *a, **k: noisy)
    code, out, err = run(capsys)
    lines = err.splitlines()
    assert lines[:5] == [f"treaty-align: warning: kk: odd line {i}" for i in range(5)]
    assert lines[5] == "treaty-align: ... and 35 more warnings (all of them are in --format json)"
    assert len(lines) == 6
    assert "odd line 4" in out and "odd line 5" not in out and "and 35 more warnings" in out


def test_progress_lines_on_a_non_terminal_and_none_with_q(monkeypatch, capsys, bundled_comparison):
    def slow(*args, progress=None, **kwargs):
        progress(10, 20)
        time.sleep(0.5)
        return bundled_comparison

    monkeypatch.setattr(pipeline, "compare_treaties", slow)
    monkeypatch.setenv("TREATY_ALIGN_PROGRESS_SECONDS", "0.1")
    _, _, err = run(capsys)
    assert "treaty-align: working, 0 s (encoded 10/20 texts)" in err.splitlines()
    monkeypatch.setattr(pipeline, "compare_treaties", lambda *a, progress=None, **k: bundled_comparison)
    _, _, err = run(capsys, "-q")
    assert err == ""


# -- 15: the terminal table ---------------------------------------------------------------------


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_table_fits_the_terminal_findings_first_records_on_request(monkeypatch, capsys, fake_compare, columns,
                                                                   bundled_comparison):
    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, _ = run(capsys)
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= columns
    records = len(bundled_comparison.alignments)
    kk, az = (len(bundled_comparison.treaties[lang].segments) for lang in ("kk", "az"))
    assert " ".join(out.split()).startswith(
        f"kk ↔ az: {records} aligned records from {kk + az} clauses (kk {kk}, az {az})")
    assert "art10.p4" in out and "art12.1" not in out  # findings only
    assert f"{records} aligned records not listed: --all shows them" in " ".join(out.split())
    code, out, _ = run(capsys, "--all")
    assert max(len(line) for line in out.splitlines()) <= columns
    assert "art12.1" in out and out.index("art10.p4") < out.index("art12.1")
    # the ratifying law's lines have no counterpart: no score, not a failing 0.00
    import re

    table = out.splitlines()
    header = next(line for line in table if line.lstrip().startswith(("ART", "RECORD")))
    cells = [re.split(r"\s{2,}", line.strip()) for line in table if line.startswith("instr")]
    score = re.split(r"\s{2,}", header.strip()).index("SCORE")
    assert len(cells) == 5 and {row[score] for row in cells} == {"—"}
    assert "0.00" not in out
