"""Fit the confidence of each check's findings on the real corpus (writes data/confidence.json).

Every real act of ``/work/shared/real-texts`` (kk + ru, the Russian text as pivot) is compared
with the fast ``lexical`` encoder. A finding *hits* when its record holds one of the act's
annotated divergences (``divergences.tsv``: the kk anchor in its Kazakh text or the ru anchor in
its Russian text). Per check the confidence is its hit rate m / n shrunk towards the rate of
all checks together (empirical Bayes: (m + w p0) / (n + w), ``--weight`` w, so that a check
with three findings is not judged on them alone), scaled so that the best check gets ``--top`` (the annotations list the differences
a reviewer found worth reporting, not every difference, so raw hit rates are lower bounds;
their ratios are what is fitted). Checks with no findings keep the default.

    python benchmarks/fit_confidence.py [--real DIR] [--top 0.9] [--check]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
REAL = Path("/work/shared/real-texts")


def _anchors(folder: Path) -> list[tuple[str, str]]:
    path = folder / "divergences.tsv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as handle:
        return [(row.get("kk_anchor") or "", row.get("ru_anchor") or "")
                for row in csv.DictReader(handle, delimiter="\t")]


def _hits(alignment, anchors) -> bool:
    kk, ru = alignment.text("kk").lower(), alignment.text("ru").lower()
    return any((a and a.lower() in kk) or (b and b.lower() in ru) for a, b in anchors)


def measure(real: Path) -> tuple[dict[str, list[int]], list[str]]:
    """Return ``{kind: [findings, hits]}`` over the real acts, and the acts that failed."""
    from treaty_align.errors import TreatyAlignError
    from treaty_align.pipeline import compare_treaties

    table: dict[str, list[int]] = {}
    failed = []
    for folder in sorted(p for p in real.iterdir() if p.is_dir()):
        anchors = _anchors(folder)
        try:
            c = compare_treaties(folder / "kk.md", ru=folder / "ru.md", encoder="lexical", use_cache=False)
        except TreatyAlignError as exc:
            failed.append(f"{folder.name}: {exc}")
            continue
        for a in c.alignments:
            hit = _hits(a, anchors)
            for d in a.divergences:
                row = table.setdefault(d.kind, [0, 0])
                row[0] += 1
                row[1] += hit
    return table, failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", type=Path, default=REAL)
    parser.add_argument("--top", type=float, default=0.9)
    parser.add_argument("--weight", type=float, default=10.0, help="prior weight, in findings")
    parser.add_argument("--check", action="store_true", help="print only, do not write")
    args = parser.parse_args(argv)
    table, failed = measure(args.real)
    total_n = sum(n for n, _ in table.values())
    p0 = sum(m for _, m in table.values()) / total_n if total_n else 0.5
    rates = {k: (m + args.weight * p0) / (n + args.weight) for k, (n, m) in table.items()}
    scale = args.top / max(rates.values()) if rates else 1.0
    print(f"{'check':<12} {'findings':>8} {'hits':>5} {'hit rate':>8} {'confidence':>10}")
    for kind, (n, m) in sorted(table.items()):
        print(f"{kind:<12} {n:>8} {m:>5} {rates[kind]:>8.3f} {rates[kind] * scale:>10.2f}")
    for line in failed:
        print(f"not measured: {line}")
    target = ROOT / "treaty_align" / "data" / "confidence.json"
    data = json.loads(target.read_text(encoding="utf-8"))
    data["_comment"] = ("written by benchmarks/fit_confidence.py: per check, the smoothed share of its findings "
                        "on the real acts that fall on an annotated divergence, scaled so the best check is "
                        f"{args.top}; 'default' is for checks without findings there")
    data["kinds"] = {k: round(rates[k] * scale, 2) for k in sorted(rates)}
    # a check without findings on the real acts gets the confidence of all checks together
    data["default"] = round(p0 * scale, 2) if rates else 0.5
    data["measured"] = {k: {"findings": n, "hits": m} for k, (n, m) in sorted(table.items())}
    if not args.check:
        target.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
