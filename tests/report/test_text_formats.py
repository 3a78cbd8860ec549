"""Terminal table, Markdown and CSV."""

from __future__ import annotations

import csv
import dataclasses
import io

from tests.report.conftest import N_DIVERGENCES, N_RECORDS

from treaty_align.model import Decision
from treaty_align.report._common import display_width
from treaty_align.report.csv import render_csv
from treaty_align.report.markdown import md_escape, render_markdown
from treaty_align.report.table import alignments_table, findings_table, render_table


def test_table_has_one_row_per_record_aligned_columns(comparison):
    lines = alignments_table(comparison).splitlines()
    header, rule, *rows = lines
    assert header.split()[:2] == ["ART", "RECORD"]
    assert "SCORE" in header and "FINDINGS" in header
    body = [r for r in rows if not r.startswith("*")]
    assert len(body) == N_RECORDS
    # the columns line up by display width: SCORE starts at the same column on every row
    col = display_width(header[: header.index("SCORE")])
    for row in body:
        assert row[col - 2 : col] == "  "
    assert any("0.41*" in r for r in body)  # low confidence marked
    assert "* low-confidence" in lines[-1]
    art2p2 = next(r for r in body if r.split()[1] == "art2.p2")
    assert "—" in art2p2  # the empty az side


def test_findings_table_most_severe_first(comparison):
    header, _, *rows = findings_table(comparison).splitlines()
    assert header.split() == ["SEVERITY", "CHECK", "WHERE", "CONF", "RECORD", "LINES", "MESSAGE"]
    assert [r.split()[0] for r in rows] == ["MAJOR", "MAJOR", "MINOR", "MINOR", "INFO"]
    assert "kk:5, az:5" in rows[0]
    # the citation in the document's style and the confidence, so a memo can cite the row
    assert rows[0].split()[2:4] == ["Art.", "1(1)"] and rows[0].split()[4] == "0.90"


def test_findings_table_shows_the_review_decision(comparison):
    al = comparison.alignments
    first = next(i for i, a in enumerate(al) if a.divergences)
    d = al[first].divergences[0]
    reviewed = dataclasses.replace(d, decision=Decision("accepted", "the usual rendering"))
    c = dataclasses.replace(comparison, alignments=al[:first] + (al[first].with_divergences(
        (reviewed,) + al[first].divergences[1:]),) + al[first + 1:])
    text = findings_table(c, width=200)
    assert "[accepted: the usual rendering] " + d.message.split()[0] in text
    narrow = findings_table(c, width=60)
    assert "[accepted: the usual rendering]" in narrow and "confidence 0.90" in narrow


def test_render_table_summary_and_empty(comparison, empty_comparison):
    text = render_table(comparison, width=200)
    assert text.splitlines()[0].startswith("kk ↔ az ↔ ru: 7 aligned records from ")
    assert text.splitlines()[0].endswith(", 1 low-confidence; findings: 2 major, 2 minor, 1 info")
    assert "No divergences found." in render_table(empty_comparison)
    assert "No divergences found (4 hidden by the baseline)." in render_table(empty_comparison, hidden=4)
    assert "SCORE" not in text and "7 aligned records not listed" in text  # findings first, records on request
    assert "SCORE" in render_table(comparison, records=True)


def test_markdown_summary_and_grouping(comparison):
    md = render_markdown(comparison)
    assert md.startswith("# treaty-align report")
    assert "| Major findings | 2 |" in md
    assert "| Low-confidence records | 1 |" in md
    assert md.index("### Article 1") < md.index("### Article 2") < md.index("### Article 3")
    assert ("- **MAJOR** · `numbers` · Art. 1(1) · record `art1.p1` · id `d-numbers-0001` · confidence 0.90"
            " — time limit differs") in md
    assert "  - kk, 1-бап 1-тармақ, line 5: «30 күн»" in md
    assert "authoritative text (ru) agrees with kk; differs from az: «30 дней»" in md
    assert "## Low-confidence alignments" in md
    assert "/srv/private" not in md


def test_markdown_escapes_markup(comparison):
    md = render_markdown(comparison)
    assert "<script>" not in md
    assert "\\<script\\>alert" in md
    assert md_escape("a*b_c|d") == "a\\*b\\_c\\|d"
    assert md_escape("line\nbreak") == "line break"


def test_csv_header_and_rows(comparison):
    text = render_csv(comparison)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "id", "alignment_id", "article", "kind", "severity", "message", "languages", "lines",
        "resolution_agrees", "resolution_differs", "citation", "confidence", "decision",
        "decision_note", "suggestion", "citation_kk", "citation_az", "citation_ru",
        "quote_kk", "quote_az", "quote_ru",
    ]
    assert len(rows) == 1 + N_DIVERGENCES
    by_id = {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    assert by_id["d-numbers-0001"]["quote_kk"] == "30 күн"
    assert by_id["d-numbers-0001"]["resolution_agrees"] == "kk"
    # quotes, commas and markup survive the round trip
    assert by_id["d-quality-0005"]["quote_az"] == '& "quoted"'
    assert by_id["d-quality-0005"]["message"].startswith('markup in the text: <b>bold</b> & "quotes"')


def test_csv_of_empty_comparison_is_header_only(empty_comparison):
    assert render_csv(empty_comparison).count("\n") == 1


def test_csv_cells_cannot_become_formulas():
    from treaty_align.report.csv import _inert

    assert _inert("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _inert("- item") == "'- item"
    assert _inert("plain") == "plain"
