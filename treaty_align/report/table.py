"""Plain-text tables for the terminal: the aligned records and the findings.

Columns are padded by display width (not by ``len``), so Cyrillic and Latin text line up and
wide characters do not shift the columns. Tables fit a given terminal width: long texts are cut
with "…", messages are wrapped. The findings come first; the aligned records only on request.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Sequence

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
    from treaty_align.model import Comparison, Divergence

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


#: the width of a table written to a file or rendered by the library (the CLI passes the
#: terminal's)
DEFAULT_WIDTH = 100
#: warnings listed one by one before the rest are counted
WARNINGS_SHOWN = 5
_GAP = 2
_NARROW_MESSAGE = 40  # a message column narrower than this stacks each finding instead
_NARROW_TEXT = 24  # text columns narrower than this drop the per-language id columns
_MIN_TEXT = 12  # the narrowest text column; to keep it, a narrow terminal loses the ART column


def clause_counts(c: "Comparison") -> dict[str, int]:
    """Return the number of parsed clauses (segments) of each language version of ``c``."""
    return {lang: len(c.treaties[lang].segments) for lang in c.languages if lang in c.treaties}


def summary_line(c: "Comparison") -> str:
    """Return a one-line summary: languages, clauses, records, low-confidence records, findings.

    A record is one aligned unit: the clauses of each version that say the same thing (1-1,
    1-2, 2-1, or a clause with no counterpart), so there are fewer records than clauses.
    """
    counts = severity_counts(c)
    findings = ", ".join(f"{n} {s}" for s, n in counts.items())
    clauses = clause_counts(c)
    source = ""
    if clauses:
        per_lang = ", ".join(f"{lang} {n}" for lang, n in clauses.items())
        source = f" from {sum(clauses.values())} clauses ({per_lang})"
    return (
        f"{' ↔ '.join(c.languages)}: {len(c.alignments)} aligned records{source}, "
        f"{low_confidence_count(c)} low-confidence; findings: {findings}"
    )


def warning_lines(warnings: Sequence[str], shown: int = WARNINGS_SHOWN) -> list[str]:
    """Return the first ``shown`` warnings and, when there are more, one line counting the rest."""
    unique = list(dict.fromkeys(warnings))
    lines = list(unique[:shown])
    if len(unique) > shown:
        lines.append(f"... and {len(unique) - shown} more warnings (all of them are in --format json)")
    return lines


def alignments_table(c: "Comparison", width: int | None = None) -> str:
    """Return the aligned records as a text table fitted into ``width`` columns.

    Columns: article, record id, segment ids per language, score (``*`` = low confidence),
    the first words of each language's text (``—`` for an empty side), and the number of
    findings with the most severe one. ``width=None`` gives fixed text columns (34 characters
    for two languages, 26 for three).
    """
    languages = tuple(c.languages)
    header = ["ART", "RECORD"] + [f"{lang} ids" for lang in languages] + ["SCORE"]
    header += [f"{lang} text" for lang in languages] + ["FINDINGS"]
    rows = []
    for a in c.alignments:
        row = [a.article or a.block or "", a.id]
        row += [record_ids(a, lang) or _EMPTY for lang in languages]
        # a clause with no counterpart has no pair to score: a dash, not a failing "0.00"
        paired = sum(bool(record_segments(a, lang)) for lang in languages) >= 2
        row.append(format_score(a.score) + ("*" if a.low_confidence else "") if paired else _EMPTY)
        for lang in languages:
            # the whole text; cut to the column width when the table is laid out
            row.append(" ".join(clean_text(a.text(lang)).split()) if record_segments(a, lang) else _EMPTY)
        worst = max_severity(a.divergences)
        row.append(f"{len(a.divergences)} {worst}" if worst else "0")
        rows.append(row)
    fixed_caps = [10, 16] + [18] * len(languages) + [6]
    fixed = _widths(header[: len(fixed_caps)], [r[: len(fixed_caps)] for r in rows], fixed_caps)
    findings_w = _widths(header[-1:], [r[-1:] for r in rows], [12])
    if width is None:
        text_width = _TEXT_WIDTH.get(len(languages), 22)
    else:
        spare = width - sum(fixed) - findings_w[0] - _GAP * (len(header) - 1)
        if spare // len(languages) < _NARROW_TEXT:
            # a narrow terminal: the per-language ids (mostly the record id again) make room
            keep = [0, 1, 2 + len(languages)] + list(range(3 + len(languages), len(header)))
            header = [header[i] for i in keep]
            rows = [[r[i] for i in keep] for r in rows]
            fixed = [fixed[0], fixed[1], fixed[-1]]
            spare = width - sum(fixed) - findings_w[0] - _GAP * (len(header) - 1)
        if spare // len(languages) < _MIN_TEXT:
            # narrower still: the article is in the record id (art6.i11) as well
            header, rows, fixed = header[1:], [r[1:] for r in rows], fixed[1:]
            spare = width - sum(fixed) - findings_w[0] - _GAP * (len(header) - 1)
        text_width = max(_MIN_TEXT, spare // len(languages))
    widths = fixed + [text_width] * len(languages) + findings_w
    lines = _render(header, rows, widths)
    if any(a.low_confidence for a in c.alignments):
        lines.append("* low-confidence alignment: check by hand")
    return "\n".join(lines) + "\n"


def findings_table(c: "Comparison", width: int | None = None, hidden: int = 0) -> str:
    """Return the findings as a text table, most severe first.

    Columns: severity, check, citation (in the document's own style, the article when the
    finding has none), confidence, record, source lines of the quotes, message (after the
    translator's review decision, when the baseline file records one). With a ``width`` the
    message is wrapped onto continuation lines so that no line is wider; without, it stays on
    one line. When there are no findings, returns one line saying so, and how many
    (``hidden``) a baseline hid.
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
                        d.cite() or a.article or a.block or "",
                        "" if d.confidence is None else f"{d.confidence:.2f}",
                        d.alignment_id or a.id,
                        evidence_lines(d.evidence),
                        _decision_prefix(d) + " ".join(clean_text(d.message).split()),
                    ],
                )
            )
    if not rows:
        if hidden:
            return f"No divergences found ({hidden} hidden by the baseline).\n"
        return "No divergences found.\n"
    ordered = {id(d): i for i, d in enumerate(sorted_divergences(d for d, _ in rows))}
    cells = [r for _, r in sorted(rows, key=lambda dr: ordered[id(dr[0])])]
    header = ["SEVERITY", "CHECK", "WHERE", "CONF", "RECORD", "LINES", "MESSAGE"]
    widths = _widths(header[:-1], [r[:-1] for r in cells], [8, 12, 30, 4, 16, 28])
    indent = sum(widths) + _GAP * len(widths)
    if width is not None and width - indent < _NARROW_MESSAGE:
        # a narrow terminal: one heading line per finding, the message wrapped under it
        lines = []
        for r in cells:
            article = f"art {r[2]}" if r[2][:1].isdigit() else r[2]
            sure = f"confidence {r[3]}" if r[3] else ""
            where = " · ".join(x for x in (r[1], article, sure, r[4], r[5]) if x)
            lines += textwrap.wrap(f"{r[0]} {where}", width, subsequent_indent="    ")
            lines += textwrap.wrap(r[-1], width, initial_indent="    ", subsequent_indent="    ")
        if hidden:
            lines.append(f"({hidden} more hidden by the baseline)")
        return "\n".join(lines) + "\n"
    if width is None:
        message_width = max(display_width(r[-1]) for r in cells + [header])
    else:
        message_width = width - indent
    lines = _render(header[:-1] + [header[-1]], [r[:-1] + [""] for r in cells], widths + [message_width])[:2]
    for r in cells:
        wrapped = textwrap.wrap(r[-1], message_width) or [""]
        first = "  ".join(pad(cell, w) for cell, w in zip(r[:-1], widths))
        lines.append(f"{first}  {wrapped[0]}".rstrip())
        lines += [" " * indent + more for more in wrapped[1:]]
    if hidden:
        lines.append(f"({hidden} more hidden by the baseline)")
    return "\n".join(lines) + "\n"


