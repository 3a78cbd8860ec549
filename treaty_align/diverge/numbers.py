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
from collections import Counter
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
from treaty_align.messages import actor_of, consequence
from treaty_align.model import Alignment, Divergence, Evidence

_TOKEN = re.compile(r"\d+(?:[.,]\d+)?|[^\W\d_]+|%|[()]")
#: HTML tags of the publisher's tables (colspan="2") and footnote marks glued to a word (LAW1)
_MARKUP = re.compile(r"<[^<>]{0,200}>|(?<=[^\W\d_])\d{1,2}(?!\w)")
_LABEL = re.compile(r"^\s*\(?(?:\d{1,3}|[^\W\d_])[.)]\s+")


@dataclass(frozen=True)
class Number:
    """A number found in a text: its value, unit (None when bare) and where it stands."""

    value: float
    unit: str | None
    spelled: bool
    start: int
    end: int
    ordinal: bool = False
    bound: str | None = None

    @property
    def strong(self) -> bool:
        """Return True for numbers whose change changes obligations: digits, numbers with a unit,
        cardinals in words from two up ("four secretaries"); not bare ordinals in words ("third
        parties", "the second one")."""
        return not self.spelled or self.unit is not None or (not self.ordinal and self.value >= 2)


@dataclass(frozen=True)
class _Lexicon:
    cardinals: tuple[tuple[float, re.Pattern[str]], ...]
    units: tuple[tuple[str, re.Pattern[str]], ...]
    months: tuple[tuple[int, re.Pattern[str]], ...]
    fillers: tuple[re.Pattern[str], ...]
    #: limits written before / after a number ("at least 30 days", "30 days at the latest")
    bounds_before: tuple[tuple[str, re.Pattern[str]], ...] = ()
    bounds_after: tuple[tuple[str, re.Pattern[str]], ...] = ()


@lru_cache(maxsize=None)
def _lexicon(lang: str) -> _Lexicon | None:
    if not has_data(lang, "numerals.tsv"):
        return None
    card, units, months, fillers, before, after = [], [], [], [], [], []
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
        elif kind == "bound_before":
            before.append((value, re.compile(r"(?<!\w)(?:" + row["pattern"] + r")\s*$")))
        elif kind == "bound_after":
            after.append((value, re.compile(r"^\s*(?:" + row["pattern"] + r")(?!\w)")))
    return _Lexicon(tuple(card), tuple(units), tuple(months), tuple(fillers), tuple(before), tuple(after))


def _bound(text: str, start: int, end: int, lex: _Lexicon) -> str | None:
    head, tail = text[max(0, start - 40):start], text[end:end + 40]
    # the language's own limit words first, then those of the other languages: a quoted phrase
    # or a version in another language than its label must not look like a dropped limit
    lexicons = [lex] + [other for other in _all_lexicons() if other is not lex]
    for lx in lexicons:
        for value, rx in lx.bounds_before:
            if rx.search(head):
                return value
        for value, rx in lx.bounds_after:
            if rx.match(tail):
                return value
    return None


@lru_cache(maxsize=1)
def _all_lexicons() -> tuple[_Lexicon, ...]:
    from treaty_align.data import available_languages

    return tuple(lx for lang in available_languages() if (lx := _lexicon(lang)) is not None)


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
    text = blank(folded, [(r.start, r.end) for r in references(folded, lang)]
                 + [(m.start(), m.end()) for m in _MARKUP.finditer(folded)])
    label = _LABEL.match(text)
    if label:
        text = blank(text, [(0, label.end())])
    spelled_at = {r.start: r for r in spelled_numbers(text, lang)}
    toks: list[tuple[int, int, str, float | None, bool]] = []  # start, end, text, value, ordinal
    units_of: dict[int, str] = {}  # token index -> unit held by the word itself ("six-month")
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() < pos:
            continue
        run = spelled_at.get(m.start())
        if run is not None:
            toks.append((run.start, run.end, text[run.start:run.end], float(run.value),
                         run.ordinal))
            if run.unit:
                units_of[len(toks) - 1] = run.unit
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
        elif spelled and j < len(toks) and text[e:toks[j][0]] == "-" and toks[j][3] == value \
                and not _is_digits(toks[j][2]):
            # a spelled number said twice with a hyphen (Kazakh 'two-two': two each) is one number
            e = toks[j][1]
            j += 1
        # "6 (six)" / "six (6)": the same number twice, written two ways; when the two disagree,
        # both are read (and the words count as a formal number, not as a bare numeral)
        if j + 2 < len(toks) and toks[j][2] == "(" and toks[j + 2][2] == ")" and toks[j + 1][3] is not None:
            spelled = False
            if toks[j + 1][3] == value:
                j += 3
        unit: str | None = units_of.get(i)
        k = len(toks) if unit else j
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
        out.append(Number(value, unit, spelled, s, e, ordinal, _bound(text, s, e, lex)))
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
    return ", ".join((f"{n.bound} " if n.bound else "") + _fmt(n.value) + (f" ({n.unit})" if n.unit else "")
                     for n in nums)


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
        # "within one month" is "within a month": a spelled one before a unit may stand alone
        differing = {v for v in differing
                     if not (v == 1 and all(n.spelled for ns in found.values() for n in ns if n.value == v))}
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
            what = "The same number has different units"
            if not mentions:
                # same numbers and units: "at least 30 days" vs "30 days" changes the period too.
                # Only a limit on one side and none on the other: "no later than 6 months before"
                # and "at least 6 months before" say the same, and a limit may sit on either
                # number of a fraction ("at least two thirds")
                bounded = {lang: any(n.bound for n in nums if n.value in common) for lang, nums in found.items()}
                if len(set(bounded.values())) > 1:
                    for lang, nums in found.items():
                        mentions[lang] = [n for n in nums if n.value in common and (n.bound or not bounded[lang])]
                what = "A limit of a number is in one version only (at least / at most)"
            if not mentions:
                # the same numbers, but one stands more often in one version ("Chapter 2" twice):
                # a plain digit comparison sees that, so must we
                counts = {lang: Counter(n.value for n in nums if not (n.spelled and n.value == 1))
                          for lang, nums in found.items()}
                extra = {v for v in common if len({c[v] for c in counts.values()}) > 1}
                for lang, nums in found.items():
                    mentions[lang] = [n for n in nums if n.value in extra]
                if not extra:
                    mentions = {}
                what = "A number occurs more often in one version"
            if not mentions:
                return None
            severity = MAJOR
            values = {lang: frozenset((n.value, n.unit, n.bound) for n in nums) for lang, nums in found.items()}
            if what.startswith("A number occurs"):
                values = {lang: tuple(sorted(c.items())) for lang, c in counts.items()}
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
            message += " " + consequence("number", actor_of(context.treaties, context.authority))
        return make_divergence(self.name, severity, message, evidence, alignment=al,
                               context=context, values=values)
