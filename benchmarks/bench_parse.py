"""Parsing benchmark: the structure found in each version of each act of a corpus folder.

    python benchmarks/bench_parse.py [--corpus DIR] [--no-compare]

For every sub-folder of the corpus holding two or more versions (``kk.md``, ``ru.md``,
``az.md`` or ``.txt``), and for the bundled treaty, prints one row: articles and points found
per version and whether the versions agree on those counts; segments whose text still holds
markup; notes left among the clauses (a paragraph opening like a note but parsed as a clause);
unlabelled paragraphs; look-alike letters folded; and, from a comparison (``--encoder``, default e5-small), the clauses left without counterpart and the major
findings.

The baseline, measured in the same run, is what a simple line scan sees: lines that match the
language's article-heading pattern after stripping leading Markdown marks (``#``, ``*``).
The real texts stay in their folder; nothing is copied.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from treaty_align.errors import TreatyAlignError  # noqa: E402
from treaty_align.model import Treaty  # noqa: E402
from treaty_align.parse import load_treaty  # noqa: E402
from treaty_align.parse.language import profile  # noqa: E402
from treaty_align.parse.structure import is_note  # noqa: E402

_MARKUP = re.compile(r"<[a-zA-Z/!][^>]*>|&[a-z]+;|&#\d+;|\*\*|__|^#{1,6}\s|^>\s|\]\(|^\|")
_CLAUSES = ("paragraph", "item", "preamble", "final")
_VERSIONS = ("kk", "ru", "az")
_MD_LEAD = re.compile(r"^[\s#>*_]+")


def versions_of(folder: Path) -> dict[str, Path]:
    """Return the version files of one act folder by language code."""
    found: dict[str, Path] = {}
    for lang in _VERSIONS:
        for suffix in (".md", ".txt", ".html", ".docx", ".pdf"):
            path = folder / f"{lang}{suffix}"
            if path.is_file():
                found[lang] = path
                break
    return found


def naive_articles(path: Path, lang: str) -> int:
    """Return the article headings a line scan finds (the baseline)."""
    pattern = profile(lang).article_heading
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return 0
    return sum(1 for line in text.splitlines() if pattern.match(_MD_LEAD.sub("", line)))


def folded_letters(treaty: Treaty) -> int:
    """Return how many look-alike letters the parser folded in ``treaty``."""
    return sum(sum(a != b for a, b in zip(s.original, s.text)) for s in treaty.segments if s.original)


def stats(treaty: Treaty) -> dict[str, int]:
    """Return the structure counts of one parsed version."""
    prof = profile(treaty.language)
    segs = treaty.segments
    clauses = [s for s in segs if s.kind in _CLAUSES]
    return {
        "articles": len({s.article for s in segs if s.article is not None}),
        "points": sum(1 for s in segs if s.label is not None),
        "titles": sum(1 for s in segs if s.kind == "heading"),
        "segments": len(segs),
        "markup": sum(1 for s in segs if _MARKUP.search(s.text)),
        "stray_notes": sum(1 for s in clauses if is_note(s.text, prof)),
        "notes": sum(1 for s in segs if s.kind == "note"),
        "unlabelled": sum(1 for s in segs if s.article is not None and s.kind in ("paragraph", "item")
                          and s.label is None),
        "folded": folded_letters(treaty),
    }


def compare_counts(paths: dict[str, Path], encoder: str) -> tuple[int, int, str]:
    """Return (unpaired clauses, major findings, error) of a comparison of the versions."""
    from treaty_align.pipeline import compare_treaties

    langs = list(paths)
    ru = paths.get("ru")
    others = [paths[lang] for lang in langs if lang != "ru"]
    try:
        result = compare_treaties(*others, ru=ru, encoder=encoder)
    except TreatyAlignError as exc:
        return -1, -1, str(exc).splitlines()[0][:60]
    unpaired = sum(
        1 for al in result.alignments
        if al.block in ("article", "preamble", "final")
        and any(not al.segments.get(lang) for lang in result.languages)
        and any(s.kind in _CLAUSES for segs in al.segments.values() for s in segs)
    )
    majors = sum(1 for d in result.divergences if d.severity == "major")
    return unpaired, majors, ""


def corpus_acts(corpus: Path) -> list[tuple[str, dict[str, Path]]]:
    """Return the act folders of ``corpus`` with their versions, sorted by name."""
    acts = []
    if corpus.is_dir():
        for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
            versions = versions_of(folder)
            if len(versions) >= 2:
                acts.append((folder.name, versions))
    return acts


def main(argv: list[str] | None = None) -> int:
    """Print the parsing benchmark table; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "real-texts",
                        help="folder of act folders holding kk.md / ru.md (default ../shared/real-texts)")
    parser.add_argument("--no-compare", action="store_true", help="skip the comparison columns")
    parser.add_argument("--encoder", default="e5-small",
                        help="encoder of the comparison columns (default e5-small; 'lexical' is faster)")
    args = parser.parse_args(argv)
    corpus = args.corpus if args.corpus.is_absolute() else (Path.cwd() / args.corpus)
    if not corpus.is_dir() and args.corpus == parser.get_default("corpus"):
        corpus = Path("/work/shared/real-texts")
    acts = corpus_acts(corpus)
    acts.append(("bundled treaty (kk, az)", {"kk": ROOT / "corpora" / "kk" / "kk.txt",
                                              "az": ROOT / "corpora" / "az" / "az.md"}))
    header = ("| act | articles | baseline (line scan) | points | agree | titles | markup | notes kept | "
              "notes among clauses | unlabelled | folded | unpaired clauses | major |")
    print(f"corpus: {corpus}; encoder: {args.encoder}\n")
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    totals = {"agree": 0, "acts": 0, "markup": 0, "stray": 0}
    started = time.perf_counter()
    for name, paths in acts:
        rows: dict[str, dict[str, int]] = {}
        error = ""
        for lang, path in paths.items():
            try:
                rows[lang] = stats(load_treaty(path, lang=lang))
            except TreatyAlignError as exc:
                error = f"{lang}: {str(exc).splitlines()[0][:70]}"
        if error:
            print(f"| {name} | {error} |" + " |" * 11)
            continue
        langs = list(rows)

        def col(key: str) -> str:
            return " / ".join(str(rows[lang][key]) for lang in langs)

        agree = len({(r["articles"], r["points"]) for r in rows.values()}) == 1
        baseline = " / ".join(str(naive_articles(paths[lang], lang)) for lang in langs)
        unpaired, majors, cmp_error = (None, None, "") if args.no_compare else compare_counts(paths, args.encoder)
        totals["acts"] += 1
        totals["agree"] += agree
        totals["markup"] += sum(r["markup"] for r in rows.values())
        totals["stray"] += sum(r["stray_notes"] for r in rows.values())
        compare_cols = ("– | –" if unpaired is None else
                        (f"error: {cmp_error} | –" if cmp_error else f"{unpaired} | {majors}"))
        print(f"| {name} ({'/'.join(langs)}) | {col('articles')} | {baseline} | {col('points')} | "
              f"{'yes' if agree else 'NO'} | {col('titles')} | {col('markup')} | {col('notes')} | "
              f"{col('stray_notes')} | {col('unlabelled')} | {col('folded')} | {compare_cols} |")
    print(f"\n{totals['agree']} of {totals['acts']} acts: versions agree on article and point counts; "
          f"{totals['markup']} segments hold markup; {totals['stray']} notes left among clauses "
          f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
