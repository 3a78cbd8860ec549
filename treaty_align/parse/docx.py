"""Read a Word ``.docx`` file as Markdown-like text (needs the ``[formats]`` extra: python-docx).

Body paragraphs and tables are read in document order. A heading style (or an outline level)
becomes a ``#`` line, a paragraph whose text is all bold becomes ``**...**``, a paragraph of an
automatically numbered list gets the label Word shows (``1.``, ``а)``, ``-`` for bullets),
computed from the document's numbering definitions, and each table cell paragraph becomes a
paragraph of its own. Each output line's location is ``¶ N`` (the N-th body paragraph, empty
ones counted, as Word's navigation counts them) or ``table T, row R``.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from treaty_align.errors import InputError
from treaty_align.parse.formats import ExtractedText, missing_extra
from treaty_align.parse.html import ordered_label

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# the letters Word uses for its 'russianLower' / 'russianUpper' list numbering
_RUSSIAN = "абвгдежзиклмнопрстуфхцчшщэюя"
_HEADING_STYLES = ("heading", "title", "заголовок", "название", "тақырып", "başlıq")


@dataclass(frozen=True)
class _Level:
    fmt: str
    text: str
    start: int


@dataclass
class _Numbering:
    """The list definitions of a document and the running counters of its lists."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)
    counters: dict[tuple[str, int], int] = field(default_factory=dict)

    @classmethod
    def of(cls, document: Any) -> "_Numbering":
        numbering = cls()
        try:
            part = document.part.numbering_part
        except (KeyError, NotImplementedError):
            return numbering
        root = part.element
        abstract: dict[str, dict[int, _Level]] = {}
        for an in root.iter(f"{_W}abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in an.iter(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                start = lvl.find(f"{_W}start")
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = _Level(
                    fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
                    text.get(f"{_W}val", "") if text is not None else "",
                    int(start.get(f"{_W}val", "1")) if start is not None else 1,
                )
            abstract[an.get(f"{_W}abstractNumId", "")] = levels
        for num in root.iter(f"{_W}num"):
            num_id = num.get(f"{_W}numId", "")
            ref = num.find(f"{_W}abstractNumId")
            if ref is not None:
                numbering.levels[num_id] = abstract.get(ref.get(f"{_W}val", ""), {})
            for override in num.iter(f"{_W}lvlOverride"):
                start = override.find(f"{_W}startOverride")
                if start is not None:
                    numbering.overrides.setdefault(num_id, {})[int(override.get(f"{_W}ilvl", "0"))] = \
                        int(start.get(f"{_W}val", "1"))
        return numbering

    def label(self, num_id: str, ilvl: int) -> str:
        """Return the label Word shows for the next paragraph of list ``num_id`` at level ``ilvl``."""
        levels = self.levels.get(num_id)
        if not levels or num_id == "0":
            return ""
        level = levels.get(ilvl, _Level("decimal", f"%{ilvl + 1}.", 1))
        start = self.overrides.get(num_id, {}).get(ilvl, level.start)
        key = (num_id, ilvl)
        self.counters[key] = self.counters.get(key, start - 1) + 1
        for deeper in [k for k in self.counters if k[0] == num_id and k[1] > ilvl]:
            del self.counters[deeper]  # a higher level restarts the levels below it
        if level.fmt == "bullet":
            return "- "
        if level.fmt == "none":
            return ""
        text = level.text
        for n in range(ilvl + 1):
            lv = levels.get(n, level)
            value = self.counters.get((num_id, n), self.overrides.get(num_id, {}).get(n, lv.start))
            text = text.replace(f"%{n + 1}", _format_number(value, lv.fmt))
        return text.strip() + " " if text.strip() else ""


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        label = ordered_label(value, "a")
        return label.upper() if fmt == "upperLetter" else label
    if fmt in ("lowerRoman", "upperRoman"):
        return ordered_label(value, "I" if fmt == "upperRoman" else "i")
    if fmt in ("russianLower", "russianUpper"):
        label = _RUSSIAN[(value - 1) % len(_RUSSIAN)] * ((value - 1) // len(_RUSSIAN) + 1)
        return label.upper() if fmt == "russianUpper" else label
    return str(value)


def _style_chain(style: Any) -> list[Any]:
    chain = []
    while style is not None and len(chain) < 20:
        chain.append(style)
        style = style.base_style
    return chain


def _num_pr(paragraph: Any) -> tuple[str, int] | None:
    """Return ``(numId, ilvl)`` of a numbered paragraph (direct or through its style), or None."""
    sources = [paragraph._p.pPr] + [s.element.pPr for s in _style_chain(paragraph.style)]
    for ppr in sources:
        if ppr is None:
            continue
        num_pr = ppr.find(f"{_W}numPr")
        if num_pr is None:
            continue
        num_id = num_pr.find(f"{_W}numId")
        ilvl = num_pr.find(f"{_W}ilvl")
        if num_id is None:
            continue
        return num_id.get(f"{_W}val", "0"), int(ilvl.get(f"{_W}val", "0")) if ilvl is not None else 0
    return None


def _heading_level(paragraph: Any) -> int:
    """Return 1-6 for a heading paragraph (by style name or outline level), 0 otherwise."""
    for style in _style_chain(paragraph.style):
        name = (style.name or "").lower()
        if name.startswith(_HEADING_STYLES):
            digits = "".join(ch for ch in name if ch.isdigit())
            return min(6, int(digits)) if digits else 1
    sources = [paragraph._p.pPr] + [s.element.pPr for s in _style_chain(paragraph.style)]
    for ppr in sources:
        if ppr is not None:
            outline = ppr.find(f"{_W}outlineLvl")
            if outline is not None and int(outline.get(f"{_W}val", "9")) < 9:
                return min(6, int(outline.get(f"{_W}val")) + 1)
    return 0


def _all_bold(paragraph: Any) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    if not runs:
        return False
    style_bold = any(s.font.bold for s in _style_chain(paragraph.style))
    return all(r.bold or (r.bold is None and (style_bold or _char_style_bold(r))) for r in runs)


def _char_style_bold(run: Any) -> bool:
    style = run.style
    return bool(style is not None and any(s.font.bold for s in _style_chain(style)))


_REMOVED = frozenset({f"{_W}del", f"{_W}moveFrom"})
_TEXT_PARTS = (f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}noBreakHyphen")


def visible_text(p_element: Any) -> str:
    """Return the text a reader of the Word file sees in paragraph element ``p_element``.

    Unlike python-docx's ``Paragraph.text`` this keeps tracked insertions and the text of
    content controls, and drops tracked deletions; a line break is a newline, a tab a space.
    """
    parts: list[str] = []
    for el in p_element.iter(*_TEXT_PARTS):
        if any(a.tag in _REMOVED for a in el.iterancestors()):
            continue
        if el.tag == f"{_W}t":
            parts.append(el.text or "")
        elif el.tag == f"{_W}tab":
            parts.append(" ")
        elif el.tag == f"{_W}noBreakHyphen":
            parts.append("-")
        elif el.get(f"{_W}type") not in ("page", "column"):
            parts.append("\n")
    return "".join(parts)


def body_blocks(element: Any) -> Any:
    """Yield the paragraphs and tables of a body in order, also those inside content controls."""
    for child in element.iterchildren():
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            yield from body_blocks(child)


def _paragraph_text(paragraph: Any, numbering: _Numbering) -> str:
    """Return the Markdown-like line(s) of one paragraph ('' for an empty one)."""
    text = visible_text(paragraph._p).strip()
    numbered = _num_pr(paragraph)
    label = numbering.label(*numbered) if numbered else ""
    if not text:
        return ""
    level = _heading_level(paragraph)
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if level:
        return "#" * level + " " + label + " ".join(lines)
    if _all_bold(paragraph):
        lines = [f"**{ln}**" for ln in lines]
    lines[0] = label + lines[0]
    return "\n".join(lines)


def read_docx(data: bytes) -> ExtractedText:
    """Return the Markdown-like text of a ``.docx`` file with the Word location of each line.

    Raises :class:`InputError` when python-docx is missing (naming the extra), or the file is
    not a readable Word document or holds no text.
    """
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as exc:
        raise missing_extra("Word (.docx) files") from exc
    from lxml import etree

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise InputError(f"not a readable Word .docx document ({exc})") from exc
    numbering = _Numbering.of(document)
    out: list[str] = []
    locations: list[str] = []

    def emit(text: str, where: str) -> None:
        if not text:
            return
        for line in text.split("\n"):
            out.append(line)
            locations.append(where)
        out.append("")
        locations.append(where)

    paragraph_no = 0
    table_no = 0
    for child in body_blocks(document.element.body):
        if child.tag == f"{_W}p":
            paragraph_no += 1
            emit(_paragraph_text(Paragraph(child, document), numbering), f"¶ {paragraph_no}")
        elif child.tag == f"{_W}tbl":
            table_no += 1
            for row_no, row in enumerate(Table(child, document).rows, start=1):
                seen: list[Any] = []  # holding the elements keeps their identity stable
                for cell in row.cells:
                    if any(cell._tc is tc for tc in seen):  # a merged cell is listed per grid column
                        continue
                    seen.append(cell._tc)
                    for para in cell.paragraphs:
                        emit(_paragraph_text(para, numbering), f"table {table_no}, row {row_no}")
    if not any(ln.strip() for ln in out):
        raise InputError("the Word document holds no text")
    return ExtractedText("\n".join(out), "docx", encoding="docx", markdown=True, locations=tuple(locations))
