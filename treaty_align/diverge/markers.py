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
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from treaty_align.data import check_constant
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
from treaty_align.meaning import MAIN_SCOPES, Provision
from treaty_align.meaning.modal_sense import is_possibility, is_validity
from treaty_align.meaning.qualifiers import GLOSS as QUALIFIER_GLOSS
from treaty_align.meaning.qualifiers import OBLIGATION_QUALIFIERS, PERMISSION_QUALIFIERS
from treaty_align.meaning.rules import rules
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
    "deadline": ("within", "limit_min"),
}
#: markers whose presence on one side only is a plausible change of meaning
MINOR_CONCEPTS: tuple[str, ...] = ("if", "except", "or")
#: how far apart (as a share of the text) two words may be and still stand at the same place
SAME_PLACE = check_constant("markers", "same_place")
_AND_OR_GAP = 3  # characters between the "and" and the "or" of "and (or)", "and/or"
#: the deontic families compared (a plain statement and an explicit "must" are one family)
DEONTIC_FAMILIES: tuple[str, ...] = ("permission", "negative")
#: the predicate families each compared family counts: what a thing is able to do ("a model able
#: to adapt") is compared with the permissions, so that it answers a "may" of the other version,
#: but on its own against a plain statement it is only a nuance (no right changes)
COUNTED: dict[str, tuple[str, ...]] = {"permission": ("permission", "capability"), "negative": ("negative",)}
#: weaker markers that make the absence of a concept unsure ("when" may render "if")
RELATED: dict[str, tuple[str, ...]] = {"if": ("when",)}
#: the sentence (``consequence`` of data/en/messages.json) saying why a minor marker matters
_WHY_MINOR: dict[str, str] = {"if": "condition", "except": "exception", "or": "alternative"}
#: the sentences (``consequence``) saying why a minor difference of negation only matters
_NEGATION_WHY: frozenset[str] = frozenset({"negation_minor", "negation_scope_minor"})
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
            out.extend(self._qualifiers(al, sides, context))
            out.extend(self._terms(al, sides, context))
            out.extend(self._time(al, sides, profiles, context))
            out.extend(self._minor(al, sides, profiles, context))
        return out

    def _deontic(self, al: Alignment, sides: dict[str, Side], profiles: dict[str, MarkerProfile],
                 context: CheckContext) -> list[Divergence]:
        """Compare the modality and polarity of the predicates (the meaning layer's Provision)."""
        provs = {lang: p for lang in sides if (p := context.provision(al, lang)) is not None}
        if len(provs) < 2:
            return []
        main = {lang: _counted(p.families(MAIN_SCOPES)) for lang, p in provs.items()}
        every = {lang: _counted(p.families()) for lang, p in provs.items()}
        # a list may state a modal once for all its items, but what one item says a thing is able
        # to do answers no "may" of another item: the list counts real permissions only
        listed = {lang: (lp.families() if (lp := context.list_provision(al, lang)) else every[lang])
                  for lang in provs}
        # "sittings are competent if two thirds attend": a quorum rule, no permission of anyone
        for lang, p in provs.items():
            for q in p.of_family("permission"):
                if is_validity(p.folded, q.start, q.end, lang):
                    tables = [every[lang], listed[lang]] + ([main[lang]] if q.scope in MAIN_SCOPES else [])
                    for counts in {id(t): t for t in tables}.values():  # listed may be every itself
                        counts["permission"] -= 1
        values = {lang: (main[lang]["permission"], main[lang]["negative"]) for lang in provs}
        parts, severity = [], None
        minor_why: list[str] = []  # per part: the sentence saying why it matters, when minor
        nuance_only = True  # every difference is a possibility or a capability against a fact
        scope_only = True  # every difference is a negated subordinate clause or participle
        found: dict[str, list[tuple[int, int]]] = {lang: [] for lang in provs}
        for family in DEONTIC_FAMILIES:
            if len({every[x][family] for x in provs}) < 2:
                continue
            top = max(every[x][family] for x in provs)
            has = [x for x in provs if every[x][family] == top]
            lacks = [x for x in provs if x not in has]
            if family == "negative" and _attributive_answered(has, lacks, provs):
                continue
            absent = all(every[x][family] == 0 for x in lacks)
            # a negated participle on one side only is minor: translators render it as often by
            # an antonym ("not complete" / "incomplete") as by a negation
            stated = any(p.scope in MAIN_SCOPES for x in has for p in provs[x].of_family(COUNTED[family]))
            # a list may say it once for all items: a modal after the last item, a negated lead-in
            elsewhere = all(listed[x][family] >= top for x in lacks)
            major = absent and stated and not elsewhere
            if not major and not elsewhere and _sentence_differs(family, has, lacks, provs):
                major = True
            if not major and not elsewhere and family == "negative" and all(
                    main[x]["negative"] > main[y]["negative"]
                    and _negations(provs[x], every[x]) > _negations(provs[y], every[y]) for x in has for y in lacks):
                # more negated main predicates, and more negations of any kind, than the other
                # side: one "does not" has become "does" ("does not sell and does not pass on")
                major = True
            covers = False
            if not major and not elsewhere and family == "negative" and absent and all(
                    any(p.scope in ("sub", "attr") for p in provs[x].of_family(family)) for x in has) and all(
                    not provs[y].lexical_negations for y in lacks):
                # a negated subordinate clause or participle ("events which did not occur") against
                # no negation at all, not even inside a word: what the provision covers is reversed
                major = covers = True
            scope_only = scope_only and covers
            if major and family == "negative" and all(
                    provs[x].lexical_negations and _negations(provs[x], every[x]) >= _negations(provs[h], every[h])
                    for x in lacks for h in has):
                # the other side negates inside a noun ("non-interference") as often as this one
                # negates at all: a change of scope, not of polarity
                major = False
            if major and family == "permission" and all(main[x]["negative"] for x in lacks) and all(
                    main[x]["negative"] for x in has):
                major = False
            # "it may harm" against "it harms": a possibility, not a permission -- a nuance at most
            possible = family == "permission" and all(
                p.family == "permission" and is_possibility(provs[x].folded, p.start, p.end, x)
                for x in has for p in provs[x].of_family(COUNTED[family]))
            # "a model able to adapt" against "a model that adapts": what a thing can do, no right
            capable = family == "permission" and not possible and all(
                p.family == "capability" for x in has for p in provs[x].of_family(COUNTED[family]))
            # one "may" fewer and one "must" more, wherever they stand (in a list, the other
            # version may put its "must" after the last item): what may be done, may happen or
            # can be done has become what must be
            swapped = family == "permission" and (_swapped_for_duty(has, lacks, every)
                                                  or _swapped_for_duty(has, lacks, listed))
            if capable and not swapped and all(provs[x].of_family("capability") for x in lacks):
                # both say what it is able to do, one in more words ("able to adapt and to learn")
                continue
            if possible or capable:
                major = False
            if swapped:
                major, possible = True, False
            if major and family == "permission" and all(provs[x].qualifier("only") for x in provs):
                # "may be concluded only with consent" against "is concluded only with consent":
                # the restriction is what binds, and both versions state it
                major = False
            nuance_only = nuance_only and (possible or capable) and not swapped
            sev = MAJOR if major else MINOR
            severity = sev if severity in (None, MINOR) else severity
            parts.append(_possibility_phrase(has, lacks, sides, provs) if possible
                         else _capability_phrase(has, lacks, sides, provs, duty=swapped) if capable
                         else _deontic_phrase(family, has, lacks, absent, sides, provs))
            if capable and not swapped:
                minor_why.append("nuance")
            elif family == "permission":
                minor_why.append("obligation_minor")
            elif any(provs[x].lexical_negations for x in lacks):
                minor_why.append("negation_minor")
            else:
                minor_why.append("negation_scope_minor")
            for x in provs:
                found[x].extend((p.start, p.end) for p in provs[x].of_family(COUNTED[family]))
        if not parts:
            return []
        anchor = next((spans[0][0] / max(1, len(sides[x].text)) for x, spans in found.items() if spans), 0.5)
        evidence = []
        for x in provs:
            spans = sorted(set(found[x]))
            evidence.extend([context.evidence(sides[x], s, e) for s, e in spans] or [context.near(sides[x], anchor)])
        # a minor difference of negation only (a negated participle, a negation inside a word)
        # is named as such: no "must" or "may" differs
        negation_only = severity != MAJOR and bool(minor_why) and all(w in _NEGATION_WHY for w in minor_why)
        # a capability against a fact beside a minor negation: no "must" or "may" differs either
        modal_nuance = severity != MAJOR and "nuance" in minor_why and "obligation_minor" not in minor_why
        message = ("Modality differs: " if nuance_only else "Negation differs: " if scope_only or negation_only
                   else "Modality differs: " if modal_nuance else "Obligation differs: ") + "; ".join(parts) + "."
        if scope_only:
            message += " " + consequence("scope", "")
        elif nuance_only:
            message += " " + consequence("nuance", "")
        elif severity == MAJOR:
            message += " " + consequence("obligation", actor_of(context.treaties, context.authority))
        else:
            actor = actor_of(context.treaties, context.authority)
            message += " " + " ".join(dict.fromkeys(consequence(why, actor) for why in minor_why))
        return [make_divergence(self.name, severity or MINOR, message, evidence, alignment=al,
                                context=context, values=values)]

    def _terms(self, al: Alignment, sides: dict[str, Side], context: CheckContext) -> list[Divergence]:
        """A content concept on one side where the other names another of its group instead
        (interpretation vs application or effect): what the provision acts on differs."""
        provs = {lang: p for lang in sides if (p := context.provision(al, lang)) is not None}
        if len(provs) < 2:
            return []
        groups = {lang: rules(lang).term_groups for lang in provs if rules(lang) is not None}
        langs = list(provs)
        for i, a in enumerate(langs):
            for b in langs[i + 1:]:
                ca, cb = provs[a].term_concepts(), provs[b].term_concepts()
                for group in groups.get(a, ()):
                    only_a = sorted((ca - cb) & set(group))
                    only_b = sorted((cb - ca) & set(group))
                    if not (only_a and only_b):
                        continue
                    ta = [t for t in provs[a].terms if t.concept in only_a]
                    tb = [t for t in provs[b].terms if t.concept in only_b]
                    message = (
                        f"Content differs: {a} speaks of {', '.join(c.replace('_', ' ') for c in only_a)} "
                        f"({', '.join(f'‘{sides[a].text[t.start:t.end]}’' for t in ta)}) where {b} speaks of "
                        f"{', '.join(c.replace('_', ' ') for c in only_b)} "
                        f"({', '.join(f'‘{sides[b].text[t.start:t.end]}’' for t in tb)}). "
                        "This changes what the provision acts on."
                    )
                    evidence = ([context.evidence(sides[a], t.start, t.end) for t in ta]
                                + [context.evidence(sides[b], t.start, t.end) for t in tb])
                    values = {x: tuple(sorted(p.term_concepts() & set(group))) for x, p in provs.items()}
                    return [make_divergence(self.name, MAJOR, message, evidence, alignment=al,
                                            context=context, values=values)]
        return []

    def _qualifiers(self, al: Alignment, sides: dict[str, Side], context: CheckContext) -> list[Divergence]:
        """Qualifiers (in writing, at least, only ...) present on one side only."""
        provs = {lang: p for lang in sides if (p := context.provision(al, lang)) is not None}
        if len(provs) < 2:
            return []
        out = []
        concepts = sorted(set().union(*(p.concepts() for p in provs.values())))
        for concept in concepts:
            has = [x for x in provs if provs[x].qualifier(concept)]
            lacks = [x for x in provs if x not in has]
            if not lacks:
                continue
            # a list may say it once for all its items, in the lead-in or in one item
            if all((lp := context.list_provision(al, x)) is not None and lp.qualifier(concept) for x in lacks):
                continue
            duty = concept in OBLIGATION_QUALIFIERS and all(provs[x].states_duty for x in has)
            right = not duty and concept in PERMISSION_QUALIFIERS and all(
                provs[x].families(MAIN_SCOPES)["permission"] for x in has)
            major = duty or right
            found = {x: provs[x].qualifier(concept) for x in provs}
            anchor = found[has[0]][0].start / max(1, len(sides[has[0]].text))
            evidence = []
            for x in provs:
                evidence.extend([context.evidence(sides[x], q.start, q.end) for q in found[x]]
                                or [context.near(sides[x], anchor)])
            words_ = "; ".join(", ".join(f"‘{sides[x].text[q.start:q.end]}’" for q in found[x]) for x in has)
            message = (f"{'/'.join(has)} says ‘{QUALIFIER_GLOSS.get(concept, concept)}’ ({words_}); "
                       f"{'/'.join(lacks)} has no equivalent.")
            if duty:
                message += " This changes how the duty must be performed."
            elif right:
                message += " This changes on what terms the right may be exercised."
            else:
                message += " " + consequence("qualifier", "")
            out.append(make_divergence(self.name, MAJOR if major else MINOR, message, evidence,
                                       alignment=al, context=context,
                                       values={x: bool(found[x]) for x in provs}))
        return out

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
            elif other_time:
                message += " " + consequence("time_weaker", "")
            else:
                message += " " + consequence("qualifier", "")
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
            severity = MINOR
            if concept == "or" and self._and_for_or(al, sides, found, has, lacks, context):
                severity = MAJOR
                message += (f" {'/'.join(lacks)} joins with ‘and’ where {'/'.join(has)} has ‘or’: "
                            "cumulative instead of alternative, which changes what is required.")
            else:
                message += " " + consequence(_WHY_MINOR[concept], "")
            out.append(make_divergence(self.name, severity, message, evidence, alignment=al,
                                       context=context, values=values))
        return out

    @staticmethod
    def _and_for_or(al: Alignment, sides: dict[str, Side], found: dict[str, tuple[Match, ...]],
                    has: list[str], lacks: list[str], context: CheckContext) -> bool:
        """Return True when a side without an "or" has an "and" at the same place instead.

        "A or B" against "A and B" turns an alternative into a cumulative requirement (or the
        reverse); "or" against a mere comma or an enumeration is only a minor difference.
        Translations keep the order of ideas, so "the same place" is the same relative position.
        Wherever it stands -- a list's conjunction, a condition, the objects of a duty -- "or"
        against "and" changes what is required or permitted.
        """
        for x in has:
            for y in lacks:
                py = context.provision(al, y)
                if py is None:
                    return False
                px = context.provision(al, x)
                size_x, size_y = max(1, len(sides[x].text)), max(1, len(sides[y].text))
                # "A, B or other C" and "A, B and other C" both leave the list open
                or_x = [m for m in found[x] if px is None or not px.opens_list(m.end)]
                or_y = [m for m in found[y] if not py.opens_list(m.end)]
                if px is not None and or_x and all(px.distributive_at(m.start) for m in or_x) and (
                        py.distributive or py.distributive_after):
                    # "no one may be A or B" = "no one may be A and B", "regardless of A or B" =
                    # "regardless of A and B", "A or B" = "both A and B" (a negated predicate alone
                    # is not enough: "not A or B" and "not A and B" are read apart in a treaty)
                    continue
                if py.correlatives and len(or_x) - len(or_y) <= len(py.correlatives):
                    continue
                if not or_x:
                    continue
                ors_x = [m.start / size_x for m in or_x]
                ors_y = [m.start / size_y for m in or_y]
                # the "and" of "and (or)" / "and/or" is no cumulative "and"
                ands_y = [s / size_y for s, e in py.conjunctions
                          if not any(0 <= m.start - e <= _AND_OR_GAP for m in found[y]) and not py.opens_list(e)]
                # each "or" of y answers the nearest "or" of x (closest pairs first, once each);
                # an "or" of x left unanswered is looked for among y's "and"s
                pairs = sorted((abs(a - b), i, j) for i, a in enumerate(ors_x) for j, b in enumerate(ors_y))
                answered: set[int] = set()
                used: set[int] = set()
                for _, i, j in pairs:
                    if i not in answered and j not in used:
                        answered.add(i)
                        used.add(j)
                ands_x = [] if px is None else [s for s, e in px.conjunctions
                                                if not any(0 <= m.start - e <= _AND_OR_GAP for m in found[x])
                                                and not px.opens_list(e)]
                if (not ors_y and ands_y) or len(ands_y) - len(ands_x) >= len(ors_x) - len(ors_y) > 0:
                    # no "or" at all against an "and", or one "or" fewer and one "and" more: word
                    # order may differ (a Kazakh list comes before its head noun), the alternative
                    # is gone wherever it stood
                    return True
                for i, at in enumerate(ors_x):
                    if i not in answered and any(abs(at - a) <= SAME_PLACE for a in ands_y):
                        return True
        return False


