"""Kazakh stop words (from ``data/kk/stop_words.json``)."""

from treaty_align.data import load_json

STOP_WORDS: set[str] = set(load_json("kk", "stop_words.json"))
