"""Parse a treaty file into a :class:`~treaty_align.model.Treaty` (stage 1 of the pipeline).

I/O happens only in :func:`load_treaty`; :func:`parse_text` is a pure function of the text.
"""

from __future__ import annotations

import os
from pathlib import Path

from treaty_align.errors import InputError
from treaty_align.model import Treaty
from treaty_align.parse.encoding import check_is_text, detect_and_decode, normalize_newlines
from treaty_align.parse.language import detect_language, profile
from treaty_align.parse.layout import looks_like_markdown
from treaty_align.parse.normalize import strip_format_chars
from treaty_align.parse.scripts import nfc_normalize
from treaty_align.parse.structure import build_treaty

__all__ = ["load_treaty", "parse_text", "read_text"]

# A treaty is a few hundred kilobytes; refusing huge files avoids reading a disk image by mistake.
_MAX_BYTES = 50 * 1024 * 1024


def read_text(path: str | os.PathLike[str]) -> tuple[str, str]:
    """Return ``(text, encoding)`` of the file at ``path``, newlines normalised to LF.

    Raises :class:`InputError` for a missing, unreadable, empty, binary or oversized file.
    """
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
    try:
        text, encoding = detect_and_decode(data)
    except InputError as exc:
        raise InputError(f"{p}: {exc}") from exc
    text = normalize_newlines(text)
    try:
        check_is_text(text)
    except InputError as exc:
        raise InputError(f"{p}: {exc}") from exc
    return text, encoding


def parse_text(text: str, lang: str | None = None, *, markdown: bool | None = None,
               source_path: str | None = None, encoding: str | None = None) -> Treaty:
    """Return the Treaty parsed from ``text``.

    ``lang`` is detected when None; ``markdown`` is detected from the syntax when None.
    Raises :class:`InputError` when the text is not a treaty in a known language.
    """
    source = normalize_newlines(text)
    check_is_text(source)
    # the same text stored decomposed (NFD) must parse and compare like the composed one;
    # composition never touches newlines, so source lines stay those of the file
    source, composed = nfc_normalize(source)
    notices = (f"Unicode normalised to NFC: {composed} combining character(s) composed with their letters",) \
        if composed else ()
    code = lang or detect_language(strip_format_chars(source))
    prof = profile(code)
    is_md = looks_like_markdown(source) if markdown is None else markdown
    return build_treaty(source, prof, markdown=is_md, source_path=source_path, encoding=encoding,
                        notices=notices)


def load_treaty(path: str | os.PathLike[str] | Treaty, lang: str | None = None) -> Treaty:
    """Return the Treaty parsed from the file at ``path`` (a Treaty is returned unchanged).

    Encoding, layout (plain text or Markdown) and language are detected; ``lang`` overrides
    the language.
    """
    if isinstance(path, Treaty):
        return path
    text, encoding = read_text(path)
    suffix = Path(path).suffix
    markdown = True if suffix.lower() in (".md", ".markdown") else None
    try:
        return parse_text(text, lang, markdown=markdown, source_path=str(path), encoding=encoding)
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from exc
