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
    CharModel,
    WordList,
    artefacts,
    edits,
    learn_endings,
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


def bundled_issues(text: str, lang: str, document: dict[str, int] | None = None) -> list[tuple[str, str, str]]:
    return [(issue, text[s:e], fix)
            for issue, s, e, fix in artefacts(text, fold(text, lang), lang, wordlist(lang), document)]


@pytest.mark.parametrize("lang, text, typo, fix", [
    ("kk", "Тарпатар ақпаратпен алмасады.", "Тарпатар", "Тараптар"),            # swapped letters
    ("kk", "Құзретті органдары хабарлайды.", "Құзретті", "Құзыретті"),          # a letter dropped
    ("kk", "Тараптар мемлекеттершің заңнамасын сақтайды.", "мемлекеттершің", "мемлекеттердің"),  # replaced
    ("az", "Tərəflər məlumat mübadilləsi həyata keçirirlər.", "mübadilləsi", "mübadiləsi"),  # doubled
    ("az", "Səlahiyyatli orqanları məlumat verir.", "Səlahiyyatli", "Səlahiyyətli"),  # replaced
    ("ru", "Стороны обмениаются информацией.", "обмениаются", "обмениваются"),  # only the dictionary has it
    ("ru", "Компетентные органы госудраства уведомляют.", "госудраства", "государства"),
])
def test_near_miss_of_a_written_word_is_a_possible_typo(lang, text, typo, fix):
    assert (TYPO, typo, fix) in bundled_issues(text, lang)


def test_a_five_letter_russian_word_with_a_letter_dropped_is_a_possible_typo():
    assert (TYPO, "плной", "полной") in bundled_issues("Стороны обмениваются плной информацией.", "ru")


def test_a_long_capitalised_word_is_corrected_to_a_dictionary_word_that_is_no_name():
    text = "Решение принимается Ассамблееей по предложению Мереке."
    found = bundled_issues(text, "ru")
    assert (TYPO, "Ассамблееей", "Ассамблеей") in found
    # a short capitalised word one edit from a rare dictionary word is a name, not a typo
    assert not [i for i in found if i[1] == "Мереке"]


@pytest.mark.parametrize("lang, text", [
    ("kk", "Тараптар осы салада ынтымақтасады."),          # locative of a stem the list writes otherwise
    ("ru", "Решение принимается двумя третями голосов, не менее двух третей членов."),  # a dictionary form
    ("az", "Tərəflər məlumatı mübadilə edirlər."),        # another inflection of a listed stem
])
def test_real_forms_the_list_lacks_are_not_typos(lang, text):
    assert bundled_issues(text, lang) == []


def test_two_inflections_of_a_verb_the_dictionary_lacks_are_not_typos_of_each_other():
    text = "Средства реинвестируются в порядке, в котором средство реинвестируется."
    document = {"реинвестируются": 1, "реинвестируется": 1}
    assert [i for i in bundled_issues(text, "ru", document) if i[0] == TYPO] == []


def test_a_typo_of_a_word_the_document_writes_elsewhere_is_corrected_from_the_document():
    words = WordList.build({"стороны": 5}, quality_params("ru"), "ru")
    text = "Капчегайский участок передаётся."
    folded = fold(text, "ru")
    # a capitalised word the dictionary lacks (a name, perhaps) is only corrected from the document
    assert artefacts(text, folded, "ru", words, {"капчегайский": 1}) == []
    found = artefacts(text, folded, "ru", words, {"капчегайский": 1, "капшегайский": 4})
    assert [(i, text[s:e], fix) for i, s, e, fix in found] == [(TYPO, "Капчегайский", "Капшегайский")]


@pytest.mark.parametrize("lang, text, typo, fix", [
    ("kk", "Сұрау салынганнан кейін жауап беріледі.", "салынганнан", "салынғаннан"),   # г typed for ғ
    ("az", "Tərəflər məlumatları qarsılıqlı əsasda mübadilə edirlər.", "qarsılıqlı", "qarşılıqlı"),  # s for ş
])
def test_a_letter_typed_as_its_base_letter_is_corrected_to_a_written_stem(lang, text, typo, fix):
    # the corrected form is in no list, but its stem is: the slip of a keyboard without the letter
    assert [i for i in bundled_issues(text, lang) if i[0] == TYPO] == [(TYPO, typo, fix)]


def test_a_compound_of_short_parts_is_corrected_only_to_a_compound_some_text_writes():
    # each part of "коші-қонға" is too short to be corrected alone; the document writes the
    # compound with "ө" elsewhere
    text = "Тараптар заңсыз коші-қонға қарсы күреседі."
    found = bundled_issues(text, "kk", {"коші-қонға": 1, "көші-қонға": 2})
    assert [i for i in found if i[0] == TYPO] == [(TYPO, "коші-қонға", "көші-қонға")]
    # a compound no text writes is no correction (no dictionary lists compounds)
    text = "Мигранттың бала-шага мүшелері тіркеледі."
    assert [i for i in bundled_issues(text, "kk", {"бала-шага": 1}) if i[0] == TYPO] == []
    found = bundled_issues(text, "kk", {"бала-шага": 1, "бала-шаға": 2})
    assert [i for i in found if i[0] == TYPO] == [(TYPO, "бала-шага", "бала-шаға")]


@pytest.mark.parametrize("lang, word, fix", [
    ("az", "əməkdaşşlığımızın", "əməkdaşlığımızın"),
    ("kk", "қыззметкерлеріміздің", "қызметкерлеріміздің"),
])
def test_a_doubled_letter_is_a_typo_even_without_the_form_in_the_list(lang, word, fix):
    words = wordlist(lang)
    assert words is not None and fix not in words.counts
    assert words.near_miss(word) == fix
    assert words.near_miss(fix) is None


def test_the_character_model_prefers_the_language_s_spellings():
    model = CharModel.build(["тараптар", "тараптардың", "ақпарат", "ақпаратпен", "мемлекет", "мемлекеттің"])
    assert model.logprob("тараптың") > model.logprob("тарпатың") + 3
    assert model.logprob("ақпарат") > model.logprob("ақпрат")


def test_endings_are_learnt_from_the_list_without_a_grammar():
    stems = ["тарап", "құқық", "келісімшарт"]
    listed = [x + e for x in stems for e in ("", "тар", "қа")] + ["сот", "соттар"]
    endings, learnt = learn_endings(listed)
    assert {"", "тар", "қа"} <= endings and "арап" not in endings
    assert {"тарап", "құқық", "сот"} <= learnt
    words = WordList.build({w: 3 for w in listed})
    assert words.analysable("сотқа")           # a form the list lacks: listed stem, learnt ending
    assert not words.analysable("сотқы") and not words.analysable("сатқа")


def test_edits_are_the_one_edit_variants():
    assert {v for v, _ in edits("аб", "аб")} == {"б", "а", "ба", "бб", "аа", "ааб", "баб", "абб", "аба"}
    assert dict(edits("абв", "абв"))["бав"] == 0 and dict(edits("абв", "абв"))["ав"] == 1


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
