"""Split a source text into paragraphs ("blocks"), whatever its layout.

Three layouts are recognised:

* ``indent``: text extracted from a PDF; each paragraph starts with an indented line and wraps
  onto unindented lines; blank lines are page breaks that may fall inside a paragraph.
* ``blank``: Markdown or plain text where blank lines separate paragraphs.
* ``lines``: one paragraph per line, no blank lines between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from treaty_align.parse.normalize import MappedText, clean_chars, map_line, strip_markdown

_TERMINAL = tuple(".:;!?»\"”)")
_LABEL_START = re.compile(r"^(?:\d{1,3}[.)]|[^\W\d_]\))(?:\s|$)")
_BULLET = re.compile(r"^\s{0,3}[-*+]\s+\S")
_MD_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_MD_SYNTAX = re.compile(r"^\s{0,3}#{1,6}\s|\*\*\S|^\s{0,3}[-*+]\s+\d+\)|  $", re.MULTILINE)


@dataclass(frozen=True)
class SourceLine:
    """One non-blank line of the source after Markdown and invisible characters are removed."""

    number: int
    indent: int
    text: MappedText
    blank_before: bool
    bullet: bool


@dataclass(frozen=True)
class Block:
    """A paragraph of the source: consecutive lines that belong together."""

    lines: tuple[SourceLine, ...]

    @property
    def line(self) -> int:
        """Return the 1-based source line of the block's first line."""
        return self.lines[0].number

    @property
    def first_text(self) -> str:
        """Return the text of the block's first line."""
        return self.lines[0].text.text


def looks_like_markdown(text: str, path_suffix: str = "") -> bool:
    """Return True when the text is Markdown (by file suffix or by its syntax)."""
    if path_suffix.lower() in (".md", ".markdown"):
        return True
    return len(_MD_SYNTAX.findall(text[:100_000])) >= 3


def source_lines(source: str, markdown: bool) -> list[SourceLine]:
    """Return the non-blank lines of ``source`` with offsets, indents and blank-line flags."""
    if markdown:
        # HTML comments render as nothing; blank them out but keep offsets and line numbers
        source = _MD_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), source)
    result: list[SourceLine] = []
    offset = 0
    blank_before = True
    for number, raw in enumerate(source.split("\n"), start=1):
        mapped = clean_chars(map_line(raw, offset))
        offset += len(raw) + 1
        bullet = bool(markdown and _BULLET.match(raw))
        if markdown:
            mapped = strip_markdown(mapped)
        stripped = mapped.strip()
        if not stripped.text:
            blank_before = True
            continue
        expanded = raw.replace("\t", "    ")
        indent = len(expanded) - len(expanded.lstrip(" \u00a0"))
        result.append(SourceLine(number, indent, stripped, blank_before, bullet))
        blank_before = False
    return result


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
        new = prev is None or heading or prev_heading or glued
        if not new and prev is not None:
            continuation = not _ends_sentence(prev.text.text) and text[:1].islower()
            labelled = bool(_LABEL_START.match(text)) or ln.bullet
            if layout == "indent":
                new = ln.indent >= base + 2 or (
                    ln.blank_before and not continuation
                ) or (labelled and _ends_sentence(prev.text.text) and ln.blank_before)
            elif layout == "blank":
                # in Markdown a blank line always ends a paragraph; in text extracted from a
                # PDF it may be a page break inside a sentence
                new = (ln.blank_before and (markdown or not continuation)) or labelled
            else:
                new = not continuation or labelled
        if new:
            blocks.append([ln])
        else:
            blocks[-1].append(ln)
        prev = ln
        prev_heading = heading
    return [Block(tuple(b)) for b in blocks]
