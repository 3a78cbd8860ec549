"""pandas views of a comparison, for researchers in Jupyter, and its notebook summary.

:func:`alignments_frame` — one row per aligned record. Columns, in this order:

``id``              record id (str)
``block``           document block the record belongs to (``preamble``, ``body``, ``final`` ...)
``article``         article number (str) or None outside articles
``score``           alignment score in [0, 1] (float)
``low_confidence``  True when the aligner is unsure of this record (bool)
``n_divergences``   number of findings on this record (int)
``max_severity``    most severe finding: ordered categorical ``info < minor < major``, NaN if none
then for each language ``<lang>`` of ``Comparison.languages``, in order:
``text_<lang>``     the record's text in that language ("" when that side is empty)
``ids_<lang>``      its segment ids, space-separated ("" when empty)
``line_<lang>``     source line of its first segment (nullable ``Int64``, <NA> when empty)

:func:`divergences_frame` — one row per divergence. Columns, in this order:

``id``                  stable finding id (what baselines record)
``alignment_id``        id of the record it was found on
``article``             article number or None
``kind``                the check that found it (``numbers``, ``crossref``, ...)
``severity``            ordered categorical ``info < minor < major``
``message``             what differs, in words
``languages``           quoted languages, comma-separated (``"kk, az"``)
``lines``               where the quotes stand (``"kk:12, az:40"``)
``resolution_agrees``   languages agreeing with the authoritative text, comma-separated;
                        missing (None/NaN) without an authoritative text
``resolution_differs``  languages differing from it; missing without an authoritative text
``citation``            where it is, cited the English way (``Art. 10(1), third paragraph``)
``confidence``          how sure the finding is, in [0, 1] (float; NaN when unknown)
``decision``            the translator's review: ``accepted``, ``rejected`` or missing
``decision_note``       the note of that decision (missing without a decision)
``suggestion``          the rendering the document uses elsewhere (missing when none)
then ``citation_<lang>`` for each language: the place in that version's own citation style
(``10-бап 1-тармақ``, ``Maddə 10.1``; missing when that version is not in the record),
then ``quote_<lang>`` for each language: the quoted words in that language (missing if not
quoted; several quotes in one language are joined with " … ").

Because severities are ordered categoricals, ``df[df.severity >= "minor"]`` selects findings
at or above minor.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from treaty_align.model import SEVERITIES
from treaty_align.report._common import (
    clean_text,
    evidence_languages,
    evidence_lines,
    first_words,
    format_score,
    kinds_of,
    low_confidence_count,
    max_severity,
    record_ids,
    record_line,
    record_segments,
    severity_counts,
    title_of,
)

if TYPE_CHECKING:
    import pandas as pd

    from treaty_align.model import Comparison

ALIGNMENT_COLUMNS: tuple[str, ...] = (
    "id",
    "block",
    "article",
    "score",
    "low_confidence",
    "n_divergences",
    "max_severity",
)
DIVERGENCE_COLUMNS: tuple[str, ...] = (
    "id",
    "alignment_id",
    "article",
    "kind",
    "severity",
    "message",
    "languages",
    "lines",
    "resolution_agrees",
    "resolution_differs",
    "citation",
    "confidence",
    "decision",
    "decision_note",
    "suggestion",
)


def alignment_columns(languages: tuple[str, ...]) -> list[str]:
    """Return the column names of :func:`alignments_frame` for ``languages``."""
    cols = list(ALIGNMENT_COLUMNS)
    for lang in languages:
        cols += [f"text_{lang}", f"ids_{lang}", f"line_{lang}"]
    return cols


def divergence_columns(languages: tuple[str, ...]) -> list[str]:
    """Return the column names of :func:`divergences_frame` for ``languages``."""
    return (list(DIVERGENCE_COLUMNS) + [f"citation_{lang}" for lang in languages]
            + [f"quote_{lang}" for lang in languages])


def _severity_categorical(values: list[Any]) -> Any:
    import pandas as pd

    extra = sorted({v for v in values if v is not None and v not in SEVERITIES})
    # mildest first, so that comparisons read naturally: "major" > "minor"
    categories = extra + list(reversed(SEVERITIES))
    return pd.Categorical(values, categories=categories, ordered=True)


def alignments_frame(c: "Comparison") -> "pd.DataFrame":
    """Return a DataFrame with one row per aligned record (columns: see the module docstring)."""
    import pandas as pd

    languages = tuple(c.languages)
    rows = []
    for a in c.alignments:
        row: dict[str, Any] = {
            "id": a.id,
            "block": a.block,
            "article": a.article,
            "score": float(a.score),
            "low_confidence": bool(a.low_confidence),
            "n_divergences": len(a.divergences),
            "max_severity": max_severity(a.divergences),
        }
        for lang in languages:
            row[f"text_{lang}"] = a.text(lang)
            row[f"ids_{lang}"] = record_ids(a, lang)
            row[f"line_{lang}"] = record_line(a, lang)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=alignment_columns(languages))
    frame["score"] = frame["score"].astype("float64")
    frame["low_confidence"] = frame["low_confidence"].astype("bool")
    frame["n_divergences"] = frame["n_divergences"].astype("int64")
    frame["max_severity"] = _severity_categorical([r["max_severity"] for r in rows])
    for lang in languages:
        frame[f"line_{lang}"] = pd.array([r[f"line_{lang}"] for r in rows], dtype="Int64")
    return frame


def _joined(values: tuple[str, ...] | None) -> str | None:
    return None if values is None else ", ".join(values)


def divergences_frame(c: "Comparison") -> "pd.DataFrame":
    """Return a DataFrame with one row per divergence (columns: see the module docstring)."""
    import pandas as pd

    languages = tuple(c.languages)
    rows = []
    for a in c.alignments:
        for d in a.divergences:
            res = d.resolution
            row: dict[str, Any] = {
                "id": d.id,
                "alignment_id": d.alignment_id or a.id,
                "article": a.article,
                "kind": d.kind,
                "severity": d.severity,
                "message": d.message,
                "languages": evidence_languages(d.evidence),
                "lines": evidence_lines(d.evidence),
                "resolution_agrees": _joined(res.agrees) if res else None,
                "resolution_differs": _joined(res.differs) if res else None,
                "citation": d.cite() or None,
                "confidence": d.confidence,
                "decision": d.decision.status if d.decision else None,
                "decision_note": d.decision.note if d.decision else None,
                "suggestion": d.suggestion or None,
            }
            for lang in languages:
                row[f"citation_{lang}"] = d.citation.get(lang)
            for lang in languages:
                quotes = [e.quote for e in d.evidence if e.language == lang]
                row[f"quote_{lang}"] = " … ".join(quotes) if quotes else None
            rows.append(row)
    frame = pd.DataFrame(rows, columns=divergence_columns(languages))
    frame["severity"] = _severity_categorical([r["severity"] for r in rows])
    frame["confidence"] = frame["confidence"].astype("float64")
    return frame


_HEAD_ROWS = 8


def comparison_html_summary(c: "Comparison") -> str:
    """Return a compact HTML summary of ``c`` for Jupyter's ``_repr_html_``.

    It shows the languages, counts of records and findings by severity, the checks that
    reported, and the first records as a table; all text is escaped.
    """
    languages = tuple(c.languages)
    counts = severity_counts(c)
    colors = {"major": "#b42318", "minor": "#b54708", "info": "#175cd3"}
    badges = " ".join(
        f'<span style="color:{colors.get(s, "#444")};font-weight:600">{n} {escape(s)}</span>'
        for s, n in counts.items()
    )
    title = escape(clean_text(title_of(c)))
    encoder = escape(str(c.signature.get("encoder", "")))
    kinds = ", ".join(escape(k) for k in kinds_of(c)) or "none"
    parts = [
        '<div class="treaty-align-comparison">',
        f"<p><strong>Comparison</strong> {' · '.join(escape(x) for x in languages)}"
        + (f" — {title}" if title else "")
        + "</p>",
        f"<p>{len(c.alignments)} records, {low_confidence_count(c)} low-confidence · "
        f"findings: {badges} · checks with findings: {kinds}"
        + (f" · encoder: <code>{encoder}</code>" if encoder else "")
        + (f" · authority: {escape(c.authority)}" if c.authority else "")
        + "</p>",
        "<table><thead><tr><th>id</th><th>article</th><th>score</th>",
    ]
    parts += [f"<th>{escape(lang)}</th>" for lang in languages]
    parts.append("<th>findings</th></tr></thead><tbody>")
    # records with findings first (most severe first), then low-confidence ones: what a
    # researcher wants to see before the hundred records that simply agree
    ranked = sorted(
        c.alignments,
        key=lambda a: (0 if a.divergences else 1 if a.low_confidence else 2,
                       min((SEVERITIES.index(d.severity) for d in a.divergences), default=3)),
    )
    for a in ranked[:_HEAD_ROWS]:
        low = " ⚠" if a.low_confidence else ""
        cells = [
            f"<td>{escape(a.id)}</td>",
            f"<td>{escape(a.article or '')}</td>",
            f"<td>{format_score(a.score)}{low}</td>",
        ]
        for lang in languages:
            text = first_words(clean_text(a.text(lang)), 60) if record_segments(a, lang) else "—"
            cells.append(f'<td lang="{escape(lang)}" style="text-align:left">{escape(text)}</td>')
        worst = max_severity(a.divergences)
        cells.append(f"<td>{len(a.divergences)}{' ' + escape(worst) if worst else ''}</td>")
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append("</tbody></table>")
    hidden = len(c.alignments) - _HEAD_ROWS
    if hidden > 0:
        parts.append(
            f"<p>… and {hidden} more records; use <code>.to_frame()</code> and "
            "<code>.divergences_frame()</code> for all of them.</p>"
        )
    parts.append("</div>")
    return "\n".join(parts)
