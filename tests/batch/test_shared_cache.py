"""Worker processes of a batch share one embedding cache file: concurrent writers lose nothing."""

from __future__ import annotations

import multiprocessing
import sqlite3
import warnings
from contextlib import closing

import numpy as np

from treaty_align.embed.cache import CachedEncoder

WRITERS = 4
BATCHES = 15
PER_BATCH = 20


class CountingEncoder:
    """A tiny cacheable encoder: the vector of a text is a one-hot of its hash (unit norm)."""

    name = "test-counting"
    dim = 16
    model_version = "1"

    def encode(self, texts):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i, sum(map(ord, text)) % self.dim] = 1.0
        return out


def _writer(cache_dir: str, worker: int, queue) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        encoder = CachedEncoder(CountingEncoder(), cache_dir)
        for batch in range(BATCHES):
            # half the texts are shared by every writer, half are this writer's own
            texts = [f"shared {batch} {i}" for i in range(PER_BATCH // 2)]
            texts += [f"own {worker} {batch} {i}" for i in range(PER_BATCH // 2)]
            vectors = encoder.encode(texts)
            assert vectors.shape == (PER_BATCH, CountingEncoder.dim)
    queue.put([str(w.message) for w in caught])


def test_concurrent_workers_share_the_cache_without_losing_it(tmp_path):
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    processes = [context.Process(target=_writer, args=(str(tmp_path), w, queue)) for w in range(WRITERS)]
    for p in processes:
        p.start()
    messages = [queue.get(timeout=120) for _ in processes]
    for p in processes:
        p.join(timeout=60)
        assert p.exitcode == 0
    assert messages == [[]] * WRITERS  # no writer found the cache unusable (locked, corrupt)
    db = next(tmp_path.rglob("embeddings.sqlite3"))
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT COUNT(*) FROM embeddings_v1").fetchone()[0]
    assert rows == BATCHES * (PER_BATCH // 2) * (1 + WRITERS)
