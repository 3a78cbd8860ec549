"""Time and manner qualifiers ("in writing", "immediately", "at least", "only" ...) of one text.

Concepts are shared across languages (``qualifiers`` of ``data/<lang>/meaning.json``), so a
qualifier on one side only is found by concept, whatever the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from treaty_align.meaning.rules import MeaningRules, overlaps

#: qualifiers whose loss changes how, when or to what a duty applies (major under a duty):
#: "only" (and "not earlier than", i.e. "only after") limits its scope or its time, "in a timely
#: manner" its time, "in full" and "free of charge" what it requires
OBLIGATION_QUALIFIERS: frozenset[str] = frozenset(
    {"in_writing", "immediately", "at_least", "at_most", "in_advance", "only", "timely", "in_full",
     "free_of_charge"}
)
#: ... and whose loss also widens a permission ("may use it only with written consent"): what
#: a right may be exercised for, or the form it must take
PERMISSION_QUALIFIERS: frozenset[str] = frozenset({"in_writing", "only"})

GLOSS = {
    "in_writing": "in writing",
    "immediately": "immediately / without delay",
    "at_least": "at least / not less than",
    "at_most": "not more than / not exceeding",
    "only": "only / exclusively / not before",
    "in_advance": "in advance / prior",
    "free_of_charge": "free of charge",
    "directly": "directly",
    "mutually": "mutually / each other",
    "established_procedure": "in the established procedure",
    "timely": "in a timely manner",
    "in_full": "in full",
}


@dataclass(frozen=True)
class Qualifier:
    """One qualifier found: its shared concept and where its words are."""

    concept: str
    start: int
    end: int


def qualifiers(folded: str, rules: MeaningRules) -> tuple[Qualifier, ...]:
    """Return the qualifiers of ``folded`` text in text order (overlapping matches once)."""
    return mentions(folded, rules.qualifiers)


def terms(folded: str, rules: MeaningRules) -> tuple[Qualifier, ...]:
    """Return the content terms (interpretation, application, entry into force ...) of ``folded``."""
    return mentions(folded, rules.terms)


def mentions(folded: str, table: tuple[tuple[str, re.Pattern[str]], ...]) -> tuple[Qualifier, ...]:
    """Return the concepts of ``table`` found in ``folded``, in text order, overlapping matches once."""
    taken: list[tuple[int, int]] = []
    out = []
    for concept, rx in table:
        for m in rx.finditer(folded):
            if m.end() <= m.start() or overlaps(m.start(), m.end(), taken):
                continue
            taken.append((m.start(), m.end()))
            out.append(Qualifier(concept, m.start(), m.end()))
    out.sort(key=lambda q: (q.start, q.end))
    return tuple(out)
