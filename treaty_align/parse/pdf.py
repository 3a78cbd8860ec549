"""Read the text layer of a PDF (needs the ``[formats]`` extra: pdfplumber).

Lines come from pdfplumber with their positions. Running headers and footers (lines at the top or
bottom of most pages, the same text or the same text with the page number in it) and bare page
numbers are removed; a paragraph's indented first line keeps an indent and a wider gap between
lines becomes a blank line, so that :mod:`treaty_align.parse.layout` finds the paragraphs.
A word hyphenated at a line end is joined (:func:`dehyphenate`) unless the document shows the
hyphen belongs to it; what is left is judged again by
:func:`treaty_align.parse.normalize.join_lines`. Each output line's location is
``p. P, line L`` (L counts the page's lines as printed, headers included).
A PDF without a text layer (a scan) is refused: it needs OCR first.
"""

from __future__ import annotations

import io
import math
import re
from collections import Counter
from dataclasses import dataclass

from treaty_align.errors import InputError
from treaty_align.parse.formats import ExtractedText, missing_extra

# lines at each edge of a page where running headers, footers and page numbers stand
_EDGE_LINES = 2
_PAGE_NUMBER = re.compile(r"^[\s\-–—.()\[\]/|]*\d{1,4}(?:\s*[/|]\s*\d{1,4})?[\s\-–—.()\[\]/|]*$")
_DIGITS = re.compile(r"\d+")
_TERMINAL = tuple(".:;!?»\"”)")


@dataclass(frozen=True)
class _Line:
    page: int  # 1-based
    number: int  # 1-based line on its page, as printed
    text: str
    x0: float
    top: float
    height: float


def _page_lines(data: bytes) -> list[list[_Line]]:
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
        from pdfminer.psparser import PSException
        from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException
    except ImportError as exc:
        raise missing_extra("PDF files") from exc
    pages: list[list[_Line]] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page_no, page in enumerate(pdf.pages, start=1):
                rows = sorted(page.extract_text_lines(strip=True, return_chars=False),
                              key=lambda r: (round(r["top"]), r["x0"]))
                pages.append([
                    _Line(page_no, n, " ".join(r["text"].split()), r["x0"], r["top"], r["bottom"] - r["top"])
                    for n, r in enumerate((r for r in rows if r["text"].strip()), start=1)
                ])
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise InputError("the PDF is encrypted: save an unprotected copy or its text") from exc
    except (PdfminerException, MalformedPDFException, PDFSyntaxError, PSException, ValueError, KeyError) as exc:
        raise InputError(f"the PDF cannot be read ({type(exc).__name__}): save it again or give its text") from exc
    return pages


def _running_lines(pages: list[list[_Line]]) -> set[tuple[int, int]]:
    """Return ``(page, line)`` of running headers and footers: the same edge line on most pages.

    Two edge lines are the same running line when their text is equal, or equal but for
    numbers that either stay the same or grow with the page (``Page 3 of 10``); a line such as
    ``Article 5`` at the top of one page and ``Article 9`` at the top of another is not one.
    """
    if len(pages) < 2:
        return set()
    groups: dict[str, list[tuple[_Line, list[int]]]] = {}
    for lines in pages:
        edge = lines[:_EDGE_LINES] + lines[max(_EDGE_LINES, len(lines) - _EDGE_LINES):]
        for ln in edge:
            groups.setdefault(_DIGITS.sub("#", ln.text.lower()), []).append(
                (ln, [int(d) for d in _DIGITS.findall(ln.text)]))
    needed = max(2, math.ceil(0.5 * len(pages)))
    running: set[tuple[int, int]] = set()
    for members in groups.values():
        if len({ln.page for ln, _ in members}) < needed:
            continue
        consistent = all(
            len({nums[j] for _, nums in members}) == 1
            or len({nums[j] - ln.page for ln, nums in members}) == 1
            for j in range(len(members[0][1]))
        )
        if consistent:
            running.update((ln.page, ln.number) for ln, _ in members)
    return running


_LINE_END_WORD = re.compile(r"(\w+)-$")
_LINE_START_WORD = re.compile(r"^(\w+)")
_WORDS = re.compile(r"\w+(?:-\w+)*")


