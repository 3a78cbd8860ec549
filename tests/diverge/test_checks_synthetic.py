"""Each check on SYNTHETIC trilingual (kk/az/ru) fixtures: what it catches and what it leaves alone."""

from __future__ import annotations

from tests.diverge.synthetic import CROSSREF, MAY_SEND, NOT_USED, NOTIFY, REFUSE, TERMINATE, record
from treaty_align.diverge import find_divergences
from treaty_align.diverge.morphology import fold
from treaty_align.diverge.numbers import numbers

LANGS = ("kk", "az", "ru")


def _run(recs, check, langs=LANGS, **kw):
    out = find_divergences(recs, langs, checks=[check], **kw)
    return [d for a in out for d in a.divergences]


def _edit(base: dict, lang: str, old: str, new: str) -> dict:
    assert old in base[lang]
    return {**base, lang: base[lang].replace(old, new)}


# ---------------------------------------------------------------- numbers

def test_numbers_same_value_written_differently_is_no_finding() -> None:
    assert _run([record("a", TERMINATE)], "numbers") == []  # 6 ай / 6 (altı) ay / шести месяцев
    spelled = {"kk": "Отыз күн ішінде хабарлайды.", "az": "30 (otuz) gün ərzində məlumat verir.",
               "ru": "В течение тридцати дней сообщает."}
    assert _run([record("a", spelled)], "numbers") == []


def test_numbers_changed_period_is_major() -> None:
    (d,) = _run([record("a", _edit(TERMINATE, "az", "6 (altı) ay", "3 (üç) ay"))], "numbers")
    assert (d.kind, d.severity) == ("numbers", "major")
    assert {e.language: e.quote for e in d.evidence}["az"] == "3 (üç) ay"
    assert "3 (month)" in d.message and "6 (month)" in d.message


def test_numbers_unit_change_and_percent() -> None:
    (d,) = _run([record("a", _edit(NOTIFY, "kk", "30 күн", "30 ай"))], "numbers")
    assert d.severity == "major" and "units" in d.message
    pct = {"kk": "Жарна 5 пайыз құрайды.", "az": "Haqq 5% təşkil edir.", "ru": "Взнос составляет 5 процентов."}
    assert _run([record("a", pct)], "numbers") == []
    (d,) = _run([record("a", _edit(pct, "ru", "5 процентов", "15 процентов"))], "numbers")
    assert d.severity == "major"


def test_numbers_spelled_bare_cardinal_is_major_and_one_is_ignored() -> None:
    # a count in words ("two copies", "four secretaries") is a number like its digits
    copies = {"kk": "Екі данада жасалды.", "az": "İki nüsxədə imzalanmışdır.", "ru": "Совершено в двух экземплярах."}
    assert _run([record("a", copies)], "numbers") == []
    (d,) = _run([record("a", _edit(copies, "az", "İki", "Üç"))], "numbers")
    assert d.severity == "major"
    third = {"kk": "Үшінші тұлғаларға беріледі.", "ru": "Передается третьим лицам."}
    (d,) = _run([record("a", _edit(third, "ru", "третьим", "четвертым"))], "numbers", ("kk", "ru"))
    assert d.severity == "minor"  # a bare ordinal in words
    one = {"kk": "Бір Тарап хабарлайды.", "az": "Tərəf məlumat verir.", "ru": "Одна Сторона сообщает."}
    assert _run([record("a", one)], "numbers") == []


def test_number_reader_dates_and_labels() -> None:
    got = numbers(fold("1) 2019 жылғы 14 қазанда 45 күн", "kk"), "kk")
    assert [(n.value, n.unit) for n in got] == [(2019, "year"), (14, "day of month 10"), (45, "day")]
    got = numbers(fold('"14" oktyabr 2019-cu il, 5-ci maddə', "az"), "az")
    assert [(n.value, n.unit) for n in got] == [(14, "day of month 10"), (2019, "year")]


# ---------------------------------------------------------------- cross-references

def test_crossref_same_reference_no_finding_changed_is_major() -> None:
    assert _run([record("a", CROSSREF)], "crossref") == []
    (d,) = _run([record("a", _edit(CROSSREF, "az", "7-ci", "8-ci"))], "crossref")
    assert (d.kind, d.severity) == ("crossref", "major")
    assert "article 8" in d.message and "article 7" in d.message


