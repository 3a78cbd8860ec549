"""TMX 1.4b and XLIFF 2.0."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from tests.report.conftest import N_RECORDS

from treaty_align.report._common import language_tag
from treaty_align.report.tmx import render_tmx
from treaty_align.report.xliff import render_xliff

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MANDATORY = ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype")


def _props(el: ET.Element) -> dict[str, str]:
    return {p.get("type"): p.text for p in el.findall("prop")}


def test_tmx_parses_and_has_mandatory_header(comparison):
    root = ET.fromstring(render_tmx(comparison).encode("utf-8"))
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    for attr in MANDATORY:
        assert header.get(attr), attr
    assert header.get("segtype") in ("sentence", "paragraph")
    assert header.get("datatype") == "plaintext"
    assert header.get("srclang") == "kk-KZ"
    assert header.get("creationtool") == "treaty-align"


def test_tmx_language_codes_and_units(comparison):
    root = ET.fromstring(render_tmx(comparison).encode("utf-8"))
    tus = root.findall("body/tu")
    assert [tu.get("tuid") for tu in tus] == [a.id for a in comparison.alignments]
    assert len(tus) == N_RECORDS
    langs = {tuv.get(XML_LANG) for tu in tus for tuv in tu.findall("tuv")}
    assert langs == {"kk-KZ", "az-Latn-AZ", "ru-RU"}
    by_id = {tu.get("tuid"): tu for tu in tus}
    # the empty az side has no <tuv>
    assert [tuv.get(XML_LANG) for tuv in by_id["art2.p2"].findall("tuv")] == ["kk-KZ", "ru-RU"]
    props = _props(by_id["art1.p1"])
    assert props["x-article"] == "1"
    assert props["x-score"] == "0.8700"
    assert props["x-low-confidence"] == "false"
    assert props["x-divergences"] == "1"
    assert props["x-max-severity"] == "major"
    assert _props(by_id["art2.p1"])["x-low-confidence"] == "true"
    assert "x-divergences" not in _props(by_id["pre.1"])
    assert by_id["art1.p1"].find("note").text.startswith("[major/numbers]")
    seg = by_id["art3.p1"].find("tuv/seg").text
    assert "<script>alert(1)</script>" in seg  # text preserved, escaped in the file


def test_tmx_children_order_follows_dtd(comparison):
    # (note|prop)* before tuv+ in <tu>; (note|prop)* before seg in <tuv>
    root = ET.fromstring(render_tmx(comparison).encode("utf-8"))
    for tu in root.iter("tu"):
        tags = [c.tag for c in tu]
        first_tuv = tags.index("tuv")
        assert all(t in ("note", "prop") for t in tags[:first_tuv])
        assert all(t == "tuv" for t in tags[first_tuv:])
        for tuv in tu.findall("tuv"):
            assert [c.tag for c in tuv][-1] == "seg"


def test_tmx_drops_characters_xml_forbids(comparison):
    import dataclasses

    a = comparison.alignments[0]
    seg = dataclasses.replace(a.segments["kk"][0], text="page\x0cbreak\x00")
    bad = dataclasses.replace(a, segments={**a.segments, "kk": (seg,)})
    c = dataclasses.replace(comparison, alignments=(bad,))
    root = ET.fromstring(render_tmx(c).encode("utf-8"))
    assert root.find("body/tu/tuv/seg").text == "pagebreak"


def test_language_table():
    assert language_tag("kk") == "kk-KZ"
    assert language_tag("az") == "az-Latn-AZ"
    assert language_tag("ru") == "ru-RU"
    assert language_tag("xx") == "xx"


def test_xliff_parses(comparison):
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    root = ET.fromstring(render_xliff(comparison).encode("utf-8"))
    assert root.get("version") == "2.0"
    assert root.get("srcLang") == "kk-KZ" and root.get("trgLang") == "az-Latn-AZ"
    units = root.findall("x:file/x:unit", ns)
    assert len(units) == N_RECORDS
    omitted = next(u for u in units if u.get("id") == "art2.p2")
    assert omitted.find("x:segment", ns).get("state") == "initial"
    assert omitted.find("x:segment/x:target", ns) is None


# ------------------------------------------------ citations, confidence and review decisions

XLIFF = {"x": "urn:oasis:names:tc:xliff:document:2.0", "mda": "urn:oasis:names:tc:xliff:metadata:2.0"}
NUMBERS_MESSAGE = "time limit differs: 30 days (kk) vs 60 days (az)"


def _reviewed(c, status: str = "accepted", note: str = "the usual rendering", by: str = "A. B.",
              date: str = "2026-01-02"):
    """Return ``c`` with a review decision on the finding of record art1.p1 and none elsewhere."""
    import dataclasses

    from treaty_align.model import Decision

    out = []
    for a in c.alignments:
        if a.id == "art1.p1":
            (d,) = a.divergences
            a = a.with_divergences((dataclasses.replace(d, decision=Decision(status, note, by=by, date=date)),))
        out.append(a)
    return dataclasses.replace(c, alignments=tuple(out))


def _tu(c, tuid: str) -> ET.Element:
    root = ET.fromstring(render_tmx(c).encode("utf-8"))
    (tu,) = [tu for tu in root.findall("body/tu") if tu.get("tuid") == tuid]
    return tu


def _finding_props(tu: ET.Element, n: int) -> dict[tuple[str, str | None], str]:
    key = f"x-finding-{n}-"
    return {(p.get("type")[len(key):], p.get(XML_LANG)): p.text for p in tu.findall("prop")
            if p.get("type").startswith(key)}


def test_tmx_finding_has_citation_confidence_and_decision(comparison):
    tu = _tu(_reviewed(comparison), "art1.p1")
    assert [n.text for n in tu.findall("note")] == [
        f"[major/numbers] Art. 1(1) · confidence 0.90 · ACCEPTED — {NUMBERS_MESSAGE}",
        "[review] accepted (A. B., 2026-01-02): the usual rendering",
    ]
    assert _finding_props(tu, 1) == {
        ("id", None): "d-numbers-0001",
        ("severity", None): "major",
        ("kind", None): "numbers",
        ("citation", None): "Art. 1(1)",
        # each version's citation in its own style, tagged with its language
        ("citation", "kk-KZ"): "1-бап 1-тармақ",
        ("citation", "az-Latn-AZ"): "Maddə 1.1",
        ("citation", "ru-RU"): "ст. 1 п. 1",
        ("confidence", None): "0.90",
        ("decision", None): "accepted",
        ("decision-note", None): "the usual rendering",
        ("decision-by", None): "A. B.",
        ("decision-date", None): "2026-01-02",
    }


def test_tmx_finding_without_decision_or_confidence(comparison):
    import dataclasses

    tu = _tu(comparison, "art1.p2")
    assert [n.text for n in tu.findall("note")] == [
        "[minor/markers] Art. 1(2) · confidence 0.70 — obligation in kk (міндетті) is a permission in az (bilər)"]
    props = _finding_props(tu, 1)
    assert props[("confidence", None)] == "0.70" and props[("citation", "az-Latn-AZ")] == "Maddə 1.2"
    assert not any(k.startswith("decision") for k, _ in props)
    # a decision with no note, reviewer or date gives the status alone
    tu = _tu(_reviewed(comparison, "rejected", "", "", ""), "art1.p1")
    assert tu.findall("note")[1].text == "[review] rejected"
    assert [k for k, _ in _finding_props(tu, 1) if k.startswith("decision")] == ["decision"]
    # a finding without confidence or citation says nothing of them
    bare = [dataclasses.replace(a, divergences=tuple(dataclasses.replace(d, confidence=None, citation={})
                                                     for d in a.divergences)) for a in comparison.alignments]
    tu = _tu(dataclasses.replace(comparison, alignments=tuple(bare)), "art1.p1")
    assert tu.find("note").text == f"[major/numbers] {NUMBERS_MESSAGE}"
    assert set(_finding_props(tu, 1)) == {("id", None), ("severity", None), ("kind", None)}


def test_tmx_numbers_the_findings_of_a_record(comparison):
    import dataclasses

    a = next(a for a in comparison.alignments if a.id == "art1.p1")
    (d,) = a.divergences
    second = dataclasses.replace(d, id="d-numbers-0009", severity="minor", confidence=0.25)
    c = dataclasses.replace(comparison, alignments=tuple(
        x.with_divergences((d, second)) if x.id == "art1.p1" else x for x in comparison.alignments))
    tu = _tu(c, "art1.p1")
    assert [n.text.split(" ")[0] for n in tu.findall("note")] == ["[major/numbers]", "[minor/numbers]"]
    assert _finding_props(tu, 1)[("id", None)] == "d-numbers-0001"
    assert _finding_props(tu, 2)[("id", None)] == "d-numbers-0009"
    assert _finding_props(tu, 2)[("confidence", None)] == "0.25"


def test_tmx_notes_and_props_keep_to_the_dtd_attributes(comparison):
    # TMX 1.4b: <prop type (required) xml:lang o-encoding>, <note xml:lang o-encoding>
    root = ET.fromstring(render_tmx(_reviewed(comparison)).encode("utf-8"))
    for p in root.iter("prop"):
        assert p.get("type") and set(p.attrib) <= {"type", XML_LANG, "o-encoding"}
    for n in root.iter("note"):
        assert set(n.attrib) <= {XML_LANG, "o-encoding"}


def _unit(c, uid: str) -> ET.Element:
    root = ET.fromstring(render_xliff(c).encode("utf-8"))
    (unit,) = [u for u in root.findall("x:file/x:unit", XLIFF) if u.get("id") == uid]
    return unit


def _metas(group: ET.Element) -> dict[str, str]:
    return {m.get("type"): m.text for m in group.findall("mda:meta", XLIFF)}


def test_xliff_finding_note_has_citation_confidence_and_decision(comparison):
    unit = _unit(_reviewed(comparison), "art1.p1")
    notes = unit.findall("x:notes/x:note", XLIFF)
    assert [(n.get("category"), n.get("id"), n.get("priority"), n.text) for n in notes] == [
        ("article", None, None, "1"),
        ("score", None, None, "0.8700"),
        ("major/numbers", "d-numbers-0001", "1", f"Art. 1(1) · confidence 0.90 · ACCEPTED — {NUMBERS_MESSAGE}"),
        ("review", "d-numbers-0001-review", None, "accepted (A. B., 2026-01-02): the usual rendering"),
    ]


def test_xliff_finding_metadata(comparison):
    unit = _unit(_reviewed(comparison), "art1.p1")
    (group,) = unit.findall("mda:metadata/mda:metaGroup", XLIFF)
    # the metaGroup has the id of the finding's note
    assert (group.get("id"), group.get("category")) == ("d-numbers-0001", "finding")
    assert _metas(group) == {"id": "d-numbers-0001", "severity": "major", "kind": "numbers",
                             "citation": "Art. 1(1)", "confidence": "0.90", "decision": "accepted",
                             "decision-note": "the usual rendering", "decision-by": "A. B.",
                             "decision-date": "2026-01-02"}
    # the citation of the source and of the target version, each in its own style
    cited = {g.get("appliesTo"): _metas(g) for g in group.findall("mda:metaGroup", XLIFF)}
    assert cited == {"source": {"citation": "1-бап 1-тармақ"}, "target": {"citation": "Maddə 1.1"}}
    assert {g.get("category") for g in group.findall("mda:metaGroup", XLIFF)} == {"citation"}


def test_xliff_target_citation_follows_the_target_language():
    from tests.report.conftest import build_comparison

    unit = _unit(build_comparison(("kk", "ru")), "art1.p2")
    (group,) = unit.findall("mda:metadata/mda:metaGroup", XLIFF)
    cited = {g.get("appliesTo"): _metas(g)["citation"] for g in group.findall("mda:metaGroup", XLIFF)}
    assert cited == {"source": "1-бап 2-тармақ", "target": "ст. 1 п. 2"}
    assert _metas(group)["confidence"] == "0.70" and "decision" not in _metas(group)
    (note,) = [n for n in unit.findall("x:notes/x:note", XLIFF) if n.get("id")]
    assert (note.get("category"), note.get("priority")) == ("minor/markers", "5")


def test_xliff_keeps_to_the_core_and_metadata_schemas(comparison):
    # XLIFF 2.0 core: a <unit> holds module elements, then <notes>, then its segments; a <note>
    # has only id / appliesTo / category / priority (1..10) of its own, ids unique in the unit.
    # Metadata module: <mda:metadata> holds at least one <mda:metaGroup>, each holding at least
    # one <mda:meta> (type required) or <mda:metaGroup> (appliesTo source, target or ignorable).
    root = ET.fromstring(render_xliff(_reviewed(comparison)).encode("utf-8"))
    mda = "{" + XLIFF["mda"] + "}"
    core = "{" + XLIFF["x"] + "}"
    for unit in root.iter(core + "unit"):
        tags = [child.tag for child in unit]
        modules = [t for t in tags if not t.startswith(core)]
        assert tags == modules + [core + "notes"] * tags.count(core + "notes") + [core + "segment"] * tags.count(
            core + "segment")
        assert (mda + "metadata" in tags) == any(n.get("id") for n in unit.iter(core + "note"))
        ids = [n.get("id") for n in unit.iter(core + "note") if n.get("id")]
        assert len(ids) == len(set(ids))
        for n in unit.iter(core + "note"):
            assert set(n.attrib) <= {"id", "appliesTo", "category", "priority"}
            assert n.get("priority") is None or 1 <= int(n.get("priority")) <= 10
        for metadata in unit.iter(mda + "metadata"):
            assert len(metadata) >= 1 and all(g.tag == mda + "metaGroup" for g in metadata)
        for group in unit.iter(mda + "metaGroup"):
            assert len(group) >= 1 and group.get("appliesTo") in (None, "source", "target", "ignorable")
        for meta in unit.iter(mda + "meta"):
            assert meta.get("type") and meta.text
    # markup in a decision note is text, escaped in the file
    hostile = _reviewed(comparison, note='<b>bold</b> & "quoted"')
    (review,) = [n for n in _unit(hostile, "art1.p1").findall("x:notes/x:note", XLIFF) if n.get("category") == "review"]
    assert review.text == 'accepted (A. B., 2026-01-02): <b>bold</b> & "quoted"'
