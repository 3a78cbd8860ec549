"""What a thing is able to do is a capability, not a permission (SYNTHETIC sentences in the style
of definitions in laws and of treaty clauses)."""

from __future__ import annotations

import pytest

from treaty_align.meaning import read
from treaty_align.meaning.modal_sense import is_capability


def _kinds(text: str, lang: str) -> list[tuple[str, str, str]]:
    p = read(text, lang)
    assert p is not None
    return [(x.kind, x.scope, p.folded[x.start:x.end]) for x in p.predicates]


@pytest.mark.parametrize("text,lang,expected", [
    # an active participle describing a thing: what it can do
    ("Жүйе – адамға тән функцияларды имитациялай алатын бағдарламалық өнім.", "kk",
     [("capability", "sub", "имитациялай алатын")]),
    ("Модель – жағдайларға бейімделе алатын, тәжірибе негізінде оқып-үйренуге болатын бағдарламалық өнім.", "kk",
     [("capability", "sub", "бейімделе алатын"), ("capability", "sub", "үйренуге болатын")]),
    ("Жүйе өзгерістерге бейімделуге қабілетті.", "kk", [("capability", "main", "бейімделуге қабілетті")]),
    ("Sistem – insana xas funksiyaları təqlid edə bilən proqram məhsuludur.", "az",
     [("capability", "sub", "edə bilən")]),
    ("Model şəraitə uyğunlaşmağa qadirdir.", "az", [("capability", "main", "uyğunlaşmağa qadirdir")]),
    ("Модель – программный продукт, способный адаптироваться к условиям.", "ru",
     [("capability", "sub", "способный")]),
    ("Модель способна обучаться на основе накопленного опыта.", "ru", [("capability", "main", "способна")]),
    ("Система – программный продукт, который может имитировать функции человека.", "ru",
     [("capability", "sub", "может")]),
])
def test_what_a_thing_is_able_to_do_is_a_capability(text: str, lang: str, expected: list) -> None:
    assert _kinds(text, lang) == expected
    p = read(text, lang)
    assert p is not None and p.families()["permission"] == 0 and p.families()["capability"] == len(expected)


@pytest.mark.parametrize("text,lang,expected", [
    # a right of an actor stated as a predicate
    ("Тарап көмек көрсетуден бас тарта алады.", "kk", ("permission", "main", "тарта алады")),
    ("Tərəf köməklik göstərməkdən imtina edə bilər.", "az", ("permission", "main", "edə bilər")),
    ("Сторона вправе отказать в оказании помощи.", "ru", ("permission", "main", "вправе")),
    ("Сторона может отказать в оказании помощи.", "ru", ("permission", "main", "может")),
    # a participle or relative clause with an actor next to it: the noun it describes ...
    ("Көмек көрсетуден бас тарта алатын Тарап бұл туралы хабарлайды.", "kk", ("permission", "sub", "тарта алатын")),
    ("Köməklik göstərməkdən imtina edə bilən Tərəf bu barədə bildirir.", "az", ("permission", "sub", "edə bilən")),
    ("Сторона, которая может отказать в помощи, уведомляет другую Сторону.", "ru", ("permission", "sub", "может")),
    # ... or its subject
    ("Тарап бере алатын ақпарат хаттамада көрсетіледі.", "kk", ("permission", "sub", "бере алатын")),
    # a passive participle: what someone may do to the thing
    ("Үшінші тұлғаларға беріле алатын ақпарат хаттамада көрсетіледі.", "kk", ("permission", "sub", "беріле алатын")),
    ("Üçüncü şəxslərə verilə bilən məlumat protokolda göstərilir.", "az", ("permission", "sub", "verilə bilən")),
    ("Сведения, которые могут быть переданы третьим лицам, указываются в протоколе.", "ru",
     ("permission", "sub", "могут")),
    # what may fail to happen, and what may happen (modal_sense 'possibility'), are no ability
    ("Меры, которые могут не соответствовать ожиданиям инвестора, не являются нарушением.", "ru",
     ("permission", "sub", "могут")),
    ("Соглашение не применяется к спорам, которые могут возникнуть.", "ru", ("permission", "sub", "могут")),
])
def test_a_right_of_an_actor_stays_a_permission(text: str, lang: str, expected: tuple) -> None:
    kinds = _kinds(text, lang)
    assert expected in kinds, kinds
    assert all(k != "capability" for k, _, _ in kinds), kinds


def test_capability_needs_the_form_to_overlap_the_modal() -> None:
    folded = "модель – программный продукт, который может имитировать функции человека."
    start = folded.index("может")
    assert is_capability(folded, start, start + len("может"), "ru")
    # the same words elsewhere in the text say nothing of a modal they do not touch
    assert not is_capability(folded, 0, len("модель"), "ru")
    # a language without capability forms has none
    assert not is_capability(folded, start, start + len("может"), "en")
