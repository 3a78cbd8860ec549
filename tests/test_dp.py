"""Unit tests of the alignment DP and the block aligner on small SYNTHETIC cases."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from treaty_align.align import AlignOptions, Calibration, EmbeddingTable, PairScorer, align_block
from treaty_align.dp import align_matrix, align_sequences
from treaty_align.model import Segment


def _gain_from(matrix: dict[tuple[tuple[int, ...], tuple[int, ...]], float]):
    def gain(i0, i1, j0, j1):
        if i0 == i1 or j0 == j1:
            return 0.0
        return matrix.get((tuple(range(i0, i1)), tuple(range(j0, j1))), -1.0)
    return gain


def _beads(path):
    return [(tuple(r), tuple(q)) for r, q in path]


def test_one_to_one_diagonal():
    gain = _gain_from({((i,), (i,)): 1.0 for i in range(4)})
    assert _beads(align_sequences(4, 4, gain)) == [((i,), (i,)) for i in range(4)]


def test_one_to_two_merge():
    gain = _gain_from({((0,), (0,)): 1.0, ((1,), (1, 2)): 1.5, ((1,), (1,)): 0.3, ((2,), (3,)): 1.0})
    assert _beads(align_sequences(3, 4, gain)) == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]


def test_omitted_clause_is_a_one_to_zero_bead():
    gain = _gain_from({((0,), (0,)): 1.0, ((2,), (1,)): 1.0})
    assert _beads(align_sequences(3, 2, gain)) == [((0,), (0,)), ((1,), ()), ((2,), (1,))]


def test_band_still_finds_a_path_and_same_result():
    gain = _gain_from({((i,), (i,)): 1.0 for i in range(30)})
    assert _beads(align_sequences(30, 30, gain, band=2)) == _beads(align_sequences(30, 30, gain))


def test_ties_are_deterministic():
    gain = _gain_from({})
    assert align_sequences(2, 2, gain) == align_sequences(2, 2, gain)


# --- the block aligner with a fake encoder: SYNTHETIC texts whose vectors we choose -----------

def _segs(prefix: str, texts: list[str], kind: str = "item") -> list[Segment]:
    return [Segment(id=f"art1.i{n}", kind=kind, text=f"{prefix}{t}", line=n, span=(n, n + 1), article="1")
            for n, t in enumerate(texts, start=1)]


def _scorer(vectors: dict[str, np.ndarray]) -> PairScorer:
    texts = list(vectors)

    def encode(batch):
        return np.stack([vectors[t] for t in batch])

    table = EmbeddingTable.build(texts, encode)
    return PairScorer(table, Calibration(0.0, 1.0), AlignOptions())


def _unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_reordered_list_is_matched_crosswise():
    a = _segs("A", ["x", "y", "z"])
    b = _segs("B", ["y", "x", "z"])
    topics = {"x": _unit(1, 0, 0), "y": _unit(0, 1, 0), "z": _unit(0, 0, 1)}
    vectors = {s.text: topics[s.text[1]] for s in a + b}
    for side in (a, b):
        for i in range(len(side) - 1):
            vectors[f"{side[i].text} {side[i + 1].text}"] = _unit(*(topics[side[i].text[1]] + topics[side[i + 1].text[1]]))
    beads = align_block(a, b, _scorer(vectors))
    pairs = sorted((bd.a[0].text, bd.b[0].text) for bd in beads if bd.a and bd.b)
    assert pairs == [("Ax", "Bx"), ("Ay", "By"), ("Az", "Bz")]


@given(st.integers(0, 9), st.integers(0, 9), st.sampled_from([None, 1, 2, 5]),
       st.lists(st.floats(-1, 1), min_size=81, max_size=81))
def test_matrix_dp_takes_the_path_of_the_general_one(n, m, band, cells):
    values = [[cells[i * 9 + j] for j in range(m)] for i in range(n)]

    def gain(i0, i1, j0, j1):
        return 0.0 if i0 == i1 or j0 == j1 else values[i0][j0]

    general = align_sequences(n, m, gain, beads=((1, 1), (1, 0), (0, 1)), band=band)
    assert align_matrix(values, m, band=band) == general


def test_banded_dp_stores_the_band_only():
    # 20000 x 20000 cells would be 3.2 GB of scores as a full table; the band is a few per row
    n = 20000

    def gain(i0, i1, j0, j1):
        return 0.0 if i0 == i1 or j0 == j1 else (1.0 if (i1 - i0, j1 - j0) == (1, 1) and i0 == j0 else -1.0)

    path = align_sequences(n, n, gain, beads=((1, 1), (1, 0), (0, 1)), band=2)
    assert path == [(range(i, i + 1), range(i, i + 1)) for i in range(n)]
