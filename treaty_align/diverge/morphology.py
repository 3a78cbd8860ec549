"""Stem-and-suffix matching over the per-language lexicons, and the optional Stanza backend.

Everything language-specific comes from ``treaty_align/data/<lang>/``: ``markers.tsv``,
``actors.tsv``, ``numerals.tsv``, ``crossref.json``, ``quality.tsv`` and ``morphology.json``.
Kazakh and Azerbaijani are agglutinative, so lexicon rows are regular expressions over stems
and suffix chains rather than word lists; this module compiles them once and applies them.

All matching runs on :func:`fold`-ed text, which has exactly the length of the original, so
that every span found can be quoted from the original text unchanged.
"""

from __future__ import annotations

import bisect
import logging
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

from treaty_align.data import has_data, load_json, load_tsv

logger = logging.getLogger(__name__)

_WORD = re.compile(r"\w+(?:[-‐]\w+)*")
# A sentence ends at . ! ? ; followed by space and not preceded by a lone letter or a digit
# (initials such as "N. Name" and labels such as "1." must not end a sentence).
_SENTENCE_END = re.compile(r"(?<![\s(]\w)(?<!^\w)(?<!\d)[.!?;]+(?=\s+|$)")


@dataclass(frozen=True)
class LexiconRow:
    """One compiled row of a lexicon file."""

    concept: str
    category: str
    polarity: str
    regex: re.Pattern[str]
    notes: str = ""


@dataclass(frozen=True)
class Match:
    """A lexicon row found in a text: ``text[start:end]`` are the words."""

    concept: str
    category: str
    polarity: str
    start: int
    end: int

    @property
    def negative(self) -> bool:
        """Return True when the matched marker itself carries a negation."""
        return self.polarity == "-"


@lru_cache(maxsize=None)
def morphology(lang: str) -> dict[str, Any]:
    """Return ``morphology.json`` of ``lang`` (an empty mapping when the language has none).

    The mapping is shared between callers (cached): read it, never change it.
    """
    return load_json(lang, "morphology.json") if has_data(lang, "morphology.json") else {}


@lru_cache(maxsize=None)
def _fold_table(lang: str) -> dict[int, str]:
    return {ord(k): v for k, v in morphology(lang).get("fold", {}).items() if len(v) == 1}


@lru_cache(maxsize=None)
def _fold_keys(lang: str) -> re.Pattern[str] | None:
    """Return the pattern of the letters :func:`_fold_table` changes (None when it changes none)."""
    table = _fold_table(lang)
    return re.compile("[" + "".join(re.escape(chr(k)) for k in table) + "]") if table else None


def fold(text: str, lang: str) -> str:
    """Return ``text`` lower-cased for matching, with exactly the same length as ``text``.

    Language-specific case rules (the dotted and dotless I of Azerbaijani) come from
    ``morphology.json``; a character whose lower case is longer than one character is kept.
    """
    table = _fold_table(lang)
    # fast path (C speed): the language's own rules, then str.lower(), when no character's
    # lower case is longer than the character itself; translate() looks every character up,
    # so it runs only on a text holding one of the table's letters
    keys = _fold_keys(lang)
    quick = (text.translate(table) if keys is not None and keys.search(text) else text).lower()
    if len(quick) == len(text):
        return quick
    out = []
    for ch in text:
        low = table.get(ord(ch))
        if low is None:
            low = ch.lower()
            if len(low) != 1:
                low = ch
        out.append(low)
    return "".join(out)


