"""The HTML report in a real headless Chromium: the script runs (under the report's own CSP),
the texts are shown, and a screenshot is produced.

Needs Debian's ``chromium`` package (``apt-get install chromium``); skipped without it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

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
