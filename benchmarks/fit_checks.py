"""Refit one constant of the divergence checks (``treaty_align/data/calibration/checks.json``).

For each candidate value the findings benchmark (``bench_findings.py``) runs on the corpus with
the constant set to that value; the value kept is the one with the best objective

    planted recall at any severity (%)  -  5 x major findings per 100 records on the official texts

(records holding a known real difference are true findings, not false alarms). Ties keep the
current value. The table of every value is printed; ``--write`` stores the winner in the file.

    python benchmarks/fit_checks.py --param markers.same_place                # the values of "search"
    python benchmarks/fit_checks.py --param structure.ratio_factor --values 1.5,2 --kinds item_dropped
    python benchmarks/fit_checks.py --param markers.same_place --write
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import json
import sys
import tempfile
from pathlib import Path
from typing import Sequence

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

CHECKS_FILE = ROOT / "treaty_align" / "data" / "calibration" / "checks.json"
#: where each constant is used: (module, attribute) -- the check reads it once, at import
USED_AT: dict[str, tuple[str, str]] = {
    "markers.same_place": ("treaty_align.diverge.markers", "SAME_PLACE"),
    "semantic.z_limit": ("treaty_align.diverge.semantic", "Z_LIMIT"),
    "semantic.min_gap": ("treaty_align.diverge.semantic", "MIN_GAP"),
    "semantic.min_gap_score": ("treaty_align.diverge.semantic", "MIN_GAP_SCORE"),
    "semantic.min_records": ("treaty_align.diverge.semantic", "MIN_RECORDS"),
    "structure.ratio_factor": ("treaty_align.diverge.structure", "_RATIO_FACTOR"),
    "structure.layout_words": ("treaty_align.diverge.structure", "_LAYOUT_WORDS"),
    "terminology.min_df": ("treaty_align.diverge.terminology", "MIN_DF"),
    "terminology.max_df_share": ("treaty_align.diverge.terminology", "MAX_DF_SHARE"),
    "terminology.min_dice": ("treaty_align.diverge.terminology", "MIN_DICE"),
    "terminology.min_variant": ("treaty_align.diverge.terminology", "MIN_VARIANT"),
    "terminology.max_findings": ("treaty_align.diverge.terminology", "MAX_FINDINGS"),
    "messages.min_mentions": ("treaty_align.messages", "MIN_MENTIONS"),
    "renderings.min_support": ("treaty_align.renderings", "MIN_SUPPORT"),
    "renderings.min_dice": ("treaty_align.renderings", "MIN_DICE"),
}
#: weight of one false major finding per 100 records against one point of planted recall
FALSE_MAJOR_WEIGHT = 5.0


def score(report: dict) -> tuple[float, float, float]:
    """Return (objective, planted recall %, false majors per 100 records) of one benchmark run."""
    docs, plants = report["documents"], report["plants"]
    records = sum(d["records"] for d in docs)
    majors = sum(d["ours_major"] for d in docs)
    per100 = 100 * majors / records if records else 0.0
    recall = 100 * sum(p["ours"] for p in plants) / len(plants) if plants else 0.0
    return recall - FALSE_MAJOR_WEIGHT * per100, recall, per100


def run_with(param: str, value: float, bench_args: Sequence[str]) -> dict:
    """Return the benchmark's JSON report with constant ``param`` set to ``value``."""
    import bench_findings

    module, attr = USED_AT[param]
    mod = importlib.import_module(module)
    old = getattr(mod, attr)
    setattr(mod, attr, type(old)(value))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "report.json"
            with contextlib.redirect_stdout(io.StringIO()):
                bench_findings.main([*bench_args, "--json", str(out)])
            return json.loads(out.read_text(encoding="utf-8"))
    finally:
        setattr(mod, attr, old)


def main(argv: Sequence[str] | None = None) -> int:
    """Fit one constant, print the table of every value and return the exit code."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--param", required=True, choices=sorted(USED_AT))
    ap.add_argument("--values", help="comma-separated candidates (default: the file's 'search' list)")
    ap.add_argument("--write", action="store_true", help="store the winner in checks.json")
    args, bench_args = ap.parse_known_args(argv)

    table = json.loads(CHECKS_FILE.read_text(encoding="utf-8"))
    check, name = args.param.split(".", 1)
    current = table["checks"][check][name]
    values = ([float(v) for v in args.values.split(",")] if args.values
              else table.get("search", {}).get(args.param, [current]))
    rows = []
    for v in values:
        obj, recall, per100 = score(run_with(args.param, v, bench_args))
        rows.append((v, obj, recall, per100))
        print(f"{args.param} = {v:<6g} objective {obj:7.2f}  recall {recall:5.1f} %  "
              f"false majors {per100:4.2f} /100", file=sys.stderr)
    best = max(rows, key=lambda r: (round(r[1], 6), r[0] == current))
    print(f"| {args.param} | objective | planted recall | false majors /100 |")
    print("| ---: | ---: | ---: | ---: |")
    for v, obj, recall, per100 in rows:
        mark = " (kept)" if v == best[0] else ""
        print(f"| {v:g}{mark} | {obj:.2f} | {recall:.1f} % | {per100:.2f} |")
    if args.write:
        table["checks"][check][name] = type(current)(best[0])
        CHECKS_FILE.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.param} = {best[0]:g} to {CHECKS_FILE.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
