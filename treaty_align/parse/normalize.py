"""Clean text while remembering where every character came from.

A parser must report clean clause text (line wraps joined, words de-hyphenated, Markdown removed)
*and* exact offsets into the source, so every finding can be traced back. :class:`MappedText`
carries both: ``text[i]`` came from ``source[offsets[i]]``.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from typing import Container, Iterator, NamedTuple, Sequence

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
_SPACE_TABLE = str.maketrans({ch: " " for ch in _SPACES})
_EXOTIC_SPACE = re.compile(f"[{_SPACES}]")
#: a character that may be a format character: anything but word characters, whitespace, ASCII
#: and the common punctuation of the treaties (no format character is among those; a test checks
#: every code point), so that clean lines are told apart at the speed of a regex search
_NOT_PLAIN = re.compile(r"[^\w\s!-~\u00a0-\u00ac\u00ae-\u00ff\u2010-\u2027\u2030-\u205e№]")


class _Runs(NamedTuple):
    text: str
    starts: tuple[int, ...]
    origins: tuple[int, ...]


class MappedText(_Runs):
    """A string with, for each character, its offset in the source text.

    The offsets are kept as runs: ``starts[k]`` is where run ``k`` begins in :attr:`text` and
    ``origins[k]`` the source offset of that character; the characters of a run come from
    consecutive source offsets. A line of a treaty is one run, a paragraph joined from wrapped
    lines a few, so a 50 MB text costs a few numbers per line instead of an integer object per
    character. Immutable (a tuple underneath: parsing a long text makes millions of these).
    """

    __slots__ = ()

    def __new__(cls, text: str, starts: tuple[int, ...], origins: tuple[int, ...]) -> "MappedText":
        if len(starts) != len(origins) or bool(text) != bool(starts) or (starts and starts[0] != 0):
            raise ValueError("runs do not cover the text")
        return _make(cls, (text, starts, origins))

    @staticmethod
    def at(text: str, start: int) -> "MappedText":
        """Return ``text`` mapped to offsets ``start, start+1, ...``."""
        return _make(MappedText, (text, (0,), (start,))) if text else _EMPTY

    @staticmethod
    def from_offsets(text: str, offsets: Sequence[int]) -> "MappedText":
        """Return ``text`` with the source offset of each character given one by one."""
        if len(text) != len(offsets):
            raise ValueError("text and offsets differ in length")
        starts: list[int] = []
        origins: list[int] = []
        for i, off in enumerate(offsets):
            if not starts or off != origins[-1] + (i - starts[-1]):
                starts.append(i)
                origins.append(off)
        return MappedText(text, tuple(starts), tuple(origins))

    def __len__(self) -> int:
        return len(self.text)

    @property
    def offsets(self) -> tuple[int, ...]:
        """Return the source offset of every character (builds one integer per character)."""
        ends = self.starts[1:] + (len(self.text),)
        return tuple(o for s, e, origin in zip(self.starts, ends, self.origins)
                     for o in range(origin, origin + e - s))

    def offset(self, index: int) -> int:
        """Return the source offset of character ``index`` (negative counts from the end)."""
        if index < 0:
            index += len(self.text)
        if not 0 <= index < len(self.text):
            raise IndexError("offset index out of range")
        k = bisect.bisect_right(self.starts, index) - 1
        return self.origins[k] + index - self.starts[k]

    def index_of(self, offset: int) -> int:
        """Return the first index whose character comes from source ``offset``; ValueError if none."""
        ends = self.starts[1:] + (len(self.text),)
        for s, e, origin in zip(self.starts, ends, self.origins):
            if origin <= offset < origin + e - s:
                return s + offset - origin
        raise ValueError(f"no character from source offset {offset}")

    def intersects(self, sorted_offsets: Sequence[int]) -> bool:
        """Return True when a character comes from one of ``sorted_offsets`` (ascending)."""
        if not sorted_offsets:
            return False
        ends = self.starts[1:] + (len(self.text),)
        for s, e, origin in zip(self.starts, ends, self.origins):
            k = bisect.bisect_left(sorted_offsets, origin)
            if k < len(sorted_offsets) and sorted_offsets[k] < origin + e - s:
                return True
        return False

    def slice(self, start: int, end: int) -> "MappedText":
        """Return the characters ``start:end`` with their offsets."""
        start, end, _ = slice(start, end).indices(len(self.text))
        if end <= start:
            return _EMPTY
        k0 = bisect.bisect_right(self.starts, start) - 1
        k1 = bisect.bisect_left(self.starts, end)
        if k1 - k0 == 1:
            return _make(MappedText, (self.text[start:end], (0,), (self.origins[k0] + start - self.starts[k0],)))
        starts = (0,) + tuple(s - start for s in self.starts[k0 + 1:k1])
        origins = (self.origins[k0] + start - self.starts[k0],) + self.origins[k0 + 1:k1]
        return _make(MappedText, (self.text[start:end], starts, origins))

    def strip(self, chars: str | None = None) -> "MappedText":
        """Return a copy without leading and trailing ``chars`` (whitespace by default)."""
        text = self.text
        if text and (not text[0].isspace() and not text[-1].isspace() if chars is None
                     else text[0] not in chars and text[-1] not in chars):
            return self  # nothing to strip (the usual case)
        stripped_left = len(self.text) - len(self.text.lstrip(chars))
        end = len(self.text.rstrip(chars))
        if end <= stripped_left:
            return _EMPTY
        if stripped_left == 0 and end == len(self.text):
            return self
        return self.slice(stripped_left, end)

    def lstrip(self, chars: str | None = None) -> "MappedText":
        """Return a copy without leading ``chars`` (whitespace by default)."""
        return self.slice(len(self.text) - len(self.text.lstrip(chars)), len(self.text))

    def span(self) -> tuple[int, int]:
        """Return ``(start, end)`` offsets in the source covering this text (end exclusive)."""
        if not self.text:
            return (0, 0)
        return (self.origins[0], self.offset(-1) + 1)

    def replaced(self, text: str) -> "MappedText":
        """Return ``text`` (as long as this one) with this text's offsets."""
        if len(text) != len(self.text):
            raise ValueError("text and offsets differ in length")
        return _make(MappedText, (text, self.starts, self.origins))

    def keep(self, ranges: Sequence[tuple[int, int]]) -> "MappedText":
        """Return the characters of the ascending, non-overlapping ``ranges`` joined."""
        return MappedText.concat([self.slice(a, b) for a, b in ranges if b > a])

    @staticmethod
    def concat(parts: Sequence["MappedText"]) -> "MappedText":
        """Return the parts joined end to end."""
        nonempty = [p for p in parts if p.text]
        if len(nonempty) == 1:
            return nonempty[0]
        starts: list[int] = []
        origins: list[int] = []
        length = 0
        for p in parts:
            if not p.text:
                continue
            for s, origin in zip(p.starts, p.origins):
                at = length + s
                # a run that continues the previous one where both meet is the same run
                if starts and origin == origins[-1] + (at - starts[-1]):
                    continue
                starts.append(at)
                origins.append(origin)
            length += len(p.text)
        if not starts:
            return _EMPTY
        return _make(MappedText, ("".join(p.text for p in parts), tuple(starts), tuple(origins)))


