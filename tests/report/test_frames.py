"""pandas frames and the Jupyter summary."""

from __future__ import annotations

import pandas as pd

from tests.report.conftest import N_DIVERGENCES, N_RECORDS

from treaty_align.report.frames import comparison_html_summary


def test_alignments_frame_columns_exactly(comparison):
    df = comparison.to_frame()
    assert list(df.columns) == [
        "id", "block", "article", "score", "low_confidence", "n_divergences", "max_severity",
        "text_kk", "ids_kk", "line_kk",
        "text_az", "ids_az", "line_az",
        "text_ru", "ids_ru", "line_ru",
    ]
    assert len(df) == N_RECORDS


def test_alignments_frame_values(comparison):
    df = comparison.to_frame().set_index("id")
    assert df.loc["art2.p1", "low_confidence"]
    assert df["low_confidence"].sum() == 1
    assert df.loc["art2.p2", "text_az"] == ""
    assert df.loc["art2.p2", "ids_az"] == ""
    assert pd.isna(df.loc["art2.p2", "line_az"])
    assert df.loc["art1.p1", "line_kk"] == 5
    assert str(df["line_kk"].dtype) == "Int64"
    assert df.loc["art1.p1", "max_severity"] == "major"
    assert pd.isna(df.loc["pre.1", "max_severity"])
    assert df["n_divergences"].sum() == N_DIVERGENCES
    # severities are ordered: filtering "at least minor" works
    assert set(df[df["max_severity"] >= "minor"].index) == {"art1.p1", "art1.p2", "art2.p2", "art3.p1"}


def test_divergences_frame_columns_exactly(comparison):
    df = comparison.divergences_frame()
    assert list(df.columns) == [
        "id", "alignment_id", "article", "kind", "severity", "message", "languages", "lines",
        "resolution_agrees", "resolution_differs", "citation", "confidence", "decision",
        "decision_note", "suggestion", "citation_kk", "citation_az", "citation_ru",
        "quote_kk", "quote_az", "quote_ru",
    ]
    assert len(df) == N_DIVERGENCES


def test_divergences_frame_values(comparison):
    df = comparison.divergences_frame().set_index("id")
    row = df.loc["d-numbers-0001"]
    assert row["alignment_id"] == "art1.p1"
    assert row["article"] == "1"
    assert row["languages"] == "kk, az"
    assert row["lines"] == "kk:5, az:5"
    assert row["resolution_agrees"] == "kk"
    assert row["resolution_differs"] == "az"
    assert row["quote_kk"] == "30 күн"
    assert row["quote_az"] == "60 gün"
    assert pd.isna(row["quote_ru"])
    assert pd.isna(df.loc["d-markers-0002", "resolution_agrees"])
    assert list(df[df["severity"] == "major"].index) == ["d-numbers-0001", "d-structure-0004"]


def test_frames_of_two_languages_and_empty(comparison2, empty_comparison):
    assert [c for c in comparison2.to_frame().columns if c.startswith("text_")] == ["text_kk", "text_az"]
    assert list(comparison2.divergences_frame().columns)[-2:] == ["quote_kk", "quote_az"]
    empty = empty_comparison.to_frame()
    assert len(empty) == 0 and "text_az" in empty.columns
    assert len(empty_comparison.divergences_frame()) == 0


def test_html_summary_is_escaped(comparison):
    html = comparison._repr_html_()
    assert html == comparison_html_summary(comparison)
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    assert "7 records" in html and "1 low-confidence" in html
    assert 'lang="kk"' in html
