"""Benchmark: SQLite or DuckDB for the batch's results database? (why ``store.py`` uses SQLite)

Writes the same rows into both, the way a batch writes them: one transaction per document
(delete its old rows, insert ~80 records, ~160 record texts, ~10 findings, ~20 evidence rows),
then reads everything back into pandas as ``open_results`` does, and checks whether a second
process can read the database while the writer holds it open (a notebook watching a nightly
batch). The row shapes and sizes are those of a real act of ``../shared/real-texts``; the text
is filler.

    pip install duckdb && python benchmarks/bench_results_store.py --documents 2000
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RECORDS, FINDINGS, EVIDENCE = 80, 10, 2
TEXT = "Тараптар осы Келісімнің ережелерін орындайды " * 4

SCHEMA = [
    "CREATE TABLE documents (doc_id TEXT PRIMARY KEY, status TEXT, n_records INTEGER, n_findings INTEGER)",
    "CREATE TABLE records (doc_id TEXT, position INTEGER, record_id TEXT, score REAL, PRIMARY KEY (doc_id, position))",
    "CREATE TABLE record_texts (doc_id TEXT, position INTEGER, language TEXT, text TEXT, PRIMARY KEY (doc_id, position, language))",
    "CREATE TABLE findings (doc_id TEXT, position INTEGER, kind TEXT, severity TEXT, message TEXT, PRIMARY KEY (doc_id, position))",
    "CREATE TABLE evidence (doc_id TEXT, finding_position INTEGER, position INTEGER, language TEXT, quote TEXT, PRIMARY KEY (doc_id, finding_position, position))",
]


def rows(doc: str):
    records = [(doc, i, f"art{i // 5}.p{i % 5}", 0.8) for i in range(RECORDS)]
    texts = [(doc, i, lang, TEXT) for i in range(RECORDS) for lang in ("kk", "ru")]
    findings = [(doc, i, "numbers", "major", "Numbers differ (kk: 30; ru: 45)") for i in range(FINDINGS)]
    evidence = [(doc, i, j, lang, "30 күн") for i in range(FINDINGS) for j, lang in enumerate(("kk", "ru"))]
    return records, texts, findings, evidence


def write(conn, doc: str, placeholder: str = "?") -> None:
    records, texts, findings, evidence = rows(doc)
    conn.execute("BEGIN")
    for table in ("records", "record_texts", "findings", "evidence", "documents"):
        conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc])
    conn.execute("INSERT INTO documents VALUES (?, ?, ?, ?)", [doc, "done", RECORDS, FINDINGS])
    conn.executemany("INSERT INTO records VALUES (?, ?, ?, ?)", records)
    conn.executemany("INSERT INTO record_texts VALUES (?, ?, ?, ?)", texts)
    conn.executemany("INSERT INTO findings VALUES (?, ?, ?, ?, ?)", findings)
    conn.executemany("INSERT INTO evidence VALUES (?, ?, ?, ?, ?)", evidence)
    conn.execute("COMMIT")


def can_read_while_open(path: Path, engine: str) -> bool:
    code = {
        "sqlite": f"import sqlite3; c = sqlite3.connect('file:{path}?mode=ro', uri=True); c.execute('SELECT COUNT(*) FROM documents').fetchone()",
        "duckdb": f"import duckdb; c = duckdb.connect('{path}', read_only=True); c.execute('SELECT COUNT(*) FROM documents').fetchone()",
    }[engine]
    return subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


def measure(engine: str, folder: Path, documents: int) -> dict[str, object]:
    import pandas as pd

    path = folder / f"results.{engine}"
    if engine == "sqlite":
        import sqlite3

        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
    else:
        import duckdb

        conn = duckdb.connect(str(path))
    for statement in SCHEMA:
        conn.execute(statement)
    started = time.perf_counter()
    for i in range(documents):
        write(conn, f"act-{i:05d}")
    write_s = time.perf_counter() - started
    rewrite_started = time.perf_counter()
    for i in range(min(documents, 200)):  # --resume after a change: documents written again
        write(conn, f"act-{i:05d}")
    rewrite_s = (time.perf_counter() - rewrite_started) / min(documents, 200)
    concurrent = can_read_while_open(path, engine)
    started = time.perf_counter()
    if engine == "sqlite":
        frames = [pd.read_sql_query(f"SELECT * FROM {t}", conn) for t in ("documents", "records", "findings")]
    else:
        frames = [conn.execute(f"SELECT * FROM {t}").df() for t in ("documents", "records", "findings")]
    read_s = time.perf_counter() - started
    conn.close()
    size = sum(p.stat().st_size for p in folder.glob(f"results.{engine}*"))
    return {"engine": engine, "write_ms_per_doc": 1000 * write_s / documents,
            "rewrite_ms_per_doc": 1000 * rewrite_s, "read_s": read_s, "mb": size / 1e6,
            "rows_read": sum(len(f) for f in frames), "reader_while_writing": concurrent}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=1000)
    args = parser.parse_args()
    engines = ["sqlite"]
    try:
        import duckdb  # noqa: F401

        engines.append("duckdb")
    except ImportError:
        print("duckdb not installed: measuring SQLite only (pip install duckdb)")
    print(f"{args.documents} documents x ({RECORDS} records, {2 * RECORDS} texts, {FINDINGS} findings, "
          f"{FINDINGS * EVIDENCE} evidence rows), one transaction per document")
    header = f"{'engine':<8} {'write ms/doc':>13} {'rewrite ms/doc':>15} {'read all s':>11} {'size MB':>8} {'reader while writing':>21}"
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as tmp:
        for engine in engines:
            r = measure(engine, Path(tmp), args.documents)
            print(f"{r['engine']:<8} {r['write_ms_per_doc']:>13.2f} {r['rewrite_ms_per_doc']:>15.2f} "
                  f"{r['read_s']:>11.2f} {r['mb']:>8.1f} {'yes' if r['reader_while_writing'] else 'no':>21}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
