"""One document of a batch, compared inside a worker process: inputs in, rows out.

The coordinator reads each document's files and ships their bytes (so workers on other
machines need no shared file system); :func:`compare_document` writes them to a scratch folder
under their own names, runs the pipeline and returns a :class:`DocumentOutcome` holding the
database rows and the rendered reports. Nothing here touches the results database: the
coordinator is its only writer.

The encoder model is loaded once per worker process: the e5 backend keeps it in a process-wide
cache, and a pool's worker processes live for the whole batch.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import socket
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from treaty_align.errors import InputError, TreatyAlignError

_MAX_VERSIONS = 3
SCRATCH_PREFIX = "treaty-align-doc-"
# a scratch folder carries its worker's pid, so that the next batch can tell a folder left by a
# killed worker (pid gone) from one still in use
_SCRATCH_NAME = re.compile(re.escape(SCRATCH_PREFIX) + r"(\d+)-")
STALE_SCRATCH_SECONDS = 60.0


@dataclass(frozen=True)
class CompareOptions:
    """The options of every comparison of a batch (those of ``treaty-align compare``)."""

    encoder: str = "e5-small"
    authority: str | None = None
    checks: tuple[str, ...] | None = None
    morphology: str = "rules"
    cache_dir: str | None = None
    use_cache: bool = True
    report_formats: tuple[str, ...] = ("html",)

    def key_fields(self) -> dict[str, Any]:
        """Return the options that change a result (what ``--resume`` compares), JSON-ready."""
        return {
            "encoder": self.encoder,
            "authority": self.authority,
            "checks": list(self.checks) if self.checks is not None else "all",
            "morphology": self.morphology,
            "report_formats": list(self.report_formats),
        }


@dataclass(frozen=True)
class WorkItem:
    """What a worker needs for one document: its id, files (name, bytes) and authority."""

    doc_id: str
    files: tuple[tuple[str, bytes], ...]
    authority: str | None
    options: CompareOptions
    attempt: int = 1


@dataclass
class DocumentOutcome:
    """What a worker returns for one document: rows for the database, or the error."""

    doc_id: str
    status: str  # "done" | "failed"
    error: str | None = None
    languages: tuple[str, ...] = ()
    authority: str | None = None
    signature: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    records: list[tuple[Any, ...]] = field(default_factory=list)
    record_texts: list[tuple[Any, ...]] = field(default_factory=list)
    findings: list[tuple[Any, ...]] = field(default_factory=list)
    evidence: list[tuple[Any, ...]] = field(default_factory=list)
    reports: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    peak_rss_mb: float = 0.0
    worker: str = ""


def peak_rss_mb() -> float:
    """Return this process's peak resident memory so far, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


def worker_name() -> str:
    """Return ``host:pid`` of this process (where a document ran)."""
    return f"{socket.gethostname()}:{os.getpid()}"


def compare_document(item: WorkItem) -> DocumentOutcome:
    """Return the outcome of comparing the versions of one document; never raise for bad input.

    A document whose input is bad (unreadable, not a treaty, not versions of one act, two
    versions in one language...) comes back with ``status="failed"`` and a one-line error.
    """
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-") as scratch:
        paths = _materialise(Path(scratch), item.files)
        try:
            outcome = _compare(item, paths)
        except TreatyAlignError as exc:
            outcome = DocumentOutcome(item.doc_id, "failed", error=_one_line(str(exc), scratch))
        except (ValueError, KeyError, IndexError, TypeError, ArithmeticError, RuntimeError,
                MemoryError, OSError, AttributeError) as exc:
            # a fault barrier: a defect met on one act of thousands is recorded against that act
            # (type and message) and the batch goes on
            outcome = DocumentOutcome(
                item.doc_id, "failed",
                error=_one_line(f"internal error ({type(exc).__name__}): {exc}", scratch),
            )
    outcome.seconds = round(time.perf_counter() - started, 3)
    outcome.peak_rss_mb = peak_rss_mb()
    outcome.worker = worker_name()
    return outcome


def sweep_stale_scratch(root: str | os.PathLike[str] | None = None, *,
                        older_than: float = STALE_SCRATCH_SECONDS) -> int:
    """Remove the scratch folders that killed workers left in ``root``; return how many.

    ``root`` defaults to the temporary folder. Only folders of our own pattern whose worker
    process no longer exists on this machine, untouched for ``older_than`` seconds, are removed.
    """
    folder = Path(root if root is not None else tempfile.gettempdir())
    now = time.time()
    removed = 0
    try:
        candidates = [p for p in folder.iterdir() if p.name.startswith(SCRATCH_PREFIX)]
    except OSError:
        return 0
    for candidate in candidates:
        match = _SCRATCH_NAME.match(candidate.name)
        try:
            if (match is None or _process_alive(int(match.group(1))) or not candidate.is_dir()
                    or now - candidate.stat().st_mtime <= older_than):
                continue
            shutil.rmtree(candidate)
            removed += 1
        except OSError:
            continue
    return removed


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process, or not a pid we can ask about: leave it
    return True


