"""Sentence and token splitting with spaCy's blank languages (kk is provided by treaty-align).

spaCy is imported on first use only: parsing the structure of a treaty does not need it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from treaty_align.errors import OptionError

if TYPE_CHECKING:
    from spacy.language import Language


@lru_cache(maxsize=None)
def blank_pipeline(lang: str) -> "Language":
    """Return a blank spaCy pipeline for ``lang`` with the rule-based sentencizer added."""
    import spacy

    try:
        nlp = spacy.blank(lang)
    except (ImportError, KeyError, ValueError) as exc:
        raise OptionError(f"spaCy has no language '{lang}': {exc}") from exc
    nlp.add_pipe("sentencizer")
    return nlp


def split_sentences(text: str, lang: str) -> tuple[tuple[int, int], ...]:
    """Return the ``(start, end)`` character offsets of the sentences of ``text``."""
    if not text.strip():
        return ()
    doc = blank_pipeline(lang)(text)
    return tuple((s.start_char, s.end_char) for s in doc.sents if s.text.strip())


def tokenize(text: str, lang: str) -> tuple[str, ...]:
    """Return the tokens of ``text`` (no whitespace tokens)."""
    return tuple(t.text for t in blank_pipeline(lang).make_doc(text) if not t.is_space)
