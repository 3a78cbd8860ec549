"""The checks that read the meaning layer, on SYNTHETIC kk/az/ru sentences in the style of treaties:
an equivalent version gives no finding, a changed one gives the finding."""

from __future__ import annotations

from tests.diverge.synthetic import record
from treaty_align.diverge import find_divergences

LANGS = ("kk", "az", "ru")

NOTIFY = {"kk": "Сұрау салынатын Тарап сұрау салушы Тарапқа шешім туралы жазбаша хабарлайды.",
          "az": "Sorğu edilən Tərəf sorğu edən Tərəfə qərar barədə yazılı məlumat verir.",
          "ru": "Запрашиваемая Сторона письменно уведомляет запрашивающую Сторону о решении."}
FORBID = {"kk": "Тарап алынған мәліметтерді үшінші тұлғаларға беруге құқылы емес.",
          "az": "Heç bir Tərəf alınmış məlumatları üçüncü şəxslərə verə bilməz.",
          "ru": "Никакая Сторона не может передавать полученные сведения третьим лицам."}
MAY = {"kk": "Тарап қосымша мәліметтер сұратуға құқылы.",
       "az": "Tərəf əlavə məlumat tələb edə bilər.",
       "ru": "Сторона вправе запросить дополнительные сведения."}


def _run(recs, checks=("markers", "actor"), langs=LANGS):
    out = find_divergences(recs, langs, checks=list(checks))
    return [d for a in out for d in a.divergences]


def _edit(base: dict, lang: str, old: str, new: str) -> dict:
    assert old in base[lang]
    return {**base, lang: base[lang].replace(old, new)}


def test_equivalent_versions_give_no_finding() -> None:
    for texts in (NOTIFY, FORBID, MAY):
        assert _run([record("a", texts)]) == [], texts


def test_permission_for_duty_is_major_in_every_language() -> None:
    for lang, old, new in [("ru", "вправе запросить", "обязана запросить"),
                           ("kk", "сұратуға құқылы", "сұратуға міндетті"),
                           ("az", "tələb edə bilər", "tələb etməlidir")]:
        (d,) = _run([record("a", _edit(MAY, lang, old, new))])
        assert (d.kind, d.severity) == ("markers", "major") and "permits" in d.message, lang


def test_prohibition_dropped_is_major_and_any_wording_of_it_is_none() -> None:
    # the same prohibition in other words: a negated plain verb
    plain = _edit(FORBID, "kk", "беруге құқылы емес", "бермейді")
    assert _run([record("a", plain)]) == []
    for lang, old, new in [("ru", "не может передавать", "может передавать"),
                           ("kk", "беруге құқылы емес", "беруге құқылы"),
                           ("az", "verə bilməz", "verə bilər")]:
        found = _run([record("a", _edit(FORBID, lang, old, new))])
        assert [d.severity for d in found] == ["major"], (lang, found)


def test_negation_inside_a_word_only_changes_scope() -> None:
    texts = {"kk": "Мұрағаттарға қол сұғылмауы қамтамасыз етіледі.",
             "az": "Arxivlərin toxunulmazlığı təmin edilir.",
             "ru": "Неприкосновенность архивов обеспечивается."}
    assert _run([record("a", texts)]) == []
    # a negated predicate against a negation inside a noun: minor at most
    scoped = _edit(texts, "ru", "Неприкосновенность архивов обеспечивается", "Архивы не нарушаются")
    assert all(d.severity != "major" for d in _run([record("a", scoped)]))


def test_a_negated_predicate_is_major_beside_an_unrelated_negation_inside_a_word() -> None:
    texts = {"kk": "Осы Хаттама белгіленбеген мерзімге жасалады.",
             "ru": "Настоящий Протокол заключается на неопределенный срок."}
    assert _run([record("a", texts)], ("markers",), langs=("kk", "ru")) == []
    # the Russian negation inside "indefinite" answers the Kazakh one inside "not fixed", not
    # the predicate the Kazakh version now negates
    negated = _edit(texts, "kk", "жасалады", "жасалмайды")
    found = _run([record("a", negated)], ("markers",), langs=("kk", "ru"))
    assert [d.severity for d in found] == ["major"]


