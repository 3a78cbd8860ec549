"""Stage 2: align the clauses of two or three language versions of a treaty.

Two levels. Articles are paired by number wherever they stand (a moved article keeps its
number; each copy of a repeated number is its own article), and the pairing is checked by
content: same-numbered articles whose content disagrees, and articles whose number the other
version lacks, are paired by content among themselves; when the numbering as a whole disagrees,
all articles are paired by content (with a warning). Inside each pair of
blocks (title, preamble, an article, final clauses, signatures) a banded dynamic programme
(:mod:`treaty_align.dp`) chooses 1-1, 1-0, 0-1, 1-2, 2-1 and 2-2 beads, scored by embedding
similarity of the joined texts plus structural evidence (same structural id, same label, same
numbers, relative position, length ratio). A bead next to an omission gets a lower confidence
when the omitted clause would pair about as well. The weights and thresholds are fitted data
(``data/calibration/align.json``). Items of one list that are given in another order
are then matched crosswise. With three languages, each version is aligned to the pivot and the
two pairings are merged into records holding all three.
"""

from __future__ import annotations

import operator

import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

import numpy as np

from treaty_align.data import load_json
from treaty_align.dp import align_matrix, align_sequences
from treaty_align.embed.lexical import lexical_vector
from treaty_align.errors import InputError
from treaty_align.model import Alignment, Segment, Treaty

_NUMBER = re.compile(r"\d+")
_ARTICLE_PREFIX = re.compile(r"^art[^.]*\.")
# order in which blocks appear in a treaty; the instrument (a ratifying act) comes first
# (chapters, notes and tables are blocks of their own: aligned with each other, never with clauses)
BLOCK_ORDER: tuple[str, ...] = ("instrument", "title", "preamble", "container", "article", "final", "signature",
                                "certification", "footnote", "note", "table")


def fitted_calibration() -> dict:
    """Return the aligner's fitted constants: ``data/calibration/align.json`` (see its ``fitted``
    entry for the corpus, encoder and date, and ``benchmarks/fit_align.py`` for the fit)."""
    return load_json("calibration", "align.json")


_FITTED: dict = fitted_calibration()["align_options"]


@dataclass(frozen=True)
class AlignOptions:
    """Weights and thresholds of the aligner; the defaults are the fitted values of
    ``data/calibration/align.json``."""

    w_semantic: float = _FITTED["w_semantic"]
    w_lexical: float = _FITTED["w_lexical"]
    w_structure: float = _FITTED["w_structure"]
    w_numbers: float = _FITTED["w_numbers"]
    w_length: float = _FITTED["w_length"]
    w_position: float = _FITTED["w_position"]
    #: a 1-1 bead must score above this to beat leaving both clauses unpaired
    threshold: float = _FITTED["threshold"]
    merge_penalty: float = _FITTED["merge_penalty"]
    merge_penalty_2_2: float = _FITTED["merge_penalty_2_2"]
    swap_margin: float = _FITTED["swap_margin"]
    #: records whose confidence is below this are flagged low-confidence
    low_confidence: float = _FITTED["low_confidence"]
    band: int = int(_FITTED["band"])
    #: reward of a 1-1 bead in a block whose clauses carry the same ids in the same order
    parallel_bonus: float = _FITTED["parallel_bonus"]
    #: per article, how much better pairing by content must be to override the numbers
    renumber_margin: float = _FITTED["renumber_margin"]
    #: how far a bead next to an omission must beat the one-off alternative to keep its score
    gap_margin: float = _FITTED["gap_margin"]


class EmbeddingTable:
    """Unit vectors of texts, looked up by text (build it with :meth:`build`)."""

    def __init__(self, index: Mapping[str, int], vectors: np.ndarray):
        self._index = dict(index)
        self._vectors = np.asarray(vectors, dtype=np.float32)

    @classmethod
    def build(cls, texts: Sequence[str], encode: Callable[[list[str]], np.ndarray]) -> "EmbeddingTable":
        """Return the table of ``texts``, encoding each distinct text once in one call."""
        unique = list(dict.fromkeys(texts))
        vectors = encode(unique) if unique else np.zeros((0, 1), dtype=np.float32)
        return cls({t: i for i, t in enumerate(unique)}, vectors)

    def __getitem__(self, text: str) -> np.ndarray:
        return self._vectors[self._index[text]]

    def joined_vector(self, segments: Sequence[Segment]) -> np.ndarray:
        """Return the vector of the joined text of ``segments``; for a text the table does not
        hold (a bead of more than two clauses), the normalised sum of its clauses' vectors."""
        text = joined(segments)
        if text in self._index or len(segments) < 2:
            return self[text]
        total = np.sum([self[s.text] for s in segments], axis=0)
        norm = float(np.linalg.norm(total))
        return total / norm if norm else total

    def matrix(self, texts: Sequence[str]) -> np.ndarray:
        """Return the vectors of ``texts`` stacked: shape ``(len(texts), dim)``."""
        return self._vectors[[self._index[t] for t in texts]]


def surface_vectors(texts: list[str]) -> np.ndarray:
    """Return transliterated character n-gram vectors of ``texts``: shape ``(n, dim)``."""
    return np.stack([lexical_vector(t) for t in texts]) if texts else np.zeros((0, 1), np.float32)


def joined(segments: Sequence[Segment]) -> str:
    """Return the texts of ``segments`` joined by a space (the text of a merged bead)."""
    return " ".join(s.text for s in segments)


#: the act of a collection a clause outside the articles belongs to: ``pre_2.1`` is act 2's
_ACT_COPY = re.compile(r"^[a-z]+_(\d+)(?:\.|$)")


def block_key(segment: Segment) -> tuple[str, str]:
    """Return the block a segment belongs to: ``("article", "10")``, ``("preamble", "")``, or
    ``("preamble", "2")`` for the preamble of the second act of a collection in one file."""
    if segment.article is not None:
        return ("article", segment.article)
    if segment.kind == "heading":
        # a chapter's title outside any article is aligned with the chapters
        return ("container", "")
    copy = _ACT_COPY.match(segment.id)
    return (segment.kind, copy.group(1) if copy else "")


def blocks_of(treaty: Treaty) -> dict[tuple[str, str], list[Segment]]:
    """Return the segments of ``treaty`` grouped by block, in document order."""
    blocks: dict[tuple[str, str], list[Segment]] = {}
    for seg in treaty.segments:
        blocks.setdefault(block_key(seg), []).append(seg)
    return blocks


def texts_to_embed(treaty: Treaty) -> list[str]:
    """Return every text the aligner may need for ``treaty``: each segment, each adjacent pair
    of segments in a block (for 2-x beads)."""
    texts: list[str] = []
    for segs in blocks_of(treaty).values():
        texts.extend(s.text for s in segs)
        texts.extend(joined(segs[i:i + 2]) for i in range(len(segs) - 1))
    return texts