def _counted(families: Counter[str]) -> Counter[str]:
    """Return ``families`` with each compared family counting all its members (:data:`COUNTED`)."""
    out = Counter(families)
    for family, members in COUNTED.items():
        out[family] = sum(families[m] for m in members)
    return out


def _negations(prov: Provision, families: Counter[str]) -> int:
    """Return how many negations a side has: negated predicates and negations inside words."""
    return families["negative"] + len(prov.lexical_negations)


def _swapped_for_duty(has: list[str], lacks: list[str], every: dict[str, Counter[str]]) -> bool:
    """Return True when each side with fewer permissions has as many more duties instead."""
    return all(0 < every[h]["permission"] - every[x]["permission"] <= every[x]["duty"] - every[h]["duty"]
               for h in has for x in lacks)


def _deontic_phrase(family: str, has: list[str], lacks: list[str], absent: bool,
                    sides: dict[str, Side], provs: dict[str, Provision]) -> str:
    quoted = "; ".join(", ".join(f"‘{sides[x].text[p.start:p.end]}’" for p in provs[x].of_family(COUNTED[family]))
                       for x in has)
    if family == "permission":
        what = f"{'/'.join(has)} permits (may / is entitled: {quoted})"
        other = "states a duty or a plain rule" if absent else "has fewer permissions"
    else:
        what = f"{'/'.join(has)} is negative or prohibits ({quoted})"
        inside = [f"‘{sides[x].text[s:e]}’" for x in lacks for s, e in provs[x].lexical_negations]
        if inside:
            other = f"negates only inside a word ({', '.join(inside)}): check the scope"
        else:
            other = "is affirmative" if absent else "has fewer negated predicates"
    return f"{what} where {'/'.join(lacks)} {other}"


