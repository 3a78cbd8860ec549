"""CSV output: one row per divergence, the same columns as ``Comparison.divergences_frame()``.

Written with the ``csv`` module (not pandas) so the CLI does not import pandas for it. Empty
cells stand for "none" (no resolution, language not quoted). Line ends are ``\\n``.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from treaty_align.report._common import clean_text, evidence_languages, evidence_lines
from treaty_align.report.frames import divergence_columns

if TYPE_CHECKING:
    from treaty_align.model import Comparison


def render_csv(c: "Comparison") -> str:
    """Return the findings of ``c`` as CSV text with a header row and one row per divergence.

    Columns: ``id, alignment_id, article, kind, severity, message, languages, lines,
    resolution_agrees, resolution_differs, citation, confidence, decision, decision_note,
    suggestion, citation_<lang>..., quote_<lang>...`` (see :mod:`treaty_align.report.frames`).
    """
    languages = tuple(c.languages)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(divergence_columns(languages))
    for a in c.alignments:
        for d in a.divergences:
            res = d.resolution
            row = [
                d.id,
                d.alignment_id or a.id,
                a.article or "",
                d.kind,
                d.severity,
                clean_text(d.message),
                evidence_languages(d.evidence),
                evidence_lines(d.evidence),
                ", ".join(res.agrees) if res else "",
                ", ".join(res.differs) if res else "",
                d.cite(),
                "" if d.confidence is None else f"{d.confidence:.2f}",
                d.decision.status if d.decision else "",
                clean_text(d.decision.note) if d.decision else "",
                clean_text(d.suggestion),
            ]
            for lang in languages:
                row.append(d.citation.get(lang, ""))
            for lang in languages:
                row.append(" … ".join(clean_text(e.quote) for e in d.evidence if e.language == lang))
            writer.writerow([_inert(cell) for cell in row])
    return buf.getvalue()


def _inert(cell: str) -> str:
    """Return ``cell`` so that a spreadsheet shows it as text, never runs it as a formula.

    Treaty text can start with '-', '+', '=' or '@' (a dash before a list item); spreadsheets
    would evaluate those, so such cells get a leading apostrophe (the OWASP advice).
    """
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell
