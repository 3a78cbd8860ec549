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


# an event that may happen ("may harm") against one stated as a fact ("harms"): the modal is
# one of possibility, not a permission -- a nuance, never may-vs-shall
MAY_HARM = {
    "kk": "Беру мемлекеттің егемендігіне нұқсан келтіруі мүмкін.",
    "ru": "Передача может нанести ущерб суверенитету государства.",
    "az": "Vermə dövlətin suverenliyinə xələl gətirə bilər.",
}
HARMS = {
    "kk": "Беру мемлекеттің егемендігіне нұқсан келтіреді.",
    "ru": "Передача наносит ущерб суверенитету государства.",
    "az": "Vermə dövlətin suverenliyinə xələl gətirir.",
}


@pytest.mark.parametrize("pair", [("kk", "ru"), ("ru", "kk"), ("az", "ru"), ("kk", "az")])
def test_a_possibility_against_a_fact_is_a_nuance_not_may_vs_shall(pair):
    a, b = pair
    (d,) = _markers({a: MAY_HARM[a], b: HARMS[b]}, tuple(sorted(pair)))
    assert d.severity == "minor"
    quoted = {"kk": "‘келтіруі мүмкін’", "ru": "‘может’", "az": "‘gətirə bilər’"}[a]
    assert d.message == (f"Modality differs: {a} says that it may happen ({quoted}: a possibility, not a "
                         f"permission) where {b} states it as a fact. A nuance of wording; no right or duty changes.")
    assert "permits" not in d.message


MUST_HARM = {
    "kk": "Беру мемлекеттің егемендігіне нұқсан келтіруі тиіс.",
    "ru": "Передача должна нанести ущерб суверенитету государства.",
}


@pytest.mark.parametrize("pair", [("kk", "ru"), ("ru", "kk")])
def test_a_possibility_made_a_necessity_is_major(pair):
    # one "may" fewer and one "must" more: what may happen has become what must
    a, b = pair
    (d,) = _markers({a: MAY_HARM[a], b: MUST_HARM[b]}, tuple(sorted(pair)))
    assert d.severity == "major" and d.message.startswith("Obligation differs")


@pytest.mark.parametrize("pair", [("kk", "ru"), ("az", "ru")])
def test_a_permission_to_act_is_still_may_vs_shall(pair):
    a, b = pair
    may_refuse = {"kk": "Тарап көмек көрсетуден бас тарта алады.", "az": "Tərəf köməklik göstərməkdən imtina edə bilər."}
    (d,) = [d for d in _markers({a: may_refuse[a], b: "Сторона отказывает в оказании помощи."}, tuple(sorted(pair)))
            if d.severity == "major"]
    assert d.message.startswith(f"Obligation differs: {a} permits (may")


# what a thing is able to do ("a product able to imitate") against what it does: a capability,
# not a permission -- a nuance, never may-vs-shall
ABLE = {
    "kk": "Жүйе – адамға тән функцияларды имитациялай алатын бағдарламалық өнім.",
    "ru": "Система – программный продукт, который может имитировать функции, присущие человеку.",
    "az": "Sistem – insana xas funksiyaları təqlid edə bilən proqram məhsuludur.",
}
CAPABLE = {
    "kk": "Жүйе – адамға тән функцияларды имитациялауға қабілетті бағдарламалық өнім.",
    "ru": "Система – программный продукт, способный имитировать функции, присущие человеку.",
    "az": "Sistem – insana xas funksiyaları təqlid etməyə qadir olan proqram məhsuludur.",
}
DOES = {
    "kk": "Жүйе – адамға тән функцияларды имитациялайтын бағдарламалық өнім.",
    "ru": "Система – программный продукт, имитирующий функции, присущие человеку.",
    "az": "Sistem – insana xas funksiyaları təqlid edən proqram məhsuludur.",
}
PAIRS_ALL = [("kk", "az"), ("az", "kk"), ("kk", "ru"), ("ru", "kk"), ("az", "ru"), ("ru", "az")]
ABLE_WORDS = {"kk": "‘имитациялай алатын’", "ru": "‘может’", "az": "‘edə bilən’"}
CAPABLE_WORDS = {"kk": "‘имитациялауға қабілетті’", "ru": "‘способный’", "az": "‘etməyə qadir’"}


