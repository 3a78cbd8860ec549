"""Parse a treaty file into a :class:`~treaty_align.model.Treaty` (stage 1 of the pipeline).

I/O happens only in :func:`load_treaty`; :func:`parse_text` is a pure function of the text.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Sequence

from treaty_align.errors import InputError
from treaty_align.model import Treaty
from treaty_align.parse.encoding import check_is_text, decode_bytes, normalize_newlines
from treaty_align.parse.formats import ExtractedText, blank_front_matter, looks_like_html, sniff_format
from treaty_align.parse.language import SAMPLE_CHARS, detect_language, profile
from treaty_align.parse.layout import looks_like_markdown
from treaty_align.parse.normalize import strip_format_chars
from treaty_align.parse.scripts import drop_loose_marks, nfc_normalize
from treaty_align.parse.structure import build_treaty

__all__ = ["load_treaty", "parse_text", "read_document", "read_text"]

# A treaty is a few hundred kilobytes; refusing huge files avoids reading a disk image by mistake.
_MAX_BYTES = 50 * 1024 * 1024


def _read_bytes(path: str | os.PathLike[str]) -> bytes:
    """Return the bytes of the file at ``path``; raise :class:`InputError` when it cannot be read."""
    p = Path(path)
    try:
        if not p.exists():
            raise InputError(f"{p}: no such file")
        if p.is_dir():
            raise InputError(f"{p}: is a directory, not a treaty text file")
        if not p.is_file():
            raise InputError(f"{p}: not a regular file (a device or pipe?): give a treaty text file")
        with open(p, "rb") as handle:
            data = handle.read(_MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{p}: cannot read the file ({exc.strerror or exc})") from exc
    if len(data) > _MAX_BYTES:
        raise InputError(f"{p}: file is over {_MAX_BYTES // (1024 * 1024)} MiB, too large for a treaty text")
    return data


def read_text(path: str | os.PathLike[str]) -> tuple[str, str]:
    """Return ``(text, encoding)`` of the text file at ``path``, newlines normalised to LF.

    Raises :class:`InputError` for a missing, unreadable, empty, binary or oversized file.
    """
    text, encoding, _warnings = _decode(Path(path), _read_bytes(path))
    return text, encoding


def _decode(p: Path, data: bytes, charset: str | None = None) -> tuple[str, str, tuple[str, ...]]:
    """Return ``(text, encoding, warnings)`` of a text file's bytes (``charset``: what the file
    declares; ``warnings``: what decoding repaired, e.g. invalid UTF-8 bytes)."""
    warnings: tuple[str, ...] = ()
    try:
        if charset is not None and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
            try:
                text, encoding = data.decode(charset), charset
            except UnicodeDecodeError:
                text, encoding, warnings = decode_bytes(data)
        else:
            text, encoding, warnings = decode_bytes(data)
    except InputError as exc:
        raise InputError(f"{p}: {exc}") from exc
    text = normalize_newlines(text)
    try:
        check_is_text(text)
    except InputError as exc:
        raise InputError(f"{p}: {exc}") from exc
    return text, encoding, warnings


def read_document(path: str | os.PathLike[str]) -> ExtractedText:
    """Return the text of the file at ``path`` as the structure builder reads it, whatever its
    format (text or Markdown in any handled encoding, HTML, Word .docx, PDF with a text layer),
    with the location in the file of each line.

    The format is told by the content (the suffix only helps with an HTML fragment). Raises
    :class:`InputError` for a file that cannot be read, a format that is not read, a scanned
    PDF, or a missing optional extra (the message names it).
    """
    p = Path(path)
    data = _read_bytes(p)
    try:
        kind = sniff_format(data, p.suffix)
        if kind == "pdf":
            from treaty_align.parse.pdf import read_pdf

            return read_pdf(data)
        if kind == "docx":
            from treaty_align.parse.docx import read_docx

            return read_docx(data)
    except InputError as exc:
        raise InputError(f"{p}: {exc}") from exc
    from treaty_align.parse.html import declared_charset

    text, encoding, warnings = _decode(p, data, declared_charset(data) if b"<" in data[:8192] else None)
    # a page saved from a static site starts with its metadata, which is no part of the act
    text = blank_front_matter(text)
    if looks_like_html(text, p.suffix):
        from treaty_align.parse.html import read_html

        try:
            extracted = read_html(text)
        except InputError as exc:
            raise InputError(f"{p}: {exc}") from exc
        return dataclasses.replace(extracted, encoding=encoding, warnings=warnings)
    markdown = True if p.suffix.lower() in (".md", ".markdown") else None
    return ExtractedText(text, "text", encoding=encoding, markdown=markdown, warnings=warnings)


def parse_text(text: str, lang: str | None = None, *, markdown: bool | None = None,
               source_path: str | None = None, encoding: str | None = None,
               locations: Sequence[str] = ()) -> Treaty:
    """Return the Treaty parsed from ``text``.

    ``lang`` is detected when None; ``markdown`` is detected from the syntax when None;
    ``locations[i]`` is where line ``i + 1`` of ``text`` stands in the received file (a Word
    paragraph, a PDF page and line), empty when the text is the file itself. Every segment
    gets its :attr:`~treaty_align.model.Segment.location`.
    Raises :class:`InputError` when the text is not a treaty in a known language.
    """
    source = normalize_newlines(text)
    check_is_text(source)
    # the same text stored decomposed (NFD) must parse and compare like the composed one;
    # composition never touches newlines, so source lines stay those of the file
    source, composed = nfc_normalize(source)
    notices = (f"Unicode normalised to NFC: {composed} combining character(s) composed with their letters",) \
        if composed else ()
    # accents no letter of the languages carries (stress marks) would split words and headings
    source, dropped, example = drop_loose_marks(source)
    if dropped:
        notices += (f"{dropped} combining accent(s) that no letter of the language carries (stress "
                    f"marks, as in ‘{example}’) ignored",)
    code = lang or detect_language(_detection_text(source))
    prof = profile(code)
    is_md = looks_like_markdown(source) if markdown is None else markdown
    return build_treaty(source, prof, markdown=is_md, source_path=source_path, encoding=encoding,
                        notices=notices, locations=tuple(locations))


def _detection_text(source: str) -> str:
    """Return the beginning of ``source`` without format characters, as long as detection reads.

    Detection reads the first :data:`~treaty_align.parse.language.SAMPLE_CHARS` characters of
    the text without its format characters; stripping only a prefix long enough for that gives
    the same characters without going through a whole 50 MB text.
    """
    size = SAMPLE_CHARS
    while True:
        stripped = strip_format_chars(source[:size])
        if len(stripped) >= SAMPLE_CHARS or size >= len(source):
            return stripped
        size *= 2


def load_treaty(path: str | os.PathLike[str] | Treaty, lang: str | None = None) -> Treaty:
    """Return the Treaty parsed from the file at ``path`` (a Treaty is returned unchanged).

    Format (text, Markdown, HTML, .docx, PDF), encoding, layout and language are detected;
    ``lang`` overrides the language.
    """
    if isinstance(path, Treaty):
        return path
    doc = read_document(path)
    try:
        treaty = parse_text(doc.text, lang, markdown=doc.markdown, source_path=str(path),
                            encoding=doc.encoding, locations=doc.locations)
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from exc
    if doc.warnings:
        treaty = dataclasses.replace(treaty, warnings=doc.warnings + treaty.warnings)
    return treaty
