"""Sentence and token splitting with spaCy's blank languages (kk is provided by treaty-align).

spaCy is imported on first use only: parsing the structure of a treaty does not need it.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from treaty_align.errors import OptionError

if TYPE_CHECKING:
    from spacy.language import Language


#: set by the command line, whose process uses spaCy for nothing but these blank pipelines
SPARE_TORCH = False


def _import_spacy() -> object:
    """Return the ``spacy`` module; with :data:`SPARE_TORCH`, imported without torch.

    spaCy's machine-learning layer (thinc) imports torch when it is installed: 2.5 of the 3.8
    seconds of ``import spacy``, for a sentencizer made of rules. A library caller may want
    torch in its own spaCy pipelines, so only the command line asks for this, and only when
    neither spaCy nor torch is loaded yet; torch stays importable afterwards.
    """
    if not SPARE_TORCH or "spacy" in sys.modules or "torch" in sys.modules:
        import spacy

        return spacy
    sys.modules["torch"] = None  # type: ignore[assignment]  # makes "import torch" fail
    try:
        import spacy
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
    return spacy


@lru_cache(maxsize=None)
def blank_pipeline(lang: str) -> "Language":
    """Return a blank spaCy pipeline for ``lang`` with the rule-based sentencizer added."""
    spacy: Any = _import_spacy()

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
