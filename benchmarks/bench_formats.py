"""Benchmark: does the same act saved as HTML, Word or PDF give the structure of its Markdown?

For every ``kk.md`` / ``ru.md`` of a corpus folder (default: the shared real texts; they are read
from there, never copied), the Markdown is written here as an HTML page, a Word document and a
PDF (running header, page numbers, indented first lines, words hyphenated at line ends), each is
parsed, and the clauses ``(kind, text)`` are compared with those parsed from the Markdown. Beside
each reader a simple baseline is measured in the same run: the text a one-line extraction gives
(lxml ``text_content()``, python-docx paragraph texts, pdfplumber ``extract_text()``).

    python benchmarks/bench_formats.py [--corpus DIR]

Needs the ``[formats]`` extra plus fpdf2, font-roboto and markdown-it-py (the ``[test]`` extra).
The figure is the share of the Markdown's clauses found, with the same kind and the same text,
in the other format (order-insensitive); anchors and other bare HTML tags of the Markdown are
left out of the count.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import tempfile
import textwrap
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_TAGS_ONLY = re.compile(r"(?:<[^>]*>\s*)+")


def md_blocks(text: str) -> list[tuple[str, str]]:
    """Return ``(kind, text)`` blocks of publisher's Markdown: heading, bold, table, quote, para."""
    text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    blocks = []
    for raw in (b.strip() for b in re.split(r"\n\s*\n", text)):
        if not raw or _TAGS_ONLY.fullmatch(raw):
            continue
        if raw.startswith("<table"):
            blocks.append(("table", raw))
        elif re.match(r"#{1,6}\s", raw):
            blocks.append(("heading", re.sub(r"^#{1,6}\s+", "", raw)))
        elif re.fullmatch(r"\*\*[^*]+\*\*", raw):
            blocks.append(("bold", raw[2:-2]))
        else:
            raw = re.sub(r"^>\s?", "", raw, flags=re.MULTILINE)
            blocks.append(("para", re.sub(r"\*\*|(?<!\w)\*|\*(?!\w)", "", raw)))
    return blocks


_LABELLED = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3})*[.)]|[^\W\d_]\)|[-–—•])\s")


def paragraphs(text: str) -> list[str]:
    """Return the paragraphs of a Markdown block: a soft line break continues the paragraph
    unless the next line starts with a label, as a Word or PDF version would lay them out."""
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if out and line and not _LABELLED.match(line) and not out[-1].endswith("  "):
            out[-1] += " " + line
        elif line:
            out.append(line)
    return out


def table_rows(fragment: str) -> list[list[str]]:
    from lxml import html

    root = html.fromstring(fragment)
    return [[" ".join(td.text_content().split()) for td in tr.iter("td", "th")] for tr in root.iter("tr")]


def write_html(text: str, path: Path) -> None:
    from markdown_it import MarkdownIt

    # the publisher's numbers are text ("1)", "2."), as on the database's own pages: no list rule
    md = MarkdownIt("commonmark", {"html": True}).disable("list")
    path.write_text("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>x</title></head><body>\n"
                    + md.render(text) + "</body></html>\n", encoding="utf-8")


def write_docx(blocks: list[tuple[str, str]], path: Path) -> None:
    import docx

    document = docx.Document()
    for kind, text in blocks:
        if kind == "heading":
            document.add_heading(text, level=2)
        elif kind == "bold":
            document.add_paragraph().add_run(text).bold = True
        elif kind == "table":
            rows = table_rows(text)
            width = max((len(r) for r in rows), default=0)
            if width:
                table = document.add_table(rows=len(rows), cols=width)
                for r, row in enumerate(rows):
                    for c, cell in enumerate(row):
                        table.cell(r, c).text = cell
        else:
            for line in paragraphs(text):
                document.add_paragraph(line)
    document.save(path)


