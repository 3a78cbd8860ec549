"""Induce a bilingual term list from an aligned corpus: ``treaty_align/data/<a>-<b>/terms.tsv``.

Every act of the corpus folder is compared (lexical encoder: fast, and the aligner's structure
does most of the work on official versions); over all aligned records, each content-word stem of
language ``a`` is paired with the stem of ``b`` it co-occurs with best (Dice coefficient over
records), and kept when the pair co-occurs in enough records of enough different acts -- the
usual rendering of a term, not one text's wording. The file records the corpus it came from.

    python scripts/induce_terms.py /work/shared/real-texts            # kk-ru
    python scripts/induce_terms.py DIR --pair az-ru

Stems are the terminology check's own (``morphology.json``: fixed-length prefixes of content
words, legal markers and function words left out).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MIN_RECORDS = 4      # records holding both stems
MIN_DOCUMENTS = 2    # ... in at least this many acts
MIN_DICE = 0.45


def aligned_records(folder: Path, a: str, b: str) -> list[tuple[str, list]]:
    """Return (act name, compared records) for every act of ``folder`` with both languages."""
    from treaty_align.diverge.base import Check
    from treaty_align.errors import TreatyAlignError
    from treaty_align.pipeline import compare_treaties

    out = []
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
        files = {f.stem: f for f in sub.iterdir() if f.is_file() and f.suffix in (".md", ".txt")}
        if a not in files or b not in files:
            continue
        try:
            if "ru" in (a, b):
                other = a if b == "ru" else b
                comp = compare_treaties(files[other], ru=files["ru"], encoder="lexical", use_cache=False)
            else:
                comp = compare_treaties(files[a], files[b], encoder="lexical", use_cache=False)
        except TreatyAlignError as exc:
            print(f"{sub.name}: skipped ({exc})", file=sys.stderr)
            continue
        rows = [al for al in comp.alignments if Check.compared(al, (a, b)) and al.block != "signature"]
        out.append((sub.name, rows))
    return out


def induce(acts: list[tuple[str, list]], a: str, b: str) -> list[tuple[str, str, float, int, int]]:
    """Return (stem a, stem b, dice, records, acts) for each stem of ``a`` and its best rendering."""
    from treaty_align.diverge.base import Side
    from treaty_align.diverge.terminology import _terms

    df: dict[str, Counter[str]] = {a: Counter(), b: Counter()}
    co: Counter[tuple[str, str]] = Counter()
    co_docs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for name, rows in acts:
        for al in rows:
            ta = set(_terms(Side.of(al, a)))
            tb = set(_terms(Side.of(al, b)))
            df[a].update(ta)
            df[b].update(tb)
            for x in ta:
                for y in tb:
                    co[(x, y)] += 1
                    co_docs[(x, y)].add(name)
    best: dict[str, tuple[float, str]] = {}
    for (x, y), n in co.items():
        if n < MIN_RECORDS or len(co_docs[(x, y)]) < MIN_DOCUMENTS:
            continue
        dice = 2 * n / (df[a][x] + df[b][y])
        if dice >= MIN_DICE and (x not in best or (dice, y) > best[x]):
            best[x] = (dice, y)
    # keep a pair only when it is also the best for the b-side stem (mutual best match)
    reverse: dict[str, tuple[float, str]] = {}
    for x, (dice, y) in best.items():
        if y not in reverse or (dice, x) > reverse[y]:
            reverse[y] = (dice, x)
    return sorted((x, y, round(d, 3), co[(x, y)], len(co_docs[(x, y)]))
                  for x, (d, y) in best.items() if reverse[y][1] == x)


def main(argv: list[str] | None = None) -> int:
    """Write the term list of the pair and print how many pairs it holds."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--pair", default="kk-ru")
    args = ap.parse_args(argv)
    a, b = args.pair.split("-")
    acts = aligned_records(args.corpus, a, b)
    pairs = induce(acts, a, b)
    out = ROOT / "treaty_align" / "data" / args.pair / "terms.tsv"
    out.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"# Induced by scripts/induce_terms.py from {len(acts)} aligned acts "
             f"({', '.join(n for n, _ in acts)}): mutual best Dice over records, >= {MIN_RECORDS} records "
             f"in >= {MIN_DOCUMENTS} acts, Dice >= {MIN_DICE}. Stems of the terminology check.",
             f"{a}\t{b}\tdice\trecords\tacts"]
    lines += [f"{x}\t{y}\t{d}\t{n}\t{k}" for x, y, d, n, k in pairs]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{out.relative_to(ROOT)}: {len(pairs)} pairs from {len(acts)} acts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
