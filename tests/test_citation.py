"""Citations in each document's own style, computed from segment ids and labels."""

from __future__ import annotations

import pytest

from treaty_align.citation import cite, citations, place_of
from treaty_align.model import Segment


def seg(seg_id: str, article: str | None = None, label: str | None = None, kind: str = "paragraph") -> Segment:
    return Segment(seg_id, kind, "synthetic text", 1, (0, 14), article, label)


@pytest.mark.parametrize("seg_id, article, label, expected", [
    ("art10.p1", "10", "1", {"en": "Art. 10(1)", "kk": "10-бап 1-тармақ", "ru": "ст. 10 п. 1", "az": "Maddə 10.1"}),
    ("art10.p1.3", "10", None, {"en": "Art. 10(1), third paragraph", "kk": "10-бап 1-тармақ, 3-абзац",
                                "ru": "ст. 10 п. 1, абз. 3", "az": "Maddə 10.1, abzas 3"}),
    ("art3.p1.i2", "3", "б)", {"en": "Art. 3(1)(b)", "kk": "3-бап 1-тармақ б) тармақша",
                               "ru": "ст. 3 п. 1 пп. б", "az": "Maddə 3.1.б"}),
    ("art6.i13", "6", "13)", {"en": "Art. 6(13)", "kk": "6-бап 13) тармақша", "ru": "ст. 6 пп. 13",
                              "az": "Maddə 6, 13) bənd"}),
    ("art4.2", "4", None, {"en": "Art. 4, second paragraph", "kk": "4-бап, 2-абзац", "ru": "ст. 4, абз. 2",
                           "az": "Maddə 4, abzas 2"}),
    ("pre.3", None, None, {"en": "Preamble, third paragraph", "kk": "кіріспе, 3-абзац",
                           "ru": "преамбула, абз. 3", "az": "Preambula, abzas 3"}),
    ("final.2", None, None, {"en": "Final provisions, second paragraph", "kk": "қорытынды ережелер, 2-абзац",
                             "ru": "заключительные положения, абз. 2", "az": "Yekun müddəaları, abzas 2"}),
    # a container prefix a parser may add (a chapter) does not change the article's citation
    ("ch2.art12.p3", "12", "3", {"en": "Art. 12(3)", "kk": "12-бап 3-тармақ", "ru": "ст. 12 п. 3",
                                 "az": "Maddə 12.3"}),
    ("art7_2.p1", "7", "1", {"en": "Art. 7(1)", "kk": "7-бап 1-тармақ", "ru": "ст. 7 п. 1", "az": "Maddə 7.1"}),
    # the preamble and final clauses of a collection's second act are cited like the first's
    ("pre_2.3", None, None, {"en": "Preamble, third paragraph", "ru": "преамбула, абз. 3"}),
    ("final_2.2", None, None, {"en": "Final provisions, second paragraph", "kk": "қорытынды ережелер, 2-абзац"}),
])
def test_citation_styles(seg_id, article, label, expected):
    s = seg(seg_id, article, label, kind="item" if ".i" in seg_id else "paragraph")
    assert {lang: cite(s, lang) for lang in expected} == expected


def test_title_signature_and_unknown_language():
    assert cite(seg("title", kind="title"), "en") == "Title"
    assert cite(seg("title_2", kind="title"), "en") == "Title"
    assert cite(seg("sig.1", kind="signature"), "ru") == "подписи"
    assert cite(seg("art1.p1", "1", "1"), "xx") == ""


def test_place_of_reads_the_id():
    p = place_of(seg("art3.p1.i2", "3", "2)", kind="item"))
    assert (p.block, p.article, p.point, p.items, p.paragraph) == ("article", "3", "1", ((2, "2)"),), None)


def test_citations_take_english_from_the_chosen_language():
    kk = seg("art2.p4", "2", "4")
    ru = seg("art2.p5", "2", "5")  # the Russian text numbers the point differently
    out = citations({"kk": kk, "ru": ru}, english_from="ru")
    assert out == {"kk": "2-бап 4-тармақ", "ru": "ст. 2 п. 5", "en": "Art. 2(5)"}
    assert citations({"kk": kk, "ru": ru})["en"] == "Art. 2(4)"


def test_chapter_containers():
    s = seg("chapter2", kind="container")
    assert {lang: cite(s, lang) for lang in ("en", "kk", "ru", "az")} == {
        "en": "Chapter 2", "kk": "2-тарау", "ru": "глава 2", "az": "Fəsil 2"}


@pytest.mark.parametrize("seg_id, article, label, expected", [
    # numbered points of a letter without article headings, compared as articles
    ("pt5.p5", "5", "5", {"en": "Point 5", "kk": "5-тармақ", "ru": "п. 5", "az": "Bənd 5"}),
    ("pt5.p5.2", "5", None, {"en": "Point 5, second paragraph", "kk": "5-тармақ, 2-абзац",
                             "ru": "п. 5, абз. 2", "az": "Bənd 5, abzas 2"}),
    ("pt6.p6.i3", "6", "(iii)", {"en": "Point 6(iii)", "kk": "6-тармақ iii) тармақша", "ru": "п. 6 пп. iii",
                                 "az": "Bənd 6, iii) bənd"}),
    ("cert.1", None, None, {"en": "Certification of the copy", "kk": "куәландыру жазбасы",
                            "ru": "заверительная надпись", "az": "təsdiq qeydi"}),
])
def test_citation_of_points_without_articles_and_of_the_certification(seg_id, article, label, expected):
    s = seg(seg_id, article, label, kind="item" if ".i" in seg_id else "paragraph")
    assert {lang: cite(s, lang) for lang in expected} == expected
