"""The Dask executor on a LocalCluster of two worker processes gives the process pool's results."""

from __future__ import annotations

import os
import socket

import pytest

import treaty_align
from tests.batch.conftest import make_collection
from treaty_align.batch import BatchOptions, CompareOptions, run_batch

pytest.importorskip("distributed", reason='the [dask] extra is not installed (pip install -e ".[dask]")')


def test_dask_local_cluster_fills_the_same_database(tmp_path, cache_dir):
    source = make_collection(tmp_path / "c", 4, planted=(1,), broken=(3,))
    compare = CompareOptions(encoder="lexical", cache_dir=cache_dir)
    dask_run = run_batch(source, tmp_path / "dask", BatchOptions(compare=compare, jobs=2, executor="dask"))
    pool_run = run_batch(source, tmp_path / "pool", BatchOptions(compare=compare, jobs=2))
    assert (dask_run.done, dask_run.failed) == (pool_run.done, pool_run.failed) == (3, 1)
    on_dask = treaty_align.open_results(tmp_path / "dask")
    on_pool = treaty_align.open_results(tmp_path / "pool")
    columns = ["doc_id", "finding_id", "kind", "severity", "message", "lines"]
    assert on_dask.findings[columns].equals(on_pool.findings[columns])
    assert on_dask.records.equals(on_pool.records)
    # the cluster's worker processes did the work, not this one
    workers = set(on_dask.documents[on_dask.documents.status == "done"].worker)
    assert workers and f"{socket.gethostname()}:{os.getpid()}" not in workers
    assert list(on_dask.documents.error.fillna("")) == list(on_pool.documents.error.fillna(""))


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path, cache_dir):
    from treaty_align.errors import OptionError

    source = make_collection(tmp_path / "c", 1)
    options = BatchOptions(compare=CompareOptions(encoder="lexical", cache_dir=cache_dir),
                           executor="dask", scheduler="tcp://127.0.0.1:9")
    with pytest.raises(OptionError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        run_batch(source, tmp_path / "out", options)
