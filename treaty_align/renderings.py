"""Standard renderings: how the document itself usually renders a source wording elsewhere.

A translator who meets "X is rendered as Y here" wants to know how the same document renders
X in its other clauses. For the words a finding quotes in the source (the prevailing text, or
the first language code), :func:`usual_rendering` looks at the other aligned records whose source
side has those words and returns the target word that goes with them there: the target stem
most associated with them (Dice coefficient over records, at least :data:`MIN_SUPPORT`
records), in its most frequent written form, provided the association holds both ways: no
other source word goes with that target word more strongly (competitive linking), so that a
word that merely stands beside the source word in the same clauses ("control" beside
"execution") is not taken for its rendering. No dictionary is needed, and nothing is suggested
when the document has no consistent rendering.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from typing import Iterable, Sequence

from treaty_align.data import check_constant
from treaty_align.diverge.morphology import fold, morphology, stem
from treaty_align.model import Alignment, Divergence

_LETTERS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

#: records that must show the rendering before it is suggested
MIN_SUPPORT = check_constant("renderings", "min_support")
#: association (Dice over records) of the source words with the suggested target word
MIN_DICE = check_constant("renderings", "min_dice")
#: kinds whose quotes are wordings worth a standard rendering (not numbers or whole clauses)
SUGGESTING_KINDS: frozenset[str] = frozenset({"markers", "actor", "terminology"})
#: longest source quote looked up, in words
MAX_QUOTE_WORDS = 4


class RenderingIndex:
    """Which records hold which stems, per language, for one set of aligned records."""

    def __init__(self, alignments: Sequence[Alignment], languages: Sequence[str]) -> None:
        self.records: dict[str, dict[str, set[int]]] = {lang: {} for lang in languages}
        self.surface: dict[str, dict[str, Counter[str]]] = {lang: {} for lang in languages}
        self.ids = [al.id for al in alignments]
        self._index: dict[str, int] = {}
        for i, ident in enumerate(self.ids):
            self._index.setdefault(ident, i)
        # each distinct text is read once, for all the records holding it; taken in the order
        # of their first record, the written forms of a stem are met in the same order as
        # record by record (the order breaks ties between equally frequent forms)
        holding: dict[str, dict[str, list[int]]] = {lang: {} for lang in languages}
        for i, al in enumerate(alignments):
            for lang in languages:
                text = al.text(lang)
                if text:
                    holding[lang].setdefault(text, []).append(i)
        for lang in languages:
            records, surface = self.records[lang], self.surface[lang]
            for text, indexes in holding[lang].items():
                seen: set[str] = set()
                for word, st in _stems(text, lang):
                    if st not in seen:
                        seen.add(st)
                        records.setdefault(st, set()).update(indexes)
                    surface.setdefault(st, Counter())[word] += len(indexes)

    def usual_rendering(self, quote: str, src: str, tgt: str, exclude: str = "") -> str | None:
        """Return the word ``tgt`` usually renders the ``src`` words ``quote`` with, or None.

        ``exclude`` is the id of the record the finding is on: it does not count as evidence
        of the document's usual rendering.
        """
        stems = [st for _, st in _stems(quote, src)]
        if not stems or len(stems) > MAX_QUOTE_WORDS:
            return None
        sets = [self.records.get(src, {}).get(st, set()) for st in stems]
        held = set.intersection(*sets) if sets else set()
        if exclude in self._index:
            held = held - {self._index[exclude]}
        if len(held) < MIN_SUPPORT:
            return None
        best, best_key = None, None
        for st, recs in self.records.get(tgt, {}).items():
            both = len(held & recs)
            if both < MIN_SUPPORT:
                continue
            dice = 2 * both / (len(held) + len(recs))
            if dice >= MIN_DICE and (best_key is None or (dice, both, st) > best_key):
                best, best_key = st, (dice, both, st)
        if best is None or not self._links_back(best, tgt, stems, src, best_key[0], exclude):
            return None
        return self.surface[tgt][best].most_common(1)[0][0]

    def _links_back(self, target: str, tgt: str, stems: Sequence[str], src: str, dice: float,
                    exclude: str) -> bool:
        """Return True when no source stem outside ``stems`` goes with ``target`` more strongly."""
        recs = self.records[tgt][target]
        if exclude in self.ids:
            recs = recs - {self.ids.index(exclude)}
        for st, held in self.records.get(src, {}).items():
            if st in stems:
                continue
            both = len(held & recs)
            if both >= MIN_SUPPORT and 2 * both / (len(held) + len(recs)) > dice:
                return False
        return True


def _stems(text: str, lang: str) -> Iterable[tuple[str, str]]:
    morph = morphology(lang)
    stop = set(morph.get("function_words", []))
    low = fold(text, lang)
    for m in _LETTERS.finditer(low):
        w = m.group()
        if len(w) >= 3 and w not in stop:
            yield text[m.start():m.end()], stem(w, lang)


def with_suggestions(alignments: Sequence[Alignment], languages: Sequence[str],
                     authority: str | None = None) -> tuple[Alignment, ...]:
    """Return ``alignments`` whose findings of :data:`SUGGESTING_KINDS` carry the usual rendering.

    For each finding without a suggestion, the source is the authority (when compared) else
    the first language code in alphabetical order; for each other quoted language whose quote is not already the usual
    rendering, ``suggestion`` becomes ``"<lang>: <word>"`` (several joined by "; ").
    """
    # without an authority the source is fixed by the language codes, not by argument order
    src = authority if authority in languages else min(languages)
    index: RenderingIndex | None = None
    out = []
    for al in alignments:
        changed = []
        for d in al.divergences:
            if d.suggestion or d.kind not in SUGGESTING_KINDS:
                changed.append(d)
                continue
            if index is None:
                index = RenderingIndex(alignments, languages)
            changed.append(_suggest(d, index, src, al.id, fixed=authority in languages))
        out.append(al.with_divergences(tuple(changed)) if changed != list(al.divergences) else al)
    return tuple(out)


def _suggest(d: Divergence, index: RenderingIndex, src: str, record_id: str, fixed: bool = True) -> Divergence:
    quotes: dict[str, str] = {}
    for e in d.evidence:
        quotes.setdefault(e.language, e.quote)
    if not fixed:
        # no version prevails: the source is the first language whose quote is a wording short
        # enough to look up ("дереу" against a whole Azerbaijani clause that lacks it), the
        # first language code when none is
        short = [lang for lang in sorted(quotes) if 0 < len(_LETTERS.findall(quotes[lang])) <= MAX_QUOTE_WORDS]
        if short and src not in short:
            src = short[0]
    source = quotes.get(src)
    if not source:
        return d
    parts = []
    for lang, quote in quotes.items():
        if lang == src:
            continue
        usual = index.usual_rendering(source, src, lang, exclude=record_id)
        if usual and fold(usual, lang) not in fold(quote, lang):
            parts.append(f"{lang}: {usual}")
    return dataclasses.replace(d, suggestion="; ".join(parts)) if parts else d
