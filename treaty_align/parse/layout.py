"""Split a source text into paragraphs ("blocks"), whatever its layout.

Three layouts are recognised:

* ``indent``: text extracted from a PDF; each paragraph starts with an indented line and wraps
  onto unindented lines; blank lines are page breaks that may fall inside a paragraph.
* ``blank``: Markdown or plain text where blank lines separate paragraphs.
* ``lines``: one paragraph per line, no blank lines between them.
"""

from __future__ import annotations

import bisect
import re
from typing import Callable, NamedTuple

from treaty_align.model import newline_offsets
from treaty_align.parse.markup import HtmlScan, scan_html
from treaty_align.parse.normalize import MappedText, clean_chars, map_line, strip_markdown, without_format_chars

_TERMINAL = tuple(".:;!?»\"”)")
_LABEL_START = re.compile(r"^(?:\d{1,3}[.)]|[^\W\d_]\))(?:\s|$)")
_BULLET = re.compile(r"^\s{0,3}[-*+]\s+\S")
_MD_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_MD_SYNTAX = re.compile(r"^\s{0,3}#{1,6}\s|\*\*\S|^\s{0,3}[-*+]\s+\d+\)|  $", re.MULTILINE)
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})(?:\s|$)")
_MD_QUOTE = re.compile(r"^\s{0,3}>")
_MD_BOLD_LINE = re.compile(r"^\s*(?:>\s*)?(\*\*|__).+(\*\*|__)[\s.:]*$")
_MD_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^[\s|:\-]+$")


class SourceLine(NamedTuple):
    """One non-blank line of the source after Markdown and invisible characters are removed.

    (Tuples, not dataclasses: a long text has hundreds of thousands of lines, and a frozen
    dataclass is several times slower to make.)
    """

    number: int
    indent: int
    text: MappedText
    blank_before: bool
    bullet: bool
    heading: int = 0
    bold: bool = False
    quote: bool = False
    cell: tuple[int, int, int] | None = None
    gap: int = 0


class Block(NamedTuple):
    """A paragraph of the source: consecutive lines that belong together."""

    lines: tuple[SourceLine, ...]

    @property
    def line(self) -> int:
        """Return the 1-based source line of the block's first line."""
        return self.lines[0].number

    @property
    def cell(self) -> tuple[int, int, int] | None:
        """Return ``(table, row, column)`` when the block is a table cell, else None."""
        return self.lines[0].cell

    @property
    def marked_heading(self) -> bool:
        """Return True when the markup set the block off as a heading (``#`` or a bold line)."""
        return self.lines[0].heading > 0 or self.lines[0].bold

    @property
    def first_text(self) -> str:
        """Return the text of the block's first line."""
        return self.lines[0].text.text


def looks_like_markdown(text: str, path_suffix: str = "") -> bool:
    """Return True when the text is Markdown (by file suffix or by its syntax)."""
    if path_suffix.lower() in (".md", ".markdown"):
        return True
    return len(_MD_SYNTAX.findall(text[:100_000])) >= 3


def _apply_scan(mapped: MappedText, scan: HtmlScan, touched: list[int]) -> MappedText:
    """Return ``mapped`` without the HTML markup of ``scan`` (entities and superscripts replaced).

    ``touched`` is every offset ``scan`` drops or replaces, ascending: a line holding none of
    them (nearly every line) is returned as it is.
    """
    if not mapped.intersects(touched):
        return mapped
    chars: list[str] = []
    offsets: list[int] = []
    for ch, off in zip(mapped.text, mapped.offsets):
        if off in scan.drop:
            continue
        chars.append(scan.replace.get(off, ch))
        offsets.append(off)
    return MappedText.from_offsets("".join(chars), offsets)


def _outside(mapped: MappedText, regions: list[tuple[int, int]]) -> MappedText:
    if not mapped.text:
        return mapped
    lo, hi = mapped.span()
    if not any(a < hi and lo < b for a, b in regions):
        return mapped
    offsets = mapped.offsets
    keep = [i for i, off in enumerate(offsets) if not any(a <= off < b for a, b in regions)]
    if len(keep) == len(mapped.text):
        return mapped
    return MappedText.from_offsets("".join(mapped.text[i] for i in keep), [offsets[i] for i in keep])


def _clean(mapped: MappedText, scan: HtmlScan, markdown: bool,
           touched: list[int]) -> tuple[MappedText, int, bool, bool]:
    """Return a line's text without markup and its heading level, bold and quote flags."""
    mapped = clean_chars(_apply_scan(mapped, scan, touched))
    bold = quote = False
    level = 0
    if markdown:
        m = _MD_HEADING.match(mapped.text)
        level = len(m.group(1)) if m else 0
        bold = bool(_MD_BOLD_LINE.match(mapped.text))
        quote = bool(_MD_QUOTE.match(mapped.text))
        mapped = strip_markdown(mapped)
    return mapped.strip(), level, bold, quote


