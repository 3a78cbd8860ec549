"""Read an HTML page (e.g. saved from an official legal database) as Markdown-like text.

The page is parsed with lxml's HTML parser, never with regular expressions: headings become
``#`` lines, a paragraph written wholly in bold becomes ``**...**``, list items and table cells
become paragraphs of their own (ordered lists get the numbers a browser would show), ``<br>``
becomes a line break, scripts and styles are dropped. Each output line's location is the line
of the HTML source where its text starts.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from treaty_align.errors import InputError
from treaty_align.parse.formats import ExtractedText

_SKIP = frozenset({"script", "style", "head", "title", "noscript", "template", "meta", "link",
                   "iframe", "object", "svg", "button", "select", "input", "textarea", "nav", "aside",
                   # a figure's caption credits the publisher, a page's chrome, not the act
                   "figcaption"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_BLOCK = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "table", "tr", "td",
    "th", "ul", "ol", "section", "article", "header", "footer", "center", "dd", "dt", "dl", "form",
    "main", "nav", "aside", "caption", "address", "figure", "figcaption", "body", "html", "tbody",
    "thead", "tfoot", "hr",
})
_BOLD = frozenset({"b", "strong"})
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.IGNORECASE)
_SPACE_RUN = re.compile(r"[ \t\r\n\f]+")
_XML_DECL = re.compile(r"\A\s*<\?xml[^>]*\?>")
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.-]+)", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """Return the codec name a page declares in its ``<meta charset>``, if Python knows it."""
    m = _META_CHARSET.search(data[:8192])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def _roman(n: int) -> str:
    numerals = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = []
    for value, letters in numerals:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int, alphabet: str) -> str:
    """Return the n-th (1-based) label of a lettered list: a, b, ... z, aa, bb ... (as browsers do)."""
    if n < 1:
        return str(n)
    return alphabet[(n - 1) % len(alphabet)] * ((n - 1) // len(alphabet) + 1)


def ordered_label(n: int, kind: str) -> str:
    """Return the label of item ``n`` of an ordered list of HTML ``type`` ``kind`` (1, a, A, i, I)."""
    if kind == "a":
        return _letters(n, "abcdefghijklmnopqrstuvwxyz")
    if kind == "A":
        return _letters(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if kind == "i":
        return _roman(n)
    if kind == "I":
        return _roman(n).upper()
    return str(n)


@dataclass
class _Paragraphs:
    """Collects the inline text of the paragraph being read and the finished paragraphs."""

    done: list[tuple[str, int]] = field(default_factory=list)
    pieces: list[tuple[str, bool]] = field(default_factory=list)
    line: int = 0
    #: a list label waiting for the item's first paragraph (``<li><p>text</p></li>``)
    label: str = ""

    def text(self, text: str | None, bold: bool, line: int | None, pre: bool = False) -> None:
        if not text:
            return
        if not pre:
            text = _SPACE_RUN.sub(" ", text)
        if not self.pieces or not any(p.strip() for p, _ in self.pieces):
            self.line = line or self.line
        self.pieces.append((text, bold))

    def line_break(self) -> None:
        self.pieces.append(("\n", False))

    def flush(self, prefix: str = "") -> None:
        """End the current paragraph; ``prefix`` is a heading mark or list label."""
        lines: list[list[tuple[str, bool]]] = [[]]
        for text, bold in self.pieces:
            parts = text.split("\n")
            for i, part in enumerate(parts):
                if i:
                    lines.append([])
                if part:
                    lines[-1].append((part, bold))
        self.pieces = []
        out: list[str] = []
        for pieces in lines:
            text = "".join(p for p, _ in pieces).strip()
            if not text:
                continue
            # a line written wholly in bold is the Markdown '**...**' the builder knows
            if all(bold for p, bold in pieces if p.strip()):
                text = f"**{text}**"
            out.append(text)
        if out:
            out[0] = prefix + self.label + out[0]
            self.label = ""
            self.done.append(("\n".join(out), self.line))


def _walk(el, paras: _Paragraphs, bold: bool, pre: bool) -> None:  # noqa: ANN001 - lxml element
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if not tag or tag in _SKIP:  # comments, processing instructions, scripts, site menus
        return
    if el.get("hidden") is not None or _HIDDEN_STYLE.search(el.get("style", "")):
        return
    if tag == "br":
        paras.line_break()
        return
    bold = bold or tag in _BOLD or bool(_BOLD_STYLE.search(el.get("style", "")))
    pre = pre or tag == "pre"
    block = tag in _BLOCK
    prefix = ""
    if block:
        paras.flush()
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            prefix = "#" * int(tag[1]) + " "
        elif tag == "li":
            paras.label = el.get("data-treaty-align-label", "")
    paras.text(el.text, bold, el.sourceline, pre)
    ordinal = 0
    for child in el:
        if tag in ("ol", "ul") and isinstance(child.tag, str) and child.tag.lower() == "li":
            ordinal += 1
            child.set("data-treaty-align-label", _item_prefix(el, child, ordinal))
        _walk(child, paras, bold, pre)
        paras.text(child.tail, bold, child.sourceline, pre)
    if block:
        paras.flush(prefix)
        if tag == "li":
            paras.label = ""  # an empty item: its label labels nothing


def _item_prefix(lst, item, ordinal: int) -> str:  # noqa: ANN001 - lxml elements
    """Return what a browser shows before list item ``item``: '- ' or its ordered label."""
    if lst.tag.lower() == "ul":
        return "- "
    kind = lst.get("type", "1")
    try:
        start = int(lst.get("start", "1"))
        value = int(item.get("value")) if item.get("value") else start + ordinal - 1
    except ValueError:
        value = ordinal
    return f"{ordered_label(value, kind)}) " if kind in ("a", "A") else f"{ordered_label(value, kind)}. "


def read_html(text: str) -> ExtractedText:
    """Return the Markdown-like text of an HTML page with the source line of each output line.

    Raises :class:`InputError` when the page holds no text.
    """
    from lxml import etree, html as lxml_html

    # lxml refuses a str that declares its own encoding; keep the line count unchanged
    text = _XML_DECL.sub(lambda m: "\n" * m.group().count("\n"), text)
    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"the HTML page cannot be parsed ({exc})") from exc
    body = root.find("body")
    paras = _Paragraphs()
    _walk(body if body is not None else root, paras, False, False)
    paras.flush()
    out_lines: list[str] = []
    locations: list[str] = []
    for block, line in paras.done:
        for part in block.split("\n"):
            out_lines.append(part)
            locations.append(f"line {line}")
        out_lines.append("")
        locations.append(f"line {line}")
    if not any(ln.strip() for ln in out_lines):
        raise InputError("the HTML page holds no text")
    return ExtractedText("\n".join(out_lines), "html", markdown=True, locations=tuple(locations))
