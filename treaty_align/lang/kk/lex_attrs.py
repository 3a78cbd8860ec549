"""Kazakh lexical attributes: ``like_num`` knows digits, cardinals and ordinals (``бесінші``)."""

from __future__ import annotations

from typing import Callable

from spacy.attrs import LIKE_NUM

from treaty_align.data import load_json

_NUM = load_json("kk", "num_words.json")
_CARDINALS: frozenset[str] = frozenset(_NUM["cardinals"])
_ORDINAL_SUFFIXES: tuple[str, ...] = tuple(_NUM["ordinal_suffixes"])


def like_num(text: str) -> bool:
    """Return True for digits (``30``, ``1,5``, ``5-бап``'s ``5``), cardinals and ordinals."""
    core = text.replace(",", "").replace(".", "")
    if core.isdigit():
        return True
    lowered = text.lower()
    if lowered in _CARDINALS:
        return True
    for suffix in _ORDINAL_SUFFIXES:
        if lowered.endswith(suffix) and lowered[: -len(suffix)] in _CARDINALS:
            return True
        # vowel-final stems drop their vowel before the suffix: алты -> алтыншы
        if lowered.endswith(suffix) and any(c.startswith(lowered[: -len(suffix)]) and
                                            len(c) - len(lowered[: -len(suffix)]) == 1 for c in _CARDINALS):
            return True
    return False


LEX_ATTRS: dict[int, Callable[[str], bool]] = {LIKE_NUM: like_num}
