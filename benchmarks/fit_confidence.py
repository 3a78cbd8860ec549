"""Fit the confidence of each check's findings on the real corpus (writes data/confidence.json).

The bundled treaty (kk + az, with its known differences in ``corpora/divergences.tsv``) and every
real act of ``/work/shared/real-texts`` (kk + ru, the Russian text as pivot) are compared with
the fast ``lexical`` encoder. Major and minor findings are counted (info is style, not a
decision). A finding *hits* when its record holds one of the act's annotated divergences
(``divergences.tsv``: a ``<lang>_anchor`` in that language's text). Per check the confidence is its hit rate m / n shrunk towards the rate of
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


def _anchors(path: Path) -> list[dict[str, str]]:
    """Return ``{lang: anchor}`` for each annotated divergence of ``path`` (a divergences.tsv)."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as handle:
        return [{k[: -len("_anchor")]: v for k, v in row.items() if k.endswith("_anchor") and v}
                for row in csv.DictReader(handle, delimiter="\t")]


def _hits(alignment, anchors) -> bool:
    return any(a.lower() in alignment.text(lang).lower() for row in anchors for lang, a in row.items())


def _documents(real: Path) -> list[tuple[str, dict[str, Path], Path]]:
    """Return (name, {lang: path}, divergences.tsv) of the bundled treaty and each real act."""
    bundled = ROOT / "corpora"
    docs = [("bundled treaty", {"kk": bundled / "kk" / "kk.txt", "az": bundled / "az" / "az.md"},
             bundled / "divergences.tsv")]
    for folder in sorted(p for p in real.iterdir() if p.is_dir()):
        docs.append((folder.name, {"kk": folder / "kk.md", "ru": folder / "ru.md"}, folder / "divergences.tsv"))
    return docs


def measure(real: Path) -> tuple[dict[str, list[int]], list[str]]:
    """Return ``{"<kind> <severity>": [findings, hits]}`` over the corpus, and the acts that failed."""
    from treaty_align.errors import TreatyAlignError
    from treaty_align.pipeline import compare_treaties

    table: dict[str, list[int]] = {}
    failed = []
    for name, paths, annotations in _documents(real):
        anchors = _anchors(annotations)
        try:
            c = compare_treaties(*(p for lang, p in paths.items() if lang != "ru"), ru=paths.get("ru"),
                                 encoder="lexical", use_cache=False)
        except TreatyAlignError as exc:
            failed.append(f"{name}: {exc}")
            continue
        for a in c.alignments:
            hit = _hits(a, anchors)
            for d in a.divergences:
                row = table.setdefault(f"{d.kind} {d.severity}", [0, 0])
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
    # the prior of a (check, severity) is the hit rate of all checks at that severity: a major
    # finding is a claim that an obligation changed, a minor one a nuance
    pooled: dict[str, list[int]] = {}
    kinds: dict[str, list[int]] = {}
    for key, (n, m) in table.items():
        kind, severity = key.split(" ")
        for bucket, name in ((pooled, severity), (kinds, kind)):
            row = bucket.setdefault(name, [0, 0])
            row[0] += n
            row[1] += m
    total_n = sum(n for n, _ in table.values())
    p0 = sum(m for _, m in table.values()) / total_n if total_n else 0.5
    prior = {sev: (m + args.weight * p0) / (n + args.weight) for sev, (n, m) in pooled.items()}
    rates = {key: (m + args.weight * prior[key.split(" ")[1]]) / (n + args.weight) for key, (n, m) in table.items()}
    scale = args.top / max(rates.values()) if rates else 1.0
    print(f"{'check severity':<22} {'findings':>8} {'hits':>5} {'hit rate':>8} {'confidence':>10}")
    for key, (n, m) in sorted(table.items()):
        print(f"{key:<22} {n:>8} {m:>5} {rates[key]:>8.3f} {rates[key] * scale:>10.2f}")
    for line in failed:
        print(f"not measured: {line}")
    target = ROOT / "treaty_align" / "data" / "confidence.json"
    data = json.loads(target.read_text(encoding="utf-8"))
    data["_comment"] = ("written by benchmarks/fit_confidence.py: per check and severity ('by_severity'), the "
                        "share of its findings on the bundled treaty and the real acts that fall on an annotated "
                        "divergence, shrunk towards the share of all checks at that severity ('severities'), "
                        f"scaled so the best is {args.top}; 'kinds' (per check, all severities) and 'default' "
                        "answer for what was not measured")
    data["by_severity"] = {k: round(rates[k] * scale, 2) for k in sorted(rates)}
    data["severities"] = {k: round(prior[k] * scale, 2) for k in sorted(prior)}
    data["kinds"] = {k: round((m + args.weight * p0) / (n + args.weight) * scale, 2) for k, (n, m) in sorted(kinds.items())}
    data["default"] = round(p0 * scale, 2) if rates else 0.5
    data["measured"] = {k: {"findings": n, "hits": m} for k, (n, m) in sorted(table.items())}
    if not args.check:
        target.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