def test_crossref_paragraph_of_this_article_and_missing_reference() -> None:
    para = {"kk": "Осы баптың 2-тармағында көрсетілген тізбелер.", "az": "Bu maddənin 2-ci bəndində göstərilən siyahılar.",
            "ru": "Списки, указанные в пункте 2 настоящей статьи."}
    assert _run([record("a", para)], "crossref") == []
    (d,) = _run([record("a", _edit(para, "ru", "пункте 2 настоящей статьи", "настоящей статье"))], "crossref")
    assert d.severity == "minor"


# ---------------------------------------------------------------- structure

def _list(kk_items, az_items, ru_items):
    recs = []
    for i in range(max(len(kk_items), len(az_items), len(ru_items))):
        texts = {lang: (items[i] if i < len(items) else None)
                 for lang, items in (("kk", kk_items), ("az", az_items), ("ru", ru_items))}
        recs.append(record(f"art3.i{i + 1}", texts, article="3", kind="item"))
    return recs


KK_ITEMS = ["тегі;", "аты;", "туған жері;"]
AZ_ITEMS = ["soyadı;", "adı;", "doğulduğu yer;"]
RU_ITEMS = ["фамилия;", "имя;", "место рождения;"]


def test_structure_dropped_item_is_major() -> None:
    recs = _list(KK_ITEMS, AZ_ITEMS[:1] + AZ_ITEMS[2:], RU_ITEMS)
    recs[1] = record("art3.i2", {"kk": KK_ITEMS[1], "az": None, "ru": RU_ITEMS[1]}, article="3", kind="item")
    recs[2] = record("art3.i3", {"kk": KK_ITEMS[2], "az": AZ_ITEMS[2], "ru": RU_ITEMS[2]}, article="3", kind="item")
    (d,) = _run(recs, "structure", authority="ru")
    assert (d.kind, d.severity, d.alignment_id) == ("structure", "major", "art3.i2")
    assert "no counterpart in az" in d.message
    assert d.resolution is not None and d.resolution.agrees == ("kk",) and d.resolution.differs == ("az",)


def test_structure_reordered_or_regrouped_items_are_no_finding() -> None:
    # the aligner paired item 1 with items 1+2 and left item 2 alone: counts per article agree
    recs = [
        record("art3.i1", {"kk": [KK_ITEMS[0]], "az": AZ_ITEMS[:2], "ru": RU_ITEMS[:2]}, article="3", kind="item"),
        record("art3.i2", {"kk": KK_ITEMS[1], "az": None, "ru": None}, article="3", kind="item"),
        record("art3.i3", {"kk": KK_ITEMS[2], "az": AZ_ITEMS[2], "ru": RU_ITEMS[2]}, article="3", kind="item"),
    ]
    assert _run(recs, "structure") == []
    # items joined by ';' in one segment count as several
    joined = [record("art3.i1", {"kk": "тегі; аты; туған жері;", "az": AZ_ITEMS, "ru": RU_ITEMS},
                     article="3", kind="item")]
    assert _run(joined, "structure") == []


def test_structure_instrument_and_signature_blocks() -> None:
    recs = [
        record("instr.1", {"kk": "Келісім ратификациялансын.", "az": None, "ru": None}, block="instrument", article=None,
               kind="instrument"),
        record("sig.1", {"kk": None, "az": "Hökuməti adından", "ru": "За Правительство"}, block="signature",
               article=None, kind="signature"),
    ]
    (d,) = _run(recs, "structure")
    assert (d.severity, d.alignment_id) == ("info", "sig.1")


# ---------------------------------------------------------------- markers

def test_markers_equivalent_wording_is_no_finding() -> None:
    for base in (NOTIFY, MAY_SEND, NOT_USED, REFUSE, TERMINATE):
        assert _run([record("a", base)], "markers") == [], base


def test_markers_may_turned_into_shall_is_major() -> None:
    (d,) = _run([record("a", _edit(MAY_SEND, "az", "göndərə bilər", "göndərməlidir"))], "markers")
    assert (d.kind, d.severity) == ("markers", "major")
    assert "may" in d.message and {e.language for e in d.evidence} == {"kk", "az", "ru"}


def test_markers_negation_added_or_removed_is_major() -> None:
    (d,) = _run([record("a", _edit(NOT_USED, "kk", "берілмейді", "беріледі"))], "markers")
    assert d.severity == "major" and "negative" in d.message
    (d,) = _run([record("a", _edit(NOTIFY, "az", "məlumatlandırırlar", "məlumatlandırmırlar"))], "markers")
    assert d.severity == "major" and "məlumatlandırmırlar" in d.message
    # "may not" and "is not" are the same prohibition
    may_not = _edit(NOT_USED, "az", "verilmir", "verilə bilməz")
    assert _run([record("a", may_not)], "markers") == []


