"""Run a collection: plan (what is already done), execute in workers, store, summarise.

The coordinator is the results database's only writer: workers return rows, and each
document's report files and rows are written here, report first (atomically), then the rows in
one transaction. An interrupted batch therefore leaves every finished document complete and
nothing of the others, and ``--resume`` carries on where it stopped.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Protocol, Sequence

from treaty_align import __version__
from treaty_align.batch.collection import Document, collect, report_stem
from treaty_align.batch.executors import DEFAULT_ATTEMPTS, Executor, make_executor
from treaty_align.batch.store import DB_NAME, ResultsStore
from treaty_align.batch.worker import CompareOptions, DocumentOutcome, WorkItem, sweep_stale_scratch
from treaty_align.errors import InputError, OptionError
from treaty_align.model import SEVERITIES

PAGE_NAME = "index.html"
REPORTS_FOLDER = "reports"
_REPORT_SUFFIX = {"html": ".html", "json": ".json", "markdown": ".md", "csv": ".csv",
                  "sarif": ".sarif", "tmx": ".tmx", "xliff": ".xlf", "table": ".txt"}


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs; ``compare`` holds the options of each comparison."""

    compare: CompareOptions = CompareOptions()
    jobs: int | None = None  # None: the number of CPUs
    executor: str = "process"
    scheduler: str | None = None
    resume: bool = False
    fail_on: str | None = None
    max_attempts: int = DEFAULT_ATTEMPTS


@dataclass
class BatchSummary:
    """What a batch did: counts, where the results are, and the exit code it earns."""

    database: Path
    page: Path
    total: int = 0
    done: int = 0
    failed: int = 0
    skipped: int = 0
    failed_ids: list[str] = field(default_factory=list)
    gated: dict[str, int] = field(default_factory=dict)  # doc id -> findings at/above fail_on
    seconds: float = 0.0
    interrupted: bool = False

    def describe(self) -> str:
        """Return the one-line account of the batch printed at its end."""
        return (f"{self.total} document(s): {self.done} done, {self.failed} failed, "
                f"{self.skipped} skipped in {self.seconds:.1f} s; results {self.database}, "
                f"collection page {self.page}")

    def gate_lines(self, fail_on: str | None) -> list[str]:
        """Return the lines explaining a non-zero exit: failed documents, gated documents."""
        lines = []
        if self.failed_ids:
            shown = ", ".join(self.failed_ids[:10]) + (" ..." if len(self.failed_ids) > 10 else "")
            lines.append(f"{len(self.failed_ids)} document(s) failed ({shown}): exit 2")
        if self.gated:
            total = sum(self.gated.values())
            lines.append(f"{total} finding(s) at or above '{fail_on}' in {len(self.gated)} "
                         f"document(s) (--fail-on {fail_on})" + ("" if self.failed_ids else ": exit 1"))
        return lines

    @property
    def exit_code(self) -> int:
        """Return 2 when a document failed, 1 when findings reach ``--fail-on``, else 0."""
        if self.failed_ids or self.interrupted:
            return 2
        return 1 if self.gated else 0


class BatchProgress(Protocol):
    """Told about the batch as it goes (the CLI draws a progress bar)."""

    def start(self, pending: int, skipped: int) -> None:
        """Called once, before the first document is run."""

    def finished(self, outcome: DocumentOutcome) -> None:
        """Called when a document's outcome has been stored."""

    def close(self) -> None:
        """Called once at the end, also after an error."""


def default_jobs() -> int:
    """Return the number of CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _read(document: Document) -> tuple[tuple[tuple[str, bytes], ...], str | None]:
    """Return the document's files as (name, bytes) and None, or () and the read error."""
    files = []
    for path in document.paths:
        try:
            files.append((path.name, path.read_bytes()))
        except FileNotFoundError:
            return (), f"{path.name}: no such file"
        except IsADirectoryError:
            return (), f"{path.name}: is a directory, not a treaty text file"
        except OSError as exc:
            return (), f"{path.name}: cannot read the file ({exc.strerror or exc})"
    return tuple(files), None


