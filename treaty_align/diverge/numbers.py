"""Numbers, periods, percentages and dates, compared as values.

Digits and numbers in words (``number_words.tsv``: every case and ordinal form, read by
:mod:`treaty_align.diverge.numerals`; ``numerals.tsv``: units, month names) are read into
``(value, unit)`` pairs, so "6 months" written with digits, with digits and the numeral in
brackets, or in words in any case are all ``(6, month)``.
Numbers inside cross-references ("Article 5") are left to :mod:`crossref`; the labels of list
items are ignored. A spelled-out "one" counts only before a unit, because it doubles as the
indefinite article in all three languages.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from treaty_align.data import has_data, load_tsv
from treaty_align.diverge.base import (
    MAJOR,
    MINOR,
    Check,
    CheckContext,
    Side,
    make_divergence,
    register,
)
from treaty_align.diverge.crossref import references
from treaty_align.diverge.morphology import blank
from treaty_align.diverge.numerals import spelled_numbers
from treaty_align.model import Alignment, Divergence, Evidence

_TOKEN = re.compile(r"\d+(?:[.,]\d+)?|[^\W\d_]+|%|[()]")
_LABEL = re.compile(r"^\s*\(?(?:\d{1,3}|[^\W\d_])[.)]\s+")


@dataclass(frozen=True)
class Number:
    """A number found in a text: its value, unit (None when bare) and where it stands."""

    value: float
    unit: str | None
    spelled: bool
    start: int
    end: int

    @property
    def strong(self) -> bool:
        """Return True for digits or numbers with a unit (a change of these changes obligations)."""
        return not self.spelled or self.unit is not None


@dataclass(frozen=True)
class _Lexicon:
    cardinals: tuple[tuple[float, re.Pattern[str]], ...]
    units: tuple[tuple[str, re.Pattern[str]], ...]
    months: tuple[tuple[int, re.Pattern[str]], ...]
    fillers: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=None)
def _lexicon(lang: str) -> _Lexicon | None:
    if not has_data(lang, "numerals.tsv"):
        return None
    card, units, months, fillers = [], [], [], []
    for row in load_tsv(lang, "numerals.tsv"):
        rx = re.compile(r"(?:" + row["pattern"] + r")$")
        kind, value = row.get("type", ""), row.get("value", "")
        if kind == "cardinal":
            card.append((float(value), rx))
        elif kind == "unit":
            units.append((value, rx))
        elif kind == "month":
            months.append((int(value), rx))
        elif kind == "filler":
            fillers.append(rx)
    return _Lexicon(tuple(card), tuple(units), tuple(months), tuple(fillers))


def _cardinal(word: str, lex: _Lexicon) -> float | None:
    # the cardinals of numerals.tsv; number_words.tsv (read by spelled_numbers) has all forms
    for value, rx in lex.cardinals:
        if rx.match(word):
            return value
    return None


def _unit(word: str, lex: _Lexicon) -> str | None:
    if word == "%":
        return "percent"
    for value, rx in lex.units:
        if rx.match(word):
            return value
    return None


def _month(word: str, lex: _Lexicon) -> int | None:
    for value, rx in lex.months:
        if rx.match(word):
            return value
    return None


def _compose(values: Sequence[float]) -> float:
    # "forty five" = 40 + 5, "two hundred" = 2 * 100, "three thousand" = 3 * 1000
    total, current = 0.0, 0.0
    for v in values:
        if v == 100:
            current = max(current, 1) * v
        elif v >= 1000:
            total += max(current, 1) * v
            current = 0
        else:
            current += v
    return total + current


def numbers(folded: str, lang: str) -> list[Number]:
    """Return the numbers of ``folded`` text in ``lang``, each once, in text order.

    A number written twice, in digits and in words ("180 (one hundred eighty)", "six (6)"), is
    one number. A spelled "one" (and a spelled "first" or "second", which also mean "the other")
    counts only before a unit: all three languages use them as articles and pronouns.
    """
    lex = _lexicon(lang)
    if lex is None:
        return []
    text = blank(folded, [(r.start, r.end) for r in references(folded, lang)])
    label = _LABEL.match(text)
    if label:
        text = blank(text, [(0, label.end())])
    spelled_at = {r.start: r for r in spelled_numbers(text, lang)}
    toks: list[tuple[int, int, str, float | None, bool]] = []  # start, end, text, value, spelled
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() < pos:
            continue
        run = spelled_at.get(m.start())
        if run is not None:
            toks.append((run.start, run.end, text[run.start:run.end], float(run.value),
                         run.ordinal))
            pos = run.end
            continue
        w = m.group()
        value = _to_float(w) if _is_digits(w) else _cardinal(w, lex)
        toks.append((m.start(), m.end(), w, value, False))
        pos = m.end()
    out: list[Number] = []
    i = 0
    while i < len(toks):
        s, e, w, value, ordinal = toks[i]
        spelled = not _is_digits(w)
        j = i + 1
        if value is None or not math.isfinite(value):
            i += 1
            continue
        if not spelled and j < len(toks) and text[e:toks[j][0]] == "-" and not _is_digits(toks[j][2]):
            # an ordinal or case suffix written after a hyphen belongs to the number
            j += 1
        # "6 (six)" / "six (6)": the same number twice, written two ways
        if j + 2 < len(toks) and toks[j][2] == "(" and toks[j + 2][2] == ")" and toks[j + 1][3] == value:
            spelled = False
            j += 3
        unit: str | None = None
        k = j
        if k < len(toks) and any(rx.match(toks[k][2]) for rx in lex.fillers):
            k += 1
        if k < len(toks):
            unit = _unit(toks[k][2], lex)
            month = None if unit else _month(toks[k][2], lex)
            if month is not None and 1 <= value <= 31:
                unit = f"day of month {month}"
            if unit is not None:
                e = toks[k][1]
                j = k + 1
        if spelled and unit is None and (value == 1 or (ordinal and value <= 2)):
            i = j
            continue
        out.append(Number(value, unit, spelled, s, e))
        i = max(j, i + 1)
    return out


def _is_digits(token: str) -> bool:
    # str.isdigit() is also true for '²' or '٣', which float() cannot read
    return token[:1] in "0123456789" and token[:1] != ""


def _to_float(token: str) -> float | None:
    try:
        return float(token.replace(",", "."))
    except ValueError:
        return None


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def _describe(nums: Sequence[Number]) -> str:
    if not nums:
        return "no such number"
    return ", ".join(_fmt(n.value) + (f" ({n.unit})" if n.unit else "") for n in nums)


@register
class NumbersCheck(Check):
    """Numbers, periods, percentages and dates whose values differ between versions."""

    name = "numbers"
    description = "numbers, periods, percentages and dates that differ (compared as values)"

    def run(
        self, alignments: Sequence[Alignment], languages: tuple[str, ...], context: CheckContext
    ) -> list[Divergence]:
        """Return one divergence per record whose numbers (or their units) differ."""
        out: list[Divergence] = []
        langs = tuple(lang for lang in languages if _lexicon(lang) is not None)
        for al, sides in self.records(alignments, langs):
            found = {lang: numbers(s.folded, lang) for lang, s in sides.items()}
            found_div = self._compare(al, sides, found, context)
            if found_div is not None:
                out.append(found_div)
        return out

    def _compare(self, al: Alignment, sides: dict[str, Side], found: dict[str, list[Number]],
                 context: CheckContext) -> Divergence | None:
        value_sets = {lang: frozenset(n.value for n in nums) for lang, nums in found.items()}
        every = set().union(*value_sets.values()) if value_sets else set()
        common = set.intersection(*(set(v) for v in value_sets.values())) if value_sets else set()
        differing = every - common
        if differing:
            mentions = {lang: [n for n in nums if n.value in differing] for lang, nums in found.items()}
            severity = MAJOR if any(n.strong for ns in mentions.values() for n in ns) else MINOR
            values: dict[str, object] = dict(value_sets)
            what = "Numbers differ"
        else:
            # same numbers: a conflict of units ("30 days" vs "30 months") still matters
            mentions = {}
            for v in sorted(every):
                units = {lang: {n.unit for n in nums if n.value == v and n.unit} for lang, nums in found.items()}
                with_units = [u for u in units.values() if u]
                if len(with_units) >= 2 and not set.intersection(*with_units):
                    for lang, nums in found.items():
                        mentions.setdefault(lang, []).extend(n for n in nums if n.value == v)
            if not mentions:
                return None
            severity = MAJOR
            values = {lang: frozenset((n.value, n.unit) for n in nums) for lang, nums in found.items()}
            what = "The same number has different units"
        anchor = next((ns[0] for ns in mentions.values() if ns), None)
        evidence: list[Evidence] = []
        for lang, side in sides.items():
            nums = mentions.get(lang, [])
            if nums:
                evidence.extend(context.evidence(side, n.start, n.end) for n in nums)
            else:
                frac = 0.5
                if anchor is not None:
                    src = next(sides[x] for x, ns in mentions.items() if ns and ns[0] is anchor)
                    frac = anchor.start / max(1, len(src.text))
                evidence.append(context.near(side, frac))
        parts = "; ".join(f"{lang}: {_describe(mentions.get(lang, []))}" for lang in sides)
        message = f"{what} ({parts})."
        if severity == MAJOR:
            message += " A different number or period changes what the Parties must do or when."
        return make_divergence(self.name, severity, message, evidence, alignment=al,
                               context=context, values=values)