def test_negated_participle_dropped_is_found_and_negated_verb_is_major() -> None:
    texts = {"kk": "Осы Заңмен реттелмеген мәселелер Ережемен реттеледі.",
             "az": "Bu Qanunla tənzimlənməyən məsələlər Əsasnamə ilə tənzimlənir.",
             "ru": "Вопросы, не урегулированные настоящим Законом, регулируются Положением."}
    assert _run([record("a", texts)]) == []
    # a negated participle against no negation at all, not even inside a word: what the
    # provision covers is reversed
    (d,) = _run([record("a", _edit(texts, "ru", "не урегулированные", "урегулированные"))])
    assert d.severity == "major" and d.message.startswith("Negation differs") and "scope" in d.message
    # ... but an antonym made with a negative prefix says the same
    assert _run([record("a", _edit(texts, "ru", "Вопросы, не урегулированные настоящим Законом,",
                                   "Неурегулированные настоящим Законом вопросы"))]) == []
    (d,) = _run([record("a", _edit(NOTIFY, "kk", "жазбаша хабарлайды", "жазбаша хабарламайды"))])
    assert d.severity == "major" and "affirmative" in d.message


def test_one_of_two_negated_predicates_dropped_is_major() -> None:
    texts = {"kk": "Алушы Тарап алынған құжаттарды үшінші тұлғаларға сатпайды және бермейді.",
             "az": "Alan Tərəf alınmış sənədləri üçüncü şəxslərə satmır və vermir.",
             "ru": "Принимающая Сторона не продает и не передает чужие материалы иным лицам."}
    assert _run([record("a", texts)]) == []
    for lang, old, new in [("ru", "и не передает", "и передает"), ("kk", "және бермейді", "және береді"),
                           ("az", "və vermir", "və verir")]:
        (d,) = _run([record("a", _edit(texts, lang, old, new))])
        assert d.severity == "major" and d.message.startswith("Obligation differs"), (lang, d.message)


def test_a_may_for_a_must_put_after_the_last_item_is_major() -> None:
    def lead_in(az: str) -> list:
        return [record("p", {"kk": "Хабарламада:", "az": az}),
                record("i1", {"kk": "жіберуші органның атауы;", "az": "göndərən orqanın adı;"}, kind="item"),
                record("i2", {"kk": "шешім үшін пайдаланылуы мүмкін басқа мәліметтер қамтылуға тиіс.",
                              "az": "qərar üçün istifadə oluna biləcək digər məlumat."}, kind="item")]
    assert _run(lead_in("Bildiriş aşağıdakıları ehtiva etməlidir:"), langs=("kk", "az")) == []
    (d,) = _run(lead_in("Bildiriş aşağıdakıları ehtiva edə bilər:"), langs=("kk", "az"))
    assert d.severity == "major" and "edə bilər" in d.message


def test_a_modal_after_the_last_item_answers_the_lead_in() -> None:
    recs = [record("p", {"kk": "Егер:", "az": "Əgər:", "ru": "В передаче может быть отказано, если:"}),
            record("i1", {"kk": "сотталған адам келісім бермесе;", "az": "məhkum razılıq verməsə;",
                          "ru": "осужденный не дал согласия;"}, kind="item"),
            record("i2", {"kk": "жаза өтелген болса, беруден бас тартылуы мүмкін.",
                          "az": "cəza çəkilibsə, verilmədən imtina edilə bilər.",
                          "ru": "наказание отбыто."}, kind="item")]
    assert [d for d in _run(recs, ("markers",)) if d.severity == "major"] == []


