"""The ``lexical`` encoder: no neural model, only spelling.

Both scripts are transliterated to one Latin "skeleton" (tables in ``data/<lang>/translit.json``)
so that cognates and loanwords of Kazakh Cyrillic, Russian and Azerbaijani Latin share character
n-grams. A text becomes a hashed bag of character 3- and 4-grams plus a separate block of number
features, so that "30 күн" and "30 gün" are close and "45 gün" is not. It is meant for machines
where even the bundled e5 model is unwanted; it aligns on shared names, loanwords and numbers,
not on meaning.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
import zlib
from collections import Counter
from functools import lru_cache
from importlib import resources

import numpy as np

from treaty_align.embed.base import Encoder, ProgressCallback
from treaty_align.errors import EncoderError

#: Bump when the feature recipe changes, so cached vectors and result signatures change with it.
ALGORITHM_VERSION = "lexical-2"
NGRAM_DIM = 3840
NUMBER_DIM = 256
LEXICAL_DIM = NGRAM_DIM + NUMBER_DIM
NGRAM_SIZES = (3, 4)
#: Share of a text's squared norm that its numbers get when it has any. Numbers are the
#: strongest language-independent anchor between versions of a treaty, so they get a fixed
#: share instead of drowning among a hundred n-grams.
NUMBER_SHARE = 0.3

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_DOT_ABOVE = "\u0307"  # "İ".lower() is "i" + this combining dot
TRANSLIT_FILE = "translit.json"


def _translit_languages() -> tuple[str, ...]:
    root = resources.files("treaty_align.data")
    return tuple(
        sorted(
            entry.name
            for entry in root.iterdir()
            if entry.is_dir() and (entry / TRANSLIT_FILE).is_file()
        )
    )


@lru_cache(maxsize=None)
def transliteration_table() -> dict[str, str]:
    """Return the merged letter map of every language that has a ``translit.json``.

    The encoder does not know which language a text is in, so the tables are merged; they must
    agree on every letter they share (kk and ru both have Cyrillic а..я). A disagreement is a
    data bug and raises :class:`EncoderError` naming the letter.
    """
    from treaty_align.data import load_json

    merged: dict[str, str] = {}
    origin: dict[str, str] = {}
    for lang in _translit_languages():
        data = load_json(lang, TRANSLIT_FILE)
        letters = data.get("letters") if isinstance(data, dict) else None
        if not isinstance(letters, dict):
            raise EncoderError(f"data/{lang}/{TRANSLIT_FILE} has no 'letters' map")
        for letter, latin in letters.items():
            key = unicodedata.normalize("NFC", str(letter)).lower()
            if key in merged and merged[key] != latin:
                raise EncoderError(
                    f"transliteration tables disagree on '{key}': "
                    f"{origin[key]} maps it to '{merged[key]}', {lang} to '{latin}'"
                )
            merged[key] = str(latin)
            origin[key] = lang
    return merged


@lru_cache(maxsize=4096)
def _map_char(char: str) -> str:
    table = transliteration_table()
    if char in table:
        return table[char]
    if char == _DOT_ABOVE or unicodedata.category(char) == "Mn":
        return ""
    if char.isalnum():
        # A letter no table knows (é, w, ...): keep its base letter so foreign names still match.
        base = "".join(
            c for c in unicodedata.normalize("NFD", char) if unicodedata.category(c) != "Mn"
        )
        return base or char
    return " "


def transliterate(text: str) -> str:
    """Return ``text`` lowercased and mapped to the shared Latin skeleton.

    Letters come from the merged ``translit.json`` tables, unknown letters keep their base form,
    digits stay, and everything else (punctuation, hyphens, apostrophes) becomes a single space.
    """
    return _skeleton(unicodedata.normalize("NFKC", text))


def _skeleton(compatible: str) -> str:
    """Return :func:`transliterate` of a text already in NFKC (``compatible``)."""
    lowered = unicodedata.normalize("NFC", compatible.lower())
    # one translate() over the text, with the map of its distinct characters (C speed)
    mapped = lowered.translate({ord(c): _map_char(c) for c in set(lowered)})
    return " ".join(mapped.split())


def numbers(text: str) -> list[str]:
    """Return the number tokens of ``text`` in order, in ASCII digits, decimal commas as dots."""
    return _numbers(unicodedata.normalize("NFKC", text))


def _numbers(compatible: str) -> list[str]:
    """Return :func:`numbers` of a text already in NFKC (``compatible``)."""
    found = _NUMBER.finditer(compatible)
    return [
        "".join(str(unicodedata.digit(c)) if c.isdigit() else "." for c in m.group(0))
        for m in found
    ]


@lru_cache(maxsize=1 << 17)  # n-grams repeat: a long text hashes each distinct one once
def _bucket(feature: str, size: int) -> int:
    # crc32, not hash(): Python salts str hashes per process, and vectors must be identical
    # across runs and machines (they are cached and compared).
    return zlib.crc32(feature.encode("utf-8")) % size


@lru_cache(maxsize=1 << 16)
def _word_buckets(word: str) -> tuple[int, ...]:
    """Return the bucket of each n-gram of ``word`` (padded with ``<`` ``>``), repeats included."""
    padded = f"<{word}>"
    return tuple(_bucket(padded[i : i + n], NGRAM_DIM)
                 for n in NGRAM_SIZES if len(padded) >= n for i in range(len(padded) - n + 1))


def _ngram_counts(skeleton: str) -> Counter[int]:
    counts: Counter[int] = Counter()
    # each distinct word once, its n-grams counted as often as it occurs
    for word, times in Counter(skeleton.split()).items():
        if word.isdigit():
            continue  # numbers have their own block
        for bucket in _word_buckets(word):
            counts[bucket] += times
    return counts


def _block(counts: Counter[int], size: int) -> np.ndarray:
    vec = np.zeros(size, dtype=np.float64)
    for index, count in counts.items():
        vec[index] = 1.0 + math.log(count)  # sublinear tf: a repeated word should not dominate
    norm = float(np.linalg.norm(vec))
    return vec / norm if norm > 0 else vec


def lexical_vector(text: str) -> np.ndarray:
    """Return the lexical embedding of one text: float64, unit norm, or all zeros if it has no
    letters or digits."""
    compatible = unicodedata.normalize("NFKC", text)
    grams = _block(_ngram_counts(_skeleton(compatible)), NGRAM_DIM)
    nums = _block(Counter(_bucket("num:" + n, NUMBER_DIM) for n in _numbers(compatible)), NUMBER_DIM)
    has_grams, has_nums = grams.any(), nums.any()
    if has_grams and has_nums:
        grams *= math.sqrt(1.0 - NUMBER_SHARE)
        nums *= math.sqrt(NUMBER_SHARE)
    return np.concatenate([grams, nums])


class LexicalEncoder(Encoder):
    """Transliterated character n-grams + numbers, hashed into 4096 dimensions.

    Deterministic across processes and machines; an empty text (or one with only punctuation)
    gives a zero vector.
    """

    # Computing is faster than a cache lookup of 4096 floats, so the cache is skipped.
    cacheable = False

    def __init__(self, *, progress: ProgressCallback | None = None) -> None:
        super().__init__("lexical", progress=progress)

    @property
    def dim(self) -> int:
        """Return 4096: 3840 n-gram buckets followed by 256 number buckets."""
        return LEXICAL_DIM

    @property
    def model_version(self) -> str:
        """Return the algorithm version plus a hash of the recipe and the transliteration tables."""
        return _model_version()

    def _encode(self, texts: list[str], progress: ProgressCallback | None) -> np.ndarray:
        out = np.empty((len(texts), LEXICAL_DIM), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i] = lexical_vector(text)
        if progress is not None:
            progress(len(texts), len(texts))
        return out


@lru_cache(maxsize=1)
def _model_version() -> str:
    recipe = {
        "table": transliteration_table(),
        "dims": [NGRAM_DIM, NUMBER_DIM],
        "ngrams": list(NGRAM_SIZES),
        "number_share": NUMBER_SHARE,
    }
    blob = json.dumps(recipe, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return f"{ALGORITHM_VERSION}:{hashlib.sha256(blob).hexdigest()[:16]}"