def input_key(files: Sequence[tuple[str, bytes]], authority: str | None, options: CompareOptions) -> tuple[str, dict[str, str]]:
    """Return ``(key, {file name: sha256})``: what decides whether a stored result is current."""
    hashes = {name: hashlib.sha256(data).hexdigest() for name, data in files}
    payload = json.dumps(
        {"files": [[name, hashes[name]] for name, _ in files], "authority": authority,
         "options": options.key_fields(), "treaty_align": __version__},
        sort_keys=True, ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest(), hashes


def _check_options(options: BatchOptions) -> None:
    if options.fail_on is not None and options.fail_on not in SEVERITIES:
        raise OptionError(f"--fail-on {options.fail_on}: choose from {', '.join(SEVERITIES)}")
    unknown = [f for f in options.compare.report_formats if f not in _REPORT_SUFFIX]
    if unknown:
        raise OptionError(f"--reports {','.join(unknown)}: choose from {', '.join(_REPORT_SUFFIX)}")
    if options.jobs is not None and options.jobs < 1:
        raise OptionError("--jobs must be at least 1")
    if options.max_attempts < 1:
        raise OptionError("--attempts must be at least 1")
    from treaty_align.embed import get_encoder

    get_encoder(options.compare.encoder, use_cache=False)  # an unknown name fails here, not per act


def run_batch(source: str | os.PathLike[str], out: str | os.PathLike[str],
              options: BatchOptions = BatchOptions(),
              progress: BatchProgress | None = None) -> BatchSummary:
    """Compare every document of ``source`` (folder or manifest) into the folder ``out``.

    ``out`` receives ``results.sqlite3`` (the results database), ``reports/<id>.html`` (one
    report per document) and ``index.html`` (the collection page). Returns the
    :class:`BatchSummary`; raises :class:`InputError` / :class:`OptionError` for a bad
    collection, an unusable output folder or a database held by another batch.
    """
    _check_options(options)
    documents = collect(source)
    sweep_stale_scratch()
    started = time.perf_counter()
    out_dir = Path(out)
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir}: exists and is not a folder; give an output folder")
    summary = BatchSummary(database=out_dir / DB_NAME, page=out_dir / PAGE_NAME, total=len(documents))
    jobs = options.jobs or default_jobs()
    executor = make_executor(options.executor, jobs, options.scheduler, options.max_attempts)
    with ResultsStore(summary.database) as store:
        _check_writable(out_dir / REPORTS_FOLDER)
        run_id = store.start_run(str(source), options.compare.key_fields(), __version__,
                                 options.executor, jobs)
        known = store.known()
        pending: list[Document] = []
        for document in documents:
            files, error = _read(document)
            if error is None and options.resume:
                key, _ = input_key(files, document.authority, options.compare)
                if known.get(document.id) == ("done", key):
                    summary.skipped += 1
                    continue
            pending.append(document)
        if progress is not None:
            progress.start(len(pending), summary.skipped)
        try:
            for _, outcome in _execute(executor, pending, options.compare, store, run_id, out_dir):
                _count(summary, outcome)
                if progress is not None:
                    progress.finished(outcome)
        except BaseException as exc:  # also Ctrl-C: record the run's end, then let it through
            if progress is not None:
                progress.close()
            summary.interrupted = isinstance(exc, KeyboardInterrupt)
            _finish_quietly(store, run_id, "interrupted" if summary.interrupted else "aborted",
                            summary, documents, options.fail_on, out_dir)
            if isinstance(exc, InputError):
                raise InputError(f"{exc}; {summary.done + summary.failed} document(s) of this run "
                                 f"are stored: fix that, then run again with --resume") from exc
            raise
        if progress is not None:
            progress.close()
        summary.seconds = round(time.perf_counter() - started, 2)
        _finish(store, run_id, "finished", summary, documents, options.fail_on, out_dir)
    return summary


def _finish_quietly(*args: object) -> None:
    """:func:`_finish` after a failure: its own errors (the same full disk) must not hide the first."""
    try:
        _finish(*args)  # type: ignore[arg-type]
    except (InputError, OSError):
        pass


