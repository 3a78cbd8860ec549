"""The sense of a modal: a permission ("the Party may refuse"), a possibility ("it may harm"),
or the validity of a sitting ("sittings are competent if two thirds attend").

"May" is deontic when someone is allowed to do something and epistemic when something can
happen: a translation that says "the transfer may prejudice sovereignty" where the other says
"the transfer prejudices sovereignty" changes no right or duty, only how sure the text is. The
verbs that make a modal epistemic (events and effects: harm, arise, contradict, lead to) are
language knowledge in ``data/<lang>/modal_sense.json``.
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


def is_validity(folded: str, start: int, end: int, lang: str) -> bool:
    """Return True when the modal at ``folded[start:end]`` says that a sitting or a decision is
    valid ("sittings are competent if two thirds attend"): a quorum rule, no permission."""
    return _overlaps(folded, start, end, lang, "validity")