def source_lines(source: str, markdown: bool) -> list[SourceLine]:
    """Return the non-blank lines of ``source`` with offsets, indents and blank-line flags.

    Markup never reaches a line's text: HTML tags, anchors and comments are dropped (entities
    decoded, ``<sup>`` digits made superscript), and each table cell (HTML or Markdown pipe
    table) becomes a line of its own with its ``cell`` position.
    """
    scan = scan_html(source)
    touched = sorted(scan.drop | scan.replace.keys())
    cell_lines: list[SourceLine] = []
    newlines = newline_offsets(source) if scan.cells else []
    for cell in scan.cells:
        mapped = MappedText.at(source[cell.start:cell.end].replace("\n", " "), cell.start)
        text, level, bold, quote = _clean(mapped, scan, markdown, touched)
        if text.text:
            number = _line_number(newlines, text.offset(0))
            cell_lines.append(SourceLine(number, 0, text, True, False, level, bold, quote,
                                         (cell.table, cell.row, cell.col)))
    result: list[SourceLine] = []
    offset = 0
    blank_before = True
    gap = 0
    fenced = False
    pipe_table = len(scan.tables)
    in_pipe = False
    for number, raw in enumerate(source.split("\n"), start=1):
        # what the line's layout is read from (indentation, a bullet, a fence, a table row):
        # the line as it shows, without the invisible format characters (a direction mark
        # before the indentation must not make an indented line flush)
        shown = without_format_chars(raw)
        if markdown:
            mapped = map_line(raw, offset)
        else:
            # the cleaned line is stripped in the end, and cleaning works character by character:
            # plain spaces at the ends go now, before a mapped copy is made of the line and then
            # sliced (an indented line is most lines of a plain text). Markdown's syntax reads
            # them (indented code, list levels), so there they stay.
            body = raw.lstrip(" \t")
            mapped = map_line(body.rstrip(" \t"), offset + len(raw) - len(body))
        offset += len(raw) + 1
        if scan.tables:
            mapped = _outside(mapped, scan.tables)
        if shown is not raw:
            mapped = clean_chars(mapped)
        if markdown and _MD_FENCE.match(mapped.text):
            fenced = not fenced
            blank_before = True
            continue
        if markdown and _PIPE_ROW.match(mapped.text) and not fenced:
            if not in_pipe:
                pipe_table += 1
                row = -1
                in_pipe = True
            if _PIPE_RULE.match(mapped.text):
                continue
            row += 1
            bar = [i for i, ch in enumerate(mapped.text) if ch == "|"]
            for col, (a, b) in enumerate(zip(bar, bar[1:])):
                text, level, bold, quote = _clean(mapped.slice(a + 1, b), scan, markdown, touched)
                if text.text:
                    result.append(SourceLine(number, 0, text, True, False, level, bold, quote,
                                             (pipe_table - 1, row, col)))
            blank_before = True
            continue
        in_pipe = False
        bullet = bool(markdown and _BULLET.match(shown))
        text, level, bold, quote = _clean(mapped, scan, markdown, touched)
        if not text.text:
            blank_before = True
            gap += 1
            continue
        expanded = shown.replace("\t", "    ")
        indent = len(expanded) - len(expanded.lstrip(" \u00a0"))
        result.append(SourceLine(number, indent, text, blank_before, bullet, level, bold, quote, gap=gap))
        blank_before = False
        gap = 0
    if cell_lines:
        result = sorted(result + cell_lines, key=lambda ln: ln.text.offset(0))
    return result


def _line_number(newlines: list[int], offset: int) -> int:
    return bisect.bisect_left(newlines, offset) + 1


def detect_layout(lines: list[SourceLine]) -> str:
    """Return ``indent``, ``blank`` or ``lines`` for the given source lines."""
    if not lines:
        return "blank"
    base = min(ln.indent for ln in lines)
    indented = sum(1 for ln in lines if ln.indent >= base + 2)
    flush = len(lines) - indented
    blanks = sum(1 for ln in lines if ln.blank_before)
    if indented >= 0.15 * len(lines) and flush >= 0.15 * len(lines):
        return "indent"
    if blanks >= 0.3 * len(lines):
        return "blank"
    return "lines"


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_TERMINAL)


def split_blocks(
    lines: list[SourceLine],
    layout: str,
    heading_kind: Callable[[str], str | None],
    markdown: bool = False,
) -> list[Block]:
    """Return the paragraphs of ``lines`` under ``layout``.

    ``heading_kind(text)`` says whether a line is an article heading alone on its line
    (``"pure"``: always a block of its own) or a heading with text glued after it (``"glued"``:
    starts a block when it stands at a paragraph start).
    """
    blocks: list[list[SourceLine]] = []
    base = min((ln.indent for ln in lines), default=0)
    prev: SourceLine | None = None
    prev_heading = False
    for ln in lines:
        text = ln.text.text
        kind = heading_kind(text)
        heading = kind == "pure"
        glued = kind == "glued" and (
            ln.blank_before or ln.indent >= base + 2 or (prev is not None and _ends_sentence(prev.text.text))
        )
        alone = ln.cell is not None or ln.heading > 0
        new = prev is None or heading or prev_heading or glued or alone
        if not new and prev is not None:
            continuation = not _ends_sentence(prev.text.text) and text[:1].islower()
            labelled = bool(_LABEL_START.match(text)) or ln.bullet
            if layout == "indent":
                new = ln.indent >= base + 2 or (
                    ln.blank_before and not continuation
                ) or (labelled and _ends_sentence(prev.text.text) and ln.blank_before)
            elif layout == "blank":
                # in Markdown a blank line always ends a paragraph; in text extracted from a
                # PDF a wider gap may be a page break inside a sentence (one blank line between
                # paragraphs is the layout, also before a preamble clause in lower case)
                new = (ln.blank_before and (markdown or not continuation or ln.gap == 1)) or labelled
            else:
                new = not continuation or labelled
        if new:
            blocks.append([ln])
        else:
            blocks[-1].append(ln)
        prev = ln
        prev_heading = heading or alone
    return [Block(tuple(b)) for b in blocks]
