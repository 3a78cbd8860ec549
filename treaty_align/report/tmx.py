"""TMX 1.4b output: the aligned records as a translation memory for CAT tools.

One ``<tu>`` per aligned record (``tuid`` = record id) with a ``<tuv>`` per language that has
text. Record metadata goes into ``<prop>`` elements (``x-article``, ``x-block``, ``x-score``,
``x-low-confidence``, and for flagged records ``x-divergences`` and ``x-max-severity``);
findings become ``<note>`` elements so translators see them in the CAT tool:
``[major/numbers] Art. 1(1) · confidence 0.90 · ACCEPTED — <message>``, and a finding with a
review decision a second note, ``[review] accepted (A. B., 2026-01-02): <note>``.

The same facts of the n-th finding (in the order of the notes) are ``<prop>`` elements for tools
(TMX 1.4b leaves ``x-`` types to the user): ``x-finding-n-id``, ``x-finding-n-severity``,
``x-finding-n-kind``, ``x-finding-n-citation`` (English, no ``xml:lang``; once more with the
``xml:lang`` of each version for its citation in that document's own style, "1-бап 2-тармақ"),
``x-finding-n-confidence`` and, when reviewed, ``x-finding-n-decision`` with
``-decision-note``, ``-decision-by`` and ``-decision-date`` when set.
Language codes come from ``treaty_align/data/languages.json`` (``kk`` -> ``kk-KZ``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from treaty_align.report._common import (
    clean_text,
    decision_text,
    finding_header,
    language_tag,
    max_severity,
    record_segments,
    source_name,
)

if TYPE_CHECKING:
    from treaty_align.model import Comparison, Divergence

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: clauses and records are paragraphs or parts of them, not single sentences
SEGTYPE = "paragraph"


def _prop(parent: ET.Element, kind: str, value: str, lang: str | None = None) -> None:
    attrs = {"type": kind} if lang is None else {"type": kind, XML_LANG: language_tag(lang)}
    ET.SubElement(parent, "prop", attrs).text = clean_text(value)


def _finding_props(tu: ET.Element, n: int, d: "Divergence", languages: tuple[str, ...]) -> None:
    """Write the ``x-finding-n-*`` props of the ``n``-th finding ``d`` of a ``<tu>``."""
    key = f"x-finding-{n}"
    _prop(tu, f"{key}-id", d.id)
    _prop(tu, f"{key}-severity", d.severity)
    _prop(tu, f"{key}-kind", d.kind)
    if d.cite():
        _prop(tu, f"{key}-citation", d.cite())
    for lang in languages:  # each version's citation in its own style, tagged with its language
        if d.citation.get(lang):
            _prop(tu, f"{key}-citation", d.citation[lang], lang)
    if d.confidence is not None:
        _prop(tu, f"{key}-confidence", f"{d.confidence:.2f}")
    if d.decision is not None:
        _prop(tu, f"{key}-decision", d.decision.status)
        for field in ("note", "by", "date"):
            if getattr(d.decision, field):
                _prop(tu, f"{key}-decision-{field}", getattr(d.decision, field))


def tmx_tree(c: "Comparison") -> ET.Element:
    """Return the ``<tmx>`` element of ``c`` (header with all mandatory attributes, body)."""
    from treaty_align import __version__

    languages = tuple(c.languages)
    root = ET.Element("tmx", {"version": "1.4"})
    header = ET.SubElement(
        root,
        "header",
        {
            "creationtool": "treaty-align",
            "creationtoolversion": __version__,
            "segtype": SEGTYPE,
            "o-tmf": "treaty-align",
            "adminlang": "en",
            "srclang": language_tag(languages[0]) if languages else "*all*",
            "datatype": "plaintext",
        },
    )
    for lang in languages:
        name = source_name(c, lang)
        if name:
            _prop(header, f"x-source-{lang}", name)
    if c.authority:
        _prop(header, "x-authority", language_tag(c.authority))
    body = ET.SubElement(root, "body")
    for a in c.alignments:
        sides = [(lang, record_segments(a, lang)) for lang in languages]
        sides = [(lang, segs) for lang, segs in sides if a.text(lang).strip()]
        if not sides:  # a <tu> needs at least one <tuv>
            continue
        tu = ET.SubElement(body, "tu", {"tuid": a.id})
        # TMX 1.4b: a <tu> holds its notes and props before its <tuv>s
        for d in a.divergences:
            header = finding_header(d)
            note = ET.SubElement(tu, "note")
            note.text = clean_text(f"[{d.severity}/{d.kind}] {header + ' — ' if header else ''}{d.message}")
            if d.decision is not None:
                ET.SubElement(tu, "note").text = clean_text(f"[review] {decision_text(d.decision)}")
        if a.article is not None:
            _prop(tu, "x-article", a.article)
        if a.block:
            _prop(tu, "x-block", a.block)
        _prop(tu, "x-score", f"{float(a.score):.4f}")
        _prop(tu, "x-low-confidence", "true" if a.low_confidence else "false")
        worst = max_severity(a.divergences)
        if worst is not None:
            _prop(tu, "x-divergences", str(len(a.divergences)))
            _prop(tu, "x-max-severity", worst)
        for n, d in enumerate(a.divergences, 1):
            _finding_props(tu, n, d, languages)
        for lang, segs in sides:
            tuv = ET.SubElement(tu, "tuv", {XML_LANG: language_tag(lang)})
            _prop(tuv, "x-segment-ids", " ".join(s.id for s in segs))
            _prop(tuv, "x-line", str(segs[0].line))
            _prop(tuv, "x-location", segs[0].where)
            ET.SubElement(tuv, "seg").text = clean_text(a.text(lang))
    return root


def render_tmx(c: "Comparison") -> str:
    """Return ``c`` as a TMX 1.4b document (UTF-8 XML text with declaration and DOCTYPE)."""
    root = tmx_tree(c)
    ET.indent(root, space="  ")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
        + ET.tostring(root, encoding="unicode")
        + "\n"
    )
