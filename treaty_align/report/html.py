"""Standalone HTML report: the language versions side by side, findings highlighted.

One self-contained file (inline CSS and a small inline script, no fonts, images or other
assets, no network) that works opened from disk or a USB stick:

* a header with the treaty title, the sources and how the result was made;
* a summary: counts of records and findings, a table of findings by check and severity,
  the warnings, and links to every article (coloured by its most severe finding);
* filters (severity, check, "only records with findings", "only low-confidence") that hide
  findings and rows — without JavaScript everything is simply shown; they can be preset from
  the address (``report.html?severity=major,minor&check=numbers&show=flagged,low``) to share a
  view;
* per article, a table with one row per aligned record and one column per language (segment
  ids and source lines shown), the quoted words of each finding marked in the clause text and
  the findings listed next to the record; low-confidence records are visibly marked.

Every piece of treaty text, message and file name is escaped with :func:`html.escape`, and a
Content-Security-Policy (hashes of the one inline style and script) forbids any other script
and all network access, so the report stays inert even for hostile input. The markup is also
well-formed XML (void elements self-closed, no named entities, script free of ``<`` and ``&``).
"""

from __future__ import annotations

import base64
import hashlib
import re
from html import escape
from typing import TYPE_CHECKING, Any, Iterable

from treaty_align.baseline import decision_counts
from treaty_align.model import SEVERITIES
from treaty_align.report._common import (
    Group,
    clean_text,
    format_score,
    groups,
    kind_severity_counts,
    kinds_of,
    language_name,
    language_native,
    low_confidence_count,
    max_severity,
    quote_pattern,
    record_segments,
    severity_counts,
    severity_order,
    sorted_divergences,
    source_name,
    title_of,
)

if TYPE_CHECKING:
    from treaty_align.model import Alignment, Comparison, Divergence, Segment


def esc(value: Any) -> str:
    """Return ``value`` as text safe inside HTML elements and quoted attributes."""
    return escape(clean_text(str(value)), quote=True)


# --------------------------------------------------------------------------- style and script