def structural_key(segment: Segment) -> str:
    """Return the id without its article prefix (``art10.p4.2`` -> ``p4.2``)."""
    return _ARTICLE_PREFIX.sub("", segment.id)


def numbers_in(text: str) -> frozenset[str]:
    """Return the digit sequences of ``text`` without leading zeros."""
    return frozenset(n.lstrip("0") or "0" for n in _NUMBER.findall(text))


@dataclass(frozen=True)
class Calibration:
    """Maps raw cosine similarity to [0, 1] using the document's own distribution."""

    baseline: float
    top: float

    def __call__(self, cosine: float) -> float:
        span = max(self.top - self.baseline, 1e-6)
        return float(min(1.0, max(0.0, (cosine - self.baseline) / span)))


def _spread(items: Sequence[Segment], limit: int) -> list[Segment]:
    """Return at most ``limit`` items evenly spread over ``items`` (all of them if fewer)."""
    if len(items) <= limit:
        return list(items)
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]


def calibrate(a: Treaty, b: Treaty, table: EmbeddingTable, top_percentile: float = 50.0,
              max_sample: int = 1000) -> Calibration:
    """Return the calibration of cosine similarity between segments of ``a`` and ``b``.

    The baseline is the median similarity of all cross pairs (nearly all of which do not
    correspond); the top is the ``top_percentile`` of each segment's best match (nearly all of
    which do). Long documents are sampled evenly (``max_sample`` segments a side) so that the
    cost stays bounded instead of growing with the square of the document.
    """
    ma = table.matrix([s.text for s in _spread(a.segments, max_sample)])
    mb = table.matrix([s.text for s in _spread(b.segments, max_sample)])
    if not len(ma) or not len(mb):
        return Calibration(0.0, 1.0)
    sims = ma @ mb.T
    baseline = float(np.median(sims))
    top = float(np.percentile(np.concatenate([sims.max(axis=1), sims.max(axis=0)]), top_percentile))
    if top - baseline < 0.05:
        top = baseline + 0.05
    return Calibration(baseline, top)


@dataclass(frozen=True)
class PairScorer:
    """Scores a bead ``a_segs`` ↔ ``b_segs`` inside one block; the score is in [0, 1]."""

    table: EmbeddingTable
    calibration: Calibration
    options: AlignOptions
    lexical: EmbeddingTable | None = None
    lexical_calibration: Calibration | None = None

    def semantic(self, a_segs: Sequence[Segment], b_segs: Sequence[Segment]) -> float:
        """Return the calibrated embedding similarity of the joined texts."""
        cosine = float(self.table.joined_vector(a_segs) @ self.table.joined_vector(b_segs))
        return self.calibration(cosine)

    def surface(self, a_segs: Sequence[Segment], b_segs: Sequence[Segment]) -> float:
        """Return the calibrated similarity of transliterated character n-grams (names, cognates)."""
        if self.lexical is None or self.lexical_calibration is None:
            return self.semantic(a_segs, b_segs)
        cosine = float(self.lexical.joined_vector(a_segs) @ self.lexical.joined_vector(b_segs))
        return self.lexical_calibration(cosine)

    @staticmethod
    def numbers_and_length(a_segs: Sequence[Segment], b_segs: Sequence[Segment]) -> tuple[float, float]:
        """Return the overlap of the numbers (0.5 when neither side has any) and the length ratio."""
        text_a, text_b = joined(a_segs), joined(b_segs)
        nums_a, nums_b = numbers_in(text_a), numbers_in(text_b)
        numbers = len(nums_a & nums_b) / len(nums_a | nums_b) if nums_a or nums_b else 0.5
        length = min(len(text_a), len(text_b)) / max(len(text_a), len(text_b), 1)
        return numbers, length

    def content(self, a_segs: Sequence[Segment], b_segs: Sequence[Segment]) -> float:
        """Return a score in [0, 1] from the texts alone (no ids, labels or positions)."""
        o = self.options
        numbers, length = self.numbers_and_length(a_segs, b_segs)
        total = o.w_semantic + o.w_lexical + o.w_numbers + o.w_length
        return (o.w_semantic * self.semantic(a_segs, b_segs) + o.w_lexical * self.surface(a_segs, b_segs)
                + o.w_numbers * numbers + o.w_length * length) / total

    def score(self, a_segs: Sequence[Segment], b_segs: Sequence[Segment],
              pos_a: float, pos_b: float, steady: frozenset[str] | None = None) -> float:
        """Return the combined score of a bead; ``pos_*`` are relative positions in the block.

        ``steady`` names the containers whose unnumbered clauses are as many on both sides
        (None = all): only there does an id that counts positions say anything.
        """
        o = self.options
        sem = self.semantic(a_segs, b_segs)
        keys_a = {structural_key(s) for s in a_segs}
        keys_b = {structural_key(s) for s in b_segs}
        labels_a = {s.label for s in a_segs if s.label}
        labels_b = {s.label for s in b_segs if s.label}
        structure = 0.0
        # ids of unnumbered paragraphs and items count positions: after an omitted item every
        # later one would agree with its wrong neighbour, so they count only in steady lists
        shared = {k for k in keys_a & keys_b
                  if steady is None or any(s.label or _container(s) in steady for s in a_segs
                                           if structural_key(s) == k)}
        if shared:
            structure += 0.6
        if labels_a and labels_a == labels_b:
            structure += 0.4
        elif not labels_a and not labels_b:
            structure += 0.2
        numbers, length = self.numbers_and_length(a_segs, b_segs)
        position = 1.0 - min(1.0, abs(pos_a - pos_b) * 2)
        surface = self.surface(a_segs, b_segs)
        # fitted weights need not sum to one; a score stays in [0, 1]
        return min(1.0, o.w_semantic * sem + o.w_lexical * surface + o.w_structure * min(structure, 1.0)
                   + o.w_numbers * numbers + o.w_length * length + o.w_position * position)


@dataclass(frozen=True)
class Bead:
    """Segments of version a and of version b that correspond, with the bead's score."""

    a: tuple[Segment, ...]
    b: tuple[Segment, ...]
    score: float
    #: ``score`` lowered when a neighbouring omission could as well take this bead's place
    #: (None = no such neighbour: the confidence is the score)
    confidence: float | None = None


