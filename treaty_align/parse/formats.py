"""Input formats: tell a file's format by its content and turn it into text the parser reads.

Every reader returns an :class:`ExtractedText`: Markdown-like text (headings as ``#`` lines, bold
paragraphs as ``**...**``, one paragraph per block) that :mod:`treaty_align.parse.structure`
builds the treaty from, plus, for each line of that text, where it stands in the received file
(a Word paragraph, a PDF page and line, an HTML source line). Plain text and Markdown are their
own text: their locations are their lines.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from treaty_align.errors import InputError

#: the formats :func:`sniff_format` tells apart
FORMATS: tuple[str, ...] = ("text", "html", "docx", "pdf")

FORMATS_EXTRA = 'pip install "treaty-align[formats]"'

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
# block-level tags whose density tells an HTML fragment from Markdown with some embedded HTML
_HTML_BLOCK_TAG = re.compile(r"</?(?:p|div|br|h[1-6]|li|ul|ol|span|font|blockquote|figure)\b[^>]*>", re.IGNORECASE)
# YAML front matter of a static-site page (Jekyll, Hugo, Astro): "key: value" lines between "---"
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n((?:[ \t]*(?:[\w-]+[ \t]*:.*|-[ \t].*|#.*|)\n){1,60}?)---[ \t]*\n")
_ANY_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*\b[^>]*>")


@dataclass(frozen=True)
class ExtractedText:
    """The text of a received file as the structure builder reads it, with its origins.

    ``markdown`` says whether the text carries Markdown syntax (None: detect it from the text);
    ``locations[i]`` is where line ``i + 1`` of ``text`` stands in the received file (empty:
    the text is the file, and a line is its own location); ``encoding`` is the character
    encoding of a text file, or the format's name for a binary one (``docx``, ``pdf``).
    """

    text: str
    format: str
    encoding: str | None = None
    markdown: bool | None = None
    locations: tuple[str, ...] = ()
    #: what decoding had to repair (invalid UTF-8 bytes, with byte offset and line)
    warnings: tuple[str, ...] = ()


def sniff_format(data: bytes, suffix: str = "") -> str:
    """Return ``pdf``, ``docx`` or ``text`` for the bytes of a file (HTML is text, see
    :func:`looks_like_html`).

    The content decides; ``suffix`` only names the format in messages. Raises
    :class:`InputError` for formats that are recognised but not read (an old binary ``.doc``,
    an OpenDocument or other ZIP archive).
    """
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile as exc:
            raise InputError(f"a damaged ZIP archive ({exc}): give the treaty as .docx, .pdf, .html or text") from exc
        if "word/document.xml" in names:
            return "docx"
        if "content.xml" in names:
            raise InputError("an OpenDocument file (.odt): save it as .docx (Word) or plain text")
        raise InputError("a ZIP archive, not a Word document: give the treaty as .docx, .pdf, .html or text")
    if data[:8] == _OLE2:
        raise InputError("an old binary Word .doc (or another OLE) file: save it as .docx or plain text")
    return "text"


def blank_front_matter(text: str) -> str:
    """Return ``text`` with a leading YAML front matter block blanked (its lines kept empty, so
    line numbers stay those of the file); text without one is returned unchanged."""
    m = _FRONT_MATTER.match(text)
    if not m or not re.search(r"^[ \t]*[\w-]+[ \t]*:", m.group(1), re.MULTILINE):
        return text
    return "\n" * m.group().count("\n") + text[m.end():]


def looks_like_html(text: str, suffix: str = "") -> bool:
    """Return True when decoded ``text`` is an HTML page or fragment rather than text or Markdown.

    A page that starts like HTML is HTML whatever its name; Markdown with a few embedded tags
    (tables, anchors) stays Markdown. A file named ``.html``/``.htm`` counts as HTML when it has
    any tag.
    """
    if _HTML_START.match(text[:10_000]):
        return True
    sample = text[:200_000]
    if suffix.lower() in (".html", ".htm", ".xhtml") and _ANY_TAG.search(sample):
        return True
    lines = [ln for ln in sample.split("\n") if ln.strip()]
    if not lines:
        return False
    # a fragment saved from a web page: most lines hold block tags, and no line is a Markdown heading
    tagged = sum(1 for ln in lines if _HTML_BLOCK_TAG.search(ln))
    md_headings = sum(1 for ln in lines if re.match(r"\s{0,3}#{1,6}\s", ln))
    return tagged >= 0.5 * len(lines) and md_headings == 0 and len(lines) >= 3


def missing_extra(what: str) -> InputError:
    """Return the error for a reader whose optional library is not installed."""
    return InputError(f"reading {what} needs the optional extra: {FORMATS_EXTRA}")
