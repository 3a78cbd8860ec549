"""Which version comes first, and which one the others are aligned to: rules on language codes.

Both rules read the languages alone, never the order the files were given in, so that
``compare KK AZ`` and ``compare AZ KK`` give the same result; the pivot does not read the
prevailing text either, so that ``--authority`` changes who departs from whom, not the records
or the finding ids.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Sequence


@lru_cache(maxsize=1)
def _known_order() -> tuple[str, ...]:
    table = resources.files("treaty_align.data") / "languages.json"
    return tuple(json.loads(table.read_text(encoding="utf-8"))) if table.is_file() else ()


def language_order(languages: Sequence[str], first: str | None = None) -> tuple[str, ...]:
    """Return ``languages`` in the canonical order of every result: ``first`` (the prevailing
    text) first, then the order of ``data/languages.json`` (kk, az, ru, ...), then any other
    code alphabetically."""
    rank = {code: i for i, code in enumerate(_known_order())}
    rest = sorted((code for code in dict.fromkeys(languages) if code != first),
                  key=lambda code: (rank.get(code, len(rank)), code))
    return ((first,) if first in languages else ()) + tuple(rest)


def choose_pivot(languages: Sequence[str]) -> str:
    """Return the pivot of the alignment, the version the others are aligned to: Russian when
    present (the common language of most treaties of the region, and the prevailing text of the
    bundled Agreement), else the first language in canonical order."""
    if "ru" in languages:
        return "ru"
    return language_order(languages)[0]


def first_language(languages: Sequence[str], authority: str | None = None) -> str:
    """Return the language listed first in every result: the prevailing text (``authority``)
    when given, else the pivot."""
    if authority is not None and authority in languages:
        return authority
    return choose_pivot(languages)