def align_block(a_segs: Sequence[Segment], b_segs: Sequence[Segment], scorer: PairScorer) -> list[Bead]:
    """Return the beads aligning two blocks (DP, then crosswise repair of reordered items)."""
    n, m = len(a_segs), len(b_segs)
    if not n or not m:
        # a block one version lacks: every clause is an omission (what the DP and the repairs
        # below give, without building them for each of the thousands of such blocks)
        return [Bead((s,), (), 0.0) for s in a_segs] + [Bead((), (s,), 0.0) for s in b_segs]
    o = scorer.options
    cache: dict[tuple[int, int, int, int], float] = {}
    # lists (and runs of paragraphs) with as many clauses on both sides; counted with the
    # numbered ones, since one version may print a label where the other does not
    counts_a = Counter(_container(s) for s in a_segs)
    counts_b = Counter(_container(s) for s in b_segs)
    steady = frozenset(c for c, k in counts_a.items() if counts_b.get(c) == k)

    def score(i0: int, i1: int, j0: int, j1: int) -> float:
        key = (i0, i1, j0, j1)
        if key not in cache:
            pos_a = (i0 + i1) / 2 / max(n, 1)
            pos_b = (j0 + j1) / 2 / max(m, 1)
            cache[key] = scorer.score(a_segs[i0:i1], b_segs[j0:j1], pos_a, pos_b, steady)
        return cache[key]

    # Blocks whose clauses carry the same structural ids in the same order (same points, items,
    # paragraphs) are very likely translated clause by clause: reward the 1-1 pairs they imply.
    parallel = [structural_key(x) for x in a_segs] == [structural_key(y) for y in b_segs]

    def gain(i0: int, i1: int, j0: int, j1: int) -> float:
        if i0 == i1 or j0 == j1:
            return 0.0
        size = (i1 - i0) + (j1 - j0)
        if size == 2 and parallel and i0 == j0:
            return score(i0, i1, j0, j1) - o.threshold + o.parallel_bonus
        return bead_gain(score(i0, i1, j0, j1), size)

    def bead_gain(value: float, size: int) -> float:
        # the joined text of a merge resembles its counterpart more than either half does, so
        # merges pay a penalty; a 2-2 bead must beat two 1-1 beads by a wide margin
        merged = 0.0 if size == 2 else o.merge_penalty if size == 3 else o.merge_penalty_2_2
        return (value - o.threshold) * size / 2 - merged

    path = align_sequences(n, m, gain, band=o.band)
    beads = [
        Bead(tuple(a_segs[r.start:r.stop]), tuple(b_segs[q.start:q.stop]),
             score(r.start, r.stop, q.start, q.stop) if len(r) and len(q) else 0.0)
        for r, q in path
    ]

    def content_gain(i0: int, i1: int, j0: int, j1: int) -> float:
        if i0 == i1 or j0 == j1:
            return 0.0
        return bead_gain(scorer.content(a_segs[i0:i1], b_segs[j0:j1]), (i1 - i0) + (j1 - j0))

    beads = _repair_reordered(beads, a_segs, b_segs, score, content_gain, o.swap_margin)
    beads = _pair_facing_gaps(beads, a_segs, b_segs, score, o.threshold - o.gap_margin)
    beads = _absorb_split_clauses(beads, a_segs, b_segs, score, o.threshold - o.gap_margin)
    return _next_to_gaps(beads, a_segs, b_segs, score, o.gap_margin)


#: a clause one version splits into more paragraphs than a bead holds (a preamble printed as
#: one paragraph in one version and one recital per paragraph in the other): the paragraphs
#: joined must be about as long as the clause they face ...
_SPLIT_LENGTH = (0.7, 1.45)
#: ... which is far longer than the paragraph paired with it alone
_SPLIT_ALONE_MAX = 0.6


def _join_facing_runs(beads: list[Bead], index: Mapping[str, Mapping[Segment, int]],
                      score: Callable[[int, int, int, int], float], floor: float) -> list[Bead]:
    """Return ``beads`` where a run of clauses left alone that holds one clause on one side and
    several on the other, together about as long as it, is one bead when it scores ``floor``."""
    out: list[Bead] = []
    k = 0
    while k < len(beads):
        end = k
        while end < len(beads) and (not beads[end].a or not beads[end].b):
            end += 1
        run = beads[k:end]
        xs = [s for bd in run for s in bd.a]
        ys = [s for bd in run for s in bd.b]
        joined_bead = None
        if run and ((len(xs) == 1 and len(ys) > 1) or (len(ys) == 1 and len(xs) > 1)):
            one, many = (xs[0], ys) if len(xs) == 1 else (ys[0], xs)
            ratio = sum(len(s.text) for s in many) / max(1, len(one.text))
            if _SPLIT_LENGTH[0] <= ratio <= _SPLIT_LENGTH[1]:
                xs.sort(key=index["a"].__getitem__)
                ys.sort(key=index["b"].__getitem__)
                i0, j0 = index["a"][xs[0]], index["b"][ys[0]]
                contiguous = (index["a"][xs[-1]] - i0 == len(xs) - 1 and index["b"][ys[-1]] - j0 == len(ys) - 1)
                value = score(i0, i0 + len(xs), j0, j0 + len(ys)) if contiguous else floor - 1
                if value >= floor:
                    joined_bead = Bead(tuple(xs), tuple(ys), value)
        if joined_bead is not None:
            out.append(joined_bead)
            k = end
        else:
            out.append(beads[k])
            k += 1
    return out


def _unfinished(text: str) -> bool:
    """Return True for a clause that ends without any punctuation: a line broken off mid-sentence."""
    return text.rstrip()[-1:].isalnum()


def _absorb_split_clauses(beads: list[Bead], a_segs: Sequence[Segment], b_segs: Sequence[Segment],
                          score: Callable[[int, int, int, int], float], floor: float) -> list[Bead]:
    """Return ``beads`` where a bead facing one clause takes in the clauses left alone next to
    it on its other side, when the clause it faces is as long as all of them together and far
    longer than its own partner, and the joined bead scores no worse.

    The same holds for a clause that ends without any punctuation ('We, the people,' broken
    off before 'united by ...') whatever its length. The DP merges at most two paragraphs, and
    pays a penalty for it; a clause printed as seven paragraphs in one version would leave five
    of them as omissions. A clause a version really lacks is not taken in: then the bead's
    partner is as long as the clause it faces, and ends its sentence.
    """
    index = {"a": {s: i for i, s in enumerate(a_segs)}, "b": {s: i for i, s in enumerate(b_segs)}}
    out = _join_facing_runs(list(beads), index, score, floor)
    k = 0
    while k < len(out):
        bead = out[k]
        merged = None
        for side, other in (("a", "b"), ("b", "a")):
            many, one = getattr(bead, side), getattr(bead, other)
            if len(one) != 1 or not many:
                continue

            def alone(n: int) -> bool:
                return 0 <= n < len(out) and bool(getattr(out[n], side)) and not getattr(out[n], other)

            lo, hi = k, k
            while alone(lo - 1):
                lo -= 1
            while alone(hi + 1):
                hi += 1
            if lo == hi:
                continue
            segs = [s for bd in out[lo:hi + 1] for s in getattr(bd, side)]
            facing = max(1, len(one[0].text))
            joined = sum(len(s.text) for s in segs) / facing
            own = sum(len(s.text) for s in many) / facing
            # or a line broken off mid-sentence ('Мы, народ,' / 'объединенный ...'): every
            # clause taken in stops short of any punctuation before the next one starts
            broken = all(_unfinished(segs[n].text) for n in range(len(segs) - 1) if segs[n] not in many
                         or segs[n + 1] not in many)
            if not _SPLIT_LENGTH[0] <= joined <= _SPLIT_LENGTH[1] or abs(1 - joined) >= abs(1 - own) \
                    or (own > _SPLIT_ALONE_MAX and not broken):
                continue
            i0, i1 = index[side][segs[0]], index[side][segs[-1]] + 1
            j = index[other][one[0]]
            value = score(i0, i1, j, j + 1) if side == "a" else score(j, j + 1, i0, i1)
            if value >= bead.score:
                merged = (lo, hi, Bead(tuple(segs), one, value) if side == "a" else Bead(one, tuple(segs), value))
                break
        if merged is None:
            k += 1
            continue
        lo, hi, joined_bead = merged
        out[lo:hi + 1] = [joined_bead]
        k = lo + 1
    return out


