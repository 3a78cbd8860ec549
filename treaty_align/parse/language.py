"""Language profiles built from ``data/<lang>/structure.json``, and language detection."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from treaty_align.data import available_languages, load_json
from treaty_align.errors import InputError, OptionError

_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Return ``text`` lower-cased for matching cues, with Turkic dotted capital I handled.

    ``"İ".lower()`` is ``"i̇"`` (two characters: i + combining dot), which would make
    ``SAZİŞ`` miss the cue ``saziş``.
    """
    return text.replace("İ", "i").lower().replace("\u0307", "")


@dataclass(frozen=True)
class LanguageProfile:
    """What the parser needs to know about one language's treaty conventions."""

    code: str
    name: str
    script: str
    letters: frozenset[str]
    distinctive_letters: frozenset[str]
    article_heading: re.Pattern[str]
    treaty_words: tuple[str, ...]
    instrument_cues: tuple[str, ...]
    final_cues: tuple[str, ...]
    signature_cues: tuple[str, ...]
    item_letters: str
    common_words: frozenset[str]
    container_words: tuple[tuple[str, tuple[str, ...]], ...] = ()
    note_cues: tuple[str, ...] = ()
    publisher_cues: tuple[str, ...] = ()
    certification_cues: tuple[str, ...] = ()
    amendment_cues: tuple[str, ...] = ()
    article_example: str = ""
    unnumbered_containers: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: words that open a repeal mark ('исключен', 'алып тасталды'): a point that only says it
    #: was repealed is amendment history, not text
    repeal_cues: tuple[str, ...] = ()
    #: the word of an annex heading ('Приложение', 'Қосымша') after the signatures
    annex_words: tuple[str, ...] = ()
    #: a paragraph saying by what and when the act was adopted ('Adopted by resolution ... of
    #: 10 December 1948'): a note of the text itself, compared like a footnote
    adoption_note: re.Pattern[str] | None = None

    def container_heading(self) -> re.Pattern[str]:
        """Return the pattern of a part / section / chapter heading: ``Глава 2``, ``II бөлім``.

        The number may stand before or after the word, with or without hyphen; Roman numerals
        may be typed with Cyrillic look-alikes (І, Х). Groups: ``word`` / ``word2`` and ``num`` /
        ``num2``.
        """
        words = sorted((w for _, ws in self.container_words for w in ws), key=len, reverse=True)
        if not words:
            return re.compile(r"(?!)")
        alt = "|".join(re.escape(w) for w in words)
        num = r"\d+|[IVXLCІХ]+\b"
        return re.compile(
            rf"^(?:(?P<word>{alt})\s*(?P<num>{num})|(?P<num2>{num})\s*-?\s*(?P<word2>{alt}))(?=$|[\s.:\-–—])[.:]?",
            re.IGNORECASE,
        )

    def container_type(self, word: str) -> str:
        """Return the container type (``part``, ``section``, ``chapter``...) named by ``word``."""
        folded = fold(word)
        return next((kind for kind, ws in self.container_words if folded in ws), "part")

    def item_label(self) -> re.Pattern[str]:
        """Return the pattern of a sub-item label at the start of a paragraph: ``1)``, ``а)``."""
        letters = re.escape(self.item_letters + self.item_letters.upper())
        return re.compile(rf"^(?P<label>(?:\d{{1,3}}|[{letters}])\))\s*")


@lru_cache(maxsize=None)
def profile(code: str) -> LanguageProfile:
    """Return the :class:`LanguageProfile` of language ``code``; ``OptionError`` if unknown."""
    if code not in available_languages():
        raise OptionError(
            f"unknown language '{code}': choose one of {', '.join(available_languages())}"
        )
    raw = load_json(code, "structure.json")
    return LanguageProfile(
        code=code,
        name=raw["name"],
        script=raw["script"],
        letters=frozenset(raw["letters"]),
        distinctive_letters=frozenset(raw["distinctive_letters"]),
        article_heading=re.compile(raw["article_heading"], re.IGNORECASE),
        treaty_words=tuple(raw["treaty_words"]),
        instrument_cues=tuple(raw["instrument_cues"]),
        final_cues=tuple(raw["final_cues"]),
        signature_cues=tuple(raw["signature_cues"]),
        item_letters=raw["item_letters"],
        common_words=frozenset(raw["common_words"]),
        container_words=tuple((k, tuple(v)) for k, v in raw.get("container_words", {}).items()),
        note_cues=tuple(raw.get("note_cues", ())),
        publisher_cues=tuple(raw.get("publisher_cues", ())),
        certification_cues=tuple(raw.get("certification_cues", ())),
        amendment_cues=tuple(raw.get("amendment_cues", ())),
        article_example=raw.get("article_example", ""),
        unnumbered_containers=tuple((k, tuple(v)) for k, v in raw.get("unnumbered_containers", {}).items()),
        repeal_cues=tuple(raw.get("repeal_cues", ())),
        annex_words=tuple(raw.get("annex_words", ())),
        adoption_note=re.compile(raw["adoption_note"]) if raw.get("adoption_note") else None,
    )


#: characters of a text that language detection reads (its beginning)
SAMPLE_CHARS = 200_000


def language_scores(text: str) -> dict[str, float]:
    """Return, for each known language, a score of how much ``text`` looks like it.

    The score adds article headings of the language (strong evidence), the share of its
    distinctive letters and the share of its common function words.
    """
    sample = text[:SAMPLE_CHARS]
    lowered = fold(sample)
    words = _WORD.findall(lowered)
    n_words = max(1, len(words))
    # counted once per distinct character and word, not once per language and character
    chars = Counter(lowered)
    word_counts = Counter(words)
    n_letters = max(1, sum(k for ch, k in chars.items() if ch.isalpha()))
    stripped = [_strip_md(line) for line in sample.splitlines()]
    scores: dict[str, float] = {}
    for code in available_languages():
        prof = profile(code)
        letters = sum(k for ch, k in chars.items() if ch in prof.letters) / n_letters
        distinctive = sum(k for ch, k in chars.items() if ch in prof.distinctive_letters) / n_letters
        common = sum(k for w, k in word_counts.items() if w in prof.common_words) / n_words
        headings = sum(1 for line in stripped if prof.article_heading.match(line))
        evidence = headings > 0 or distinctive > 0.002 or common > 0.02
        # letters shared with other languages (plain Latin or Cyrillic) only count together
        # with evidence specific to the language; English text is not "Azerbaijani"
        scores[code] = (letters if evidence else 0.0) + 20 * distinctive + 5 * common + min(headings, 30) * 0.2
    return scores


_MD_LEAD = re.compile(r"^[\s#>*_]+")


def _strip_md(line: str) -> str:
    return _MD_LEAD.sub("", line).strip()


def detect_language(text: str) -> str:
    """Return the code of the language ``text`` is written in.

    Raises :class:`InputError` when the text has no letters of any known language.
    """
    scores = language_scores(text)
    best = max(sorted(scores), key=lambda c: scores[c])
    if scores[best] < 0.3:
        raise InputError(
            "cannot tell the language of the text (no Kazakh, Azerbaijani or Russian letters "
            "found): is it a treaty in one of these languages?"
        )
    return best