def test_a_capability_in_another_item_answers_no_permission() -> None:
    # a list of definitions: what item 2 says a model is able to do is no "may" that would answer
    # the right item 1 gives in one version only
    def items(kk_user: str) -> list:
        return [record("p", {"kk": "Осы Заңда мынадай ұғымдар пайдаланылады:",
                             "ru": "В настоящем Законе используются следующие понятия:"}),
                record("i1", {"kk": kk_user, "ru": "пользователь – лицо, использующее систему для выполнения задачи;"},
                       kind="item"),
                record("i2", {"kk": "модель – жағдайларға бейімделе алатын бағдарламалық өнім.",
                              "ru": "модель – программный продукт, способный адаптироваться к условиям."},
                       kind="item")]
    assert _run(items("пайдаланушы – тапсырманы орындау үшін жүйені пайдаланатын тұлға;"),
                ("markers",), ("kk", "ru")) == []
    (d,) = _run(items("пайдаланушы – тапсырманы орындау үшін жүйені пайдалануға құқылы тұлға;"),
                ("markers",), ("kk", "ru"))
    assert d.severity == "major" and d.message.startswith("Obligation differs: kk permits"), d.message


def test_dropped_qualifier_of_a_duty_is_major_only_included() -> None:
    (d,) = _run([record("a", _edit(NOTIFY, "ru", "письменно уведомляет", "уведомляет"))])
    assert (d.severity, d.evidence[0].language) == ("major", "kk") and "in writing" in d.message
    only = {"kk": "Сот шешімі бойынша ғана ұсталады.", "az": "Yalnız məhkəmə qərarı ilə saxlanılır.",
            "ru": "Задерживается только по решению суда."}
    assert _run([record("a", only)]) == []
    # "only" limits what the rule covers: dropped, the rule covers more
    (d,) = _run([record("a", _edit(only, "az", "Yalnız məhkəmə", "Məhkəmə"))])
    assert d.severity == "major" and "only" in d.message
    # "only after nine months" is "not earlier than nine months"
    after = {"kk": "Түзету тоғыз айдан кейін ғана күшіне енеді.",
             "az": "Düzəliş doqquz aydan tez olmayaraq qüvvəyə minir.",
             "ru": "Поправка вступает в силу не ранее чем через девять месяцев."}
    assert _run([record("b", after)]) == []


def test_only_or_in_writing_dropped_from_a_permission_is_major() -> None:
    texts = {"kk": "Тарап алынған мәліметтерді басқа мақсаттарда тек екінші Тараптың жазбаша келісімімен пайдалана алады.",
             "az": "Tərəf alınmış məlumatlardan başqa məqsədlər üçün yalnız digər Tərəfin yazılı razılığı ilə istifadə edə bilər.",
             "ru": "Сторона может использовать переданные ей данные в других целях только с письменного согласия другой Стороны."}
    assert _run([record("a", texts)]) == []
    for lang, old, new in [("ru", "только с", "с"), ("kk", "тек екінші", "екінші"), ("az", "yalnız digər", "digər")]:
        (d,) = _run([record("a", _edit(texts, lang, old, new))])
        assert d.severity == "major" and "right may be exercised" in d.message, (lang, d.message)
    # a manner qualifier of a permission stays a nuance
    (d,) = _run([record("a", _edit(MAY, "ru", "вправе запросить", "вправе непосредственно запросить"))])
    assert d.severity == "minor"


MANNER = {
    "directly": ({"kk": "Құзыретті органдар тікелей ынтымақтасады.", "az": "Səlahiyyətli orqanlar bilavasitə əməkdaşlıq edirlər.",
                  "ru": "Компетентные органы сотрудничают непосредственно."},
                 ("az", "bilavasitə ", "")),
    "mutually": ({"kk": "Тараптар өзара кеңеседі.", "az": "Tərəflər qarşılıqlı məsləhətləşirlər.",
                  "ru": "Стороны взаимно консультируются."},
                 ("kk", "өзара ", "")),
    "in the established procedure": ({"kk": "Шешім белгіленген тәртіппен қабылданады.",
                                      "az": "Qərar müəyyən edilmiş qaydada qəbul edilir.",
                                      "ru": "Решение принимается в установленном порядке."},
                                     ("ru", " в установленном порядке", "")),
}

