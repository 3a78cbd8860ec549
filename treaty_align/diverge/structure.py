"""Structure and omissions: clauses, items or sentences with no counterpart.

The aligner may pair items crosswise or merge two items into one record, so an empty side in a
single record is not proof of an omission. This check therefore counts the units (paragraphs,
and the ``;``-separated entries of list items) of every language per block (title, preamble,
each article, final clauses, signatures): only when the counts differ are the records with a
missing language reported. Records of the ``instrument`` block (e.g. a ratification law that
one version carries) are never reported.
"""

from __future__ import annotations

import math
import re
import statistics
from functools import lru_cache
from typing import Sequence

from treaty_align.data import check_constant
from treaty_align.errors import OptionError
from treaty_align.parse.sentences import split_sentences
from treaty_align.diverge.base import (
    INFO,
    MAJOR,
    MINOR,
    SKIPPED_BLOCKS,
    Check,
    CheckContext,
    Side,
    make_divergence,
    register,
)
from treaty_align.languages import choose_pivot
from treaty_align.messages import actor_of, consequence
from treaty_align.model import Alignment, Divergence, Segment

_SENTENCE = re.compile(r"(?<!\b\w)(?<!\d)[.!?]+(?=\s+\S)")
# each version certifies its own text (a translation's certificate has no counterpart in the
# original), while a footnote on one side only tells the reader something the other does not
_BLOCK_SEVERITY = {"signature": INFO, "title": MINOR, "container": MINOR, "certification": INFO,
                   "footnote": MINOR}
#: blocks that record something about the act (its footnotes, its certification), not provisions
_RECORD_BLOCKS = frozenset({"certification", "footnote"})
# a record whose length ratio is this far (as a factor) from the document's typical ratio
_RATIO_FACTOR = check_constant("structure", "ratio_factor")
# a line of at most this many words that does not end a sentence or an item ("Copies:", "Yours
# sincerely,", an addressee's name) is letter or signature layout, not a provision
_LAYOUT_WORDS = check_constant("structure", "layout_words")
_ENDS_PROVISION = re.compile(r"[.;!?…]\W*$")


def is_layout(segment: Segment) -> bool:
    """Return True for a heading or a short layout line (a salutation, "Copies:", a name)."""
    if segment.kind == "heading":
        return True
    if segment.label:
        return False  # a numbered point or item ("1. The Parties exchange:") is a provision
    # asked of every clause with no counterpart: the words are counted only as far as the
    # limit, not through a whole long paragraph (surrounding spaces change neither test)
    text = segment.text
    for n, _ in enumerate(_WORDS.finditer(text), start=1):
        if n > _LAYOUT_WORDS:
            return False
    return not _ENDS_PROVISION.search(text)


def units(segment: Segment) -> int:
    """Return how many list entries ``segment`` holds (``;``-separated for items, else 1).

    An article's title or a layout line counts for nothing (a title in one version only is no
    lost clause); a part of one or two words after the last ``;`` is the conjunction joining the items
    (Russian 'or', Kazakh 'or'), not an entry.
    """
    if is_layout(segment):
        return 0
    if segment.kind != "item":
        return 1
    return _item_units(segment.text)


@lru_cache(maxsize=1 << 14)  # asked twice per clause; standard items repeat across a collection
def _item_units(text: str) -> int:
    pieces = text.split(";")
    parts = [p for i, p in enumerate(pieces) if _LETTER_OR_DIGIT.search(p)
             and (i < len(pieces) - 1 or len(_WORDS.findall(p)) > 2)]
    return max(1, len(parts))


_LETTER_OR_DIGIT = re.compile(r"\w")
_WORDS = re.compile(r"\w+")


