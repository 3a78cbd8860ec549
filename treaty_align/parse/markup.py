"""HTML embedded in Markdown or plain text: tags, anchors, entities, tables, superscripts.

The publisher's Markdown carries HTML anchors (``<a id="st1"></a>``), signature tables (with
``colspan``, ``<pre>`` cells), ``<sup>`` for article numbers such as 98¹ and entities such as
``&nbsp;``. :func:`scan_html` runs the standard library's HTML parser over the whole text (it
reports the source position of every tag, which the parser needs to keep exact offsets) and
returns what to drop, what to replace, and where the table cells are. Only real HTML tag names
count as tags, so ``a < b`` or ``<Signature>`` in a text stay text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.entities import name2codepoint
from html.parser import HTMLParser

# tags whose markup is dropped (their text kept); anything else in angle brackets is text
_KNOWN_TAGS = frozenset(
    "a abbr b big blockquote body br center code col colgroup dd del div dl dt em font h1 h2 h3 h4 h5 "
    "h6 head hr html i img ins li mark ol p pre s small span strike strong sub sup table tbody td "
    "tfoot th thead tr tt u ul".split()
)
# tags that end a line of text where they stand
_BREAKS = frozenset("br p div li tr h1 h2 h3 h4 h5 h6 hr blockquote dd dt".split())
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass
class Cell:
    """One table cell: its table, row and column, and the source range of its content."""

    table: int
    row: int
    col: int
    start: int
    end: int


@dataclass
class HtmlScan:
    """What the HTML of a text means for the parser, by source offset."""

    drop: set[int] = field(default_factory=set)
    replace: dict[int, str] = field(default_factory=dict)
    cells: list[Cell] = field(default_factory=list)
    tables: list[tuple[int, int]] = field(default_factory=list)
    tags: int = 0


class _Scanner(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self.line_starts.append(i + 1)
        self.scan = HtmlScan()
        self.table_depth = 0
        self.table_start = 0
        self.row = -1
        self.col = -1
        self.cell_start: int | None = None
        self.sup_start: int | None = None

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _drop_tag(self, start: int) -> int:
        end = self.text.find(">", start)
        end = len(self.text) if end < 0 else end + 1
        self.scan.drop.update(range(start, end))
        self.scan.tags += 1
        return end

    def _tag(self, tag: str, closing: bool) -> None:
        start = self._offset()
        end = self._drop_tag(start)
        if tag in _BREAKS and not closing and self.table_depth == 0:
            # a break inside a paragraph joins its two parts with a space
            self.scan.replace[start] = " "
            self.scan.drop.discard(start)
        if tag == "table":
            if not closing:
                self.table_depth += 1
                if self.table_depth == 1:
                    self.table_start, self.row = start, -1
            elif self.table_depth:
                self.table_depth -= 1
                if self.table_depth == 0:
                    self.scan.tables.append((self.table_start, end))
        elif tag == "tr" and not closing and self.table_depth == 1:
            self.row += 1
            self.col = -1
        elif tag in ("td", "th") and self.table_depth == 1:
            if not closing:
                self.col += 1
                self.cell_start = end
            elif self.cell_start is not None:
                self.scan.cells.append(Cell(len(self.scan.tables), max(self.row, 0), self.col,
                                            self.cell_start, start))
                self.cell_start = None
        elif tag == "sup":
            if not closing:
                self.sup_start = end
            elif self.sup_start is not None:
                for i in range(self.sup_start, start):
                    sup = self.text[i].translate(_SUPERSCRIPT)
                    if sup != self.text[i]:
                        self.scan.replace[i] = sup
                self.sup_start = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _KNOWN_TAGS:
            self._tag(tag, closing=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _KNOWN_TAGS:
            self._tag(tag, closing=False)

    def handle_endtag(self, tag: str) -> None:
        if tag in _KNOWN_TAGS:
            self._tag(tag, closing=True)

    def handle_comment(self, data: str) -> None:
        start = self._offset()
        end = self.text.find("-->", start)
        end = len(self.text) if end < 0 else end + 3
        # a comment renders as nothing; its newlines stay so line numbers stay valid
        self.scan.drop.update(i for i in range(start, end) if self.text[i] != "\n")

    def _entity(self, char: str | None) -> None:
        start = self._offset()
        end = self.text.find(";", start, start + 12)
        if char is None or end < 0:
            return
        self.scan.replace[start] = char
        self.scan.drop.update(range(start + 1, end + 1))

    def handle_entityref(self, name: str) -> None:
        code = name2codepoint.get(name)
        self._entity(chr(code) if code is not None else None)

    def handle_charref(self, name: str) -> None:
        try:
            code = int(name[1:], 16) if name[:1] in "xX" else int(name)
            self._entity(chr(code))
        except (ValueError, OverflowError):
            return


def scan_html(text: str) -> HtmlScan:
    """Return the tags, entities and table cells of the HTML embedded in ``text``."""
    if "<" not in text and "&" not in text:
        return HtmlScan()
    scanner = _Scanner(text)
    scanner.feed(text)
    scanner.close()
    return scanner.scan
