"""Plain-text tables for the terminal: the aligned records and the findings.

Columns are padded by display width (not by ``len``), so Cyrillic and Latin text line up and
wide characters do not shift the columns. Long texts are cut with "…".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from treaty_align.report._common import (
    clean_text,
    display_width,
    evidence_lines,
    first_words,
    format_score,
    low_confidence_count,
    max_severity,
    pad,
    record_ids,
    record_segments,
    severity_counts,
    sorted_divergences,
)

if TYPE_CHECKING:
    from treaty_align.model import Comparison

_TEXT_WIDTH = {2: 34, 3: 26}  # columns per text column, by number of languages
_EMPTY = "—"


def _render(header: list[str], rows: list[list[str]], widths: list[int]) -> list[str]:
    def line(cells: list[str]) -> str:
        return "  ".join(pad(cell, w) for cell, w in zip(cells, widths)).rstrip()

    rule = "  ".join("─" * w for w in widths)
    return [line(header), rule] + [line(r) for r in rows]


def _widths(header: list[str], rows: list[list[str]], caps: list[int]) -> list[int]:
    return [
        min(cap, max(display_width(cell) for cell in [h] + [r[i] for r in rows]))
        for i, (h, cap) in enumerate(zip(header, caps))
    ]


def summary_line(c: "Comparison") -> str:
    """Return a one-line summary: languages, records, low-confidence records, findings."""
    counts = severity_counts(c)
    findings = ", ".join(f"{n} {s}" for s, n in counts.items())
    return (
        f"{' ↔ '.join(c.languages)}: {len(c.alignments)} records, "
        f"{low_confidence_count(c)} low-confidence; findings: {findings}"
    )


def alignments_table(c: "Comparison") -> str:
    """Return the aligned records as a text table.

    Columns: article, record id, segment ids per language, score (``*`` = low confidence),
    the first words of each language's text (``—`` for an empty side), and the number of
    findings with the most severe one.
    """
    languages = tuple(c.languages)
    text_width = _TEXT_WIDTH.get(len(languages), 22)
    header = ["ART", "RECORD"] + [f"{lang} ids" for lang in languages] + ["SCORE"]
    header += [f"{lang} text" for lang in languages] + ["FINDINGS"]
    rows = []
    for a in c.alignments:
        row = [a.article or a.block or "", a.id]
        row += [record_ids(a, lang) or _EMPTY for lang in languages]
        row.append(format_score(a.score) + ("*" if a.low_confidence else ""))
        for lang in languages:
            text = clean_text(a.text(lang))
            row.append(first_words(text, text_width) if record_segments(a, lang) else _EMPTY)
        worst = max_severity(a.divergences)
        row.append(f"{len(a.divergences)} {worst}" if worst else "0")
        rows.append(row)
    caps = [10, 16] + [18] * len(languages) + [6] + [text_width] * len(languages) + [12]
    lines = _render(header, rows, _widths(header, rows, caps))
    if any(a.low_confidence for a in c.alignments):
        lines.append("* low-confidence alignment: check by hand")
    return "\n".join(lines) + "\n"


def findings_table(c: "Comparison") -> str:
    """Return the findings as a text table, most severe first.

    Columns: severity, check, article, record, source lines of the quotes, message (not cut).
    Returns a single line saying so when there are no findings.
    """
    rows = []
    for a in c.alignments:
        for d in a.divergences:
            rows.append(
                (
                    d,
                    [
                        d.severity.upper(),
                        d.kind,
                        a.article or a.block or "",
                        d.alignment_id or a.id,
                        evidence_lines(d.evidence),
                        " ".join(clean_text(d.message).split()),
                    ],
                )
            )
    if not rows:
        return "No divergences found.\n"
    ordered = {id(d): i for i, d in enumerate(sorted_divergences(d for d, _ in rows))}
    cells = [r for _, r in sorted(rows, key=lambda dr: ordered[id(dr[0])])]
    header = ["SEVERITY", "CHECK", "ART", "RECORD", "LINES", "MESSAGE"]
    widths = _widths(header, cells, [8, 12, 10, 16, 28, 10_000])
    return "\n".join(_render(header, cells, widths)) + "\n"


def render_table(c: "Comparison") -> str:
    """Return the terminal report: a summary line, the records table and the findings table."""
    parts = [summary_line(c)]
    parts += [f"warning: {w}" for w in c.warnings]
    parts += ["", alignments_table(c).rstrip("\n"), "", findings_table(c).rstrip("\n")]
    return "\n".join(parts) + "\n"