def _check_writable(folder: Path) -> None:
    """Create the reports folder and prove it takes a file, before any work is done."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise InputError(f"cannot write into {folder}: {exc.strerror or exc}") from exc


def _count(summary: BatchSummary, outcome: DocumentOutcome) -> None:
    if outcome.status == "done":
        summary.done += 1
    else:
        summary.failed += 1


def _items(documents: Sequence[Document], options: CompareOptions,
           keys: dict[str, tuple[str, dict[str, str], tuple[str, ...]]],
           early: list[DocumentOutcome]) -> Iterator[WorkItem]:
    """Yield a work item per readable document, reading its files only when it is submitted."""
    for document in documents:
        files, error = _read(document)
        key, hashes = input_key(files, document.authority, options)
        keys[document.id] = (key, hashes, tuple(str(p) for p in document.paths))
        if error is not None:
            early.append(DocumentOutcome(document.id, "failed", error=error))
            continue
        yield WorkItem(document.id, files, document.authority, options)


def _execute(executor: Executor, documents: Sequence[Document], options: CompareOptions,
             store: ResultsStore, run_id: int, out_dir: Path) -> Iterator[tuple[WorkItem | None, DocumentOutcome]]:
    """Run the documents, store each outcome as it arrives, and yield it."""
    keys: dict[str, tuple[str, dict[str, str], tuple[str, ...]]] = {}
    early: list[DocumentOutcome] = []  # unreadable documents: failed without a worker
    attempts: dict[str, int] = {}

    def store_outcome(outcome: DocumentOutcome) -> None:
        key, hashes, paths = keys[outcome.doc_id]
        reports = _write_reports(out_dir, outcome)
        store.save(outcome, input_key=key, input_hashes=hashes, paths=paths, reports=reports,
                   attempts=attempts.get(outcome.doc_id, 1), run_id=run_id)

    for item, outcome in executor.run(_items(documents, options, keys, early)):
        while early:
            failed = early.pop(0)
            store_outcome(failed)
            yield None, failed
        attempts[item.doc_id] = item.attempt
        store_outcome(outcome)
        yield item, outcome
    for failed in early:
        store_outcome(failed)
        yield None, failed


def _write_reports(out_dir: Path, outcome: DocumentOutcome) -> dict[str, str]:
    """Write the outcome's reports atomically; return ``{format: path relative to out_dir}``."""
    from treaty_align.report import write_atomic

    stem = report_stem(outcome.doc_id)
    written = {}
    for fmt, suffix in _REPORT_SUFFIX.items():
        relative = f"{REPORTS_FOLDER}/{stem}{suffix}"
        target = out_dir / relative
        if fmt in outcome.reports:
            write_atomic(target, outcome.reports[fmt])
            written[fmt] = relative
        elif outcome.status == "failed":
            # a document that now fails must not keep showing an earlier run's report
            target.unlink(missing_ok=True)
    return written


def _finish(store: ResultsStore, run_id: int, status: str, summary: BatchSummary,
            documents: Sequence[Document], fail_on: str | None, out_dir: Path) -> None:
    """Record the run's end, gate the collection, and write the collection page."""
    from treaty_align.batch.page import render_collection_page
    from treaty_align.report import write_atomic

    ids = [d.id for d in documents]
    rows = store.conn.execute("SELECT doc_id, status FROM documents").fetchall()
    states = dict(rows)
    summary.failed_ids = [i for i in ids if states.get(i) == "failed"]
    if fail_on is not None:
        summary.gated = _gate(store, ids, fail_on)
    store.finish_run(run_id, status, summary.done, summary.failed, summary.skipped)
    write_atomic(out_dir / PAGE_NAME, render_collection_page(store.conn, ids, fail_on))


def _gate(store: ResultsStore, ids: Sequence[str], fail_on: str) -> dict[str, int]:
    """Return ``{doc id: findings at or above fail_on}`` for the documents that have any."""
    severities = SEVERITIES[: SEVERITIES.index(fail_on) + 1]
    marks = ",".join("?" * len(severities))
    rows = store.conn.execute(
        f"SELECT doc_id, COUNT(*) FROM findings WHERE severity IN ({marks}) GROUP BY doc_id",
        list(severities),
    ).fetchall()
    wanted = set(ids)
    return {doc: n for doc, n in sorted(rows) if doc in wanted}