CSS = """
:root {
  --ink: #1d2433; --muted: #5d6778; --line: #d9dee7; --paper: #ffffff; --bg: #f5f6f8;
  --accent: #1f4e79;
  --major: #b42318; --major-bg: #fde5e2; --minor: #a15c07; --minor-bg: #fdf0d5;
  --info: #175cd3; --info-bg: #e3ecfd; --low: #8a6d00; --low-bg: #fff8db;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif;
  --serif: Georgia, "Noto Serif", "DejaVu Serif", "Times New Roman", serif;
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { background: var(--bg); color: var(--ink); font: 15px/1.5 var(--sans); }
body { margin: 0; }
a { color: var(--accent); }
header.top { background: var(--accent); color: #fff; padding: 1.25rem 2rem 1rem; }
header.top h1 { margin: 0; font-size: 1.35rem; font-weight: 600; letter-spacing: .01em; }
header.top .doc-title { margin: .35rem 0 .6rem; font: 1.05rem/1.4 var(--serif); opacity: .95; }
header.top .meta { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; margin: 0; font-size: .85rem; }
header.top .meta div { display: flex; gap: .4rem; }
header.top dt { opacity: .75; }
header.top dd { margin: 0; font-weight: 600; }
main { padding: 1.25rem 2rem 3rem; max-width: 1700px; margin: 0 auto; }
h2 { font-size: 1.15rem; margin: 0 0 .75rem; }
.panel { background: var(--paper); border: 1px solid var(--line); border-radius: 8px;
  padding: 1rem 1.25rem; margin-bottom: 1.25rem; }
.summary-grid { display: grid; grid-template-columns: minmax(260px, 1fr) minmax(320px, 2fr); gap: 1.5rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(110px, 1fr)); gap: .6rem; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .7rem; }
.card b { display: block; font-size: 1.5rem; line-height: 1.2; }
.card span { color: var(--muted); font-size: .8rem; }
.card.sev-major b { color: var(--major); } .card.sev-minor b { color: var(--minor); }
.card.sev-info b { color: var(--info); } .card.low b { color: var(--low); }
table.sources { margin-top: 1rem; }
table.counts, table.sources { border-collapse: collapse; width: 100%; font-size: .9rem; }
table.counts th, table.counts td, table.sources th, table.sources td {
  border-bottom: 1px solid var(--line); padding: .3rem .6rem; text-align: left; }
table.counts td.n, table.counts th.n { text-align: right; font-variant-numeric: tabular-nums; }
table.counts tfoot td, table.counts tfoot th { font-weight: 700; border-bottom: 0; }
table.counts td.zero { color: #b7bdc8; }
.warnings { margin: .75rem 0 0; padding-left: 1.2rem; color: var(--low); font-size: .9rem; }
nav.toc ol { list-style: none; display: flex; flex-wrap: wrap; gap: .4rem; margin: 0; padding: 0; }
nav.toc a { display: inline-block; padding: .15rem .6rem; border-radius: 999px; text-decoration: none;
  border: 1px solid var(--line); background: var(--paper); font-size: .85rem; color: var(--ink); }
nav.toc a .n { font-weight: 700; margin-left: .3rem; }
nav.toc a.sev-major { border-color: var(--major); background: var(--major-bg); }
nav.toc a.sev-minor { border-color: var(--minor); background: var(--minor-bg); }
nav.toc a.sev-info { border-color: var(--info); background: var(--info-bg); }
nav.toc a.dim { opacity: .35; }
form.filters { display: none; position: sticky; top: 0; z-index: 5; background: var(--paper);
  border: 1px solid var(--line); border-radius: 8px; padding: .55rem 1rem; margin-bottom: 1.25rem;
  gap: .4rem 1.4rem; flex-wrap: wrap; align-items: center; font-size: .88rem;
  box-shadow: 0 2px 6px rgba(20, 30, 50, .06); }
.js form.filters { display: flex; }
form.filters fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: .2rem .8rem; flex-wrap: wrap; }
form.filters legend { float: left; font-weight: 600; margin-right: .4rem; }
form.filters label { white-space: nowrap; cursor: pointer; }
form.filters output { margin-left: auto; color: var(--muted); }
form.filters button { font: inherit; padding: .1rem .6rem; }
section.article { margin-bottom: 1.75rem; scroll-margin-top: 8rem; }
tr[id], .finding[id] { scroll-margin-top: 8rem; }
section.article h2 { display: flex; align-items: baseline; gap: .6rem; }
section.article h2 .n { font-size: .8rem; font-weight: 400; color: var(--muted); }
section.article h2 a.up { margin-left: auto; font-size: .8rem; font-weight: 400; text-decoration: none; }
.scroll { overflow-x: auto; }
table.records { width: 100%; min-width: 900px; table-layout: fixed; border-collapse: separate; border-spacing: 0;
  background: var(--paper); border: 1px solid var(--line); border-radius: 8px; }
table.records col.c-rec { width: 9.5rem; } table.records col.c-find { width: 21rem; }
table.records thead th { text-align: left; font-size: .82rem; color: var(--muted); font-weight: 600;
  padding: .5rem .75rem; border-bottom: 2px solid var(--line); background: #fafbfc; }
table.records thead th .file { font-weight: 400; }
table.records tbody > tr > * { vertical-align: top; padding: .6rem .75rem; border-bottom: 1px solid var(--line); }
table.records tbody > tr:last-child > * { border-bottom: 0; }
table.records tbody > tr.flagged > th.rec { box-shadow: inset 4px 0 0 var(--line); }
table.records tbody > tr.flag-major > th.rec { box-shadow: inset 4px 0 0 var(--major); }
table.records tbody > tr.flag-minor > th.rec { box-shadow: inset 4px 0 0 var(--minor); }
table.records tbody > tr.flag-info > th.rec { box-shadow: inset 4px 0 0 var(--info); }
tr.low > td.text { background: repeating-linear-gradient(135deg, var(--low-bg) 0 10px, #fffdf2 10px 20px); }
th.rec { text-align: left; font-weight: 400; font-size: .82rem; }
th.rec .rid { display: block; font: 600 .85rem/1.3 ui-monospace, "DejaVu Sans Mono", Consolas, monospace;
  word-break: break-all; }
th.rec .rid a { color: inherit; text-decoration: none; }
th.rec .score { display: block; color: var(--muted); margin-top: .2rem; }
th.rec .bar { display: block; height: 4px; background: var(--line); border-radius: 2px; margin-top: .15rem; }
th.rec .bar i { display: block; height: 4px; background: var(--accent); border-radius: 2px; }
th.rec .note { display: block; color: var(--muted); font-style: italic; margin-top: .3rem; }
.badge { display: inline-block; font-size: .72rem; font-weight: 700; text-transform: uppercase; letter-spacing: .03em;
  padding: .05rem .4rem; border-radius: 4px; margin-top: .35rem; }
.badge.low { background: var(--low-bg); color: var(--low); border: 1px solid #e6c84f; }
td.text { font: 1rem/1.55 var(--serif); }
td.text .seg + .seg { margin-top: .6rem; padding-top: .6rem; border-top: 1px dashed var(--line); }
td.text .seg-meta { font: .75rem/1.3 var(--sans); color: var(--muted); margin-bottom: .15rem; }
td.text .seg-meta b { font-weight: 600; font-family: ui-monospace, "DejaVu Sans Mono", Consolas, monospace; }
td.text p { margin: 0; white-space: pre-line; overflow-wrap: anywhere; }
td.text p.missing { color: var(--muted); font: italic .85rem var(--sans); }
mark { padding: 0 .1em; border-radius: 2px; color: inherit; }
mark.sev-major { background: var(--major-bg); box-shadow: inset 0 -2px 0 var(--major); }
mark.sev-minor { background: var(--minor-bg); box-shadow: inset 0 -2px 0 var(--minor); }
mark.sev-info { background: var(--info-bg); box-shadow: inset 0 -2px 0 var(--info); }
mark.off { background: none; box-shadow: none; }
td.findings ul.list { list-style: none; margin: 0; padding: 0; }
td.findings .none { color: #b7bdc8; }
li.finding { border-left: 3px solid var(--line); padding: .1rem 0 .1rem .6rem; font-size: .87rem; }
li.finding + li.finding { margin-top: .6rem; }
li.finding.sev-major { border-left-color: var(--major); }
li.finding.sev-minor { border-left-color: var(--minor); }
li.finding.sev-info { border-left-color: var(--info); }
.sev { display: inline-block; font-size: .7rem; font-weight: 700; text-transform: uppercase; letter-spacing: .03em;
  padding: 0 .35rem; border-radius: 3px; color: #fff; background: var(--muted); }
.sev.sev-major { background: var(--major); } .sev.sev-minor { background: var(--minor); }
.sev.sev-info { background: var(--info); }
.kind { font-family: ui-monospace, "DejaVu Sans Mono", Consolas, monospace; font-size: .78rem; color: var(--muted); margin-left: .3rem; }
li.finding .msg { margin: .2rem 0; }
li.finding ul.quotes { list-style: none; margin: .2rem 0 0; padding: 0; color: var(--muted); }
li.finding q { color: var(--ink); font-family: var(--serif); quotes: "\\00AB" "\\00BB"; }
li.finding .res { margin: .3rem 0 0; padding: .25rem .45rem; background: #f1f4f8; border-radius: 4px; font-size: .82rem; }
li.finding .fid { display: block; color: #a0a7b4; font-size: .7rem; font-family: ui-monospace, monospace; }
li.finding .cite { font-size: .78rem; font-weight: 600; margin-left: .4rem; }
li.finding .conf { font-size: .72rem; color: var(--muted); margin-left: .4rem; }
li.finding .sugg { margin: .25rem 0 0; font-size: .82rem; }
li.finding.accepted { opacity: .6; }
li.finding .decision { margin: .3rem 0 0; font-size: .8rem; font-weight: 600; }
li.finding .decision.accepted { color: #067647; } li.finding .decision.rejected { color: var(--major); }
.review { display: none; gap: .3rem; align-items: center; flex-wrap: wrap; margin-top: .3rem; }
.js .review { display: flex; }
.review button { font: inherit; font-size: .75rem; padding: 0 .45rem; cursor: pointer; }
.review button[aria-pressed="true"].accept { background: #d1fadf; border-color: #067647; }
.review button[aria-pressed="true"].reject { background: var(--major-bg); border-color: var(--major); }
.review input { font: inherit; font-size: .78rem; flex: 1 1 8rem; min-width: 6rem; }
form.review-bar { display: none; gap: .4rem 1rem; align-items: center; flex-wrap: wrap; font-size: .88rem; }
.js form.review-bar { display: flex; }
form.review-bar button { font: inherit; padding: .1rem .6rem; }
footer { color: var(--muted); font-size: .8rem; padding: 0 2rem 2rem; max-width: 1700px; margin: 0 auto; }
footer dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .5rem 0 0; }
footer dd { margin: 0; font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
.empty-report { color: var(--muted); }
@media (max-width: 900px) { .summary-grid { grid-template-columns: 1fr; } main { padding: 1rem; } }
@media print {
  html { background: #fff; } form.filters, nav.toc, a.up { display: none !important; }
  header.top { background: none; color: var(--ink); border-bottom: 2px solid var(--ink); }
  table.records { min-width: 0; } tr { break-inside: avoid; } .panel { border: 0; padding: 0; }
}
"""

