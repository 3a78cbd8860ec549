"""The meaning layer on SYNTHETIC sentences (written for these tests in the style of treaties)."""

from __future__ import annotations

import pytest

from treaty_align.meaning import list_groups, merge, read
from tests.diverge.synthetic import record


def _kinds(text: str, lang: str) -> list[tuple[str, str]]:
    p = read(text, lang)
    assert p is not None
    return [(x.kind, x.scope) for x in p.predicates]


@pytest.mark.parametrize("text,lang", [
    ("Никто не может быть задержан без решения суда.", "ru"),
    ("Heç kəs məhkəmə qərarı olmadan saxlanıla bilməz.", "az"),
    ("Ешкім сот шешімінсіз ұсталуы тиіс емес.", "kk"),
    ("Сторона не вправе передавать сведения третьим лицам.", "ru"),
    ("Тарап мәліметтерді үшінші тұлғаларға беруге құқылы емес.", "kk"),
    ("Tərəf məlumatları üçüncü şəxslərə verə bilməz.", "az"),
    ("Передача сведений третьим лицам запрещается.", "ru"),
    ("Мәліметтерді үшінші тұлғаларға беруге тыйым салынады.", "kk"),
    ("Məlumatların üçüncü şəxslərə verilməsi qadağandır.", "az"),
])
def test_prohibitions_are_one_class_across_languages(text: str, lang: str) -> None:
    kinds = _kinds(text, lang)
    assert [k for k, s in kinds if s == "main"] == ["prohibition"], kinds


def test_negative_pronoun_with_negated_verb_is_one_negation() -> None:
    assert _kinds("Ни одна из Сторон не раскрывает эти сведения.", "ru") == [("negative", "main")]
    assert _kinds("Тараптардың ешқайсысы бұл мәліметтерді жария етпейді.", "kk") == [("negative", "main")]
    assert _kinds("Tərəflərdən heç biri bu məlumatları açıqlamır.", "az") == [("negative", "main")]


def test_double_negation_is_a_duty() -> None:
    assert _kinds("Сторона не может не уведомить другую Сторону.", "ru") == [("obligation", "main")]


def test_lexicalised_negation_is_no_predicate() -> None:
    for text, lang in [("Неприкосновенность архивов обеспечивается.", "ru"),
                       ("Мұрағаттарға қол сұғылмауы қамтамасыз етіледі.", "kk"),
                       ("Arxivlərin toxunulmazlığı təmin edilir.", "az")]:
        p = read(text, lang)
        assert p is not None and not p.of_family("negative"), (lang, p.predicates)
    assert read("Мұрағаттарға қол сұғылмауы қамтамасыз етіледі.", "kk").lexical_negations  # type: ignore[union-attr]
    assert read("Неприкосновенность архивов обеспечивается.", "ru").lexical_negations  # type: ignore[union-attr]


def test_negated_participle_is_attributive_and_negated_verb_is_main() -> None:
    assert _kinds("Вопросы, не урегулированные настоящим Законом, регулируются Положением.", "ru") == [
        ("negative", "attr")]
    assert _kinds("Осы Заңмен реттелмеген мәселелер Ережемен реттеледі.", "kk") == [("negative", "attr")]
    assert _kinds("Положения не применяются к спорам.", "ru") == [("negative", "main")]
    assert _kinds("Ережелер дауларға қолданылмайды.", "kk") == [("negative", "main")]
    assert _kinds("Müddəalar mübahisələrə tətbiq edilmir.", "az") == [("negative", "main")]


def test_modality_classes_and_scope() -> None:
    assert _kinds("Тарап ақпарат сұратуға құқылы.", "kk") == [("permission", "main")]
    assert _kinds("Тарап ақпаратты беруі тиіс.", "kk") == [("obligation", "main")]
    assert _kinds("Тарап ақпаратты бере алады.", "kk") == [("permission", "main")]
    assert _kinds("Tərəf məlumat verməlidir.", "az") == [("obligation", "main")]
    assert _kinds("Tərəf məlumat verə bilər.", "az") == [("permission", "main")]
    assert _kinds("Tərəf məlumat verməməlidir.", "az") == [("prohibition", "main")]
    assert _kinds("Сторона должна предоставить сведения.", "ru") == [("obligation", "main")]
    # a modal in a relative clause is subordinate
    assert _kinds("Соглашение не применяется к спорам, которые могут возникнуть.", "ru") == [
        ("negative", "main"), ("permission", "sub")]
    # a negated condition
    assert _kinds("Если Стороны не договорятся иначе, спор передается в арбитраж.", "ru")[0] == ("negative", "cond")
    assert _kinds("Егер Тараптар өзгеше келіспесе, дау төрелікке беріледі.", "kk")[0] == ("negative", "cond")