def _possibility_phrase(has: list[str], lacks: list[str], sides: dict[str, Side],
                        provs: dict[str, Provision]) -> str:
    quoted = "; ".join(", ".join(f"‘{sides[x].text[p.start:p.end]}’" for p in provs[x].of_family("permission"))
                       for x in has)
    return (f"{'/'.join(has)} says that it may happen ({quoted}: a possibility, not a permission) "
            f"where {'/'.join(lacks)} states it as a fact")


def _capability_phrase(has: list[str], lacks: list[str], sides: dict[str, Side],
                       provs: dict[str, Provision], duty: bool = False) -> str:
    """Return the part of a message saying that ``has`` states what a thing is able to do where
    ``lacks`` states it as a fact (or, with ``duty``, as what it must do)."""
    quoted = "; ".join(", ".join(f"‘{sides[x].text[p.start:p.end]}’" for p in provs[x].of_family("capability"))
                       for x in has)
    other = "states it as a duty" if duty else "states it as a fact"
    return (f"{'/'.join(has)} says what it is able to do ({quoted}: a capability, not a permission) "
            f"where {'/'.join(lacks)} {other}")


def _sentence_differs(family: str, has: list[str], lacks: list[str], provs: dict[str, Provision]) -> bool:
    """Return True when the versions have as many sentences and one sentence states ``family`` in
    its main clause on one side while the same sentence on the other has none of it at all.

    Records of several sentences hide a changed modal behind one that both versions share; with
    the same number of sentences, the sentences correspond one to one.
    """
    for x in has:
        for y in lacks:
            px, py = provs[x], provs[y]
            if len(px.sentences) != len(py.sentences) or len(px.sentences) < 2:
                continue
            main_x = px.by_sentence(COUNTED[family], MAIN_SCOPES)
            all_y = py.by_sentence(COUNTED[family])
            lex_y = py.lexical_by_sentence()
            for i, n in enumerate(main_x):
                if n and not all_y[i] and not (family == "negative" and lex_y[i]):
                    return True
    return False


def _attributive_answered(has: list[str], lacks: list[str], provs: dict[str, Provision]) -> bool:
    """Return True when the extra negations are all negated participles or adjectives and the
    other side has as many negations inside words ("not fixed" / "indefinite"): the same
    meaning, negated in another part of speech."""
    for x in has:
        extra = [p for p in provs[x].of_family("negative") if p.scope == "attr"]
        if len(extra) != len(provs[x].of_family("negative")) - min(
                len(provs[y].of_family("negative")) for y in lacks):
            return False
        for y in lacks:
            missing = len(provs[x].of_family("negative")) - len(provs[y].of_family("negative"))
            if len(provs[y].lexical_negations) < missing:
                return False
    return True