def _pair_facing_gaps(beads: list[Bead], a_segs: Sequence[Segment], b_segs: Sequence[Segment],
                      score: Callable[[int, int, int, int], float], floor: float) -> list[Bead]:
    """Return ``beads`` where clauses left alone on both sides at the same place (a run of 1-0
    and 0-1 beads) are paired 1-1, in order, when a pair scores at least ``floor``.

    Omissions facing each other are more often a clause translated loosely than clauses each
    version lacks; the confidence of such a pair is then judged by :func:`_next_to_gaps`.
    """
    ia = {s: i for i, s in enumerate(a_segs)}
    ib = {s: i for i, s in enumerate(b_segs)}
    out: list[Bead] = []
    k = 0
    while k < len(beads):
        end = k
        while end < len(beads) and len(beads[end].a) + len(beads[end].b) == 1:
            end += 1
        run = beads[k:end]
        xs = sorted((s for bd in run for s in bd.a), key=ia.__getitem__)
        ys = sorted((s for bd in run for s in bd.b), key=ib.__getitem__)
        if not xs or not ys:
            out.append(beads[k])
            k += 1
            continue

        def gain(i0: int, i1: int, j0: int, j1: int) -> float:
            if i0 == i1 or j0 == j1:
                return 0.0
            x, y = ia[xs[i0]], ib[ys[j0]]
            return score(x, x + 1, y, y + 1) - floor

        for r, q in align_sequences(len(xs), len(ys), gain, beads=((1, 1), (1, 0), (0, 1))):
            if len(r) and len(q):
                x, y = ia[xs[r.start]], ib[ys[q.start]]
                out.append(Bead((xs[r.start],), (ys[q.start],), score(x, x + 1, y, y + 1)))
            else:
                out.append(Bead(tuple(xs[i] for i in r), tuple(ys[j] for j in q), 0.0))
        k = end
    return out


def _next_to_gaps(beads: list[Bead], a_segs: Sequence[Segment], b_segs: Sequence[Segment],
                  score: Callable[[int, int, int, int], float], gap_margin: float) -> list[Bead]:
    """Return ``beads`` with a confidence for each bead standing next to an omission (1-0, 0-1).

    Next to an omitted clause the pairing may be one off: the omitted clause could take the
    place of this bead's own clause on that side. The confidence is the score scaled by how far
    this bead beats that alternative, relative to ``gap_margin``; a close call gets a low one.
    """
    ia = {s: i for i, s in enumerate(a_segs)}
    ib = {s: i for i, s in enumerate(b_segs)}
    out = list(beads)
    for k, bead in enumerate(beads):
        if not bead.a or not bead.b:
            continue
        i0, j0 = ia[bead.a[0]], ib[bead.b[0]]
        i1, j1 = i0 + len(bead.a), j0 + len(bead.b)
        alternatives = []
        for n in (k - 1, k + 1):
            if not 0 <= n < len(beads):
                continue
            gap = beads[n]
            if gap.a and not gap.b and len(gap.a) == 1:
                p = ia[gap.a[0]]
                if p in (i0 - 1, i1):
                    alternatives.append(score(p, p + 1, j0, j1))
            elif gap.b and not gap.a and len(gap.b) == 1:
                q = ib[gap.b[0]]
                if q in (j0 - 1, j1):
                    alternatives.append(score(i0, i1, q, q + 1))
        if alternatives:
            margin = bead.score - max(alternatives)
            confidence = bead.score * min(1.0, max(0.0, margin) / gap_margin)
            out[k] = Bead(bead.a, bead.b, bead.score, confidence)
    return out


def _container(seg: Segment) -> str:
    """Return the kind of ``seg`` and the structural key of what holds it (``item:p1``)."""
    key = structural_key(seg)
    return f"{seg.kind}:{key.rsplit('.', 1)[0] if '.' in key else ''}"


def _list_key(seg: Segment) -> str | None:
    """Return the structural key of the list an item belongs to (``p1`` for ``art3.p1.i2``)."""
    if seg.kind != "item":
        return None
    container = seg.id.rsplit(".", 1)[0]
    return _ARTICLE_PREFIX.sub("", container + ".")[:-1] if "." in container else ""


def _bead_list(bead: Bead) -> str | None:
    keys = {_list_key(s) for s in bead.a + bead.b}
    return keys.pop() if len(keys) == 1 else None


