"""Abbreviations put for one another: the name of one body or document where another stood.

An abbreviation (``UNCITRAL``, ``ISO 9001``, ``CIS``) names one body, document or programme, and a version renders it the same way throughout. So, unlike content words, its
rendering can be learned from the document itself without polysemy getting in the way: in the
aligned records, each source abbreviation is paired one-to-one with the target abbreviation it
co-occurs with most (an identical token pairs with itself), when they co-occur in at least
``terminology.abbreviation_min_pairs`` records.

A record is reported when a target abbreviation stands there more often than its source
counterpart while another source abbreviation of the record has no rendering there: one name was
put for another (a source "the procedure of RULE 16" rendered "the procedure of COUNCIL 16",
COUNCIL being the document's rendering of another source abbreviation). An abbreviation spelt
out on the other side gives no finding: the count of its rendering is then short, never in
excess.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Sequence

from treaty_align.data import check_constant
from treaty_align.diverge.base import MINOR, CheckContext, Side, make_divergence
from treaty_align.model import Alignment, Divergence

MIN_PAIRS = check_constant("terminology", "abbreviation_min_pairs")

# a word of capitals (any script), standing alone or before a hyphenated case suffix ("CIS-tin")
_CAPS = re.compile(r"(?<![\w-])[^\W\d_]+(?![^\W\d_])")
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_MAX_LETTERS = 8  # longer words in capitals are words set in capitals, not abbreviations


def abbreviations(text: str) -> list[tuple[str, int, int]]:
    """Return the abbreviations of ``text`` as (token, start, end), in text order.

    A word in capitals next to another one is a phrase set in capitals ("IN WITNESS
    WHEREOF"), not an abbreviation; Roman numerals are numbers.
    """
    found = [(m.group(), m.start(), m.end()) for m in _CAPS.finditer(text) if m.group().isupper()]
    out = []
    for i, (tok, s, e) in enumerate(found):
        before = i > 0 and not text[found[i - 1][2]:s].strip()
        after = i + 1 < len(found) and not text[e:found[i + 1][1]].strip()
        if not (before or after) and 2 <= len(tok) <= _MAX_LETTERS and not _ROMAN.match(tok):
            out.append((tok, s, e))
    return out


def renderings(sides: Sequence[tuple[Side, Side]]) -> dict[str, str]:
    """Return the document's usual rendering of each source abbreviation (source → target).

    ``sides`` holds the (source, target) sides of the two-sided records. Identical tokens pair
    first; then pairs by the number of records they share (then by token, for determinism),
    one-to-one.
    """
    return _renderings([([t for t, _, _ in abbreviations(a.text)], [t for t, _, _ in abbreviations(b.text)])
                        for a, b in sides])


def _renderings(tokens: Sequence[tuple[Sequence[str], Sequence[str]]]) -> dict[str, str]:
    """Return :func:`renderings` from the (source, target) abbreviation tokens of each record."""
    together: Counter[tuple[str, str]] = Counter()
    for src, tgt in tokens:
        together.update((s, t) for s in set(src) for t in set(tgt))
    pairs = sorted(together.items(), key=lambda kv: (kv[0][0] != kv[0][1], -kv[1], kv[0]))
    out: dict[str, str] = {}
    taken: set[str] = set()
    for (s, t), n in pairs:
        if s in out or t in taken or (s != t and n < MIN_PAIRS):
            continue
        out[s] = t
        taken.add(t)
    return out


def swapped_abbreviations(rows: Sequence[Alignment], src: str, tgt: str,
                          context: CheckContext) -> list[Divergence]:
    """Return a minor finding for each record of ``rows`` where one abbreviation stands for another."""
    pairs = [(al, a, b, abbreviations(a.text), abbreviations(b.text))
             for al in rows if al.segments.get(src) and al.segments.get(tgt)
             for a, b in [(Side.of(al, src), Side.of(al, tgt))]]
    usual = _renderings([([t for t, _, _ in fa], [t for t, _, _ in fb]) for _, _, _, fa, fb in pairs])
    if not usual:
        return []
    out: list[Divergence] = []
    for al, a, b, found_a, found_b in pairs:
        if not found_a or not found_b:
            continue
        count_a = Counter(t for t, _, _ in found_a)
        count_b = Counter(t for t, _, _ in found_b)
        excess = [s for s in sorted(count_a) if s in usual and count_b[usual[s]] > count_a[s]]
        lost = [s for s in sorted(count_a) if count_b[usual.get(s, "")] < count_a[s]]
        excess = [s for s in excess if any(x != s for x in lost)]
        if not excess:
            continue
        extra = excess[0]
        gone = next(x for x in lost if x != extra)
        shown = usual[extra]
        message = (f"Abbreviation put for another: {src} has ‘{gone}’ here, with no counterpart in {tgt}, "
                   f"where ‘{shown}’ (elsewhere in this document the rendering of ‘{extra}’) stands "
                   f"{count_b[shown]} time(s) against {count_a[extra]} ‘{extra}’ in {src}. "
                   "A different body or document may be named.")
        evidence = [context.evidence(a, s, e) for t, s, e in found_a if t == gone][:1] + \
            [context.evidence(b, s, e) for t, s, e in found_b if t == shown]
        out.append(make_divergence("terminology", MINOR, message, evidence, alignment=al, context=context,
                                   values={src: gone, tgt: shown}))
    return out
