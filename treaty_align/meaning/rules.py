"""The compiled rules of ``data/<lang>/meaning.json``: modality, negation, scope and qualifiers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from treaty_align.data import has_data, load_json


@dataclass(frozen=True)
class Rule:
    """One row of ``modality`` or ``negation``: what it marks, its scope and its regex."""

    label: str
    scope: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class MeaningRules:
    """Everything the meaning layer knows about one language."""

    lang: str
    modality: tuple[Rule, ...]
    negation: tuple[Rule, ...]
    particle_tags: frozenset[str]
    attributive_tags: frozenset[str]
    subordinate_before: re.Pattern[str] | None
    subordinate_after: re.Pattern[str] | None
    condition_words: re.Pattern[str] | None
    list_and: re.Pattern[str] | None
    list_or: re.Pattern[str] | None
    and_words: re.Pattern[str] | None
    qualifiers: tuple[tuple[str, re.Pattern[str]], ...]
    roles: tuple[tuple[str, re.Pattern[str]], ...] = ()
    condition_end: re.Pattern[str] | None = None
    lexical_prefix: dict[str, Any] | None = None
    terms: tuple[tuple[str, re.Pattern[str]], ...] = ()
    role_groups: tuple[tuple[str, ...], ...] = ()
    term_groups: tuple[tuple[str, ...], ...] = ()
    #: ``party_number`` rows (label, regex) tried in order, and the rule for an ambiguous form
    party_rows: tuple[tuple[str, re.Pattern[str]], ...] = ()
    party_ambiguous: dict[str, Any] | None = None
    #: words that make a list distributive ("no one", "regardless of", "without any distinction",
    #: "both ... and"): under them "A or B" and "A and B" exclude or cover the same; the first
    #: scope over what follows them, ``distributive_after`` (postpositions) over what precedes
    distributive: re.Pattern[str] | None = None
    distributive_after: re.Pattern[str] | None = None
    #: "both A and B" / "as A, so B": what the other version may say with "A or B"
    correlative: re.Pattern[str] | None = None
    #: "other" after the last conjunction of an open list ("A, B or other C" = "A, B and other C")
    open_list: re.Pattern[str] | None = None


def overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    """Return True when the span ``start``-``end`` overlaps a span of ``taken``."""
    return any(start < te and ts < end for ts, te in taken)


def _opt(pattern: str | None) -> re.Pattern[str] | None:
    return re.compile(pattern) if pattern else None


@lru_cache(maxsize=None)
def rules(lang: str) -> MeaningRules | None:
    """Return the meaning rules of ``lang`` (None when it has no ``meaning.json``)."""
    if not has_data(lang, "meaning.json"):
        return None
    data = load_json(lang, "meaning.json")
    joiners = data.get("list_joiners", {})
    return MeaningRules(
        lang=lang,
        modality=tuple(Rule(r["class"], r.get("scope", "main"), re.compile(r["pattern"]))
                       for r in data.get("modality", [])),
        negation=tuple(Rule(r["scope"], r["scope"], re.compile(r["pattern"]))
                       for r in data.get("negation", [])),
        particle_tags=frozenset(data.get("particle_predicate_tags", [])),
        attributive_tags=frozenset(data.get("particle_attributive_tags", [])),
        subordinate_before=_opt(data.get("subordinate_before")),
        subordinate_after=_opt(data.get("subordinate_after")),
        condition_words=_opt(data.get("condition_words")),
        list_and=_opt(joiners.get("and")),
        list_or=_opt(joiners.get("or")),
        and_words=_opt(data.get("and_words")),
        qualifiers=tuple((concept, re.compile(p)) for concept, pats in data.get("qualifiers", {}).items()
                         for p in pats),
        condition_end=_opt(data.get("condition_end")),
        lexical_prefix=data.get("lexical_prefix"),
        terms=tuple((concept, re.compile(p)) for concept, pats in data.get("terms", {}).items() for p in pats),
        role_groups=tuple(tuple(g) for g in data.get("role_groups", [])),
        term_groups=tuple(tuple(g) for g in data.get("term_groups", {}).values()),
        roles=tuple((concept, re.compile(p)) for concept, pats in data.get("roles", {}).items() for p in pats),
        party_rows=tuple((label, re.compile(p)) for label, p in data.get("party_number", {}).get("rows", [])),
        party_ambiguous=data.get("party_number", {}).get("ambiguous"),
        distributive=_opt(data.get("distributive")),
        distributive_after=_opt(data.get("distributive_after")),
        correlative=_opt(data.get("correlative")),
        open_list=_opt(data.get("open_list")),
    )
