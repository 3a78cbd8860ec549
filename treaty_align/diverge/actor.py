"""Actor and voice: who does what, and whether the clause names them at all.

Per clause (sentence or ``;``-separated clause) the check finds the grammatical subject among
the actor nouns of ``actors.tsv`` (the Parties, the requested Party, the competent authority
...: only their nominative forms count) and the voice of the main predicate (suffix rules of
``morphology.json``, or the optional Stanza backend). Two changes are reported, both major
because they change who must do what:

* an actor who does something in an active clause in one version, while the other version
  says it impersonally (a passive with no by-phrase naming the actor) — major when the other
  version names that actor nowhere in the clause, or only as the subject of its condition
  ("if the requested Party considers ..., assistance is refused"); minor when its main clause
  still names the actor in another form, so that who acts stays clear;
* the same clause with different subjects (e.g. the requesting instead of the requested Party).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from treaty_align.diverge.base import (
    MAJOR,
    MINOR,
    Check,
    CheckContext,
    Side,
    make_divergence,
    register,
)
from treaty_align.diverge.morphology import (
    find_all,
    lexicon,
    morphology,
    predicate_voice,
    sentences,
    stanza_backend,
    words,
)
from treaty_align.meaning import Provision
from treaty_align.meaning.rules import rules
from treaty_align.meaning.roles import GLOSS as ROLE_GLOSS
from treaty_align.model import Alignment, Divergence, Evidence

#: roles any other role may also be called by ("the requested Party ... the Party")
CALLED_BY_ANY: frozenset[str] = frozenset({"party", "state"})

#: subjects that name the Parties generically: "the Parties" vs "each Party" is not a change of actor
GENERIC_ACTORS: frozenset[str] = frozenset({"party", "parties", "each_party"})

GLOSS = {
    "requested_party": "the requested Party",
    "requesting_party": "the requesting Party",
    "each_party": "each Party",
    "other_party": "the other Party",
    "competent_authority": "the competent authority",
    "parties": "the Parties",
    "party": "a Party",
}


@dataclass(frozen=True)
class Clause:
    """One clause of a side: its subject actor, predicate voice, and whether an agent is named."""

    start: int
    end: int
    subject: str | None
    subject_span: tuple[int, int] | None
    voice: str | None
    predicate_span: tuple[int, int] | None
    agent: bool
    main_subject: bool = False
    #: where the main clause begins (after a leading condition), as an offset in the side's text
    boundary: int = 0

    @property
    def impersonal(self) -> bool:
        """Return True for a passive clause that does not name who acts.

        A by-phrase or a subject of the main clause itself names the actor; the subject of a
        condition before it ("if the Party considers ..., it is refused") does not.
        """
        return self.voice == "passive" and not self.agent and not self.main_subject


def clauses(side: Side, context: CheckContext | None = None) -> list[Clause]:
    """Return the clauses of ``side`` with subject, voice and agent (empty without actors.tsv)."""
    rows = lexicon(side.lang, "actors.tsv")
    if not rows:
        return []
    backend = None
    if context is not None and context.backend == "stanza":
        backend, notice = stanza_backend(side.lang)
        if notice and notice not in context.notices:
            context.notices.append(notice)
    out = []
    meaning_rules = rules(side.lang)
    for s, e in sentences(side.text):
        sub = side.folded[s:e]
        found = find_all(sub, rows)
        noms = [m for m in found if m.category == "nom"]
        agent = any(m.category == "agent" for m in found)
        voice, span = predicate_voice(sub, side.lang)
        if span is not None and morphology(side.lang).get("word_order", "SOV") == "SOV":
            # quote the word before a verb-final predicate too: light verbs ("do refusal") need it
            before = [w for w in words(sub) if w[1] <= span[0]]
            if before:
                span = (before[-1][0], span[1])
        if backend is not None:
            voice = backend.voice(side.text[s:e]) or voice
        boundary = 0
        cond_end = meaning_rules.condition_end if meaning_rules is not None else None
        if cond_end is not None:
            limit = span[0] if span is not None else len(sub)
            boundary = max((m.end() for m in cond_end.finditer(sub, 0, limit)), default=0)
        out.append(Clause(
            main_subject=any(m.start >= boundary for m in noms),
            start=s, end=e,
            subject=noms[0].concept if noms else None,
            subject_span=(s + noms[0].start, s + noms[0].end) if noms else None,
            voice=voice,
            predicate_span=(s + span[0], s + span[1]) if span else None,
            agent=agent,
            boundary=s + boundary,
        ))
    return out


def feature(cls: Sequence[Clause]) -> tuple[frozenset[str], bool]:
    """Return the comparable value: the subjects of active clauses and whether a clause is impersonal."""
    return (frozenset(c.subject for c in cls if c.voice == "active" and c.subject),
            any(c.impersonal for c in cls))


def _quote(context: CheckContext, side: Side, c: Clause, *, subject: bool = True) -> list[Evidence]:
    ev = []
    if subject and c.subject_span:
        ev.append(context.evidence(side, *c.subject_span))
    if c.predicate_span and c.predicate_span != c.subject_span:
        ev.append(context.evidence(side, *c.predicate_span))
    if not ev:
        ev.append(context.evidence(side, c.start, c.end))
    return ev


@register
class ActorCheck(Check):
    """Changes of actor (who does it) and of voice (active vs impersonal/passive)."""

    name = "actor"
    description = "who does what: subject actor and active vs impersonal/passive voice"

    def run(
        self, alignments: Sequence[Alignment], languages: tuple[str, ...], context: CheckContext
    ) -> list[Divergence]:
        """Return at most one actor/voice divergence per record."""
        out: list[Divergence] = []
        langs = tuple(lang for lang in languages if lexicon(lang, "actors.tsv"))
        position = {id(al): i for i, al in enumerate(alignments)}
        for al, sides in self.records(alignments, langs):
            per = {lang: clauses(side, context) for lang, side in sides.items()}
            found = (self._lost_actor(al, sides, per, context) or self._swapped(al, sides, per, context)
                     or self._roles(al, sides, context)
                     or self._lone_body(al, sides, context, alignments, position[id(al)])
                     or self._party_number(al, sides, context))
            if found is not None:
                out.append(found)
        return out

    def _lone_body(self, al: Alignment, sides: dict[str, Side], context: CheckContext,
                   alignments: Sequence[Alignment], at: int) -> Divergence | None:
        """A body (a Council, a Ministry, a court ...) named on one side where the other names
        none of :data:`BODIES` at all (a different one is :meth:`_roles`' exchange).

        A record boundary the versions draw in different places moves a name into the next
        record: a body the other version names in the record before or after is not missing.
        """
        if al.block in _NAMES_ONLY_BLOCKS:
            return None
        provs = {lang: p for lang in sides if (p := context.provision(al, lang)) is not None}
        defined = {lang: frozenset(c for c, _ in rules(lang).roles) for lang in provs}
        for a in provs:
            for b in provs:
                if a == b:
                    continue
                known = defined[a] & defined[b] & BODIES
                named = [c for c in sorted(known) if provs[a].role_count(c) and not provs[b].role_count(c)]
                if not named or any(provs[b].role_count(c) and not provs[a].role_count(c) for c in known):
                    continue
                body = named[0]
                if any(_names(alignments[j], b, body) for j in (at - 1, at + 1) if 0 <= j < len(alignments)):
                    continue
                words_ = ", ".join(f"‘{sides[a].text[r.start:r.end]}’" for r in provs[a].roles if r.concept == body)
                message = (f"A body is named in one version only: {a} names {ROLE_GLOSS.get(body, body)} "
                           f"({words_}), {b} names no body here. Check who acts or is referred to: "
                           "a body left out changes who decides or what the text says about it.")
                evidence = ([context.evidence(sides[a], r.start, r.end) for r in provs[a].roles if r.concept == body]
                            + [context.near(sides[b], 0.5)])
                values = {x: tuple(sorted(c for c in known if provs[x].role_count(c))) for x in provs}
                return make_divergence(self.name, MINOR, message, evidence, alignment=al, context=context,
                                       values=values)
        return None

    def _party_number(self, al: Alignment, sides: dict[str, Side], context: CheckContext) -> Divergence | None:
        """The Parties (several) named on one side where the other names one Party only.

        "Having settled the obligations of the Party" and "... of the Parties" bind different
        Parties. Only mentions whose number is clear count (``party_number`` of
        ``meaning.json``): "each of the Parties" is one Party, the bare Kazakh modifier of
        "the Party State" none; a side that also names the Parties, or names no Party at all,
        is no such difference.
        """
        if al.block in _NAMES_ONLY_BLOCKS:
            return None
        provs = {lang: p for lang in sides if (p := context.provision(al, lang)) is not None}
        for a in provs:
            for b in provs:
                if a == b:
                    continue
                plural = [m for m in provs[a].parties if m.number == "pl"]
                single = [m for m in provs[b].parties if m.number == "sg"]
                if not plural or not single or any(m.number == "pl" for m in provs[b].parties):
                    continue
                quote = lambda lang, ms: ", ".join(f"‘{sides[lang].text[m.start:m.end]}’" for m in ms)  # noqa: E731
                message = (f"How many Parties differ: {a} speaks of the Parties here ({quote(a, plural)}), "
                           f"{b} of one Party only ({quote(b, single)}). Check whose obligations, rights "
                           "or acts are meant: those of one Party or of all of them.")
                evidence = ([context.evidence(sides[a], m.start, m.end) for m in plural]
                            + [context.evidence(sides[b], m.start, m.end) for m in single])
                values = {x: tuple(sorted({m.number for m in p.parties})) for x, p in provs.items()}
                return make_divergence(self.name, MINOR, message, evidence, alignment=al, context=context,
                                       values=values)
        return None

    def _lost_actor(self, al: Alignment, sides: dict[str, Side], per: dict[str, list[Clause]],
                    context: CheckContext) -> Divergence | None:
        for a, a_cls in per.items():
            for c in a_cls:
                if c.voice != "active" or not c.subject:
                    continue
                for b, b_cls in per.items():
                    if b == a:
                        continue
                    if any(x.voice == "active" and x.subject == c.subject for x in b_cls):
                        continue
                    imp_b = [x for x in b_cls if x.impersonal]
                    if len(imp_b) <= sum(1 for x in a_cls if x.impersonal):
                        continue
                    target = imp_b[0]
                    who = GLOSS.get(c.subject, c.subject)
                    a_words = side_words(sides[a], c)
                    b_words = side_words(sides[b], target, subject=False)
                    still = _named_in_main(context, al, b, sides[b], target, c.subject)
                    in_condition = target.subject == c.subject and target.subject_span is not None
                    if still is not None:
                        named = f"but its main clause still names {who} (‘{sides[b].text[still[0]:still[1]]}’)"
                    elif in_condition:
                        cond = sides[b].text[target.subject_span[0]:target.subject_span[1]]
                        named = f"and names {who} only in its condition (‘{cond}’), not as the one who acts"
                    else:
                        named = "and names nobody"
                    message = (
                        f"Actor and voice differ: in {a}, {who} is the one who acts (active: {a_words}); "
                        f"in {b} the clause is impersonal/passive ({b_words}) {named}. "
                    )
                    if still is not None:
                        message += "A change of voice: who acts is still clear."
                    else:
                        message += f"The {b} text no longer says that it is {who} who acts (or may act) here."
                    evidence = _quote(context, sides[a], c) + _quote(context, sides[b], target, subject=False)
                    if in_condition and still is None:
                        evidence.append(context.evidence(sides[b], *target.subject_span))
                    values = {lang: feature(cls) for lang, cls in per.items()}
                    return make_divergence(self.name, MINOR if still is not None else MAJOR, message, evidence,
                                           alignment=al, context=context, values=values)
        return None

    def _swapped(self, al: Alignment, sides: dict[str, Side], per: dict[str, list[Clause]],
                 context: CheckContext) -> Divergence | None:
        langs = list(per)
        for i, a in enumerate(langs):
            for b in langs[i + 1:]:
                if len(per[a]) != len(per[b]):
                    continue
                for ca, cb in zip(per[a], per[b]):
                    if not (ca.voice == cb.voice == "active" and ca.subject and cb.subject):
                        continue
                    if ca.subject == cb.subject or {ca.subject, cb.subject} <= GENERIC_ACTORS:
                        continue
                    message = (
                        f"Different actor: in {a} {GLOSS.get(ca.subject, ca.subject)} acts "
                        f"({side_words(sides[a], ca)}), in {b} {GLOSS.get(cb.subject, cb.subject)} "
                        f"({side_words(sides[b], cb)})."
                    )
                    evidence = _quote(context, sides[a], ca) + _quote(context, sides[b], cb)
                    values = {lang: feature(cls) for lang, cls in per.items()}
                    return make_divergence(self.name, MAJOR, message, evidence, alignment=al,
                                           context=context, values=values)
        return None

    def _roles(self, al: Alignment, sides: dict[str, Side], context: CheckContext) -> Divergence | None:
        """A role or actor named more often on one side and another of its group more often on the other."""
        provs = {lang: p for lang in sides if (p := context.provision(al, lang)) is not None}
        langs = list(provs)
        groups = {g for lang in provs if (r := rules(lang)) is not None for g in r.role_groups}
        defined = {lang: frozenset(c for c, _ in rules(lang).roles) for lang in provs}
        # a role of one group can stand in the place of an institution (the requested Party
        # where the other version names the Depositary); two roles of Parties from different
        # groups can name one Party (the requesting Party is the receiving one), and the
        # generic "a Party" / "a State" can name any role
        specific = tuple(sorted({c for g in groups for c in g} - CALLED_BY_ANY))
        party_roles = {c for g in groups if "party" not in g for c in g}
        for group in sorted(groups) + [specific]:
            for i, a in enumerate(langs):
                for b in langs[i + 1:]:
                    pa, pb = provs[a], provs[b]
                    # a role one language's data does not name would count 0 there: not compared
                    known = defined[a] & defined[b]
                    diff = {c: pa.role_count(c) - pb.role_count(c) for c in group if c in known}
                    more_a = [c for c in diff if diff[c] > 0]
                    more_b = [c for c in diff if diff[c] < 0]
                    if not (more_a and more_b):
                        continue
                    pair = next(((x, y) for x in more_a for y in more_b
                                 if group is not specific or not {x, y} <= party_roles), None)
                    if pair is None:
                        continue
                    first, second = pair
                    message = (
                        f"Different actor or role: {a} names {ROLE_GLOSS.get(first, first)} where {b} names "
                        f"{ROLE_GLOSS.get(second, second)} ({_role_words(sides[a], pa, group)} / "
                        f"{_role_words(sides[b], pb, group)}). "
                        "This changes who acts or whose law or decision applies."
                    )
                    evidence = [context.evidence(sides[x], r.start, r.end) for x in (a, b)
                                for r in provs[x].roles if r.concept in (first, second)]
                    values = {x: tuple(p.role_count(c) for c in group) for x, p in provs.items()}
                    return make_divergence(self.name, MAJOR, message, evidence, alignment=al,
                                           context=context, values=values)
        return None


#: roles that name an institution: one named on one side only is a body left out
BODIES: frozenset[str] = frozenset({"depositary", "government", "parliament", "president", "bank",
                                    "security_council", "council", "committee", "commission", "ministry",
                                    "court", "conference"})


#: blocks that only name people and their posts (a signatory's title is no provision)
_NAMES_ONLY_BLOCKS: frozenset[str] = frozenset({"signature"})


def _names(al: Alignment, lang: str, body: str) -> bool:
    """Return True when ``lang``'s text of record ``al`` names ``body``."""
    if not al.segments.get(lang):
        return False
    from treaty_align.meaning import read

    prov = read(al.text(lang), lang)
    return prov is not None and prov.role_count(body) > 0


#: the role (:mod:`treaty_align.meaning.roles`) that names each actor in any grammatical case
ROLE_OF_ACTOR = {"requested_party": "requested_party", "requesting_party": "requesting_party",
                 "other_party": "other_party", "parties": "party", "party": "party", "each_party": "party"}


def _named_in_main(context: CheckContext, al: Alignment, lang: str, side: Side, clause: Clause,
                   actor: str) -> tuple[int, int] | None:
    """Return the span where the main part of ``clause`` (after its condition) names ``actor``
    in some other form than a subject (a possessive, an object), or None."""
    role = ROLE_OF_ACTOR.get(actor)
    prov = context.provision(al, lang)
    if role is None or prov is None:
        return None
    for r in prov.roles:
        if r.concept == role and clause.boundary <= r.start and r.end <= clause.end:
            return (r.start, r.end)
    return None


def _role_words(side: Side, prov: Provision, group: tuple[str, ...]) -> str:
    return ", ".join(f"‘{side.text[r.start:r.end]}’" for r in prov.roles if r.concept in group) or "—"


def side_words(side: Side, c: Clause, *, subject: bool = True) -> str:
    """Return the subject and predicate words of clause ``c`` quoted for a message."""
    parts = []
    if subject and c.subject_span:
        parts.append(side.text[c.subject_span[0]:c.subject_span[1]])
    if c.predicate_span:
        parts.append(side.text[c.predicate_span[0]:c.predicate_span[1]])
    return "‘" + " … ".join(parts) + "’" if parts else "‘" + side.text[c.start:c.end][:60] + "’"
