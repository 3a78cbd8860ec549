"""The collection page: every document of a batch with its counts, linking to its report.

One standalone HTML file (inline CSS, no script, no network) written beside the results
database as ``index.html``. Rows are the collection's documents in id order: status, languages,
records, findings by severity and by check, the one-line error of a failed document, and a
link to the per-document report in ``reports/``. Everything from the inputs is escaped.
"""

from __future__ import annotations

import json
import sqlite3
from html import escape
from typing import Any, Sequence

from treaty_align import __version__
from treaty_align.model import CHECK_KINDS, SEVERITIES

_CSS = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1d2330; }
h1 { font-size: 1.3rem; margin: 0 0 .3rem; }
p.meta { color: #5b6373; margin: 0 0 1rem; }
table { border-collapse: collapse; }
th, td { border: 1px solid #d5d9e0; padding: .25rem .5rem; text-align: right; vertical-align: top; }
th { background: #f2f4f7; position: sticky; top: 0; }
td.id, td.error, td.lang { text-align: left; }
td.error { color: #8a1c1c; max-width: 40rem; }
tr.failed td.id { color: #8a1c1c; }
td.zero { color: #b8bdc7; }
td.major { background: #fbe3e3; font-weight: 600; }
td.minor { background: #fdf1d8; }
tfoot td { font-weight: 600; background: #f7f8fa; }
"""


def _esc(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _cell(n: int, css: str = "") -> str:
    classes = "zero" if not n else css
    return f'<td class="{classes}">{n}</td>' if classes else f"<td>{n}</td>"


def render_collection_page(conn: sqlite3.Connection, ids: Sequence[str], fail_on: str | None = None) -> str:
    """Return the HTML of the collection page for the documents ``ids`` stored in ``conn``.

    Documents of ``ids`` missing from the database (an interrupted batch) are listed as
    "not run". Columns: document, status, languages, records, major/minor/info, one per check.
    """
    docs = {row[0]: row for row in conn.execute(
        "SELECT doc_id, status, error, languages, n_records, n_major, n_minor, n_info, reports "
        "FROM documents")}
    by_kind: dict[str, dict[str, int]] = {}
    for doc_id, kind, n in conn.execute("SELECT doc_id, kind, COUNT(*) FROM findings GROUP BY doc_id, kind"):
        by_kind.setdefault(doc_id, {})[kind] = n
    kinds = list(CHECK_KINDS) + sorted({k for counts in by_kind.values() for k in counts} - set(CHECK_KINDS))
    head = ("<tr><th>document</th><th>status</th><th>languages</th><th>records</th>"
            + "".join(f"<th>{s}</th>" for s in SEVERITIES)
            + "".join(f"<th>{_esc(k)}</th>" for k in kinds) + "<th>error</th></tr>")
    rows = []
    totals = {"done": 0, "failed": 0, "not run": 0}
    sums = [0] * (1 + len(SEVERITIES) + len(kinds))
    for doc_id in sorted(ids):
        row = docs.get(doc_id)
        if row is None:
            totals["not run"] += 1
            rows.append(f'<tr class="missing"><td class="id">{_esc(doc_id)}</td><td>not run</td>'
                        + "<td></td>" * (2 + len(SEVERITIES) + len(kinds)) + "<td></td></tr>")
            continue
        _, status, error, languages, n_records, major, minor, info, reports = row
        totals[status] += 1
        links = json.loads(reports or "{}")
        name = _esc(doc_id)
        if "html" in links:
            name = f'<a href="{_esc(links["html"])}">{name}</a>'
        kind_counts = by_kind.get(doc_id, {})
        numbers = [n_records, major, minor, info] + [kind_counts.get(k, 0) for k in kinds]
        sums = [a + b for a, b in zip(sums, numbers)]
        rows.append(
            f'<tr class="{_esc(status)}"><td class="id">{name}</td><td>{_esc(status)}</td>'
            f'<td class="lang">{_esc((languages or "").replace(",", " "))}</td><td>{n_records}</td>'
            + _cell(major, "major") + _cell(minor, "minor") + _cell(info)
            + "".join(_cell(n) for n in numbers[4:])
            + f'<td class="error">{_esc(error)}</td></tr>'
        )
    foot = ('<tr><td class="id">total</td><td></td><td></td>'
            + "".join(f"<td>{n}</td>" for n in sums) + "<td></td></tr>")
    gate = f"; --fail-on {_esc(fail_on)}" if fail_on else ""
    meta = (f"{len(ids)} documents: {totals['done']} done, {totals['failed']} failed"
            + (f", {totals['not run']} not run" if totals["not run"] else "")
            + f" · treaty-align {_esc(__version__)}{gate}")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'\"/>"
        "<title>treaty-align collection</title>"
        f"<style>{_CSS}</style></head><body>"
        f"<h1>treaty-align collection</h1><p class=\"meta\">{meta}</p>"
        f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody><tfoot>{foot}</tfoot></table>"
        "</body></html>\n"
    )