def test_markers_removed_immediately_is_major() -> None:
    (d,) = _run([record("a", _edit(NOTIFY, "ru", "незамедлительно ", ""))], "markers")
    assert d.severity == "major" and "immediately" in d.message
    assert [e.language for e in d.evidence] == ["kk", "az", "ru"]


def test_markers_lost_condition_is_minor_and_or_turned_and_is_major() -> None:
    cond = {"kk": "Егер қажет болса, Тараптар кеңеседі.", "az": "Əgər zəruri olarsa, Tərəflər məsləhətləşirlər.",
            "ru": "Если необходимо, Стороны консультируются."}
    assert _run([record("a", cond)], "markers") == []
    (d,) = _run([record("a", _edit(cond, "az", "Əgər zəruri olarsa, ", ""))], "markers")
    assert d.severity == "minor" and "condition" in d.message
    alt = {"kk": "толық немесе ішінара", "az": "tam və ya qismən", "ru": "полностью или частично"}
    (d,) = _run([record("a", _edit(alt, "az", "və ya", "və"))], "markers")
    assert d.severity == "major" and "alternative" in d.message and "cumulative" in d.message


# ---------------------------------------------------------------- actor and voice

def test_actor_to_impersonal_is_major() -> None:
    impersonal = _edit(REFUSE, "az", "Sorğu edilən Tərəf sorğunun icrasından imtina edir",
                       "Sorğunun icrasından imtina edilir")
    (d,) = _run([record("art10.p4", impersonal)], "actor", authority="ru")
    assert (d.kind, d.severity) == ("actor", "major")
    assert "requested Party" in d.message and "imtina edilir" in d.message
    assert d.resolution is not None and d.resolution.agrees == ("kk",) and d.resolution.differs == ("az",)


def test_actor_named_only_in_the_condition_of_a_passive_is_major() -> None:
    # "if the requested Party considers ..., assistance is refused": who refuses is not said
    conditional = _edit(REFUSE, "az", "Sorğu edilən Tərəf sorğunun icrasından imtina edir",
                        "Sorğu edilən Tərəf zəruri hesab etdiyi təqdirdə, sorğunun icrasından imtina edilir")
    (d,) = _run([record("a", conditional)], "actor")
    assert d.severity == "major"
    assert "names the requested Party only in its condition (‘Sorğu edilən Tərəf’)" in d.message
    assert "names nobody" not in d.message
    assert ("az", "Sorğu edilən Tərəf") in {(e.language, e.quote) for e in d.evidence}


def test_actor_still_named_in_the_main_clause_of_a_passive_is_a_minor_voice_change() -> None:
    # "on the decision of the requested Party, assistance is refused": the actor stays clear
    still = _edit(REFUSE, "az", "Sorğu edilən Tərəf sorğunun icrasından imtina edir",
                  "Sorğu edilən Tərəfin qərarı ilə sorğunun icrasından imtina edilir")
    (d,) = _run([record("a", still)], "actor")
    assert d.severity == "minor"
    assert "still names the requested Party (‘Sorğu edilən Tərəfin’)" in d.message
    assert d.message.endswith("A change of voice: who acts is still clear.")


def test_actor_passive_with_agent_is_no_finding() -> None:
    by_agent = _edit(REFUSE, "az", "Sorğu edilən Tərəf sorğunun icrasından imtina edir",
                     "Sorğunun icrasından sorğu edilən Tərəf tərəfindən imtina edilir")
    assert _run([record("a", by_agent)], "actor") == []
    assert _run([record("a", REFUSE)], "actor") == []


def test_actor_swapped_party_is_major() -> None:
    (d,) = _run([record("a", _edit(REFUSE, "kk", "Сұрау салынатын Тарап", "Сұрау салушы Тарап"))], "actor")
    assert d.severity == "major" and "requesting Party" in d.message


# ---------------------------------------------------------------- semantic

def test_semantic_outlier_by_score() -> None:
    recs = [record(f"art{i}.1", NOTIFY, article=str(i), score=0.88 + 0.01 * (i % 3)) for i in range(1, 11)]
    recs.append(record("art11.1", MAY_SEND, article="11", score=0.35))
    found = _run(recs, "semantic")
    assert [(d.alignment_id, d.severity) for d in found] == [("art11.1", "minor")]


