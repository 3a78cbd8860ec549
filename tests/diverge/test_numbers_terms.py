"""Numbers in words, references in words and substituted legal terms, on SYNTHETIC kk/az/ru clauses.

Each rule: an equivalent pair gives no finding, a changed one gives the finding. Every sentence
was written for these tests in the style of treaty clauses; none is quoted from a real text.
"""

from __future__ import annotations

import pytest

from tests.diverge.synthetic import record
from treaty_align.diverge import find_divergences
from treaty_align.diverge.crossref import references
from treaty_align.diverge.morphology import fold
from treaty_align.diverge.numerals import digitise, spelled_numbers
from treaty_align.diverge.numbers import numbers

LANGS = ("kk", "az", "ru")


def _run(texts: dict, check: str, langs=LANGS) -> list:
    out = find_divergences([record("a", texts)], langs, checks=[check])
    return [d for a in out for d in a.divergences if d.severity != "info"]


def _values(text: str, lang: str) -> list[tuple[float, str | None]]:
    return [(n.value, n.unit) for n in numbers(fold(text, lang), lang)]


# ---------------------------------------------------------------- reading numbers in words

@pytest.mark.parametrize("lang,text,expected", [
    ("ru", "в течение ста восьмидесяти (180) дней", [(180, "day")]),
    ("ru", "180 (ста восьмидесяти) дней", [(180, "day")]),
    ("ru", "не позднее тридцати одного дня", [(31, "day")]),
    ("ru", "в течение шестимесячного срока", [(6, "month")]),
    ("ru", "две тысячи двадцать четвертого года", [(2024, "year")]),
    ("kk", "жүз сексен (180) күн ішінде", [(180, "day")]),
    ("kk", "екі мың жиырма төртінші жылы", [(2024, "year")]),
    ("kk", "отыз бес күнтізбелік күн", [(35, "day")]),
    ("az", "yüz səksən (180) gün ərzində", [(180, "day")]),
    ("az", "iyirmi beş gün", [(25, "day")]),
])
def test_numbers_in_words_any_case_are_read_once(lang, text, expected) -> None:
    assert _values(text, lang) == expected


def test_article_words_and_pronouns_are_not_numbers() -> None:
    # "one" / "the other Party" / "both", table markup and a footnote mark glued to a word
    assert _values("екінші Тарап бір мәселе бойынша", "kk") == []
    assert _values('<td colspan="2">Тарап үшін</td>', "kk") == []
    assert _values("УСТАВ ОРГАНИЗАЦИИ1", "ru") == []
    assert _values("в течение месяца", "ru") == [] and _values("бір ай ішінде", "kk") == [(1, "month")]


def test_spelled_runs_compose_and_digitise_keeps_offsets() -> None:
    text = fold("статьи пятой и пункта сто двадцатого", "ru")
    runs = spelled_numbers(text, "ru")
    assert [(r.value, r.ordinal) for r in runs] == [(5, True), (120, True)]
    digits = digitise(text, "ru")
    assert len(digits) == len(text) and "5" in digits and "120" in digits


# ---------------------------------------------------------------- numbers check

PERIOD = {
    "kk": "Өтініш отыз (30) күн ішінде қаралады.",
    "az": "Müraciət otuz gün ərzində baxılır.",
    "ru": "Заявление рассматривается в течение тридцати дней.",
}


def test_numbers_same_period_in_words_and_digits_no_finding() -> None:
    assert _run(PERIOD, "numbers") == []
    assert _run({**PERIOD, "ru": "Заявление рассматривается в течение 30 дней."}, "numbers") == []


@pytest.mark.parametrize("lang,old,new", [
    ("kk", "отыз (30)", "қырық (40)"),
    ("az", "otuz", "qırx"),
    ("ru", "тридцати", "сорока"),
])
def test_numbers_changed_period_in_words_is_major(lang, old, new) -> None:
    texts = {**PERIOD, lang: PERIOD[lang].replace(old, new)}
    (d,) = _run(texts, "numbers")
    assert (d.kind, d.severity) == ("numbers", "major")
    assert "40" in d.message and "30" in d.message


