"""Message wording: actors of the document, why a difference matters, quoting both sides.

All texts are SYNTHETIC sentences in the style of treaties and laws.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.diverge.synthetic import MAY_SEND, record, treaty_of
from treaty_align.diverge import find_divergences
from treaty_align.data import load_tsv
from treaty_align.messages import (
    actor_of,
    consequence,
    main_actor,
    quote_pair,
    roles_in_text,
    word_start_first,
)

TREATY = {
    "kk": "Тараптар ақпарат алмасады. Әрбір Тарап екінші Тарапқа хабарлайды.",
    "ru": "Стороны обмениваются информацией. Каждая Сторона уведомляет другую Сторону.",
    "az": "Tərəflər məlumat mübadiləsi aparırlar. Hər bir Tərəf digər Tərəfə bildirir.",
}
LAW = {
    "kk": "Мемлекет азаматтардың құқықтарын қорғайды. Мемлекеттік органдар тұлғаға жауап береді. Тұлға сотқа жүгінеді.",
    "ru": "Государство защищает права граждан. Государственные органы отвечают лицу. Лицо обращается в суд, суд рассматривает.",
    "az": "Dövlət vətəndaşların hüquqlarını qoruyur. Dövlət orqanları şəxsə cavab verir. Şəxs məhkəməyə, məhkəmə baxır.",
}


@pytest.mark.parametrize("lang", ["kk", "ru", "az"])
def test_treaty_speaks_of_the_parties_law_of_the_state(lang):
    assert main_actor(roles_in_text(TREATY[lang], lang)) == "the Parties"
    law = roles_in_text(LAW[lang], lang)
    assert "parties" not in law and "state" in law and "person" in law
    assert main_actor(law) == "the State"
    assert main_actor(()) == ""


def test_consequence_names_the_actor_or_none():
    assert consequence("obligation", "the Parties") == "This changes whether the Parties must, may or must not act."
    assert consequence("time", "the State") == "This changes when the State must act."
    assert consequence("obligation", "") == "This changes whether the provision obliges, permits or forbids."
    assert "Parties" not in consequence("omission", "")


def test_actor_of_prefers_the_prevailing_version():
    records = [record("a", {"kk": LAW["kk"], "ru": TREATY["ru"]})]
    treaties = {lang: treaty_of(lang, records) for lang in ("kk", "ru")}
    assert actor_of(treaties, "ru") == "the Parties"
    assert actor_of(treaties, "kk") == "the State"
    assert actor_of(None) == ""


def test_quote_pair_marks_the_differing_words():
    assert quote_pair("Тараптар ақпарат алмасады.", "Тараптар ақпаратпен алмасады.") == (
        "Тараптар [ақпарат] алмасады.", "Тараптар [ақпаратпен] алмасады.")
    assert quote_pair("same words here", "same words here") == ("same words here", "same words here")


def _markers(texts: dict[str, str], langs: tuple[str, ...], authority: str | None = None):
    recs = [record("art1.p2", texts)]
    treaties = {lang: treaty_of(lang, recs) for lang in langs}
    out = find_divergences(recs, langs, treaties=treaties, authority=authority, checks=["markers"])
    return [d for a in out for d in a.divergences]


@pytest.mark.parametrize("pair", [("kk", "az"), ("kk", "ru"), ("az", "ru")])
def test_markers_message_speaks_of_the_documents_actor(pair):
    a, b = pair
    # a permission on one side, a plain rule on the other, in a treaty between Parties
    texts = {a: MAY_SEND[a], b: {"kk": "Әрбір Тарап екінші Тарапқа ақпаратты сұрау салусыз жолдайды.",
                                 "az": "Hər bir Tərəf digər Tərəfə məlumatı sorğu olmadan göndərir.",
                                 "ru": "Каждая Сторона направляет информацию другой Стороне без запроса."}[b]}
    (d,) = [d for d in _markers(texts, pair) if d.severity == "major"]
    assert d.message.startswith(f"Obligation differs: {a} permits (may")
    assert d.message.endswith("This changes whether the Parties must, may or must not act.")
    assert d.citation == {a: {"kk": "1-бап 2-тармақ", "az": "Maddə 1.2", "ru": "ст. 1 п. 2"}[a],
                          b: {"kk": "1-бап 2-тармақ", "az": "Maddə 1.2", "ru": "ст. 1 п. 2"}[b],
                          "en": "Art. 1(2)"}


def test_markers_message_in_a_law_never_speaks_of_parties():
    texts = {"kk": "Мемлекет азаматтарға көмек көрсете алады. Мемлекеттік органдар тұлғаға жауап береді.",
             "ru": "Государство оказывает помощь гражданам. Государственные органы отвечают лицу."}
    (d,) = [d for d in _markers(texts, ("kk", "ru")) if d.severity == "major"]
    assert "Parties" not in d.message and "Party" not in d.message
    assert d.message.endswith("This changes whether the State must, may or must not act.")


_ROLE_PATTERNS = [row["pattern"] for lang in ("kk", "az", "ru") for row in load_tsv(lang, "roles.tsv")]
_PIECES = ["тарап", "тар", "мемлекет", "сот", "тың", "адам", "уәкілетті", "орган", "tərəf", "dövlət",
           "şəxs", "сторон", "а", "лиц", "лицам", "суд", "ебн", "компетентн", "x", "1", "_", " ", "-", "\n"]


@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_role_patterns_rewritten_letters_first_match_the_same(pieces):
    text = "".join(pieces)
    for pattern in _ROLE_PATTERNS:
        fast = word_start_first(pattern)
        assert fast is not None  # every bundled role pattern has the form
        assert [m.span() for m in re.finditer(fast, text)] == [m.span() for m in re.finditer(pattern, text)]


def test_patterns_of_other_forms_are_left_alone():
    assert word_start_first(r"\b\d+") is None
    assert word_start_first(r"\b(?:a|b)?x") is None
    assert word_start_first(r"\b[ab]c") is None
    assert word_start_first(r"сторон\w*") is None
    # a quantifier binds the last letter
    assert word_start_first(r"\bsides?\w") == r"side(?<!\wside)s?\w"