@pytest.mark.parametrize("pair", PAIRS_ALL)
@pytest.mark.parametrize("able,words", [(ABLE, ABLE_WORDS), (CAPABLE, CAPABLE_WORDS)])
def test_a_capability_against_a_fact_is_a_nuance_not_may_vs_shall(pair, able, words):
    a, b = pair
    (d,) = _markers({a: able[a], b: DOES[b]}, tuple(sorted(pair)))
    assert d.severity == "minor"
    assert d.message == (f"Modality differs: {a} says what it is able to do ({words[a]}: a capability, not a "
                         f"permission) where {b} states it as a fact. A nuance of wording; no right or duty changes.")


@pytest.mark.parametrize("pair", PAIRS_ALL)
def test_a_capability_in_other_words_is_no_difference(pair):
    # "able to imitate" / "capable of imitating" / "which can imitate": the same, said otherwise
    a, b = pair
    assert _markers({a: ABLE[a], b: CAPABLE[b]}, tuple(sorted(pair))) == []


def test_a_capability_in_more_words_is_no_difference():
    # one "able to adapt and to learn" against two participles of ability
    texts = {"kk": "Модель – жағдайларға бейімделе алатын, тәжірибе негізінде оқып-үйренуге болатын өнім.",
             "ru": "Модель – продукт, способный адаптироваться к условиям и обучаться на основе опыта."}
    assert _markers(texts, ("kk", "ru")) == []


@pytest.mark.parametrize("pair", [("kk", "ru"), ("ru", "kk")])
def test_a_capability_made_a_duty_is_major(pair):
    # one "can" fewer and one "must" more: what the thing is able to do has become what it must do
    a, b = pair
    must = {"kk": "Жүйе – адамға тән функцияларды имитациялауы тиіс бағдарламалық өнім.",
            "ru": "Система – программный продукт, который должен имитировать функции, присущие человеку."}
    (d,) = _markers({a: ABLE[a], b: must[b]}, tuple(sorted(pair)))
    assert d.severity == "major"
    assert d.message == (f"Obligation differs: {a} says what it is able to do ({ABLE_WORDS[a]}: a capability, not "
                         f"a permission) where {b} states it as a duty. "
                         "This changes whether the provision obliges, permits or forbids.")


# a right given to an actor against a duty: may-vs-shall, major, whatever verb says "may"
MAY_REFUSE = {"kk": ("Тарап көмек көрсетуден бас тарта алады.", "‘тарта алады’"),
              "az": ("Tərəf köməklik göstərməkdən imtina edə bilər.", "‘edə bilər’"),
              "ru": ("Сторона вправе отказать в оказании помощи.", "‘вправе’"),
              "ru-may": ("Сторона может отказать в оказании помощи.", "‘может’")}
MUST_REFUSE = {"kk": "Тарап көмек көрсетуден бас тартуға міндетті.",
               "az": "Tərəf köməklik göstərməkdən imtina etməlidir.",
               "ru": "Сторона обязана отказать в оказании помощи."}


@pytest.mark.parametrize("a,b", [("kk", "ru"), ("kk", "az"), ("az", "kk"), ("az", "ru"), ("ru", "kk"),
                                 ("ru", "az"), ("ru-may", "kk"), ("ru-may", "az")])
def test_a_permission_of_an_actor_against_a_duty_stays_major(a, b):
    text, words = MAY_REFUSE[a]
    lang = a[:2]
    (d,) = _markers({lang: text, b: MUST_REFUSE[b]}, tuple(sorted((lang, b))))
    assert d.severity == "major"
    assert d.message == (f"Obligation differs: {lang} permits (may / is entitled: {words}) where {b} states a duty "
                         "or a plain rule. This changes whether the provision obliges, permits or forbids.")


