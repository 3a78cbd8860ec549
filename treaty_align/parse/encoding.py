"""Turn the bytes of a treaty file into text: encoding detection and newline normalisation."""

from __future__ import annotations

import codecs
import re
import unicodedata

from treaty_align.errors import InputError

# Single-byte code pages tried, in order of preference on a tie. KZ-1048 is the Kazakh variant
# of Windows-1251 (it replaces rarely used letters with Kazakh ones); plain CP1251 cannot encode
# the Kazakh letters at all, so a "CP1251" Kazakh file is in practice KZ-1048.
_SINGLE_BYTE = ("cp1251", "kz1048", "cp1254", "iso8859_9", "latin_1")

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

_NON_ASCII = re.compile(r"[^\x00-\x7f]")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_like_utf16(data: bytes) -> str | None:
    """Return 'utf-16-le'/'utf-16-be' when NUL bytes sit in every other position, else None."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) / 2
    # Cyrillic in UTF-16 has no NUL high bytes, so look at both halves' share of NULs *or*
    # a consistent lack of NULs with high bytes in the Cyrillic block (0x04).
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    if sample[1::2].count(4) > 0.3 * half:
        return "utf-16-le"
    if sample[0::2].count(4) > 0.3 * half:
        return "utf-16-be"
    return None


def _plausibility(text: str) -> float:
    """Return the share of characters that are letters, digits, spaces or common punctuation."""
    if not text:
        return 0.0
    good = 0
    for ch in text:
        if ch.isalnum() or ch.isspace() or ch in ".,;:()[]«»\"'-–—№%/*#!?§":
            cat = unicodedata.category(ch)
            # Letters from an unexpected mix of scripts are what a wrong code page produces,
            # e.g. 'Ђ' or 'ќ' where Kazakh letters should be; those are letters, but rare.
            if ch in "ЂЃЉЊЌЋЏђѓљњќћџЎўЈҐЄЇ":
                continue
            if cat.startswith(("L", "N", "Z", "P")) or ch in "\n\t":
                good += 1
    return good / len(text)


def _line_of_byte(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """Return ``(text, bad sequences)`` when ``data`` is UTF-8 apart from a few bad bytes.

    "A few": at most one bad sequence per thousand characters (one in a short file), and at least ten well-formed
    multi-byte characters per bad one. A file in a single-byte code page decoded as UTF-8 is
    almost all bad sequences and almost no well-formed multi-byte ones, so it never passes.
    """
    text = data.decode("utf-8", errors="replace")
    already = data.count("\ufffd".encode("utf-8"))  # replacement characters in the file itself
    bad = text.count("\ufffd") - already
    good = len(_NON_ASCII.findall(text)) - bad - already
    if bad <= 0 or bad > max(1, len(text) // 1000) or good < 10 * bad:
        return None
    return text, bad


def decode_bytes(data: bytes) -> tuple[str, str, tuple[str, ...]]:
    """Return ``(text, encoding, warnings)`` for the bytes of a text file.

    Tries BOMs, UTF-16 without BOM, strict UTF-8, UTF-8 with a few invalid bytes (each replaced
    by U+FFFD, with a warning naming the first one's byte offset and line), then single-byte
    Cyrillic and Latin code pages ranked by how plausible the decoded text is. Raises
    :class:`InputError` for empty or binary data: a NUL byte anywhere outside UTF-16/32 makes
    the file binary, wherever it stands.
    """
    if not data:
        raise InputError("the file is empty: give a treaty text file (UTF-8, UTF-16, CP1251 or KZ-1048)")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name).lstrip("\ufeff"), name, ()
            except UnicodeDecodeError as exc:
                raise InputError(f"the file starts with a {name} byte-order mark but is not valid {name}: "
                                 f"{exc.reason} at byte offset {exc.start}") from exc
    utf16 = _looks_like_utf16(data)
    if utf16:
        try:
            return data.decode(utf16), utf16, ()
        except UnicodeDecodeError:
            pass
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"the file looks binary (a NUL byte at byte offset {nul}, line "
                         f"{_line_of_byte(data, nul)}): give a plain-text or Markdown treaty file")
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError as exc:
        mostly = _mostly_utf8(data)
        if mostly is not None:
            text, bad = mostly
            more = f" (and {bad - 1} more)" if bad > 1 else ""
            warning = (f"invalid UTF-8 byte 0x{data[exc.start]:02X} at byte offset {exc.start}, line "
                       f"{_line_of_byte(data, exc.start)}{more}: replaced by U+FFFD, the rest decoded as UTF-8")
            return text, "utf-8", (warning,)
    best: tuple[float, str, str] | None = None
    for name in _SINGLE_BYTE:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        score = _plausibility(text)
        if best is None or score > best[0] + 1e-9:
            best = (score, name, text)
    if best is None or best[0] < 0.85:
        raise InputError("the file is not text in a known encoding (tried UTF-8, UTF-16, CP1251, KZ-1048): convert it to UTF-8")
    return best[2], best[1], ()


def detect_and_decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` for the bytes of a text file (:func:`decode_bytes` without
    its warnings)."""
    text, encoding, _warnings = decode_bytes(data)
    return text, encoding


def normalize_newlines(text: str) -> str:
    """Return ``text`` with CRLF and lone CR turned into LF and a leading BOM removed."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def check_is_text(text: str) -> None:
    """Raise :class:`InputError` when decoded text is blank or mostly control characters."""
    if not text.strip():
        raise InputError("the file contains only whitespace: give a treaty text")
    # Cc is exactly C0, DEL and C1; a regex counts them at C speed in a 50 MB text
    controls = len(_CONTROLS.findall(text))
    if controls > 0.01 * len(text):
        raise InputError("the file looks binary (many control characters): give a plain-text or Markdown treaty file")
