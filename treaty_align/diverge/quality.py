"""Text quality (info, at most minor): typos, garbled words and phrases, glued words, stray Markdown.

General methods, the same for every language, driven by per-language data:

* **near misses** — a word absent from the language's word list (``wordlist.tsv``, word
  frequencies counted in the real corpus by ``benchmarks/fit_wordlists.py``) that is one edit
  (rapidfuzz, with transpositions) away from a frequent word, differs from it inside the stem
  (not in the inflection at the end), and occurs only once in the document: a likely typo. The
  frequent word is the suggestion;
* **garbled words** — Latin and Cyrillic mixed in one word, or letters of another script
  outside the language's alphabet (mojibake: UTF-8 or CP1251 read as another code page);
* **garbled phrases** — a run of words none of which the word list knows, even as an
  inflected form, each spelt unlike the corpus (a letter pair it never writes, or a longer run
  of consonants or vowels than it ever has);
* generic rules (words glued at a full stop, repeated words, digits inside words, leftover
  Markdown) and the letter sequences of ``quality.tsv``.

Thresholds live in ``data/<lang>/quality.json``. The findings change no meaning but make a
version harder to trust and to search, so they are ``info`` (a garbled phrase ``minor``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Mapping, Sequence

from rapidfuzz.distance import OSA
from rapidfuzz.process import extract

from treaty_align.data import has_data, load_json, load_tsv
from treaty_align.diverge.base import INFO, MINOR, Check, CheckContext, Side, make_divergence, register
from treaty_align.diverge.morphology import fold, lexicon
from treaty_align.model import Alignment, Divergence

_GENERIC: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("words glued at a full stop", re.compile(r"[^\W\d_]{3,}[.,;:][^\W\d_]{3,}")),
    ("stray Markdown", re.compile(r"\*\*|__|`|^#{1,6}\s|(?<=\s)#{1,6}\s|\[[^\]\s]*\]")),
    ("repeated word", re.compile(r"\b(\w{2,})\s+\1\b")),
    ("digit inside a word", re.compile(r"[^\W\d_]+\d+[^\W\d_]+")),
)

#: a word for the word list and the near-miss test: letters, optionally hyphenated
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

TYPO = "possible typo"
GARBLED_WORD = "garbled word"
GARBLED_PHRASE = "garbled phrase"

_DEFAULTS: dict[str, Any] = {
    "min_length": 6,
    "min_target_frequency": 3,
    "inflection_tail": 3,
    "known_prefix": 5,
    "garbled_run": 3,
    "garbled_min_length": 4,
    "typo_min_prefix": 2,
    "stem_corrections": False,
    "check_bigrams": True,
    "min_bigram_words": 1000,
    "vowels": "",
    "max_consonant_run": 0,
    "max_vowel_run": 0,
}


def word_counts(text: str, lang: str) -> Counter[str]:
    """Return how often each word (folded to lower case the language's way) occurs in ``text``."""
    counts: Counter[str] = Counter()
    folded = fold(text, lang)
    # no word holds a space: the text's space-separated tokens are counted (at C speed), and
    # each distinct token is searched for words once; a piece at a time, cut at a space, as
    # the list of every token of a 50 MB text at once would take more memory than the text
    start = 0
    while start < len(folded):
        end = folded.find(" ", start + _COUNT_CHUNK)
        end = len(folded) if end < 0 else end
        for token, times in Counter(folded[start:end].split()).items():
            for word in WORD.findall(token):
                counts[word] += times
        start = end
    return counts


_COUNT_CHUNK = 1 << 20


@dataclass(frozen=True)
class WordList:
    """A language's word frequencies and the indexes the quality rules need."""

    counts: Mapping[str, int]
    prefixes: Mapping[str, int]
    bigrams: frozenset[str]
    params: Mapping[str, Any]
    by_length: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    #: answers already given per word (a document repeats its words; the list never changes)
    _memo: dict[tuple[str, str], Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(cls, counts: Mapping[str, int], params: Mapping[str, Any] | None = None) -> "WordList":
        """Return the word list of ``counts`` (word -> corpus frequency) with ``params`` thresholds."""
        p = {**_DEFAULTS, **(params or {})}
        n = int(p["known_prefix"])
        prefixes: Counter[str] = Counter()
        for w, k in counts.items():
            for end in range(min(n, len(w)), len(w) + 1):
                prefixes[w[:end]] += k
        bigrams = frozenset(w[i:i + 2] for w in counts for i in range(len(w) - 1))
        floor = int(p["min_target_frequency"])
        by_length: dict[int, list[str]] = {}
        for prefix, k in prefixes.items():
            if k >= floor:
                by_length.setdefault(len(prefix), []).append(prefix)
        return cls(dict(counts), dict(prefixes), bigrams, p,
                   {k: tuple(sorted(v)) for k, v in sorted(by_length.items())})

    def _stem(self, word: str) -> str:
        return word[: max(int(self.params["known_prefix"]), len(word) - int(self.params["inflection_tail"]))]

    def known(self, word: str) -> bool:
        """Return True when ``word`` or an inflected form of its stem is in the list."""
        return word in self.counts or self._stem(word) in self.prefixes

    def near_miss(self, word: str) -> str | None:
        """Return the word ``word`` is probably a typo of, or None.

        A typo's stem (the word without its last ``inflection_tail`` letters, which vary by
        grammar) is unknown but one edit (substitution, insertion, deletion or swap of
        neighbours; rapidfuzz OSA distance) from a stem the corpus writes at least
        ``min_target_frequency`` times; the first ``typo_min_prefix`` letters agree (words
        differing at their start are usually different words). The suggestion is that stem
        with the word's own ending.
        """
        key = ("near_miss", word)
        if key not in self._memo:
            self._memo[key] = self._near_miss(word)
        return self._memo[key]

    def _near_miss(self, word: str) -> str | None:
        p = self.params
        if len(word) < int(p["min_length"]) or self.known(word):
            return None
        stem = self._stem(word)
        pool = [x for k in (len(stem) - 1, len(stem), len(stem) + 1) for x in self.by_length.get(k, ())]
        best, best_key = None, None
        for cand, _, _ in extract(stem, pool, scorer=OSA.distance, score_cutoff=1, limit=None):
            if cand == stem or _common_prefix(stem, cand) < int(p["typo_min_prefix"]):
                continue
            fixed = cand + word[len(stem):]
            if fixed not in self.counts and not p["stem_corrections"]:
                continue  # only a correction the corpus writes is evidence enough
            # prefer a correction that is itself a word of the list, then the most frequent stem
            key = (fixed in self.counts, self.prefixes[cand], cand)
            if best_key is None or key > best_key:
                best, best_key = fixed, key
        return best


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


@lru_cache(maxsize=None)
def wordlist(lang: str) -> WordList | None:
    """Return the bundled word list of ``lang`` (None when it has no ``wordlist.tsv``)."""
    if not has_data(lang, "wordlist.tsv"):
        return None
    counts = {row["word"]: int(row["count"]) for row in load_tsv(lang, "wordlist.tsv")}
    return WordList.build(counts, quality_params(lang))


@lru_cache(maxsize=None)
def quality_params(lang: str) -> dict[str, Any]:
    """Return the text-quality thresholds of ``lang`` (``quality.json`` over the defaults)."""
    raw = load_json(lang, "quality.json") if has_data(lang, "quality.json") else {}
    return {**_DEFAULTS, **{k: v for k, v in raw.items() if not k.startswith("_")}}


@lru_cache(maxsize=None)
def _alphabet(lang: str) -> frozenset[str]:
    if not has_data(lang, "structure.json"):
        return frozenset()
    return frozenset(str(load_json(lang, "structure.json").get("letters", "")).lower())


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return "latin" if name.startswith("LATIN") else "cyrillic" if name.startswith("CYRILLIC") else "other"


@lru_cache(maxsize=None)
def _main_script(lang: str) -> str:
    scripts = Counter(_script(ch) for ch in _alphabet(lang))
    return scripts.most_common(1)[0][0] if scripts else "other"


@lru_cache(maxsize=1 << 16)
def garbled(word: str, lang: str) -> bool:
    """Return True when ``word`` (folded) is garbled: Latin and Cyrillic mixed in one word, or
    letters of another script than the language's outside its alphabet (mojibake)."""
    alphabet = _alphabet(lang)
    letters = [ch for ch in word if ch.isalpha()]
    if not letters:
        return False
    scripts = {_script(ch) for ch in letters} - {"other"}
    if len(scripts) > 1:
        return True
    main = _main_script(lang)
    # a letter outside the alphabet is mojibake when it belongs to another script, or, in a
    # Latin-script language, when it is an accented Latin letter the language does not write
    # (names in a Cyrillic text may use the letters of a neighbouring Cyrillic alphabet)
    return any(ch not in alphabet and not ("a" <= ch <= "z") and (_script(ch) != main or main == "latin")
               for ch in letters)


def odd(word: str, lang: str, words: WordList) -> bool:
    """Return True when ``word`` is spelt unlike any word of the corpus: a letter pair the corpus
    never writes, or a longer run of consonants or vowels than it ever has."""
    key = ("odd:" + lang, word)
    if key not in words._memo:
        words._memo[key] = _odd(word, lang, words)
    return words._memo[key]


def _odd(word: str, lang: str, words: WordList) -> bool:
    p = words.params
    plain = word.replace("-", "")
    alphabet = _alphabet(lang)
    if alphabet and any(ch not in alphabet for ch in plain):
        return False  # a foreign word (a name in a neighbouring alphabet) is not garbled
    if p["check_bigrams"] and len(words.counts) >= int(p["min_bigram_words"]):
        if any(plain[i:i + 2] not in words.bigrams for i in range(len(plain) - 1)):
            return True
    vowels = str(p["vowels"])
    if vowels:
        runs = re.findall(f"[{re.escape(vowels)}]+|[^{re.escape(vowels)}]+", plain)
        for run in runs:
            limit = int(p["max_vowel_run"] if run[0] in vowels else p["max_consonant_run"])
            if limit and len(run) > limit:
                return True
    return False


def artefacts(text: str, folded: str, lang: str, words: WordList | None = None,
              document: Mapping[str, int] | None = None) -> list[tuple[str, int, int, str]]:
    """Return ``(issue, start, end, suggestion)`` for each text-quality artefact of ``text``.

    ``words`` is the word list (default: the bundled one of ``lang``); ``document`` the word
    counts of the whole document: a word written the same way twice is not taken for a typo.
    """
    if words is None:
        words = wordlist(lang)
    found: list[tuple[str, int, int, str]] = []
    for issue, rx in _GENERIC:
        found.extend((issue, m.start(), m.end(), "") for m in rx.finditer(text if issue == "stray Markdown" else folded))
    for row in lexicon(lang, "quality.tsv"):
        found.extend((row.concept, m.start(), m.end(), "") for m in row.regex.finditer(folded) if m.end() > m.start())
    tokens = list(WORD.finditer(folded))
    unknown_run: list[re.Match[str]] = []
    run_length = int((words.params if words else _DEFAULTS)["garbled_run"])
    min_len = int((words.params if words else _DEFAULTS)["garbled_min_length"])

    def close_run() -> None:
        if len(unknown_run) >= run_length:
            found.append((GARBLED_PHRASE, unknown_run[0].start(), unknown_run[-1].end(), ""))
        unknown_run.clear()

    for m in tokens:
        w = m.group()
        if garbled(w, lang):
            found.append((GARBLED_WORD, m.start(), m.end(), ""))
        elif words is not None and (document is None or document.get(w, 0) < 2) and not text[m.start():m.end()].isupper():
            target = words.near_miss(w)
            if target is not None:
                found.append((TYPO, m.start(), m.end(), _like(text[m.start():m.end()], target)))
        if (words is not None and len(w) >= min_len and not words.known(w)
                and (document is None or document.get(w, 0) < 2) and odd(w, lang, words)):
            unknown_run.append(m)
        else:
            close_run()
    close_run()
    found.sort(key=lambda x: (x[1], -(x[2] - x[1])))
    kept: list[tuple[str, int, int, str]] = []
    # sorted by start, the kept artefacts do not overlap: a later one overlaps one of them
    # exactly when it starts before the furthest end so far (no quadratic scan of a long clause)
    reach = -1
    for item in found:
        if item[2] > item[1] and item[1] < reach:
            continue
        if item[2] > item[1] or not any(item[1] < e and s < item[2] for _, s, e, _ in kept):
            kept.append(item)
            reach = max(reach, item[2])
    return kept


def _like(original: str, target: str) -> str:
    """Return ``target`` with the capitalisation of ``original`` (a typo in a capitalised word)."""
    return target[:1].upper() + target[1:] if original[:1].isupper() else target


@register
class QualityCheck(Check):
    """Typos, garbled words and phrases, glued words and stray Markdown in each version."""

    name = "quality"
    description = "typos (near misses of the word list), garbled text, glued words, stray Markdown"

    def run(
        self, alignments: Sequence[Alignment], languages: tuple[str, ...], context: CheckContext
    ) -> list[Divergence]:
        """Return one divergence per record and language with artefacts (info; minor if garbled)."""
        out = []
        documents = {lang: word_counts(" ".join(s.text for s in t.segments), lang)
                     for lang, t in (context.treaties or {}).items()}
        # the artefacts of a text depend only on it and its document: a text repeated in the
        # document (a standard clause) is read once
        seen: dict[tuple[str, str], list[tuple[str, int, int, str]]] = {}
        for al in alignments:
            if al.block == "instrument":
                continue
            for lang in languages:
                if not al.segments.get(lang):
                    continue
                side = Side.of(al, lang)
                key = (lang, side.text)
                if key not in seen:
                    seen[key] = artefacts(side.text, side.folded, lang, document=documents.get(lang))
                found = seen[key]
                if not found:
                    continue
                out.append(self._finding(al, side, lang, languages, found, context))
        return out

    def _finding(self, al: Alignment, side: Side, lang: str, languages: tuple[str, ...],
                 found: list[tuple[str, int, int, str]], context: CheckContext) -> Divergence:
        evidence = [context.evidence(side, s, e) for _, s, e, _ in found]
        issues = sorted({issue for issue, _, _, _ in found})
        quoted = []
        for issue, s, e, target in found:
            quoted.append(f"‘{side.text[s:e]}’" + (f" (usually ‘{target}’)" if target else ""))
        severity = MINOR if GARBLED_PHRASE in issues else INFO
        message = (f"Text quality in {lang}: {'; '.join(issues)}: {', '.join(quoted)}. "
                   + ("Part of the clause cannot be read, so it cannot be compared; check the source."
                      if severity == MINOR else "No change of meaning, but check the source and correct it."))
        suggestions = [t for _, _, _, t in found if t]
        values = {x: x != lang for x in languages if al.segments.get(x)}
        strengths = quality_params(lang).get("strength", {})
        strength = max(float(strengths.get(issue, strengths.get("other", 0.8))) for issue in issues)
        return make_divergence(self.name, severity, message, evidence, alignment=al, context=context,
                               values=values, suggestion=(f"{lang}: " + ", ".join(dict.fromkeys(suggestions))) if suggestions else "",
                               strength=strength)