@pytest.mark.parametrize("a,b", [("kk", "ru"), ("az", "kk"), ("ru", "az")])
def test_a_participle_giving_an_actor_a_right_is_no_capability(a, b):
    # "the Party which may refuse" against "the Party which refuses": a right of the Party, minor
    may = {"kk": ("Көмек көрсетуден бас тарта алатын Тарап бұл туралы екінші Тарапқа хабарлайды.", "‘тарта алатын’"),
           "ru": ("Сторона, которая может отказать в оказании помощи, уведомляет об этом другую Сторону.", "‘может’"),
           "az": ("Köməklik göstərməkdən imtina edə bilən Tərəf bu barədə digər Tərəfə bildirir.", "‘edə bilən’")}
    plain = {"kk": "Көмек көрсетуден бас тартатын Тарап бұл туралы екінші Тарапқа хабарлайды.",
             "ru": "Сторона, отказывающая в оказании помощи, уведомляет об этом другую Сторону.",
             "az": "Köməklik göstərməkdən imtina edən Tərəf bu barədə digər Tərəfə bildirir."}
    text, words = may[a]
    (d,) = _markers({a: text, b: plain[b]}, tuple(sorted((a, b))))
    assert d.severity == "minor"
    assert d.message == (f"Obligation differs: {a} permits (may / is entitled: {words}) where {b} states a duty or a "
                         "plain rule. If the difference holds, one version leaves the Parties a choice where the "
                         "other states a rule; check how each version reads in its context.")


def test_a_changed_period_in_a_law_binds_the_state_not_the_parties():
    texts = {"kk": "Мемлекеттік орган өтінішті 30 күн ішінде қарайды. Мемлекет тұлғаға жауап береді.",
             "ru": "Государственный орган рассматривает заявление в течение 60 дней. Государство отвечает лицу."}
    recs = [record("art2.p1", texts)]
    treaties = {lang: treaty_of(lang, recs) for lang in ("kk", "ru")}
    out = find_divergences(recs, ("kk", "ru"), treaties=treaties, checks=["numbers"])
    (d,) = [d for a in out for d in a.divergences if d.severity == "major"]
    assert "Part" not in d.message
    assert d.message.endswith("This changes a number, period or amount that binds the State.")


@pytest.mark.parametrize("lang, text", [
    ("ru", "Надзор со стороны государства. Контроль со стороны государства за лицом."),
    ("kk", "Мемлекет тарапынан бақылау. Мемлекет тарапынан қадағалау."),
    ("az", "Dövlət tərəfindən nəzarət. Dövlət tərəfindən yoxlama."),
])
def test_on_the_part_of_is_no_party(lang, text):
    assert "parties" not in roles_in_text(text, lang)
    assert main_actor(roles_in_text(text, lang)) == "the State"


def test_a_quorum_rule_is_no_permission():
    # "sittings are competent if two thirds attend" against "sittings are lawful if ...": no modal differs
    texts = {"ru": "Собрания Комиссии правомочны при участии не менее половины её представителей.",
             "kk": "Комиссия жиналыстары өкілдерінің кемінде жартысы қатысқан кезде заңды болады."}
    assert [d for d in _markers(texts, ("kk", "ru")) if "Obligation" in d.message] == []
    # a body that is competent to decide has a power: still a permission
    power = {"ru": "Совет правомочен принимать решения по вопросам обороны.",
             "kk": "Кеңес қорғаныс мәселелері бойынша шешімдер қабылдайды."}
    assert any(d.message.startswith("Obligation differs: ru permits") for d in _markers(power, ("kk", "ru")))


# ------------------------------------------------ each kind's message, in each language pair
NO_IMMEDIATELY = {"kk": "Тараптар 30 күн ішінде бір-бірін хабардар етеді.",
                  "az": "Tərəflər 30 gün ərzində bir-birini məlumatlandırırlar.",
                  "ru": "Стороны в течение 30 дней уведомляют друг друга."}
SIXTY_DAYS = {"kk": "Тараптар 60 күн ішінде бір-бірін дереу хабардар етеді.",
              "az": "Tərəflər 60 gün ərzində bir-birini dərhal məlumatlandırırlar.",
              "ru": "Стороны в течение 60 дней незамедлительно уведомляют друг друга."}