def dehyphenate(lines: list[str]) -> list[str]:
    """Return ``lines`` with words hyphenated across a line end joined onto the first line.

    Typesetting splits words anywhere (``инвес-`` / ``торов``), so the document's own words
    decide: the hyphen goes when the whole word occurs elsewhere in the document, or when
    neither part looks like a word — the part before is no word of the document and no word of
    it starts like the part after (a tail such as ``торов`` starts none; ``технического`` of
    ``научно-технического`` starts like ``технический``); it stays for compounds the document
    writes with a hyphen elsewhere (``бір-бірін``).
    """
    words: set[str] = set()
    compounds: set[str] = set()
    broken_before = False
    for line in lines:
        tokens = _WORDS.findall(line)
        broken_after = bool(_LINE_END_WORD.search(line))
        # the two halves of a word broken at a line end are no words of the document
        tokens = tokens[1 if broken_before else 0:len(tokens) - (1 if broken_after else 0)]
        for token in tokens:
            if "-" in token:
                compounds.add(token.lower())
            words.update(part.lower() for part in token.split("-"))
        broken_before = broken_after
    starts = {w[:5] for w in words if len(w) >= 5}
    out = list(lines)
    for i in range(len(out) - 1):
        m_end = _LINE_END_WORD.search(out[i])
        m_start = _LINE_START_WORD.match(out[i + 1])
        if not m_end or not m_start or not out[i + 1][:1].islower():
            continue
        left, right = m_end.group(1), m_start.group(1)
        whole = (left + right).lower()
        word_like = left.lower() in words or (len(right) >= 5 and right[:5].lower() in starts)
        if whole in words or (not word_like and f"{left}-{right}".lower() not in compounds):
            out[i] = out[i][:m_end.end(1)] + right
            out[i + 1] = out[i + 1][m_start.end():].lstrip()
    return out


def _is_page_number(ln: _Line, lines: list[_Line]) -> bool:
    at_edge = ln.number <= _EDGE_LINES or ln.number > len(lines) - _EDGE_LINES
    return at_edge and bool(_PAGE_NUMBER.match(ln.text))


def read_pdf(data: bytes) -> ExtractedText:
    """Return the text of a PDF's text layer, cleaned of page furniture, with page and line of
    each output line.

    Raises :class:`InputError` for a PDF without a text layer (naming OCR), an encrypted or
    unreadable one, or when pdfplumber is missing (naming the extra).
    """
    pages = _page_lines(data)
    if not any(ln.text.strip() for lines in pages for ln in lines):
        raise InputError("the PDF has no text layer (a scanned image?): run OCR on it first, "
                         "or give the text as .docx, .html or .txt")
    running = _running_lines(pages)
    kept = [[ln for ln in lines if (ln.page, ln.number) not in running and not _is_page_number(ln, lines)]
            for lines in pages]
    body = [ln for lines in kept for ln in lines]
    if not body:
        raise InputError("the PDF holds only page headers and numbers, no text")
    # the left margin of the body text: the leftmost line start shared by a tenth of the lines
    # (a paragraph's first lines are indented from it; a stray line further left is no margin)
    starts = Counter(round(ln.x0) for ln in body)
    base = min(x for x, n in starts.items() if n >= 0.1 * len(body) or n == max(starts.values()))
    heights = sorted(ln.height for ln in body)
    line_height = heights[len(heights) // 2] or 10.0
    pitches = sorted(b.top - a.top for lines in kept for a, b in zip(lines, lines[1:]) if b.top > a.top)
    pitch = pitches[len(pitches) // 4] if pitches else line_height * 1.2
    indented = [ln.x0 - base >= 0.8 * line_height for ln in body]
    # paragraphs marked by indentation: a page break is no paragraph break
    indent_style = 0.15 * len(body) <= sum(indented) <= 0.85 * len(body)

    texts = dehyphenate([ln.text for ln in body])
    out: list[str] = []
    locations: list[str] = []
    previous: _Line | None = None
    for ln, is_indented, text in zip(body, indented, texts):
        if previous is not None:
            if ln.page != previous.page:
                gap = not indent_style and previous.text.endswith(_TERMINAL)
            else:
                gap = ln.top - previous.top > 1.4 * pitch
            if gap:
                out.append("")
                locations.append(f"p. {ln.page}, line {ln.number}")
        previous = ln
        if not text:  # its only word went up to the line before
            continue
        out.append(("    " if is_indented else "") + text)
        locations.append(f"p. {ln.page}, line {ln.number}")
    return ExtractedText("\n".join(out), "pdf", encoding="pdf", markdown=False, locations=tuple(locations))
