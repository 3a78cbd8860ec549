"""The HTML report in a real headless Chromium: the script runs (under the report's own CSP),
the texts are shown, and a screenshot is produced.

Needs Debian's ``chromium`` package (``apt-get install chromium``); skipped without it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from treaty_align.baseline import Baseline, apply_baseline, gate, read_baseline
from treaty_align.model import Decision
from treaty_align.report import render, write_atomic

CHROMIUM = next(
    (p for p in (shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium") if p and Path(p).is_file()),
    None,
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)"
)


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def report_file(tmp_path, comparison) -> Path:
    path = tmp_path / "report.html"
    write_atomic(path, render(comparison, "html"))
    return path


def test_dom_after_script_ran(tmp_path, report_file):
    result = _chromium(tmp_path, "--dump-dom", report_file.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    # the inline script ran under the Content-Security-Policy: it marked <html> and filled in
    # the status line
    assert re.search(r'<html[^>]*class="[^"]*\bjs\b', dom), dom[:500]
    assert "5 of 5 findings · 7 of 7 records shown" in dom
    # the texts of all three versions are in the rendered document
    for words in ("жазбаша хабардар етеді", "ərzində bir-birini", "письменно уведомляют друг друга"):
        assert words in dom
    assert "30 күн</mark>" in dom
    # the injected markup stayed text: no script element besides ours, no alert markup
    assert dom.count("<script") == 1
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom


def test_filters_preset_from_the_address(tmp_path, report_file):
    url = report_file.as_uri() + "?severity=major&show=flagged"
    result = _chromium(tmp_path, "--dump-dom", url)
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    assert "2 of 5 findings · 2 of 7 records shown" in dom
    rows = re.findall(r'<tr class="record[^"]*" id="([^"]+)"( hidden="")?', dom)
    assert [rid for rid, hidden in rows if not hidden] == ["rec-art1.p1", "rec-art2.p2"]
    # the minor finding's quote is no longer highlighted; the major one still is
    assert '<mark class="off" data-findings="f2">міндетті</mark>' in dom
    assert '<mark class="sev-major" data-findings="f1">30 күн</mark>' in dom
    # sections without a visible record are hidden
    assert re.search(r'<section class="article" id="art-3" hidden=""', dom)


def test_screenshot(tmp_path, report_file):
    png = tmp_path / "report.png"
    result = _chromium(
        tmp_path, "--window-size=1400,2000", f"--screenshot={png}", report_file.as_uri()
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert png.is_file() and png.stat().st_size > 10_000
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _wait_for_file(folder: Path, name: str, timeout: float = 20) -> Path:
    target = folder / name
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if target.is_file() and target.stat().st_size and not list(folder.glob("*.crdownload")):
            return target
        time.sleep(0.1)
    raise TimeoutError(f"no {name} in {folder}: {sorted(p.name for p in folder.iterdir())}")


def test_review_decisions_made_in_the_browser_round_trip_through_the_baseline(tmp_path, comparison):
    pytest.importorskip("websocket", reason="websocket-client is needed to drive the browser")
    from tests.report.cdp import Browser

    # the report is made with a baseline that already hides one finding and accepts another
    start = apply_baseline(comparison, Baseline(
        frozenset({"d-structure-0004"}), {"d-quality-0005": Decision("accepted", "cosmetic only", "", "2026-11-30")}))
    report = tmp_path / "report.html"
    write_atomic(report, render(start, "html"))
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser = Browser(str(CHROMIUM), tmp_path / "cdp-profile", report.as_uri())
    try:
        browser.allow_downloads(downloads)
        browser.wait_for("document.documentElement.classList.contains('js')")
        assert browser.evaluate("document.getElementById('decided').textContent") == \
            "1 accepted · 0 rejected · 3 open"
        # hide the low-confidence findings: the status says how many it hides
        browser.evaluate("""(function () {
            var box = document.querySelector("input[name='hide-unsure']");
            box.click(); return box.checked; })()""")
        assert browser.evaluate("document.getElementById('shown').textContent") == \
            "3 of 4 findings · 7 of 7 records shown · 1 low-confidence hidden"
        assert browser.evaluate("document.querySelector(\"li.finding[data-fid='d-semantic-0003']\").hidden")
        # a translator fills in the name, accepts one finding with a note and rejects another
        browser.evaluate("""(function () {
            var by = document.querySelector("#review input[name='by']");
            by.value = "Reviewer A";
            function finding(id) { return document.querySelector("li.finding[data-fid='" + id + "']"); }
            var f = finding("d-markers-0002");
            f.querySelector("button.accept").click();
            var note = f.querySelector("input.note");
            note.value = "the Kazakh wording is the usual rendering";
            note.dispatchEvent(new Event("input"));
            var g = finding("d-numbers-0001");
            g.querySelector("button.reject").click();
            var gn = g.querySelector("input.note");
            gn.value = "a real error, fixed in the next version";
            gn.dispatchEvent(new Event("input"));
            document.getElementById("save-decisions").click();
            return true; })()""")
        assert browser.evaluate("document.getElementById('decided').textContent") == \
            "2 accepted · 1 rejected · 1 open"
        assert browser.evaluate(
            "document.querySelector(\"li.finding[data-fid='d-markers-0002'] button.accept\")"
            ".getAttribute('aria-pressed')") == "true"
        saved = _wait_for_file(downloads, "treaty-align-baseline.json")
    finally:
        browser.close()

    # the downloaded file is a baseline treaty-align reads, with every decision in it
    loaded = read_baseline(saved)
    today = loaded.decisions["d-markers-0002"].date
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", today)
    assert loaded.decisions == {
        "d-markers-0002": Decision("accepted", "the Kazakh wording is the usual rendering", "Reviewer A", today),
        "d-numbers-0001": Decision("rejected", "a real error, fixed in the next version", "Reviewer A", today),
        "d-quality-0005": Decision("accepted", "cosmetic only", "", "2026-11-30"),
    }
    assert loaded.ids == frozenset({"d-structure-0004"})
    # the same layout treaty-align writes: the findings the baseline hid, then the decisions by id
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert list(data) == ["version", "tool", "divergences", "decisions"]
    assert data["version"] == 2 and data["divergences"] == [{"id": "d-structure-0004"}]
    assert list(data["decisions"]) == sorted(data["decisions"])
    assert list(data["decisions"]["d-markers-0002"]) == ["status", "note", "by", "date"]

    # applied on the next run, the decisions show in the report and the gate
    again = apply_baseline(comparison, loaded)
    assert {d.id: d.decision.status for d in again.divergences if d.decision} == {
        "d-markers-0002": "accepted", "d-numbers-0001": "rejected", "d-quality-0005": "accepted"}
    assert gate(again, "major") == 1  # the rejected major still fails
    html = render(again, "html")
    assert 'data-fid="d-markers-0002"' in html and "Accepted (Reviewer A, " in html
    assert "Rejected (Reviewer A, " in html
