"""A small, pure dynamic programme that aligns two sequences with n:m beads.

Like Bertalign's ``corelib`` second pass, it scores each bead (a run of ``a`` aligned with a run of
``b``) with a caller-supplied gain and keeps to a band around the diagonal, so the cost grows with
``len(a) * band`` instead of ``len(a) * len(b)``.
"""

from __future__ import annotations

import math
from array import array
from typing import Callable, Sequence

# (segments of a, segments of b) covered by one bead; 1-0 and 0-1 are omissions.
BEADS: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (2, 2))

Gain = Callable[[int, int, int, int], float]
"""``gain(i0, i1, j0, j1)``: the value of aligning ``a[i0:i1]`` with ``b[j0:j1]``."""



def band_bounds(i: int, n: int, m: int, band: int | None) -> tuple[int, int]:
    """Return the first and last column (inclusive range ``j_lo..j_hi``) row ``i`` of an
    ``(n + 1) x (m + 1)`` DP may use: all columns without a band, else ``band`` either side of
    the diagonal."""
    if band is None or n == 0:
        return 0, m
    centre = i * (m / n)
    return max(0, int(centre - band)), min(m, int(centre + band) + 1)

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

    Tables: for each row ``i``, the float64 scores and int8 back-pointers (indices into
    ``beads``) of the cells inside the band only, so memory grows with ``n * band``. Ties go to
    the bead listed first, so the result is deterministic.
    """
    if band is not None:
        # the band's centre follows the slope m/n, so it only needs to be as wide as the
        # largest step a bead makes relative to that slope, not |n - m|
        band = max(band, math.ceil(max(n, m) / max(1, min(n, m))) + 2)
    # only the cells inside the band are stored, row by row (row i holds columns
    # lows[i]..lows[i] + len(row) - 1): a long document costs n * band cells, not n * m
    lows: list[int] = []
    scores: list[array] = []
    backs: list[array] = []
    for i in range(n + 1):
        j_lo, j_hi = band_bounds(i, n, m, band)
        row = array("d", [_NO_PATH]) * max(0, j_hi - j_lo + 1)
        back = array("b", [-1]) * len(row)
        lows.append(j_lo)
        scores.append(row)
        backs.append(back)
        for j in range(j_lo, j_hi + 1):
            if i == 0 and j == 0:
                row[0] = 0.0
                continue
            best = _NO_PATH
            best_k = -1
            for k, (da, db) in enumerate(beads):
                pi, pj = i - da, j - db
                if pi < 0 or pj < 0:
                    continue
                prev_row = scores[pi]
                at = pj - lows[pi]
                if not 0 <= at < len(prev_row):
                    continue
                prev = prev_row[at]
                if prev == _NO_PATH:
                    continue
                value = prev + gain(pi, i, pj, j)
                if value > best + 1e-12:
                    best, best_k = value, k
            row[j - j_lo] = best
            back[j - j_lo] = best_k
    if _cell(backs, lows, n, m, -1) < 0 and (n or m):
        raise ValueError("no alignment path inside the band")
    path: list[tuple[range, range]] = []
    i, j = n, m
    while i > 0 or j > 0:
        da, db = beads[int(_cell(backs, lows, i, j, -1))]
        path.append((range(i - da, i), range(j - db, j)))
        i, j = i - da, j - db
    path.reverse()
    return path


_NO_PATH = -math.inf


def _cell(rows: list[array], lows: list[int], i: int, j: int, outside: float = _NO_PATH) -> float:
    """Return cell ``(i, j)`` of a banded table, ``outside`` when it lies outside the band."""
    k = j - lows[i]
    row = rows[i]
    return row[k] if 0 <= k < len(row) else outside


def align_matrix(values: Sequence[Sequence[float]], m: int, *, band: int | None = None) -> list[tuple[range, range]]:
    """Return :func:`align_sequences` with 1-1, 1-0 and 0-1 beads for gains given as a matrix.

    ``values[i][j]`` is the gain of pairing ``a[i]`` with ``b[j]`` (``len(values)`` rows of
    ``m``); an omission gains 0. The same path, ties and band as the general function, with the
    three beads written out: pairing the articles of a 50 MB collection evaluates millions of
    cells, and a call per bead and cell dominated the time.
    """
    n = len(values)
    if band is not None:
        band = max(band, math.ceil(max(n, m) / max(1, min(n, m))) + 2)
    lows: list[int] = []
    scores: list[list[float]] = []
    backs: list[list[int]] = []
    no_path = _NO_PATH
    prev_row: list[float] = []
    prev_lo = 0
    for i in range(n + 1):
        j_lo, j_hi = band_bounds(i, n, m, band)
        width = max(0, j_hi - j_lo + 1)
        row = [no_path] * width
        back = [-1] * width
        gains = values[i - 1] if i else ()
        prev_width = len(prev_row)
        for j in range(j_lo, j_hi + 1):
            if i == 0 and j == 0:
                row[0] = 0.0
                continue
            best = no_path
            best_k = -1
            if i:
                if j:
                    at = j - 1 - prev_lo
                    if 0 <= at < prev_width:
                        prev = prev_row[at]
                        if prev != no_path:
                            value = prev + gains[j - 1]
                            if value > best + 1e-12:
                                best, best_k = value, 0
                at = j - prev_lo
                if 0 <= at < prev_width:
                    prev = prev_row[at]
                    if prev != no_path:
                        value = prev + 0.0
                        if value > best + 1e-12:
                            best, best_k = value, 1
            if j and j - 1 >= j_lo:
                prev = row[j - 1 - j_lo]
                if prev != no_path:
                    value = prev + 0.0
                    if value > best + 1e-12:
                        best, best_k = value, 2
            row[j - j_lo] = best
            back[j - j_lo] = best_k
        lows.append(j_lo)
        scores.append(row)
        backs.append(back)
        prev_row, prev_lo = row, j_lo
    steps = ((1, 1), (1, 0), (0, 1))

    def back_at(i: int, j: int) -> int:
        k = j - lows[i]
        return backs[i][k] if 0 <= k < len(backs[i]) else -1

    if back_at(n, m) < 0 and (n or m):
        raise ValueError("no alignment path inside the band")
    path: list[tuple[range, range]] = []
    i, j = n, m
    while i > 0 or j > 0:
        da, db = steps[back_at(i, j)]
        path.append((range(i - da, i), range(j - db, j)))
        i, j = i - da, j - db
    path.reverse()
    return path