#: qualifiers of when or how much a duty requires: dropped under a duty, the duty changes
DUTY_EXTENT = {
    "in a timely manner": ({"kk": "Тарап ақпаратты уақтылы береді.", "az": "Tərəf məlumatı vaxtında təqdim edir.",
                            "ru": "Сторона своевременно представляет информацию."},
                           ("kk", "уақтылы ", "")),
    "in full": ({"kk": "Сұрау салу толық көлемде орындалады.", "az": "Sorğu tam həcmdə icra edilir.",
                 "ru": "Запрос исполняется в полном объеме."},
                ("az", " tam həcmdə", "")),
}


def test_manner_qualifier_on_one_side_only_is_minor_in_every_language() -> None:
    for gloss, (texts, (lang, old, new)) in MANNER.items():
        assert _run([record("a", texts)]) == [], gloss
        (d,) = _run([record("a", _edit(texts, lang, old, new))])
        assert d.severity == "minor" and gloss in d.message and f"{lang} has no equivalent" in d.message, d.message


def test_time_or_extent_qualifier_dropped_from_a_duty_is_major() -> None:
    for gloss, (texts, (lang, old, new)) in DUTY_EXTENT.items():
        assert _run([record("a", texts)]) == [], gloss
        (d,) = _run([record("a", _edit(texts, lang, old, new))])
        assert d.severity == "major" and gloss in d.message and "how the duty must be performed" in d.message, d.message


def test_or_for_and_in_a_list_is_major() -> None:
    lead = record("p", {"kk": "Тарап мынадай жағдайларда бас тартады:", "az": "Tərəf aşağıdakı hallarda imtina edir:",
                        "ru": "Сторона отказывает в следующих случаях:"})
    item = {"kk": "сұраудың кеш түсуі немесе басқа органға жіберілуі;",
            "az": "sorğunun gec daxil olması və ya başqa orqana göndərilməsi;",
            "ru": "позднее поступление запроса или его направление в другой орган;"}
    assert [d for d in _run([lead, record("i", item, kind="item")], ("markers",))] == []
    changed = record("i", _edit(item, "ru", "запроса или его", "запроса и его"), kind="item")
    found = _run([lead, changed], ("markers",))
    assert [d.severity for d in found] == ["major"] and "cumulative" in found[0].message


def test_requesting_for_requested_party_is_major() -> None:
    for lang, old, new in [("ru", "уведомляет запрашивающую", "уведомляет запрашиваемую"),
                           ("kk", "сұрау салушы Тарапқа", "сұрау салынатын Тарапқа"),
                           ("az", "sorğu edən Tərəfə", "sorğu edilən Tərəfə")]:
        found = _run([record("a", _edit(NOTIFY, lang, old, new))], ("actor",))
        assert [(d.kind, d.severity) for d in found] == [("actor", "major")], lang
        assert "requesting Party" in found[0].message


def test_interpretation_for_effect_is_major() -> None:
    texts = {"kk": "Осы Келісімді түсіндіру кезінде туындайтын даулар келіссөздер арқылы шешіледі.",
             "az": "Bu Sazişin şərhi zamanı yaranan mübahisələr danışıqlar yolu ilə həll edilir.",
             "ru": "Споры, возникающие при толковании настоящего Соглашения, разрешаются путем переговоров."}
    assert _run([record("a", texts)]) == []
    (d,) = _run([record("a", _edit(texts, "az", "şərhi", "təsiri"))])
    assert d.severity == "major" and "interpretation" in d.message and "effect" in d.message


def test_one_actor_for_another_is_major() -> None:
    texts = {"kk": "Үкімет бағдарламаны бекітеді және оны Парламентке ұсынады.",
             "az": "Hökumət proqramı təsdiq edir və onu Parlamentə təqdim edir.",
             "ru": "Правительство утверждает программу и представляет ее Парламенту."}
    assert _run([record("a", texts)], ("actor",)) == []
    (d,) = _run([record("a", _edit(texts, "ru", "Правительство утверждает", "Президент утверждает"))], ("actor",))
    assert d.severity == "major" and "Government" in d.message and "President" in d.message


