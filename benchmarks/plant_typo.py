"""Planted typos, shared by the benchmarks (``bench_quality.py``, ``bench_findings.py``).

Benchmark code only: no check imports it.
"""

from __future__ import annotations

import random


def alphabet(lang: str) -> str:
    """Return the lower-case letters of ``lang`` (``structure.json`` ``letters``)."""
    from treaty_align.data import load_json

    return str(load_json(lang, "structure.json")["letters"]).lower()


def typo(word: str, rng: random.Random, letters: str) -> str:
    """Return ``word`` with one random edit (replace, drop, double, swap), never of its first letter.

    ``letters`` is the alphabet a replaced letter is drawn from.
    """
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice(("replace", "drop", "double", "swap"))
    if op == "replace":
        return word[:i] + rng.choice([c for c in letters if c != word[i].lower()]) + word[i + 1:]
    if op == "drop":
        return word[:i] + word[i + 1:]
    if op == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2:] if word[i] != word[i + 1] else word[:i] + word[i + 1:]