def _repair_reordered(beads: list[Bead], a_segs: Sequence[Segment], b_segs: Sequence[Segment],
                      score: Callable[[int, int, int, int], float],
                      gain: Callable[[int, int, int, int], float], margin: float) -> list[Bead]:
    """Return beads where the items of one list are matched crosswise when that pays.

    A monotone path cannot match ``[x, y]`` with ``[y, x]``. For each list present in both
    blocks, the items are re-matched 1-1 greedily by score (best pair first); the new matching
    replaces the DP's beads of that list when its total gain beats theirs by ``margin`` per item.
    """
    ia = {s.id: i for i, s in enumerate(a_segs)}
    ib = {s.id: i for i, s in enumerate(b_segs)}
    result = list(beads)
    for key in sorted({k for k in map(_bead_list, beads) if k is not None}):
        members = [n for n, bd in enumerate(result) if _bead_list(bd) == key]
        items_a = [s for n in members for s in result[n].a]
        items_b = [s for n in members for s in result[n].b]
        if len(items_a) < 2 or len(items_b) < 2:
            continue

        def bead_gain(bd: Bead) -> float:
            if not bd.a or not bd.b:
                return 0.0
            i0, j0 = ia[bd.a[0].id], ib[bd.b[0].id]
            return gain(i0, i0 + len(bd.a), j0, j0 + len(bd.b))

        current = sum(bead_gain(result[n]) for n in members)
        pairs = sorted(
            ((gain(ia[x.id], ia[x.id] + 1, ib[y.id], ib[y.id] + 1), ia[x.id], ib[y.id], x, y)
             for x in items_a for y in items_b),
            key=lambda t: (-t[0], t[1], t[2]),
        )
        used_a: set[str] = set()
        used_b: set[str] = set()
        matched: list[Bead] = []
        for value, _, _, x, y in pairs:
            if x.id in used_a or y.id in used_b or value <= 0.0:
                continue
            used_a.add(x.id)
            used_b.add(y.id)
            matched.append(Bead((x,), (y,), score(ia[x.id], ia[x.id] + 1, ib[y.id], ib[y.id] + 1)))
        best_a: dict[str, str] = {}
        best_b: dict[str, str] = {}
        for value, _, _, x, y in pairs:
            best_a.setdefault(x.id, y.id)
            best_b.setdefault(y.id, x.id)
        # every pair that departs from the given structure must be each other's best match;
        # otherwise the "reordering" is noise of a weak encoder
        crosswise = [b for b in matched if structural_key(b.a[0]) != structural_key(b.b[0])]
        if not crosswise or any(best_a[b.a[0].id] != b.b[0].id or best_b[b.b[0].id] != b.a[0].id
                                for b in crosswise):
            continue
        proposed = sum(gain(ia[b.a[0].id], ia[b.a[0].id] + 1, ib[b.b[0].id], ib[b.b[0].id] + 1) for b in matched)
        # matching by content only: ids and positions would always favour the given order
        if proposed <= current + margin * len(items_a):
            continue
        matched += [Bead((x,), (), 0.0) for x in items_a if x.id not in used_a]
        matched += [Bead((), (y,), 0.0) for y in items_b if y.id not in used_b]
        matched.sort(key=lambda b: (ia[b.a[0].id] if b.a else ia[items_a[-1].id] + 0.5, ib[b.b[0].id] if b.b else -1))
        first = members[0]
        result = result[:first] + matched + [bd for n, bd in enumerate(result) if n > first and n not in members]
    return result


def article_units(treaty: Treaty) -> dict[str, tuple[Segment, ...]]:
    """Return the segments of each article, keyed by article, in document order.

    The parser gives a repeated number its own key (``5#2`` for the second Article 5 of a
    collection of acts, or of articles that restart per part), so each copy is a unit of its own.
    """
    return {num: treaty.article(num) for num in treaty.articles}


def _article_vectors(treaty: Treaty, table: EmbeddingTable) -> dict[str, np.ndarray]:
    """Return a unit vector per article: the mean of its segments' vectors.

    A mean of clause vectors is cheaper than encoding whole articles and is not cut off at the
    encoder's length limit (512 tokens for e5), which long articles exceed.
    """
    vectors = {}
    # articles with the same clauses (a collection repeating a standard article) share one
    # vector, computed once
    done: dict[tuple[str, ...], np.ndarray] = {}
    for num, segs in article_units(treaty).items():
        texts = tuple(s.text for s in segs)
        if texts not in done:
            mean = table.matrix(list(texts)).mean(axis=0)
            norm = float(np.linalg.norm(mean))
            done[texts] = mean / norm if norm else mean
        vectors[num] = done[texts]
    return vectors


def _stacked(vectors: Sequence[np.ndarray]) -> tuple[np.ndarray, list[int]]:
    """Return the distinct arrays of ``vectors`` stacked, and the row of each vector in it.

    Shared article vectors are stacked once: a 50 MB collection of repeated articles would
    otherwise need a ``(articles, dim)`` matrix of copies.
    """
    rows: dict[int, int] = {}
    distinct: list[np.ndarray] = []
    where = []
    for v in vectors:
        if id(v) not in rows:
            rows[id(v)] = len(distinct)
            distinct.append(v)
        where.append(rows[id(v)])
    return np.stack(distinct), where


def _similarities(va: Sequence[np.ndarray], vb: Sequence[np.ndarray]) -> np.ndarray:
    """Return the dot products of each of ``va`` with each of ``vb``: shape ``(len(va), len(vb))``."""
    ma, rows_a = _stacked(va)
    mb, rows_b = _stacked(vb)
    sims = ma @ mb.T
    if len(ma) == len(va) and len(mb) == len(vb):
        return sims
    return sims[np.ix_(rows_a, rows_b)]


def _calibrated(sims: np.ndarray) -> np.ndarray:
    """Return ``sims`` mapped to [0, 1]: 0 at the median, 1 at the median best match.

    The best matches are taken both ways (rows and columns), so the mapping does not depend on
    which version is ``a``.
    """
    base = float(np.median(sims))
    best = np.concatenate([sims.max(axis=1), sims.max(axis=0)])
    top = max(float(np.median(best)), base + 0.05)
    return np.clip((sims - base) / (top - base), 0.0, 1.0)


def article_similarity(a: Treaty, b: Treaty, tables: Sequence[EmbeddingTable]) -> tuple[list[str], list[str], np.ndarray]:
    """Return the article keys of ``a`` and ``b`` and their content similarity matrix.

    The matrix, shape ``(len(a_keys), len(b_keys))``, averages the calibrated similarities of
    whole-article vectors from each table (e.g. the encoder's and the surface n-grams').
    """
    na, nb = list(a.articles), list(b.articles)
    if not na or not nb:
        return na, nb, np.zeros((len(na), len(nb)))
    mats = []
    for table in tables:
        va, vb = _article_vectors(a, table), _article_vectors(b, table)
        mats.append(_calibrated(_similarities([va[k] for k in na], [vb[k] for k in nb])))
    return na, nb, np.mean(mats, axis=0)


def _content_path(sims: np.ndarray, options: AlignOptions) -> list[tuple[range, range]]:
    """Return the monotone 1-1/1-0/0-1 path over an article similarity matrix."""

    # Python floats: indexing an array cell by cell is slow
    gains = [[value - options.threshold for value in row] for row in sims.tolist()]
    return align_matrix(gains, sims.shape[1], band=max(options.band, 10))


def article_label(key: str) -> str:
    """Return how a person names article ``key``: ``5``, or ``5 (copy 2)`` for ``5#2``."""
    number, _, copy = key.partition("#")
    return f"{number} (copy {copy})" if copy else number


def _content_pairs(na: Sequence[str], nb: Sequence[str], sims: np.ndarray,
                   options: AlignOptions) -> list[tuple[int | None, int | None]]:
    """Return index pairs of the monotone content path over ``sims`` (None = no counterpart)."""
    if not len(na) or not len(nb):
        return [(i, None) for i in range(len(na))] + [(None, j) for j in range(len(nb))]
    return [(r.start if len(r) else None, q.start if len(q) else None)
            for r, q in _content_path(sims, options)]


