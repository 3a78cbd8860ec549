"""Standalone HTML report: well-formed, escaped, offline, navigable, filterable."""

from __future__ import annotations

import base64
import hashlib
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from tests.report.conftest import N_DIVERGENCES, N_RECORDS, build_comparison

from treaty_align.report.html import SCRIPT, highlight, render_html

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class TagChecker(HTMLParser):
    """Collects start tags and checks that every non-void element is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture
def html(comparison) -> str:
    return render_html(comparison)


@pytest.fixture
def parsed(html) -> TagChecker:
    checker = TagChecker()
    checker.feed(html)
    checker.close()
    return checker


def test_html_is_well_formed(html, parsed):
    assert html.startswith("<!DOCTYPE html>\n")
    assert parsed.errors == []
    assert parsed.stack == []
    # stricter: the document is also well-formed XML
    root = ET.fromstring(html.split("\n", 1)[1])
    assert root.tag == "html"


def test_html_is_deterministic(html):
    assert render_html(build_comparison()) == html


def test_html_escapes_injected_script(html, parsed):
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>bold</b>" not in html
    # exactly one script element: ours
    assert [t for t, _ in parsed.tags if t == "script"] == ["script"]
    assert html.count("<script") == 1
    # the injected text is shown as text
    assert any("<script>alert(1)</script>" in t for t in parsed.text)


def test_html_references_no_remote_resource(html, parsed):
    for tag, attrs in parsed.tags:
        for name in ("src", "href", "action", "data", "poster"):
            value = attrs.get(name) or ""
            assert not re.match(r"\s*(https?:)?//", value), (tag, name, value)
        if tag == "link":
            pytest.fail(f"external link element: {attrs}")
        if tag == "script":
            assert "src" not in attrs
    assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", html)
    assert "@import" not in html
    assert "http://" not in html and "https://" not in html


def test_html_csp_allows_only_the_inline_style_and_script(html):
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    for body in (style, script):
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "<" not in SCRIPT and "&" not in SCRIPT  # keeps the document well-formed XML


def test_html_lang_attributes_on_text_cells(parsed):
    cells = [a for t, a in parsed.tags if t == "td" and "text" in (a.get("class") or "").split()]
    assert {a.get("lang") for a in cells} == {"kk", "az", "ru"}
    assert len(cells) == N_RECORDS * 3
    assert ("html", {"lang": "en"}) in parsed.tags


def test_html_summary_table_and_article_anchors(html, parsed):
    assert 'id="summary"' in html
    assert '<table class="counts">' in html
    assert re.search(r"<tfoot><tr><th>All checks</th><td class=\"n\">2</td><td class=\"n\">2</td><td class=\"n\">1</td><td class=\"n\">5</td>", html)
    ids = {a.get("id") for _, a in parsed.tags if a.get("id")}
    links = [a["href"][1:] for t, a in parsed.tags if t == "a" and (a.get("href") or "").startswith("#")]
    for anchor in ("art-1", "art-2", "art-3", "sec-preamble", "sec-final"):
        assert anchor in ids and anchor in links
    assert set(links) <= ids  # every internal link has a target
    assert len(ids) == len([1 for _, a in parsed.tags if a.get("id")])  # ids are unique


def test_html_one_row_per_record_and_findings(parsed):
    rows = [a for t, a in parsed.tags if t == "tr" and "record" in (a.get("class") or "").split()]
    assert len(rows) == N_RECORDS
    low = [a for a in rows if "low" in a["class"].split()]
    assert [a["id"] for a in low] == ["rec-art2.p1"]
    findings = [a for t, a in parsed.tags if t == "li" and "finding" in (a.get("class") or "").split()]
    assert len(findings) == N_DIVERGENCES
    assert {a["data-severity"] for a in findings} == {"major", "minor", "info"}
    assert {a["data-kind"] for a in findings} == {"numbers", "markers", "semantic", "structure", "quality"}


def test_html_marks_quotes_in_clause_text(html, parsed):
    marks = [a for t, a in parsed.tags if t == "mark"]
    assert marks, "no highlighted quotes"
    finding_ids = {a["id"] for t, a in parsed.tags if t == "li" and a.get("data-severity")}
    for m in marks:
        assert set(m["data-findings"].split()) <= finding_ids
    assert '<mark class="sev-major" data-findings="f1">30 күн</mark>' in html
    assert '<mark class="sev-major" data-findings="f1">60 gün</mark>' in html
    assert '<mark class="sev-minor" data-findings="f5">&lt;script&gt;alert(1)&lt;/script&gt;</mark>' in html


def test_html_filters_and_low_confidence_badge(html):
    for sev in ("major", "minor", "info"):
        assert f'name="severity" value="{sev}" checked="checked"' in html
    for kind in ("numbers", "markers", "semantic", "structure", "quality"):
        assert f'name="check" value="{kind}"' in html
    assert "low confidence</span>" in html
    assert "no counterpart in Azerbaijani" in html
    assert "/srv/private" not in html


def test_html_of_empty_comparison(empty_comparison):
    html = render_html(empty_comparison)
    ET.fromstring(html.split("\n", 1)[1])
    assert "No aligned records." in html


def test_highlight_overlapping_and_case_insensitive():
    text = "İİ 15 il və 5 il <b>"
    out = highlight(text, [(12, 16, "f1", "minor"), (14, 16, "f2", "major")])
    assert out == (
        'İİ 15 il və <mark class="sev-minor" data-findings="f1">5 </mark>'
        '<mark class="sev-major" data-findings="f1 f2">il</mark> &lt;b&gt;'
    )


def test_quote_is_found_after_dotted_capital_i(comparison2):
    # "İ".lower() is two characters; offsets must still point at the quote
    html = render_html(comparison2)
    assert '<mark class="sev-major" data-findings="f1">60 gün</mark>' in html


def test_control_characters_are_dropped():
    assert highlight("a\x0cb\x00c", []) == "abc"


def test_findings_show_citation_confidence_and_review_controls(html):
    assert '<span class="cite">Art. 1(1)</span>' in html
    assert 'data-fid="d-numbers-0001"' in html and 'data-confidence="0.90"' in html
    # the quote names the place in its own document's style
    assert 'kk · <span lang="kk">1-бап 1-тармақ</span> · line 5' in html
    assert '<button type="button" class="accept" value="accepted" aria-pressed="false">Accept</button>' in html
    # the low-confidence filter says how many findings it would hide (semantic, 0.30)
    assert "hide findings with confidence below 0.50 (1)</label>" in html
    assert '<button type="button" id="save-decisions">Save decisions</button>' in html


def test_decisions_from_the_baseline_show_in_the_report(comparison):
    from treaty_align.baseline import Baseline, apply_baseline
    from treaty_align.model import Decision

    decided = apply_baseline(comparison, Baseline(
        frozenset({"d-semantic-0003"}),
        {"d-markers-0002": Decision("accepted", "usual <rendering>", "A. T.", "2026-12-01")}))
    out = render_html(decided)
    assert '<p class="decision accepted">Accepted (A. T., 2026-12-01): usual &lt;rendering&gt;</p>' in out
    assert 'class="finding sev-minor accepted"' in out and 'data-decision="accepted"' in out
    assert 'aria-pressed="true">Accept</button>' in out
    assert 'data-baselined="d-semantic-0003"' in out
    assert "<b>1</b><span>hidden by the baseline</span>" in out
    assert 'data-fid="d-semantic-0003"' not in out
