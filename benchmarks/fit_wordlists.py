"""Fit the per-language word lists of the text-quality check from the real corpus.

Counts the words (Markdown and HTML markup left out) of:

* the kk and ru versions of the real acts in ``/work/shared/real-texts`` (``--real DIR``);
* the bundled Kazakh and Azerbaijani texts (``corpora/``);

and writes ``treaty_align/data/<lang>/wordlist.tsv``: one word and its count a line, only words
seen at least ``--min-count`` times (a word seen once is as likely to be a typo as a word),
sorted alphabetically. It is a frequency list, not text: no sentence can be read back from it.

    python benchmarks/fit_wordlists.py                  # writes kk, ru, az
    python benchmarks/fit_wordlists.py --check          # only says whether the files are current
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = Path("/work/shared/real-texts")


def corpus_files(real: Path = REAL) -> list[tuple[str, str, Path]]:
    """Return ``(document, language, path)`` for every text of the corpus, in a fixed order."""
    files = [(doc.name, path.stem, path) for doc in sorted(real.iterdir()) if doc.is_dir()
             for path in sorted(doc.glob("*.md")) if path.stem in ("kk", "ru", "az")]
    files += [("bundled", "kk", ROOT / "corpora" / "kk" / "kk.txt"),
              ("bundled", "az", ROOT / "corpora" / "az" / "az.md")]
    return files


_MARKUP = re.compile(r"<[^>]*>|\]\([^)]*\)|\{#[^}]*\}|https?://\S+")


def document_text(path: Path) -> str:
    """Return the text at ``path`` without HTML tags, link targets and addresses.

    The raw text is read rather than the parsed clauses so that the word lists do not depend
    on which layouts the parser knows (some real acts are letters or laws with chapters).
    """
    return _MARKUP.sub(" ", path.read_text(encoding="utf-8"))


def document_counts(path: Path, lang: str) -> Counter[str]:
    """Return the word counts of the text at ``path`` (folded the way of ``lang``)."""
    from treaty_align.diverge.quality import word_counts

    return word_counts(document_text(path), lang)


def corpus_counts(real: Path = REAL, exclude: str | None = None) -> dict[str, Counter[str]]:
    """Return the word counts per language of the corpus, leaving out document ``exclude``."""
    out: dict[str, Counter[str]] = {}
    for doc, lang, path in corpus_files(real):
        if doc == exclude:
            continue
        out.setdefault(lang, Counter()).update(document_counts(path, lang))
    return out


def wordlist_text(counts: Counter[str], min_count: int) -> str:
    """Return the ``wordlist.tsv`` text of ``counts`` (words seen at least ``min_count`` times)."""
    lines = ["# Word frequencies of the real corpus, written by benchmarks/fit_wordlists.py.",
             "# Only words seen at least %d times; sorted alphabetically." % min_count,
             "word\tcount"]
    lines += [f"{w}\t{n}" for w, n in sorted(counts.items()) if n >= min_count]
    return "\n".join(lines) + "\n"


def letter_runs(counts: Counter[str], vowels: str, min_count: int) -> tuple[int, int]:
    """Return the longest runs of consonants and of vowels in the words seen ``min_count`` times."""
    longest = [0, 0]
    letters = set(vowels)
    for word, n in counts.items():
        if n < min_count or not any(ch in letters for ch in word):
            continue  # a word without the language's vowels is foreign (a Latin name, an acronym)
        for run in re.findall(f"[{re.escape(vowels)}]+|[^{re.escape(vowels)}-]+", word):
            k = 1 if run[0] in vowels else 0
            longest[k] = max(longest[k], len(run))
    return longest[0], longest[1]


def quality_text(path: Path, counts: Counter[str], min_count: int) -> str | None:
    """Return ``quality.json`` at ``path`` with its fitted letter-run limits updated (None if absent)."""
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if not data.get("vowels"):
        return None
    data["max_consonant_run"], data["max_vowel_run"] = letter_runs(counts, data["vowels"], min_count)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", type=Path, default=REAL, help="folder of the real acts")
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if a file is stale")
    args = parser.parse_args(argv)
    stale = 0
    for lang, counts in sorted(corpus_counts(args.real).items()):
        folder = ROOT / "treaty_align" / "data" / lang
        kept = sum(1 for n in counts.values() if n >= args.min_count)
        print(f"{lang}: {sum(counts.values())} words, {len(counts)} distinct, {kept} kept")
        outputs = [(folder / "wordlist.tsv", wordlist_text(counts, args.min_count)),
                   (folder / "quality.json", quality_text(folder / "quality.json", counts, args.min_count))]
        for target, text in outputs:
            if text is None or (target.is_file() and target.read_text(encoding="utf-8") == text):
                continue
            stale += 1
            print(f"  {target.relative_to(ROOT)}" + (" is stale" if args.check else " written"))
            if not args.check:
                target.write_text(text, encoding="utf-8")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
