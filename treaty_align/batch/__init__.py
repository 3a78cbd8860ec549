"""Batches: compare a whole collection of acts in parallel, into one results database.

    from treaty_align.batch import BatchOptions, run_batch
    summary = run_batch("collection/", "out/", BatchOptions(jobs=2))
    results = treaty_align.open_results("out/")     # documents, records, findings frames

Modules: :mod:`.collection` (what to run: a folder or a CSV manifest), :mod:`.worker` (one
document in a worker process), :mod:`.executors` (process pool, Dask), :mod:`.store` (the
SQLite database and its schema), :mod:`.runner` (plan, run, store, gate), :mod:`.page` (the
collection HTML page), :mod:`.results` (pandas frames), :mod:`.progress` (the progress bar).
"""

from __future__ import annotations

from treaty_align.batch.collection import Document, collect
from treaty_align.batch.results import CollectionResults, open_results
from treaty_align.batch.runner import BatchOptions, BatchSummary, run_batch
from treaty_align.batch.worker import CompareOptions

__all__ = ["BatchOptions", "BatchSummary", "CollectionResults", "CompareOptions", "Document",
           "collect", "open_results", "run_batch"]
