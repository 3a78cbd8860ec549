"""Russian word analysis through pymorphy3 (loaded on first use, never at import time)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    import pymorphy3  # core dependency; imported lazily because loading takes ~0.5 s

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=65536)
def part_of_speech(word: str) -> str:
    """Return the pymorphy3 part of speech of ``word`` (most probable reading; "" if unknown)."""
    parses = _analyzer().parse(word)
    return str(parses[0].tag.POS or "") if parses else ""


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """Return the normal form (lemma) of ``word``."""
    parses = _analyzer().parse(word)
    return parses[0].normal_form if parses else word


@lru_cache(maxsize=65536)
def is_passive(word: str) -> bool | None:
    """Return True for a passive form (short passive participle, reflexive transitive verb in the
    present), False for an active finite verb, None when ``word`` is no finite verb form."""
    parses = _analyzer().parse(word)
    if not parses:
        return None
    tag = parses[0].tag
    if tag.POS == "PRTS":
        return True
    if tag.POS == "VERB":
        return False
    return None


@lru_cache(maxsize=65536)
def is_known(word: str) -> bool:
    """Return True when ``word`` is in pymorphy3's dictionary."""
    return bool(_analyzer().word_is_known(word))


@lru_cache(maxsize=65536)
def tags(word: str) -> frozenset[str]:
    """Return the grammemes of the most probable reading of ``word``."""
    parses = _analyzer().parse(word)
    return frozenset(parses[0].tag.grammemes) if parses else frozenset()


@lru_cache(maxsize=65536)
def noun_cases(word: str) -> frozenset[str] | None:
    """Return the cases ``word`` can be in as a noun (every reading), or None when no reading
    of it is a noun."""
    cases = frozenset(str(p.tag.case) for p in _analyzer().parse(word) if p.tag.POS == "NOUN" and p.tag.case)
    return cases or None


@lru_cache(maxsize=65536)
def verb_number(word: str) -> str | None:
    """Return ``"plur"`` or ``"sing"`` when the most probable reading of ``word`` is a finite
    verb of that number, else None."""
    parses = _analyzer().parse(word)
    if not parses or parses[0].tag.POS != "VERB":
        return None
    return str(parses[0].tag.number) if parses[0].tag.number else None
