"""Text quality (information only): OCR and spelling artefacts, glued words, stray Markdown.

Generic rules (words glued at a full stop, repeated words, digits inside words, leftover
Markdown) plus per-language letter sequences from ``quality.tsv``. The findings are ``info``:
they change no meaning but make a version harder to trust and to search.
"""

from __future__ import annotations

import re
from typing import Sequence

from treaty_align.diverge.base import INFO, Check, CheckContext, Side, make_divergence, register
from treaty_align.diverge.morphology import lexicon
from treaty_align.model import Alignment, Divergence

_GENERIC: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("words glued at a full stop", re.compile(r"[^\W\d_]{3,}[.,;:][^\W\d_]{3,}")),
    ("stray Markdown", re.compile(r"\*\*|__|`|^#{1,6}\s|(?<=\s)#{1,6}\s|\[[^\]\s]*\]")),
    ("repeated word", re.compile(r"\b(\w{2,})\s+\1\b")),
    ("digit inside a word", re.compile(r"[^\W\d_]+\d+[^\W\d_]+")),
)


def artefacts(text: str, folded: str, lang: str) -> list[tuple[str, int, int]]:
    """Return ``(issue, start, end)`` for each text-quality artefact of ``text``."""
    found: list[tuple[str, int, int]] = []
    for issue, rx in _GENERIC:
        found.extend((issue, m.start(), m.end()) for m in rx.finditer(text if issue == "stray Markdown" else folded))
    for row in lexicon(lang, "quality.tsv"):
        found.extend((row.concept, m.start(), m.end()) for m in row.regex.finditer(folded) if m.end() > m.start())
    found.sort(key=lambda x: (x[1], x[2]))
    kept: list[tuple[str, int, int]] = []
    for item in found:
        if not any(item[1] < e and s < item[2] for _, s, e in kept):
            kept.append(item)
    return kept


@register
class QualityCheck(Check):
    """OCR and spelling artefacts, glued words and stray Markdown in each version (info)."""

    name = "quality"
    description = "OCR/spelling artefacts, glued words, stray Markdown (information only)"

    def run(
        self, alignments: Sequence[Alignment], languages: tuple[str, ...], context: CheckContext
    ) -> list[Divergence]:
        """Return one info divergence per record and language with artefacts."""
        out = []
        for al in alignments:
            if al.block == "instrument":
                continue
            for lang in languages:
                side = Side.of(al, lang)
                if side.empty:
                    continue
                found = artefacts(side.text, side.folded, lang)
                if not found:
                    continue
                evidence = [context.evidence(side, s, e) for _, s, e in found]
                issues = sorted({issue for issue, _, _ in found})
                words = ", ".join(f"‘{side.text[s:e]}’" for _, s, e in found)
                message = f"Text quality in {lang}: {'; '.join(issues)} ({words}). Cosmetic, but check the source."
                values = {x: x != lang for x in languages if al.segments.get(x)}
                out.append(make_divergence(self.name, INFO, message, evidence, alignment=al,
                                           context=context, values=values))
        return out
