"""The aligner on the bundled treaty: hand-made gold pairs, determinism, mismatched inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DATA
from treaty_align.align import align_treaties
from treaty_align.embed import get_encoder
from treaty_align.errors import InputError
from treaty_align.parse import parse_text


def _gold() -> list[tuple[str, str]]:
    lines = [ln for ln in (DATA / "gold_kk_az_art1-9.tsv").read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    return [tuple(ln.split("\t")) for ln in lines[1:]]


def _pairs(alignments) -> set[tuple[str, str]]:
    return {("+".join(s.id for s in r.segments["kk"]), "+".join(s.id for s in r.segments["az"]))
            for r in alignments}


@pytest.fixture(scope="module")
def aligned(kk_treaty, az_treaty, tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    results = {}
    for name in ("e5-small", "lexical"):
        enc = get_encoder(name, cache_dir=cache)
        results[name] = align_treaties({"kk": kk_treaty, "az": az_treaty}, enc.encode)
    return results


def test_gold_has_the_crosswise_pairs_of_article_2():
    gold = _gold()
    assert len(gold) == 57
    assert ("art2.i1", "art2.i2") in gold and ("art2.i2", "art2.i1") in gold


def test_e5_gets_every_gold_pair(aligned):
    got = _pairs(aligned["e5-small"].alignments)
    missing = [p for p in _gold() if p not in got]
    assert missing == []


def test_lexical_gets_at_least_90_percent(aligned):
    got = _pairs(aligned["lexical"].alignments)
    right = sum(p in got for p in _gold())
    assert right / len(_gold()) >= 0.9


def test_preamble_one_to_two_and_final_clauses(aligned):
    got = _pairs(aligned["e5-small"].alignments)
    assert {("pre.1", "pre.1+pre.2"), ("pre.5", "pre.6"), ("title", "title"),
            ("final.1", "final.1"), ("final.2", "final.2")} <= got


def test_instrument_aligns_to_nothing_and_says_so(aligned):
    records = [r for r in aligned["e5-small"].alignments if r.block == "instrument"]
    assert [r.id for r in records] == ["instr.1", "instr.2", "instr.3", "instr.4", "instr.5"]
    assert all(r.segments["az"] == () and "ratifying act" in r.note for r in records)


def test_every_record_has_a_score_and_no_segment_is_dropped(aligned, kk_treaty, az_treaty):
    records = aligned["e5-small"].alignments
    assert all(0.0 <= r.score <= 1.0 for r in records)
    for lang, treaty in (("kk", kk_treaty), ("az", az_treaty)):
        ids = [s.id for r in records for s in r.segments[lang]]
        assert sorted(ids) == sorted(s.id for s in treaty.segments)
    assert [r.id for r in records if r.low_confidence] == ["art2.i2"]


def test_records_follow_the_document(aligned):
    ids = [r.id for r in aligned["e5-small"].alignments]
    assert ids.index("title") < ids.index("pre.1") < ids.index("art1.1") < ids.index("art17.1") < ids.index("final.1")
    assert ids[-4:] == ["az:sig.1", "az:sig.2", "az:sig.3", "az:sig.4"]


def test_unrelated_treaty_is_refused(kk_treaty):
    # SYNTHETIC unrelated "treaty": articles about fisheries, not migration
    unrelated = "\n\n".join(
        f"Maddə {n}\n\n{text}" for n, text in enumerate([
            "Balıqçılıq gəmiləri limanda qeydiyyatdan keçir.",
            "Tutulan balığın miqdarı hər ay hesablanır.",
            "Gəmilərin texniki baxışı ildə bir dəfə aparılır.",
            "Dəniz ekologiyasının mühafizəsi üçün tədbirlər görülür.",
            "Balıq ehtiyatlarının elmi tədqiqatı birgə aparılır.",
            "Liman rüsumları milli qaydalara uyğun ödənilir.",
            "Gəmi heyətinin sağlamlığı yoxlanılır.",
            "Torların ölçüsü standartlara uyğun olmalıdır.",
            "Qadağan olunmuş dövrdə ov aparılmır.",
            "Mübahisələr arbitraj yolu ilə həll edilir.",
            "Yanacaq təchizatı limanda təşkil edilir.",
            "Hava proqnozu gəmilərə ötürülür.",
            "Balıq məhsullarının ixracı lisenziya ilə aparılır.",
            "Sahil mühafizəsi patrul xidməti aparır.",
            "Dəniz qəzaları barədə məlumat verilir.",
            "Akvakultura təsərrüfatları dəstəklənir.",
            "Bu saziş imzalandığı gündən qüvvəyə minir.",
        ], start=1)
    )
    other = parse_text("SAZİŞ\n\n" + unrelated, "az")
    enc = get_encoder("e5-small", use_cache=False)
    with pytest.raises(InputError, match="do not look like versions of the same treaty"):
        align_treaties({"kk": kk_treaty, "az": other}, enc.encode)


def test_renumbered_articles_are_paired_by_content(kk_treaty, az_treaty):
    # drop Article 5 from the Azerbaijani version: numbering then differs and content decides
    text = Path(az_treaty.source_path).read_text(encoding="utf-8")
    start = text.index("### Maddə 5")
    end = text.index("## Maddə 6")
    shortened = parse_text(text[:start] + text[end:], "az")
    enc = get_encoder("lexical")
    result = align_treaties({"kk": kk_treaty, "az": shortened}, enc.encode)
    assert any("article 5 has no counterpart" in w for w in result.warnings)
    by_kk = {r.segments["kk"][0].id: r for r in result.alignments if r.segments["kk"]}
    assert by_kk["art5.p1"].segments["az"] == ()
    assert [s.id for s in by_kk["art6.i13"].segments["az"]] == ["art6.i13"]


def test_three_way_with_russian_pivot_on_synthetic_fixtures():
    from treaty_align.pipeline import compare_treaties

    syn = DATA / "synthetic"
    result = compare_treaties(syn / "kk.md", syn / "az.md", ru=syn / "ru.md", encoder="e5-small", use_cache=False)
    assert result.languages == ("ru", "kk", "az")
    assert result.authority == "ru"
    table = {r.id: {lang: [s.id for s in segs] for lang, segs in r.segments.items()} for r in result.alignments}
    assert table["title"] == {"ru": ["title"], "kk": ["title"], "az": ["title"]}
    # the Azerbaijani fixture lists items 2 and 3 the other way round
    assert table["art2.p1.i2"] == {"ru": ["art2.p1.i2"], "kk": ["art2.p1.i2"], "az": ["art2.p1.i3"]}
    assert table["art2.p1.i3"] == {"ru": ["art2.p1.i3"], "kk": ["art2.p1.i3"], "az": ["art2.p1.i2"]}
    assert table["final.1"] == {"ru": ["final.1"], "kk": ["final.1"], "az": ["final.1"]}
    assert len(result.alignments) == 12


def test_one_article_treaties_are_paired_by_number(kk_treaty, az_treaty):
    from dataclasses import replace

    def cut(t):
        return replace(t, segments=tuple(s for s in t.segments if s.article in (None, "1")))

    enc = get_encoder("lexical")
    result = align_treaties({"kk": cut(kk_treaty), "az": cut(az_treaty)}, enc.encode)
    pairs = _pairs(result.alignments)
    assert {("art1.1", "art1.1"), ("art1.2", "art1.2")} <= pairs
    assert not any("no counterpart" in w for w in result.warnings)


def test_russian_authority_resolves_a_planted_divergence(tmp_path):
    """SYNTHETIC trilingual fixtures; the az copy gets 60 days where ru and kk say 30."""
    from treaty_align.pipeline import compare_treaties

    syn = DATA / "synthetic"
    az = tmp_path / "az.md"
    az.write_text((syn / "az.md").read_text(encoding="utf-8").replace("30 gün", "60 gün"), encoding="utf-8")
    result = compare_treaties(syn / "kk.md", az, ru=syn / "ru.md", encoder="e5-small", use_cache=False)
    numbers = [d for d in result.divergences if d.kind == "numbers"]
    assert len(numbers) == 1 and numbers[0].severity == "major"
    res = numbers[0].resolution
    assert (res.authority, res.agrees, res.differs) == ("ru", ("kk",), ("az",))
    assert "30" in res.text


def test_every_clause_of_a_statute_with_chapter_titles_is_in_one_record():
    # chapter titles stand outside any article: they are aligned with the chapters, and no
    # clause of a block of another kind is ever left out of the records
    from tests.parse.test_layouts import AZ_STATUTE, RU_STATUTE
    from treaty_align.pipeline import compare_treaties
    from treaty_align.parse import parse_text

    c = compare_treaties(parse_text(AZ_STATUTE, "az"), parse_text(RU_STATUTE, "ru"), encoder="lexical", use_cache=False)
    for lang in ("az", "ru"):
        placed = [s.id for a in c.alignments for s in a.segments.get(lang, ())]
        assert sorted(placed) == sorted(s.id for s in c.treaties[lang].segments)
    titles = next(a for a in c.alignments if a.id == "chapter1.title")
    assert [s.text for s in titles.segments["az"]] == ["ÜMUMİ MÜDDƏALAR"]
    assert [s.text for s in titles.segments["ru"]] == ["ОБЩИЕ ПОЛОЖЕНИЯ"]