def words(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of the words of ``text`` (hyphenated words are one word)."""
    return [(m.start(), m.end()) for m in _WORD.finditer(text)]


def sentences(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of the sentences (and ``;``-separated clauses) of ``text``."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if text[start:m.end()].strip():
            spans.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        out.append((s, e))
    return out


@lru_cache(maxsize=None)
def lexicon(lang: str, name: str) -> tuple[LexiconRow, ...]:
    """Return the compiled rows of ``data/<lang>/<name>`` (empty when the file does not exist).

    TSV files need ``concept`` and ``pattern`` columns; ``category`` defaults to the concept and
    ``polarity`` to ``+``. A ``case`` column (``actors.tsv``) is read as the category.
    """
    if not has_data(lang, name):
        return ()
    rows = []
    for row in load_tsv(lang, name):
        pattern = row.get("pattern", "")
        if not pattern:
            continue
        rows.append(
            LexiconRow(
                concept=row.get("concept") or row.get("issue") or row.get("type", ""),
                category=row.get("category") or row.get("case") or row.get("type", ""),
                polarity=row.get("polarity") or "+",
                regex=re.compile(pattern),
                notes=row.get("notes", ""),
            )
        )
    return tuple(rows)


def find_all(
    folded: str, rows: Sequence[LexiconRow], *, taken: Iterable[tuple[int, int]] = ()
) -> list[Match]:
    """Return the matches of ``rows`` in ``folded`` text, in text order.

    Rows are tried in their file order and a span already taken (by an earlier row or by
    ``taken``) is not matched again: a specific multi-word marker ("not later than") wins over
    the shorter markers inside it ("not").
    """
    # disjoint, sorted spans: an overlap test is a bisection, not a scan of every earlier match
    # (a scan made a 1 MB paragraph quadratic)
    starts: list[int] = []
    ends: list[int] = []
    for s, e in sorted(taken):
        if starts and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    found: list[Match] = []
    for row in rows:
        for m in row.regex.finditer(folded):
            if m.end() <= m.start():
                continue
            i = bisect.bisect_left(starts, m.end()) - 1
            if i >= 0 and ends[i] > m.start():
                continue
            starts.insert(i + 1, m.start())
            ends.insert(i + 1, m.end())
            found.append(Match(row.concept, row.category, row.polarity, m.start(), m.end()))
    found.sort(key=lambda x: (x.start, x.end))
    return found


def blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Return ``text`` with the characters of ``spans`` replaced by spaces (length unchanged)."""
    chars = list(text)
    for s, e in spans:
        for i in range(max(0, s), min(len(chars), e)):
            chars[i] = " "
    return "".join(chars)


def stem(word: str, lang: str) -> str:
    """Return a crude stem of ``word``: its first ``stem_length`` letters (from morphology.json).

    Agglutinative languages put all inflection at the end of the word, so a fixed-length prefix
    groups the inflected forms of one lemma well enough for counting terms.
    """
    n = int(morphology(lang).get("stem_length", 6))
    return word[:n]


@lru_cache(maxsize=None)
def _voice_rules(lang: str) -> dict[str, Any]:
    voice = morphology(lang).get("voice", {})
    return {
        "passive": [re.compile(p) for p in voice.get("passive", [])],
        "active": [re.compile(p) for p in voice.get("active", [])],
        "active_roots": frozenset(voice.get("active_roots", [])),
        "auxiliaries": [re.compile(p) for p in voice.get("auxiliaries", [])],
        "nonfinite": [re.compile(p) for p in voice.get("nonfinite", [])],
        "order": morphology(lang).get("word_order", "SOV"),
        "analyzer": voice.get("analyzer"),
        "reflexive": tuple(voice.get("reflexive_endings", [])),
    }


def word_voice(word: str, lang: str) -> str | None:
    """Return ``"passive"``, ``"active"`` or None (not recognisably a verb) for a folded word."""
    rules = _voice_rules(lang)
    if rules["analyzer"] == "pymorphy3":
        # the suffix rules alone take some third-person plurals for short participles
        from treaty_align.meaning.russian import part_of_speech

        pos = part_of_speech(word)
        if pos == "PRTS":
            return "passive"
        if pos != "VERB":
            return None
        if not word.endswith(rules["reflexive"]):
            return "active"
    for rx in rules["passive"]:
        m = rx.match(word)
        if m:
            stem_ = m.groupdict().get("stem")
            if stem_ is None or stem_ not in rules["active_roots"]:
                return "passive"
    for rx in rules["active"]:
        if rx.match(word):
            return "active"
    return None


def is_auxiliary(word: str, lang: str) -> bool:
    """Return True when ``word`` is a modal or copula that leaves the voice to the verb beside it."""
    return any(rx.match(word) for rx in _voice_rules(lang)["auxiliaries"])


def predicate_voice(folded: str, lang: str) -> tuple[str | None, tuple[int, int] | None]:
    """Return ``(voice, span)`` of the main predicate of one clause of folded text.

    For verb-final languages the last verb form decides, for SVO languages the first one; an
    auxiliary (modal, copula) hands the decision to its neighbouring verb: passive when that
    verb has a passive suffix, active when it is a verb form (finite or ``nonfinite``), None
    when it is not a verb ("X is the following": a nominal clause has no actor).
    ``(None, None)`` when no verb is recognised.
    """
    rules = _voice_rules(lang)
    spans = words(folded)
    order = spans[::-1] if rules["order"] == "SOV" else spans
    saw_aux: tuple[int, int] | None = None
    for s, e in order:
        w = folded[s:e]
        if is_auxiliary(w, lang):
            saw_aux = saw_aux or (s, e)
            continue
        v = word_voice(w, lang)
        if saw_aux is not None:
            if v is None and any(rx.match(w) for rx in rules["nonfinite"]):
                v = "active"
            if v is None:
                return None, None
            return v, (min(s, saw_aux[0]), max(e, saw_aux[1]))
        if v is not None:
            return v, (s, e)
        if rules["order"] == "SOV":
            # in a verb-final clause a non-verb at the end means a verbless (nominal) clause
            return None, None
    return None, None


# --------------------------------------------------------------------------- optional Stanza


def _stanza_dir() -> Path:
    return Path(os.environ.get("STANZA_RESOURCES_DIR", Path.home() / "stanza_resources"))


class StanzaBackend:
    """Lemmas and voice from Stanza models that are already on disk (never downloaded)."""

    def __init__(self, lang: str, pipeline: Any) -> None:
        self.lang = lang
        self._nlp = pipeline

    def voice(self, text: str) -> str | None:
        """Return the UD voice of the root verb of ``text``: ``"passive"``, ``"active"`` or None."""
        doc = self._nlp(text)
        for sent in doc.sentences:
            for word in sent.words:
                if word.deprel == "root" and word.upos in ("VERB", "AUX"):
                    feats = word.feats or ""
                    return "passive" if "Voice=Pass" in feats else "active"
        return None

    def lemmas(self, text: str) -> list[str]:
        """Return the lemmas of the words of ``text``."""
        doc = self._nlp(text)
        return [w.lemma or w.text for s in doc.sentences for w in s.words]


@lru_cache(maxsize=None)
def stanza_backend(lang: str) -> tuple[StanzaBackend | None, str]:
    """Return ``(backend, notice)``: a Stanza backend for ``lang`` or None with a one-line reason.

    Only models already under ``$STANZA_RESOURCES_DIR`` (default ``~/stanza_resources``) are used;
    ``download_method=None`` makes Stanza fail rather than fetch anything.
    """
    code = morphology(lang).get("stanza", {}).get("lang")
    if not code:
        return None, f"stanza: no model exists for '{lang}'; using the lexicon-and-suffix rules"
    try:
        import stanza  # noqa: F401  (optional extra)
    except ImportError:
        return None, "stanza: not installed (pip install 'treaty-align[stanza]'); using the lexicon-and-suffix rules"
    model_dir = _stanza_dir() / code
    if not model_dir.is_dir():
        return None, f"stanza: no '{code}' model under {_stanza_dir()}; using the lexicon-and-suffix rules"
    try:
        pipeline = stanza.Pipeline(
            code,
            dir=str(_stanza_dir()),
            processors="tokenize,pos,lemma,depparse",
            download_method=None,
            verbose=False,
        )
    except (OSError, ValueError, RuntimeError, KeyError, ImportError, AttributeError) as exc:
        # an incomplete or mismatched model folder surfaces as any of these, depending on the file
        return None, f"stanza: cannot load the '{code}' model ({type(exc).__name__}); using the lexicon-and-suffix rules"
    return StanzaBackend(lang, pipeline), ""
