"""The roles and actors a provision names (requesting / requested Party, sentencing /
administering State, sending / receiving Party, one / the other Party, a Party / the Depositary /
the Government ...), in any grammatical case; ``role_groups`` of ``meaning.json`` say which of
them can stand in each other's place.

A role exchanged for its counterpart changes who acts or whose law applies, whether the role is
the subject or not, so these are counted over the whole text (``roles`` of
``data/<lang>/meaning.json``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from treaty_align.meaning.rules import MeaningRules, overlaps


GLOSS = {
    "requesting_party": "the requesting Party",
    "requested_party": "the requested Party",
    "sentencing_state": "the sentencing State",
    "administering_state": "the administering State",
    "sending_party": "the sending Party",
    "receiving_party": "the receiving Party",
    "one_party": "one Party",
    "other_party": "the other Party",
    "party": "a Party",
    "depositary": "the Depositary",
    "government": "the Government",
    "parliament": "the Parliament",
    "president": "the President",
    "bank": "the Bank",
    "borrower": "the Borrower",
    "security_council": "the Security Council",
    "council": "a Council",
    "committee": "a Committee",
    "commission": "a Commission",
    "ministry": "a Ministry",
    "court": "a court",
    "conference": "the Conference",
    "state": "a State",
}


@dataclass(frozen=True)
class Role:
    """One mention of a role: its concept and where its words are."""

    concept: str
    start: int
    end: int


def roles(folded: str, rules: MeaningRules) -> tuple[Role, ...]:
    """Return the role mentions of ``folded`` text in text order."""
    taken: list[tuple[int, int]] = []
    out = []
    for concept, rx in rules.roles:
        for m in rx.finditer(folded):
            if m.end() <= m.start() or overlaps(m.start(), m.end(), taken):
                continue
            taken.append((m.start(), m.end()))
            out.append(Role(concept, m.start(), m.end()))
    out.sort(key=lambda r: (r.start, r.end))
    return tuple(out)


@dataclass(frozen=True)
class PartyMention:
    """One mention of the party noun and how many Parties it names: ``"sg"`` or ``"pl"``."""

    number: str
    start: int
    end: int


_NUMBER = {"singular": "sg", "plural": "pl"}


def party_numbers(folded: str, rules: MeaningRules) -> tuple[PartyMention, ...]:
    """Return the mentions of the party noun in ``folded`` text whose number is clear, in text
    order (``party_number`` of ``meaning.json``).

    Rows are tried in order and a later row never relabels words an earlier one took, so that
    "each of the Parties" is one Party and the bare modifier of the Kazakh "Party State" is no
    mention with a number at all.
    """
    taken: list[tuple[int, int]] = []
    out: list[PartyMention] = []
    for label, rx in rules.party_rows:
        for m in rx.finditer(folded):
            if m.end() <= m.start() or overlaps(m.start(), m.end(), taken):
                continue
            taken.append((m.start(), m.end()))
            if label in _NUMBER:
                out.append(PartyMention(_NUMBER[label], m.start(), m.end()))
    spec = rules.party_ambiguous
    if spec:
        for m in re.finditer(spec["pattern"], folded):
            if overlaps(m.start(), m.end(), taken):
                continue
            number = _ambiguous_number(folded[:m.start()], folded[m.end():], spec)
            if number is not None:
                out.append(PartyMention(number, m.start(), m.end()))
    out.sort(key=lambda x: (x.start, x.end))
    return tuple(out)


def _ambiguous_number(before: str, after: str, spec: dict) -> str | None:
    """Return the number of an ambiguous form (the Russian form of "Party" that is genitive
    singular or nominative plural) from the words after and before it, or None when they do
    not tell."""
    skipping = spec.get("plural_before_verb_skipping")
    if skipping is not None:
        from treaty_align.meaning.russian import part_of_speech, verb_number

        # the subject of a plural verb ("... the Parties do not bear"), whatever stands before it
        for next_word in re.findall(r"\w+", after[:80])[:3]:
            if verb_number(next_word) == "plur":
                return "pl"
            if part_of_speech(next_word) not in skipping:
                break
    stripped = before.rstrip()
    found = re.search(r"(\w+)$", stripped)
    if found is None:
        return "pl"  # the first word of a clause (after a comma too) is its subject
    word = found.group(1)
    if re.match(spec["plural_after"], word):
        return "pl"
    if re.match(spec["singular_after"], word):
        return "sg"
    oblique = spec.get("singular_after_noun_not_in")
    if oblique is not None:
        from treaty_align.meaning.russian import noun_cases

        # a noun governs the genitive after it ("the obligations of the Party"), unless it is
        # itself in an oblique case the clause ends on ("by this Agreement, the Parties ...")
        cases = noun_cases(word)
        if cases is not None and not cases <= frozenset(oblique):
            return "sg"
    return None