REFUSED = {"kk": "Сұрау салуды орындаудан бас тартылады.", "az": "Sorğunun icrasından imtina edilir.",
           "ru": "В исполнении запроса отказывается."}
IMMEDIATELY = {"kk": "‘дереу’", "az": "‘dərhal’", "ru": "‘незамедлительно’"}
ACTIVE = {"kk": "‘Сұрау салынатын Тарап … бас тартады’", "az": "‘Sorğu edilən Tərəf … imtina edir’",
          "ru": "‘Запрашиваемая Сторона … отказывает’"}
PASSIVE = {"kk": "‘бас тартылады’", "az": "‘imtina edilir’", "ru": "‘отказывается’"}
PAIRS = [("kk", "az"), ("az", "kk"), ("kk", "ru"), ("ru", "kk"), ("az", "ru"), ("ru", "az")]


def _findings(texts: dict[str, str], context: dict[str, str], checks: list[str]):
    langs = tuple(sorted(texts))
    recs = [record("art1.p2", texts), record("art2.p1", {x: context[x] for x in langs}, article="2")]
    treaties = {lang: treaty_of(lang, recs) for lang in langs}
    out = find_divergences(recs, langs, treaties=treaties, checks=checks)
    return [d for a in out for d in a.divergences if d.alignment_id == "art1.p2"]


@pytest.mark.parametrize("a, b", PAIRS)
def test_time_message_in_each_pair(a, b):
    from tests.diverge.synthetic import NOTIFY

    (d,) = _findings({a: NOTIFY[a], b: NO_IMMEDIATELY[b]}, TREATY, ["markers"])
    assert (d.severity, d.message) == ("major", (
        f"Time requirement differs: {a} says ‘immediately / without delay’ ({IMMEDIATELY[a]}), {b} has no "
        "equivalent. This changes when the Parties must act."))
    (d,) = _findings({a: NOTIFY[a], b: NO_IMMEDIATELY[b]}, LAW, ["markers"])
    assert d.message.endswith("This changes when the State must act.")


@pytest.mark.parametrize("a, b", PAIRS)
def test_number_message_in_each_pair(a, b):
    from tests.diverge.synthetic import NOTIFY

    (d,) = _findings({a: NOTIFY[a], b: SIXTY_DAYS[b]}, TREATY, ["numbers"])
    first, second = sorted((a, b))
    days = {a: 30, b: 60}
    assert (d.severity, d.message) == ("major", (
        f"Numbers differ ({first}: {days[first]} (day); {second}: {days[second]} (day)). "
        "This changes a number, period or amount that binds the Parties."))


@pytest.mark.parametrize("a, b", PAIRS)
def test_voice_message_in_each_pair(a, b):
    from tests.diverge.synthetic import REFUSE

    (d,) = _findings({a: REFUSE[a], b: REFUSED[b]}, TREATY, ["actor"])
    assert (d.severity, d.message) == ("major", (
        f"Actor and voice differ: in {a}, the requested Party is the one who acts (active: {ACTIVE[a]}); "
        f"in {b} the clause is impersonal/passive ({PASSIVE[b]}) and names nobody. The {b} text no longer "
        "says that it is the requested Party who acts (or may act) here."))
_ROLE_PATTERNS = [row["pattern"] for lang in ("kk", "az", "ru") for row in load_tsv(lang, "roles.tsv")]
_PIECES = ["тарап", "тар", "мемлекет", "сот", "тың", "адам", "уәкілетті", "орган", "tərəf", "dövlət",
           "şəxs", "сторон", "а", "лиц", "лицам", "суд", "ебн", "компетентн", "x", "1", "_", " ", "-", "\n"]


@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_role_patterns_rewritten_letters_first_match_the_same(pieces):
    text = "".join(pieces)
    for pattern in _ROLE_PATTERNS:
        fast = word_start_first(pattern)
        if fast is None:
            continue  # a pattern of another form (a lookbehind first) is used as written
        assert [m.span() for m in re.finditer(fast, text)] == [m.span() for m in re.finditer(pattern, text)]


