"""Markdown report: summary counts, then findings grouped by article.

Treaty text and messages are escaped so that Markdown and inline HTML in them show as typed
(a ``*`` in a clause does not start emphasis, ``<script>`` does not become a tag).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from treaty_align.report._common import (
    clean_text,
    format_score,
    groups,
    kind_severity_counts,
    language_name,
    low_confidence_count,
    severity_counts,
    sorted_divergences,
    source_name,
    title_of,
)

if TYPE_CHECKING:
    from treaty_align.model import Comparison, Divergence

# CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that can start
# markup inside a line or a table cell.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


def md_escape(text: str) -> str:
    """Return ``text`` on one line with Markdown and HTML markup characters backslash-escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(clean_text(text).split()))


def _finding(d: "Divergence", record_id: str) -> list[str]:
    where = f" · {md_escape(d.cite())}" if d.cite() else ""
    sure = f" · confidence {d.confidence:.2f}" if d.confidence is not None else ""
    review = f" · **{d.decision.status.upper()}**" if d.decision else ""
    lines = [
        f"- **{d.severity.upper()}** · `{d.kind}`{where} · record `{record_id}` · id `{d.id}`"
        f"{sure}{review} — {md_escape(d.message)}"
    ]
    for e in d.evidence:
        cited = d.citation.get(e.language)
        place = f", {md_escape(cited)}" if cited else ""
        lines.append(f"  - {e.language}{place}, {md_escape(e.where)}: «{md_escape(e.quote)}»")
    if d.suggestion:
        lines.append(f"  - suggested (as this document writes it elsewhere): {md_escape(d.suggestion)}")
    if d.decision is not None:
        note = f": {md_escape(d.decision.note)}" if d.decision.note else ""
        by = f" ({md_escape(d.decision.by)}{', ' + md_escape(d.decision.date) if d.decision.date else ''})" \
            if d.decision.by else (f" ({md_escape(d.decision.date)})" if d.decision.date else "")
        lines.append(f"  - review: {d.decision.status}{by}{note}")
    res = d.resolution
    if res is not None:
        said = f": «{md_escape(res.text)}»" if res.text else ""
        lines.append(f"  - authoritative text ({md_escape(res.authority)}) {res.verdict()}{said}")
    return lines


def render_markdown(c: "Comparison") -> str:
    """Return the Markdown report of ``c``.

    Sections: title and sources, summary (records, low-confidence, findings by severity and by
    check), warnings, findings grouped by article (severity, check, record, message, quotes with
    their source lines, the authoritative text's verdict), and the low-confidence records.
    """
    title = title_of(c)
    out = [f"# treaty-align report{': ' + md_escape(title) if title else ''}", ""]
    out.append("| Language | Source |")
    out.append("|---|---|")
    for lang in c.languages:
        out.append(f"| {lang} ({language_name(lang)}) | {md_escape(source_name(c, lang) or '—')} |")
    out.append("")
    meta = [f"Encoder: `{c.signature.get('encoder', 'n/a')}`"]
    if c.authority:
        meta.append(f"Authoritative text: {c.authority}")
    out += [" · ".join(meta), ""]

    counts = severity_counts(c)
    out += ["## Summary", ""]
    out += ["| | Count |", "|---|---:|"]
    out.append(f"| Aligned records | {len(c.alignments)} |")
    out.append(f"| Low-confidence records | {low_confidence_count(c)} |")
    for sev, n in counts.items():
        out.append(f"| {sev.capitalize()} findings | {n} |")
    out.append("")
    by_kind = kind_severity_counts(c)
    if by_kind:
        sevs = list(counts)
        out.append("| Check | " + " | ".join(s.capitalize() for s in sevs) + " | Total |")
        out.append("|---|" + "---:|" * (len(sevs) + 1))
        for kind, row in by_kind.items():
            cells = " | ".join(str(row.get(s, 0)) for s in sevs)
            out.append(f"| `{kind}` | {cells} | {sum(row.values())} |")
        out.append("")

    if c.warnings:
        out += ["## Warnings", ""]
        out += [f"- {md_escape(w)}" for w in c.warnings]
        out.append("")

    out += ["## Findings", ""]
    flagged = [g for g in groups(c) if g.divergences]
    if not flagged:
        out += ["No divergences found.", ""]
    for g in flagged:
        n = len(g.divergences)
        out += [f"### {md_escape(g.title)} ({n} finding{'s' if n != 1 else ''})", ""]
        record_of = {id(d): a.id for a in g.alignments for d in a.divergences}
        for d in sorted_divergences(g.divergences):
            out += _finding(d, d.alignment_id or record_of[id(d)])
        out.append("")

    low = [a for a in c.alignments if a.low_confidence]
    if low:
        out += ["## Low-confidence alignments", ""]
        out += ["Check these records by hand: the versions may be aligned wrongly.", ""]
        out += ["| Record | Article | Score |", "|---|---|---:|"]
        for a in low:
            out.append(f"| `{a.id}` | {md_escape(a.article or a.block or '')} | {format_score(a.score)} |")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
