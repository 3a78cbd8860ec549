"""Read a results database into pandas: the whole collection as three frames.

:func:`open_results` returns :class:`CollectionResults` with

``documents``  one row per document: ``doc_id, status, error, languages, authority, n_records,
               n_low_confidence, n_findings, n_major, n_minor, n_info, seconds, peak_rss_mb,
               worker, attempts, report`` (path of the HTML report, None when failed)
``records``    one row per aligned record: ``doc_id, position, record_id, block, article, score,
               low_confidence, n_findings, max_severity``, then ``text_<lang>`` and
               ``ids_<lang>`` for each language of the collection (None where a document has
               no version in that language)
``findings``   one row per finding: ``doc_id, position, finding_id, record_id, article, kind,
               severity, message, resolution_authority, resolution_agrees,
               resolution_differs, resolution_text, languages, lines``

Severities are ordered categoricals (``info < minor < major``), so
``findings[findings.severity >= "minor"]`` works as in a single comparison's frames.
"""

from __future__ import annotations

import json
import os
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from treaty_align.batch.store import connect_readonly, database_path
from treaty_align.model import SEVERITIES

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class CollectionResults:
    """The frames of a results database (see the module docstring for the columns)."""

    path: Path
    documents: "pd.DataFrame"
    records: "pd.DataFrame"
    findings: "pd.DataFrame"

    def __repr__(self) -> str:
        failed = int((self.documents.status == "failed").sum()) if len(self.documents) else 0
        return (f"CollectionResults({self.path}: {len(self.documents)} documents ({failed} failed), "
                f"{len(self.records)} records, {len(self.findings)} findings)")


def _severity(series: "pd.Series") -> "pd.Series":
    import pandas as pd

    return pd.Categorical(series, categories=list(reversed(SEVERITIES)), ordered=True)


def open_results(path: str | os.PathLike[str]) -> CollectionResults:
    """Return the :class:`CollectionResults` of the database at ``path`` (file or batch folder).

    Reads through a read-only connection, so it works while a batch is still writing.
    """
    import pandas as pd

    db = database_path(path)
    with closing(connect_readonly(db)) as conn:
        documents = pd.read_sql_query(
            "SELECT doc_id, status, error, languages, authority, n_records, n_low_confidence, "
            "n_findings, n_major, n_minor, n_info, seconds, peak_rss_mb, worker, attempts, reports "
            "FROM documents ORDER BY doc_id", conn)
        records = pd.read_sql_query(
            "SELECT doc_id, position, record_id, block, article, score, low_confidence, n_findings, "
            "max_severity FROM records ORDER BY doc_id, position", conn)
        texts = pd.read_sql_query(
            "SELECT doc_id, position, language, segment_ids, text FROM record_texts", conn)
        findings = pd.read_sql_query(
            "SELECT doc_id, position, finding_id, record_id, article, kind, severity, message, "
            "resolution_authority, resolution_agrees, resolution_differs, resolution_text "
            "FROM findings ORDER BY doc_id, position", conn)
        evidence = pd.read_sql_query(
            "SELECT doc_id, finding_position AS position, language, line FROM evidence "
            "ORDER BY doc_id, finding_position, position", conn)
    base = db.parent
    documents["report"] = [
        str(base / json.loads(r)["html"]) if r and "html" in json.loads(r) else None
        for r in documents.pop("reports")
    ]
    records["low_confidence"] = records["low_confidence"].astype(bool)
    records["max_severity"] = _severity(records["max_severity"])
    for lang in sorted(texts["language"].unique()):
        part = texts[texts.language == lang].rename(
            columns={"text": f"text_{lang}", "segment_ids": f"ids_{lang}"}).drop(columns="language")
        records = records.merge(part, on=["doc_id", "position"], how="left")
    findings["severity"] = _severity(findings["severity"])
    if len(evidence):
        grouped = evidence.assign(where=evidence.language + ":" + evidence.line.astype("Int64").astype(str))
        joined = grouped.groupby(["doc_id", "position"], sort=False).agg(
            languages=("language", lambda s: ", ".join(dict.fromkeys(s))),
            lines=("where", lambda s: ", ".join(s)),
        ).reset_index()
        findings = findings.merge(joined, on=["doc_id", "position"], how="left")
    else:
        findings["languages"] = pd.Series(dtype=object)
        findings["lines"] = pd.Series(dtype=object)
    return CollectionResults(path=db, documents=documents, records=records, findings=findings)
