"""Text quality (info, at most minor): typos, garbled words and phrases, glued words, stray Markdown.

General methods, the same for every language, driven by per-language data:

* **near misses** — a word that neither the language's word list (``wordlist.tsv``, word
  frequencies counted in the real corpus by ``benchmarks/fit_wordlists.py``), nor its
  dictionary where it has one (Russian: pymorphy3's; Kazakh, Azerbaijani: a Hunspell
  dictionary where the ``spell`` extra is installed, :mod:`treaty_align.diverge.spelling`),
  nor the rest of the document writes,
  and that is one edit (a letter replaced, dropped, added, or two neighbours swapped) from a
  word one of them does write: a likely typo, and that word is the suggestion. A noisy-channel
  test keeps it apart from a rare real word: the correction must be much more likely as a
  spelling of the language than the word itself (a character trigram model of the word
  list, :class:`CharModel`), the first letter is kept (words differing at their start are
  usually different words), and two forms that differ only in an inflectional ending of
  ``quality.json`` (``endings``) are both words. A word the corpus shows to be a known stem
  with a productive ending (learnt from the word list, :func:`learn_endings`) is a word;
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

import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterator, Mapping, Sequence

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
    "neighbour_min_length": 0,
    "min_document_count": 1,
    "min_target_frequency": 3,
    "inflection_tail": 3,
    "known_prefix": 5,
    "garbled_run": 3,
    "garbled_min_length": 4,
    "typo_min_prefix": 1,
    "base_letters": {},
    "min_gain": 5.0,
    "dictionary_min_gain": 0.0,
    "double_min_gain": 0.0,
    "capitalised_min_length": 0,
    "proper_grammemes": [],
    "endings": [],
    "dictionary": "",
    "hunspell": "",
    "dictionary_endings": 0,
    "dictionary_insertions": True,
    "learned_endings": True,
    "min_stem": 3,
    "min_ending_stems": 3,
    "check_bigrams": True,
    "min_bigram_words": 1000,
    "vowels": "",
    "max_consonant_run": 0,
    "max_vowel_run": 0,
}


_COUNT_CHUNK = 1 << 20


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


@dataclass(frozen=True)
class CharModel:
    """A character trigram model of a word list's spellings (Witten-Bell smoothing).

    Counted over distinct words, not occurrences, so that a frequent word does not make its
    letters the language's. :meth:`logprob` says how likely a string is as a spelling of the
    language: a typo usually has a letter sequence the language seldom writes.
    """

    order: int
    grams: Mapping[str, int]
    contexts: Mapping[str, int]
    followers: Mapping[str, int]
    letters: int
    total: int

    @classmethod
    def build(cls, words: Sequence[str], order: int = 3) -> "CharModel":
        """Return the model of ``words`` (each counted once) with n-grams up to ``order``."""
        grams: Counter[str] = Counter()
        contexts: Counter[str] = Counter()
        follow: dict[str, set[str]] = defaultdict(set)
        for w in words:
            t = "^" * (order - 1) + w + "$"
            for i in range(order - 1, len(t)):
                for k in range(1, order + 1):
                    g = t[i - k + 1:i + 1]
                    grams[g] += 1
                    contexts[g[:-1]] += 1
                    follow[g[:-1]].add(g[-1])
        unigrams = sum(n for g, n in grams.items() if len(g) == 1)
        letters = sum(1 for g in grams if len(g) == 1) + 1
        return cls(order, dict(grams), dict(contexts), {h: len(f) for h, f in follow.items()},
                   letters, unigrams)

    def _p(self, gram: str) -> float:
        if len(gram) == 1:
            return (self.grams.get(gram, 0) + 1) / (self.total + self.letters)
        lower = self._p(gram[1:])
        seen = self.contexts.get(gram[:-1], 0)
        if not seen:
            return lower
        types = self.followers[gram[:-1]]
        return (self.grams.get(gram, 0) + types * lower) / (seen + types)

    def logprob(self, word: str) -> float:
        """Return the natural log-probability of ``word`` as a whole spelling."""
        t = "^" * (self.order - 1) + word + "$"
        return sum(math.log(self._p(t[i - self.order + 1:i + 1])) for i in range(self.order - 1, len(t)))


def learn_endings(words: Sequence[str], min_stem: int = 3, min_stems: int = 3,
                  longest: int = 10) -> tuple[frozenset[str], frozenset[str]]:
    """Return ``(endings, stems)`` learnt from a word list without any grammar.

    An *ending* is a word tail that follows at least ``min_stems`` different stems, a stem
    being a word beginning (``min_stem`` letters or more) that the list continues in two
    ways or more (Kazakh *tarap|tar*, *tarap|qa*). A *stem* is a word of the list, or a word
    beginning that takes two such endings. A word made of a stem and an ending is then a
    word of the language even when the list lacks that form (an agglutinative language
    writes far more forms than any corpus shows).
    """
    vocabulary = set(words)
    tails: dict[str, set[str]] = defaultdict(set)
    for w in vocabulary:
        for i in range(min_stem, len(w) + 1):
            tails[w[:i]].add(w[i:])
    stems_of: dict[str, int] = Counter()
    for ends in tails.values():
        if len(ends) >= 2:
            for e in ends:
                if len(e) <= longest:
                    stems_of[e] += 1
    endings = frozenset(e for e, n in stems_of.items() if n >= min_stems)
    stems = frozenset(s for s, ends in tails.items() if s in vocabulary or len(ends & endings) >= 2)
    return endings, stems


def edits(word: str, alphabet: str) -> Iterator[tuple[str, int]]:
    """Yield ``(variant, position)`` for every string one edit from ``word`` (a letter of
    ``alphabet`` replaced or added, a letter dropped, two neighbours swapped); ``position`` is
    where the variant first differs from ``word``."""
    n = len(word)
    for i in range(n + 1):
        if i < n:
            yield word[:i] + word[i + 1:], i
        if i < n - 1 and word[i] != word[i + 1]:
            yield word[:i] + word[i + 1] + word[i] + word[i + 2:], i
        for ch in alphabet:
            if i < n and ch != word[i]:
                yield word[:i] + ch + word[i + 1:], i
            yield word[:i] + ch + word[i:], i


@dataclass(frozen=True)
class WordList:
    """A language's word frequencies and the indexes the quality rules need."""

    counts: Mapping[str, int]
    prefixes: Mapping[str, int]
    bigrams: frozenset[str]
    params: Mapping[str, Any]
    by_length: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    model: CharModel | None = None
    endings: frozenset[str] = frozenset()
    stems: frozenset[str] = frozenset()
    alphabet: str = ""
    lang: str = ""

    @classmethod
    def build(cls, counts: Mapping[str, int], params: Mapping[str, Any] | None = None,
              lang: str = "") -> "WordList":
        """Return the word list of ``counts`` (word -> corpus frequency) with ``params`` thresholds.

        ``lang`` gives the alphabet the near-miss test edits with and the dictionary it may
        consult (``quality.json``).
        """
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
        words = sorted(counts)
        endings, stems = (learn_endings(words, int(p["min_stem"]), int(p["min_ending_stems"]))
                          if p["learned_endings"] else (frozenset(), frozenset()))
        alphabet = "".join(sorted(_alphabet(lang))) if lang else "".join(sorted({c for w in words for c in w if c.isalpha()}))
        return cls(dict(counts), dict(prefixes), bigrams, p,
                   {k: tuple(sorted(v)) for k, v in sorted(by_length.items())},
                   CharModel.build(words), endings, stems, alphabet, lang)

    def _stem(self, word: str) -> str:
        return word[: max(int(self.params["known_prefix"]), len(word) - int(self.params["inflection_tail"]))]

    def known(self, word: str) -> bool:
        """Return True when ``word`` or an inflected form of its stem is in the list."""
        return word in self.counts or self._stem(word) in self.prefixes

    def analysable(self, word: str) -> bool:
        """Return True when ``word`` is a stem of the list followed by a productive ending."""
        low = int(self.params["min_stem"])
        return any(word[:i] in self.stems and word[i:] in self.endings for i in range(low, len(word) + 1))

    def in_dictionary(self, word: str) -> bool:
        """Return True when the language's dictionary (``quality.json`` ``dictionary``) has ``word``:
        pymorphy3's (Russian), or a Hunspell dictionary where one is installed (the ``spell``
        extra, :mod:`treaty_align.diverge.spelling`; without it, False)."""
        kind = self.params["dictionary"]
        if kind == "hunspell":
            spelling = self._hunspell()
            return spelling is not None and spelling.known(word)
        if kind != "pymorphy3":
            return False
        from treaty_align.meaning.russian import is_known

        if is_known(word):
            return True
        # letters the dictionary writes otherwise (Russian writes "yo" as "ye" in most texts)
        plain = word.translate({ord(a): b for a, b in dict(self.params.get("dictionary_fold", {})).items()})
        return plain != word and is_known(plain)

    def _hunspell(self) -> Any:
        from treaty_align.diverge.spelling import dictionary

        return dictionary(str(self.params["hunspell"]), self.lang)

    def common_noun(self, word: str) -> bool:
        """Return True when the dictionary has ``word`` and its likeliest reading is no proper
        name (none of ``quality.json`` ``proper_grammemes``: a first name, a place ...; for a
        Hunspell dictionary, a form of a stem it writes in lower case)."""
        if not self.in_dictionary(word):
            return False
        if self.params["dictionary"] == "hunspell":
            return bool(self._hunspell().common(word))
        from treaty_align.meaning.russian import tags

        return not (tags(word) & set(self.params["proper_grammemes"]))

    def dictionary_inflected(self, word: str, depth: int | None = None) -> bool:
        """Return True when ``word`` is a dictionary form followed by up to ``depth`` endings of
        ``quality.json`` (default ``dictionary_endings``; 0: never).

        A spelling dictionary of an agglutinative language lists its stems with some endings,
        never every chain of them (a Kazakh verbal noun in a case).
        """
        depth = int(self.params["dictionary_endings"]) if depth is None else depth
        endings = _endings(tuple(self.params["endings"]))
        if depth <= 0 or not endings:
            return False
        low = int(self.params["min_stem"])
        longest = max(len(e) for e in endings)
        for k in range(max(low, len(word) - longest), len(word)):
            if word[k:] in endings and (self.in_dictionary(word[:k])
                                        or self.dictionary_inflected(word[:k], depth - 1)):
                return True
        return False

    def inflections(self, a: str, b: str) -> bool:
        """Return True when ``a`` and ``b`` are one stem with two endings of ``quality.json``."""
        endings = _endings(tuple(self.params["endings"]))
        if not endings:
            return False
        low = int(self.params["min_stem"])
        for k in range(low, min(len(a), len(b)) + 1):
            if a[:k] != b[:k]:
                break
            if a[k:] in endings and b[k:] in endings:
                return True
        return False

    def near_miss(self, word: str, document: Mapping[str, int] | None = None,
                  capitalised: bool = False) -> str | None:
        """Return the word ``word`` is probably a typo of, or None.

        ``word`` (folded) is a typo when no source writes it — the word list, the dictionary,
        the rest of ``document`` (word counts of the whole version) — and a variant one edit
        away is written by one of them, the edit after the first ``typo_min_prefix`` letters,
        and the variant is at least ``min_gain`` (natural log) more likely as a spelling than
        ``word`` itself (``dictionary_min_gain`` for a variant only the dictionary has), the word
        being at least ``neighbour_min_length`` letters long; a variant only the document writes
        must occur there ``min_document_count`` times. Two
        inflections of one stem are never typos of each other. A ``capitalised`` word (a name,
        perhaps) is only corrected to a word the corpus or the document writes, or, when it has
        ``capitalised_min_length`` letters or more (0: never), to a dictionary word whose
        likeliest reading is no proper name (:meth:`common_noun`).

        Without such a variant, a doubled letter is still a typo when the word with it undone
        is at least ``double_min_gain`` more likely (0: not looked at): a key pressed twice is
        the commonest slip, and no word list holds every form of an agglutinative language.
        """
        p = self.params
        if len(word) < int(p["min_length"]) or word in self.counts:
            return None
        hyphenated = "-" in word
        if hyphenated:
            parts = word.split("-")
            for i, part in enumerate(parts):
                fixed = self.near_miss(part, document, capitalised and i == 0)
                if fixed is not None:
                    return "-".join(parts[:i] + [fixed] + parts[i + 1:])
            # parts too short to correct alone (a Kazakh "migration" compound with o for its
            # first vowel): the whole compound, corrected only to a compound some text writes
            # (no dictionary lists compounds)
        if self.in_dictionary(word) or (self.endings and self.analysable(word)):
            return None
        # a dictionary form with an ending the dictionary does not list (a verbal noun in a
        # case) is likelier a real word than a slip for another form of the dictionary: only a
        # correction some text writes is taken for it
        inflected = self.dictionary_inflected(word)
        document = document or {}
        model = self.model
        own = model.logprob(word) if model is not None else 0.0
        lead, in_document = int(p["typo_min_prefix"]), int(p["min_document_count"])
        # a long capitalised word (an institution, a title) may be corrected to a dictionary
        # word that is no name: short capitalised words are names one edit from a rare word
        long_capitalised = capitalised and 0 < int(p["capitalised_min_length"]) <= len(word)
        best, best_key = None, None
        base = dict(p["base_letters"])
        stem_written = self.known(word)
        # a short word has real words one edit away far more often than a long one
        neighbours = edits(word, self.alphabet) if len(word) >= int(p["neighbour_min_length"]) else iter(())
        for cand, at in neighbours:
            if at < lead:
                continue
            listed = self.counts.get(cand, 0) + document.get(cand, 0)
            if not self.counts.get(cand, 0) and document.get(cand, 0) < in_document:
                listed = 0
            if (not listed and base and not stem_written and len(cand) == len(word)
                    and base.get(cand[at]) == word[at]):
                # a letter of the language typed as the neighbouring alphabet's base letter
                # (Cyrillic ghe for the Kazakh ghayn, Latin o for o-umlaut), the commonest slip
                # where a keyboard lacks it: a form of a stem the corpus writes is correction
                # enough
                listed = self.prefixes.get(self._stem(cand), 0)
            need = float(p["min_gain"])
            if not listed:
                # a correction no text writes: a form of the dictionary
                if inflected or hyphenated:
                    continue
                # the word with one letter more than a dictionary form: a stray letter that
                # doubles no neighbour is a rarer slip than a real word one letter longer
                # than another (a loanword the dictionary lacks, a negative verb); taken only
                # where quality.json allows it
                if (len(cand) < len(word) and not p["dictionary_insertions"]
                        and word[at] not in (word[at - 1:at] + word[at + 1:at + 2])):
                    continue
                if capitalised and not (long_capitalised and self.common_noun(cand)):
                    continue
                if not self.in_dictionary(cand):
                    continue
                need = float(p["dictionary_min_gain"])
            if self.inflections(word, cand):
                continue
            gain = (model.logprob(cand) - own) if model is not None else 0.0
            if gain < need:
                continue
            # prefer a correction the corpus or the document writes, then the most frequent
            key = (listed > 0, listed, gain, cand)
            if best_key is None or key > best_key:
                best, best_key = cand, key
        double = float(p["double_min_gain"])
        if best is None and double > 0 and model is not None:
            for i in range(max(1, lead), len(word)):
                if word[i] == word[i - 1] and model.logprob(word[:i] + word[i + 1:]) - own >= double:
                    return word[:i] + word[i + 1:]
        return best