def test_a_party_for_a_state_is_major_and_a_language_without_the_role_is_not_compared() -> None:
    texts = {"kk": "Депозитарий әрбір мемлекетке куәландырылған көшірмесін жібереді.",
             "az": "Depozitari hər bir dövlətə təsdiq edilmiş surətini göndərir.",
             "ru": "Депозитарий направляет каждому государству заверенную копию."}
    # the Azerbaijani data names no "State" role (its word is also the adjective "state"):
    # az is never counted as lacking it
    assert _run([record("a", texts)], ("actor",)) == []
    (d,) = _run([record("a", _edit(texts, "kk", "әрбір мемлекетке", "әрбір Тарапқа"))], ("actor",))
    assert d.severity == "major" and "a State" in d.message and "a Party" in d.message
    # an adjective ("мемлекеттік", "государственный") or "interstate" is no State
    adjectives = {"kk": "Мемлекеттік органдар мемлекетаралық стандарттарды қолданады.",
                  "ru": "Государственные органы применяют межгосударственные стандарты."}
    assert _run([record("b", adjectives)], ("actor",), langs=("kk", "ru")) == []


def test_an_institution_for_a_party_role_is_major_but_two_names_of_one_party_are_not() -> None:
    texts = {"kk": "Сұрау салынатын Тарап сұрау салушы Тарапқа құжаттарды қайтарады.",
             "az": "Sorğu edilən Tərəf sənədləri sorğu edən Tərəfə qaytarır.",
             "ru": "Запрашиваемая Сторона возвращает документы запрашивающей Стороне."}
    assert _run([record("a", texts)], ("actor",)) == []
    for lang, old, new in [("az", "Sorğu edilən Tərəf", "Depozitari"),
                           ("kk", "Сұрау салынатын Тарап", "Депозитарий"),
                           ("ru", "Запрашиваемая Сторона", "Депозитарий")]:
        found = _run([record("a", _edit(texts, lang, old, new))], ("actor",))
        assert [(d.kind, d.severity) for d in found] == [("actor", "major")], lang
        assert "the Depositary" in found[0].message and "the requested Party" in found[0].message
    # the Party that receives the documents is the requesting one: two names of one Party
    receiving = _edit(texts, "az", "sorğu edən Tərəfə", "qəbul edən Tərəfə")
    assert _run([record("a", receiving)], ("actor",)) == []


def test_by_the_parties_counts_the_parties_once() -> None:
    texts = {"kk": "Хаттама Тараптар тарапынан бекітіледі.",
             "az": "Protokol Tərəflər tərəfindən təsdiq edilir.",
             "ru": "Протокол утверждается Сторонами."}
    from treaty_align.meaning import read

    assert {lang: [r.concept for r in read(t, lang).roles] for lang, t in texts.items()} == \
        {"kk": ["party"], "az": ["party"], "ru": ["party"]}
    assert _run([record("a", texts)], ("actor",)) == []


def test_the_one_or_left_unanswered_is_looked_for_among_the_ands() -> None:
    texts = {"kk": "Тарап құжатты көшіреді немесе сақтайды, немесе жояды, немесе қайтарады.",
             "ru": "Сторона копирует или хранит документ, или уничтожает, или возвращает его."}
    assert _run([record("a", texts)], ("markers",), langs=("kk", "ru")) == []
    # two of the three "or"s answered; the third became "and" at its place
    changed = _edit(texts, "ru", "или уничтожает", "и уничтожает")
    found = _run([record("a", changed)], ("markers",), langs=("kk", "ru"))
    assert [d.severity for d in found] == ["major"] and "cumulative" in found[0].message