def test_numbers_one_hundred_eighty_is_not_one_hundred() -> None:
    texts = {"kk": "Мерзім жүз сексен күн.", "ru": "Срок составляет ста восьмидесяти (180) дней."}
    assert _run(texts, "numbers", ("kk", "ru")) == []
    (d,) = _run({**texts, "kk": "Мерзім жүз күн."}, "numbers", ("kk", "ru"))
    assert d.severity == "major" and "180" in d.message


# ---------------------------------------------------------------- cross-references in words

REF = {
    "kk": "Осы баптың бірінші тармағында көзделген тәртіппен.",
    "az": "Bu maddənin 1-ci bəndində nəzərdə tutulmuş qaydada.",
    "ru": "В порядке, предусмотренном пунктом первым настоящей статьи.",
}


def test_crossref_ordinal_in_words_equals_digits() -> None:
    assert [(r.kind, r.numbers) for r in references(fold(REF["kk"], "kk"), "kk")] == [("paragraph", ("1",))]
    assert _run(REF, "crossref") == []


def test_crossref_changed_ordinal_in_words_is_major() -> None:
    (d,) = _run({**REF, "ru": REF["ru"].replace("первым", "вторым")}, "crossref")
    assert (d.kind, d.severity) == ("crossref", "major")
    assert "paragraph 2" in d.message


def test_crossref_item_labels_with_brackets() -> None:
    texts = {"kk": "Осы тармақтың 2) және 3) тармақшаларының ережелері қолданылмайды.",
             "ru": "Положения подпунктов 2) и 3) настоящего пункта не применяются."}
    assert _run(texts, "crossref", ("kk", "ru")) == []
    (d,) = _run({**texts, "ru": texts["ru"].replace("3)", "4)")}, "crossref", ("kk", "ru"))
    assert d.severity == "major"


# ---------------------------------------------------------------- substituted legal terms

RIGHTS = {
    "kk": "Тараптың құқықтары осы Келісіммен айқындалады.",
    "az": "Tərəfin hüquqları bu Sazişlə müəyyən edilir.",
    "ru": "Права Стороны определяются настоящим Соглашением.",
}


def test_terminology_same_terms_no_finding() -> None:
    assert _run(RIGHTS, "terminology") == []


@pytest.mark.parametrize("lang,old,new", [
    ("kk", "құқықтары", "міндеттері"),
    ("az", "hüquqları", "vəzifələri"),
    ("ru", "Права", "Обязанности"),
])
def test_terminology_right_replaced_by_duty_is_major(lang, old, new) -> None:
    (d,) = _run({**RIGHTS, lang: RIGHTS[lang].replace(old, new)}, "terminology")
    assert (d.kind, d.severity) == ("terminology", "major")
    assert "right" in d.message and "duty" in d.message


def test_terminology_near_term_put_for_another_is_major() -> None:
    # each side names an instrument the other lacks: what the provision acts on has changed
    texts = {"kk": "Конференция өз Жарғысына сәйкес жұмыс істейді.",
             "ru": "Конференция действует в соответствии со своим Уставом."}
    assert _run(texts, "terminology", ("kk", "ru")) == []
    (d,) = _run({**texts, "kk": texts["kk"].replace("Жарғысына", "Жарлығына")}, "terminology", ("kk", "ru"))
    assert d.severity == "major"
    assert d.message == ("A legal term differs (kk: ‘Жарлығына’ (decree); ru: ‘Уставом’ (statute)): each version "
                         "has a term of the same field that the other lacks. This changes what the provision "
                         "acts on or requires: check that the same legal term is meant.")


def test_terminology_near_term_named_more_often_is_minor() -> None:
    # both terms on both sides, one of them once more on each side: weaker evidence
    texts = {"kk": "Келісімге өзгерістер хаттамамен енгізіледі, хаттама Келісімнің бөлігі болып табылады.",
             "ru": "Изменения в Соглашение вносятся протоколом, протокол является частью Соглашения."}
    assert _run(texts, "terminology", ("kk", "ru")) == []
    planted = texts["ru"].replace("частью Соглашения", "частью протокола")
    (d,) = _run({**texts, "ru": planted}, "terminology", ("kk", "ru"))
    assert d.severity == "minor"
    assert "kk names agreement more often than ru; ru names protocol more often than kk" in d.message