def _numbered_pairs(na: Sequence[str], nb: Sequence[str], sims: np.ndarray,
                    options: AlignOptions) -> list[tuple[int | None, int | None]]:
    """Return index pairs of same-numbered articles, repaired by content where it disagrees.

    A same-numbered pair whose content disagrees is put back in play with the articles whose
    number the other version lacks, and those are paired by content (a monotone DP): a local
    renumbering (an article dropped, the later ones renumbered) is then paired right; a weak
    pair that nothing better claims stays.
    """
    ia = {k: i for i, k in enumerate(na)}
    ib = {k: j for j, k in enumerate(nb)}
    common = [k for k in na if k in ib]
    weak = [k for k in common if float(sims[ia[k], ib[k]]) < options.threshold]
    index_pairs: list[tuple[int | None, int | None]] = [(ia[k], ib[k]) for k in common if k not in weak]
    rest_a = sorted([ia[k] for k in weak] + [i for i, k in enumerate(na) if k not in ib])
    rest_b = sorted([ib[k] for k in weak] + [j for j, k in enumerate(nb) if k not in ia])
    claimed: list[tuple[int, int]] = []
    if rest_a and rest_b:
        sub = sims[np.ix_(rest_a, rest_b)]
        claimed = [(rest_a[i], rest_b[j]) for i, j in _content_pairs(rest_a, rest_b, sub, options)
                   if i is not None and j is not None
                   and float(sims[rest_a[i], rest_b[j]]) >= options.threshold
                   and _beats_numbers(rest_a[i], rest_b[j], na, nb, ia, ib, sims, options)]
    taken_a = {x for x, _ in claimed}
    taken_b = {y for _, y in claimed}
    for k in weak:
        if ia[k] not in taken_a and ib[k] not in taken_b:
            claimed.append((ia[k], ib[k]))
            taken_a.add(ia[k])
            taken_b.add(ib[k])
    index_pairs += claimed
    index_pairs += [(i, None) for i in rest_a if i not in taken_a]
    index_pairs += [(None, j) for j in rest_b if j not in taken_b]
    return index_pairs


def _beats_numbers(i: int, j: int, na: Sequence[str], nb: Sequence[str], ia: Mapping[str, int],
                   ib: Mapping[str, int], sims: np.ndarray, options: AlignOptions) -> bool:
    """Return True when pairing a-article ``i`` with b-article ``j`` by content is clearly better
    than what their own numbers offer (the same-numbered article of the other version).

    Two weak same-numbered pairs are not evidence of a renumbering: with a weak encoder one
    article can look a little more like another's counterpart than its own. A content pair
    across numbers must win over each side's own-number pair by ``renumber_margin``.
    """
    own = [float(sims[i, ib[na[i]]])] if na[i] in ib else []
    own += [float(sims[ia[nb[j]], j])] if nb[j] in ia else []
    if na[i] == nb[j] or not own:
        return True
    return float(sims[i, j]) >= max(own) + options.renumber_margin


def pair_articles(a: Treaty, b: Treaty, tables: Sequence[EmbeddingTable],
                  options: AlignOptions) -> tuple[list[tuple[str | None, str | None]], list[str]]:
    """Return pairs of article keys ``(a_key, b_key)`` (None = no counterpart) and warnings.

    Articles with the same number are paired with each other wherever they stand (an article
    moved to another place keeps its number), unless pairing the whole treaty by content is
    clearly better, as when one version inserts or drops an article and renumbers the rest.
    Articles whose number the other version lacks are then paired by content with a monotone
    DP over whole-article similarities, among themselves. Pairs are given in ``a``'s order.
    """
    na, nb, sims = article_similarity(a, b, tables)
    warnings: list[str] = []
    ia = {k: i for i, k in enumerate(na)}
    ib = {k: j for j, k in enumerate(nb)}
    common = [k for k in na if k in ib]
    if na and list(na) == list(nb):
        # the same numbers in the same order: nothing was inserted, dropped or moved, so a
        # same-numbered article that looks unlike its counterpart is a weak encoder's noise
        # (or a real divergence to report), not a renumbering
        return [(k, k) for k in na], warnings
    content = _content_pairs(na, nb, sims, options)
    numbered_pairs = _numbered_pairs(na, nb, sims, options) if common else []

    def value(pairs: list[tuple[int | None, int | None]]) -> float:
        return sum(max(0.0, float(sims[i, j]) - options.threshold) for i, j in pairs
                   if i is not None and j is not None)

    # a weak encoder's article vectors are noisy: one closer neighbour proves nothing, so the
    # numbers are kept unless content wins by a margin per article
    numbered = bool(common) and value(content) <= value(numbered_pairs) + options.renumber_margin * len(common)
    index_pairs: list[tuple[int | None, int | None]]
    if numbered:
        index_pairs = numbered_pairs
        order_b = [k for k in nb if k in ia]
        if order_b != common:
            moved = [m for k, m in zip(common, order_b) if k != m]
            warnings.append(
                f"{a.language}/{b.language}: articles stand in another order "
                f"(e.g. {b.language} article {', '.join(article_label(k) for k in moved[:5])}); "
                f"articles were paired by number"
            )
    else:
        index_pairs = content
        if common:
            moved = [na[i] for i, j in content if i is not None and (j is None or nb[j] != na[i])]
            warnings.append(
                f"{a.language}/{b.language}: articles with the same number differ in content "
                f"(e.g. {', '.join(article_label(k) for k in moved[:5]) or 'several'}); "
                f"articles were paired by content"
            )
        elif na and nb:
            warnings.append(
                f"{a.language}/{b.language}: no article numbers in common "
                f"({len(na)} vs {len(nb)} articles); articles were paired by content"
            )

    def order(pair: tuple[int | None, int | None]) -> tuple[float, float]:
        i, j = pair
        if i is not None:
            return (float(i), 0.0)
        # a b-only article goes after the a-article paired with its predecessor in b
        prev = [x for x, y in index_pairs if x is not None and y is not None and y < j]
        return (max(prev, default=-1) + 0.5, float(j))

    pairs: list[tuple[str | None, str | None]] = []
    for i, j in sorted(index_pairs, key=order):
        x = na[i] if i is not None else None
        y = nb[j] if j is not None else None
        if x is not None and y is not None and x != y:
            warnings.append(f"{a.language} article {article_label(x)} is paired with "
                            f"{b.language} article {article_label(y)}")
        if (x is None) != (y is None):
            side, key = (a.language, x) if y is None else (b.language, y)
            warnings.append(f"{side} article {article_label(key)} has no counterpart")
        pairs.append((x, y))
    return pairs, warnings


