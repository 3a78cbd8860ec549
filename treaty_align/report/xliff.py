"""XLIFF 2.0 output: a bilingual view (first language -> second) for CAT tools.

XLIFF 2.0 names exactly one source and one target language per document, so with three
languages this writes the first two (``Comparison.languages`` order, pivot first); use TMX for
all of them. One ``<unit>`` per aligned record; findings become ``<note>`` elements.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from treaty_align.report._common import clean_text, language_tag

if TYPE_CHECKING:
    from treaty_align.model import Comparison

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"


def _nmtoken(value: str, used: set[str]) -> str:
    # unit ids must be NMTOKENs and unique within the <file>
    base = re.sub(r"[^\w.\-:]", "_", value) or "u"
    token, n = base, 2
    while token in used:
        token = f"{base}_{n}"
        n += 1
    used.add(token)
    return token


def render_xliff(c: "Comparison") -> str:
    """Return ``c`` as an XLIFF 2.0 document from its first language into its second."""
    languages = tuple(c.languages)
    source = languages[0] if languages else "und"
    target = languages[1] if len(languages) > 1 else None
    # the namespace is written as a plain xmlns attribute: ElementTree's default_namespace
    # option refuses the (correctly) unqualified attributes XLIFF uses
    attrs = {"xmlns": XLIFF_NS, "version": "2.0", "srcLang": language_tag(source)}
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
        notes = [("article", a.article or "")] if a.article else []
        notes.append(("score", f"{float(a.score):.4f}"))
        if a.low_confidence:
            notes.append(("low-confidence", "true"))
        notes += [(f"{d.severity}/{d.kind}", d.message) for d in a.divergences]
        notes_el = ET.SubElement(unit, "notes")
        for category, text in notes:
            ET.SubElement(notes_el, "note", {"category": category}).text = clean_text(text)
        state = "translated" if src_text.strip() and tgt_text.strip() else "initial"
        segment = ET.SubElement(unit, "segment", {"state": state})
        ET.SubElement(segment, "source").text = src_text
        if tgt_text.strip():
            ET.SubElement(segment, "target").text = tgt_text
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