def test_most_bundled_role_patterns_are_rewritten():
    assert sum(word_start_first(p) is not None for p in _ROLE_PATTERNS) >= 0.9 * len(_ROLE_PATTERNS)


def test_patterns_of_other_forms_are_left_alone():
    assert word_start_first(r"\b\d+") is None
    assert word_start_first(r"\b(?:a|b)?x") is None
    assert word_start_first(r"\b[ab]c") is None
    assert word_start_first(r"сторон\w*") is None
    # a quantifier binds the last letter
    assert word_start_first(r"\bsides?\w") == r"side(?<!\wside)s?\w"


# a condition, an exception, an alternative, a qualifier on one side only: minor, and the
# message says what to check and why (SYNTHETIC sentences)
SEND = {"kk": "Тараптар құжаттарды жібереді.", "az": "Tərəflər sənədləri göndərirlər.",
        "ru": "Стороны направляют документы."}
SEND_IF = {"kk": "Сұрау болған жағдайда Тараптар құжаттарды жібереді.",
           "az": "Sorğu olduğu halda Tərəflər sənədləri göndərirlər.",
           "ru": "В случае запроса Стороны направляют документы."}
SEND_EXCEPT = {"kk": "Құпия құжаттарды қоспағанда, Тараптар құжаттарды жібереді.",
               "az": "Məxfi sənədlər istisna olmaqla, Tərəflər sənədləri göndərirlər.",
               "ru": "За исключением секретных документов Стороны направляют документы."}
SEND_OR = {"kk": "Тараптар паспорттың немесе куәліктің көшірмесін жібереді.",
           "az": "Tərəflər pasportun və ya vəsiqənin surətini göndərirlər.",
           "ru": "Стороны направляют копию паспорта или удостоверения."}
SEND_COMMA = {"kk": "Тараптар паспорттың, куәліктің көшірмесін жібереді.",
              "az": "Tərəflər pasportun, vəsiqənin surətini göndərirlər.",
              "ru": "Стороны направляют копию паспорта, удостоверения."}
WORDS = {"if": {"kk": "‘жағдайда’", "az": "‘halda’", "ru": "‘В случае’"},
         "except": {"kk": "‘қоспағанда’", "az": "‘istisna’", "ru": "‘За исключением’"},
         "or": {"kk": "‘немесе’", "az": "‘və ya’", "ru": "‘или’"}}


@pytest.mark.parametrize("a, b", PAIRS)
@pytest.mark.parametrize("concept, texts, against, gloss, why", [
    ("if", SEND_IF, SEND, "a condition (if / in case)",
     "A condition stated in one version only: that version applies the provision only in that case, "
     "the other always. Check that both apply in the same cases."),
    ("except", SEND_EXCEPT, SEND, "an exception (except)",
     "An exception stated in one version only: the other version applies the provision to what is "
     "excepted too."),
    ("or", SEND_OR, SEND_COMMA, "an alternative (or)",
     "Check that the items read the same way: alternatives (any one suffices) in one version, possibly "
     "all required in the other."),
])
def test_minor_marker_message_in_each_pair(a, b, concept, texts, against, gloss, why):
    (d,) = _findings({a: texts[a], b: against[b]}, TREATY, ["markers"])
    assert (d.severity, d.message) == ("minor", f"{a} has {gloss} ({WORDS[concept][a]}) that {b} does not express. {why}")


@pytest.mark.parametrize("a, b", PAIRS)
def test_or_for_and_message_in_each_pair(a, b):
    send_and = {"kk": "Тараптар паспорттың және куәліктің көшірмесін жібереді.",
                "az": "Tərəflər pasportun və vəsiqənin surətini göndərirlər.",
                "ru": "Стороны направляют копию паспорта и удостоверения."}
    (d,) = _findings({a: SEND_OR[a], b: send_and[b]}, TREATY, ["markers"])
    assert (d.severity, d.message) == ("major", (
        f"{a} has an alternative (or) ({WORDS['or'][a]}) that {b} does not express. {b} joins with ‘and’ "
        f"where {a} has ‘or’: cumulative instead of alternative, which changes what is required."))
