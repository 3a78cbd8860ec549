"""The parser on the two bundled texts of the 2019 migration agreement: concrete structure."""

from __future__ import annotations

import re

import pytest

ARTICLE_10_IDS = ["art10.p1", "art10.p1.2", "art10.p1.3", "art10.p2", "art10.p3", "art10.p4", "art10.p4.2"]


@pytest.mark.parametrize("name", ["kk_treaty", "az_treaty"])
def test_seventeen_articles_in_order(name, request):
    treaty = request.getfixturevalue(name)
    assert treaty.articles == tuple(str(n) for n in range(1, 18))
    assert treaty.warnings == ()


@pytest.mark.parametrize("name", ["kk_treaty", "az_treaty"])
def test_article_6_has_thirteen_items(name, request):
    treaty = request.getfixturevalue(name)
    items = [s for s in treaty.article("6") if s.kind == "item"]
    assert [s.id for s in items] == [f"art6.i{n}" for n in range(1, 14)]


@pytest.mark.parametrize("name", ["kk_treaty", "az_treaty"])
def test_article_3_point_1_items(name, request):
    treaty = request.getfixturevalue(name)
    items = [s for s in treaty.article("3") if s.id.startswith("art3.p1.i")]
    assert [s.label for s in items] == ["1)", "2)", "3)", "4)", "5)"]
    assert [s.id for s in treaty.article("3") if s.kind == "paragraph"] == ["art3.p1", "art3.p2"]


@pytest.mark.parametrize("name", ["kk_treaty", "az_treaty"])
def test_article_10_points_and_paragraphs(name, request):
    treaty = request.getfixturevalue(name)
    assert [s.id for s in treaty.article("10")] == ARTICLE_10_IDS
    assert [s.label for s in treaty.article("10")] == ["1", None, None, "2", "3", "4", None]


def test_kazakh_ratification_law_is_instrument(kk_treaty):
    instruments = kk_treaty.of_kind("instrument")
    assert [s.id for s in instruments] == ["instr.1", "instr.2", "instr.3", "instr.4", "instr.5"]
    assert all(s.article is None for s in instruments)
    assert instruments[0].text.endswith("ратификациялау туралы")
    assert "51-VII" in instruments[1].text
    assert kk_treaty.title.endswith("ынтымақтастық туралы КЕЛІСІМ")
    assert kk_treaty.segment("title").line == 13


def test_azerbaijani_has_no_instrument_and_a_signature_block(az_treaty):
    assert az_treaty.of_kind("instrument") == ()
    assert az_treaty.title.endswith("əməkdaşlıq haqqında SAZIŞ")
    assert [s.text for s in az_treaty.of_kind("signature")] == [
        "Azərbaycan Respublikası Hökuməti adından",
        "N. Nuseynov",
        "Qazaxıstan Respublikası Hökuməti adından",
        "[Signature]",
    ]


@pytest.mark.parametrize("name,preamble,finals", [("kk_treaty", 5, 2), ("az_treaty", 6, 2)])
def test_preamble_and_final_clauses(name, preamble, finals, request):
    treaty = request.getfixturevalue(name)
    assert len(treaty.of_kind("preamble")) == preamble
    assert [s.id for s in treaty.of_kind("final")] == [f"final.{n}" for n in range(1, finals + 1)]
    assert treaty.of_kind("preamble")[-1].text.endswith(":")


def test_kazakh_wrapped_lines_joined_and_page_breaks_ignored(kk_treaty):
    # Art. 4(1) has a page break (three blank lines) between its 4th and 5th items
    items = [s for s in kk_treaty.article("4") if s.kind == "item"]
    assert len(items) == 6
    assert items[3].text.endswith("өзгерістер туралы;")
    assert items[4].line == 86
    assert kk_treaty.segment("art10.p4").text.startswith("Егер сұрау салынатын Тарап")
    assert kk_treaty.segment("art10.p4").text.endswith("толық немесе ішінара бас тартады.")


def test_azerbaijani_article_10_4_is_impersonal_text(az_treaty):
    seg = az_treaty.segment("art10.p4")
    assert seg.line == 173
    assert seg.text.endswith("köməklik göstərməkdən tam və ya qismən imtina edilir.")


@pytest.mark.parametrize("name", ["kk_treaty", "az_treaty"])
def test_no_markdown_or_heading_text_leaks(name, request):
    treaty = request.getfixturevalue(name)
    for seg in treaty.segments:
        assert not re.search(r"\*|#|^- |\s{2}|^\d+\.\s|\bMaddə \d+$|^\d+-бап$", seg.text), seg.id
        assert seg.text == seg.text.strip()


@pytest.mark.parametrize("name", ["kk_treaty", "az_treaty"])
def test_every_segment_traces_to_its_source(name, request):
    treaty = request.getfixturevalue(name)
    lines = treaty.source.split("\n")
    assert len({s.id for s in treaty.segments}) == len(treaty.segments)
    for seg in treaty.segments:
        assert seg.line >= 1
        start, end = seg.span
        assert treaty.line_at(start) == seg.line
        first_word = re.findall(r"\w+", seg.text)[0]
        assert first_word in lines[seg.line - 1]
        letters = lambda s: "".join(re.findall(r"[^\W_]", s))  # noqa: E731
        assert letters(seg.text) == letters(treaty.source[start:end])


def test_same_structure_in_both_versions(kk_treaty, az_treaty):
    def shape(t):
        return [s.id for s in t.segments if s.article]

    assert shape(kk_treaty) == shape(az_treaty)


def test_to_frame_columns(kk_treaty):
    frame = kk_treaty.to_frame()
    assert list(frame.columns) == ["id", "article", "kind", "label", "text", "line", "start", "end"]
    assert len(frame) == len(kk_treaty.segments) == 89
    assert frame.loc[frame["id"] == "art6.i13", "line"].item() == 129
