"""Benchmark: alignment accuracy per act against a proxy gold, beside a positional baseline.

    python benchmarks/bench_align.py                          # lexical and e5-small, ../shared/real-texts
    python benchmarks/bench_align.py --encoders lexical --corpus DIR

For every act of the corpus folder (``kk.md`` + ``ru.md``) and its gap variant (one unnumbered
clause dropped per article, see ``align_corpus.py``), and for the bundled treaty with its hand
gold, prints the share of gold pairs the aligner finds as exactly one record, beside the share a
baseline finds that pairs the k-th clause of each block with the k-th (measured in the same run),
and how many records are flagged low-confidence and how many of the flagged ones are wrong.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from align_corpus import (DEFAULT_CORPUS, MemoEncoder, accuracy, align_case, corpus_cases,  # noqa: E402
                          hand_gold_case, positional_pairs, record_pairs)

from treaty_align.align import AlignOptions  # noqa: E402
from treaty_align.embed import get_encoder  # noqa: E402


def low_confidence_figures(records, case) -> tuple[int, int]:
    """Return (flagged records, flagged records holding a segment of a gold pair not found)."""
    la, lb = case.a.language, case.b.language
    pairs = record_pairs(records, la, lb)
    wrong_ids = {x for x, y in case.gold if (x, y) not in pairs for x in x.split("+") if x}
    flagged = [r for r in records if r.low_confidence]
    wrong = sum(any(s.id in wrong_ids for s in r.segments.get(la, ())) for r in flagged)
    return len(flagged), wrong


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--encoders", default="lexical,e5-small")
    parser.add_argument("--no-gaps", action="store_true", help="leave out the gap variants")
    args = parser.parse_args(argv)
    notes: list[str] = []
    cases = [hand_gold_case()] + corpus_cases(args.corpus, gaps=not args.no_gaps, notes=notes)
    options = AlignOptions()
    for name in args.encoders.split(","):
        encode = MemoEncoder(get_encoder(name).encode)
        start = time.perf_counter()
        encode.warm(cases)
        print(f"\n## {name}  (encoding {time.perf_counter() - start:.1f} s)\n")
        print(f"| {'act':<40} | gold | ours | positional | low-conf (wrong) |")
        print(f"| {'-' * 40} | ---: | ---: | ---: | ---: |")
        totals = [0, 0.0, 0.0]
        for case in cases:
            records = align_case(case, encode, options)
            base = accuracy(positional_pairs(case.a, case.b), case.gold)
            if records is None:
                # refused as versions of different treaties: no pair found
                ours, flags = 0.0, "refused"
            else:
                ours = accuracy(record_pairs(records, case.a.language, case.b.language), case.gold)
                flags = "{} ({})".format(*low_confidence_figures(records, case))
            print(f"| {case.name:<40} | {len(case.gold):>4} | {ours:.3f} | {base:.3f} | {flags} |")
            totals[0] += len(case.gold)
            totals[1] += ours * len(case.gold)
            totals[2] += base * len(case.gold)
        print(f"| {'all gold pairs':<40} | {totals[0]:>4} | {totals[1] / totals[0]:.3f} | "
              f"{totals[2] / totals[0]:.3f} | |")
    for note in notes:
        print(f"note: {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
