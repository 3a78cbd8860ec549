"""Command-line interface: arguments in, one library call, output out.

Exit codes: 0 = ran, 1 = findings at or above ``--fail-on``, 2 = error (one line on stderr).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Callable, NoReturn, Sequence

from treaty_align import __version__
from treaty_align.errors import TreatyAlignError

if TYPE_CHECKING:
    from treaty_align.model import Comparison

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message} (see --help)\n")


def _add_parse(sub: "argparse._SubParsersAction[_Parser]") -> None:
    p = sub.add_parser("parse", help="print the structure of one language version")
    p.add_argument("file", help="treaty text (plain text or Markdown; UTF-8, UTF-16 or CP1251)")
    p.add_argument("--lang", help="language code (kk, az, ru); detected if omitted")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.set_defaults(run=_run_parse)


def _run_parse(args: argparse.Namespace) -> tuple[str, int]:
    from treaty_align.parse import load_treaty

    treaty = load_treaty(args.file, lang=args.lang)
    if args.format == "json":
        text = json.dumps(treaty.to_dict(), ensure_ascii=False, indent=2) + "\n"
    else:
        text = treaty.format()
    return text, EXIT_OK


COMPARE_FORMATS = ("table", "json", "markdown", "csv", "sarif", "html", "tmx", "xliff")


def _add_compare(sub: "argparse._SubParsersAction[_Parser]") -> None:
    p = sub.add_parser(
        "compare",
        help="align the versions and report divergences (no files: the bundled treaty)",
        description="Align the clauses of two or three language versions and report where they "
                    "differ in meaning. With no files, compares the bundled Kazakh and "
                    "Azerbaijani texts of the 2019 Kazakhstan-Azerbaijan migration agreement.",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="two language versions (e.g. KK AZ)")
    p.add_argument("--ru", metavar="FILE", help="the Russian version: pivot and prevailing text")
    p.add_argument("--encoder", default="e5-small", metavar="NAME",
                   help="e5-small (default, offline), lexical (no model) or st:<model or folder>")
    p.add_argument("--authority", metavar="LANG",
                   help="the prevailing language that resolves divergences (default: ru if given)")
    p.add_argument("--format", choices=COMPARE_FORMATS, default="table")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report here (atomically)")
    p.add_argument("--fail-on", choices=("major", "minor", "info"),
                   help="exit 1 when a finding at or above this severity remains")
    p.add_argument("--baseline", metavar="FILE", help="hide the findings recorded in FILE and apply its review decisions")
    p.add_argument("--update-baseline", action="store_true",
                   help="write all current findings to the --baseline FILE (keeping its decisions)")
    p.add_argument("--checks", metavar="LIST", help="comma-separated checks to run (default: all)")
    p.add_argument("--morphology", choices=("rules", "stanza"), default="rules",
                   help="lemmas and voice: offline rules (default) or Stanza models already on disk")
    p.add_argument("--cache-dir", metavar="DIR", help="embedding cache folder "
                   "(default: $TREATY_ALIGN_CACHE_DIR or the platform cache folder)")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the embedding cache")
    p.add_argument("-q", "--quiet", action="store_true", help="no warnings on stderr")
    p.set_defaults(run=_run_compare)


def _progress_bar() -> "Callable[[int, int], None] | None":
    """Return a progress callback drawing on stderr, or None when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        width = 30
        filled = int(width * done / max(total, 1))
        sys.stderr.write(f"\rencoding [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\r" + " " * (width + 30) + "\r")
        sys.stderr.flush()

    return show


def _with_baseline(args: argparse.Namespace, comparison: "Comparison") -> tuple["Comparison", "Comparison"]:
    """Return ``(what to report, what to gate)`` after ``--baseline`` / ``--update-baseline``."""
    from treaty_align.baseline import Baseline, apply_baseline, read_baseline, write_baseline

    if not args.baseline:
        return comparison, comparison
    if args.update_baseline:
        # the review decisions already in the file survive the update
        previous = read_baseline(args.baseline) if Path(args.baseline).is_file() else Baseline()
        comparison = apply_baseline(comparison, Baseline(decisions=previous.decisions))
        write_baseline(args.baseline, comparison, previous.decisions)
        sys.stderr.write(f"treaty-align: baseline {args.baseline} written with "
                         f"{len(comparison.divergences)} findings\n")
        # the findings just recorded no longer fail the gate; the report still shows them
        return comparison, apply_baseline(comparison, {d.id for d in comparison.divergences
                                                       if d.decision is None})
    before = len(comparison.divergences)
    comparison = apply_baseline(comparison, read_baseline(args.baseline))
    hidden = before - len(comparison.divergences)
    if hidden:
        # say so in the report itself, so that a baselined report never looks clean by accident
        note = f"{hidden} finding(s) recorded in the baseline {args.baseline} are not shown"
        comparison = dataclasses.replace(comparison, warnings=comparison.warnings + (note,))
    return comparison, comparison


def _run_compare(args: argparse.Namespace) -> tuple[str, int]:
    from treaty_align.baseline import gate
    from treaty_align.errors import OptionError
    from treaty_align.model import severity_rank
    from treaty_align.pipeline import bundled_paths, compare_treaties
    from treaty_align.report import render

    if len(args.files) == 1 or len(args.files) > 2:
        raise OptionError("give two files (e.g. KK AZ), or none to compare the bundled treaty")
    if args.update_baseline and not args.baseline:
        raise OptionError("--update-baseline needs --baseline FILE")
    files = args.files or [str(p) for p in bundled_paths()]
    checks = None
    if args.checks is not None:
        checks = [c.strip() for c in args.checks.split(",") if c.strip()]
        if not checks:
            raise OptionError("--checks names no check: give a comma-separated list, or omit it to run all")
    with warnings.catch_warnings(record=True) as caught:
        # library warnings (an unwritable cache folder...) become one-line CLI warnings
        warnings.simplefilter("always")
        comparison = compare_treaties(
            *files, ru=args.ru, encoder=args.encoder, authority=args.authority,
            cache_dir=args.cache_dir, use_cache=not args.no_cache, progress=_progress_bar(),
            checks=checks, morphology=args.morphology,
        )
    if not args.quiet:
        for item in dict.fromkeys(str(w.message) for w in caught):
            sys.stderr.write(f"treaty-align: warning: {item}\n")
    comparison, gated = _with_baseline(args, comparison)
    if not args.quiet:
        for warning in comparison.warnings:
            sys.stderr.write(f"treaty-align: warning: {warning}\n")
    code = gate(gated, args.fail_on)
    if code == EXIT_FINDINGS:
        failing = [d for d in gated.divergences if severity_rank(d.severity) <= severity_rank(args.fail_on)]
        sys.stderr.write(f"treaty-align: {len(failing)} finding(s) at or above '{args.fail_on}' "
                         f"(--fail-on {args.fail_on}): exit 1\n")
    return render(comparison, args.format), code


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


def _emit(text: str, output: str | None) -> None:
    if output:
        from treaty_align.report import write_atomic

        write_atomic(output, text)
    else:
        sys.stdout.write(text)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` and return the exit code."""
    args = build_parser().parse_args(argv)
    try:
        text, code = args.run(args)
        _emit(text, getattr(args, "output", None))
    except TreatyAlignError as exc:
        sys.stderr.write(f"treaty-align: error: {exc}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("treaty-align: interrupted\n")
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
