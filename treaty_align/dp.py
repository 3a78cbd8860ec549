"""A small, pure dynamic programme that aligns two sequences with n:m beads.

Like Bertalign's ``corelib`` second pass, it scores each bead (a run of ``a`` aligned with a run of
``b``) with a caller-supplied gain and keeps to a band around the diagonal, so the cost grows with
``len(a) * band`` instead of ``len(a) * len(b)``.
"""

from __future__ import annotations

import math
from typing import Callable, Sequence

import numpy as np

# (segments of a, segments of b) covered by one bead; 1-0 and 0-1 are omissions.
BEADS: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (2, 2))

Gain = Callable[[int, int, int, int], float]
"""``gain(i0, i1, j0, j1)``: the value of aligning ``a[i0:i1]`` with ``b[j0:j1]``."""


def align_sequences(
    n: int,
    m: int,
    gain: Gain,
    *,
    beads: Sequence[tuple[int, int]] = BEADS,
    band: int | None = None,
) -> list[tuple[range, range]]:
    """Return the best monotone path of beads covering ``a[0:n]`` and ``b[0:m]``.

    The result is a list of ``(range_a, range_b)`` pairs in order; either range may be empty.
    ``band`` limits the search to cells with ``|i * m / n - j| <= band`` (None = full table;
    the band widens to the steepest step a bead must take along the slope, so a path exists).

    Array shapes: the score table is ``(n + 1, m + 1)`` float64, the back-pointer table the same
    shape of int8 indices into ``beads``. Ties go to the bead listed first, so the result is
    deterministic.
    """
    if band is not None:
        # the band's centre follows the slope m/n, so it only needs to be as wide as the
        # largest step a bead makes relative to that slope, not |n - m|
        band = max(band, math.ceil(max(n, m) / max(1, min(n, m))) + 2)
    score = np.full((n + 1, m + 1), -np.inf)
    back = np.full((n + 1, m + 1), -1, dtype=np.int8)
    score[0, 0] = 0.0
    ratio = m / n if n else 0.0
    for i in range(n + 1):
        if band is None or n == 0:
            j_lo, j_hi = 0, m
        else:
            centre = i * ratio
            j_lo, j_hi = max(0, int(centre - band)), min(m, int(centre + band) + 1)
        for j in range(j_lo, j_hi + 1):
            if i == 0 and j == 0:
                continue
            best = -np.inf
            best_k = -1
            for k, (da, db) in enumerate(beads):
                pi, pj = i - da, j - db
                if pi < 0 or pj < 0 or score[pi, pj] == -np.inf:
                    continue
                value = score[pi, pj] + gain(pi, i, pj, j)
                if value > best + 1e-12:
                    best, best_k = value, k
            score[i, j] = best
            back[i, j] = best_k
    if back[n, m] < 0 and (n or m):
        raise ValueError("no alignment path inside the band")
    path: list[tuple[range, range]] = []
    i, j = n, m
    while i > 0 or j > 0:
        da, db = beads[back[i, j]]
        path.append((range(i - da, i), range(j - db, j)))
        i, j = i - da, j - db
    path.reverse()
    return path