def test_or_for_and_is_major_wherever_word_order_puts_it() -> None:
    # the Kazakh list of objects stands before its head noun, the Russian one after it
    texts = {"kk": "Тарап жер қойнауын барлауға немесе игеруге арналған рұқсаттарды береді.",
             "ru": "Сторона выдает разрешения, предусмотренные ее законодательством, на разведку или освоение недр."}
    assert _run([record("a", texts)], ("markers",), langs=("kk", "ru")) == []
    (d,) = _run([record("a", _edit(texts, "ru", "разведку или", "разведку и"))], ("markers",), langs=("kk", "ru"))
    assert d.severity == "major" and "cumulative" in d.message
    # one "or" fewer and one "and" more, the other "or"s still there
    three = {"kk": "Тарап құжатты немесе мәліметті көшіруге немесе сақтауға, не жоюға құқылы.",
             "ru": "Сторона вправе копировать или хранить документ или сведения либо уничтожать их."}
    assert _run([record("a", three)], ("markers",), langs=("kk", "ru")) == []
    (d,) = _run([record("a", _edit(three, "ru", "либо", "и"))], ("markers",), langs=("kk", "ru"))
    assert d.severity == "major"


def test_and_or_is_not_an_and_for_an_or() -> None:
    texts = {"kk": "Тарап ақпаратты немесе құжаттарды және (немесе) үлгілерді ұсынады.",
             "ru": "Сторона представляет информацию, или документы и (или) образцы, или копии."}
    found = _run([record("a", texts)], ("markers",), langs=("kk", "ru"))
    assert [d.severity for d in found] == ["minor"]


def test_as_soon_as_is_no_only() -> None:
    texts = {"kk": "Хаттама оны Тараптар қабылдаған бойда күшіне енеді.",
             "ru": "Протокол вступает в силу, как только его примут Стороны."}
    assert _run([record("a", texts)], ("markers",), langs=("kk", "ru")) == []
    only = {"kk": "Хаттама оны Тараптар қабылдаған бойда күшіне енеді.",
            "ru": "Протокол вступает в силу, только когда его примут Стороны."}
    (d,) = _run([record("a", only)], ("markers",), langs=("kk", "ru"))
    assert "only" in d.message


def test_directly_and_immediately_are_no_negation_inside_a_word() -> None:
    texts = {"kk": "Орталық органдар тікелей өзара іс-қимыл жасайды.",
             "ru": "Центральные органы взаимодействуют непосредственно."}
    assert _run([record("a", texts)], langs=("kk", "ru")) == []
    (d,) = _run([record("a", _edit(texts, "kk", "жасайды", "жасамайды"))], langs=("kk", "ru"))
    assert d.severity == "major" and "inside a word" not in d.message


def test_a_negated_verb_beside_a_negated_participle_on_both_sides_is_compared() -> None:
    texts = {"kk": "Тараптар ақпаратты рұқсат етілмеген пайдаланудан қорғау шараларын жүзеге асырады.",
             "az": "Tərəflər məlumatın icazə verilməmiş istifadədən qorunması üçün tədbirlər həyata keçirirlər."}
    assert _run([record("a", texts)], langs=("kk", "az")) == []
    (d,) = _run([record("a", _edit(texts, "kk", "жүзеге асырады", "жүзеге асырмайды"))], langs=("kk", "az"))
    assert d.severity == "major", d.message


ADOPTED = {"kk": "Келісім Мемлекет басшылары кеңесінің отырысында қабылданды.",
           "az": "Saziş Dövlət başçıları Şurasının iclasında qəbul edilib.",
           "ru": "Соглашение принято на заседании Совета глав государств."}


def test_a_body_named_in_one_version_only_is_minor() -> None:
    assert _run([record("a", ADOPTED)], ("actor",)) == []
    for lang, old, new in [("ru", "на заседании Совета глав государств", "в Москве"),
                           ("kk", "Мемлекет басшылары кеңесінің отырысында", "Мәскеуде"),
                           ("az", "Dövlət başçıları Şurasının iclasında", "Moskvada")]:
        (d,) = _run([record("a", _edit(ADOPTED, lang, old, new))], ("actor",))
        assert d.severity == "minor" and d.message.startswith("A body is named in one version only: ")
        assert f", {lang} names no body here." in d.message


def test_a_meeting_is_no_body_left_out() -> None:
    # kk "кеңес" is a council and a meeting: a meeting (ru "совещание") answers it
    texts = {"kk": "Төраға жедел кеңестерді шақырады.", "ru": "Председатель созывает оперативные совещания.",
             "az": "Sədr operativ müşavirələr çağırır."}
    assert _run([record("a", texts)], ("actor",)) == []


