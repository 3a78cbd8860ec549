"""Text quality: near misses of a word list, garbled words and phrases (SYNTHETIC sentences).

The word lists here are built in the tests from invented counts; the bundled lists
(``data/<lang>/wordlist.tsv``) are only checked for shape.
"""

from __future__ import annotations

import pytest

from tests.diverge.synthetic import record
from treaty_align.diverge import find_divergences
from treaty_align.diverge.morphology import fold
from treaty_align.diverge.quality import (
    GARBLED_PHRASE,
    GARBLED_WORD,
    TYPO,
    WordList,
    artefacts,
    garbled,
    quality_params,
    wordlist,
)

KK_COUNTS = {"тараптар": 40, "тараптардың": 12, "ақпаратпен": 9, "ақпарат": 30, "алмасады": 8,
             "мемлекеттің": 7, "құзыретті": 15, "органдары": 11, "келісім": 20, "хабарлайды": 5}
AZ_COUNTS = {"tərəflər": 40, "məlumat": 25, "mübadiləsi": 9, "həyata": 12, "keçirirlər": 6,
             "səlahiyyətli": 14, "orqanları": 10, "müqavilə": 8}
RU_COUNTS = {"стороны": 40, "обмениваются": 9, "информацией": 14, "компетентные": 10, "органы": 20,
             "государства": 18, "уведомляют": 6}


def issues(text: str, lang: str, counts: dict[str, int]) -> list[tuple[str, str, str]]:
    words = WordList.build(counts, quality_params(lang))
    return [(issue, text[s:e], fix) for issue, s, e, fix in artefacts(text, fold(text, lang), lang, words)]


@pytest.mark.parametrize("lang, counts, text, typo, fix", [
    ("kk", KK_COUNTS, "Тарпатар ақпаратпен алмасады.", "Тарпатар", "Тараптар"),        # swapped letters
    ("kk", KK_COUNTS, "Құзретті органдары хабарлайды.", "Құзретті", "Құзыретті"),      # a letter dropped
    ("az", AZ_COUNTS, "Tərəflər məlumat mübadilləsi həyata keçirirlər.", "mübadilləsi", "mübadiləsi"),  # doubled
    ("az", AZ_COUNTS, "Səlahiyyatli orqanları məlumat verir.", "Səlahiyyatli", "Səlahiyyətli"),  # replaced
    ("ru", RU_COUNTS, "Стороны обмениаются информацией.", "обмениаются", "обмениваются"),
    ("ru", RU_COUNTS, "Компетентные органы госудраства уведомляют.", "госудраства", "государства"),
])
def test_near_miss_of_a_frequent_word_is_a_possible_typo(lang, counts, text, typo, fix):
    assert (TYPO, typo, fix) in issues(text, lang, counts)


@pytest.mark.parametrize("lang, counts, text", [
    ("kk", KK_COUNTS, "Тараптардың ақпаратпен алмасады."),      # known words
    ("kk", KK_COUNTS, "Тараптарға ақпаратты хабарлайды."),      # other endings of known stems
    ("az", AZ_COUNTS, "Tərəflərin məlumatı mübadiləsinə."),
    ("ru", RU_COUNTS, "Стороне обменивается информация."),
    ("ru", RU_COUNTS, "Порядок устанавливается протоколом."),   # unknown, but no frequent neighbour
])
def test_known_words_and_their_inflections_are_left_alone(lang, counts, text):
    assert issues(text, lang, counts) == []


def test_a_spelling_the_document_repeats_is_not_a_typo():
    words = WordList.build(KK_COUNTS, quality_params("kk"))
    text = "Тарпатар ақпаратпен алмасады."
    folded = fold(text, "kk")
    assert artefacts(text, folded, "kk", words, document={"тарпатар": 1})[0][0] == TYPO
    assert artefacts(text, folded, "kk", words, document={"тарпатар": 3}) == []


@pytest.mark.parametrize("lang, word, bad", [
    ("kk", "тараптар", True and "тaраптар"),        # Latin a inside a Cyrillic word
    ("ru", "стороны", "стoроны"),                    # Latin o
    ("az", "tərəflər", "tərəflәr"),                  # Cyrillic schwa in a Latin word
    ("ru", "стороны", "ñòîðîíû"),                     # CP1251 read as Latin-1
    ("az", "müqavilə", "mÃ¼qavilÉ™"),                 # UTF-8 read as CP1252
])
def test_garbled_words(lang, word, bad):
    assert not garbled(fold(word, lang), lang)
    assert garbled(fold(bad, lang), lang)


def test_names_in_a_neighbouring_cyrillic_alphabet_are_not_garbled():
    assert not garbled(fold("Қазақстан", "ru"), "ru")


def test_garbled_phrase_is_a_run_of_words_spelt_unlike_the_corpus():
    counts = dict(KK_COUNTS)
    text = "Тараптар жқтрбсщ ғлкмнпт шщхцфвб ақпарат алмасады."
    found = issues(text, "kk", counts)
    assert [(i, q) for i, q, _ in found] == [(GARBLED_PHRASE, "жқтрбсщ ғлкмнпт шщхцфвб")]


def test_the_check_reports_typos_with_a_suggestion_as_info():
    rec = record("a", {"kk": "Тараптар ақпаратпен алмасады.", "az": "Tərəflər məlumat mübadiləsi həyata keçirirlər.",
                       "ru": "Органы госудраства уведомляют."})
    bundled = wordlist("ru")
    assert bundled is not None and bundled.counts.get("государства", 0) >= 3
    out = [d for a in find_divergences([rec], ("kk", "az", "ru"), checks=["quality"]) for d in a.divergences]
    (d,) = [d for d in out if d.evidence[0].language == "ru"]
    assert d.severity == "info" and d.suggestion == "ru: государства"
    assert "possible typo: ‘госудраства’ (usually ‘государства’)" in d.message
    assert d.confidence == pytest.approx(0.5 * (0.6 + 0.4 * 0.9), abs=0.01)


def test_bundled_word_lists_are_frequency_lists():
    for lang in ("kk", "ru", "az"):
        words = wordlist(lang)
        assert words is not None and len(words.counts) > 100
        assert min(words.counts.values()) >= 2
        assert all(" " not in w for w in words.counts)
    assert GARBLED_WORD != GARBLED_PHRASE
