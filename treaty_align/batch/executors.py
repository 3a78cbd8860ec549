"""Where the comparisons of a batch run: a local process pool, or a Dask distributed cluster.

Both executors take :class:`~treaty_align.batch.worker.WorkItem` objects and yield
``(item, outcome)`` pairs as documents finish, in completion order. A worker process that dies
(killed, out of memory) never loses a document: the documents it may have been running are
tried again, and after ``max_attempts`` tries recorded as failed with a one-line reason.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from typing import Any, Iterable, Iterator, Protocol

from treaty_align.batch.worker import DocumentOutcome, WorkItem, compare_document
from treaty_align.errors import OptionError

DEFAULT_ATTEMPTS = 3


class Executor(Protocol):
    """Runs work items and yields ``(item, outcome)`` as each finishes."""

    name: str
    jobs: int

    def run(self, items: Iterable[WorkItem]) -> Iterator[tuple[WorkItem, DocumentOutcome]]:
        """Yield every item with its outcome; each item exactly once."""
        ...


def _died(item: WorkItem, reason: str) -> DocumentOutcome:
    return DocumentOutcome(
        item.doc_id, "failed",
        error=f"the worker process died while comparing it ({reason}), {item.attempt} attempt(s)",
    )


def _context() -> Any:
    """Return the start method of worker processes: fork where the platform has it.

    Forking works from any caller (a script without a ``__main__`` guard, a notebook, standard
    input), which spawn does not; the coordinator forks before it loads any model and runs no
    threads of its own (the progress bar's monitor thread is off). Elsewhere: spawn.
    """
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


#: the environment variable that caps the threads of the encoder's OpenMP engine
THREADS_VARIABLE = "OMP_NUM_THREADS"


def threads_per_worker(jobs: int) -> int:
    """Return how many threads each of ``jobs`` workers may use: the CPUs shared out, at least 1.

    The e5 engine runs OpenMP threads on every CPU by default: one worker alone already keeps
    both cores of a 2-core machine busy while it encodes, and two workers would each start two
    threads on two cores (four threads fighting for two cores). Dask's nanny sets the same cap
    (``distributed.nanny.pre-spawn-environ``).
    """
    try:
        cpus = len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, cpus // max(1, jobs))


def _cap_threads(threads: int) -> None:
    """Set the worker's thread cap before it loads the encoder, unless the user set one."""
    os.environ.setdefault(THREADS_VARIABLE, str(threads))


class ProcessExecutor:
    """A pool of ``jobs`` local worker processes (``concurrent.futures``).

    At most ``jobs`` documents are in flight, so when the pool breaks because a worker died,
    only the documents that were running are charged an attempt; the pool is then rebuilt.
    """

    name = "process"

    def __init__(self, jobs: int, max_attempts: int = DEFAULT_ATTEMPTS) -> None:
        self.jobs = max(1, jobs)
        self.max_attempts = max(1, max_attempts)
        self.restarts = 0

    def _pool(self) -> ProcessPoolExecutor:
        # each worker's encoder gets its share of the CPUs (set in the worker, before the engine
        # is loaded there, which reads the variable once)
        return ProcessPoolExecutor(self.jobs, mp_context=_context(), initializer=_cap_threads,
                                   initargs=(threads_per_worker(self.jobs),))

    def run(self, items: Iterable[WorkItem]) -> Iterator[tuple[WorkItem, DocumentOutcome]]:
        """Yield ``(item, outcome)`` for every item, as they finish."""
        queue: deque[WorkItem] = deque()
        source = iter(items)
        in_flight: dict[Future[DocumentOutcome], WorkItem] = {}
        pool = self._pool()
        try:
            while True:
                broken = False
                while len(in_flight) < self.jobs:
                    item = queue.popleft() if queue else next(source, None)
                    if item is None:
                        break
                    try:
                        in_flight[pool.submit(compare_document, item)] = item
                    except BrokenProcessPool:
                        queue.appendleft(item)
                        broken = True
                        break
                if not in_flight and not broken:
                    return
                if in_flight:
                    done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                    for future in done:
                        item = in_flight.pop(future)
                        try:
                            outcome = future.result()
                        except BrokenProcessPool:
                            broken = True
                            queue.appendleft(item)  # judged with the others below
                            continue
                        yield item, outcome
                if broken:
                    pool.shutdown(wait=True, cancel_futures=True)
                    suspects = list(in_flight.values()) + [queue.popleft() for _ in range(len(queue))]
                    in_flight.clear()
                    for item in suspects:
                        if item.attempt >= self.max_attempts:
                            yield item, _died(item, "killed or out of memory")
                        else:
                            queue.append(replace(item, attempt=item.attempt + 1))
                    self.restarts += 1
                    pool = self._pool()
        finally:
            _stop(pool)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Shut the pool down without waiting for running documents (an interrupted batch)."""
    processes = dict(getattr(pool, "_processes", None) or {})
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes.values():
        if process.is_alive():
            process.terminate()
    for process in processes.values():
        process.join(timeout=5)


class DaskExecutor:
    """Documents as tasks on a Dask distributed cluster (the ``[dask]`` extra).

    ``scheduler`` is the address of a running scheduler (``tcp://HOST:8786``); None starts a
    ``LocalCluster`` of ``jobs`` single-threaded worker processes for this batch. Dask itself
    reschedules the tasks of a worker that dies; after ``max_attempts`` tries the scheduler gives
    up (``KilledWorker``) and the document is recorded as failed.
    """

    name = "dask"

    def __init__(self, jobs: int, scheduler: str | None = None,
                 max_attempts: int = DEFAULT_ATTEMPTS) -> None:
        self.jobs = max(1, jobs)
        self.scheduler = scheduler
        self.max_attempts = max(1, max_attempts)

    def _client(self) -> tuple[Any, Any]:
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise OptionError(
                "--executor dask needs the [dask] extra: pip install 'treaty-align[dask]'"
            ) from exc
        # a worker lost this many times fails the task instead of rescheduling it again
        dask.config.set({"distributed.scheduler.allowed-failures": self.max_attempts - 1})
        if self.scheduler:
            try:
                return Client(self.scheduler, timeout="10s"), None
            except (OSError, TimeoutError, ValueError) as exc:
                raise OptionError(f"cannot reach the Dask scheduler at {self.scheduler}: {exc}") from exc
        cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                               dashboard_address=":0")  # any free port: never clash with another cluster
        return Client(cluster), cluster

    def run(self, items: Iterable[WorkItem]) -> Iterator[tuple[WorkItem, DocumentOutcome]]:
        """Yield ``(item, outcome)`` for every item, as the cluster finishes them."""
        from distributed import as_completed
        from distributed.scheduler import KilledWorker

        client, cluster = self._client()
        try:
            threads = sum(client.nthreads().values()) or self.jobs
            window = max(2, 2 * threads)  # bounded: the scheduler holds the bytes of queued items
            source = iter(items)
            pending: dict[str, WorkItem] = {}
            completed = as_completed()

            def submit_next() -> bool:
                item = next(source, None)
                if item is None:
                    return False
                future = client.submit(compare_document, item, pure=False, retries=0)
                pending[future.key] = item
                completed.add(future)
                return True

            for _ in range(window):
                if not submit_next():
                    break
            for future in completed:
                item = pending.pop(future.key)
                try:
                    outcome = future.result()
                except KilledWorker:
                    outcome = _died(replace(item, attempt=self.max_attempts), "lost by the Dask cluster")
                future.release()
                yield item, outcome
                submit_next()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


EXECUTORS = ("process", "dask")


def make_executor(name: str, jobs: int, scheduler: str | None = None,
                  max_attempts: int = DEFAULT_ATTEMPTS) -> Executor:
    """Return the executor named ``name`` (``process`` or ``dask``)."""
    if name == "process":
        if scheduler:
            raise OptionError("--scheduler is for --executor dask")
        return ProcessExecutor(jobs, max_attempts)
    if name == "dask":
        return DaskExecutor(jobs, scheduler, max_attempts)
    raise OptionError(f"unknown executor '{name}' (choose from: {', '.join(EXECUTORS)})")