def _materialise(folder: Path, files: tuple[tuple[str, bytes], ...]) -> list[Path]:
    paths = []
    for index, (name, data) in enumerate(files):
        safe = Path(name).name or f"version{index}"
        target = folder / safe
        if target.exists():  # two versions with one file name in different folders
            target = folder / f"{index}-{safe}"
        target.write_bytes(data)
        paths.append(target)
    return paths


def _one_line(message: str, scratch: str) -> str:
    # the scratch folder means nothing to the reader: show bare file names
    text = message.replace(scratch + os.sep, "").replace(scratch, "")
    return " ".join(text.split())


def _load_versions(paths: list[Path]) -> list[Any]:
    """Return the parsed versions; with more than two candidates, skip those not recognised."""
    from treaty_align.parse import load_treaty

    if len(paths) <= 2:
        return [load_treaty(p) for p in paths]
    loaded, errors = [], []
    for path in paths:
        try:
            loaded.append(load_treaty(path))
        except InputError as exc:
            errors.append(str(exc))
    if len(loaded) < 2:
        raise InputError("fewer than two language versions recognised: " + "; ".join(errors))
    return loaded


def _compare(item: WorkItem, paths: list[Path]) -> DocumentOutcome:
    from treaty_align.pipeline import compare_treaties
    from treaty_align.report import render

    if len(paths) < 2:
        names = ", ".join(p.name for p in paths) or "none"
        raise InputError(f"{len(paths)} version file ({names}): an act needs two or three language versions")
    treaties = _load_versions(paths)
    if len(treaties) > _MAX_VERSIONS:
        langs = ", ".join(t.language for t in treaties)
        raise InputError(f"{len(treaties)} versions ({langs}): compare at most three")
    skipped = len(paths) - len(treaties)
    russian = [t for t in treaties if t.language == "ru"]
    others = [t for t in treaties if t.language != "ru"]
    ru = russian[0] if len(russian) == 1 else None
    versions = others if ru is not None else treaties  # two Russian texts: the pipeline says so
    opts = item.options
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        comparison = compare_treaties(
            *versions, ru=ru, encoder=opts.encoder, authority=item.authority or opts.authority,
            cache_dir=opts.cache_dir, use_cache=opts.use_cache,
            checks=list(opts.checks) if opts.checks is not None else None,
            morphology=opts.morphology,
        )
    notes = tuple(dict.fromkeys(str(w.message) for w in caught)) + tuple(comparison.warnings)
    if skipped:
        notes += (f"{skipped} file(s) beside the versions were not recognised as versions and skipped",)
    outcome = DocumentOutcome(
        item.doc_id, "done", languages=tuple(comparison.languages), authority=comparison.authority,
        signature=dict(comparison.signature), warnings=notes,
        reports={fmt: render(comparison, fmt) for fmt in opts.report_formats},
    )
    _fill_rows(outcome, comparison)
    return outcome


def _fill_rows(outcome: DocumentOutcome, comparison: Any) -> None:
    from treaty_align.model import severity_rank

    finding_no = 0
    for position, record in enumerate(comparison.alignments):
        severities = sorted((d.severity for d in record.divergences), key=severity_rank)
        outcome.records.append((
            position, record.id, record.block, record.article, round(float(record.score), 4),
            int(record.low_confidence), record.note, len(record.divergences),
            severities[0] if severities else None,
        ))
        for lang in comparison.languages:
            segments = record.segments.get(lang, ())
            outcome.record_texts.append((
                position, lang, " ".join(s.id for s in segments),
                segments[0].line if segments else None, record.text(lang),
            ))
        for divergence in record.divergences:
            res = divergence.resolution
            outcome.findings.append((
                finding_no, divergence.id, position, record.id, record.article, divergence.kind,
                divergence.severity, divergence.message,
                res.authority if res else None,
                ", ".join(res.agrees) if res else None,
                ", ".join(res.differs) if res else None,
                res.text if res else None,
            ))
            for ev_no, ev in enumerate(divergence.evidence):
                outcome.evidence.append((finding_no, ev_no, ev.language, ev.segment_id, ev.line, ev.quote))
            finding_no += 1