def test_whether_or_not_and_including_are_not_negation_or_modality() -> None:
    assert _kinds("Шара қабылданғанын немесе қабылданбағанын хабарлайды.", "kk") == []
    assert _kinds("Шығыстарды қоса алғанда, барлық төлемдер өтеледі.", "kk") == []


def test_qualifiers_roles_terms_and_joiners() -> None:
    p = read("Запрашиваемая Сторона незамедлительно в письменной форме уведомляет запрашивающую Сторону; и", "ru")
    assert p is not None
    assert p.concepts() == {"in_writing"}
    assert [r.concept for r in p.roles] == ["requested_party", "requesting_party"]
    assert p.joiner == "and"
    k = read("Сұрау салынатын Тарап сұрау салушы Тарапқа кемінде 10 күн бұрын жазбаша хабарлайды; немесе", "kk")
    # "at least 10 days before" is a time limit (the markers' deadline, like "no later than 10
    # days before"), not the manner qualifier "at least"
    assert k is not None and k.concepts() == {"in_writing"} and k.joiner == "or"
    r = read("Сторона не менее чем за 10 дней письменно уведомляет другую Сторону.", "ru")
    assert r is not None and r.concepts() == {"in_writing"}
    assert read("Сторона уведомляет не менее 10 членов.", "ru").concepts() == {"at_least"}  # type: ignore[union-attr]
    assert [r.concept for r in k.roles] == ["requested_party", "requesting_party"]
    a = read("Bu Sazişin müddəalarının şərhi zamanı", "az")
    assert a is not None and a.term_concepts() == {"interpretation"}


def test_lists_are_read_with_their_lead_in() -> None:
    recs = [record("p1", {"kk": "Мыналар:", "ru": "Сторона может отказать, если:"}),
            record("i1", {"kk": "бірінші шарт;", "ru": "первое условие;"}, kind="item"),
            record("i2", {"kk": "екінші шарт болса, бас тарта алады.", "ru": "второе условие."}, kind="item"),
            record("p2", {"kk": "Басқа ереже.", "ru": "Другое положение."})]
    groups = list_groups(recs)
    assert groups["i1"] == (0, 1, 2) and groups["p2"] == (3,)
    kk = merge([read(r.text("kk"), "kk") for r in recs[:3]])  # type: ignore[misc]
    ru = merge([read(r.text("ru"), "ru") for r in recs[:3]])  # type: ignore[misc]
    assert kk is not None and ru is not None
    assert kk.families()["permission"] == ru.families()["permission"] == 1


def test_party_mentions_by_number_in_every_language() -> None:
    from treaty_align.meaning import read

    def numbers(text: str, lang: str) -> list[tuple[str, str]]:
        p = read(text, lang)
        return [(m.number, p.folded[m.start:m.end]) for m in p.parties]

    assert numbers("Каждая из Сторон вправе выйти, урегулировав обязательства Стороны перед обеими Сторонами.",
                   "ru") == [("sg", "каждая из сторон"), ("sg", "стороны"), ("pl", "обеими сторонами")]
    # after a noun in an oblique case the clause's subject begins: no number is read
    assert numbers("Согласно настоящим правилам Стороны определяют порядок.", "ru") == [("pl", "стороны")]
    assert numbers("Тараптар бір-біріне хабарлайды, ал екі Тарап мемлекетінің органдары келіседі.",
                   "kk") == [("pl", "тараптар бір-біріне"), ("pl", "екі тарап")]
    assert numbers("Тарап тарапынан берілген ақпарат Тараптардың бірінің органына жіберіледі.", "kk") == [
        ("sg", "тарап"), ("sg", "тараптардың бірінің")]
    assert numbers("Tərəflərin hər biri digər Tərəfə məlumat verir; Tərəflər bir-birini xəbərdar edirlər.",
                   "az") == [("sg", "tərəflərin hər biri"), ("sg", "tərəfə"), ("pl", "tərəflər bir-birini")]
