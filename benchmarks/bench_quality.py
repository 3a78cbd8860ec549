"""Benchmark: the text-quality check on the real corpus, with typos and garbled text planted.

For every document of the corpus (the real kk/ru acts and the bundled kk/az texts) the word
list is rebuilt *without that document* (leave one out, as ``fit_wordlists.py`` builds it),
so the figures are those of a text the tool has never seen. The Azerbaijani text is the only
one of its language: its word list is built from every other line and tested on the rest. Then, with a fixed seed:

* **typos** — 50 words (6+ letters) get one random edit each: a letter replaced, dropped,
  doubled or two neighbours swapped;
* **mixed script** — 10 words get one letter replaced by its look-alike of the other script;
* **garbled phrases** — 5 runs of three words get their letters shuffled, 5 are turned into
  mojibake (the UTF-8 or CP1251 bytes read as another code page);
* **false alarms** — findings on the unchanged text, per 1000 words and per 100 lines (a
  line of the text is about one record; these include the real typos of the published
  texts, so the figure is an upper bound); ``--show`` lists them to check by hand.

The document the check consults (its word counts) is the planted one: the planted word
replaces the original there too, so a typo is never corrected from the very word it replaced.
Lines are taken as the parser gives them: look-alike letters of the other script folded.

Each row shows our check beside the simple baseline measured in the same run: the former
rules (generic patterns and ``quality.tsv`` letter sequences only).

    python benchmarks/bench_quality.py [--real DIR] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fit_wordlists import REAL, corpus_counts, corpus_files, document_text  # noqa: E402
from plant_typo import alphabet as _alphabet, typo  # noqa: E402

from treaty_align.diverge.morphology import fold  # noqa: E402
from treaty_align.parse.scripts import fold_lookalikes  # noqa: E402
from treaty_align.diverge.quality import (  # noqa: E402
    GARBLED_PHRASE,
    GARBLED_WORD,
    TYPO,
    WORD,
    WordList,
    artefacts,
    quality_params,
    word_counts,
)

FLAGS = (TYPO, GARBLED_WORD, GARBLED_PHRASE)
HOMOGLYPHS = {"а": "a", "о": "o", "е": "e", "с": "c", "р": "p", "х": "x", "у": "y", "к": "k"}
TO_CYRILLIC = {v: k for k, v in HOMOGLYPHS.items()}


def mixed(word: str, rng: random.Random, lang: str) -> str | None:
    """Return ``word`` with one letter replaced by its look-alike of the other script, or None."""
    table = TO_CYRILLIC if lang == "az" else HOMOGLYPHS
    spots = [i for i, c in enumerate(word) if c in table]
    if not spots:
        return None
    i = rng.choice(spots)
    return word[:i] + table[word[i]] + word[i + 1:]


def mojibake(text: str, lang: str) -> str:
    """Return ``text`` as a wrong code page shows it."""
    if lang == "az":
        return text.encode("utf-8").decode("cp1252", errors="replace")
    return text.encode("cp1251", errors="replace").decode("latin-1")


def shuffled(text: str, rng: random.Random) -> str:
    """Return ``text`` with the letters inside each word shuffled."""
    out = []
    for w in text.split(" "):
        letters = list(w)
        rng.shuffle(letters)
        out.append("".join(letters))
    return " ".join(out)


def flagged(line: str, lang: str, words: WordList | None, document: Counter[str], start: int, end: int,
            kinds: tuple[str, ...]) -> bool:
    """Return True when a finding of one of ``kinds`` covers part of ``line[start:end]``."""
    found = artefacts(line, fold(line, lang), lang, words, document) if words is not None else \
        _baseline(line, lang)
    return any(s < end and start < e for issue, s, e, _ in found)


def _baseline(line: str, lang: str) -> list[tuple[str, int, int, str]]:
    # the former check: generic patterns and quality.tsv only (no word list, no scripts)
    from treaty_align.diverge.morphology import lexicon
    from treaty_align.diverge.quality import _GENERIC

    folded = fold(line, lang)
    out = [(i, m.start(), m.end(), "") for i, rx in _GENERIC for m in rx.finditer(folded)]
    out += [(r.concept, m.start(), m.end(), "") for r in lexicon(lang, "quality.tsv") for m in r.regex.finditer(folded)]
    return [(GARBLED_WORD, s, e, t) for _, s, e, t in out]


def planted_document(document: Counter[str], original: str, bad: str, lang: str) -> Counter[str]:
    """Return the word counts of the document once ``original`` has been replaced by ``bad``."""
    out = Counter(document)
    for w in WORD.findall(fold(original, lang)):
        out[w] -= 1
    for w in WORD.findall(fold(bad, lang)):
        out[w] += 1
    return out


def measure(doc: str, lang: str, path: Path, real: Path, seed: int,
            show: list[str] | None = None) -> dict[str, tuple[int, int, int]]:
    """Return ``{test: (planted, found by us, found by the baseline)}`` plus false alarms.

    ``show`` (when given) collects the findings on the unchanged text.
    """
    rng = random.Random(f"{seed}:{doc}:{lang}")
    counts = corpus_counts(real, exclude=doc).get(lang, Counter())
    text = document_text(path)
    # the check sees clauses as the parser gives them: without Markdown emphasis and headings
    lines = [fold_lookalikes(re.sub(r"\*\*|__", "", ln).strip(), lang).text for ln in text.splitlines()
             if len(WORD.findall(ln)) >= 5 and not ln.startswith("#")]
    document = word_counts("\n".join(lines), lang)
    if not counts:
        # the only document of its language (Azerbaijani): the word list is fitted on one half
        # and the other half tested; the document the check consults is still the whole text
        counts = word_counts("\n".join(lines[1::2]), lang)
        lines = lines[0::2]
    words = WordList.build({w: n for w, n in counts.items() if n >= 2}, quality_params(lang), lang)
    alphabet = _alphabet(lang)
    result: dict[str, list[int]] = {k: [0, 0, 0] for k in ("typo", "mixed script", "garbled phrase")}
    alarms = [0, 0]
    typo_alarms = 0
    n_words = 0
    for line in lines:
        n_words += len(WORD.findall(line))
        ours = artefacts(line, fold(line, lang), lang, words, document)
        alarms[0] += len(ours)
        alarms[1] += len(_baseline(line, lang))
        typo_alarms += sum(1 for issue, _, _, _ in ours if issue == TYPO)
        if show is not None:
            show.extend(f"{doc} {lang}: {issue} ‘{line[s:e]}’" + (f" -> ‘{t}’" if t else "")
                        for issue, s, e, t in ours)
    candidates = [(li, m) for li, line in enumerate(lines) for m in WORD.finditer(line)
                  if len(m.group()) >= 6 and m.group().isalpha()]
    rng.shuffle(candidates)
    for test, n in (("typo", 50), ("mixed script", 10)):
        done = 0
        for li, m in candidates:
            if done >= n:
                break
            line, w = lines[li], m.group()
            bad = typo(w, rng, alphabet) if test == "typo" else mixed(w, rng, lang)
            if bad is None or bad == w or fold(bad, lang) in counts:
                continue
            planted = line[:m.start()] + bad + line[m.end():]
            span = (m.start(), m.start() + len(bad))
            result[test][0] += 1
            result[test][1] += flagged(planted, lang, words, planted_document(document, w, bad, lang), *span, FLAGS)
            result[test][2] += flagged(planted, lang, None, document, *span, FLAGS)
            done += 1
    runs = [(li, ms) for li, line in enumerate(lines)
            if len(ms := list(WORD.finditer(line))) >= 4]
    rng.shuffle(runs)
    for k, (li, ms) in enumerate(runs[:10]):
        line = lines[li]
        j = rng.randrange(0, len(ms) - 2)
        start, end = ms[j].start(), ms[j + 2].end()
        bad = shuffled(line[start:end], rng) if k % 2 == 0 else mojibake(line[start:end], lang)
        planted = line[:start] + bad + line[end:]
        result["garbled phrase"][0] += 1
        result["garbled phrase"][1] += flagged(planted, lang, words,
                                               planted_document(document, line[start:end], bad, lang),
                                               start, start + len(bad), FLAGS)
        result["garbled phrase"][2] += flagged(planted, lang, None, document, start, start + len(bad), FLAGS)
    out = {k: tuple(v) for k, v in result.items()}
    out["alarms per 1000 words"] = (n_words, alarms[0], alarms[1])
    out["alarms per 100 lines"] = (len(lines), alarms[0], alarms[1])
    out["typo alarms per 100 lines"] = (len(lines), typo_alarms, 0)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", type=Path, default=REAL)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", action="store_true", help="list the findings on the unchanged texts")
    args = parser.parse_args(argv)
    shown: list[str] = []
    totals: dict[tuple[str, str], list[int]] = {}
    print(f"{'document':<34} {'lang':<4} {'test':<22} {'planted':>7} {'ours':>6} {'baseline':>8}")
    for doc, lang, path in corpus_files(args.real):
        for test, (planted, ours, base) in measure(doc, lang, path, args.real, args.seed,
                                                   shown if args.show else None).items():
            if "alarms" in test:
                per = (1000 if "words" in test else 100) / max(planted, 1)
                print(f"{doc:<34} {lang:<4} {test:<22} {planted:>7} {ours * per:>6.1f} {base * per:>8.1f}")
            else:
                print(f"{doc:<34} {lang:<4} {test:<22} {planted:>7} {ours:>6} {base:>8}")
            t = totals.setdefault((lang, test), [0, 0, 0])
            for i, v in enumerate((planted, ours, base)):
                t[i] += v
    print()
    print(f"{'lang':<4} {'test':<22} {'planted':>7} {'ours':>7} {'baseline':>8}")
    for (lang, test), (planted, ours, base) in sorted(totals.items()):
        if "alarms" in test:
            per = (1000 if "words" in test else 100) / max(planted, 1)
            print(f"{lang:<4} {test:<22} {planted:>7} {per * ours:>7.1f} {per * base:>8.1f}")
        else:
            print(f"{lang:<4} {test:<22} {planted:>7} {100 * ours / max(planted, 1):>6.0f}% "
                  f"{100 * base / max(planted, 1):>7.0f}%")
    if shown:
        print()
        print("\n".join(shown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
