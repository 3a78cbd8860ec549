"""Benchmark: how many real differences and planted changes the checks find, and at what noise.

For every document of a corpus folder (default: the bundled treaty and the real acts of
``/work/shared/real-texts``; ``--corpus DIR`` for any other folder holding ``<doc>/kk.md``,
``<doc>/ru.md``, ``<doc>/az.md`` ... with an optional ``divergences.tsv``) it prints

* the number of aligned records, our major and minor findings per 100 records on the official
  texts (records holding a known real difference are left out: they are true findings), and the
  same for two baselines measured on the same records: a **digit-sequence comparison** (a record
  is flagged when the multisets of digit sequences of its two sides differ) and an
  **embedding-similarity threshold** (flagged when the encoder's cosine of the two sides is below
  the 5th percentile of the document's clean records);
* recall of the known real differences (``divergences.tsv``: each row's anchors are located in
  the sources and mapped to the records whose segments hold them);
* recall of **planted changes** by kind and by side: one word (or one list item) changed in one
  version's *source file*, the file re-parsed and the whole comparison re-run. Several changes are
  planted per run, in records at least ``GAP`` records apart, and each is judged on the records that
  hold it. A plant counts as found when one of its records shows a finding (at the severity
  asked) that the same record did not show on the official text -- so a change falling on a record
  that is already flagged for the same reason is *not* counted as found.

How to plant a change in each language (must -> may, or -> and, negation, ...) is in
``benchmarks/plants/<lang>.json``, outside the package, so that no check can read the answers.

Kind ``typo`` plants a spelling slip, not a change of meaning: one word of 6+ letters of the
language (no digit, no hyphen, not an acronym or a word in capitals) gets one random edit -- a
letter replaced, dropped, doubled, or two neighbours swapped, never the first letter
(``plant_typo.py``, shared with ``bench_quality.py``; drawn from ``--seed``, the word and its
place). An edit that spells another word (of the word list, the version, the Russian dictionary)
is not planted: no spelling check can see a real-word error. A typo counts as found only when it
is flagged as a typo: a new finding of the ``quality`` check on its record (at any severity:
those are info, a garbled phrase minor) whose evidence quotes the planted word; findings of other
checks the typo sets off are counted apart, and typo rows stay out of the **all** row. The word
lists are fitted on this very corpus (``fit_wordlists.py``), so these figures are in-sample;
``bench_quality.py`` measures typos with each text left out of the list.

    python benchmarks/bench_findings.py                       # lexical encoder, seed 15, 20 per kind
    python benchmarks/bench_findings.py --encoder e5-small --plants-per-kind 30
    python benchmarks/bench_findings.py --corpus DIR --no-plants
    python benchmarks/bench_findings.py --encoder e5-small --kinds typo --show-missed

Targets (issue 15): <= 2 major findings per 100 records on official versions; planted recall
>= 90 % overall and >= 80 % for every kind and side; real differences >= 80 % found; on every
kind at least the best baseline.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

ROOT = Path(__file__).resolve().parents[1]
PLANTS = Path(__file__).resolve().parent / "plants"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

#: where the real acts usually are (tried in order)
DEFAULT_REAL = (ROOT.parent / "shared" / "real-texts", ROOT.parent.parent / "shared" / "real-texts",
                Path("/work/shared/real-texts"))
#: planted changes in one run stand at least this many records apart
GAP = 3
#: kinds in the order of the tables; the second value says whether the kind changes an obligation
KINDS: tuple[tuple[str, bool], ...] = (
    ("number_digits", True),
    ("number_words", True),
    ("crossref_changed", True),
    ("negation_added", True),
    ("negation_dropped", True),
    ("may_to_must", True),
    ("must_to_may", True),
    ("must_to_entitled", True),
    ("or_to_and", True),
    ("actor_swapped", True),
    ("item_dropped", True),
    ("qualifier_dropped", False),
    ("term_replaced", False),
    ("typo", False),
)
NUM2WORDS_LANG = {"ru": "ru", "kk": "kz", "az": "az"}
SEVERE = ("major", "minor")


# --------------------------------------------------------------------------- corpus


@dataclass
class Document:
    """One act: its language versions (paths) and its known real differences."""

    name: str
    paths: dict[str, Path]
    divergences: list[dict[str, str]] = field(default_factory=list)

    @property
    def languages(self) -> tuple[str, ...]:
        """Return the compared languages, Russian (pivot) last."""
        return tuple(sorted(self.paths, key=lambda lang: (lang == "ru", lang)))


def discover(corpus: Sequence[Path]) -> list[Document]:
    """Return the documents of the corpus folders (a folder of acts, or one act's folder)."""
    docs: list[Document] = []
    for folder in corpus:
        if folder == Path("bundled"):
            known = ROOT / "corpora" / "divergences.tsv"
            with open(known, encoding="utf-8") as fh:
                divs = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
            docs.append(Document("bundled treaty (kk-az)", {"kk": ROOT / "corpora/kk/kk.txt",
                                                            "az": ROOT / "corpora/az/az.md"}, divs))
            continue
        candidates = [folder] + sorted(p for p in folder.iterdir() if p.is_dir())
        for sub in candidates:
            paths = {}
            for f in sorted(sub.iterdir()):
                if f.is_file() and f.stem in ("kk", "ru", "az") and f.suffix in (".md", ".txt"):
                    paths[f.stem] = f
            if len(paths) >= 2:
                divs = []
                tsv = sub / "divergences.tsv"
                if tsv.is_file():
                    with open(tsv, encoding="utf-8") as fh:
                        divs = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
                docs.append(Document(sub.name, paths, divs))
    return docs


# --------------------------------------------------------------------------- one comparison


@dataclass
class Run:
    """One comparison reduced to what the benchmark needs: compared records and their findings."""

    languages: tuple[str, ...]
    records: list[Any]                        # Alignment objects that were compared or are one-sided
    treaties: dict[str, Any]

    @property
    def compared(self) -> int:
        """Return how many of its records hold two or more languages (the denominator of /100)."""
        return sum(1 for al in self.records if sum(bool(al.segments.get(lang)) for lang in self.languages) >= 2)

    def seg_index(self, lang: str) -> dict[str, int]:
        """Return record index by segment id of ``lang``."""
        return {s.id: i for i, al in enumerate(self.records) for s in al.segments.get(lang, ())}

    def records_at(self, lang: str, start: int, end: int) -> set[int]:
        """Return the records holding a ``lang`` segment whose source span overlaps [start, end)."""
        end = max(end, start + 1)
        return {i for i, al in enumerate(self.records) for s in al.segments.get(lang, ())
                if s.span[0] < end and start < s.span[1]}


def compare(treaties: dict[str, Any], encoder: str) -> Run:
    """Return the :class:`Run` of comparing ``treaties`` (Russian, when present, prevails)."""
    from treaty_align.diverge.base import Check
    from treaty_align.pipeline import compare_treaties

    others = [t for lang, t in treaties.items() if lang != "ru"]
    comp = compare_treaties(*others, ru=treaties.get("ru"), encoder=encoder)
    langs = comp.languages
    # a clause with no counterpart (a one-sided record) is where an omission is reported: keep
    # those too, or a dropped item could never be seen as found (nor a false omission counted)
    rows = [al for al in comp.alignments if Check.compared(al, langs) or one_sided(al, langs)]
    return Run(langs, rows, dict(comp.treaties))


def one_sided(al: Any, languages: Sequence[str]) -> bool:
    """Return True for a record of a compared block holding clauses of one language only."""
    from treaty_align.diverge.base import SKIPPED_BLOCKS

    present = [lang for lang in languages if al.segments.get(lang)]
    return (len(present) == 1 and al.block not in SKIPPED_BLOCKS
            and not any(s.kind == "instrument" for s in al.segments[present[0]]))


def our_keys(al: Any, severities: Sequence[str] = SEVERE) -> set[tuple[str, str, str]]:
    """Return what our findings of a record say (kind, severity, message) at ``severities``."""
    return {(d.kind, d.severity, d.message) for d in al.divergences if d.severity in severities}


_DIGITS = re.compile(r"\d+")


def digit_key(al: Any, languages: Sequence[str]) -> str | None:
    """Return the digit-sequence baseline's finding for a record (None = the same digits)."""
    counts = [Counter(_DIGITS.findall(al.text(lang))) for lang in languages]
    if all(c == counts[0] for c in counts[1:]):
        return None
    if sum(1 for lang in languages if al.text(lang).strip()) < 2:
        # a clause with no counterpart has nothing to compare its digits with: flagged, but the
        # same finding whatever its digits (as the embedding baseline scores it 0 either way)
        return "one-sided"
    return "|".join(" ".join(sorted(c.elements())) for c in counts)


class Similarity:
    """The embedding-similarity baseline: cosine of the two sides of a record, cached by text."""

    def __init__(self, encoder: str) -> None:
        from treaty_align.embed import get_encoder

        self.encoder = get_encoder(encoder)
        self.cache: dict[str, Any] = {}

    def cosines(self, records: Sequence[Any], languages: Sequence[str]) -> list[float]:
        """Return the lowest pairwise cosine of each record's sides."""
        import numpy as np

        texts = sorted({al.text(lang) for al in records for lang in languages} - set(self.cache) - {""})
        if texts:
            for t, v in zip(texts, self.encoder.encode(texts)):
                self.cache[t] = np.asarray(v, dtype=float)
        out = []
        for al in records:
            if sum(bool(al.text(lang).strip()) for lang in languages) < 2:
                out.append(0.0)  # a clause with no counterpart is as unlike as it gets
                continue
            vs = [self.cache[al.text(lang)] for lang in languages]
            out.append(min(float(vs[i] @ vs[j]) for i in range(len(vs)) for j in range(i + 1, len(vs))))
        return out


# --------------------------------------------------------------------------- real differences


def locate(source: str, anchor: str) -> int | None:
    """Return where ``anchor`` starts in ``source`` (whitespace- and case-tolerant), or None."""
    at = source.find(anchor)
    if at >= 0:
        return at
    rx = re.compile(r"\s+".join(re.escape(w) for w in anchor.split()), re.IGNORECASE)
    m = rx.search(source)
    return m.start() if m else None


def real_records(doc: Document, run: Run) -> list[tuple[str, str, set[int]]]:
    """Return (id, severity, records holding it) for each known real difference of ``doc``."""
    out = []
    for row in doc.divergences:
        recs: set[int] = set()
        for lang in run.languages:
            anchor = (row.get(f"{lang}_anchor") or "").strip()
            if not anchor:
                continue
            at = locate(run.treaties[lang].source, anchor)
            if at is not None:
                recs |= run.records_at(lang, at, at + len(anchor))
        out.append((row.get("id", "?"), row.get("severity", ""), recs))
    return out


# --------------------------------------------------------------------------- planting


@dataclass
class Plant:
    """One planted change: in ``lang``'s source, [start, end) becomes ``replacement``."""

    doc: str
    lang: str
    kind: str
    start: int
    end: int
    replacement: str
    record: int
    before: str = ""
    new_start: int = 0
    new_end: int = 0


def _lexicon(lang: str) -> dict[str, Any]:
    path = PLANTS / f"{lang}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _edge(pattern: str, stem: bool = False) -> re.Pattern[str]:
    # word edges only where the pattern itself starts / ends with a word (not with a space)
    head = "" if pattern[:1].isspace() else r"(?<!\w)"
    tail = "" if stem or pattern[-1:].isspace() else r"(?!\w)"
    return re.compile(head + "(?:" + pattern + ")" + tail)


def _same_case(original: str, new: str) -> str:
    if original[:1].isupper() and new[:1].islower():
        return new[:1].upper() + new[1:]
    return new


_MORPH: list[Any] = []


def _morph() -> Any:
    """Return the pymorphy3 analyser (loaded once, on first use)."""
    if not _MORPH:
        import pymorphy3

        _MORPH.append(pymorphy3.MorphAnalyzer())
    return _MORPH[0]


def _spelled(value: int, lang: str, case: str | None = None) -> str:
    from num2words import num2words

    words = num2words(value, lang=NUM2WORDS_LANG[lang])
    if lang == "ru" and case:
        out = []
        for w in words.split():
            p = _morph().parse(w)[0]
            inflected = p.inflect({case})
            out.append(inflected.word if inflected else w)
        words = " ".join(out)
    return words


_RU_GENITIVE_BEFORE = {"течение", "позднее", "более", "менее", "свыше", "до", "от", "после", "истечении",
                       "истечения", "срока", "срок", "около", "из"}


#: a word a typo can be planted in: 6+ letters, no digit or hyphen attached
_TYPO_WORD = re.compile(r"(?<![\w-])[^\W\d_]{6,}(?![\w-])")


class SiteFinder:
    """Finds where each kind of change can be planted in one language's segments.

    ``seed`` draws each typo (the same word at the same place gets the same edit in every run);
    ``document`` is the word counts of the version, so that no typo spells a word it writes.
    """

    def __init__(self, lang: str, seed: int = 0, document: Counter[str] | None = None) -> None:
        self.lang = lang
        self.lex = _lexicon(lang)
        self.seed = seed
        self.document = document or Counter()

    def sites(self, kind: str, text: str, seg: Any) -> Iterable[tuple[int, int, str]]:
        """Yield (start, end, replacement) offsets relative to ``text`` (a segment's source)."""
        rules = self.lex.get("rules", {})
        if kind in rules:
            yield from self._rules(rules[kind], text)
        elif kind == "number_digits":
            for m in self._numbers(text, references=False):
                yield m.start(), m.end(), str(int(m.group()) + 1)
        elif kind == "crossref_changed":
            for m in self._numbers(text, references=True):
                yield m.start(), m.end(), str(int(m.group()) + 1)
        elif kind == "number_words":
            yield from self._number_words(text)
        elif kind == "item_dropped":
            if seg.kind == "item":
                yield 0, len(text), ""
        elif kind == "negation_added":
            yield from self._negation_added(text)
        elif kind == "negation_dropped":
            yield from self._negation_dropped(text)
        elif kind == "typo":
            yield from self._typos(text, seg)

    def _typos(self, text: str, seg: Any) -> Iterable[tuple[int, int, str]]:
        """Yield one random edit of each word of 6+ letters of the language (not an acronym).

        A typo that spells another word -- of the word list, of the document, of the dictionary
        (Russian) -- is left out: that is a real-word error, which no spelling check can see.
        """
        from plant_typo import alphabet, typo
        from treaty_align.diverge.morphology import fold
        from treaty_align.diverge.quality import wordlist

        letters = alphabet(self.lang)
        words = wordlist(self.lang)
        for m in _TYPO_WORD.finditer(text):
            w = m.group()
            # an acronym or a word of mixed case (a name written in capitals) is no plain word
            if not w[1:].islower() or any(c not in letters for c in w.lower()):
                continue
            rng = random.Random(f"{self.seed}:{self.lang}:{seg.span[0] + m.start()}:{w}")
            bad = typo(w, rng, letters)
            folded = fold(bad, self.lang)
            if bad == w or folded in self.document or (words is not None and (
                    folded in words.counts or words.in_dictionary(folded))):
                continue
            yield m.start(), m.end(), bad

    def _rules(self, rules: list[list[str]], text: str) -> Iterable[tuple[int, int, str]]:
        for rule in rules:
            pattern, repl = rule[0], rule[1]
            stem = len(rule) > 2 and rule[2] == "stem"
            for m in _edge(pattern, stem).finditer(text):
                yield m.start(), m.end(), _same_case(m.group(), m.expand(repl))

    def _numbers(self, text: str, references: bool) -> Iterable[re.Match[str]]:
        before = self.lex.get("reference_words")
        after = self.lex.get("reference_words_after")
        label = re.match(r"\s*\(?\d{1,3}[.)]", text)
        for m in re.finditer(r"(?<![\w.,/-])[1-9]\d{0,3}(?![\w/]|[.,]\d)", text):
            if label and m.start() < label.end():
                continue
            is_ref = bool(before and re.search(before + r"$", text[max(0, m.start() - 30):m.start()]))
            is_ref = is_ref or bool(after and re.match(after, text[m.end():]))
            if is_ref == references:
                yield m

    def _number_words(self, text: str) -> Iterable[tuple[int, int, str]]:
        units = self.lex.get("unit_words")
        if units:
            rx = re.compile(r"(?<![\w.,/-])([1-9]\d{0,2})(\s+)(?=" + units + r"(?!\w))")
            for m in rx.finditer(text):
                if text[m.end():m.end() + 40].lstrip().startswith("(") or text[max(0, m.start() - 2):m.start()] == "(":
                    continue
                value = int(m.group(1)) + 1
                case = None
                if self.lang == "ru":
                    prev = re.findall(r"\w+", text[max(0, m.start() - 20):m.start()].lower())
                    case = "gent" if prev and prev[-1] in _RU_GENITIVE_BEFORE else None
                yield m.start(1), m.end(1), _spelled(value, self.lang, case)
        words = self.lex.get("number_words")
        if words:
            for m in _edge(words).finditer(text):
                w = m.group()
                if self.lang == "ru":
                    p = _morph().parse(w.lower())[0]
                    if "NUMR" not in p.tag:
                        continue
                    other = "девяти" if p.normal_form != "девять" else "семи"
                    q = _morph().parse("девять" if p.normal_form != "девять" else "семь")[0]
                    case = p.tag.case or "nomn"
                    inflected = q.inflect({case})
                    yield m.start(), m.end(), _same_case(w, inflected.word if inflected else other)
                else:
                    repl = "тоғыз" if self.lang == "kk" else "doqquz"
                    if w.lower().startswith(repl[:3]):
                        repl = "жеті" if self.lang == "kk" else "yeddi"
                    if self.lang == "kk" and w.lower() == "бір":
                        continue  # also the indefinite article
                    if self.lang == "az" and w.lower() == "bir":
                        continue
                    yield m.start(), m.end(), _same_case(w, repl)

    def _negation_added(self, text: str) -> Iterable[tuple[int, int, str]]:
        negatable = self.lex.get("negatable_words", {})
        if self.lang == "ru":
            for m in re.finditer(r"(?<!\w)(\w+)(?!\w)", text):
                w = m.group()
                prev = text[max(0, m.start() - 3):m.start()].lower()
                if prev.endswith("не "):
                    continue
                p = _morph().parse(w.lower())[0]
                finite = "VERB" in p.tag and ("pres" in p.tag or "futr" in p.tag) and "indc" in p.tag
                if w.lower() in negatable or finite:
                    yield m.start(), m.start(), "не " if w[:1].islower() else "Не "
            return
        for word, neg in negatable.items():
            for m in _edge(re.escape(word)).finditer(text):
                if not text[m.end():m.end() + 6].lstrip().startswith(("емес", "deyil")):
                    yield m.start(), m.end(), neg
        for pattern, repl in self.lex.get("verb_negation_add", []):
            for m in _edge(pattern).finditer(text):
                yield m.start(), m.end(), m.expand(repl)

    def _negation_dropped(self, text: str) -> Iterable[tuple[int, int, str]]:
        if self.lang == "ru":
            keep = set(self.lex.get("negation_keep", []))
            for m in re.finditer(r"(?<!\w)([Нн]е)\s+(\w+)", text):
                w = m.group(2).lower()
                if w in keep:
                    continue
                p = _morph().parse(w)[0]
                if {"VERB", "PRTS", "ADJS", "PRED", "INFN"} & set(str(p.tag).replace(",", " ").split()) or \
                        w in self.lex.get("negatable_words", []):
                    first = m.group(2)
                    repl = first[:1].upper() + first[1:] if m.group(1) == "Не" else first
                    yield m.start(), m.end(), repl
            return
        for pattern, repl in self.lex.get("verb_negation_drop", []):
            for m in _edge(pattern).finditer(text):
                yield m.start(), m.end(), m.expand(repl)


def find_sites(doc: Document, run: Run, lang: str, kinds: Sequence[str], seed: int = 0) -> dict[str, list[Plant]]:
    """Return every possible plant of each kind in ``lang``'s compared segments of ``doc``."""
    document: Counter[str] = Counter()
    if "typo" in kinds:
        from treaty_align.diverge.quality import word_counts

        # the words of the version as the quality check counts them
        document = word_counts(" ".join(s.text for s in run.treaties[lang].segments), lang)
    finder = SiteFinder(lang, seed, document)
    source = run.treaties[lang].source
    out: dict[str, list[Plant]] = defaultdict(list)
    for i, al in enumerate(run.records):
        for seg in al.segments.get(lang, ()):
            a, b = seg.span
            if seg.kind == "item":
                # the whole source line(s) of the item
                la = source.rfind("\n", 0, a) + 1
                lb = source.find("\n", b)
                item_span = (la, len(source) if lb < 0 else lb + 1)
            text = source[a:b]
            for kind in kinds:
                for s, e, repl in finder.sites(kind, text, seg):
                    if kind == "item_dropped":
                        s, e = item_span[0] - a, item_span[1] - a
                    if source[a + s:a + e] == repl:
                        continue
                    out[kind].append(Plant(doc.name, lang, kind, a + s, a + e, repl, i, source[a + s:a + e]))
    return out


def choose(sites: dict[tuple[str, str, str], list[Plant]], per_kind: int, rng: random.Random) -> list[Plant]:
    """Return up to ``per_kind`` plants per (kind, language), at most one per record, random.

    Sites are drawn in turn from each distinct original wording (so that "Party", frequent
    everywhere, does not crowd out the rarer wordings of the same kind).
    """
    chosen: list[Plant] = []
    for key in sorted(sites):
        by_word: dict[str, list[Plant]] = defaultdict(list)
        for p in sorted(sites[key], key=lambda p: (p.doc, p.start, p.end, p.replacement)):
            by_word[p.before.lower()[:40]].append(p)
        words = sorted(by_word)
        rng.shuffle(words)
        for w in words:
            rng.shuffle(by_word[w])
        pool = [by_word[w][i] for i in range(max(map(len, by_word.values()), default=0))
                for w in words if i < len(by_word[w])]
        taken: set[tuple[str, int]] = set()
        picked: list[Plant] = []
        for p in pool:
            if (p.doc, p.record) in taken:
                continue
            taken.add((p.doc, p.record))
            picked.append(p)
            if len(picked) >= per_kind:
                break
        chosen.extend(picked)
    return chosen


def schedule(plants: list[Plant]) -> list[list[Plant]]:
    """Return groups of plants (one group = one run) whose records stand >= GAP apart."""
    runs: list[list[Plant]] = []
    for p in plants:
        for run in runs:
            if all(abs(q.record - p.record) >= GAP and (q.end <= p.start or p.end <= q.start) for q in run):
                run.append(p)
                break
        else:
            runs.append([p])
    return runs


def apply(source: str, plants: list[Plant]) -> str:
    """Return ``source`` with the ``plants`` applied; sets each plant's new offsets."""
    parts, pos, shift = [], 0, 0
    for p in sorted(plants, key=lambda p: p.start):
        parts.append(source[pos:p.start])
        p.new_start = p.start + shift
        p.new_end = p.new_start + len(p.replacement)
        parts.append(p.replacement)
        shift += len(p.replacement) - (p.end - p.start)
        pos = p.end
    parts.append(source[pos:])
    return "".join(parts)


# --------------------------------------------------------------------------- the benchmark


@dataclass
class DocResult:
    """Figures of one document on its official versions."""

    name: str
    records: int
    ours_major: int
    ours_minor: int
    digits: int
    embedding: int
    real: list[dict[str, Any]]
    by_check: dict[str, int] = field(default_factory=dict)


def evaluate_clean(doc: Document, run: Run, sim: Similarity) -> tuple[DocResult, float, list[float]]:
    """Return the document's clean figures, the embedding threshold and the records' cosines."""
    real = real_records(doc, run)
    real_recs = set().union(*(r for _, _, r in real)) if real else set()
    cos = sim.cosines(run.records, run.languages)
    paired = sorted(c for al, c in zip(run.records, cos) if sum(bool(al.text(lang).strip()) for lang in run.languages) >= 2)
    threshold = paired[max(0, int(0.05 * len(paired)) - 1)] if paired else 0.0
    major = minor = digits = emb = 0
    by_check: Counter[str] = Counter()
    for i, al in enumerate(run.records):
        if i in real_recs:
            continue
        by_check.update(f"{d.kind} {d.severity}" for d in al.divergences if d.severity in SEVERE)
        major += sum(d.severity == "major" for d in al.divergences)
        minor += sum(d.severity == "minor" for d in al.divergences)
        digits += digit_key(al, run.languages) is not None
        emb += cos[i] <= threshold
    found = []
    for rid, sev, recs in real:
        found.append({
            "id": rid, "severity": sev, "located": bool(recs),
            "ours": any(our_keys(run.records[i]) for i in recs),
            "ours_major": any(our_keys(run.records[i], ("major",)) for i in recs),
            "digits": any(digit_key(run.records[i], run.languages) for i in recs),
            "embedding": any(cos[i] <= threshold for i in recs),
        })
    return (DocResult(doc.name, run.compared, major, minor, digits, emb, found, dict(by_check)),
            threshold, cos)


def judge(plant: Plant, clean: Run, planted: Run, clean_cos: list[float], threshold: float,
          sim: Similarity) -> dict[str, Any]:
    """Return whether our checks and the baselines show something new where ``plant`` stands."""
    other = [lang for lang in clean.languages if lang != plant.lang]
    clean_recs = {plant.record}
    new_recs = planted.records_at(plant.lang, plant.new_start, plant.new_end)
    idx_new = {lang: planted.seg_index(lang) for lang in other}
    for lang in other:
        for seg in clean.records[plant.record].segments.get(lang, ()):
            if seg.id in idx_new[lang]:
                new_recs.add(idx_new[lang][seg.id])
    before_any = set().union(*(our_keys(clean.records[i]) for i in clean_recs))
    before_major = set().union(*(our_keys(clean.records[i], ("major",)) for i in clean_recs))
    after = [planted.records[i] for i in sorted(new_recs)]
    digits_before = {digit_key(clean.records[i], clean.languages) for i in clean_recs} - {None}
    emb_before = any(clean_cos[i] <= threshold for i in clean_recs)
    after_cos = sim.cosines(after, planted.languages) if after else []
    ours = any(our_keys(al) - before_any for al in after)
    ours_major = any(our_keys(al, ("major",)) - before_major for al in after)
    extra: dict[str, Any] = {}
    if plant.kind == "typo":
        # a typo is found only when it is flagged as what it is: a new finding of the quality
        # check (info or minor) quoting the planted word; what other checks newly report on the
        # record is noise the typo set off, counted apart
        before_quality = {d.message for i in clean_recs for d in clean.records[i].divergences
                          if d.kind == "quality"}
        word = plant.replacement
        ours = any(d.kind == "quality" and d.message not in before_quality
                   and any(e.language == plant.lang and word in e.quote for e in d.evidence)
                   for al in after for d in al.divergences)
        ours_major = False
        extra["other_checks"] = sorted({k for al in after for k, _, _ in our_keys(al) - before_any
                                        if k != "quality"})
    return {
        "kind": plant.kind, "lang": plant.lang, "doc": plant.doc,
        "on_flagged": bool(before_any),
        "ours": ours,
        "ours_major": ours_major,
        **extra,
        "digits": any((k := digit_key(al, planted.languages)) is not None and k not in digits_before
                      for al in after),
        "embedding": (not emb_before) and any(c <= threshold for c in after_cos),
        "before": plant.before[:60], "after": plant.replacement[:60],
        "context": clean.treaties[plant.lang].source[max(0, plant.start - 40):plant.end + 40],
    }


def parse_planted(path: Path, lang: str, text: str) -> Any:
    """Return the Treaty parsed from a planted copy of the file at ``path``."""
    from treaty_align.parse import parse_text

    markdown = True if path.suffix.lower() in (".md", ".markdown") else None
    return parse_text(text, lang, markdown=markdown, source_path=str(path))


def pct(k: int, n: int) -> str:
    """Return ``k/n`` as a percentage string ("–" when n is 0)."""
    return f"{100 * k / n:.0f}%" if n else "–"


def per100(k: int, n: int) -> str:
    """Return ``k`` per 100 of ``n``."""
    return f"{100 * k / n:.1f}" if n else "–"


def tables(docs: list[DocResult], plants: list[dict[str, Any]], kinds: Sequence[str]) -> str:
    """Return the Markdown tables of the benchmark."""
    out = ["### Official versions (false alarms) and known real differences", "",
           "| document | records | ours major /100 | ours minor /100 | digits /100 | embedding /100 "
           "| real diffs | ours found (major) | digits found | embedding found |",
           "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    tot = Counter()
    for d in docs:
        r = d.real
        row = (len(r), sum(x["ours"] for x in r), sum(x["ours_major"] for x in r),
               sum(x["digits"] for x in r), sum(x["embedding"] for x in r))
        out.append(f"| {d.name} | {d.records} | {per100(d.ours_major, d.records)} | {per100(d.ours_minor, d.records)} "
                   f"| {per100(d.digits, d.records)} | {per100(d.embedding, d.records)} | {row[0]} "
                   f"| {row[1]} ({row[2]}) | {row[3]} | {row[4]} |")
        tot.update({"records": d.records, "major": d.ours_major, "minor": d.ours_minor, "digits": d.digits,
                    "emb": d.embedding, "real": row[0], "ours": row[1], "ours_major": row[2], "rd": row[3],
                    "re": row[4]})
    out.append(f"| **all** | {tot['records']} | {per100(tot['major'], tot['records'])} "
               f"| {per100(tot['minor'], tot['records'])} | {per100(tot['digits'], tot['records'])} "
               f"| {per100(tot['emb'], tot['records'])} | {tot['real']} | {tot['ours']} ({tot['ours_major']}) "
               f"| {tot['rd']} | {tot['re']} |")
    checks: Counter[str] = Counter()
    for d in docs:
        checks.update(d.by_check)
    out += ["", "Findings on the official versions by check: "
            + ", ".join(f"{k} {v}" for k, v in sorted(checks.items(), key=lambda x: (-x[1], x[0])))]
    if not plants:
        return "\n".join(out) + "\n"
    out += ["", "### Planted changes: recall by kind and side", "",
            "| kind | side | plants | on flagged | ours ≥ minor | ours major | digits | embedding |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for p in plants:
        groups[(p["kind"], p["lang"])].append(p)
    order = {k: i for i, k in enumerate(kinds)}
    for (kind, lang), ps in sorted(groups.items(), key=lambda x: (order.get(x[0][0], 99), x[0][1])):
        n = len(ps)
        out.append(f"| {kind} | {lang} | {n} | {sum(p['on_flagged'] for p in ps)} | {pct(sum(p['ours'] for p in ps), n)} "
                   f"| {pct(sum(p['ours_major'] for p in ps), n)} | {pct(sum(p['digits'] for p in ps), n)} "
                   f"| {pct(sum(p['embedding'] for p in ps), n)} |")
    # a typo is judged otherwise (a quality finding, info) and changes no meaning: kept out of "all"
    meaning = [p for p in plants if p["kind"] != "typo"]
    n = len(meaning)
    if n:
        out.append(f"| **all** | | {n} | {sum(p['on_flagged'] for p in meaning)} | {pct(sum(p['ours'] for p in meaning), n)} "
                   f"| {pct(sum(p['ours_major'] for p in meaning), n)} | {pct(sum(p['digits'] for p in meaning), n)} "
                   f"| {pct(sum(p['embedding'] for p in meaning), n)} |")
    typos = [p for p in plants if p["kind"] == "typo"]
    if typos:
        noisy = Counter(k for p in typos for k in p.get("other_checks", ()))
        out += ["", "typo: found = a new `quality` finding (any severity) quoting the planted word; "
                "kept out of **all**. Typos that set off a new finding (≥ minor) of another check: "
                f"{sum(bool(p.get('other_checks')) for p in typos)} of {len(typos)}"
                + (" (" + ", ".join(f"{k} {v}" for k, v in sorted(noisy.items())) + ")" if noisy else "")]
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its tables; return the exit code."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", action="append", type=Path,
                    help="a folder of acts (repeatable; default: the bundled treaty and the real texts)")
    ap.add_argument("--encoder", default="lexical", help="encoder for the comparison and the baseline")
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--plants-per-kind", type=int, default=20, help="plants per kind and side (0: none)")
    ap.add_argument("--kinds", help="comma-separated plant kinds (default: all; typo: a spelling "
                    "slip, found only by a quality finding)")
    ap.add_argument("--no-plants", action="store_true", help="only the official versions")
    ap.add_argument("--json", type=Path, help="also write every plant's result to this file")
    ap.add_argument("--show-missed", action="store_true", help="list the plants we missed")
    args = ap.parse_args(argv)

    corpus = args.corpus or [Path("bundled")] + [p for p in DEFAULT_REAL if p.is_dir()][:1]
    docs = discover(corpus)
    if not docs:
        print("bench_findings: no documents found (give --corpus DIR)", file=sys.stderr)
        return 2
    kinds = [k for k, _ in KINDS] if not args.kinds else args.kinds.split(",")
    per_kind = 0 if args.no_plants else args.plants_per_kind
    rng = random.Random(args.seed)
    sim = Similarity(args.encoder)
    from treaty_align.errors import TreatyAlignError
    from treaty_align.parse import load_treaty

    skipped: list[str] = []

    t0 = time.time()
    clean: dict[str, tuple[Document, Run, float, list[float]]] = {}
    results: list[DocResult] = []
    sites: dict[tuple[str, str, str], list[Plant]] = defaultdict(list)
    for doc in docs:
        try:
            treaties = {lang: load_treaty(path, lang=lang) for lang, path in doc.paths.items()}
            run = compare(treaties, args.encoder)
        except TreatyAlignError as exc:
            # a document the pipeline rejects is reported, not silently dropped
            print(f"{doc.name}: not compared: {exc}", file=sys.stderr)
            skipped.append(f"{doc.name} ({str(exc).split(': ', 1)[-1][:70]})")
            continue
        res, threshold, cos = evaluate_clean(doc, run, sim)
        results.append(res)
        clean[doc.name] = (doc, run, threshold, cos)
        if per_kind:
            for lang in run.languages:
                for kind, ps in find_sites(doc, run, lang, kinds, args.seed).items():
                    sites[(kind, lang, "")].extend(ps)
        print(f"[{time.time() - t0:5.1f}s] {doc.name}: {res.records} records", file=sys.stderr)

    judged: list[dict[str, Any]] = []
    if per_kind:
        chosen = choose(sites, per_kind, rng)
        by_side: dict[tuple[str, str], list[Plant]] = defaultdict(list)
        for p in chosen:
            by_side[(p.doc, p.lang)].append(p)
        for (name, lang), plants in sorted(by_side.items()):
            doc, run, threshold, cos = clean[name]
            for group in schedule(plants):
                text = apply(run.treaties[lang].source, group)
                treaties = dict(run.treaties)
                try:
                    treaties[lang] = parse_planted(doc.paths[lang], lang, text)
                    planted = compare(treaties, args.encoder)
                except Exception as exc:  # noqa: BLE001 - a planted file the pipeline rejects is a miss
                    print(f"  {name}/{lang}: planted run failed: {exc}", file=sys.stderr)
                    judged.extend({"kind": p.kind, "lang": p.lang, "doc": p.doc, "on_flagged": False,
                                   "ours": False, "ours_major": False, "digits": False, "embedding": False,
                                   "before": p.before, "after": p.replacement} for p in group)
                    continue
                judged.extend(judge(p, run, planted, cos, threshold, sim) for p in group)
            print(f"[{time.time() - t0:5.1f}s] planted {name}/{lang}: {len(plants)}", file=sys.stderr)

    header = (f"encoder={args.encoder} seed={args.seed} plants-per-kind={per_kind} "
              f"documents={len(docs)} ({time.time() - t0:.0f} s)")
    print(header + "\n")
    for name in skipped:
        print(f"not compared (the pipeline rejects it): {name}\n")
    print(tables(results, judged, kinds))
    if args.show_missed:
        for p in judged:
            if not p["ours"]:
                print(f"missed {p['kind']:<18} {p['lang']} {p['doc'][:24]:<24} {p['before']!r} -> {p['after']!r}")
    if args.json:
        args.json.write_text(json.dumps({"documents": [r.__dict__ for r in results], "plants": judged},
                                        ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
