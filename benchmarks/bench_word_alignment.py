"""Benchmark: finding a content word with no counterpart, by statistical word alignment or by term lists.

    pip install eflomal          # benchmark only: treaty-align itself does not need it
    python benchmarks/bench_word_alignment.py [--corpus DIR] [--pair kk-ru] [--plants 100] [--seed 15]

Issue 15 asks for one-sided content (a word of one version with no counterpart in the other)
to be found by word alignment, either embedding-based or statistical (eflomal), chosen by
measurement. This script measures the statistical one on the records the aligner makes from the
corpus (every act with both languages; lexical encoder), beside two baselines on the same
records:

* **eflomal**: trained on all the records (both directions, symmetrised by union). A word of 6+
  letters is *one-sided* when no link reaches it although its stem is linked in at least
  ``--min-rate`` of its occurrences in the corpus, and the stem's usual counterpart (its most
  frequent link, at least half of them) is not in the other side;
* **Dice term list**: the terminology check's way (``scripts/induce_terms.py``): a stem whose
  mutual-best Dice rendering over the same records is absent from the other side;
* **embedding threshold**: a record below the 5th percentile of its act's cosines (``--encoder``).

Figures: records flagged on the official versions per 100 (records holding a known real
difference of ``divergences.tsv`` are counted apart, as real differences found), and recall of
planted drops -- one content word (6+ letters, not a function word) removed from one side of a
random record (fixed seed), the aligner retrained on the changed corpus -- per side.
The term list and eflomal are fitted on the corpus they are measured on (in-sample), which
favours both equally.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

DEFAULT_CORPUS = ROOT.parent / "shared" / "real-texts"
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
MIN_LETTERS = 6


@dataclass
class Record:
    """One aligned record of an act: its two sides as text."""

    act: str
    a: str
    b: str


def load_records(corpus: Path, a: str, b: str) -> list[Record]:
    """Return the compared records of every act of ``corpus`` holding both languages."""
    from induce_terms import aligned_records

    out = []
    for act, rows in aligned_records(corpus, a, b):
        for al in rows:
            out.append(Record(act, " ".join(s.text for s in al.segments[a]),
                              " ".join(s.text for s in al.segments[b])))
    return out


def real_differences(corpus: Path, a: str, b: str, records: Sequence[Record]) -> dict[int, list[str]]:
    """Return {record index: ids of the known real differences it holds}."""
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    for f in sorted(corpus.glob("*/divergences.tsv")):
        with f.open(encoding="utf-8") as handle:
            rows[f.parent.name] = list(csv.DictReader(handle, delimiter="\t"))
    out: dict[int, list[str]] = {}
    for i, r in enumerate(records):
        hits = [d["id"] for d in rows.get(r.act, ())
                if (d.get(f"{a}_anchor") and d[f"{a}_anchor"] in r.a) or (d.get(f"{b}_anchor") and d[f"{b}_anchor"] in r.b)]
        if hits:
            out[i] = hits
    return out


class Stems:
    """Content-word stems of one language: the terminology check's stem length and function words."""

    def __init__(self, lang: str) -> None:
        from treaty_align.diverge.morphology import morphology

        morph = morphology(lang)
        self.length = int(morph.get("stem_length", 5))
        self.stop = {w.lower() for w in morph.get("function_words", [])}

    def tokens(self, text: str) -> list[str]:
        """Return the lowercased words of ``text``."""
        return [w.lower() for w in _WORD.findall(text)]

    def stem(self, word: str) -> str:
        """Return the stem of a lowercased word."""
        return word[: self.length]

    def content(self, word: str) -> bool:
        """Return whether ``word`` is a content word long enough to be judged."""
        return len(word) >= MIN_LETTERS and word not in self.stop


