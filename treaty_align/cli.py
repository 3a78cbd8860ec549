"""Command-line interface: arguments in, one library call, output out.

Exit codes: 0 = ran, 1 = findings at or above ``--fail-on``, 2 = error (one line on stderr).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import gc
import json
import os
import re
import shutil
import signal
import sys
import textwrap
import threading
import time
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, NoReturn, Sequence

from treaty_align import __version__
from treaty_align.errors import InputError, TreatyAlignError

if TYPE_CHECKING:
    from treaty_align.baseline import Baseline
    from treaty_align.model import Comparison

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message} (see --help)\n")

    def format_help(self) -> str:
        # an epilog may be a function: its lists (checks, encoders) import modules that only
        # --help needs
        if callable(self.epilog):
            self.epilog = self.epilog()
        return super().format_help()


class _HelpFormatter(argparse.HelpFormatter):
    """Wraps a description to the terminal; a text of several lines (the epilog's lists) keeps
    its lines, each too long one wrapped under its own text column."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" not in text:
            return super()._fill_text(text, width, indent)
        out = []
        for line in text.splitlines():
            column = re.match(r"\s*\S.*?\s{2,}", line)
            hang = " " * (column.end() if column else len(line) - len(line.lstrip()))
            out.extend(textwrap.wrap(line, width, initial_indent=indent, subsequent_indent=indent + hang,
                                     drop_whitespace=True) if len(line) > width else [indent + line])
        return "\n".join(out)


def _plural(count: int, word: str) -> str:
    """Return ``"1 finding"``, ``"2 findings"``: ``count`` and ``word``, in the plural unless 1."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _compare_epilog() -> str:
    from treaty_align.diverge import describe_checks
    from treaty_align.embed import available_encoders
    from treaty_align.report import FORMATS

    def listing(title: str, items: dict[str, str]) -> list[str]:
        width = max(len(k) for k in items) + 2
        return [title] + [f"  {k.ljust(width)}{v}" for k, v in items.items()]

    encoders = {name: "" for name in available_encoders()}
    encoders.update({"e5-small": "multilingual-e5-small, 4-bit, offline (default)",
                     "lexical": "no model: character n-grams of a shared transliteration (fast)"})
    for name in encoders:
        if name.startswith("st:"):
            encoders[name] = "a sentence-transformers model (needs the [st] extra)"
    lines = listing("checks (--checks):", describe_checks()) + [""]
    lines += listing("formats (--format):", {f: _FORMAT_HELP.get(f, "") for f in FORMATS}) + [""]
    lines += listing("encoders (--encoder):", encoders) + [""]
    lines += ["exit codes: 0 ran, 1 findings at or above --fail-on, 2 error"]
    return "\n".join(lines)


_FORMAT_HELP = {
    "table": "the terminal: findings first, records with --all",
    "json": "programs; byte-identical across runs, with a signature",
    "markdown": "reviews",
    "csv": "spreadsheets",
    "sarif": "code-hosting platforms (SARIF 2.1.0)",
    "html": "translators: one standalone file, versions side by side",
    "tmx": "CAT tools (TMX 1.4b)",
    "xliff": "XLIFF 2.0 (first two languages)",
}


def _check_output(path: str, force: bool) -> None:
    """Raise InputError now, before any work, when ``path`` cannot be written."""
    from treaty_align.report import check_writable

    check_writable(path, force=force)


def _add_parse(sub: "argparse._SubParsersAction[_Parser]") -> None:
    p = sub.add_parser(
        "parse", help="print the structure of one language version",
        description="Parse one language version of a treaty and print its structure: title, "
                    "preamble, articles, numbered points, sub-items, final clauses and signatures, "
                    "each clause with where it stands (line; Word paragraph; PDF page and line). "
                    "Reads plain text or Markdown in UTF-8, UTF-16, CP1251 or KZ-1048 (the Kazakh "
                    "variant of Windows-1251), HTML, Word .docx and PDF with a text layer; the "
                    "format, the encoding and the language (kk, az, ru) are detected.",
    )
    p.add_argument("file", help="a treaty version: plain text or Markdown (UTF-8, UTF-16, CP1251, "
                                "KZ-1048), HTML, Word .docx or PDF with a text layer")
    p.add_argument("--lang", help="language code (kk, az, ru); detected if omitted")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.add_argument("--force", action="store_true", help="replace a read-only output file")
    p.add_argument("-q", "--quiet", action="store_true", help="no 'wrote' line on stderr (errors still show)")
    p.set_defaults(run=_run_parse)


_LANGUAGE_PROBLEM = "no article headings found for"


def _run_parse(args: argparse.Namespace) -> tuple[str, int, str]:
    from treaty_align.parse import load_treaty

    if args.output:
        _check_output(args.output, args.force)
    try:
        treaty = load_treaty(args.file, lang=args.lang)
    except InputError as exc:
        if args.lang is None and (_LANGUAGE_PROBLEM in str(exc) or "cannot tell the language" in str(exc)):
            raise InputError(f"{exc} (--lang forces a language)") from exc
        raise
    if args.format == "json":
        text = json.dumps(treaty.to_dict(), ensure_ascii=False, indent=2) + "\n"
    else:
        text = treaty.format()
    return text, EXIT_OK, f"{args.format}: the {treaty.language} structure, {_plural(len(treaty.segments), 'clause')}"


COMPARE_FORMATS = ("table", "json", "markdown", "csv", "sarif", "html", "tmx", "xliff")


def _add_compare(sub: "argparse._SubParsersAction[_Parser]") -> None:
    p = sub.add_parser(
        "compare",
        help="align the versions and report divergences (no files: the bundled treaty)",
        description="Align the clauses of two or three language versions and report where they "
                    "differ in meaning. Versions may be text, Markdown, HTML, Word .docx or PDF "
                    "files, in any order; the result does not depend on the order. With no "
                    "files, compares the bundled Kazakh and Azerbaijani texts of the 2019 "
                    "Kazakhstan-Azerbaijan migration agreement.",
        epilog=_compare_epilog,
        formatter_class=_HelpFormatter,
    )
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="two or three language versions in any order and any of kk, az, ru "
                        "(e.g. KK AZ, KK RU, RU AZ KK); the language of each is detected")
    p.add_argument("--ru", metavar="FILE",
                   help="the Russian version, named explicitly (same as giving it as a FILE): "
                        "the pivot of the alignment and, unless --authority says otherwise, the prevailing text")
    p.add_argument("--encoder", default="e5-small", metavar="NAME",
                   help="e5-small (default, offline), lexical (no model) or st:<model or folder> "
                        "(see 'encoders' below)")
    p.add_argument("--authority", metavar="LANG",
                   help="the prevailing language that resolves divergences, listed first "
                        "(default: ru when a Russian version is given; otherwise none); "
                        "it does not change the alignment nor the finding ids")
    p.add_argument("--format", choices=COMPARE_FORMATS, default="table",
                   help="report format (default: table, the terminal view; see 'formats' below)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report here (atomically)")
    p.add_argument("--force", action="store_true",
                   help="replace a read-only output or baseline file")
    p.add_argument("-v", "--all", action="store_true", dest="all",
                   help="table format: also list every aligned record, not only the findings")
    p.add_argument("--fail-on", choices=("major", "minor", "info"),
                   help="exit 1 when a finding at or above this severity remains")
    p.add_argument("--baseline", metavar="FILE", help="hide the findings recorded in FILE and apply its review decisions")
    p.add_argument("--update-baseline", action="store_true",
                   help="write all current findings to the --baseline FILE (keeping its decisions)")
    p.add_argument("--checks", metavar="LIST",
                   help="comma-separated checks to run (default: all; see 'checks' below)")
    p.add_argument("--morphology", choices=("rules", "stanza"), default="rules",
                   help="lemmas and voice: offline rules (default) or Stanza models already on disk")
    p.add_argument("--cache-dir", metavar="DIR", help="embedding cache folder "
                   "(default: $TREATY_ALIGN_CACHE_DIR or the platform cache folder)")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the embedding cache")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="no warnings, progress or 'wrote' line on stderr (errors still show)")
    p.set_defaults(run=_run_compare)


#: seconds between progress lines when stderr is not a terminal (a log file, a CI job)
PROGRESS_INTERVAL = 5.0


class _Progress:
    """Progress on stderr: a bar on a terminal; elsewhere a line every few seconds of a long run.

    Called as ``progress(done, total)`` by the encoder; a daemon thread prints the heartbeat
    lines, so that parsing, aligning and checking a large text show that the run is alive.
    """

    def __init__(self, interval: float = PROGRESS_INTERVAL) -> None:
        self.tty = sys.stderr.isatty()
        self.interval = interval
        self.encoded = ""
        self.started = time.monotonic()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __call__(self, done: int, total: int) -> None:
        self.encoded = f"encoded {done}/{total} texts"
        if not self.tty:
            return
        width = 30
        filled = int(width * done / max(total, 1))
        sys.stderr.write(f"\rencoding [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\r" + " " * (width + 30) + "\r")
        sys.stderr.flush()

    def _beat(self) -> None:
        while not self._stop.wait(self.interval):
            elapsed = time.monotonic() - self.started
            detail = f" ({self.encoded})" if self.encoded else ""
            sys.stderr.write(f"treaty-align: working, {elapsed:.0f} s{detail}\n")
            sys.stderr.flush()

    def __enter__(self) -> "_Progress":
        if not self.tty:
            self._thread = threading.Thread(target=self._beat, name="treaty-align-progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()


def _progress_interval() -> float:
    try:
        return float(os.environ.get("TREATY_ALIGN_PROGRESS_SECONDS", PROGRESS_INTERVAL))
    except ValueError:
        return PROGRESS_INTERVAL


def _preflight_baseline(args: argparse.Namespace) -> "Baseline | None":
    """Return the baseline to apply, read (and so checked) before the comparison starts.

    With ``--update-baseline`` returns the file being replaced (its decisions survive the
    update; its ids give the summary of what changed), or None when there is none yet; the
    file must be writable. None without ``--baseline``.
    """
    from treaty_align.baseline import read_baseline

    if not args.baseline:
        return None
    if args.update_baseline:
        _check_output(args.baseline, args.force)
        return read_baseline(args.baseline) if Path(args.baseline).is_file() else None
    return read_baseline(args.baseline)


def _with_baseline(args: argparse.Namespace, comparison: "Comparison",
                   recorded: "Baseline | None") -> tuple["Comparison", "Comparison", int]:
    """Return ``(what to report, what to gate, findings hidden)`` after ``--baseline`` /
    ``--update-baseline``; ``recorded`` is what :func:`_preflight_baseline` read."""
    from treaty_align.baseline import Baseline, apply_baseline, compare_with_baseline, write_baseline

    if not args.baseline:
        return comparison, comparison, 0
    if args.update_baseline:
        # the review decisions already in the file survive the update
        previous = recorded or Baseline()
        comparison = apply_baseline(comparison, Baseline(decisions=previous.decisions))
        write_baseline(args.baseline, comparison, previous.decisions, force=args.force)
        current = {d.id for d in comparison.divergences}
        if recorded is None:
            change = "new baseline"
        else:
            change = (f"{len(current - previous.ids)} new, {len(previous.ids - current)} no longer "
                      f"found, {len(current & previous.ids)} kept")
        _say(args, f"baseline {args.baseline} written: {_plural(len(current), 'finding')} ({change})")
        # the findings just recorded no longer fail the gate; the report still shows them
        return comparison, apply_baseline(comparison, {d.id for d in comparison.divergences
                                                       if d.decision is None}), 0
    reported = compare_with_baseline(comparison, recorded or Baseline(), args.baseline)
    hidden = len(comparison.divergences) - len(reported.divergences)
    return reported, reported, hidden


def _say(args: argparse.Namespace, message: str) -> None:
    if not getattr(args, "quiet", False):
        sys.stderr.write(f"treaty-align: {message}\n")


def _warn_summarised(items: Sequence[str]) -> None:
    """Write the first few warnings to stderr, then one line counting the rest."""
    from treaty_align.report.table import warning_lines

    for line in warning_lines(items):
        if line.startswith("... and "):
            sys.stderr.write(f"treaty-align: {line}\n")
        else:
            sys.stderr.write(f"treaty-align: warning: {line}\n")


def _run_compare(args: argparse.Namespace) -> tuple[str | Iterable[str], int, str]:
    from treaty_align.baseline import gate
    from treaty_align.errors import OptionError
    from treaty_align.model import severity_rank
    from treaty_align.pipeline import bundled_paths, compare_treaties
    from treaty_align.report import render_pieces
    from treaty_align.report.table import render_table

    given = len(args.files) + (args.ru is not None)
    if args.files and not 2 <= given <= 3:
        # no FILE at all means the bundled treaty (with --ru, beside a Russian text)
        raise OptionError(
            f"give two or three language versions in any order (e.g. KK AZ, KK RU, RU AZ KK, "
            f"or KK --ru RU), not {given}; or none to compare the bundled treaty")
    if args.update_baseline and not args.baseline:
        raise OptionError("--update-baseline needs --baseline FILE")
    # options, outputs and the baseline are checked before the (long) comparison starts
    if args.output:
        _check_output(args.output, args.force)
    recorded = _preflight_baseline(args)
    files = args.files or [str(p) for p in bundled_paths()]
    checks = None
    if args.checks is not None:
        checks = [c.strip() for c in args.checks.split(",") if c.strip()]
        if not checks:
            raise OptionError("--checks names no check: give a comma-separated list, or omit it to run all")
        from treaty_align.diverge import get_check

        for name in checks:
            get_check(name)
    from treaty_align.parse import sentences

    # this process needs spaCy's rule-based sentencizer only, not the torch thinc would import
    sentences.SPARE_TORCH = True
    with warnings.catch_warnings(record=True) as caught:
        # library warnings (an unwritable cache folder...) become one-line CLI warnings
        warnings.simplefilter("always")
        progress = _Progress(_progress_interval()) if not args.quiet else None
        with progress or contextlib.nullcontext():
            comparison = compare_treaties(
                *files, ru=args.ru, encoder=args.encoder, authority=args.authority,
                cache_dir=args.cache_dir, use_cache=not args.no_cache, progress=progress,
                checks=checks, morphology=args.morphology,
            )
    if not args.quiet:
        _warn_summarised([str(w.message) for w in caught])
    comparison, gated, hidden = _with_baseline(args, comparison, recorded)
    if not args.quiet:
        _warn_summarised(comparison.warnings)
    code = gate(gated, args.fail_on)
    if code == EXIT_FINDINGS:
        # accepted findings never fail the gate, so they are not counted as failing either
        failing = [d for d in gated.divergences
                   if severity_rank(d.severity) <= severity_rank(args.fail_on) and not d.accepted]
        sys.stderr.write(f"treaty-align: {len(failing)} finding(s) at or above '{args.fail_on}' "
                         f"(--fail-on {args.fail_on}): exit 1\n")
    if args.format == "table":
        width = shutil.get_terminal_size((100, 24)).columns if not args.output else None
        text = render_table(comparison, width=width, records=args.all, hidden=hidden)
    else:
        text = render_pieces(comparison, args.format)
    what = (f"{args.format} report: {_plural(len(comparison.alignments), 'record')}, "
            f"{_plural(len(comparison.divergences), 'finding')}"
            + (f", {hidden} hidden by the baseline" if hidden else ""))
    return text, code, what


def _add_batch(sub: "argparse._SubParsersAction[_Parser]") -> None:
    p = sub.add_parser(
        "batch",
        help="compare a whole collection in parallel into one results database",
        description="Compare every act of a collection - a folder with one sub-folder per act "
                    "holding its language versions, or a CSV manifest (id, paths separated by ';', "
                    "optional authority) - in parallel worker processes. OUT receives "
                    "results.sqlite3, reports/<id>.html and the collection page index.html. "
                    "Exit 0 ran, 1 findings at or above --fail-on, 2 a document failed or error.",
    )
    p.add_argument("source", metavar="SOURCE", help="collection folder or manifest .csv")
    p.add_argument("-o", "--out", dest="out_dir", metavar="DIR", required=True,
                   help="output folder (results database, reports, collection page)")
    p.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: the CPU count)")
    p.add_argument("--executor", choices=("process", "dask"), default="process",
                   help="local process pool (default) or a Dask cluster ([dask] extra)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler, e.g. tcp://HOST:8786 (default: a local cluster of --jobs workers)")
    p.add_argument("--resume", action="store_true",
                   help="skip documents already done with the same inputs and options")
    p.add_argument("--attempts", type=int, default=3, metavar="N",
                   help="tries of a document whose worker process dies (default 3)")
    p.add_argument("--reports", default="html", metavar="LIST",
                   help="per-document report formats, comma-separated (default html; e.g. html,json)")
    p.add_argument("--fail-on", choices=("major", "minor", "info"),
                   help="exit 1 when any document has a finding at or above this severity")
    p.add_argument("--encoder", default="e5-small", metavar="NAME",
                   help="e5-small (default, offline), lexical (no model) or st:<model or folder>")
    p.add_argument("--authority", metavar="LANG",
                   help="prevailing language of every act (the manifest's authority column wins)")
    p.add_argument("--checks", metavar="LIST", help="comma-separated checks to run (default: all)")
    p.add_argument("--morphology", choices=("rules", "stanza"), default="rules")
    p.add_argument("--cache-dir", metavar="DIR", help="embedding cache folder shared by the workers")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the embedding cache")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no failure lines")
    p.set_defaults(run=_run_batch)


def _run_batch(args: argparse.Namespace) -> tuple[str, int]:
    from treaty_align.batch import BatchOptions, CompareOptions, run_batch
    from treaty_align.batch.progress import TqdmProgress

    def listed(value: str | None) -> tuple[str, ...] | None:
        return None if value is None else tuple(v.strip() for v in value.split(",") if v.strip())

    options = BatchOptions(
        compare=CompareOptions(encoder=args.encoder, authority=args.authority,
                               checks=listed(args.checks), morphology=args.morphology,
                               cache_dir=args.cache_dir, use_cache=not args.no_cache,
                               report_formats=listed(args.reports) or ("html",)),
        jobs=args.jobs, executor=args.executor, scheduler=args.scheduler, resume=args.resume,
        fail_on=args.fail_on, max_attempts=args.attempts,
    )
    try:
        summary = run_batch(args.source, args.out_dir, options, progress=TqdmProgress(quiet=args.quiet))
    except KeyboardInterrupt:
        raise TreatyAlignError("interrupted; the documents finished so far are stored: "
                               "run the same command with --resume to go on") from None
    for line in summary.gate_lines(args.fail_on):
        sys.stderr.write(f"treaty-align: {line}\n")
    return summary.describe() + "\n", summary.exit_code


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``treaty-align`` command."""
    parser = _Parser(
        prog="treaty-align",
        description="Check whether the language versions of a treaty say the same thing.",
    )
    parser.add_argument("--version", action="version", version=f"treaty-align {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    _add_parse(sub)
    _add_compare(sub)
    _add_batch(sub)
    return parser


def _emit(text: str | Iterable[str], output: str | None, force: bool = False) -> bool:
    """Write ``text`` (a string or its pieces) to ``output`` (atomically) or to stdout; return
    True if a file was written."""
    if output:
        from treaty_align.report import write_atomic

        write_atomic(output, text, force=force)
        return True
    for piece in ([text] if isinstance(text, str) else text):
        sys.stdout.write(piece)
    return False


class _Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP: unwinds like Ctrl-C, so that temporary files are removed."""


def _on_signal(signum: int, _frame: object) -> NoReturn:
    raise _Terminated(signal.Signals(signum).name)


def _install_signal_handlers() -> dict[int, Any]:
    previous: dict[int, Any] = {}
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is None:
            continue
        try:
            previous[signum] = signal.signal(signum, _on_signal)
        except ValueError:  # not the main thread (main() called from a worker): leave them
            break
    return previous


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a comparison is made and written.

    Its records, segments and findings live until the report is written, and hold no cycles:
    the collector would scan them again each time they grow by a quarter (a sixth of the time
    of a 50 MB treaty) and free nothing. Reference counting still frees everything else.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` and return the exit code."""
    args = build_parser().parse_args(argv)
    # batch runs worker processes, which must keep the default SIGTERM (their pool stops them)
    previous = _install_signal_handlers() if args.command in ("parse", "compare") else {}
    try:
        with _collector_paused() if args.command in ("parse", "compare") else contextlib.nullcontext():
            result = args.run(args)
            text, code = result[0], result[1]
            output = getattr(args, "output", None)
            if _emit(text, output, force=getattr(args, "force", False)) and len(result) > 2:
                _say(args, f"wrote {output} ({result[2]})")
    except TreatyAlignError as exc:
        sys.stderr.write(f"treaty-align: error: {exc}\n")
        return EXIT_ERROR
    except _Terminated as exc:
        sys.stderr.write(f"treaty-align: terminated ({exc})\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("treaty-align: interrupted\n")
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
