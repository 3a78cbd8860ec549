"""Writers of SYNTHETIC fixtures in every input format, made in the tests with the same libraries.

The text is the synthetic Russian agreement of ``tests/data/synthetic/ru.md`` (written by the
treaty-align developers; not a real treaty and not the authentic Russian text of any agreement),
split into blocks and written as HTML, Word (.docx) and PDF. No binary blob is stored.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

SYNTHETIC_RU = Path(__file__).resolve().parents[1] / "data" / "synthetic" / "ru.md"
HEADER = "Синтетический образец для тестов · стр. {page}"


@dataclass(frozen=True)
class Block:
    kind: str  # "title" | "heading" | "para" | "point"
    text: str


def synthetic_blocks(path: Path = SYNTHETIC_RU) -> list[Block]:
    """Return the blocks of a synthetic Markdown fixture (comments dropped)."""
    text = re.sub(r"<!--.*?-->", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
    blocks = []
    for raw in (b.strip() for b in text.split("\n\n")):
        if not raw:
            continue
        bold = re.fullmatch(r"\*\*(.+)\*\*", raw)
        if bold and re.match(r"(Статья|Бап|Maddə)\s+\d", bold.group(1)):
            blocks.append(Block("heading", bold.group(1)))
        elif bold:
            blocks.append(Block("title", bold.group(1)))
        elif re.match(r"\d+\.\s", raw):
            blocks.append(Block("point", raw))
        else:
            blocks.append(Block("para", raw))
    return blocks


def write_html(blocks: list[Block], path: Path, *, encoding: str = "utf-8") -> Path:
    """Write the blocks as an HTML page as a legal database saves it (meta charset, nav, script)."""
    body = []
    for b in blocks:
        if b.kind == "heading":
            body.append(f"<h3 class=\"article\">{html.escape(b.text)}</h3>")
        elif b.kind == "title":
            body.append(f"<p align=\"center\"><b>{html.escape(b.text)}</b></p>")
        else:
            body.append(f"<p>{html.escape(b.text)}</p>")
    page = (
        "<!DOCTYPE html>\n<html><head><meta charset=\"" + encoding + "\">\n"
        "<title>ignored title</title><style>p {margin: 0}</style>\n"
        "<script>var ignored = 1;</script></head>\n<body>\n<div class=\"content\">\n"
        + "\n".join(body) + "\n</div>\n</body></html>\n"
    )
    path.write_bytes(page.encode(encoding))
    return path


def write_docx(blocks: list[Block], path: Path) -> Path:
    """Write the blocks as a Word document: headings in a Heading style, the title in bold, the
    points of a list as Word's automatic numbering (the label is not in the text)."""
    import docx

    document = docx.Document()
    for b in blocks:
        if b.kind == "heading":
            document.add_heading(b.text, level=2)
        elif b.kind == "title":
            document.add_paragraph().add_run(b.text).bold = True
        elif b.kind == "point":
            document.add_paragraph(re.sub(r"^\d+\.\s+", "", b.text), style="List Number")
        else:
            document.add_paragraph(b.text)
        document.add_paragraph()  # empty paragraphs between, as typists leave them
    document.save(path)
    return path


def _cyrillic_font() -> str:
    """Return a TrueType font with Cyrillic, Kazakh and Azerbaijani letters (from font-roboto)."""
    import font_roboto

    return str(Path(font_roboto.__file__).parent / "files" / "Roboto-Regular.ttf")


def pdf_lines(blocks: list[Block], width: int = 40) -> list[tuple[str, bool]]:
    """Return the printed lines ``(text, first line of a paragraph)``; a long word that occurs
    elsewhere in the text is hyphenated across a line end once, as typesetters do (the other
    occurrence lets the reader tell a wrap from a hyphenated compound)."""
    counts = Counter(w.lower() for b in blocks for w in re.findall(r"\w+", b.text))
    hyphenated: set[str] = set()
    lines: list[tuple[str, bool]] = []
    for b in blocks:
        wrapped = textwrap.wrap(b.text, width)
        out: list[str] = []
        for i, line in enumerate(wrapped):
            if out and i < len(wrapped):
                words = line.split(" ")
                first = words[0]
                if len(first) >= 8 and first.isalpha() and first.islower() and counts[first.lower()] >= 2 \
                        and first.lower() not in hyphenated and len(out[-1]) + 1 + len(first) // 2 <= width + 4:
                    half = len(first) // 2
                    hyphenated.add(first.lower())
                    out[-1] = out[-1] + " " + first[:half] + "-"
                    line = first[half:] + ("" if len(words) == 1 else " " + " ".join(words[1:]))
            out.append(line)
        lines.extend((line, i == 0) for i, line in enumerate(out))
    return lines


def write_pdf(blocks: list[Block], path: Path, *, lines_per_page: int = 9) -> Path:
    """Write the blocks as a PDF with a text layer: a running header with the page number, a page
    number at the foot, indented first lines, hyphenated line ends, pages breaking mid-paragraph."""
    from fpdf import FPDF

    pdf = FPDF(format="A5")
    pdf.add_font("Roboto", "", _cyrillic_font())
    pdf.set_auto_page_break(False)
    pdf.set_font("Roboto", size=10)
    lines = pdf_lines(blocks)
    for start in range(0, len(lines), lines_per_page):
        pdf.add_page()
        page = pdf.page_no()
        pdf.set_xy(15, 10)
        pdf.cell(0, 6, HEADER.format(page=page))
        y = 24.0
        for text, first in lines[start:start + lines_per_page]:
            pdf.set_xy(25 if first else 15, y)
            pdf.cell(0, 6, text)
            y += 6
        pdf.set_xy(70, 195)
        pdf.cell(0, 6, str(page))
    pdf.output(str(path))
    return path


def write_scanned_pdf(path: Path) -> Path:
    """Write a PDF whose pages hold only drawings, like a scan without OCR (no text layer)."""
    from fpdf import FPDF

    pdf = FPDF(format="A5")
    for _ in range(2):
        pdf.add_page()
        pdf.rect(20, 20, 100, 150, style="F")
    pdf.output(str(path))
    return path
