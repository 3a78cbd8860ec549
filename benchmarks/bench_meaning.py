"""Legal-meaning checks on the real corpus: false majors per 100 records and planted recall.

Usage::

    python benchmarks/bench_meaning.py [--corpus /work/shared/real-texts] [--encoder lexical]

For every act folder (``kk.md`` + ``ru.md``) the versions are compared once. Two figures:

* *false majors per 100 records*: major findings on compared records that hold no row of the
  act's ``divergences.tsv`` (official versions of one act: every other major is a false alarm),
  by check;
* *planted recall*: one change of meaning (or -> and, must -> may, a negation added or dropped,
  a qualifier dropped, requesting <-> requested Party ...) is written into one side of one record
  at a time, and only the checks are run again on that record. Planted = found when a finding
  appears that the unchanged record did not have (``any``), and at ``major`` severity.

The baseline is the same script run on the commit before the meaning layer (figures in the
README of the branch); ``--examples FILE`` writes every false major's message for review.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterator

import treaty_align
from treaty_align.diverge import find_divergences
from treaty_align.errors import InputError
from treaty_align.meaning import list_groups
from treaty_align.model import Alignment

#: one planted change: kind, language, pattern, replacement (first match in one segment)
PLANTS: tuple[tuple[str, str, str, str], ...] = (
    ("or->and", "ru", r"\bили\b", "и"),
    ("or->and", "ru", r"\bлибо\b", "и"),
    ("or->and", "kk", r"\bнемесе\b", "және"),
    ("must->entitled", "ru", r"\bдолж(?:ен|на|но)\b", "вправе"),
    ("must->entitled", "ru", r"\bдолжны\b", "вправе"),
    ("must->entitled", "kk", r"(\w+)(уы|уі|уға|уге)\s+тиіс(ті)?\b", r"\1уға құқылы"),
    ("must->entitled", "kk", r"(\w+)\s+міндетті\b", r"\1 құқылы"),
    ("may->must", "ru", r"\bможет\b", "должна"),
    ("may->must", "ru", r"\bмогут\b", "должны"),
    ("may->must", "ru", r"\bвправе\b", "обязана"),
    ("may->must", "kk", r"(\w+)(уы|уі)\s+мүмкін\b", r"\1\2 тиіс"),
    ("may->must", "kk", r"\bқұқылы\b", "міндетті"),
    ("may->must", "kk", r"(\w+)(а|е|й)\s+алады\b", r"\1уға міндетті"),
    ("must->may", "ru", r"\bдолж(?:ен|на|но)\b", "может"),
    ("must->may", "ru", r"\bдолжны\b", "могут"),
    ("must->may", "ru", r"\bобязан[аы]?\b", "вправе"),
    ("must->may", "kk", r"(\w+)(уы|уі)\s+тиіс(ті)?\b", r"\1\2 мүмкін"),
    ("must->may", "kk", r"(\w+)\s+міндетті\b", r"\1 құқылы"),
    ("negation added", "ru", r"\b(\w{3,}(?:ает|яет|ует|ют|ит|ят|ется|ются|ится|ятся))\b", r"не \1"),
    ("negation added", "kk", r"\b(\w{3,})(ады|ейді|йды|йді|еді)(?=\s*[.;,:]|\s*$)", r"\1майды"),
    ("negation dropped", "ru", r"\bне\s+(?!(?:менее|более|позднее|позже|только|свыше)\b)", ""),
    ("negation dropped", "kk", r"\b(\w{2,})(?:ма|ме|ба|бе|па|пе)(йды|йді)\b", r"\1ады"),
    ("negation dropped", "kk", r"\s+емес\b", ""),
    ("qualifier dropped", "ru", r"\s*\bв\s+письменной\s+форме\b", ""),
    ("qualifier dropped", "ru", r"\s*\bписьменн(?:о|ое|ым)\b", ""),
    ("qualifier dropped", "ru", r"\s*\b(?:незамедлительно|немедленно)\b", ""),
    ("qualifier dropped", "ru", r"\s*\bне\s+менее\b", ""),
    ("qualifier dropped", "ru", r"\s*\bтолько\b", ""),
    ("qualifier dropped", "kk", r"\s*\bжазбаша(?:\s+түрде)?\b", ""),
    ("qualifier dropped", "kk", r"\s*\bдереу\b", ""),
    ("qualifier dropped", "kk", r"\s*\bкемінде\b", ""),
    ("qualifier dropped", "kk", r"\s*\bтек\b", ""),
    ("requesting<->requested", "ru", r"\bзапрашиваем(ая|ой|ую|ые)\b", r"запрашивающ\1"),
    ("requesting<->requested", "ru", r"\bзапрашивающ(ая|ей|ую|ие)\b", r"запрашиваем\1"),
    ("requesting<->requested", "kk", r"\bсұрау\s+салынатын\b", "сұрау салушы"),
    ("requesting<->requested", "kk", r"\bсұрау\s+салушы\b", "сұрау салынатын"),
)

#: kinds whose change alters an obligation: they must be found at major severity
OBLIGATION_KINDS = frozenset({"must->entitled", "may->must", "must->may", "negation added",
                              "negation dropped", "requesting<->requested"})


def acts(corpus: Path) -> Iterator[Path]:
    """Yield the act folders of ``corpus`` that hold both versions."""
    for d in sorted(corpus.iterdir()):
        if (d / "kk.md").is_file() and (d / "ru.md").is_file():
            yield d


def real_records(al_list: tuple[Alignment, ...], act: Path) -> set[str]:
    """Return the ids of the records holding an anchor of the act's ``divergences.tsv``."""
    path = act / "divergences.tsv"
    if not path.is_file():
        return set()
    anchors = []
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            anchors.append((row.get("kk_anchor", ""), row.get("ru_anchor", "")))
    out = set()
    for al in al_list:
        kk, ru = al.text("kk"), al.text("ru")
        if any((a and a in kk) or (b and b in ru) for a, b in anchors):
            out.add(al.id)
    return out


