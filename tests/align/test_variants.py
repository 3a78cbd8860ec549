"""The aligner on variants of the bundled treaty built in the test: articles in another order,
a list item removed, the versions given the other way round, the treaty repeated in one file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import AZ_PATH, KK_PATH
from treaty_align.align import align_treaties
from treaty_align.embed import get_encoder
from treaty_align.parse import parse_text
from treaty_align.pipeline import compare_treaties

AZ_HEADING = re.compile(r"^[#* ]*Maddə \d+", re.M)
# az articles in this order (0-based positions of Articles 1..16; Article 17 keeps its place)
SHUFFLE = [0, 7, 2, 1, 4, 3, 9, 5, 6, 8, 10, 11, 13, 12, 14, 15]


def _shuffled_az() -> str:
    text = AZ_PATH.read_text(encoding="utf-8")
    heads = [m.start() for m in AZ_HEADING.finditer(text)]
    chunks = [text[heads[i]:heads[i + 1]] for i in range(len(heads) - 1)]
    return text[:heads[0]] + "".join(chunks[i] for i in SHUFFLE) + text[heads[-1]:]


def _pairs(alignments) -> set[tuple[str, str]]:
    return {("+".join(s.id for s in r.segments["kk"]), "+".join(s.id for s in r.segments["az"]))
            for r in alignments}


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def encoders(cache):
    return {name: get_encoder(name, cache_dir=cache) for name in ("e5-small", "lexical")}


@pytest.mark.parametrize("encoder", ["e5-small", "lexical"])
def test_articles_in_another_order_are_paired_by_number(kk_treaty, az_treaty, encoders, encoder):
    shuffled = parse_text(_shuffled_az(), "az")
    assert shuffled.articles[:4] == ("1", "8", "3", "2")
    enc = encoders[encoder]
    plain = align_treaties({"kk": kk_treaty, "az": az_treaty}, enc.encode)
    moved = align_treaties({"kk": kk_treaty, "az": shuffled}, enc.encode)
    assert len(moved.alignments) == len(plain.alignments)
    assert _pairs(moved.alignments) == _pairs(plain.alignments)
    assert not any(r.segments["kk"] and r.segments["az"]
                   and r.segments["kk"][0].article != r.segments["az"][0].article for r in moved.alignments)
    assert any("another order" in w and "paired by number" in w for w in moved.warnings)
    assert not any("numbering differs" in w or "is paired with" in w for w in moved.warnings)


def test_articles_in_another_order_on_the_command_line(tmp_path, capsys):
    from treaty_align.cli import main

    shuffled = tmp_path / "az.md"
    shuffled.write_text(_shuffled_az(), encoding="utf-8")
    assert main(["compare", str(KK_PATH), str(AZ_PATH), "--encoder", "lexical", "--format", "json",
                 "-o", str(tmp_path / "plain.json"), "-q"]) == 0
    assert main(["compare", str(KK_PATH), str(shuffled), "--encoder", "lexical", "--format", "json",
                 "-o", str(tmp_path / "moved.json")]) == 0
    err = capsys.readouterr().err.splitlines()
    # one warning per fact, the moved articles named, not a "jump" at each of them; line 25 is
    # Article 8's heading, the first out of place (after Article 1, lines 19-24)
    assert err[:2] == [
        "treaty-align: warning: az: line 25: the articles are not in numerical order "
        "(1, 8, 3, 2, 5, 4, 10, 6, …), though each of 1-17 appears once: they are compared by number",
        "treaty-align: warning: kk/az: articles stand in another order (e.g. az article 8, 2, 4, 10, 6); "
        "articles were paired by number",
    ]
    assert not any("jumps" in e or "first article is numbered" in e or "numbering differs" in e for e in err)
    plain, moved = (json.loads((tmp_path / f"{n}.json").read_text(encoding="utf-8")) for n in ("plain", "moved"))
    assert moved["summary"] == plain["summary"] and moved["summary"]["records"] == 94
    assert sorted(d["id"] for r in moved["alignments"] for d in r["divergences"]) == \
        sorted(d["id"] for r in plain["alignments"] for d in r["divergences"])


def test_articles_in_another_order_add_no_findings(cache, tmp_path):
    shuffled = tmp_path / "az.md"
    shuffled.write_text(_shuffled_az(), encoding="utf-8")
    plain = compare_treaties(KK_PATH, AZ_PATH, encoder="e5-small", cache_dir=cache)
    moved = compare_treaties(KK_PATH, shuffled, encoder="e5-small", cache_dir=cache)
    assert sorted(d.id for d in moved.divergences) == sorted(d.id for d in plain.divergences)


@pytest.mark.parametrize("dropped, kk_alone, pairs", [
    # gender removed: kk gender stands alone, date of birth pairs with date of birth
    ("cinsi;", "art6.i2", [("art6.i3", "art6.i2"), ("art6.i4", "art6.i3"), ("art6.i13", "art6.i12")]),
    # citizenship removed: the items before it keep their pairs
    ("vətəndaşlığı;", "art6.i5", [("art6.i4", "art6.i4"), ("art6.i6", "art6.i5")]),
])
def test_a_removed_list_item_leaves_its_neighbours_paired(kk_treaty, encoders, dropped, kk_alone, pairs):
    text = AZ_PATH.read_text(encoding="utf-8")
    assert text.count(dropped + "\n") == 1
    az = parse_text(text.replace(dropped + "\n", "", 1), "az")
    result = align_treaties({"kk": kk_treaty, "az": az}, encoders["e5-small"].encode)
    got = _pairs(result.alignments)
    assert (kk_alone, "") in got
    assert set(pairs) <= got


def test_a_close_call_next_to_an_omission_is_low_confidence(kk_treaty, encoders):
    text = AZ_PATH.read_text(encoding="utf-8")
    az = parse_text(text.replace("cinsi;\n", "", 1), "az")
    result = align_treaties({"kk": kk_treaty, "az": az}, encoders["e5-small"].encode)
    by_kk = {r.segments["kk"][0].id: r for r in result.alignments if r.segments["kk"]}
    after_gap = by_kk["art6.i3"]
    assert after_gap.low_confidence and after_gap.confidence < after_gap.score
    assert not by_kk["art6.i1"].low_confidence and by_kk["art6.i1"].confidence == by_kk["art6.i1"].score


def test_the_missing_item_finding_lands_on_the_removed_item(tmp_path, cache):
    az = tmp_path / "az.md"
    az.write_text(AZ_PATH.read_text(encoding="utf-8").replace("cinsi;\n", "", 1), encoding="utf-8")
    result = compare_treaties(KK_PATH, az, encoder="e5-small", cache_dir=cache)
    # the same finding on the same Kazakh clause is not new (the az ids after the gap shift)
    plain = {(d.alignment_id, d.kind, d.message)
             for d in compare_treaties(KK_PATH, AZ_PATH, encoder="e5-small", cache_dir=cache).divergences}
    new = [d for d in result.divergences if (d.alignment_id, d.kind, d.message) not in plain]
    assert [(d.alignment_id, d.kind, d.severity) for d in new] == [("art6.i2", "structure", "major")]
    assert [e.segment_id for e in new[0].evidence if e.language == "kk"] == ["art6.i2"]


@pytest.mark.parametrize("encoder", ["e5-small", "lexical"])
def test_finding_ids_do_not_depend_on_argument_order(encoder, tmp_path, cache):
    # a planted change gives the checks something more to find than the bundled differences
    az = tmp_path / "az.md"
    az.write_text(AZ_PATH.read_text(encoding="utf-8").replace("45 gün", "75 gün"), encoding="utf-8")
    forward = compare_treaties(KK_PATH, az, encoder=encoder, cache_dir=cache)
    backward = compare_treaties(az, KK_PATH, encoder=encoder, cache_dir=cache)
    ids = sorted(d.id for d in forward.divergences)
    assert len(ids) >= 5
    assert ids == sorted(d.id for d in backward.divergences)


def test_a_treaty_repeated_in_one_file_pairs_copies_in_order(encoders):
    copies = 10
    kk = parse_text("\n\n".join([KK_PATH.read_text(encoding="utf-8")] * copies), "kk")
    az = parse_text("\n\n".join([AZ_PATH.read_text(encoding="utf-8")] * copies), "az")
    assert kk.articles.count("1#10") == 1

    def copy(seg) -> str:
        return seg.article.partition("#")[2] or "1" if seg.article else "-"

    result = align_treaties({"kk": kk, "az": az}, encoders["lexical"].encode)
    both = [r for r in result.alignments if r.segments["kk"] and r.segments["az"] and r.article]
    assert len(both) > 60 * copies
    assert all({copy(s) for s in r.segments["kk"]} == {copy(s) for s in r.segments["az"]} for r in both)
    assert not any("paired with" in w or "no counterpart" in w for w in result.warnings)


def test_each_act_of_a_collection_keeps_its_own_closing_and_preface(kk_treaty, az_treaty):
    # the last article of each act but the last held that act's final clauses and signatures
    # and the next act's ratifying law, title and preamble: false findings in every copy
    kk = parse_text("\n\n".join([KK_PATH.read_text(encoding="utf-8")] * 3), "kk")
    az = parse_text("\n\n".join([AZ_PATH.read_text(encoding="utf-8")] * 3), "az")
    assert [s.id for s in kk.segments if s.kind == "title"] == ["title", "title_2", "title_3"]
    assert [s.id for s in az.of_kind("final")] == ["final.1", "final.2", "final_2.1", "final_2.2",
                                                    "final_3.1", "final_3.2"]
    assert [s.id for s in az.of_kind("signature")][3:6] == ["sig.4", "sig_2.1", "sig_2.2"]
    assert [s.id for s in kk.of_kind("instrument")][4:7] == ["instr.5", "instr_2.1", "instr_2.2"]
    for copy in ("17", "17#2", "17#3"):
        assert [s.text for s in kk.article(copy)] == [s.text for s in kk_treaty.article("17")]
        assert [s.text for s in az.article(copy)] == [s.text for s in az_treaty.article("17")]
    assert not any("duplicate clause id" in w for w in kk.warnings + az.warnings)


def test_a_collection_of_three_acts_has_three_times_the_findings_of_one(tmp_path):
    kk, az = tmp_path / "kk.txt", tmp_path / "az.md"
    kk.write_text("\n\n".join([KK_PATH.read_text(encoding="utf-8")] * 3), encoding="utf-8")
    az.write_text("\n\n".join([AZ_PATH.read_text(encoding="utf-8")] * 3), encoding="utf-8")
    one = compare_treaties(KK_PATH, AZ_PATH, encoder="lexical", use_cache=False)
    three = compare_treaties(kk, az, encoder="lexical", use_cache=False)

    def majors(c) -> list[tuple[str, str]]:
        return sorted((d.kind, re.sub(r"_\d+", "", d.alignment_id)) for d in c.divergences if d.severity == "major")

    assert len(majors(one)) == 5
    assert majors(three) == sorted(majors(one) * 3)
    finals = [r for r in three.alignments if r.block == "final"]
    assert [(r.segments["kk"][0].id, r.segments["az"][0].id) for r in finals] == [
        ("final.1", "final.1"), ("final.2", "final.2"), ("final_2.1", "final_2.1"),
        ("final_2.2", "final_2.2"), ("final_3.1", "final_3.1"), ("final_3.2", "final_3.2")]


def test_an_article_dropped_and_the_rest_renumbered_is_paired_by_content(kk_treaty, encoders):
    text = AZ_PATH.read_text(encoding="utf-8")
    heads = [m.start() for m in AZ_HEADING.finditer(text)]
    # drop Article 15 and number Articles 16 and 17 as 15 and 16, as a version that lost one would
    rest = re.sub(r"Maddə (\d+)", lambda m: f"Maddə {int(m.group(1)) - 1}", text[heads[15]:])
    az = parse_text(text[:heads[14]] + rest, "az")
    assert az.articles[-3:] == ("14", "15", "16")
    result = align_treaties({"kk": kk_treaty, "az": az}, encoders["lexical"].encode)
    by_kk = {r.segments["kk"][0].id: r for r in result.alignments if r.segments["kk"]}
    assert by_kk["art15.1"].segments["az"] == ()
    assert [s.article for s in by_kk["art16.1"].segments["az"]] == ["15"]
    assert [s.article for s in by_kk["art17.1"].segments["az"]] == ["16"]
    assert [s.article for s in by_kk["art14.1"].segments["az"]] == ["14"]
    assert "kk article 15 has no counterpart" in result.warnings
