"""Semantic outliers: aligned records whose similarity is unusually low *for this document*.

Independent translations differ everywhere, so a fixed threshold would flag either nothing or
everything. The check measures each record's similarity -- the cosine of the versions'
embeddings when an encoder is given (the lowest over language pairs), else the aligner's combined
``Alignment.score`` -- and reports the records far below the document's own median (robust
z-score on the median absolute deviation): the pairs most worth a human read.
"""

from __future__ import annotations

import statistics
from typing import Sequence

import numpy as np

from treaty_align.data import check_constant
from treaty_align.diverge.base import MINOR, Check, CheckContext, Side, make_divergence, register
from treaty_align.model import Alignment, Divergence

#: how many robust standard deviations below the median a record must be
Z_LIMIT = check_constant("semantic", "z_limit")
#: and by at least this much in absolute similarity (a tight document must not flag tiny dips)
MIN_GAP = check_constant("semantic", "min_gap")
#: the aligner's score also carries structural evidence (list position, lead-ins that hold the
#: verb in one language only), so without embeddings a wider margin is needed
MIN_GAP_SCORE = check_constant("semantic", "min_gap_score")
#: fewer records than this give no reliable median
MIN_RECORDS = check_constant("semantic", "min_records")


def similarities(rows: Sequence[Alignment], languages: Sequence[str], context: CheckContext) -> list[float]:
    """Return one similarity per record: embedding cosine (lowest pair) or the aligner's score."""
    if context.encode is None:
        return [al.score for al in rows]
    texts = sorted({al.text(lang) for al in rows for lang in languages if al.segments.get(lang)})
    vectors = context.encode(list(texts))
    index = {t: i for i, t in enumerate(texts)}
    out = []
    for al in rows:
        present = [al.text(lang) for lang in languages if al.segments.get(lang)]
        sims = [
            float(np.dot(vectors[index[a]], vectors[index[b]]))
            for i, a in enumerate(present) for b in present[i + 1:]
        ]
        out.append(min(sims) if sims else 1.0)
    return out


@register
class SemanticCheck(Check):
    """Records whose similarity is an outlier on the low side for this document."""

    name = "semantic"
    description = "aligned records with unusually low similarity for this document"

    def run(
        self, alignments: Sequence[Alignment], languages: tuple[str, ...], context: CheckContext
    ) -> list[Divergence]:
        """Return one minor divergence per low-similarity outlier record."""
        rows = [al for al in alignments if self.compared(al, languages) and al.block != "signature"]
        if context.encode is None:
            # the aligner's score also penalises crosswise (reordered) pairs; without embeddings
            # only records pairing the same structural ids are judged, so reordering is no finding
            rows = [al for al in rows if len({tuple(s.id.split(":")[-1] for s in al.segments.get(lang, ()))
                                             for lang in languages if al.segments.get(lang)}) == 1]
        if len(rows) < MIN_RECORDS:
            return []
        scores = similarities(rows, languages, context)
        median = statistics.median(scores)
        mad = statistics.median(abs(s - median) for s in scores) * 1.4826
        limit = median - max(Z_LIMIT * mad, MIN_GAP if context.encode is not None else MIN_GAP_SCORE)
        measure = "embedding similarity" if context.encode is not None else "alignment score"
        out = []
        for al, score in zip(rows, scores):
            if score >= limit:
                continue
            present = [lang for lang in languages if al.segments.get(lang)]
            evidence = [context.whole(Side.of(al, lang), 120) for lang in present]
            message = (f"Unusually low {measure} between the versions here ({score:.2f}; typical for "
                       f"this document {median:.2f}): they may say different things. Read them side by side.")
            # the similarity belongs to the record, not to one language: no version is singled out
            out.append(make_divergence(self.name, MINOR, message, evidence, alignment=al,
                                       context=context, values={}))
        return out