@pytest.mark.parametrize("texts, lang, old, new", [
    ({"kk": "Тараптар инвестициялар туралы ақпарат алмасады.", "ru": "Стороны обмениваются информацией об инвестициях.",
      "az": "Tərəflər investisiyalar barədə məlumat mübadiləsi aparırlar."}, "ru", "инвестициях", "кредитах"),
    ({"kk": "Тараптар инвестициялар туралы ақпарат алмасады.", "ru": "Стороны обмениваются информацией об инвестициях.",
      "az": "Tərəflər investisiyalar barədə məlumat mübadiləsi aparırlar."}, "kk", "ақпарат", "құжат"),
    ({"kk": "Тараптар визалар беру тәртібін келіседі.", "ru": "Стороны согласовывают порядок выдачи виз.",
      "az": "Tərəflər vizaların verilməsi qaydasını razılaşdırırlar."}, "az", "vizaların", "icazələrin"),
    ({"kk": "Заң ресми жарияланған күнінен бастап күшіне енеді.", "ru": "Закон вступает в силу со дня официального опубликования.",
      "az": "Qanun rəsmi dərc edildiyi gündən qüvvəyə minir."}, "ru", "вступает в силу", "утрачивает силу"),
    ({"kk": "Қауіпсіздік Кеңесі ұсыныстар әзірлейді.", "ru": "Совет Безопасности разрабатывает предложения.",
      "az": "Təhlükəsizlik Şurası təkliflər hazırlayır."}, "ru", "Безопасности", "обороны"),
])
def test_terminology_families_of_general_legal_vocabulary(texts, lang, old, new) -> None:
    assert _run(texts, "terminology") == []
    (d,) = _run({**texts, lang: texts[lang].replace(old, new)}, "terminology")
    assert d.severity == "major" and new in d.message


def test_terminology_induced_rendering_replaced_is_minor() -> None:
    # the induced kk-ru list pairs the stems of "expenses" and of "question"
    texts = {"kk": "Тараптар шығыстарды өздері көтереді.", "ru": "Стороны несут расходы самостоятельно."}
    assert _run(texts, "terminology", ("kk", "ru")) == []
    (d,) = _run({**texts, "ru": texts["ru"].replace("расходы", "вопросы")}, "terminology", ("kk", "ru"))
    assert d.severity == "minor" and "вопросы" in d.message


def test_terminology_term_swapped_for_one_already_there() -> None:
    texts = {"kk": "Тараптардың құқықтары мен міндеттері сақталады.",
             "ru": "Права и обязанности Сторон сохраняются."}
    assert _run(texts, "terminology", ("kk", "ru")) == []
    (d,) = _run({**texts, "ru": texts["ru"].replace("обязанности", "права")}, "terminology", ("kk", "ru"))
    assert d.severity == "major" and "duty" in d.message


# ---------------------------------------------------------------- limits of a number

LIMIT = {
    "kk": "Өтініш кемінде алты (6) ай бұрын жіберіледі.",
    "az": "Müraciət ən azı 6 (altı) ay əvvəl göndərilir.",
    "ru": "Заявление направляется не менее чем за шесть (6) месяцев.",
}


def test_limit_at_least_on_every_side_no_finding() -> None:
    assert [(n.value, n.bound) for n in numbers(fold(LIMIT["kk"], "kk"), "kk")] == [(6, "at least")]
    assert _run(LIMIT, "numbers") == []
    # "no later than 6 months before" and "at least 6 months before" say the same
    assert _run({**LIMIT, "ru": "Заявление направляется не позднее чем за шесть (6) месяцев."}, "numbers") == []


@pytest.mark.parametrize("lang,old", [("kk", "кемінде "), ("az", "ən azı "), ("ru", "не менее чем ")])
def test_limit_dropped_on_one_side_is_major(lang, old) -> None:
    (d,) = _run({**LIMIT, lang: LIMIT[lang].replace(old, "")}, "numbers")
    assert (d.kind, d.severity) == ("numbers", "major")
    assert "limit" in d.message


def test_number_written_more_often_in_one_version_is_found() -> None:
    # as a plain digit comparison would see it: "Chapter 2" twice against once
    texts = {"kk": "2-тарау. Жалпы ережелер. 2-тарау.", "ru": "Глава 2. Общие положения."}
    (d,) = _run(texts, "numbers", ("kk", "ru"))
    assert d.severity == "major" and "more often" in d.message
    assert _run({**texts, "kk": "2-тарау. Жалпы ережелер."}, "numbers", ("kk", "ru")) == []
