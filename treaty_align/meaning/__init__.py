"""The legal-meaning layer: one :class:`Provision` per side of an aligned record.

Between alignment and the divergence checks, every side of a record is read once into what it
says in law — the modal and negated predicates with their scope (:mod:`.polarity`), the time
and manner qualifiers (:mod:`.qualifiers`) and how a list joins its items — so that the checks
compare these fields instead of re-reading words. A list's lead-in and its items are read
together as well (:func:`list_groups`): a Kazakh modal after the last item answers a Russian
modal in the lead-in.

All language knowledge is in ``data/<lang>/meaning.json``; a language without that file has no
provision (the checks then skip it).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping, Sequence

from treaty_align.diverge.morphology import fold, sentences
from treaty_align.meaning.polarity import Predicate, predicates
from treaty_align.meaning.qualifiers import Qualifier, qualifiers, terms
from treaty_align.meaning.roles import PartyMention, Role, party_numbers, roles
from treaty_align.meaning.rules import rules
from treaty_align.model import Alignment

__all__ = ["Predicate", "Provision", "Qualifier", "list_groups", "merge", "read"]

#: scopes whose predicates state the provision itself
MAIN_SCOPES = frozenset({"main", "cond"})


@dataclass(frozen=True)
class Provision:
    """What one side of a record says in law (computed once per text and language).

    ``predicates`` are its modal and negated predicates, ``lexical_negations`` the spans of
    negated nouns, adjectives and participles, ``qualifiers`` its time and manner qualifiers,
    ``joiner`` the conjunction that ends it when it is a list item ("; and" / "; or"), and
    ``sentences`` the spans of its sentences, ``terms`` the content concepts it acts on (interpretation, entry into force ...), ``roles`` the paired roles it names (:mod:`.roles`), ``conjunctions`` the spans of its cumulative conjunctions ("and"), ``parties`` its mentions
    of the party noun by number, and ``folded`` the folded text the spans index.
    """

    lang: str
    folded: str
    predicates: tuple[Predicate, ...]
    lexical_negations: tuple[tuple[int, int], ...]
    qualifiers: tuple[Qualifier, ...]
    joiner: str | None
    conjunctions: tuple[tuple[int, int], ...] = ()
    roles: tuple[Role, ...] = ()
    terms: tuple[Qualifier, ...] = ()
    sentences: tuple[tuple[int, int], ...] = ()
    #: the mentions of the party noun whose number (one Party or several) is clear
    parties: tuple[PartyMention, ...] = ()
    #: spans of words that make a list distributive (scoping over what follows them, and
    #: postpositions scoping over what precedes), and of the "other" that closes an open list
    distributive: tuple[tuple[int, int], ...] = ()
    open_lists: tuple[tuple[int, int], ...] = ()
    distributive_after: tuple[tuple[int, int], ...] = ()
    correlatives: tuple[tuple[int, int], ...] = ()

    def distributive_at(self, position: int) -> bool:
        """Return True when a distributive word of the sentence holding ``position`` scopes over
        it ("no one may be A or B", "regardless of A or B"), so that "or" and "and" there
        exclude or cover the same things."""
        s, e = next(((a, b) for a, b in self.sentences if a <= position < b), (0, len(self.folded)))
        return (any(s <= a <= position for a, _ in self.distributive)
                or any(position <= a < e for a, _ in self.distributive_after))

    def opens_list(self, end: int) -> bool:
        """Return True when a conjunction ending at ``end`` is followed by "other" (an open list)."""
        return any(0 <= a - end <= 2 for a, _ in self.open_lists)

    def families(self, scopes: frozenset[str] | None = None) -> Counter[str]:
        """Return how many predicates of each deontic family it has (only ``scopes`` if given)."""
        return Counter(p.family for p in self.predicates if scopes is None or p.scope in scopes)

    def by_sentence(self, family: str | tuple[str, ...], scopes: frozenset[str] | None = None) -> tuple[int, ...]:
        """Return, per sentence, how many predicates of ``family`` (one family or several; in
        ``scopes`` if given) it has."""
        families = (family,) if isinstance(family, str) else family
        counts = [0] * len(self.sentences)
        for p in self.predicates:
            if p.family not in families or (scopes is not None and p.scope not in scopes):
                continue
            for i, (s, e) in enumerate(self.sentences):
                if s <= p.start < e:
                    counts[i] += 1
                    break
        return tuple(counts)

    def lexical_by_sentence(self) -> tuple[int, ...]:
        """Return, per sentence, how many lexical negations it has."""
        return tuple(sum(1 for a, _ in self.lexical_negations if s <= a < e) for s, e in self.sentences)

    def of_family(self, family: str | tuple[str, ...]) -> tuple[Predicate, ...]:
        """Return its predicates of deontic ``family`` (one family or a tuple of several)."""
        families = (family,) if isinstance(family, str) else family
        return tuple(p for p in self.predicates if p.family in families)

    def role_count(self, concept: str) -> int:
        """Return how often it names role ``concept``."""
        return sum(1 for r in self.roles if r.concept == concept)

    def term_concepts(self) -> frozenset[str]:
        """Return the content concepts it names."""
        return frozenset(t.concept for t in self.terms)

    def concepts(self) -> frozenset[str]:
        """Return the qualifier concepts it carries."""
        return frozenset(q.concept for q in self.qualifiers)

    def qualifier(self, concept: str) -> tuple[Qualifier, ...]:
        """Return its qualifiers of ``concept``."""
        return tuple(q for q in self.qualifiers if q.concept == concept)

    @property
    def states_duty(self) -> bool:
        """Return True when a main predicate imposes a duty or prohibition, or none is modal.

        Treaty language states duties in the plain present, so a provision without any
        permission in its main clauses is read as imposing what it says.
        """
        fam = self.families(MAIN_SCOPES)
        return fam["permission"] == 0 or fam["duty"] + fam["negative"] > 0


@lru_cache(maxsize=8192)
def read(text: str, lang: str) -> Provision | None:
    """Return the :class:`Provision` of ``text`` in ``lang`` (None without ``meaning.json``)."""
    r = rules(lang)
    if r is None:
        return None
    folded = fold(text, lang)
    preds, lexical = predicates(folded, r)
    joiner = None
    body = folded.rstrip(" .;,")
    if r.list_or is not None and r.list_or.search(body):
        joiner = "or"
    elif r.list_and is not None and r.list_and.search(body):
        joiner = "and"
    ands = tuple(m.span() for m in r.and_words.finditer(folded)) if r.and_words is not None else ()
    spans = {name: tuple(m.span() for m in rx.finditer(folded)) if rx is not None else ()
             for name, rx in (("distributive", r.distributive), ("open", r.open_list),
                              ("after", r.distributive_after), ("both", r.correlative))}
    return Provision(lang, folded, preds, lexical, qualifiers(folded, r), joiner, ands, roles(folded, r),
                     terms(folded, r), tuple(sentences(folded)), party_numbers(folded, r),
                     spans["distributive"], spans["open"], spans["after"], spans["both"])


def merge(provisions: Sequence[Provision]) -> Provision | None:
    """Return one provision holding the predicates and qualifiers of all ``provisions``.

    Spans of the merged provision index nothing: use it for counts, never for quotes.
    """
    if not provisions:
        return None
    return Provision(
        provisions[0].lang,
        "",
        tuple(p for pr in provisions for p in pr.predicates),
        tuple(s for pr in provisions for s in pr.lexical_negations),
        tuple(q for pr in provisions for q in pr.qualifiers),
        next((pr.joiner for pr in provisions if pr.joiner), None),
        (),
        tuple(x for pr in provisions for x in pr.roles),
        tuple(x for pr in provisions for x in pr.terms),
        parties=tuple(x for pr in provisions for x in pr.parties),
    )


def _lead_in(al: Alignment) -> bool:
    return any(s.text.rstrip().endswith(":") for segs in al.segments.values() for s in segs)


def _item(al: Alignment) -> bool:
    segs = [s for ss in al.segments.values() for s in ss]
    return bool(segs) and all(s.kind == "item" for s in segs)


def list_groups(alignments: Sequence[Alignment]) -> Mapping[str, tuple[int, ...]]:
    """Return, for each record of a list, the indexes of the records of its list.

    A list is a lead-in (a record ending with a colon in some language) and the item records
    that follow it, or a run of item records without a lead-in. Records outside lists map to
    themselves alone.
    """
    out: dict[str, tuple[int, ...]] = {}
    i = 0
    n = len(alignments)
    while i < n:
        j = i + 1
        if _lead_in(alignments[i]) or _item(alignments[i]):
            while j < n and _item(alignments[j]) and not _lead_in(alignments[j]):
                j += 1
        members = tuple(range(i, j))
        for k in members:
            out[alignments[k].id] = members
        i = j
    return out
