"""Command-line interface: arguments in, one library call, output out.

Exit codes: 0 = ran, 1 = findings at or above ``--fail-on``, 2 = error (one line on stderr).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import NoReturn, Sequence

from treaty_align import __version__
from treaty_align.errors import TreatyAlignError

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
    p.add_argument("--lang", choices=None, help="language code (kk, az, ru); detected if omitted")
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


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``treaty-align`` command."""
    parser = _Parser(
        prog="treaty-align",
        description="Check whether the language versions of a treaty say the same thing.",
    )
    parser.add_argument("--version", action="version", version=f"treaty-align {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    _add_parse(sub)
    try:
        from treaty_align.cli_compare import add_compare
    except ImportError:  # pragma: no cover - compare arrives with the align stage
        pass
    else:
        add_compare(sub)
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
