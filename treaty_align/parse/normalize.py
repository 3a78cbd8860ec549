"""Clean text while remembering where every character came from.

A parser must report clean clause text (line wraps joined, words de-hyphenated, Markdown removed)
*and* exact offsets into the source, so every finding can be traced back. :class:`MappedText`
carries both: ``text[i]`` came from ``source[offsets[i]]``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Markdown syntax removed from a line: heading hashes, block quotes, bullets, emphasis runs,
# backslash escapes, inline HTML line breaks. Group 1 of each, when present, is the text kept.
_MD_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?=\S))+")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_MD_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_MD_TRAILING_HASHES = re.compile(r"\s+#+\s*$")
_SOFT_HYPHEN = "\u00ad"
_SPACES = "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u3000\t\f\v"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"


@dataclass(frozen=True)
class MappedText:
    """A string with, for each character, its offset in the source text."""

    text: str
    offsets: tuple[int, ...]

    def __post_init__(self) -> None:
        if len(self.text) != len(self.offsets):
            raise ValueError("text and offsets differ in length")

    def __len__(self) -> int:
        return len(self.text)

    def slice(self, start: int, end: int) -> "MappedText":
        """Return the characters ``start:end`` with their offsets."""
        return MappedText(self.text[start:end], self.offsets[start:end])

    def strip(self, chars: str | None = None) -> "MappedText":
        """Return a copy without leading and trailing ``chars`` (whitespace by default)."""
        stripped_left = len(self.text) - len(self.text.lstrip(chars))
        end = len(self.text.rstrip(chars))
        if end <= stripped_left:
            return MappedText("", ())
        return self.slice(stripped_left, end)

    def lstrip(self, chars: str | None = None) -> "MappedText":
        """Return a copy without leading ``chars`` (whitespace by default)."""
        return self.slice(len(self.text) - len(self.text.lstrip(chars)), len(self.text))

    def span(self) -> tuple[int, int]:
        """Return ``(start, end)`` offsets in the source covering this text (end exclusive)."""
        if not self.offsets:
            return (0, 0)
        return (self.offsets[0], self.offsets[-1] + 1)

    @staticmethod
    def concat(parts: list["MappedText"]) -> "MappedText":
        """Return the parts joined end to end."""
        return MappedText(
            "".join(p.text for p in parts),
            tuple(o for p in parts for o in p.offsets),
        )


def map_line(line: str, start: int) -> MappedText:
    """Return ``line`` mapped to offsets ``start, start+1, ...``."""
    return MappedText(line, tuple(range(start, start + len(line))))


def _drop_ranges(mapped: MappedText, ranges: list[tuple[int, int]]) -> MappedText:
    if not ranges:
        return mapped
    keep = [True] * len(mapped.text)
    for a, b in ranges:
        for i in range(a, b):
            keep[i] = False
    return MappedText(
        "".join(c for c, k in zip(mapped.text, keep) if k),
        tuple(o for o, k in zip(mapped.offsets, keep) if k),
    )


def strip_markdown(mapped: MappedText) -> MappedText:
    """Return the line without Markdown syntax (heading marks, bullets, emphasis, escapes).

    A bullet followed by a structural label (``- 1)``) loses the bullet and keeps the label.
    """
    text = mapped.text
    ranges: list[tuple[int, int]] = []
    m = _MD_PREFIX.match(text)
    if m:
        ranges.append((0, m.end()))
    for m in _MD_TRAILING_HASHES.finditer(text):
        ranges.append((m.start(), m.end()))
    for m in _MD_HTML_BREAK.finditer(text):
        ranges.append((m.start(), m.end()))
    mapped = _drop_ranges(mapped, ranges)
    # Emphasis can nest (***x***) and a bold run can open on one line and close on another,
    # so remove balanced pairs repeatedly, then any unbalanced '**' / '__' left at the ends.
    for _ in range(3):
        text = mapped.text
        ranges = []
        for m in _MD_EMPHASIS.finditer(text):
            marker = len(m.group(1))
            ranges.append((m.start(), m.start() + marker))
            ranges.append((m.end() - marker, m.end()))
        if not ranges:
            break
        mapped = _drop_ranges(mapped, ranges)
    text = mapped.text
    ranges = [(m.start(), m.end()) for m in re.finditer(r"\*\*+|__+", text)]
    ranges += [(m.start(), m.start() + 1) for m in _MD_ESCAPE.finditer(text)]
    return _drop_ranges(mapped, sorted(ranges))


def clean_chars(mapped: MappedText) -> MappedText:
    """Return the text with exotic spaces turned into plain spaces and format characters dropped."""
    chars: list[str] = []
    offsets: list[int] = []
    for ch, off in zip(mapped.text, mapped.offsets):
        # every format character (zero-width spaces, soft hyphens, direction marks and
        # overrides such as RLM/RLO) is invisible: none may split a word or hide a heading
        if ch in _ZERO_WIDTH or ch == _SOFT_HYPHEN or unicodedata.category(ch) == "Cf":
            continue
        chars.append(" " if ch in _SPACES else ch)
        offsets.append(off)
    return MappedText("".join(chars), tuple(offsets))


_WORD_END = re.compile(r"(\w+)-$")
_WORD_START = re.compile(r"^(\w+)")


def join_lines(lines: list[MappedText], vocabulary: frozenset[str] = frozenset()) -> MappedText:
    """Return wrapped lines joined into one paragraph with single spaces.

    A line ending in ``word-`` followed by a line starting with a lower-case word is a
    hyphenated wrap: the hyphen is dropped when the joined word occurs elsewhere in the document
    (``vocabulary``), and kept otherwise, because many Kazakh and Russian compounds are written
    with a hyphen and must survive a wrap unchanged.
    """
    parts: list[MappedText] = []
    for line in lines:
        line = line.strip()
        if not line.text:
            continue
        if parts:
            prev = parts[-1]
            m_end = _WORD_END.search(prev.text)
            m_start = _WORD_START.match(line.text)
            if m_end and m_start and line.text[0].islower():
                joined = (m_end.group(1) + m_start.group(1)).lower()
                if joined in vocabulary:
                    parts[-1] = prev.slice(0, len(prev.text) - 1)
                # a hyphenated wrap joins without a space either way
                parts.append(line)
                continue
            parts.append(MappedText(" ", (prev.offsets[-1] + 1,)))
        parts.append(line)
    return collapse_spaces(MappedText.concat(parts))


def collapse_spaces(mapped: MappedText) -> MappedText:
    """Return the text with runs of spaces reduced to one and no space before , ; : . ) ."""
    chars: list[str] = []
    offsets: list[int] = []
    for ch, off in zip(mapped.text, mapped.offsets):
        if ch == " " and chars and chars[-1] == " ":
            continue
        if ch in ",;:.)" and chars and chars[-1] == " " and len(chars) > 1:
            # a space before punctuation is a layout artefact of the extraction
            chars.pop()
            offsets.pop()
        chars.append(ch)
        offsets.append(off)
    return MappedText("".join(chars), tuple(offsets)).strip()


def vocabulary_of(text: str) -> frozenset[str]:
    """Return the lower-cased words of ``text`` (used to decide de-hyphenation)."""
    return frozenset(w.lower() for w in re.findall(r"\w+", text))


def strip_format_chars(text: str) -> str:
    """Return ``text`` without format characters (Unicode category Cf), for detection only."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