def eflomal_links(src: list[list[str]], trg: list[list[str]], stems: tuple[Stems, Stems],
                  seed: int, symmetrise: str = "union") -> list[set[tuple[int, int]]]:
    """Return per sentence pair the forward and reverse eflomal links (i, j), their union or intersection."""
    import eflomal

    aligner = eflomal.Aligner(model=3, source_prefix_len=stems[0].length, target_prefix_len=stems[1].length)
    with tempfile.TemporaryDirectory() as folder:
        fwd, rev = Path(folder, "fwd"), Path(folder, "rev")
        random.seed(seed)
        aligner.align([" ".join(s) or "_" for s in src], [" ".join(t) or "_" for t in trg],
                      links_filename_fwd=str(fwd), links_filename_rev=str(rev), quiet=True)
        out = []
        for lf, lr in zip(fwd.read_text().splitlines(), rev.read_text().splitlines()):
            fw = {tuple(map(int, x.split("-"))) for x in lf.split()}
            rv = {tuple(map(int, x.split("-"))) for x in lr.split()}
            out.append(fw | rv if symmetrise == "union" else fw & rv)
    return out


def eflomal_flags(src: list[list[str]], trg: list[list[str]], links: list[set[tuple[int, int]]],
                  stems: tuple[Stems, Stems], min_rate: float) -> list[bool]:
    """Return per record whether a side holds a one-sided content word (see module doc)."""
    seen = (Counter(), Counter())
    linked = (Counter(), Counter())
    counterpart: tuple[dict, dict] = (defaultdict(Counter), defaultdict(Counter))
    for s, t, ln in zip(src, trg, links):
        sides = (s, t)
        for k in (0, 1):
            at = {pair[k] for pair in ln}
            for j, w in enumerate(sides[k]):
                seen[k][stems[k].stem(w)] += 1
                linked[k][stems[k].stem(w)] += j in at
        for i, j in ln:
            counterpart[0][stems[0].stem(s[i])][stems[1].stem(t[j])] += 1
            counterpart[1][stems[1].stem(t[j])][stems[0].stem(s[i])] += 1
    out = []
    for s, t, ln in zip(src, trg, links):
        sides = (s, t)
        flagged = False
        for k in (0, 1):
            other = {stems[1 - k].stem(w) for w in sides[1 - k]}
            at = {pair[k] for pair in ln}
            for j, w in enumerate(sides[k]):
                st = stems[k].stem(w)
                if j in at or not stems[k].content(w) or seen[k][st] < 3 or linked[k][st] / seen[k][st] < min_rate:
                    continue
                usual = counterpart[k][st].most_common(1)
                if usual and usual[0][1] * 2 >= sum(counterpart[k][st].values()) and usual[0][0] not in other:
                    flagged = True
        out.append(flagged)
    return out


def dice_flags(src: list[list[str]], trg: list[list[str]], stems: tuple[Stems, Stems]) -> list[bool]:
    """Return per record whether a stem's mutual-best Dice rendering is absent from the other side."""
    bags = [({stems[0].stem(w) for w in s if stems[0].content(w)},
             {stems[1].stem(w) for w in t if stems[1].content(w)}) for s, t in zip(src, trg)]
    df = (Counter(), Counter())
    co: Counter[tuple[str, str]] = Counter()
    for x, y in bags:
        df[0].update(x)
        df[1].update(y)
        co.update((p, q) for p in x for q in y)
    best: dict[str, tuple[float, str]] = {}
    for (p, q), n in co.items():
        if n >= 4:
            d = 2 * n / (df[0][p] + df[1][q])
            if d >= 0.45 and (p not in best or (d, q) > best[p]):
                best[p] = (d, q)
    back: dict[str, tuple[float, str]] = {}
    for p, (d, q) in best.items():
        if q not in back or (d, p) > back[q]:
            back[q] = (d, p)
    pairs = [(p, q) for p, (d, q) in best.items() if back[q][1] == p]
    # as the terminology check reports it: each side has a term whose rendering the other lacks
    return [any(p in x and q not in y for p, q in pairs) and any(q in y and p not in x for p, q in pairs)
            for x, y in bags]


