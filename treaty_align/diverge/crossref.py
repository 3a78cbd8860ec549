"""Cross-references: "Article 5", "paragraph 3 of this Article", in each language.

``crossref.json`` gives, per language, patterns for each kind of reference (article,
paragraph, subparagraph, part, annex) with the referenced number(s) in group ``nums``; the
feature value of a record is the set of ``(kind, number)`` pairs it refers to. Numbers in words
("the second paragraph of Article five") are read as digits first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from treaty_align.data import has_data, load_json
from treaty_align.diverge.base import (
    MAJOR,
    MINOR,
    Check,
    CheckContext,
    group_values,
    make_divergence,
    register,
)
from treaty_align.diverge.numerals import digitise
from treaty_align.model import Alignment, Divergence, Evidence

_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class Reference:
    """One cross-reference found in a text: ``kind`` and the referenced numbers."""

    kind: str
    numbers: tuple[str, ...]
    start: int
    end: int


@lru_cache(maxsize=None)
def _patterns(lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    if not has_data(lang, "crossref.json"):
        return ()
    spec = load_json(lang, "crossref.json")
    return tuple(
        (p["kind"], re.compile(r"(?<!\w)(?:" + p["pattern"] + r")")) for p in spec.get("patterns", [])
    )


def has_crossref_data(lang: str) -> bool:
    """Return True when ``lang`` has cross-reference patterns."""
    return bool(_patterns(lang))


def references(folded: str, lang: str) -> list[Reference]:
    """Return the cross-references in ``folded`` text of ``lang``, in text order.

    Numbers in words count as their digits ("the third paragraph" = paragraph 3).
    """
    taken: list[tuple[int, int]] = []
    refs: list[Reference] = []
    text = digitise(folded, lang)
    for kind, rx in _patterns(lang):
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            nums = tuple(_DIGITS.findall(m.group("nums") or ""))
            if not nums:
                continue
            taken.append((m.start(), m.end()))
            refs.append(Reference(kind, nums, m.start(), m.end()))
    refs.sort(key=lambda r: r.start)
    return refs


def reference_set(refs: Sequence[Reference]) -> frozenset[tuple[str, str]]:
    """Return the ``(kind, number)`` pairs of ``refs``."""
    return frozenset((r.kind, n) for r in refs for n in r.numbers)


def describe(value: frozenset[tuple[str, str]]) -> str:
    """Return a reader-friendly list of references ("article 5, paragraph 3")."""
    if not value:
        return "no cross-reference"
    return ", ".join(f"{k} {n}" for k, n in sorted(value, key=lambda x: (x[0], int(x[1]))))


@register
class CrossrefCheck(Check):
    """References to articles, paragraphs, subparagraphs that differ between versions."""

    name = "crossref"
    description = "references to articles/paragraphs/subparagraphs that differ or are missing"

    def run(
        self, alignments: Sequence[Alignment], languages: tuple[str, ...], context: CheckContext
    ) -> list[Divergence]:
        """Return one divergence per record whose sets of cross-references differ."""
        out: list[Divergence] = []
        langs = tuple(lang for lang in languages if has_crossref_data(lang))
        for al, sides in self.records(alignments, langs):
            found = {lang: references(s.folded, lang) for lang, s in sides.items()}
            values = {lang: reference_set(refs) for lang, refs in found.items()}
            groups = group_values(values)
            if len(groups) < 2:
                continue
            nonempty = [v for v, _ in groups if v]
            severity = MAJOR if len(nonempty) >= 2 else MINOR
            evidence: list[Evidence] = []
            for lang, refs in found.items():
                side = sides[lang]
                if refs:
                    evidence.extend(context.evidence(side, r.start, r.end) for r in refs)
                else:
                    evidence.append(context.near(side, 0.5))
            parts = "; ".join(f"{'/'.join(ls)}: {describe(v)}" for v, ls in groups)
            if severity == MAJOR:
                message = f"The versions refer to different provisions ({parts}): check which provision is meant."
            else:
                message = f"A cross-reference is present in one version only ({parts})."
            out.append(
                make_divergence(self.name, severity, message, evidence, alignment=al,
                                context=context, values=values)
            )
        return out
