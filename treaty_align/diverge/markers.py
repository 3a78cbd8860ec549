"""Legal markers: modality, negation, time requirements, conditions, exceptions, alternatives.

``markers.tsv`` maps words and suffix chains of each language to shared concepts (``permission``,
``neg``, ``immediately``, ``within``, ``if``, ``or`` ...), so the versions are compared by concept,
not by word. Per record and language the check computes:

* the *deontic* value ``(number of "may", number of negations)``: "may" vs "shall", a negation
  present on one side only (the plain present tense of treaty language already states a duty,
  so an explicit "must" is not required to match one);
* the time requirements present (immediately, within a period, no later than, in advance);
* the presence of conditions, exceptions, alternatives ("or") and limits ("not more than").

Negated participles ("unspecified term") are counted as negations only where they head a
condition or end a clause: elsewhere they are usually lexical ("non-") and vary freely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from treaty_align.diverge.base import (
    MAJOR,
    MINOR,
    Check,
    CheckContext,
    Side,
    group_values,
    make_divergence,
    register,
)
from treaty_align.diverge.morphology import Match, find_all, lexicon
from treaty_align.messages import actor_of, consequence
from treaty_align.model import Alignment, Divergence, Evidence

#: time requirements whose loss changes *when* something must be done
TIME_CONCEPTS: tuple[str, ...] = ("immediately", "deadline", "within", "in_advance")
#: softer time wording: its loss alone is a minor change
SOFT_TIME: tuple[str, ...] = ("asap",)
#: time wording close enough that using one for the other is only a minor change
NEAR_TIME: dict[str, tuple[str, ...]] = {
    "immediately": ("asap",),
    "asap": ("immediately", "within", "deadline"),
    "within": ("deadline",),
    "deadline": ("within",),
}
#: markers whose presence on one side only is a plausible change of meaning
MINOR_CONCEPTS: tuple[str, ...] = ("if", "except", "or", "limit_max", "limit_min")
#: weaker markers that make the absence of a concept unsure ("when" may render "if")
RELATED: dict[str, tuple[str, ...]] = {"if": ("when",)}
#: markers compared by number of occurrences rather than presence
COUNTED_CONCEPTS: frozenset[str] = frozenset({"or"})

GLOSS = {
    "immediately": "immediately / without delay",
    "deadline": "no later than",
    "within": "within a period",
    "in_advance": "in advance / prior",
    "asap": "as soon as possible",
    "if": "a condition (if / in case)",
    "except": "an exception (except)",
    "or": "an alternative (or)",
    "limit_max": "an upper limit (not more than)",
    "limit_min": "a lower limit (at least)",
}

_AFTER = re.compile(r"\s*(?:[,.;:)]|$)")


@dataclass(frozen=True)
class MarkerProfile:
    """The markers of one language side of one record."""

    matches: tuple[Match, ...]
    may: tuple[Match, ...]
    negations: tuple[Match, ...]

    def concept(self, name: str) -> tuple[Match, ...]:
        """Return the matches of concept ``name``."""
        return tuple(m for m in self.matches if m.concept == name)

    @property
    def deontic(self) -> tuple[int, int]:
        """Return ``(number of "may", number of negations)``."""
        return len(self.may), len(self.negations)


def profile(folded: str, lang: str) -> MarkerProfile | None:
    """Return the marker profile of ``folded`` text (None when ``lang`` has no markers.tsv)."""
    rows = lexicon(lang, "markers.tsv")
    if not rows:
        return None
    matches = tuple(m for m in find_all(folded, rows) if m.category != "ignore")
    conditions = [m for m in matches if m.category == "condition"]
    negations = []
    for m in matches:
        if m.concept == "neg_participle":
            heads_condition = any(0 <= c.start - m.end <= 2 for c in conditions)
            if heads_condition or _AFTER.match(folded, m.end):
                negations.append(m)
        elif m.category == "negation" or (m.negative and m.category in ("modality", "condition")):
            negations.append(m)
    may = tuple(m for m in matches if m.concept == "permission" and not m.negative)
    return MarkerProfile(matches, may, tuple(negations))


def _quote(context: CheckContext, side: Side, found: Sequence[Match], anchor: float) -> list[Evidence]:
    if found:
        return [context.evidence(side, m.start, m.end) for m in found]
    return [context.near(side, anchor)]


def _anchor(sides: dict[str, Side], found: dict[str, Sequence[Match]]) -> float:
    for lang, ms in found.items():
        if ms:
            return ms[0].start / max(1, len(sides[lang].text))
    return 0.5


def _words(side: Side, ms: Sequence[Match]) -> str:
    return ", ".join(f"‘{side.text[m.start:m.end]}’" for m in ms)


@register
class MarkersCheck(Check):
    """Modality, negation, time, condition, exception and and/or markers present on one side only."""

    name = "markers"
    description = "modality (may/shall), negation, time limits, conditions, exceptions, and/or"

    def run(
        self, alignments: Sequence[Alignment], languages: tuple[str, ...], context: CheckContext
    ) -> list[Divergence]:
        """Return the marker divergences of every record (at most one per concept and record)."""
        out: list[Divergence] = []
        langs = tuple(lang for lang in languages if lexicon(lang, "markers.tsv"))
        for al, sides in self.records(alignments, langs):
            profiles = {lang: p for lang, s in sides.items() if (p := profile(s.folded, lang)) is not None}
            out.extend(self._deontic(al, sides, profiles, context))
            out.extend(self._time(al, sides, profiles, context))
            out.extend(self._minor(al, sides, profiles, context))
        return out

    def _deontic(self, al: Alignment, sides: dict[str, Side], profiles: dict[str, MarkerProfile],
                 context: CheckContext) -> list[Divergence]:
        values = {lang: p.deontic for lang, p in profiles.items()}
        if len(group_values(values)) < 2:
            return []
        mays = {lang: v[0] for lang, v in values.items()}
        negs = {lang: v[1] for lang, v in values.items()}
        parts, severity = [], MINOR
        found: dict[str, list[Match]] = {lang: [] for lang in profiles}
        if len(set(mays.values())) > 1:
            if min(mays.values()) == 0:
                severity = MAJOR
            with_may = [lang for lang, n in mays.items() if n == max(mays.values())]
            without = [lang for lang in mays if lang not in with_may]
            parts.append(
                f"{'/'.join(with_may)} says *may* "
                f"({'; '.join(_words(sides[x], profiles[x].may) for x in with_may)}) where "
                f"{'/'.join(without)} " + ("states it as a duty or a plain rule (no ‘may’)"
                                           if all(mays[x] == 0 for x in without) else "has fewer ‘may’")
            )
            for lang in profiles:
                found[lang].extend(profiles[lang].may)
        if len(set(negs.values())) > 1:
            # each negation belongs to one predicate: any difference is a flipped predicate
            severity = MAJOR
            more = [lang for lang, n in negs.items() if n == max(negs.values())]
            fewer = [lang for lang in negs if lang not in more]
            parts.append(
                f"{'/'.join(more)} is negative ({'; '.join(_words(sides[x], profiles[x].negations) for x in more)}) "
                f"where {'/'.join(fewer)} " + ("is affirmative" if all(negs[x] == 0 for x in fewer)
                                                else "has fewer negations")
            )
            for lang in profiles:
                found[lang].extend(profiles[lang].negations)
        anchor = _anchor(sides, found)
        evidence = [e for lang in profiles for e in _quote(context, sides[lang], sorted(
            set(found[lang]), key=lambda m: m.start), anchor)]
        message = "Obligation differs: " + "; ".join(parts) + "."
        if severity == MAJOR:
            message += " " + consequence("obligation", actor_of(context.treaties, context.authority))
        return [make_divergence(self.name, severity, message, evidence, alignment=al,
                                context=context, values=values)]

    def _time(self, al: Alignment, sides: dict[str, Side], profiles: dict[str, MarkerProfile],
              context: CheckContext) -> list[Divergence]:
        out = []
        for concept in TIME_CONCEPTS + SOFT_TIME:
            found = {lang: p.concept(concept) for lang, p in profiles.items()}
            values = {lang: bool(ms) for lang, ms in found.items()}
            if len(set(values.values())) < 2:
                continue
            has = [lang for lang, v in values.items() if v]
            lacks = [lang for lang, v in values.items() if not v]
            other_time = all(
                any(profiles[lang].concept(c) for c in NEAR_TIME.get(concept, ())) for lang in lacks
            )
            severity = MAJOR if concept in TIME_CONCEPTS and not other_time else MINOR
            anchor = _anchor(sides, found)
            evidence = [e for lang in profiles for e in _quote(context, sides[lang], found[lang], anchor)]
            message = (f"Time requirement differs: {'/'.join(has)} says ‘{GLOSS[concept]}’ "
                       f"({'; '.join(_words(sides[x], found[x]) for x in has)}), "
                       f"{'/'.join(lacks)} has " + ("similar but weaker time wording" if other_time else "no equivalent") + ".")
            if severity == MAJOR:
                message += " " + consequence("time", actor_of(context.treaties, context.authority))
            out.append(make_divergence(self.name, severity, message, evidence, alignment=al,
                                       context=context, values=values))
        return out

    def _minor(self, al: Alignment, sides: dict[str, Side], profiles: dict[str, MarkerProfile],
               context: CheckContext) -> list[Divergence]:
        out = []
        for concept in MINOR_CONCEPTS:
            found = {lang: p.concept(concept) for lang, p in profiles.items()}
            # alternatives are counted ("A or B or C" vs "A or B and C"); other markers are
            # only present or absent, because translators split and merge conditions freely
            values: dict[str, object] = {
                lang: (len(ms) if concept in COUNTED_CONCEPTS else bool(ms)) for lang, ms in found.items()
            }
            if len(set(values.values())) < 2:
                continue
            top = max(len(ms) for ms in found.values())
            has = [lang for lang, ms in found.items() if len(ms) == top]
            lacks = [lang for lang in found if lang not in has
                     and not any(profiles[lang].concept(r) for r in RELATED.get(concept, ()))]
            if not lacks:
                continue
            anchor = _anchor(sides, found)
            evidence = [e for lang in profiles for e in _quote(context, sides[lang], found[lang], anchor)]
            fewer = any(found[x] for x in lacks)
            message = (f"{'/'.join(has)} has {GLOSS[concept]} "
                       f"({'; '.join(_words(sides[x], found[x]) for x in has)}) that "
                       f"{'/'.join(lacks)} does not express" +
                       (f" everywhere ({'; '.join(_words(sides[x], found[x]) for x in lacks)})" if fewer else "") + ".")
            out.append(make_divergence(self.name, MINOR, message, evidence, alignment=al,
                                       context=context, values=values))
        return out