def test_a_body_in_the_next_record_of_the_other_version_is_not_missing() -> None:
    # the versions cut the sentence in different places: the Council moves to the next record
    first = record("a", {"kk": "Келісім мына органның", "ru": "Соглашение принято на заседании Совета глав"})
    second = record("b", {"kk": "Мемлекет басшылары кеңесінің отырысында қабылданды.", "ru": "государств."})
    assert [d for d in _run([first, second], ("actor",)) if "body" in d.message] == []


WITHDRAW = {"kk": "Әрбір Тарап шарт бойынша Тараптың қаржылық міндеттемелерін орындап, шарттан шыға алады.",
            "az": "Hər bir Tərəf müqavilə üzrə Tərəfin maliyyə öhdəliklərini yerinə yetirərək müqavilədən çıxa bilər.",
            "ru": "Каждая Сторона может выйти из договора, выполнив финансовые обязательства Стороны по договору."}


def test_the_parties_for_one_party_is_a_minor_actor_finding() -> None:
    assert _run([record("a", WITHDRAW)], ("actor",)) == []
    for lang, old, new in [("ru", "обязательства Стороны", "обязательства Сторон"),
                           ("kk", "Тараптың қаржылық", "Тараптардың қаржылық"),
                           ("az", "Tərəfin maliyyə", "Tərəflərin maliyyə")]:
        found = _run([record("a", _edit(WITHDRAW, lang, old, new))], ("actor",))
        assert [(d.kind, d.severity) for d in found] == [("actor", "minor")], lang
        assert found[0].message.startswith(f"How many Parties differ: {lang} speaks of the Parties here")


def test_each_of_the_parties_and_the_party_state_carry_no_plural() -> None:
    texts = {"kk": "Тараптардың әрқайсысы Тарап мемлекетінің заңнамасына сәйкес шара қабылдайды.",
             "az": "Tərəflərin hər biri Tərəf dövlətin qanunvericiliyinə uyğun olaraq tədbir görür.",
             "ru": "Каждая из Сторон принимает меры в соответствии с законодательством государства Стороны."}
    assert _run([record("a", texts)], ("actor",)) == []


def test_a_plural_subject_after_a_fronted_phrase_is_the_parties() -> None:
    # "Стороны" after a noun is the genitive "of the Party" unless a plural verb follows it
    texts = {"kk": "Келісімді орындау мақсатында Тараптар құзыретті органдарды тағайындайды.",
             "ru": "В целях выполнения Соглашения Стороны назначают компетентные органы."}
    assert _run([record("a", texts)], ("actor",), langs=("kk", "ru")) == []
    (d,) = _run([record("a", _edit(texts, "kk", "Тараптар құзыретті", "Тарап құзыретті"))], ("actor",),
                langs=("kk", "ru"))
    assert d.message.startswith("How many Parties differ: ru speaks of the Parties here (‘Стороны’)")


def _severities(texts: dict, langs=("az", "ru"), checks=("markers",)) -> list[str]:
    return [d.severity for d in _run([record("a", {k: texts[k] for k in langs})], checks, langs)]


def test_or_and_and_under_no_one_exclude_the_same() -> None:
    # "no one may be subjected to A or B" = "... to A and B": not an alternative made cumulative
    texts = {"ru": "Никто не может подвергаться задержанию или высылке без решения суда.",
             "az": "Heç kəs məhkəmə qərarı olmadan saxlanıla və sürgün edilə bilməz."}
    assert "major" not in _severities(texts)
    # a negated predicate alone is not enough: a treaty reads "not A or B" and "not A and B" apart
    texts = {"ru": "Сторона не передает сведения или документы третьим лицам.",
             "az": "Tərəf məlumatları və sənədləri üçüncü şəxslərə vermir."}
    assert _severities(texts) == ["major"]
    # affirmative, the same change is major
    texts = {"ru": "Сторона может применить задержание или высылку по решению суда.",
             "az": "Tərəf məhkəmənin qərarı ilə saxlama və sürgün tətbiq edə bilər."}
    assert _severities(texts) == ["major"]


