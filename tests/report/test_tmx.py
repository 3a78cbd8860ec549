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