@lru_cache(maxsize=None)
def _endings(rows: tuple[str, ...]) -> frozenset[str]:
    return frozenset(rows) | {""} if rows else frozenset()


@lru_cache(maxsize=None)
def wordlist(lang: str) -> WordList | None:
    """Return the bundled word list of ``lang`` (None when it has no ``wordlist.tsv``)."""
    if not has_data(lang, "wordlist.tsv"):
        return None
    counts = {row["word"]: int(row["count"]) for row in load_tsv(lang, "wordlist.tsv")}
    return WordList.build(counts, quality_params(lang), lang)


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


@lru_cache(maxsize=None)  # asked of every letter of every word; a text has few distinct letters
def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return "latin" if name.startswith("LATIN") else "cyrillic" if name.startswith("CYRILLIC") else "other"


@lru_cache(maxsize=None)
def _main_script(lang: str) -> str:
    scripts = Counter(_script(ch) for ch in _alphabet(lang))
    return scripts.most_common(1)[0][0] if scripts else "other"


@lru_cache(maxsize=1 << 16)  # asked of every word of the text: most words recur
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
            target = words.near_miss(w, document, text[m.start()].isupper())
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
    # kept artefacts start at or before each next one (``found`` is sorted by start): a
    # non-empty one overlaps some kept artefact exactly when it starts before the furthest
    # kept end, so a long paragraph's many artefacts are not each tested against all before
    furthest = -1
    for item in found:
        if item[2] > item[1]:
            overlaps = item[1] < furthest
        else:
            overlaps = any(item[1] < e and s < item[2] for _, s, e, _ in kept)
        if not overlaps:
            kept.append(item)
            furthest = max(furthest, item[2])
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
        # a text repeated in many records (a collection, a long law) is judged once
        seen: dict[tuple[str, str], list] = {}
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
                               strength=strength, resolved=False)