_make = tuple.__new__
_EMPTY = MappedText("", (), ())


def map_line(line: str, start: int) -> MappedText:
    """Return ``line`` mapped to offsets ``start, start+1, ...``."""
    return MappedText.at(line, start)


def _drop_ranges(mapped: MappedText, ranges: list[tuple[int, int]]) -> MappedText:
    """Return ``mapped`` without the characters of ``ranges`` (in any order, may overlap)."""
    if not ranges:
        return mapped
    kept: list[tuple[int, int]] = []
    at = 0
    for a, b in sorted(ranges):
        if b <= a:
            continue
        if a > at:
            kept.append((at, a))
        at = max(at, b)
    if at < len(mapped.text):
        kept.append((at, len(mapped.text)))
    return mapped.keep(kept)


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
    text = mapped.text
    if _NOT_PLAIN.search(text):
        # every format character (zero-width spaces, soft hyphens, direction marks and
        # overrides such as RLM/RLO) is invisible: none may split a word or hide a heading
        drops = [(i, i + 1) for i, ch in enumerate(text)
                 if ch in _ZERO_WIDTH or ch == _SOFT_HYPHEN or unicodedata.category(ch) == "Cf"]
        mapped = _drop_ranges(mapped, drops)
        text = mapped.text
    if not _EXOTIC_SPACE.search(text):
        return mapped
    return mapped.replaced(text.translate(_SPACE_TABLE))


