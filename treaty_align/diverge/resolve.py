"""Resolution of a divergence by the authoritative (prevailing) text.

Each check compares one feature value per language. Given the authority's language, the
languages whose value equals the authority's *agree* with it and the others *differ*: the
authoritative text decides which version says what the treaty means.
"""

from __future__ import annotations

from typing import Hashable, Mapping, Sequence

from treaty_align.model import Resolution


def resolve(
    values: Mapping[str, Hashable], authority: str, languages: Sequence[str], text: str
) -> Resolution:
    """Return the Resolution of one divergence by ``authority``.

    ``agrees`` lists the other languages whose value equals the authority's, ``differs`` the
    rest (in ``languages`` order). When the check computed no value for the authority (e.g. it
    has no language data), every other language is listed as differing: nothing supports it.
    """
    others = [lang for lang in languages if lang != authority]
    if authority not in values:
        return Resolution(authority=authority, agrees=(), differs=tuple(others), text=text)
    ref = values[authority]
    agrees = tuple(lang for lang in others if lang in values and values[lang] == ref)
    differs = tuple(lang for lang in others if lang not in agrees)
    return Resolution(authority=authority, agrees=agrees, differs=differs, text=text)