def same_treaty_separation(a: Treaty, b: Treaty, table: EmbeddingTable) -> float | None:
    """Return how far same-numbered articles stand above the others in similarity.

    The mean similarity of same-numbered articles minus the mean of the other pairs, in standard
    deviations of the latter; None with fewer than three article numbers in common.
    """
    va, vb = _article_vectors(a, table), _article_vectors(b, table)
    common = [k for k in va if k in vb]
    if len(common) < 3:
        return None
    sims = np.stack([va[k] for k in common]) @ np.stack([vb[k] for k in common]).T
    diagonal = np.diag(sims)
    others = sims[~np.eye(len(common), dtype=bool)]
    return float((diagonal.mean() - others.mean()) / (others.std() + 1e-9))


def check_same_treaty(a: Treaty, b: Treaty, table: EmbeddingTable, min_separation: float | None = None) -> None:
    """Raise :class:`InputError` when ``a`` and ``b`` do not look like versions of one treaty.

    With three or more articles numbered alike, same-numbered articles must be more similar
    than differently numbered ones by ``min_separation`` (default: the fitted value of
    ``data/calibration/align.json``, which also records the separations measured on versions
    of one act and on unrelated acts) in :func:`same_treaty_separation`.
    """
    if min_separation is None:
        min_separation = float(fitted_calibration()["same_treaty"]["min_separation"])
    separation = same_treaty_separation(a, b, table)
    if separation is not None and separation < min_separation:
        raise InputError(
            f"the {a.language} and {b.language} texts do not look like versions of the same treaty "
            f"(articles with the same number are no more alike than any others); check the files"
        )


def align_pair(a: Treaty, b: Treaty, table: EmbeddingTable, options: AlignOptions = AlignOptions(),
               lexical: EmbeddingTable | None = None) -> tuple[list[Bead], list[str]]:
    """Return the beads aligning every segment of ``a`` with ``b``, and warnings.

    ``table`` holds the encoder's vectors; ``lexical`` (optional) the surface n-gram vectors
    that tell names and cognates apart where a small multilingual model does not.
    """
    check_same_treaty(a, b, table)
    lexical_cal = calibrate(a, b, lexical, top_percentile=90.0) if lexical is not None else None
    scorer = PairScorer(table, calibrate(a, b, table), options, lexical, lexical_cal)
    blocks_a, blocks_b = blocks_of(a), blocks_of(b)
    article_pairs, warnings = pair_articles(a, b, [table] + ([lexical] if lexical is not None else []), options)
    beads: list[Bead] = []
    for kind in BLOCK_ORDER:
        if kind == "article":
            for x, y in article_pairs:
                segs_a = blocks_a.get(("article", x), []) if x else []
                segs_b = blocks_b.get(("article", y), []) if y else []
                beads.extend(align_block(segs_a, segs_b, scorer))
            continue
        # one block of this kind per act of a collection: the acts are paired in order
        copies = sorted({key[1] for key in (*blocks_a, *blocks_b) if key[0] == kind},
                        key=lambda copy: int(copy or 1))
        for copy in copies:
            segs_a = blocks_a.get((kind, copy), [])
            segs_b = blocks_b.get((kind, copy), [])
            if kind == "instrument":
                # a ratifying act belongs to one version only; it is never aligned
                beads.extend(Bead((s,), (), 0.0) for s in segs_a)
                beads.extend(Bead((), (s,), 0.0) for s in segs_b)
                continue
            beads.extend(align_block(segs_a, segs_b, scorer))
    # a block of a kind the order does not name is still aligned: no clause may be lost
    for key in sorted((set(blocks_a) | set(blocks_b)) - {("article", "")}):
        if key[0] != "article" and key[0] not in BLOCK_ORDER:
            beads.extend(align_block(blocks_a.get(key, []), blocks_b.get(key, []), scorer))
    return beads, warnings


def _record_id(segments: Mapping[str, tuple[Segment, ...]], languages: Sequence[str]) -> str:
    for n, lang in enumerate(languages):
        segs = segments.get(lang, ())
        if segs:
            ids = "+".join(s.id for s in segs)
            return ids if n == 0 else f"{lang}:{ids}"
    return "empty"


def _block_of(segments: Mapping[str, tuple[Segment, ...]], languages: Sequence[str]) -> tuple[str, str | None]:
    for lang in languages:
        segs = segments.get(lang, ())
        if segs:
            seg = segs[0]
            return ("article" if seg.article is not None else seg.kind), seg.article
    return "", None


def merge_pairings(treaties: Mapping[str, Treaty], pivot_lang: str, others: Mapping[str, list[Bead]],
                   languages: Sequence[str], options: AlignOptions = AlignOptions()) -> list[Alignment]:
    """Return alignment records merging pivot↔other pairings into one record per group.

    Segments connected through any bead end up in one record (union-find), so a 1-2 bead on
    one side and a 1-1 bead on the other still give one three-way record. Records are ordered by
    document position: pivot first, then each other version's position.
    """
    pivot = treaties[pivot_lang]
    positions = {lang: {s.id: i for i, s in enumerate(t.segments)} for lang, t in treaties.items()}
    found = _single_pairing_groups(pivot, others) if len(others) == 1 else None
    if found is None:
        found = _connected_groups(pivot, others)
    seg_by_key, groups, scores, confidences = found
    built: list[Alignment] = []
    for root, members in groups.items():
        segments: dict[str, tuple[Segment, ...]] = {}
        if len(members) == 1:
            # a clause alone (most records of a long text without counterpart): nothing to sort
            lone, = members
            for lang in languages:
                segments[lang] = (seg_by_key[lone],) if lang == lone[0] else ()
        else:
            by_lang: dict[str, list[Segment]] = {}
            for k in members:
                by_lang.setdefault(k[0], []).append(seg_by_key[k])
            for lang in languages:
                segs = by_lang.get(lang, [])
                if len(segs) > 1:
                    where = positions.get(lang, {})
                    segs.sort(key=lambda s: where.get(s.id, 0))
                segments[lang] = tuple(segs)
        present = [lang for lang in languages if segments[lang]]
        group_scores = scores.get(root, [])
        score = min(group_scores) if group_scores and len(present) > 1 else 0.0
        block, article = _block_of(segments, languages)
        missing = [lang for lang in languages if not segments[lang]]
        if block == "instrument":
            note = "not part of the agreement (a ratifying act): aligned to nothing"
        elif missing:
            note = f"no counterpart in {', '.join(missing)}"
        else:
            note = ""
        confidence = min(confidences.get(root, []), default=0.0) if len(present) > 1 else 0.0
        low = bool(len(present) > 1 and confidence < options.low_confidence)
        built.append(Alignment(id=_record_id(segments, languages), block=block, article=article,
                               segments=segments, score=round(score, 4), low_confidence=low, note=note,
                               confidence=round(confidence, 4)))
    return _in_document_order(built, pivot.language, positions)


_Key = tuple[str, str]
_Groups = tuple[dict[_Key, Segment], dict[_Key, list[_Key]], dict[_Key, list[float]], dict[_Key, list[float]]]


