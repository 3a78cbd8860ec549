"""Shared by ``bench_align.py`` and ``fit_align.py``: the acts to align and what counts as right.

Two kinds of gold:

* the hand gold of the bundled treaty (``tests/data/gold_kk_az_art1-9.tsv``, Articles 1-9);
* a *proxy* gold for the real acts of a corpus folder (default ``../shared/real-texts`` from the
  repository root): official versions of one act are near-parallel with identical article and
  point numbering, so article clauses that get the same structural id in both versions are
  expected to pair 1-1. Ids that count positions (unnumbered paragraphs and items) agree only as long as
  nothing is missing, which is why each act also gets a *gap variant*: one unnumbered clause is
  dropped from the second version in every article that has three or more, and the ids after it
  are renumbered as a parser would. The gold follows the clauses, not the ids, so an aligner that
  merely trusts ids loses points there.

Accuracy is the share of gold pairs found as exactly one record (same segments on both sides).
A simple baseline pairs the k-th clause of a block with the k-th clause of the same block.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from treaty_align.align import AlignOptions, align_treaties, blocks_of, texts_to_embed  # noqa: E402
from treaty_align.errors import InputError  # noqa: E402
from treaty_align.model import Alignment, Segment, Treaty  # noqa: E402
from treaty_align.parse import load_treaty  # noqa: E402

# ../shared/real-texts from the repository root (from a worktree one level deeper, ../../shared)
DEFAULT_CORPUS = next((p / "shared" / "real-texts" for p in (ROOT.parent, ROOT.parent.parent)
                       if (p / "shared" / "real-texts").is_dir()), ROOT.parent / "shared" / "real-texts")
HAND_GOLD = ROOT / "tests" / "data" / "gold_kk_az_art1-9.tsv"
_POSITIONAL = re.compile(r"^(.*?)(\d+)$")

Pair = tuple[str, str]


@dataclass(frozen=True)
class Case:
    """Two versions of one act and the pairs they should give (``"a+b"`` ids, ``""`` = none)."""

    name: str
    a: Treaty
    b: Treaty
    gold: tuple[Pair, ...]


def hand_gold_case() -> Case:
    """Return the bundled treaty (kk, az) with its hand-made gold pairs of Articles 1-9."""
    lines = [ln for ln in HAND_GOLD.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    gold = tuple(tuple(ln.split("\t")) for ln in lines[1:])
    kk = load_treaty(ROOT / "corpora" / "kk" / "kk.txt")
    az = load_treaty(ROOT / "corpora" / "az" / "az.md")
    return Case("bundled kk-az (hand gold)", kk, az, gold)  # type: ignore[arg-type]


#: kinds of clause the proxy gold holds: those inside articles, whose ids follow the printed
#: article and point numbers (preamble ids only count paragraphs of a preface that publishers
#: pad with titles, anchors and notes; notes and tables are the publisher's)
GOLD_KINDS = frozenset({"paragraph", "item", "heading"})


def proxy_gold(a: Treaty, b: Treaty) -> tuple[Pair, ...]:
    """Return the pairs of article clauses with the same id and kind in both versions."""
    ids_b = {s.id: s for s in b.segments}
    return tuple((s.id, s.id) for s in a.segments
                 if s.article is not None and s.kind in GOLD_KINDS
                 and s.id in ids_b and ids_b[s.id].kind == s.kind)


def _unnumbered_runs(treaty: Treaty) -> list[list[int]]:
    """Return, per article, the positions of unnumbered clauses that share a container and kind."""
    runs: dict[tuple[str, str, str], list[int]] = {}
    for n, seg in enumerate(treaty.segments):
        m = _POSITIONAL.match(seg.id)
        if seg.article is None or seg.label or not m:
            continue
        runs.setdefault((seg.article, seg.kind, m.group(1)), []).append(n)
    return [r for r in runs.values() if len(r) >= 3]


def gap_variant(case: Case) -> Case | None:
    """Return ``case`` with the second unnumbered clause of each run of three or more dropped from
    ``b`` and the later ids of that run renumbered (None when ``b`` has no such run)."""
    b = case.b
    runs = _unnumbered_runs(b)
    if not runs:
        return None
    segments = list(b.segments)
    renamed: dict[str, str] = {}
    dropped: set[str] = set()
    seen_articles: set[str] = set()
    for run in runs:
        article = segments[run[0]].article or ""
        if article in seen_articles:
            continue
        seen_articles.add(article)
        dropped.add(segments[run[1]].id)
        for pos in run[2:]:
            m = _POSITIONAL.match(segments[pos].id)
            assert m is not None
            renamed[segments[pos].id] = f"{m.group(1)}{int(m.group(2)) - 1}"
    kept = tuple(dataclasses.replace(s, id=renamed.get(s.id, s.id)) for s in segments if s.id not in dropped)
    variant = dataclasses.replace(b, segments=kept)
    gold: list[Pair] = []
    for x, y in case.gold:
        parts = [p for p in y.split("+") if p not in dropped]
        gold.append((x, "+".join(renamed.get(p, p) for p in parts)))
    return Case(case.name + " (gap)", case.a, variant, tuple(gold))


def corpus_cases(corpus: Path, *, gaps: bool = True, notes: list[str] | None = None) -> list[Case]:
    """Return a case per act folder of ``corpus`` (``kk.md`` + ``ru.md``), plus gap variants.

    Acts that do not parse are left out with a line in ``notes``.
    """
    cases: list[Case] = []
    for folder in sorted(p for p in corpus.iterdir() if (p / "kk.md").is_file() and (p / "ru.md").is_file()):
        try:
            kk, ru = load_treaty(folder / "kk.md"), load_treaty(folder / "ru.md")
        except InputError as exc:
            if notes is not None:
                notes.append(f"{folder.name}: not parsed ({str(exc).split(': ', 1)[-1][:80]})")
            continue
        case = Case(folder.name, kk, ru, proxy_gold(kk, ru))
        cases.append(case)
        variant = gap_variant(case) if gaps else None
        if variant is not None:
            cases.append(variant)
    return cases


def record_pairs(records: Iterable[Alignment], la: str, lb: str) -> set[Pair]:
    """Return the ``("a+b", "c")`` id pairs of ``records`` for languages ``la`` and ``lb``."""
    return {("+".join(s.id for s in r.segments.get(la, ())), "+".join(s.id for s in r.segments.get(lb, ())))
            for r in records}


def accuracy(pairs: set[Pair], gold: Sequence[Pair]) -> float:
    """Return the share of ``gold`` found in ``pairs`` (1.0 for an empty gold)."""
    return sum(p in pairs for p in gold) / len(gold) if gold else 1.0


def positional_pairs(a: Treaty, b: Treaty) -> set[Pair]:
    """Return the baseline: the k-th clause of each block paired with the k-th of the same block."""
    blocks_a, blocks_b = blocks_of(a), blocks_of(b)
    pairs: set[Pair] = set()
    for key in list(blocks_a) + [k for k in blocks_b if k not in blocks_a]:
        xs, ys = blocks_a.get(key, []), blocks_b.get(key, [])
        for k in range(max(len(xs), len(ys))):
            pairs.add((xs[k].id if k < len(xs) else "", ys[k].id if k < len(ys) else ""))
    return pairs


class MemoEncoder:
    """Wraps an encoder's ``encode`` with an in-memory table, so refits do not re-encode."""

    def __init__(self, encode: Callable[[list[str]], np.ndarray]):
        self._encode = encode
        self._memo: dict[str, np.ndarray] = {}

    def __call__(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._memo]
        if missing:
            for t, v in zip(missing, self._encode(missing)):
                self._memo[t] = np.asarray(v, dtype=np.float32)
        return np.stack([self._memo[t] for t in texts]) if texts else np.zeros((0, 1), np.float32)

    def warm(self, cases: Sequence[Case]) -> None:
        """Encode every text the aligner may need for ``cases`` in one call."""
        texts: list[str] = []
        for case in cases:
            texts += texts_to_embed(case.a) + texts_to_embed(case.b)
        self(list(dict.fromkeys(texts)))


def align_case(case: Case, encode: Callable[[list[str]], np.ndarray],
               options: AlignOptions) -> tuple[Alignment, ...] | None:
    """Return the records of ``case`` aligned with ``options`` (``a`` is the pivot), or None when
    the aligner refuses the pair as versions of different treaties."""
    treaties = {case.a.language: case.a, case.b.language: case.b}
    try:
        return align_treaties(treaties, encode, options=options).alignments
    except InputError:
        return None
