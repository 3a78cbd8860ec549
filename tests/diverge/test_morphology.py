"""The lexicon-and-suffix helpers (synthetic words and clauses)."""

from __future__ import annotations

import pytest

from treaty_align.diverge.markers import profile
from treaty_align.diverge.morphology import fold, predicate_voice, sentences, word_voice


def test_fold_keeps_length_and_handles_turkic_i() -> None:
    assert fold("İcra EDİLİR", "az") == "icra edilir"
    assert fold("IŞIQ", "az") == "ışıq"
    for text, lang in (("ÖLÇÜ İDARƏ", "az"), ("ҚАЗАҚ ТІЛІ", "kk"), ("ЁЛКА", "ru")):
        assert len(fold(text, lang)) == len(text)


def test_sentences_do_not_split_initials_or_labels() -> None:
    text = "1. Бірінші сөйлем. Екінші сөйлем; үшінші бөлік. N. Nuseynov imzaladı."
    assert [text[s:e] for s, e in sentences(text)] == [
        "1. Бірінші сөйлем.", "Екінші сөйлем;", "үшінші бөлік.", "N. Nuseynov imzaladı.",
    ]


@pytest.mark.parametrize("word,lang,voice", [
    ("edilir", "az", "passive"), ("edir", "az", "active"), ("imzalanır", "az", "passive"),
    ("minir", "az", "active"), ("saxlanılmır", "az", "passive"),
    ("асырылады", "kk", "passive"), ("асырады", "kk", "active"), ("алады", "kk", "active"),
    ("жолданады", "kk", "passive"), ("енеді", "kk", "active"), ("шешіледі", "kk", "passive"),
])
def test_word_voice(word: str, lang: str, voice: str) -> None:
    assert word_voice(word, lang) == voice


def test_predicate_voice_follows_auxiliaries() -> None:
    assert predicate_voice("məlumat istifadə oluna bilməz.", "az")[0] == "passive"
    assert predicate_voice("tərəf xitam verə bilər.", "az")[0] == "active"
    assert predicate_voice("ақпарат жолдай алады.", "kk")[0] == "active"
    assert predicate_voice("өзгерістер енгізілуі мүмкін.", "kk")[0] == "passive"
    # a nominal clause ("X are the following") has no voice
    assert predicate_voice("органдар мыналар болып табылады:", "kk")[0] is None


@pytest.mark.parametrize("text,lang,may,neg", [
    ("ақпарат алмасу", "kk", 0, 0),                     # exchange, not "cannot"
    ("ажырамас бөлігі болып табылады", "kk", 0, 0),     # "inseparable": lexical negation
    ("белгіленбеген мерзімге жасалады", "kk", 0, 0),    # "unspecified term": attributive
    ("келісілмейтін болса", "kk", 0, 1),                # heads a condition: counts
    ("ayrılmaz hissəsi olan", "az", 0, 0),
    ("razılaşdırılmadığı təqdirdə", "az", 0, 1),
    ("artıq olmamalıdır", "az", 0, 0),                  # "not more than": a limit, not a negation
    ("istifadə oluna bilməz", "az", 0, 1),              # may not = prohibition
    ("mübadilə edə bilirlər", "az", 1, 0),
    ("maneə ola biləcəyini", "az", 1, 0),
    ("не должен превышать", "ru", 0, 0),
    ("не позднее 30 дней", "ru", 0, 0),
    ("исполнять или не исполнять", "ru", 0, 1),
])
def test_deontic_profiles(text: str, lang: str, may: int, neg: int) -> None:
    p = profile(fold(text, lang), lang)
    assert p is not None and p.deontic == (may, neg)