_WORD_END = re.compile(r"(\w+)-$")
_WORD_START = re.compile(r"^(\w+)")


def join_lines(lines: list[MappedText], vocabulary: Container[str] = frozenset()) -> MappedText:
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
            m_end = _WORD_END.search(prev.text) if prev.text.endswith("-") else None
            m_start = _WORD_START.match(line.text)
            if m_end and m_start and line.text[0].islower():
                joined = (m_end.group(1) + m_start.group(1)).lower()
                if joined in vocabulary:
                    parts[-1] = prev.slice(0, len(prev.text) - 1)
                # a hyphenated wrap joins without a space either way
                parts.append(line)
                continue
            parts.append(MappedText.at(" ", prev.offset(-1) + 1))
        parts.append(line)
    return collapse_spaces(MappedText.concat(parts))


# a run of spaces before , ; : . ) (group 1, dropped whole), or of two or more spaces (group 2,
# all but the first dropped)
_SPACE_RUN = re.compile(r"( +)(?=[,;:.)])|( {2,})")


def collapse_spaces(mapped: MappedText) -> MappedText:
    """Return the text with runs of spaces reduced to one and no space before , ; : . ) ."""
    text = mapped.text
    # most paragraphs have nothing to collapse: six substring tests are several times faster
    # than the pattern's scan, and it can match only where one of them holds
    if not any(pair in text for pair in _SPACE_PAIRS):
        return mapped.strip()
    # a space before punctuation is a layout artefact of the extraction
    drops = [(m.start() if m.group(1) else m.start() + 1, m.end()) for m in _SPACE_RUN.finditer(text)]
    return _drop_ranges(mapped, drops).strip()


_SPACE_PAIRS = ("  ", " ,", " ;", " :", " .", " )")


def vocabulary_of(text: str) -> frozenset[str]:
    """Return the lower-cased words of ``text`` (used to decide de-hyphenation)."""
    distinct: set[str] = set()
    for chunk in _chunks(text):
        distinct.update(_ANY_WORD.findall(chunk))
    return frozenset(w.lower() for w in distinct)


class LazyVocabulary:
    """The words of a text, read from it the first time one is looked up.

    Most documents have no word hyphenated at a line end, and then the vocabulary of a 50 MB
    text is never needed.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._words: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self._words is None:
            self._words = vocabulary_of(self._text)
        return word in self._words


_ANY_WORD = re.compile(r"\w+")
#: characters of a text handled at a time by whole-text passes (bounds their temporary lists)
_CHUNK = 1 << 20


def _chunks(text: str) -> Iterator[str]:
    """Yield ``text`` in pieces of about :data:`_CHUNK` characters, each cut after a newline."""
    start = 0
    while start < len(text):
        end = text.find("\n", start + _CHUNK)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end


def without_format_chars(text: str) -> str:
    """Return ``text`` without the format characters :func:`clean_chars` drops (Unicode Cf):
    the very same object when it has none, which a regex tells at once for a clean line."""
    return strip_format_chars(text) if _NOT_PLAIN.search(text) else text


def strip_format_chars(text: str) -> str:
    """Return ``text`` without format characters (Unicode category Cf), for detection only."""
    present = {ch for ch in set(text) if unicodedata.category(ch) == "Cf"}
    return text.translate({ord(ch): None for ch in present}) if present else text