def sentence_count(text: str, lang: str) -> int:
    """Return the number of sentences of ``text`` in ``lang``.

    Uses spaCy's rule-based sentencizer (the blank kk, az and ru pipelines); a language spaCy
    does not know falls back to counting sentence-final stops.
    """
    if not text.strip():
        return 0
    try:
        return len(split_sentences(text, lang))
    except OptionError:
        return len(_SENTENCE.findall(text)) + 1


def _block(al: Alignment) -> tuple[str, str]:
    return (al.block, al.article or "")


def _why(block: str, binds: bool) -> str:
    """Return the ``consequence`` key for a clause of ``block`` present in one version only."""
    if block in _RECORD_BLOCKS:
        return "record"
    return "omission" if binds else "layout"


def _describe_block(al: Alignment) -> str:
    return f"Article {al.article}" if al.article else f"the {al.block}"


@register
class StructureCheck(Check):
    """Clauses, items or sentences that have no counterpart; different numbers of items."""

    name = "structure"
    description = "clauses, items or sentences with no counterpart; different item counts"

    def run(
        self, alignments: Sequence[Alignment], languages: tuple[str, ...], context: CheckContext
    ) -> list[Divergence]:
        """Return omission findings (per block, only where unit counts differ) and dropped sentences."""
        out: list[Divergence] = []
        blocks: dict[tuple[str, str], list[Alignment]] = {}
        for al in alignments:
            if al.block in SKIPPED_BLOCKS:
                continue
            blocks.setdefault(_block(al), []).append(al)
        # the main actor depends on the versions only: found once, not once per finding
        actor = actor_of(context.treaties, context.authority)
        for records in blocks.values():
            out.extend(self._block_findings(records, languages, context, actor))
        out.extend(self._sentence_findings(alignments, languages, context))
        return out

    def _block_findings(self, records: list[Alignment], languages: tuple[str, ...],
                        context: CheckContext, actor: str) -> list[Divergence]:
        counts = {
            lang: sum(units(s) for al in records for s in al.segments.get(lang, ()) if s.kind != "instrument")
            for lang in languages
        }
        held = {lang: sum(1 for al in records for s in al.segments.get(lang, ()) if s.kind != "instrument")
                for lang in languages}
        absent = [lang for lang in languages if held[lang] == 0 and any(held.values())]
        if len(set(counts.values())) < 2 and not absent:
            return []  # same number of units: items merely regrouped or reordered by the aligner
        top = max(counts.values())
        severity = _BLOCK_SEVERITY.get(records[0].block, MAJOR)
        if not top:
            severity = INFO  # only headings and layout lines: nothing that binds is missing
        out: list[Divergence] = []
        if absent:
            # the whole block is missing in some language: one finding, not one per clause
            first = records[0]
            present = [lang for lang in languages if held[lang]]
            evidence = [
                context.whole(Side.of(next(al for al in records if al.segments.get(lang)), lang), 80)
                for lang in present
            ]
            message = (f"{_describe_block(first).capitalize()} has no counterpart in {', '.join(absent)} "
                       f"({max(held.values())} clause(s) in {', '.join(present)}). "
                       # a signature block or a heading binds nobody: its absence is not an omitted provision
                       + consequence(_why(first.block, severity == MAJOR), actor))
            values = {lang: held[lang] > 0 for lang in languages}
            out.append(make_divergence(self.name, severity, message, evidence, alignment=first,
                                       context=context, values=values))
        # one-sided records that hold a provision, per language that lacks them
        orphans: dict[str, int] = {}
        for al in records:
            lacking = [lang for lang in languages if not al.segments.get(lang)]
            # whether the record is layout only is asked once, not once per language lacking it
            if lacking and not all(is_layout(s) for x in languages for s in al.segments.get(x, ())):
                for lang in lacking:
                    orphans[lang] = orphans.get(lang, 0) + 1
        # a language can be missing from a record only where its count is short of the top one
        short = [lang for lang in languages if counts[lang] < top and lang not in absent]
        for al in records:
            if not short and sum(1 for lang in languages if al.segments.get(lang)) < 2:
                continue  # nothing missing, and nothing to count items against (a whole absent block)
            sides = {lang: Side.of(al, lang) for lang in languages}
            missing = [lang for lang in languages if sides[lang].empty and counts[lang] < top and lang not in absent]
            present = [lang for lang in languages if not sides[lang].empty]
            if missing and present:
                kinds = {s.kind for lang in present for s in sides[lang].segments}
                what = "item" if kinds == {"item"} else "clause"
                evidence = [context.whole(sides[lang]) for lang in present]
                layout = all(is_layout(s) for lang in present for s in sides[lang].segments)
                # more unmatched clauses than missing units: the aligner left some unpaired, so
                # which of them is the omission is uncertain
                unsure = any(orphans.get(m, 0) > top - counts[m] for m in missing)
                level = INFO if layout else (MINOR if unsure and severity == MAJOR else severity)
                message = (f"This {what} of {_describe_block(al)} has no counterpart in {', '.join(missing)} "
                           f"({'/'.join(present)} count {top} unit(s) in this block, "
                           f"{', '.join(f'{m} {counts[m]}' for m in missing)}"
                           + (f"; {max(orphans.get(m, 0) for m in missing)} clauses are unmatched, "
                              f"so which one is missing is uncertain" if unsure and not layout else "")
                           + "). "
                           + consequence("layout" if layout else _why(al.block, True), actor))
                values = {lang: not sides[lang].empty for lang in languages}
                out.append(make_divergence(self.name, level, message, evidence, alignment=al,
                                           context=context, values=values))
                continue
            per = {lang: sum(units(s) for s in sides[lang].segments) for lang in present}
            if len(present) >= 2 and len(set(per.values())) > 1 and any(
                    s.kind == "item" for lang in present for s in sides[lang].segments):
                evidence = [context.whole(sides[lang]) for lang in present]
                desc = ", ".join(f"{lang} {n}" for lang, n in per.items())
                message = (f"The versions list a different number of items here ({desc}): an item may be missing. "
                           + consequence("scope", ""))
                out.append(make_divergence(self.name, severity, message, evidence, alignment=al,
                                           context=context, values=per))
        return out

    def _sentence_findings(self, alignments: Sequence[Alignment], languages: tuple[str, ...],
                           context: CheckContext) -> list[Divergence]:
        # A dropped sentence shows as fewer sentences *and* a text much shorter than the
        # translation ratio typical of this document (sentence splits alone are common).
        pivot = choose_pivot(languages)  # same pivot as the aligner; --authority does not move it
        rows = [al for al in alignments if self.compared(al, languages)
                and all(al.segments.get(lang) for lang in languages)]
        out: list[Divergence] = []
        for other in [lang for lang in languages if lang != pivot]:
            ratios = [math.log(max(1, len(al.text(other))) / max(1, len(al.text(pivot)))) for al in rows]
            if len(ratios) < 5:
                continue
            typical = statistics.median(ratios)
            for al, r in zip(rows, ratios):
                if abs(r - typical) < math.log(_RATIO_FACTOR):
                    continue
                n_pivot, n_other = sentence_count(al.text(pivot), pivot), sentence_count(al.text(other), other)
                if n_pivot == n_other:
                    continue
                longer, shorter = (pivot, other) if n_pivot > n_other else (other, pivot)
                if (r - typical > 0) != (longer == other):
                    continue  # the version with more sentences must also be the longer one
                sides = {lang: Side.of(al, lang) for lang in (pivot, other)}
                evidence = [context.whole(sides[longer]), context.whole(sides[shorter])]
                message = (f"{longer} has more sentences than {shorter} here and is much longer than the "
                           f"usual ratio between the versions: a sentence may be missing in {shorter}.")
                values = {pivot: n_pivot, other: n_other}
                out.append(make_divergence(self.name, MINOR, message, evidence, alignment=al,
                                           context=context, values=values))
        return out