def _connected_groups(pivot: Treaty, others: Mapping[str, list[Bead]]) -> _Groups:
    """Return the segments by key, the groups of keys connected through any bead (by root),
    and the scores and confidences of each root's beads."""
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(x: tuple[str, str]) -> tuple[str, str]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: tuple[str, str], y: tuple[str, str]) -> None:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)

    seg_by_key: dict[tuple[str, str], Segment] = {}
    scores: dict[tuple[str, str], list[float]] = {}
    confidences: dict[tuple[str, str], list[float]] = {}
    for s in pivot.segments:
        key = (pivot.language, s.id)
        find(key)
        seg_by_key[key] = s
    for lang, beads in others.items():
        for bead in beads:
            keys = [(pivot.language, s.id) for s in bead.a] + [(lang, s.id) for s in bead.b]
            for s in bead.a:
                seg_by_key[(pivot.language, s.id)] = s
            for s in bead.b:
                seg_by_key[(lang, s.id)] = s
            for k in keys:
                find(k)
            for k in keys[1:]:
                union(keys[0], k)
            if bead.a and bead.b:
                scores.setdefault(keys[0], []).append(bead.score)
                confidences.setdefault(keys[0], []).append(
                    bead.score if bead.confidence is None else bead.confidence)
    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for key in seg_by_key:
        groups.setdefault(find(key), []).append(key)
    for key in list(scores):
        root = find(key)
        if root != key:
            scores.setdefault(root, []).extend(scores.pop(key))
            confidences.setdefault(root, []).extend(confidences.pop(key))
    return seg_by_key, groups, scores, confidences


def _single_pairing_groups(pivot: Treaty, others: Mapping[str, list[Bead]]) -> _Groups | None:
    """Return what :func:`_connected_groups` returns when one version is paired with the pivot:
    then each bead is a group of its own (and each pivot segment without a bead), with no
    union-find. Returns None when a segment is in two beads (the general way joins them).

    The groups' order differs from the general way's; :func:`_in_document_order` sorts them
    by keys that are distinct when one version is paired, so the records' order does not.
    """
    (lang, beads), = others.items()
    seg_by_key: dict[_Key, Segment] = {}
    groups: dict[_Key, list[_Key]] = {}
    scores: dict[_Key, list[float]] = {}
    confidences: dict[_Key, list[float]] = {}
    for bead in beads:
        keys = [(pivot.language, s.id) for s in bead.a] + [(lang, s.id) for s in bead.b]
        if not keys:
            continue
        for k, seg in zip(keys, bead.a + bead.b):
            if k in seg_by_key:
                return None
            seg_by_key[k] = seg
        groups[keys[0]] = keys
        if bead.a and bead.b:
            scores[keys[0]] = [bead.score]
            confidences[keys[0]] = [bead.score if bead.confidence is None else bead.confidence]
    for seg in pivot.segments:
        key = (pivot.language, seg.id)
        if key not in seg_by_key:
            seg_by_key[key] = seg
            groups[key] = [key]
    return seg_by_key, groups, scores, confidences


def _in_document_order(records: list[Alignment], pivot: str,
                       positions: Mapping[str, Mapping[str, int]]) -> list[Alignment]:
    """Return records sorted by pivot position; a record without a pivot segment goes right
    after the record holding the previous segment of its own language."""
    pivot_where = positions[pivot]
    owner: dict[str, dict[int, float]] = {}
    primaries: list[float | None] = []
    for rec in records:
        pivot_segs = rec.segments.get(pivot, ())
        if not pivot_segs:
            primaries.append(None)
            continue
        primary = float(min(pivot_where[s.id] for s in pivot_segs))
        primaries.append(primary)
        for lang, segs in rec.segments.items():
            if not segs:
                continue
            where = positions[lang]
            owned = owner.setdefault(lang, {})
            for s in segs:
                owned[where[s.id]] = primary
    # for each language and position, the owner of the nearest earlier owned segment (one pass,
    # not a scan back from every record without a pivot segment), made only for a language
    # that has such records
    earlier: dict[str, list[float | None]] = {}

    def chain_of(lang: str) -> list[float | None]:
        if lang not in earlier:
            owned = owner.get(lang, {})
            last: float | None = None
            chain: list[float | None] = []
            for i in range(len(positions[lang])):
                chain.append(last)
                value = owned.get(i)
                if value is not None:
                    last = value
            earlier[lang] = chain
        return earlier[lang]

    keyed: list[tuple[float, float, Alignment]] = []
    for rec, primary in zip(records, primaries):
        if primary is not None:
            keyed.append((primary, 0.0, rec))
            continue
        lang = next(lang for lang, segs in rec.segments.items() if segs)
        where = positions[lang]
        index = min(where[s.id] for s in rec.segments[lang])
        chain = chain_of(lang)
        owned = owner.get(lang, {})
        previous = chain[index] if index < len(chain) else next(
            (owned[i] for i in range(index - 1, -1, -1) if i in owned), None)
        keyed.append((previous + 0.5 if previous is not None else -0.5, float(index), rec))
    keyed.sort(key=_FIRST_TWO)
    return [rec for _, _, rec in keyed]


_FIRST_TWO = operator.itemgetter(0, 1)


@dataclass(frozen=True)
class AlignResult:
    """The records of an alignment and the warnings raised while making it."""

    alignments: tuple[Alignment, ...]
    warnings: tuple[str, ...]


def align_treaties(treaties: Mapping[str, Treaty], encode: Callable[[list[str]], np.ndarray], *,
                   pivot: str | None = None, options: AlignOptions = AlignOptions()) -> AlignResult:
    """Return the alignment records of two or three language versions.

    ``treaties`` maps language codes to versions in output order; ``pivot`` (default: the first
    language) is the version every other one is aligned to. ``encode`` turns a list of texts
    into unit vectors (an encoder's ``encode``); it is called once with every text needed.
    """
    languages = list(treaties)
    if len(languages) < 2:
        raise InputError("give at least two language versions to align")
    pivot = pivot or languages[0]
    texts: list[str] = []
    for treaty in treaties.values():
        texts.extend(texts_to_embed(treaty))
    table = EmbeddingTable.build(texts, encode)
    lexical = EmbeddingTable.build(texts, surface_vectors)
    pairings: dict[str, list[Bead]] = {}
    warnings: list[str] = []
    for lang in languages:
        if lang == pivot:
            continue
        beads, pair_warnings = align_pair(treaties[pivot], treaties[lang], table, options, lexical)
        pairings[lang] = beads
        warnings.extend(pair_warnings)
    ordered = [pivot] + [lang for lang in languages if lang != pivot]
    records = merge_pairings(treaties, pivot, pairings, ordered, options)
    low = sum(1 for r in records if r.low_confidence)
    if low:
        warnings.append(f"{low} of {len(records)} records are low-confidence "
                        f"(confidence < {options.low_confidence}: a low score, or one off next to an omission)")
    return AlignResult(tuple(records), tuple(warnings))