def _decision_prefix(d: "Divergence") -> str:
    """Return "[accepted: note] " for a finding the translator has reviewed, else ""."""
    if d.decision is None:
        return ""
    note = " ".join(clean_text(d.decision.note).split())
    return f"[{d.decision.status}{': ' + note if note else ''}] "


def render_table(c: "Comparison", *, width: int | None = None, records: bool = False,
                 hidden: int = 0) -> str:
    """Return the terminal report: a summary line, the warnings (the first few, then a count),
    the findings table and, with ``records``, the table of aligned records.

    ``width`` is the terminal width to fit (default :data:`DEFAULT_WIDTH`); ``hidden`` is the
    number of findings a baseline hid, said in the report so that it never looks clean by
    accident.
    """
    width = DEFAULT_WIDTH if width is None else max(40, width)
    def wrap(line: str) -> list[str]:
        return textwrap.wrap(line, width, subsequent_indent="  ", break_on_hyphens=False) or [""]

    parts = wrap(summary_line(c))
    for w in warning_lines(c.warnings):
        parts += wrap(f"warning: {w}")
    parts += ["", findings_table(c, width, hidden).rstrip("\n")]
    if records:
        parts += ["", alignments_table(c, width).rstrip("\n")]
    else:
        parts += [""] + wrap(f"({len(c.alignments)} aligned records not listed: --all shows them, "
                             "--format html puts the versions side by side)")
    return "\n".join(parts) + "\n"