def embedding_flags(records: Sequence[Record], encoder_name: str) -> list[bool]:
    """Return per record whether its cosine is below the 5th percentile of its act's records."""
    import numpy as np

    from treaty_align.embed import get_encoder

    encoder = get_encoder(encoder_name)
    va = encoder.encode([r.a for r in records])
    vb = encoder.encode([r.b for r in records])
    cos = (va * vb).sum(1) / (np.linalg.norm(va, axis=1) * np.linalg.norm(vb, axis=1) + 1e-9)
    out = [False] * len(records)
    for act in sorted({r.act for r in records}):
        idx = [i for i, r in enumerate(records) if r.act == act]
        cut = float(np.percentile(cos[idx], 5))
        for i in idx:
            out[i] = bool(cos[i] < cut)
    return out


def drop_one_word(text: str, stems: Stems, rng: random.Random) -> str | None:
    """Return ``text`` with one random content word (not the first word) removed, or None."""
    words = [m for m in _WORD.finditer(text) if stems.content(m.group().lower())][1:]
    if not words:
        return None
    m = rng.choice(words)
    return (text[: m.start()].rstrip() + " " + text[m.end():].lstrip()).strip()


def main(argv: list[str] | None = None) -> int:
    """Print the table; return 0."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--pair", default="kk-ru")
    ap.add_argument("--plants", type=int, default=100, help="planted drops per side")
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--min-rate", type=float, default=0.8)
    ap.add_argument("--symmetrise", choices=("union", "intersection"), default="union")
    ap.add_argument("--encoder", default="e5-small")
    args = ap.parse_args(argv)
    try:
        import eflomal  # noqa: F401
    except ImportError:
        print("eflomal is not installed: pip install eflomal", file=sys.stderr)
        return 2
    a, b = args.pair.split("-")
    stems = (Stems(a), Stems(b))
    records = load_records(args.corpus, a, b)
    real = real_differences(args.corpus, a, b, records)
    src = [stems[0].tokens(r.a) for r in records]
    trg = [stems[1].tokens(r.b) for r in records]

    detectors = {
        "eflomal": lambda s, t, rs: eflomal_flags(s, t, eflomal_links(s, t, stems, args.seed, args.symmetrise), stems, args.min_rate),
        "Dice term list": lambda s, t, rs: dice_flags(s, t, stems),
        f"embedding ({args.encoder})": lambda s, t, rs: embedding_flags(rs, args.encoder),
    }
    official = {name: fn(src, trg, records) for name, fn in detectors.items()}

    rng = random.Random(args.seed)
    recall: dict[str, dict[str, tuple[int, int]]] = {name: {} for name in detectors}
    for k, lang in enumerate((a, b)):
        chosen: dict[int, str] = {}
        for i in rng.sample(range(len(records)), len(records)):
            if len(chosen) >= args.plants:
                break
            text = records[i].a if k == 0 else records[i].b
            if i in real or any(official[name][i] for name in detectors):
                continue  # judged only where no detector flags the official record
            changed = drop_one_word(text, stems[k], rng)
            if changed is not None:
                chosen[i] = changed
        planted = [Record(r.act, chosen.get(i, r.a) if k == 0 else r.a, chosen.get(i, r.b) if k == 1 else r.b)
                   for i, r in enumerate(records)]
        ps = [stems[0].tokens(r.a) for r in planted]
        pt = [stems[1].tokens(r.b) for r in planted]
        for name, fn in detectors.items():
            flags = fn(ps, pt, planted)
            recall[name][lang] = (sum(flags[i] for i in chosen), len(chosen))

    n = len(records)
    clean = [i for i in range(n) if i not in real]
    print(f"\n{len(records)} records of {len({r.act for r in records})} acts ({args.pair}); "
          f"{len(real)} hold a known real difference\n")
    print(f"| detector | flagged on official /100 (clean records) | real differences' records flagged | "
          f"planted drop {a} | planted drop {b} |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name in detectors:
        noise = 100 * sum(official[name][i] for i in clean) / max(1, len(clean))
        found = sum(official[name][i] for i in real)
        cells = [f"{100 * f / max(1, t):.0f}% ({f}/{t})" for f, t in (recall[name][a], recall[name][b])]
        print(f"| {name} | {noise:.1f} | {found}/{len(real)} | {cells[0]} | {cells[1]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