def plant(al: Alignment, lang: str, pattern: str, repl: str) -> Alignment | None:
    """Return ``al`` with the first match of ``pattern`` in one segment of ``lang`` replaced."""
    segs = list(al.segments.get(lang, ()))
    for i, seg in enumerate(segs):
        new = re.sub(pattern, repl, seg.text, count=1, flags=re.IGNORECASE)
        if new != seg.text:
            segs[i] = dataclasses.replace(seg, text=new)
            return dataclasses.replace(al, segments={**al.segments, lang: tuple(segs)})
    return None


def main(argv: list[str] | None = None) -> int:
    """Print the tables; return 0."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="/work/shared/real-texts")
    ap.add_argument("--encoder", default="lexical")
    ap.add_argument("--per-kind", type=int, default=12, help="planted records per kind, side and act")
    ap.add_argument("--examples", help="write the false majors' messages to this file")
    args = ap.parse_args(argv)
    majors: Counter[str] = Counter()
    records = 0
    found_any: Counter[tuple[str, str]] = Counter()
    found_major: Counter[tuple[str, str]] = Counter()
    tried: Counter[tuple[str, str]] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for act in acts(Path(args.corpus)):
        try:
            cmp = treaty_align.compare(act / "kk.md", act / "ru.md", encoder=args.encoder)
        except InputError as exc:
            print(f"  {act.name}: skipped ({exc})", file=sys.stderr)
            continue
        langs = cmp.languages
        real = real_records(cmp.alignments, act)
        groups = list_groups(cmp.alignments)
        compared = [al for al in cmp.alignments if all(al.segments.get(x) for x in langs)
                    and al.block != "instrument"]
        records += len(compared)
        act_majors = 0
        for al in compared:
            if al.id in real:
                continue
            for d in al.divergences:
                if d.severity == "major":
                    majors[d.kind] += 1
                    act_majors += 1
                    if len(examples[d.kind]) < 400:
                        examples[d.kind].append(f"{act.name} {al.id}: {d.message[:200]}")
        print(f"  {act.name}: {len(compared)} records, {act_majors} false majors", file=sys.stderr)
        for kind, lang, pattern, repl in PLANTS:
            n = 0
            for al in compared:
                if n >= args.per_kind or tried[(kind, lang)] >= args.per_kind * 8:
                    break
                changed = plant(al, lang, pattern, repl)
                if changed is None:
                    continue
                n += 1
                # the record is checked with the rest of its list (lead-in and items read
                # together); a finding on any record of the list points at the change
                members = [cmp.alignments[i] for i in groups.get(al.id, ())] or [al]
                before = {d.id for m in members for d in m.divergences}
                batch = [changed if m.id == al.id else m for m in members]
                after = [d for r in find_divergences(batch, langs, authority=cmp.authority)
                         for d in r.divergences]
                new = [d for d in after if d.id not in before]
                tried[(kind, lang)] += 1
                if new:
                    found_any[(kind, lang)] += 1
                if any(d.severity == "major" for d in new):
                    found_major[(kind, lang)] += 1
    total = sum(majors.values())
    print(f"false majors per 100 records: {100 * total / max(1, records):.1f} "
          f"({total} on {records} records)")
    for kind, n in majors.most_common():
        print(f"  {kind:12s} {100 * n / max(1, records):5.1f}  ({n})")
    print("\nplanted recall (kind, side): any / major / tried")
    all_t = all_a = 0
    for kind in dict.fromkeys(k for k, *_ in PLANTS):
        for lang in ("kk", "ru"):
            t = tried[(kind, lang)]
            if not t:
                continue
            all_t += t
            all_a += found_any[(kind, lang)]
            print(f"  {kind:24s} {lang}  {found_any[(kind, lang)]:3d} / {found_major[(kind, lang)]:3d} / {t:3d}"
                  f"   {100 * found_any[(kind, lang)] / t:5.1f}%")
    print(f"  overall any: {100 * all_a / max(1, all_t):.1f}%")
    if args.examples:
        Path(args.examples).write_text(
            "\n".join(x for k in sorted(examples) for x in examples[k]) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