def test_semantic_uses_encoder_when_given() -> None:
    import numpy as np

    recs = [record(f"art{i}.1", NOTIFY, article=str(i), score=0.1) for i in range(1, 11)]
    odd = record("art11.1", {"kk": "бөлек мәтін", "az": "tamam başqa", "ru": "другой текст"}, article="11", score=0.1)

    def encode(texts):
        # synthetic encoder: every text on one axis except the odd record's az text
        return np.array([[0.0, 1.0] if t == "tamam başqa" else [1.0, 0.0] for t in texts], dtype=np.float32)

    found = _run(recs + [odd], "semantic", encode=encode)
    assert [d.alignment_id for d in found] == ["art11.1"] and "embedding" in found[0].message


# ---------------------------------------------------------------- quality

def test_quality_artefacts_are_info() -> None:
    text = {"kk": "Тараптар ратификациялансын.келісім **маңызды**", "az": "Tərəflər razılaşır.", "ru": "Стороны согласны."}
    (d,) = _run([record("a", text)], "quality")
    assert d.severity == "info" and "glued" in d.message and "Markdown" in d.message
    mixed = {"kk": "Тарaптар", "az": "Tərəflər", "ru": "Стороны"}  # Latin 'a' in a Cyrillic word
    (d,) = _run([record("a", mixed)], "quality")
    assert d.evidence[0].language == "kk"


# ---------------------------------------------------------------- terminology

def test_terminology_term_rendered_two_ways() -> None:
    kk_words = ["бидайдың", "қарбызды", "жүзімнің", "өріктерді", "шиелердің", "алмұрттың", "тарыларды", "қауындарды"]
    az_words = ["buğdanın", "qarpızı", "üzümün", "ərikləri", "albalıların", "armudun", "darıları", "yemişləri"]
    recs = []
    for i in range(8):
        term = "sorğusu" if i < 6 else "müraciəti"  # the same source term, rendered two ways
        recs.append(record(f"art{i}.1", {"kk": f"{kk_words[i]} сұранысы", "az": f"{az_words[i]} {term}"},
                           article=str(i)))
    for i in range(8, 16):
        recs.append(record(f"art{i}.1", {"kk": "басқа мәтін", "az": "başqa mətn"}, article=str(i)))
    # the source language is the authority (without one it is the first code alphabetically: az)
    found = _run(recs, "terminology", langs=("kk", "az"), authority="kk")
    assert len(found) == 1 and found[0].severity == "info"
    assert "müraciəti" in found[0].message and "sorğusu" in found[0].message
    assert found[0].alignment_id == "art6.1"


def test_structure_block_absent_in_one_language_quotes_the_others() -> None:
    # synthetic: a final-clauses block that only ru has, first record lacks az as well
    recs = [
        record("final.1", {"kk": None, "az": None, "ru": "Совершено в двух экземплярах."}, block="final", article=None),
        record("final.2", {"kk": None, "az": "İki nüsxədə.", "ru": "Оба текста равно аутентичны."}, block="final",
               article=None),
    ]
    found = {d.message.split(" has no counterpart in ")[1][:2]: d for d in _run(recs, "structure")}
    assert set(found) == {"kk", "az"}
    assert found["kk"].severity == "major" and {e.language for e in found["kk"].evidence} == {"az", "ru"}
    assert found["az"].alignment_id == "final.1"


def test_dropped_sentence_found_with_spacy_sentences():
    """SYNTHETIC: six aligned clauses; in the fifth the az version lacks the second sentence."""
    from tests.diverge.synthetic import record
    from treaty_align.diverge import find_divergences

    pairs = [
        ("Тараптар ақпарат алмасады.", "Tərəflər məlumat mübadiləsi aparırlar."),
        ("Сұрау салу жазбаша жолданады.", "Sorğu yazılı formada göndərilir."),
        ("Тараптар шығыстарды өздері көтереді.", "Tərəflər xərcləri özləri ödəyirlər."),
        ("Даулар келіссөздер арқылы шешіледі.", "Mübahisələr danışıqlar yolu ilə həll edilir."),
        ("Сұрау салу орындалады. Нәтижелер туралы сұрау салушы Тарапқа жазбаша түрде хабарланады.",
         "Sorğu icra edilir."),
        ("Тараптар орыс тілін пайдаланады.", "Tərəflər rus dilindən istifadə edirlər."),
    ]
    records = [record(f"art{n}.1", {"kk": kk, "az": az}, article=str(n)) for n, (kk, az) in enumerate(pairs, 1)]
    out = find_divergences(records, ("kk", "az"), checks=["structure"])
    found = [(a.id, d.message) for a in out for d in a.divergences]
    assert [rid for rid, _ in found] == ["art5.1"]
    assert "a sentence may be missing in az" in found[0][1]
