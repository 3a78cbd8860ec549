"""XLIFF 2.0 output: a bilingual view (first language -> second) for CAT tools.

XLIFF 2.0 names exactly one source and one target language per document, so with three
languages this writes the first two (``Comparison.languages`` order, pivot first); use TMX for
all of them. One ``<unit>`` per aligned record.

Findings are written the two standard ways of XLIFF 2.0:

* for the translator, a ``<note>`` per finding (``id`` = the finding's id, ``category`` =
  ``severity/kind``, ``priority`` 1 for major, 5 for minor, 9 for info) whose text is
  ``Art. 1(1) · confidence 0.90 · ACCEPTED — <message>``, and for a reviewed finding a second
  note (``category="review"``): ``accepted (A. B., 2026-01-02): <note>``;
* for tools, the Metadata module (``mda``, ``urn:oasis:names:tc:xliff:metadata:2.0``): one
  ``<mda:metaGroup category="finding">`` per finding, with the same ``id`` as its note, holding
  ``<mda:meta>`` of type ``id``, ``severity``, ``kind``, ``citation`` (English), ``confidence``
  and, when reviewed, ``decision``, ``decision-note``, ``decision-by``, ``decision-date``; and a
  nested ``<mda:metaGroup category="citation" appliesTo="source|target">`` with the citation in
  that version's own style ("1-бап 2-тармақ", "ст. 1 п. 2").

The core schema puts module elements first in a ``<unit>``, then ``<notes>``, then segments.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from treaty_align.report._common import clean_text, decision_text, finding_header, language_tag

if TYPE_CHECKING:
    from treaty_align.model import Comparison, Divergence

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
MDA_NS = "urn:oasis:names:tc:xliff:metadata:2.0"
#: note priority (XLIFF 2.0: 1 is the highest, 10 the lowest) of each severity
PRIORITY = {"major": "1", "minor": "5", "info": "9"}


def _nmtoken(value: str, used: set[str]) -> str:
    # unit and note ids must be NMTOKENs and unique within their scope (<file>, <unit>)
    base = re.sub(r"[^\w.\-:]", "_", value) or "u"
    token, n = base, 2
    while token in used:
        token = f"{base}_{n}"
        n += 1
    used.add(token)
    return token


def _meta(group: ET.Element, kind: str, value: str) -> None:
    ET.SubElement(group, "mda:meta", {"type": kind}).text = clean_text(value)


def _finding_group(metadata: ET.Element, token: str, d: "Divergence", source: str, target: str | None) -> None:
    """Write the ``<mda:metaGroup>`` of finding ``d`` (``id`` = ``token``) into ``metadata``."""
    group = ET.SubElement(metadata, "mda:metaGroup", {"id": token, "category": "finding"})
    _meta(group, "id", d.id)
    _meta(group, "severity", d.severity)
    _meta(group, "kind", d.kind)
    if d.cite():
        _meta(group, "citation", d.cite())
    if d.confidence is not None:
        _meta(group, "confidence", f"{d.confidence:.2f}")
    if d.decision is not None:
        _meta(group, "decision", d.decision.status)
        for field in ("note", "by", "date"):
            if getattr(d.decision, field):
                _meta(group, f"decision-{field}", getattr(d.decision, field))
    for side, lang in (("source", source), ("target", target)):
        if lang and d.citation.get(lang):
            cited = ET.SubElement(group, "mda:metaGroup", {"category": "citation", "appliesTo": side})
            _meta(cited, "citation", d.citation[lang])


def render_xliff(c: "Comparison") -> str:
    """Return ``c`` as an XLIFF 2.0 document from its first language into its second."""
    languages = tuple(c.languages)
    source = languages[0] if languages else "und"
    target = languages[1] if len(languages) > 1 else None
    # the namespaces are written as plain xmlns attributes: ElementTree's default_namespace
    # option refuses the (correctly) unqualified attributes XLIFF uses
    attrs = {"xmlns": XLIFF_NS, "xmlns:mda": MDA_NS, "version": "2.0", "srcLang": language_tag(source)}
    if target:
        attrs["trgLang"] = language_tag(target)
    root = ET.Element("xliff", attrs)
    file_el = ET.SubElement(root, "file", {"id": "f1"})
    used: set[str] = set()
    for a in c.alignments:
        src_text = clean_text(a.text(source))
        tgt_text = clean_text(a.text(target)) if target else ""
        if not src_text.strip() and not tgt_text.strip():
            continue
        unit = ET.SubElement(file_el, "unit", {"id": _nmtoken(a.id, used)})
        note_ids: set[str] = set()
        tokens = [_nmtoken(d.id, note_ids) for d in a.divergences]
        if a.divergences:  # <mda:metadata> needs at least one <mda:metaGroup>
            metadata = ET.SubElement(unit, "mda:metadata")
            for token, d in zip(tokens, a.divergences):
                _finding_group(metadata, token, d, source, target)
        notes_el = ET.SubElement(unit, "notes")
        if a.article:
            ET.SubElement(notes_el, "note", {"category": "article"}).text = clean_text(a.article)
        ET.SubElement(notes_el, "note", {"category": "score"}).text = f"{float(a.score):.4f}"
        if a.low_confidence:
            ET.SubElement(notes_el, "note", {"category": "low-confidence"}).text = "true"
        for token, d in zip(tokens, a.divergences):
            header = finding_header(d)
            ET.SubElement(notes_el, "note", {"id": token, "category": f"{d.severity}/{d.kind}",
                                             "priority": PRIORITY.get(d.severity, "5")}).text = clean_text(
                f"{header + ' — ' if header else ''}{d.message}")
            if d.decision is not None:
                ET.SubElement(notes_el, "note", {"id": _nmtoken(f"{token}-review", note_ids),
                                                 "category": "review"}).text = clean_text(decision_text(d.decision))
        state = "translated" if src_text.strip() and tgt_text.strip() else "initial"
        segment = ET.SubElement(unit, "segment", {"state": state})
        ET.SubElement(segment, "source").text = src_text
        if tgt_text.strip():
            ET.SubElement(segment, "target").text = tgt_text
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
