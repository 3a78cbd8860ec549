"""The sense of a modal: a permission ("the Party may refuse"), a possibility ("it may harm"),
a capability ("a system able to imitate"), or the validity of a sitting ("sittings are
competent if two thirds attend").

"May" is deontic when someone is allowed to do something and epistemic when something can
happen: a translation that says "the transfer may prejudice sovereignty" where the other says
"the transfer prejudices sovereignty" changes no right or duty, only how sure the text is. The
verbs that make a modal epistemic (events and effects: harm, arise, contradict, lead to) are
language knowledge in ``data/<lang>/modal_sense.json``.

A participle or a relative clause saying what a *thing* is able to do ("a model able to adapt",
"a system which can imitate") is no right of anyone either: it describes the thing. The forms
that can say so are listed under ``capability``; where an actor (a Party, a State, a body, a
person) stands next to the form -- its subject before it or the noun it describes after it --
the form gives that actor a right ("the Party which may refuse"), and stays a permission.
"""

from __future__ import annotations

import re
from functools import lru_cache

from treaty_align.data import has_data, load_json


@lru_cache(maxsize=None)
def _patterns(lang: str, sense: str) -> tuple[re.Pattern[str], ...]:
    if not has_data(lang, "modal_sense.json"):
        return ()
    return tuple(re.compile(p) for p in load_json(lang, "modal_sense.json").get(sense, ()))


def _overlaps(folded: str, start: int, end: int, lang: str, sense: str) -> bool:
    lo = max(0, start - 60)
    window = folded[lo:end + 60]
    return any(m.start() + lo < end and start < m.end() + lo
               for rx in _patterns(lang, sense) for m in rx.finditer(window))


def is_possibility(folded: str, start: int, end: int, lang: str) -> bool:
    """Return True when the modal at ``folded[start:end]`` says that something can happen
    (a possibility pattern of ``lang`` overlaps it), not that someone may act."""
    return _overlaps(folded, start, end, lang, "possibility")


@lru_cache(maxsize=None)
def _actor(lang: str) -> tuple[re.Pattern[str] | None, int, int]:
    """Return the actor pattern of ``lang`` and how many words before and after a capability
    form are looked at for it."""
    if not has_data(lang, "modal_sense.json"):
        return None, 0, 0
    spec = load_json(lang, "modal_sense.json").get("capability_actor") or {}
    pattern = spec.get("pattern")
    return (re.compile(pattern) if pattern else None,
            int(spec.get("words_before", 0)), int(spec.get("words_after", 0)))


_WORD = re.compile(r"\w[\w-]*")
#: a sentence or clause end: the subject of a participle does not stand beyond it
_STOP = re.compile(r"[.;:!?()]")


def _near_words(folded: str, start: int, end: int, before: int, after: int) -> str:
    """Return the ``before`` words ahead of ``start`` (not across a sentence or clause end) and
    the ``after`` words following ``end`` (not across any punctuation), the two kept apart by
    " | " so that no two-word actor pattern is matched across the form itself."""
    head = folded[:start]
    stop = max((m.end() for m in _STOP.finditer(head)), default=0)
    ahead = _WORD.findall(head[stop:])[-before:] if before else []
    tail = re.match(r"(?:\s+[\w-]+){0,%d}" % after, folded[end:]) if after else None
    return " ".join(ahead) + " | " + (tail.group() if tail else "")


def is_capability(folded: str, start: int, end: int, lang: str) -> bool:
    """Return True when the modal at ``folded[start:end]`` says what a thing is able to do (a
    ``capability`` pattern of ``lang`` overlaps it and no actor stands next to it), not what
    someone may do."""
    patterns = _patterns(lang, "capability")
    if not patterns:
        return False
    actor, before, after = _actor(lang)
    lo = max(0, start - 60)
    window = folded[lo:end + 60]
    for rx in patterns:
        for m in rx.finditer(window):
            s, e = m.start() + lo, m.end() + lo
            if not (s < end and start < e):
                continue
            if actor is not None and actor.search(_near_words(folded, s, e, before, after)):
                return False
            return True
    return False


def is_validity(folded: str, start: int, end: int, lang: str) -> bool:
    """Return True when the modal at ``folded[start:end]`` says that a sitting or a decision is
    valid ("sittings are competent if two thirds attend"): a quorum rule, no permission."""
    return _overlaps(folded, start, end, lang, "validity")
