"""The lexical encoder: transliterated character n-grams plus numbers, no neural model."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import numpy as np
import pytest

from treaty_align.data import load_json
from treaty_align.embed.lexical import (
    LEXICAL_DIM,
    LexicalEncoder,
    numbers,
    transliterate,
    transliteration_table,
)

SAMPLES = [
    "Тараптар ақпарат алмасады.",
    "Tərəflər məlumat mübadiləsi aparırlar.",
    "Стороны обмениваются информацией.",
    "Осы Келісімнің 12-бабына сәйкес 30 күн ішінде.",
]


@pytest.fixture(scope="module")
def lexical() -> LexicalEncoder:
    return LexicalEncoder()


def cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b)


def test_shape_dtype_norm(lexical: LexicalEncoder) -> None:
    vectors = lexical.encode(SAMPLES)
    assert vectors.shape == (4, LEXICAL_DIM) == (4, 4096)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-6)
    assert lexical.encode([]).shape == (0, 4096)


def test_texts_without_content_give_zero_vectors(lexical: LexicalEncoder) -> None:
    vectors = lexical.encode(["", "  ", "— «» ..."])
    assert np.isfinite(vectors).all()
    assert not vectors.any()


def test_numbers_drive_similarity(lexical: LexicalEncoder) -> None:
    kk30, az30, az45 = lexical.encode(["30 күн", "30 gün", "45 gün"])
    assert cos(kk30, az30) > cos(kk30, az45) + 0.2
    a, b, c = lexical.encode(
        [
            "Келісім 5 жыл мерзімге жасалады.",
            "Saziş 5 il müddətinə bağlanır.",
            "Saziş 10 il müddətinə bağlanır.",
        ]
    )
    assert cos(a, b) > cos(a, c)


def test_identical_text_has_cosine_one(lexical: LexicalEncoder) -> None:
    first, second = lexical.encode([SAMPLES[3], SAMPLES[3]])
    assert cos(first, second) == pytest.approx(1.0, abs=1e-6)
    assert first.tobytes() == second.tobytes()


def test_cognates_across_scripts_collide(lexical: LexicalEncoder) -> None:
    assert transliterate("мәселе") == transliterate("məsələ") == "mesele"
    assert transliterate("жауап") == "jauap" and transliterate("cavab") == "javab"  # same onset
    assert transliterate("ЖАЗА") == "jaza" and transliterate("cəza") == "jeza"
    assert transliterate("İŞ") == "ish"
    kk, az, other = lexical.encode(
        ["Қазақстан Республикасы", "Qazaxıstan Respublikası", "Azərbaycan Respublikası"]
    )
    assert cos(kk, az) > cos(kk, other)


def test_transliteration_is_lowercase_ascii_and_drops_punctuation() -> None:
    skeleton = transliterate("«Еңбекші-мигрант» — Əmək miqrantı; 3-бап!")
    assert skeleton == "enbekshi migrant emek mikranti 3 bap"
    assert skeleton.isascii()


def test_tables_agree_and_cover_each_alphabet() -> None:
    kk = load_json("kk", "translit.json")["letters"]
    ru = load_json("ru", "translit.json")["letters"]
    az = load_json("az", "translit.json")["letters"]
    assert len(kk) == 42 and len(ru) == 33 and len(az) >= 32
    for letter, latin in ru.items():
        assert kk[letter] == latin, letter  # Cyrillic letters shared by kk and ru agree
    merged = transliteration_table()
    assert set(merged) == set(kk) | set(ru) | set(az)
    assert all(value == "" or (value.isascii() and value.islower()) for value in merged.values())


def test_numbers_are_extracted_in_ascii() -> None:
    assert numbers("2,5 % ; 30-шы бап; ٣٠") == ["2.5", "30", "30"]


def test_deterministic_across_processes(lexical: LexicalEncoder) -> None:
    here = hashlib.sha256(lexical.encode(SAMPLES).tobytes()).hexdigest()
    script = (
        "import hashlib, sys, json\n"
        "from treaty_align.embed.lexical import LexicalEncoder\n"
        "texts = json.loads(sys.stdin.read())\n"
        "print(hashlib.sha256(LexicalEncoder().encode(texts).tobytes()).hexdigest())\n"
    )
    import json

    for seed in ("1", "2"):  # a different str-hash salt in each child
        env = dict(os.environ, PYTHONHASHSEED=seed)
        child = subprocess.run(
            [sys.executable, "-c", script],
            input=json.dumps(SAMPLES),
            capture_output=True,
            text=True,
            env=env,
            check=True,
            timeout=60,
        )
        assert child.stdout.strip() == here


def test_model_version_and_no_cache(lexical: LexicalEncoder) -> None:
    assert lexical.model_version.startswith("lexical-")
    assert lexical.model_version == LexicalEncoder().model_version
    assert lexical.cacheable is False