def test_regardless_of_and_both_and_make_or_and_and_the_same() -> None:
    texts = {"ru": "Право гарантируется независимо от пола или языка.",
             "az": "Hüquq cinsindən və dilindən asılı olmayaraq təmin edilir."}
    assert "major" not in _severities(texts)
    texts = {"ru": "Лица, проживающие в городе или в селе, пользуются одинаковой защитой.",
             "az": "Həm şəhərdə, həm də kənddə yaşayan şəxslər eyni müdafiədən istifadə edirlər."}
    assert "major" not in _severities(texts)


def test_or_other_and_and_other_both_leave_a_list_open() -> None:
    texts = {"ru": "Сторона учитывает политические или иные убеждения заявителя.",
             "az": "Tərəf ərizəçinin siyasi və digər əqidələrini nəzərə alır."}
    assert "major" not in _severities(texts)
    # "or another body" is no open list: made "and" it is major
    texts = {"ru": "Запрос направляется в министерство или в другой орган.",
             "az": "Sorğu nazirliyə və başqa orqana göndərilir."}
    assert _severities(texts) == ["major"]


def test_azerbaijani_roots_with_ma_are_no_negation() -> None:
    texts = {"ru": "Представители Сторон проводят регулярные встречи.",
             "az": "Tərəflərin nümayəndələri mütəmadi görüşlər keçirirlər."}
    assert _severities(texts) == []
    negated = {"ru": "Представители Сторон не проводят встреч.",
               "az": "Tərəflərin nümayəndələri görüşlər keçirmirlər."}
    assert _severities(negated) == []


def test_until_is_no_negation_and_gives_the_right_is_a_right() -> None:
    texts = {"ru": "Лицо имеет право на защиту, пока его вина не будет доказана.",
             "az": "Şəxs təqsiri sübuta yetirilənədək müdafiə hüququna malikdir."}
    assert _severities(texts) == []
    texts = {"ru": "Статус беженца дает право на временное убежище.",
             "az": "Qaçqın statusu müvəqqəti sığınacaq hüququna malikdir."}
    assert _severities(texts) == []


def test_a_period_word_only_after_a_period_means_within() -> None:
    texts = {"ru": "Во время брака супруги пользуются равными правами.",
             "az": "Nikah müddətində ər-arvad bərabər hüquqlara malikdirlər."}
    assert _severities(texts) == []
    texts = {"ru": "Сторона отвечает на запрос.",
             "az": "Tərəf sorğuya 30 gün müddətində cavab verir."}
    assert _severities(texts) == ["major"]


def test_a_noun_spelt_like_a_number_word_is_no_number() -> None:
    # "семью" is "family" (accusative) far more often than "seven" (instrumental)
    texts = {"ru": "Каждый имеет право создать семью.",
             "az": "Hər kəs ailə qurmaq hüququna malikdir."}
    assert _severities(texts, checks=("numbers",)) == []


def test_kazakh_at_least_and_or_else_are_no_negation() -> None:
    texts = {"kk": "Бастауыш білім ең болмағанда тегін болуы тиіс.",
             "ru": "Начальное образование должно быть по меньшей мере бесплатным."}
    assert _severities(texts, langs=("kk", "ru")) == []
    texts = {"kk": "Тарап хабарлама жібереді не болмаса келіссөздер жүргізеді.",
             "ru": "Сторона направляет уведомление или проводит переговоры."}
    assert _severities(texts, langs=("kk", "ru")) == []


def test_may_only_against_is_only_is_no_major_change_of_obligation() -> None:
    texts = {"ru": "Брак может быть заключен только при свободном согласии сторон.",
             "az": "Nikah yalnız tərəflərin azad razılığı ilə bağlanılır."}
    assert _severities(texts) == ["minor"]
    # without "only" on both sides, "may be concluded" for "is concluded" stays major
    texts = {"ru": "Брак может быть заключен при свободном согласии сторон.",
             "az": "Nikah tərəflərin azad razılığı ilə bağlanılır."}
    assert _severities(texts) == ["major"]
