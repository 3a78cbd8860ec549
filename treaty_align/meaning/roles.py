"""The roles and actors a provision names (requesting / requested Party, sentencing /
administering State, sending / receiving Party, one / the other Party, a Party / the Depositary /
the Government ...), in any grammatical case; ``role_groups`` of ``meaning.json`` say which of
them can stand in each other's place.

A role exchanged for its counterpart changes who acts or whose law applies, whether the role is
the subject or not, so these are counted over the whole text (``roles`` of
``data/<lang>/meaning.json``).
"""

from __future__ import annotations

from dataclasses import dataclass

from treaty_align.meaning.rules import MeaningRules


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
            if m.end() <= m.start() or any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            out.append(Role(concept, m.start(), m.end()))
    out.sort(key=lambda r: (r.start, r.end))
    return tuple(out)
