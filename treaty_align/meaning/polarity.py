"""Polarity and modality of the predicates of one text.

Both are found in one pass because in all three languages they share words or suffixes: a
negated modal (Russian "ne mozhet", the Kazakh negated ability auxiliary, Azerbaijani "bilmez")
is *one* prohibition, not a negation plus a permission, and a negative pronoun with a negated
verb ("no one ... not") is one negation. Each predicate gets a *scope*:

* ``main`` — the predicate of a main clause (what the provision states);
* ``sub`` — a relative, complement or reported clause ("which may arise");
* ``cond`` — a condition ("if ... not");
* ``attr`` — a negated participle or adjective ("goods not classed as military").

A "can" that says what a thing is able to do ("a model able to adapt", "a system which can
imitate") is a ``capability``, not a permission: no one is given a right. The words that always
say so are a ``capability`` class of ``meaning.json``; a modal that may be either is read as a
capability where ``modal_sense.json`` says so (:func:`~.modal_sense.is_capability`).

Negations inside a noun (lexicalised: "inviolability", the Kazakh negated verbal noun
"non-interference") are kept apart as ``lexical``: they never change the
polarity of a provision by themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from treaty_align.meaning.modal_sense import is_capability, is_possibility
from treaty_align.meaning.rules import MeaningRules
from treaty_align.meaning.rules import overlaps as _overlaps

#: the deontic families predicates fall into: a plain affirmative statement of treaty language
#: already states a duty, so an explicit "must" and the plain present are one family, and a
#: prohibition and a negated statement ("is not applied") are one too; what a thing is able to
#: do is a family of its own (no right of anyone)
FAMILY = {"obligation": "duty", "permission": "permission", "prohibition": "negative", "negative": "negative",
          "capability": "capability"}

_CLAUSE_BREAK = re.compile(r"[.;:!?,()]")


@dataclass(frozen=True)
class Predicate:
    """One modal or negated predicate: ``kind`` is obligation, permission, prohibition, negative
    or capability."""

    kind: str
    scope: str
    start: int
    end: int

    @property
    def family(self) -> str:
        """Return the deontic family: ``duty``, ``permission``, ``negative`` or ``capability``."""
        return FAMILY[self.kind]


def _scope(folded: str, start: int, end: int, default: str, rules: MeaningRules) -> str:
    if default != "main":
        return default
    if rules.subordinate_after is not None and rules.subordinate_after.match(folded, end):
        return "sub"
    if rules.subordinate_before is not None:
        brk = max((m.end() for m in _CLAUSE_BREAK.finditer(folded, 0, start)), default=0)
        stretch = folded[brk:start]
        if rules.subordinate_before.match(stretch):
            if rules.condition_words is not None and rules.condition_words.search(stretch):
                return "cond"
            return "sub"
    return "main"


def predicates(folded: str, rules: MeaningRules) -> tuple[tuple[Predicate, ...], tuple[tuple[int, int], ...]]:
    """Return the modal and negated predicates of ``folded`` text and the lexical negations' spans."""
    taken: list[tuple[int, int]] = []
    found: list[Predicate] = []
    lexical: list[tuple[int, int]] = []
    for rule in rules.modality:
        for m in rule.regex.finditer(folded):
            if m.end() <= m.start() or _overlaps(m.start(), m.end(), taken):
                continue
            taken.append((m.start(), m.end()))
            if rule.label == "ignore":
                continue
            found.append(Predicate(_sense(rule.label, folded, m.start(), m.end(), rules),
                                   _scope(folded, m.start(), m.end(), rule.scope, rules), m.start(), m.end()))
    for rule in rules.negation:
        for m in rule.regex.finditer(folded):
            if m.end() <= m.start() or _overlaps(m.start(), m.end(), taken):
                continue
            kind = rule.scope
            if kind == "particle":
                kind = _particle(m.group(1), rules)
                # only the particle itself is taken: the word after it may carry other markers
                particle_end = m.start(1)
                while particle_end > m.start() and folded[particle_end - 1].isspace():
                    particle_end -= 1
                span = (m.start(), particle_end)
            else:
                span = (m.start(), m.end())
            taken.append(span)
            if kind == "ignore":
                continue
            if kind == "lexical":
                lexical.append(span)
                continue
            default = {"condition": "cond", "attributive": "attr"}.get(kind, "main")
            found.append(Predicate("negative", _scope(folded, span[0], m.end(), default, rules),
                                   span[0], m.end()))
    if rules.lexical_prefix:
        lexical.extend(_prefixed(folded, rules.lexical_prefix, taken))
    found.sort(key=lambda p: (p.start, p.end))
    return tuple(found), tuple(sorted(lexical))


def _sense(kind: str, folded: str, start: int, end: int, rules: MeaningRules) -> str:
    """Return ``capability`` for a permission that says what a thing is able to do, else ``kind``.

    A modal of possibility ("which may arise") stays a permission: the checks read it as such.
    """
    if kind != "permission" or is_possibility(folded, start, end, rules.lang):
        return kind
    return "capability" if is_capability(folded, start, end, rules.lang) else kind


def _prefixed(folded: str, spec: dict, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the spans of words made of a negative prefix and a known word ("unauthorised")."""
    from treaty_align.meaning.russian import is_known, tags

    prefix, rest = spec["prefix"], int(spec.get("min_rest", 4))
    skip_tags = frozenset(spec.get("except_tags", ()))
    skip = tuple(spec.get("except", ()))
    out = []
    for m in re.finditer(rf"\b{re.escape(prefix)}\w{{{rest},}}", folded):
        word = m.group()
        if word.startswith(skip) or _overlaps(m.start(), m.end(), taken) or tags(word) & skip_tags:
            continue
        if is_known(word[len(prefix):]):
            out.append((m.start(), m.end()))
    return out


def _particle(word: str, rules: MeaningRules) -> str:
    from treaty_align.meaning.russian import part_of_speech

    pos = part_of_speech(word)
    if pos in rules.particle_tags:
        return "predicate"
    return "attributive" if pos in rules.attributive_tags else "lexical"
