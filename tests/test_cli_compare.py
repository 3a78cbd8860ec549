"""`treaty-align compare`: the main command, byte-identical JSON, exit codes, atomic output."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import AZ_PATH, KK_PATH, RU_SYNTHETIC


def _run(*args: str, cache) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "treaty_align.cli", "compare", *args, "--cache-dir", str(cache)],
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("embcache")


def test_bundled_treaty_json_is_byte_identical(tmp_path, cache):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert _run("--format", "json", "-o", str(a), cache=cache).returncode in (0, 1)
    assert _run("--format", "json", "-o", str(b), "--no-cache", cache=cache).returncode in (0, 1)
    assert a.read_bytes() == b.read_bytes()
    data = json.loads(a.read_text(encoding="utf-8"))
    assert data["languages"] == ["kk", "az"]
    assert data["encoder"] == "e5-small"
    assert data["signature"]["treaty_align"]
    record = next(r for r in data["alignments"] if r["id"] == "art10.p4")
    assert list(record)[:3] == ["id", "block", "article"]
    assert record["segments"]["kk"][0]["line"] == 195 and record["segments"]["az"][0]["line"] == 173
    assert "divergences" in record


def test_table_is_default(cache):
    proc = _run(str(KK_PATH), str(AZ_PATH), cache=cache)
    assert proc.returncode == 0
    assert "art10.p4" in proc.stdout


@pytest.mark.parametrize("args,message", [
    (["only-one.txt"], "give two or three language versions in any order"),
    ([str(KK_PATH), str(AZ_PATH), str(KK_PATH), str(AZ_PATH)], "not 4"),
    ([str(KK_PATH), str(KK_PATH)], "are both in 'kk'"),
    ([str(KK_PATH), "/nonexistent/file.txt"], "no such file"),
    ([str(KK_PATH), str(AZ_PATH), "--ru", str(KK_PATH)], "looks like kk"),
    ([str(KK_PATH), str(AZ_PATH), "--authority", "ru"], "no ru version given"),
    ([str(KK_PATH), str(AZ_PATH), "--encoder", "bogus"], "unknown encoder"),
    ([str(KK_PATH), str(AZ_PATH), "-o", "/nonexistent-dir/out.json"], ""),
])
def test_errors_exit_2_with_one_line(args, message, cache):
    proc = _run(*args, cache=cache)
    assert proc.returncode == 2, proc.stderr
    err = [ln for ln in proc.stderr.splitlines() if not ln.startswith("treaty-align: warning:")]
    assert len(err) == 1 and message in err[0] and "Traceback" not in proc.stderr


def test_failed_run_leaves_no_output_file(tmp_path, cache):
    out = tmp_path / "report.json"
    proc = _run(str(KK_PATH), str(KK_PATH), "-o", str(out), cache=cache)
    assert proc.returncode == 2
    assert not out.exists()


def test_three_way_with_synthetic_russian_pivot(tmp_path, cache):
    # the Russian text here is SYNTHETIC and unrelated: the tool must refuse, not align nonsense
    proc = _run(str(KK_PATH), str(AZ_PATH), "--ru", str(RU_SYNTHETIC), cache=cache)
    assert proc.returncode == 2
    assert "do not look like versions of the same treaty" in proc.stderr


def test_stanza_backend_without_models_says_so_in_one_line(cache, tmp_path, monkeypatch):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "no-models"))
    proc = _run("--morphology", "stanza", "--format", "json", "-o", str(tmp_path / "r.json"), cache=cache)
    assert proc.returncode == 0
    notices = [ln for ln in proc.stderr.splitlines() if "stanza:" in ln]
    assert notices and all("using the lexicon-and-suffix rules" in ln for ln in notices)
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["signature"]["morphology"] == "stanza"


def test_empty_checks_list_is_an_error(cache):
    proc = _run("--checks", ",", cache=cache)
    assert proc.returncode == 2 and "--checks names no check" in proc.stderr


def test_update_baseline_accepts_current_findings(tmp_path, cache):
    baseline = tmp_path / "baseline.json"
    proc = _run("--baseline", str(baseline), "--update-baseline", "--fail-on", "info", cache=cache)
    assert proc.returncode == 0 and baseline.exists()
    assert "written: " in proc.stderr and "findings (new baseline)" in proc.stderr
    again = _run("--baseline", str(baseline), "--fail-on", "info", "--format", "json", cache=cache)
    assert again.returncode == 0
    # a baselined report says that findings are hidden, so it never looks clean by accident
    assert any("recorded in the baseline" in w for w in json.loads(again.stdout)["warnings"])
    without = _run("--fail-on", "major", cache=cache)
    assert without.returncode == 1
    assert "finding(s) at or above 'major'" in without.stderr


def test_review_decisions_in_the_baseline_are_applied_and_kept(tmp_path, cache):
    baseline = tmp_path / "baseline.json"
    assert _run("--encoder", "lexical", "--baseline", str(baseline), "--update-baseline", cache=cache).returncode == 0
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert data["version"] == 2 and data["decisions"] == {}
    ids = [d["id"] for d in data["divergences"]]
    assert len(ids) >= 2
    # a translator accepts one finding and rejects another, leaving the rest baselined
    accepted, rejected = ids[0], ids[1]
    data["decisions"] = {accepted: {"status": "accepted", "note": "the usual rendering"},
                         rejected: {"status": "rejected", "note": "a real error", "by": "T"}}
    baseline.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    proc = _run("--encoder", "lexical", "--baseline", str(baseline), "--format", "json", "--fail-on", "info",
                cache=cache)
    report = json.loads(proc.stdout)
    shown = {d["id"]: d["decision"] for a in report["alignments"] for d in a["divergences"]}
    assert set(shown) == {accepted, rejected}
    assert shown[accepted] == {"status": "accepted", "note": "the usual rendering"}
    assert shown[rejected]["status"] == "rejected"
    assert proc.returncode == 1  # the rejected finding still fails the gate
    # ... and it alone is counted as failing: the accepted one never fails
    assert "treaty-align: 1 finding(s) at or above 'info'" in proc.stderr
    assert report["summary"]["decisions"] == {"accepted": 1, "rejected": 1, "open": 0}
    assert report["summary"]["baselined"] == len(ids) - 2
    # every finding carries its citation in each document's style and a confidence
    some = next(d for a in report["alignments"] for d in a["divergences"])
    assert some["citation"]["en"] and 0 < some["confidence"] <= 1
    # updating the baseline keeps the translator's decisions
    assert _run("--encoder", "lexical", "--baseline", str(baseline), "--update-baseline", cache=cache).returncode == 0
    kept = json.loads(baseline.read_text(encoding="utf-8"))["decisions"]
    assert kept[accepted]["note"] == "the usual rendering" and kept[rejected]["by"] == "T"
