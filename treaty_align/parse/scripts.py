"""Mixed scripts: Latin letters typed for Cyrillic look-alikes (and the reverse), folded per word.

Published Kazakh often types Latin ``i`` for ``і`` or ``T``, ``a``, ``p`` inside Cyrillic words;
Russian texts do the same, or type a Latin acronym partly in Cyrillic. Words, cues and labels
then fail to match silently. :func:`fold_lookalikes` folds each such letter to the script of the
word it stands in, from the language's table ``data/<lang>/lookalikes.json``, one character for
one character (so every offset into the source stays valid). A word written wholly in the other
script (a Latin name in a Cyrillic text) is never touched.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from collections import Counter
from functools import lru_cache
from typing import Iterator

from treaty_align.data import load_json

# a word may hold invisible format characters (soft hyphen, zero-width space, direction marks)
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u00ad\u200b-\u200f\u202a-\u202e\u2060\ufeff])*")
_WORD_CHAR = re.compile(r"[^\W\d_]|[\u00ad\u200b-\u200f\u202a-\u202e\u2060\ufeff]")
_LETTER = re.compile(r"[^\W\d_]")
_SAMPLE = 100_000
_SCRIPT_PREFIX = {"Latn": "LATIN", "Cyrl": "CYRILLIC"}


@dataclass(frozen=True)
class LookalikeTable:
    """The look-alike letters of one language: native letter -> the other script's twin."""

    native_script: str
    foreign_script: str
    to_foreign: dict[str, str]
    to_native: dict[str, str]


@dataclass(frozen=True)
class FoldResult:
    """Folded text, the original letter at each changed offset, and how many words changed."""

    text: str
    changes: dict[int, str]
    words: int
    examples: tuple[tuple[str, str], ...]


@lru_cache(maxsize=None)
def lookalike_table(lang: str) -> LookalikeTable:
    """Return the look-alike table of ``lang`` (``data/<lang>/lookalikes.json``)."""
    raw = load_json(lang, "lookalikes.json")
    pairs = dict(raw["native_to_foreign"])
    return LookalikeTable(raw["native_script"], raw["foreign_script"], pairs,
                          {v: k for k, v in pairs.items()})


@lru_cache(maxsize=4096)
def _script_of(ch: str) -> str:
    name = unicodedata.name(ch, "")
    for code, prefix in _SCRIPT_PREFIX.items():
        if name.startswith(prefix):
            return code
    return "other"


def script_of(text: str) -> str:
    """Return ``Latn``, ``Cyrl`` or ``other``: the script of the first letter of ``text``."""
    return next((_script_of(ch) for ch in text if ch.isalpha()), "other")


def _fold_word(word: str, table: LookalikeTable) -> str:
    """Return ``word`` with its look-alikes folded to the script it is written in (or unchanged)."""
    native_only = native_twin = foreign_twin = foreign_only = 0
    for ch in word:
        script = _script_of(ch)
        if script == table.native_script:
            if ch in table.to_foreign:
                native_twin += 1
            else:
                native_only += 1
        elif script == table.foreign_script:
            if ch in table.to_native:
                foreign_twin += 1
            else:
                foreign_only += 1
    if not (native_only + native_twin) or not (foreign_twin + foreign_only):
        return word  # one script only: a native word, or a genuinely foreign one
    if foreign_only == 0 and foreign_twin:
        # native letters with foreign twins typed among them: 'мемлекетiнiң', 'Tapaп'
        return "".join(table.to_native.get(ch, ch) if _script_of(ch) == table.foreign_script else ch
                       for ch in word)
    if native_only == 0 and native_twin:
        # a foreign word (letters the native script lacks) with native twins typed in: 'IВRD'
        return "".join(table.to_foreign.get(ch, ch) if _script_of(ch) == table.native_script else ch
                       for ch in word)
    return word  # letters of both scripts without twins: cannot tell, leave it as written


def distinct_characters(text: str) -> list[str]:
    """Return the distinct characters of ``text`` in code point order."""
    if len(text) < _SAMPLE:
        return sorted(set(text))
    import numpy as np

    # set() of a 50 MB text makes a string object of every character; marking code points in
    # a table, a piece of the text at a time, is about ten times faster
    seen = np.zeros(sys.maxunicode + 1, dtype=bool)
    for start in range(0, len(text), _SAMPLE):
        piece = text[start:start + _SAMPLE].encode("utf-32-le", "surrogatepass")
        seen[np.frombuffer(piece, dtype="<u4")] = True
    return [chr(int(code)) for code in np.flatnonzero(seen)]