def write_pdf(blocks: list[tuple[str, str]], path: Path, font: str) -> None:
    from fpdf import FPDF

    words = Counter(w.lower() for _, t in blocks for w in re.findall(r"\w+", t))
    lines: list[tuple[str, bool]] = []
    for kind, text in blocks:
        parts = [" ".join(c for c in row if c) for row in table_rows(text)] if kind == "table" else paragraphs(text)
        for part in parts:
            wrapped = textwrap.wrap(part, 70) or [""]
            for i in range(1, len(wrapped)):
                # hyphenate a long word that stands whole elsewhere in the act, as typesetters do
                head, _, rest = wrapped[i].partition(" ")
                if len(head) >= 10 and head.isalpha() and head.islower() and words[head.lower()] >= 2:
                    half = len(head) // 2
                    wrapped[i - 1] += " " + head[:half] + "-"
                    wrapped[i] = head[half:] + (" " + rest if rest else "")
            lines += [(ln, i == 0) for i, ln in enumerate(wrapped) if ln]
    pdf = FPDF()
    pdf.add_font("Roboto", "", font)
    pdf.set_auto_page_break(False)
    pdf.set_font("Roboto", size=10)
    per_page = 45
    for start in range(0, len(lines), per_page):
        pdf.add_page()
        pdf.set_xy(20, 8)
        pdf.cell(0, 5, f"Running header of the act · page {pdf.page_no()}")
        y = 20.0
        for text, first in lines[start:start + per_page]:
            pdf.set_xy(30 if first else 20, y)
            pdf.cell(0, 5, text)
            y += 5.5
        pdf.set_xy(100, 285)
        pdf.cell(0, 5, str(pdf.page_no()))
    pdf.output(str(path))


def baseline_text(kind: str, path: Path) -> str:
    """Return the text a one-line extraction gives: no headings, numbering or page cleaning."""
    if kind == "html":
        from lxml import html

        return html.document_fromstring(path.read_text(encoding="utf-8")).body.text_content()
    if kind == "docx":
        import docx

        return "\n\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def clauses(treaty) -> Counter:  # noqa: ANN001
    return Counter((s.kind, s.text) for s in treaty.segments if not _TAGS_ONLY.fullmatch(s.text))


def share(found: Counter, expected: Counter) -> float:
    return sum((found & expected).values()) / max(1, sum(expected.values()))


def main(argv: list[str] | None = None) -> int:
    import warnings

    import font_roboto

    from treaty_align.errors import InputError
    from treaty_align.parse import load_treaty, parse_text

    warnings.filterwarnings("ignore", category=UserWarning)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default="/work/shared/real-texts")
    args = parser.parse_args(argv)
    font = str(Path(font_roboto.__file__).parent / "files" / "Roboto-Regular.ttf")
    rows = []
    totals: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for act in sorted(p for p in Path(args.corpus).iterdir() if p.is_dir()):
            for lang in ("kk", "ru"):
                source = act / f"{lang}.md"
                if not source.is_file():
                    continue
                try:
                    expected = clauses(load_treaty(source))
                except InputError as exc:
                    rows.append(f"{act.name[:32]:32} {lang}  markdown does not parse: {exc}"[:110])
                    continue
                text = source.read_text(encoding="utf-8")
                blocks = md_blocks(text)
                paths = {k: Path(tmp) / f"{act.name}.{lang}.{k}" for k in ("html", "docx", "pdf")}
                write_html(text, paths["html"])
                write_docx(blocks, paths["docx"])
                write_pdf(blocks, paths["pdf"], font)
                cells = []
                for kind, path in paths.items():
                    try:
                        ours = share(clauses(load_treaty(path, lang=lang)), expected)
                    except InputError:
                        ours = 0.0
                    try:
                        base = share(clauses(parse_text(baseline_text(kind, path), lang)), expected)
                    except InputError:
                        base = 0.0
                    totals.setdefault(kind, []).extend([ours, base])
                    cells.append(f"{ours:6.1%} {base:6.1%}")
                rows.append(f"{act.name[:32]:32} {lang}  {sum(expected.values()):5}  " + "  ".join(cells))
    print("share of the Markdown's clauses (kind + text) found in the same act saved in another format")
    print(f"{'act':32} {'':2}  {'md':>5}  {'html':>6} {'base':>6}  {'docx':>6} {'base':>6}  {'pdf':>6} {'base':>6}")
    print("\n".join(rows))
    means = []
    for kind in ("html", "docx", "pdf"):
        values = totals.get(kind, [])
        ours, base = values[0::2], values[1::2]
        means.append(f"{sum(ours) / max(1, len(ours)):6.1%} {sum(base) / max(1, len(base)):6.1%}")
    print(f"{'mean':32} {'':2}  {'':5}  " + "  ".join(means))
    return 0


if __name__ == "__main__":
    sys.exit(main())