# Kept free of "<" and "&" so that the document is also well-formed XML.
SCRIPT = """
(function () {
  "use strict";
  var doc = document;
  doc.documentElement.className += " js";
  var form = doc.getElementById("filters");
  if (!form) { return; }
  var order = { major: 0, minor: 1, info: 2 };
  function all(sel, root) { return Array.prototype.slice.call((root || doc).querySelectorAll(sel)); }
  function rank(sev) { return order.hasOwnProperty(sev) ? order[sev] : 9; }
  var findings = all("li.finding"), marks = all("mark[data-findings]");
  var rows = all("tr.record"), sections = all("section.article");
  var status = doc.getElementById("shown");
  function enabled(name) {
    var on = {};
    all("input[name='" + name + "']", form).forEach(function (i) { on[i.value] = i.checked; });
    return on;
  }
  function apply() {
    var sev = enabled("severity"), kind = enabled("check");
    var onlyFlagged = form.elements["only-flagged"].checked;
    var onlyLow = form.elements["only-low"].checked;
    var unsureBox = form.elements["hide-unsure"];
    var threshold = parseFloat(unsureBox.getAttribute("data-threshold"));
    var hideAccepted = form.elements["hide-accepted"].checked;
    var shownFindings = 0, shownRows = 0, unsure = 0;
    findings.forEach(function (f) {
      var on = sev[f.getAttribute("data-severity")] !== false;
      if (kind[f.getAttribute("data-kind")] === false) { on = false; }
      if (hideAccepted) { if (f.getAttribute("data-decision") === "accepted") { on = false; } }
      // a finding without a confidence (NaN) is never hidden as unsure
      if (on) { if (unsureBox.checked) { if (threshold > parseFloat(f.getAttribute("data-confidence"))) {
        on = false; unsure += 1; } } }
      f.hidden = !on;
      if (on) { shownFindings += 1; }
    });
    marks.forEach(function (m) {
      var best = null;
      m.getAttribute("data-findings").split(" ").forEach(function (id) {
        var f = doc.getElementById(id);
        if (!f || f.hidden) { return; }
        var s = f.getAttribute("data-severity");
        if (best === null || rank(best) > rank(s)) { best = s; }
      });
      m.className = best === null ? "off" : "sev-" + best;
    });
    rows.forEach(function (r) {
      var visible = all("li.finding", r).some(function (f) { return !f.hidden; });
      var hide = (onlyFlagged ? !visible : false) || (onlyLow ? !r.classList.contains("low") : false);
      r.hidden = hide;
      var none = r.querySelector(".none");
      if (none) {
        if (r.querySelectorAll("li.finding").length > 0) { none.hidden = visible; }
      }
      if (!hide) { shownRows += 1; }
    });
    sections.forEach(function (s) {
      var any = all("tr.record", s).some(function (r) { return !r.hidden; });
      s.hidden = !any;
      var link = doc.querySelector("nav.toc a[href='#" + s.id + "']");
      if (link) { link.classList.toggle("dim", !any); }
    });
    if (status) {
      status.textContent = shownFindings + " of " + findings.length + " findings \\u00b7 " +
        shownRows + " of " + rows.length + " records shown" +
        (unsure ? " \\u00b7 " + unsure + " low-confidence hidden" : "");
    }
  }
  // review decisions: kept on each finding's data-decision/-note/-by/-date attributes, saved
  // as a baseline file through a Blob (no server, nothing leaves the machine)
  var review = doc.getElementById("review");
  function today() { return new Date().toISOString().slice(0, 10); }
  function showDecision(f) {
    var status = f.getAttribute("data-decision") || "";
    f.classList.toggle("accepted", status === "accepted");
    f.classList.toggle("rejected", status === "rejected");
    all(".review button", f).forEach(function (b) {
      b.setAttribute("aria-pressed", b.value === status ? "true" : "false");
    });
  }
  function decide(f, status) {
    if (f.getAttribute("data-decision") === status) {
      ["data-decision", "data-by", "data-date"].forEach(function (a) { f.removeAttribute(a); });
    } else {
      f.setAttribute("data-decision", status);
      f.setAttribute("data-date", today());
      var by = review ? review.elements["by"].value.trim() : "";
      if (by) { f.setAttribute("data-by", by); } else { f.removeAttribute("data-by"); }
    }
    showDecision(f);
    counts();
    apply();
  }
  function decisions() {
    var out = {};
    findings.slice().sort(function (a, b) {
      var x = a.getAttribute("data-fid"), y = b.getAttribute("data-fid");
      return x === y ? 0 : (x > y ? 1 : -1);
    }).forEach(function (f) {
      var status = f.getAttribute("data-decision");
      if (!status) { return; }
      var entry = { status: status, note: f.getAttribute("data-note") || "" };
      if (f.getAttribute("data-by")) { entry.by = f.getAttribute("data-by"); }
      if (f.getAttribute("data-date")) { entry.date = f.getAttribute("data-date"); }
      out[f.getAttribute("data-fid")] = entry;
    });
    return out;
  }
  function baselineText() {
    var known = (review.getAttribute("data-baselined") || "").split(" ").filter(function (x) { return x; });
    var file = { version: parseInt(review.getAttribute("data-version"), 10), tool: "treaty-align",
      divergences: known.sort().map(function (x) { return { id: x }; }), decisions: decisions() };
    return JSON.stringify(file, null, 2) + "\\n";
  }
  function counts() {
    var out = doc.getElementById("decided");
    if (!out) { return; }
    var n = { accepted: 0, rejected: 0 };
    findings.forEach(function (f) {
      var s = f.getAttribute("data-decision");
      if (n.hasOwnProperty(s)) { n[s] += 1; }
    });
    out.textContent = n.accepted + " accepted \\u00b7 " + n.rejected + " rejected \\u00b7 " +
      (findings.length - n.accepted - n.rejected) + " open";
  }
  if (review) {
    findings.forEach(function (f) {
      all(".review button", f).forEach(function (b) {
        b.addEventListener("click", function () { decide(f, b.value); });
      });
      var note = f.querySelector(".review input.note");
      if (note) { note.addEventListener("input", function () { f.setAttribute("data-note", note.value); }); }
    });
    doc.getElementById("save-decisions").addEventListener("click", function () {
      var blob = new Blob([baselineText()], { type: "application/json" });
      var link = doc.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = review.getAttribute("data-file");
      doc.body.appendChild(link);
      link.click();
      window.setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 2000);
    });
    counts();
  }
  // filters can be preset from the query string (severity=, check=, show=): see html.py
  var params = new URLSearchParams(window.location.search);
  ["severity", "check"].forEach(function (name) {
    var wanted = params.get(name);
    if (wanted === null) { return; }
    var list = wanted.split(",");
    all("input[name='" + name + "']", form).forEach(function (i) { i.checked = list.indexOf(i.value) !== -1; });
  });
  (params.get("show") || "").split(",").forEach(function (v) {
    var box = form.elements["only-" + v];
    if (box) { box.checked = true; }
  });
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  apply();
})();
"""


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def content_security_policy(css: str, script: str) -> str:
    """Return the CSP allowing only the given inline style and script, and no network at all."""
    # A report needs nothing from outside itself: no requests, no other scripts or styles.
    return (
        "default-src 'none'; "
        f"style-src {_csp_hash(css)}; "
        f"script-src {_csp_hash(script)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )

_LABELS = {"major": "Major", "minor": "Minor", "info": "Info"}

#: findings below this confidence are hidden by the "hide findings with low confidence" filter
LOW_CONFIDENCE = 0.5
#: the name the browser gives the saved decisions (the baseline file of ``--baseline``)
BASELINE_NAME = "treaty-align-baseline.json"


def _unsure_count(c: "Comparison") -> int:
    """Return how many findings of ``c`` the "hide low confidence" filter hides."""
    return sum(1 for d in c.divergences if d.confidence is not None and d.confidence < LOW_CONFIDENCE)


def _review_bar(c: "Comparison") -> list[str]:
    """Return the review form: reviewer name, decision counts and the "Save decisions" button."""
    from treaty_align.baseline import BASELINE_VERSION

    baselined = " ".join(c.baselined)
    return [
        f'<form class="review-bar panel" id="review" aria-label="Review decisions" '
        f'data-version="{BASELINE_VERSION}" data-file="{BASELINE_NAME}" data-baselined="{esc(baselined)}">',
        "<strong>Review</strong>",
        '<label>Reviewer <input type="text" name="by" autocomplete="name" /></label>',
        '<button type="button" id="save-decisions">Save decisions</button>',
        '<output id="decided" aria-live="polite"></output>',
        f'<span class="hint">Accept or reject findings below, then save: the file is a baseline for '
        f"<code>--baseline {BASELINE_NAME}</code> (nothing is sent anywhere).</span>",
        "</form>",
    ]


# --------------------------------------------------------------------------- text highlighting


def _quote_span(text: str, quote: str) -> tuple[int, int] | None:
    pattern = quote_pattern(quote)
    if pattern is None:
        return None
    # prefer a whole-word occurrence: quoting "5" should not mark the 5 inside "15"
    bounded = re.compile(r"(?<!\w)(?:" + pattern.pattern + r")(?!\w)", pattern.flags)
    match = bounded.search(text) or pattern.search(text)
    return match.span() if match else None


def highlight(text: str, spans: Iterable[tuple[int, int, str, str]]) -> str:
    """Return ``text`` escaped, with each ``(start, end, finding_id, severity)`` span marked.

    Overlapping spans are split into pieces; each piece is one ``<mark>`` listing every
    finding that covers it in ``data-findings`` and coloured by the most severe of them.
    """
    spans = [s for s in spans if 0 <= s[0] < s[1] <= len(text)]
    if not spans:
        return esc(text)
    cuts = sorted({0, len(text)} | {s[0] for s in spans} | {s[1] for s in spans})
    out = []
    for start, end in zip(cuts, cuts[1:]):
        piece = esc(text[start:end])
        cover = [s for s in spans if s[0] <= start and end <= s[1]]
        if not cover:
            out.append(piece)
            continue
        worst = min((s[3] for s in cover), key=severity_order)
        ids = " ".join(dict.fromkeys(s[2] for s in cover))
        out.append(f'<mark class="sev-{esc(worst)}" data-findings="{esc(ids)}">{piece}</mark>')
    return "".join(out)


def _segment_spans(
    a: "Alignment", lang: str, finding_ids: dict[int, str]
) -> dict[str, list[tuple[int, int, str, str]]]:
    """Return, per segment id of ``lang`` in ``a``, the spans its findings' quotes cover."""
    segs = record_segments(a, lang)
    own = {s.id for s in segs}
    spans: dict[str, list[tuple[int, int, str, str]]] = {s.id: [] for s in segs}
    for d in a.divergences:
        for e in d.evidence:
            if e.language != lang or not e.quote.strip():
                continue
            # the evidence names its segment; if the aligner merged or renamed it, try them all
            candidates = [s for s in segs if s.id == e.segment_id] if e.segment_id in own else list(segs)
            for seg in candidates:
                found = _quote_span(seg.text, e.quote)
                if found:
                    spans[seg.id].append((found[0], found[1], finding_ids[id(d)], d.severity))
                    break
    return spans


# --------------------------------------------------------------------------- building blocks


def _header(c: "Comparison") -> list[str]:
    title = title_of(c)
    first = next((lang for lang in c.languages if c.treaties.get(lang) and c.treaties[lang].title), "")
    meta = [("Languages", " · ".join(f"{lang} ({language_name(lang)})" for lang in c.languages))]
    if c.signature.get("encoder"):
        meta.append(("Encoder", str(c.signature["encoder"])))
    if c.authority:
        meta.append(("Authoritative text", f"{c.authority} ({language_name(c.authority)})"))
    out = ["<header class=\"top\">", "<h1>Comparison of language versions</h1>"]
    if title:
        out.append(f'<p class="doc-title" lang="{esc(first)}">{esc(title)}</p>')
    out.append('<dl class="meta">')
    out += [f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in meta]
    out += ["</dl>", "</header>"]
    return out


def _summary(c: "Comparison", grouped: tuple[Group, ...]) -> list[str]:
    counts = severity_counts(c)
    cards = [f'<div class="card"><b>{len(c.alignments)}</b><span>aligned records</span></div>']
    cards.append(
        f'<div class="card low"><b>{low_confidence_count(c)}</b><span>low-confidence</span></div>'
    )
    for sev, n in counts.items():
        cards.append(
            f'<div class="card sev-{esc(sev)}"><b>{n}</b><span>{esc(_LABELS.get(sev, sev))} findings</span></div>'
        )
    decided = decision_counts(c)
    for status in ("accepted", "rejected"):
        if decided[status]:
            cards.append(f'<div class="card"><b>{decided[status]}</b><span>{status}</span></div>')
    if c.baselined:
        cards.append(f'<div class="card"><b>{len(c.baselined)}</b><span>hidden by the baseline</span></div>')
    sevs = list(counts)
    table = ['<table class="counts">', "<caption hidden=\"hidden\">Findings by check and severity</caption>"]
    table.append(
        "<thead><tr><th>Check</th>"
        + "".join(f'<th class="n">{esc(_LABELS.get(s, s))}</th>' for s in sevs)
        + '<th class="n">Total</th></tr></thead><tbody>'
    )
    by_kind = kind_severity_counts(c)
    for kind, row in by_kind.items():
        cells = "".join(
            f'<td class="n{" zero" if not row.get(s) else ""}">{row.get(s, 0)}</td>' for s in sevs
        )
        table.append(f"<tr><th>{esc(kind)}</th>{cells}<td class=\"n\">{sum(row.values())}</td></tr>")
    if not by_kind:
        table.append(f'<tr><td colspan="{len(sevs) + 2}" class="empty-report">No divergences found.</td></tr>')
    table.append(
        "</tbody><tfoot><tr><th>All checks</th>"
        + "".join(f'<td class="n">{counts[s]}</td>' for s in sevs)
        + f'<td class="n">{sum(counts.values())}</td></tr></tfoot></table>'
    )
    sources = ['<table class="sources"><thead><tr><th>Version</th><th>Source file</th>'
               "<th>Segments</th></tr></thead><tbody>"]
    for lang in c.languages:
        treaty = c.treaties.get(lang)
        n = len(treaty.segments) if treaty is not None else 0
        sources.append(
            f"<tr><td>{esc(lang)} · {esc(language_name(lang))}</td>"
            f"<td>{esc(source_name(c, lang) or '—')}</td><td>{n}</td></tr>"
        )
    sources.append("</tbody></table>")
    out = ['<section class="panel" id="summary" aria-labelledby="summary-h">',
           '<h2 id="summary-h">Summary</h2>', '<div class="summary-grid">', "<div>",
           '<div class="cards">', *cards, "</div>", *sources, "</div>", "<div>", *table]
    if c.warnings:
        out.append('<ul class="warnings">')
        out += [f"<li>{esc(w)}</li>" for w in c.warnings]
        out.append("</ul>")
    out += ["</div>", "</div>", "</section>"]
    out.append('<nav class="toc panel" aria-label="Articles"><h2>Articles</h2><ol>')
    for g in grouped:
        worst = max_severity(g.divergences)
        cls = f' class="sev-{esc(worst)}"' if worst else ""
        n = len(g.divergences)
        badge = f'<span class="n">{n}</span>' if n else ""
        out.append(f'<li><a href="#{esc(g.anchor)}"{cls}>{esc(g.title)}{badge}</a></li>')
    out.append("</ol></nav>")
    return out


def _filters(c: "Comparison") -> list[str]:
    sevs = list(SEVERITIES) + sorted({d.severity for d in c.divergences} - set(SEVERITIES))
    out = ['<form class="filters" id="filters" aria-label="Filters">',
           "<fieldset><legend>Severity</legend>"]
    for s in sevs:
        out.append(
            f'<label><input type="checkbox" name="severity" value="{esc(s)}" checked="checked" />'
            f' <span class="sev sev-{esc(s)}">{esc(s)}</span></label>'
        )
    out.append("</fieldset>")
    kinds = kinds_of(c)
    if kinds:
        out.append("<fieldset><legend>Check</legend>")
        for k in kinds:
            out.append(
                f'<label><input type="checkbox" name="check" value="{esc(k)}" checked="checked" /> {esc(k)}</label>'
            )
        out.append("</fieldset>")
    out += [
        "<fieldset><legend>Show</legend>",
        '<label><input type="checkbox" name="only-flagged" /> only records with findings</label>',
        '<label><input type="checkbox" name="only-low" /> only low-confidence</label>',
        f'<label><input type="checkbox" name="hide-unsure" data-threshold="{LOW_CONFIDENCE}" />'
        f" hide findings with confidence below {LOW_CONFIDENCE:.2f} ({_unsure_count(c)})</label>",
        '<label><input type="checkbox" name="hide-accepted" /> hide accepted</label>',
        "</fieldset>",
        '<button type="reset">Reset</button>',
        '<output id="shown" aria-live="polite"></output>',
        "</form>",
    ]
    return out


def _segment_cell(
    c: "Comparison", a: "Alignment", lang: str, spans: dict[str, list[tuple[int, int, str, str]]]
) -> str:
    segs: tuple["Segment", ...] = record_segments(a, lang)
    if not segs:
        return (
            f'<td class="text empty" lang="{esc(lang)}">'
            f'<p class="missing">no counterpart in {esc(language_name(lang))}</p></td>'
        )
    parts = [f'<td class="text" lang="{esc(lang)}">']
    for s in segs:
        parts.append(
            f'<div class="seg"><div class="seg-meta"><b>{esc(s.id)}</b> · {esc(s.where)}</div>'
            f"<p>{highlight(clean_text(s.text), spans.get(s.id, []))}</p></div>"
        )
    parts.append("</td>")
    return "".join(parts)


def _place(d: "Divergence", lang: str) -> str:
    cited = d.citation.get(lang)
    return f' · <span lang="{esc(lang)}">{esc(cited)}</span>' if cited else ""


def _review(d: "Divergence") -> str:
    """Return the decision shown for ``d`` and the controls that change it (shown with scripts)."""
    shown = ""
    if d.decision is not None:
        dec = d.decision
        who = ", ".join(x for x in (dec.by, dec.date) if x)
        shown = (f'<p class="decision {esc(dec.status)}">{esc(dec.status.capitalize())}'
                 + (f" ({esc(who)})" if who else "") + (f": {esc(dec.note)}" if dec.note else "") + "</p>")
    status = d.decision.status if d.decision else ""
    pressed = {s: "true" if status == s else "false" for s in ("accepted", "rejected")}
    note = esc(d.decision.note) if d.decision else ""
    return (
        shown
        + '<div class="review">'
        f'<button type="button" class="accept" value="accepted" aria-pressed="{pressed["accepted"]}">Accept</button>'
        f'<button type="button" class="reject" value="rejected" aria-pressed="{pressed["rejected"]}">Reject</button>'
        f'<input type="text" class="note" aria-label="note on this finding" placeholder="note" value="{note}" />'
        "</div>"
    )


def _finding(d: "Divergence", fid: str) -> str:
    sev = esc(d.severity)
    quotes = "".join(
        f'<li>{esc(e.language)}{_place(d, e.language)} · {esc(e.where)}: '
        f'<q lang="{esc(e.language)}">{esc(e.quote)}</q></li>'
        for e in d.evidence
    )
    res = ""
    if d.resolution is not None:
        r = d.resolution
        said = f': <q lang="{esc(r.authority)}">{esc(r.text)}</q>' if r.text else ""
        res = f'<p class="res">Authoritative text ({esc(r.authority)}) {esc(r.verdict())}{said}</p>'
    conf = "" if d.confidence is None else f"{d.confidence:.2f}"
    decision = d.decision
    attrs = "".join(
        f' data-{k}="{esc(v)}"' for k, v in (
            ("decision", decision.status if decision else ""), ("note", decision.note if decision else ""),
            ("by", decision.by if decision else ""), ("date", decision.date if decision else ""),
        ) if v
    )
    classes = f"finding sev-{sev}" + (f" {esc(decision.status)}" if decision else "")
    cited = d.cite()
    sugg = (f'<p class="sugg">Suggested (as this document writes it elsewhere): {esc(d.suggestion)}</p>'
            if d.suggestion else "")
    return (
        f'<li class="{classes}" id="{fid}" data-fid="{esc(d.id)}" data-severity="{sev}" '
        f'data-kind="{esc(d.kind)}" data-confidence="{conf}"{attrs}>'
        f'<span class="sev sev-{sev}">{sev}</span><span class="kind">{esc(d.kind)}</span>'
        + (f'<span class="cite">{esc(cited)}</span>' if cited else "")
        + (f'<span class="conf" title="how sure the check is">confidence {conf}</span>' if conf else "")
        + f'<p class="msg">{esc(d.message)}</p>'
        + (f'<ul class="quotes">{quotes}</ul>' if quotes else "")
        + sugg
        + res
        + _review(d)
        + f'<span class="fid" title="finding id (for baselines)">{esc(d.id)}'
        + (f" · {esc(cited)}" if cited else "") + "</span></li>"
    )


def _record_row(
    c: "Comparison", a: "Alignment", anchor: str, finding_ids: dict[int, str]
) -> str:
    worst = max_severity(a.divergences)
    classes = ["record"]
    if a.low_confidence:
        classes.append("low")
    if worst:
        classes += ["flagged", f"flag-{esc(worst)}"]
    try:
        pct = max(0.0, min(1.0, float(a.score))) * 100
    except (TypeError, ValueError):
        pct = 0.0
    rec = [
        f'<th scope="row" class="rec"><span class="rid"><a href="#{anchor}">{esc(a.id)}</a></span>',
        f'<span class="score">score {format_score(a.score)}</span>',
        # the bar's width is a class (w0..w20), not a style attribute, which the CSP forbids
        f'<span class="bar"><i class="w{round(pct / 5)}"></i></span>',
    ]
    if a.low_confidence:
        rec.append('<span class="badge low" title="The aligner is unsure these clauses correspond">'
                   "low confidence</span>")
    if a.note:
        rec.append(f'<span class="note">{esc(a.note)}</span>')
    rec.append("</th>")
    cells = [f'<tr class="{" ".join(classes)}" id="{anchor}">', "".join(rec)]
    for lang in c.languages:
        cells.append(_segment_cell(c, a, lang, _segment_spans(a, lang, finding_ids)))
    if a.divergences:
        items = "".join(_finding(d, finding_ids[id(d)]) for d in sorted_divergences(a.divergences))
        cells.append(f'<td class="findings"><ul class="list">{items}</ul><span class="none" hidden="hidden">'
                     "findings hidden by the filters</span></td>")
    else:
        cells.append('<td class="findings"><span class="none">—</span></td>')
    cells.append("</tr>")
    return "".join(cells)


def _bar_css() -> str:
    return "\n".join(f"th.rec .bar i.w{n} {{ width: {n * 5}%; }}" for n in range(21))


def _article(c: "Comparison", g: Group, anchors: dict[int, str], finding_ids: dict[int, str]) -> list[str]:
    n = len(g.divergences)
    out = [
        f'<section class="article" id="{esc(g.anchor)}">',
        f"<h2>{esc(g.title)}<span class=\"n\">{len(g.alignments)} record{'s' if len(g.alignments) != 1 else ''}"
        f"{f', {n} finding' + ('s' if n != 1 else '') if n else ''}</span>"
        '<a class="up" href="#summary">↑ summary</a></h2>',
        '<div class="scroll"><table class="records">',
        '<colgroup><col class="c-rec" />'
        + "".join('<col class="c-lang" />' for _ in c.languages)
        + '<col class="c-find" /></colgroup>',
        "<thead><tr><th>Record</th>",
    ]
    for lang in c.languages:
        name = source_name(c, lang)
        file_note = f' · <span class="file">{esc(name)}</span>' if name else ""
        out.append(
            f'<th>{esc(lang)} · <span lang="{esc(lang)}">{esc(language_native(lang))}</span>{file_note}</th>'
        )
    out.append("<th>Findings</th></tr></thead><tbody>")
    out += [_record_row(c, a, anchors[id(a)], finding_ids) for a in g.alignments]
    out += ["</tbody></table></div>", "</section>"]
    return out


def _footer(c: "Comparison") -> list[str]:
    from treaty_align import __version__

    out = ["<footer>", f"<p>Made by treaty-align {esc(__version__)}. This file is self-contained: "
           "it loads nothing from the network and can be opened offline.</p>"]
    if c.signature:
        out.append("<dl>")
        for key, value in c.signature.items():
            out.append(f"<dt>{esc(key)}</dt><dd>{esc(value)}</dd>")
        out.append("</dl>")
    out.append("</footer>")
    return out


def _unique_anchors(c: "Comparison") -> dict[int, str]:
    used: set[str] = set()
    anchors: dict[int, str] = {}
    for a in c.alignments:
        base = "rec-" + (re.sub(r"[^A-Za-z0-9_.-]+", "-", a.id).strip("-") or "x")
        anchor, n = base, 2
        while anchor in used:
            anchor = f"{base}-{n}"
            n += 1
        used.add(anchor)
        anchors[id(a)] = anchor
    return anchors


def render_html(c: "Comparison") -> str:
    """Return the standalone HTML report of ``c`` (see the module docstring for its parts)."""
    grouped = groups(c)
    finding_ids = {id(d): f"f{i}" for i, d in enumerate(c.divergences, start=1)}
    anchors = _unique_anchors(c)
    title = title_of(c)
    page_title = "treaty-align report" + (f" — {title}" if title else "")
    css = CSS + _bar_css() + "\n"
    csp = content_security_policy(css, SCRIPT)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8" />',
        '<meta name="viewport" content="width=device-width, initial-scale=1" />',
        f'<meta http-equiv="Content-Security-Policy" content="{escape(csp, quote=False)}" />',
        '<meta name="referrer" content="no-referrer" />',
        f"<title>{esc(page_title)}</title>",
        f"<style>{css}</style>",
        "</head>",
        "<body>",
        *_header(c),
        "<main>",
        *_summary(c, grouped),
        *_filters(c),
        *_review_bar(c),
    ]
    if not c.alignments:
        out.append('<p class="empty-report">No aligned records.</p>')
    for g in grouped:
        out += _article(c, g, anchors, finding_ids)
    out += ["</main>", *_footer(c), f"<script>{SCRIPT}</script>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
