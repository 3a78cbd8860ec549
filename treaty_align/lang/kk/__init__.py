"""A blank spaCy language for Kazakh, registered as ``kk`` through the ``spacy_languages``
entry point so that ``spacy.blank("kk")`` works after installing treaty-align."""

from spacy.language import BaseDefaults, Language

from treaty_align.lang.kk.lex_attrs import LEX_ATTRS
from treaty_align.lang.kk.punctuation import TOKENIZER_INFIXES
from treaty_align.lang.kk.stop_words import STOP_WORDS


class KazakhDefaults(BaseDefaults):
    """Tokenizer and lexical defaults of :class:`Kazakh`."""

    infixes = TOKENIZER_INFIXES
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS


class Kazakh(Language):
    """Kazakh (Cyrillic script)."""

    lang = "kk"
    Defaults = KazakhDefaults


__all__ = ["Kazakh"]