def _letters_by_script(text: str) -> dict[str, str]:
    """Return the distinct letters of ``text`` grouped by script (``Latn``, ``Cyrl``, ``other``)."""
    groups: dict[str, list[str]] = {}
    for ch in distinct_characters(text):
        if _LETTER.match(ch):
            groups.setdefault(_script_of(ch), []).append(ch)
    return {script: "".join(chars) for script, chars in groups.items()}


def _mixed_words(text: str, table: LookalikeTable) -> Iterator[re.Match[str]]:
    """Yield, in text order, the words of ``text`` holding letters of both scripts of ``table``.

    Only those can change when folded. The rarer script is searched for (a Kazakh text has few
    Latin letters), and each hit is widened to the word around it, so a text is scanned at the
    speed of a regex instead of word by word.
    """
    letters = _letters_by_script(text)
    native, foreign = letters.get(table.native_script, ""), letters.get(table.foreign_script, "")
    if not native or not foreign:
        return
    # which script is rarer only decides the speed, so a sample tells it
    sample = Counter(text[:_SAMPLE])
    rare, other = (foreign, native) if sum(sample[c] for c in foreign) <= sum(sample[c] for c in native) \
        else (native, foreign)
    other_letter = re.compile(f"[{re.escape(other)}]")
    done = 0
    for hit in re.finditer(f"[{re.escape(rare)}]+", text):
        if hit.start() < done:
            continue
        start = hit.start()
        while start > 0 and _WORD_CHAR.match(text, start - 1):
            start -= 1
        word = _WORD.search(text, start)
        if word is None:
            continue
        done = word.end()
        if other_letter.search(word.group()):
            yield word


def fold_lookalikes(text: str, lang: str) -> FoldResult:
    """Return ``text`` with look-alike letters folded to the script of their word.

    The result has the same length as ``text``; ``changes`` maps each changed offset to the
    original letter, so reports can quote the text as published.
    """
    table = lookalike_table(lang)
    pieces: list[str] = []
    at = 0
    changes: dict[int, str] = {}
    words = 0
    examples: list[tuple[str, str]] = []
    for m in _mixed_words(text, table):
        word = m.group()
        folded = _fold_word(word, table)
        if folded == word:
            continue
        words += 1
        if len(examples) < 3 and (word, folded) not in examples:
            examples.append((word, folded))
        out = list(word)
        for i, (a, b) in enumerate(zip(word, folded)):
            if a != b:
                changes[m.start() + i] = a
                out[i] = b
        pieces.append(text[at:m.start()])
        pieces.append("".join(out))
        at = m.end()
    if not pieces:
        return FoldResult(text, changes, words, tuple(examples))
    pieces.append(text[at:])
    return FoldResult("".join(pieces), changes, words, tuple(examples))


def nfc_normalize(text: str) -> tuple[str, int]:
    """Return ``text`` in Unicode NFC and the number of characters composition removed.

    Composition never touches newlines, so line numbers of the source stay valid.
    """
    normal = unicodedata.normalize("NFC", text)
    return normal, len(text) - len(normal)


#: combining marks (accents) left apart by NFC: no letter of Kazakh, Azerbaijani or Russian
#: needs one (each has a composed form), so these are stress marks or stray accents (‘а́’),
#: which split a word in two and hide an article heading (‘4-ба́п’)
_LOOSE_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def drop_loose_marks(text: str) -> tuple[str, int, str]:
    """Return ``text`` without the combining marks NFC left apart, how many were dropped, and
    the first word that carried one (as written, for the warning; "" when none).

    Call it after :func:`nfc_normalize`. Newlines are never touched, so lines stay those of
    the file.
    """
    first = _LOOSE_MARKS.search(text)
    if first is None:
        return text, 0, ""
    start = max(text.rfind(" ", 0, first.start()), text.rfind("\n", 0, first.start())) + 1
    end = min((i for i in (text.find(" ", first.end()), text.find("\n", first.end())) if i >= 0),
              default=len(text))
    cleaned, dropped = _LOOSE_MARKS.subn("", text)
    return cleaned, dropped, text[start:end][:40]
