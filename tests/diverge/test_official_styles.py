"""Wordings of official Kazakh and Russian acts (constitutions, older laws, intergovernmental
agreements) that say the same thing in both languages, on SYNTHETIC sentences written for these
tests in that style: the equivalent pair gives no finding, and a changed pair still does."""

from __future__ import annotations

import pytest

from tests.diverge.synthetic import record
from treaty_align.diverge import find_divergences

LANGS = ("kk", "ru")


def _run(texts: dict[str, str], checks: tuple[str, ...] = ("markers", "numbers")) -> list[tuple[str, str, str]]:
    out = find_divergences([record("a", texts)], LANGS, checks=list(checks))
    return [(d.kind, d.severity, d.message) for a in out for d in a.divergences]


EQUIVALENT = [
    # хақылы (older synonym of құқылы) and its older spelling қақылы: "is entitled"
    {"kk": "Комиссия өз шешімін қайта қарауға хақылы.", "ru": "Комиссия вправе пересмотреть свое решение."},
    {"kk": "Банк өзінің қаржы жүйесін құруға қақылы.", "ru": "Банк вправе создать свою финансовую систему."},
    {"kk": "Ешкімнің өзгенің мүлкін тартып алуға хақысы жоқ.", "ru": "Никто не вправе отбирать чужое имущество."},
    # "the right belongs to", "has an equal right", and the accusative after a negated verb
    {"kk": "Әркімнің еркін жүріп-тұруға құқығы бар.", "ru": "Каждому принадлежит право свободного передвижения."},
    {"kk": "Азаматтардың мемлекеттік қызметке кіруге тең құқығы бар.",
     "ru": "Граждане имеют равное право на доступ к государственной службе."},
    {"kk": "Сотталған азаматтардың сайлауға құқығы жоқ.", "ru": "Не имеют право избирать осужденные граждане."},
    # -либо is the suffix of an indefinite pronoun (any), not "or"
    {"kk": "Судьялар қандай да бір саяси партияны қолдай алмайды.",
     "ru": "Судьи не могут поддерживать какую-либо политическую партию."},
    # a fraction after a limit: "not less than one fifth"
    {"kk": "Мәселе депутаттардың кемінде бестен бірінің бастамасы бойынша қойылады.",
     "ru": "Вопрос ставится по инициативе не менее одной пятой депутатов."},
    # a passive "no later than", "at least N before", "at the most", "not made to exceed"
    {"kk": "Сайлау мерзім аяқталғанға дейінгі екі айдан кешіктірілмей өткізіледі.",
     "ru": "Выборы проводятся не позднее чем за два месяца до окончания срока."},
    {"kk": "Сайлау мерзім аяқталардан кемінде екі ай бұрын өткізіледі.",
     "ru": "Выборы проводятся не позднее чем за два месяца до окончания срока."},
    {"kk": "Жоба Сенатта әрі кеткенде алпыс күннің ішінде қаралады.",
     "ru": "Проект рассматривается в Сенате не более шестидесяти дней."},
    {"kk": "Жоба Сенатта алпыс күннен асырылмай қаралады.",
     "ru": "Проект рассматривается в Сенате не более шестидесяти дней."},
    {"kk": "Тарап кемінде он күн бұрын хабарлайды.", "ru": "Сторона уведомляет не менее чем за десять дней."},
    {"kk": "Тарап он күннен кешіктірмей хабарлайды.", "ru": "Сторона уведомляет не менее чем за десять дней."},
    # "not earlier than": a time qualifier on both sides, no negated rule
    {"kk": "Дауыс беру қырық сегіз сағаттан ерте өткізілмейді.",
     "ru": "Голосование проводится не ранее чем через сорок восемь часов."},
    # "X бұған жатпайды" renders "except X"
    {"kk": "Шетелдіктер азаматтар үшін белгіленген құқықтарды пайдаланады, заңда көзделген ерекшеліктер бұған жатпайды.",
     "ru": "Иностранцы пользуются правами, установленными для граждан, за исключением изъятий, установленных законом."},
    # "whatever / any": an indefinite pronoun with болса да, no condition
    {"kk": "Республиканың ісіне араласудың қандайы болса да заңсыз деп бағаланады.",
     "ru": "Любое вмешательство в дела Республики расценивается как незаконное."},
    # a dative noun + алу is a compound verb (rent, be guided by), not "can"
    {"kk": "Тарап жалға алатын объектілер кәсіпорынға беріледі.",
     "ru": "Объекты, арендуемые Стороной, передаются предприятию."},
    {"kk": "Судья осы принциптерді басшылыққа алуға тиіс.", "ru": "Судья должен руководствоваться этими принципами."},
    # absence renders a negated participle ("not being present")
    {"kk": "Төраға болмаған кезде оның міндеттерін орынбасары атқарады.",
     "ru": "В случае отсутствия Председателя его обязанности исполняет заместитель."},
    # "or otherwise": a real alternative on both sides
    {"kk": "Тараптар зиянды азайтуға, жоюға немесе өзгеше өтеуге міндеттенеді.",
     "ru": "Стороны обязуются уменьшить, устранить или иначе возместить ущерб."},
    # "or not less than" is an alternative with a limit, not "X or not X"
    {"kk": "Сессияны төрағалар немесе депутаттардың кемінде үштен бірі шақырады.",
     "ru": "Сессию созывают председатели или не менее одной трети депутатов."},
    # "for the last ten years": how long, not a time limit
    {"kk": "Соңғы он жыл бойы елде тұратын азамат депутат бола алады.",
     "ru": "Депутатом может быть гражданин, проживающий в стране последние десять лет."},
    # a possessive verbal noun + болады: "may"
    {"kk": "Республика халықаралық ұйымдарға кіруіне болады.", "ru": "Республика может входить в международные организации."},
    # "the sole source" (бірден-бір) is no "mutually"
    {"kk": "Биліктің бірден-бір бастауы - халық.", "ru": "Единственным источником власти является народ."},
    # "by the procedure" / "in the cases and in the procedure established by law"
    {"kk": "Тінтуге заңда белгіленген реттер мен тәртіп бойынша ғана жол беріледі.",
     "ru": "Обыск допускается лишь в случаях и в порядке, установленных законом."},
    {"kk": "Қаржыландыру заңнамада белгіленген тәртіппен жүзеге асырылады.",
     "ru": "Финансирование осуществляется в установленном законодательством Республики Казахстан порядке."},
    # "in no case" is no condition
    {"kk": "Азаматты ешқандай жағдайда азаматтығынан айыруға болмайды.",
     "ru": "Гражданин ни при каких условиях не может быть лишен гражданства."},
    # "X-дан басқа": except X
    {"kk": "Экс-Президенттердің, қызметінен кетірілгендерден басқасының, атағы болады.",
     "ru": "Все экс-Президенты, кроме отрешенных от должности, имеют звание."},
    # "in the case provided" (көзделген ретте)
    {"kk": "Осы бапта көзделген ретте Президент заңдар шығарады.",
     "ru": "В случае, предусмотренном настоящей статьей, Президент издает законы."},
    # "as a whole" (тұтас алғанда)
    {"kk": "Жоба тұтас алғанда мақұлданады.", "ru": "Проект одобряется в целом."},
    # "in time of war" (соғыс уақытында) is no "timely"; "full and independent" (толық әрі тәуелсіз)
    {"kk": "Соғыс уақытында жасалған қылмыс үшін кешірім сұрауға хақы бар.",
     "ru": "За преступление, совершенное в военное время, вправе ходатайствовать о помиловании."},
    {"kk": "Қаржыландыру сот төрелігін толық әрі тәуелсіз жүзеге асыруды қамтамасыз етуге тиіс.",
     "ru": "Финансирование должно обеспечивать полное и независимое осуществление правосудия."},
    # exclusive jurisdiction / ownership, and a special (not exclusive) regime
    {"kk": "Сенаттың ерекше қарауына мыналар жатады:", "ru": "К исключительному ведению Сената относится:"},
    {"kk": "Жер тек қана мемлекет меншігінде болады.", "ru": "Земля находится в исключительной собственности государства."},
    {"kk": "Қызметкерлер айрықша режимі бар объектілерде ережелерді сақтайды.",
     "ru": "Работники соблюдают правила на объектах с особым режимом."},
]


@pytest.mark.parametrize("texts", EQUIVALENT, ids=[t["ru"][:30] for t in EQUIVALENT])
def test_equivalent_official_wordings_give_no_finding(texts: dict[str, str]) -> None:
    assert _run(texts) == []


@pytest.mark.parametrize("kk,ru,kind", [
    # the permission is gone: a duty instead
    ("Комиссия өз шешімін қайта қарауға міндетті.", "Комиссия вправе пересмотреть свое решение.", "markers"),
    # a real alternative is still one
    ("Судьялар партияларды және кәсіподақтарды қолдай алмайды.",
     "Судьи не могут поддерживать партии либо профессиональные союзы.", "markers"),
    # the limit of the fraction dropped on one side
    ("Мәселе депутаттардың бестен бірінің бастамасы бойынша қойылады.",
     "Вопрос ставится по инициативе не менее одной пятой депутатов.", "numbers"),
    # a deadline on one side only
    ("Сайлау мерзім аяқталғанға дейін өткізіледі.",
     "Выборы проводятся не позднее чем за два месяца до окончания срока.", "markers"),
    # an upper limit on one side only
    ("Жоба Сенатта алпыс күн қаралады.", "Проект рассматривается в Сенате не более шестидесяти дней.", "markers"),
    # "on time" on one side only
    ("Тарап өз уақытында хабарлауға хақылы.", "Сторона вправе уведомить.", "markers"),
    # "only" on one side only
    ("Жер мемлекет меншігінде болады.", "Земля находится в исключительной собственности государства.", "markers"),
])
def test_a_changed_wording_is_still_found(kk: str, ru: str, kind: str) -> None:
    found = _run({"kk": kk, "ru": ru})
    assert kind in {k for k, _, _ in found}, found


def test_carrying_out_is_no_limit() -> None:
    # жүзеге асыру (carry out) shares its stem with "not made to exceed" (N-нан асырмай)
    texts = {"kk": "Тараптар бұл шараларды жүзеге асырмайды.", "ru": "Стороны не осуществляют эти меры."}
    assert _run(texts) == []


def test_a_negative_pronoun_goes_with_its_negated_verb() -> None:
    # "nobody can deprive of them" against "inalienable": one negation each, a change of scope
    found = _run({"kk": "Бұл құқықтардан ешкім айыра алмайды.", "ru": "Эти права неотчуждаемы."})
    assert [(k, sev) for k, sev, _ in found] == [("markers", "minor")], found


def test_a_number_said_twice_is_one_number() -> None:
    # 'екі-екі мүшеден' (two members each) is one "two", like 'по два'
    texts = {"kk": "Кеңестің екі мүшесін Президент, екі-екі мүшеден Сенат пен Мәжіліс тағайындайды.",
             "ru": "Два члена Совета назначает Президент, по два члена назначают Сенат и Мажилис."}
    assert _run(texts, checks=("numbers",)) == []
    three = {**texts, "kk": texts["kk"].replace("екі-екі", "үш-үш")}
    assert [k for k, _, _ in _run(three, checks=("numbers",))] == ["numbers"]


def test_a_list_of_articles_with_semicolons_and_ranges_is_read_whole() -> None:
    from treaty_align.diverge.crossref import references

    kk = "Конституцияның 10; 11; 13-15-баптарында; 16-бабының 1-тармағында көзделген құқықтар шектелмейді."
    ru = "Права, предусмотренные статьями 10, 11, 13-15, пунктом 1 статьи 16 Конституции, не ограничиваются."
    assert [(r.kind, r.numbers) for r in references(kk.lower(), "kk")] == [
        ("article", ("10", "11", "13", "15")), ("article", ("16",)), ("paragraph", ("1",))]
    assert _run({"kk": kk, "ru": ru}, checks=("numbers", "crossref")) == []
    assert [(r.kind, r.numbers) for r in references("64-бабының 12-15, 18 және 20-тармақтарымен", "kk")] == [
        ("article", ("64",)), ("paragraph", ("12", "15", "18", "20"))]
    # a date before a reference is no part of its list
    assert [(r.kind, r.numbers) for r in references("2004 жылғы 22 желтоқсанда, 5-бапта", "kk")] == [
        ("article", ("5",))]
    changed = {"kk": kk.replace("13-15", "13-14"), "ru": ru}
    assert "crossref" in {k for k, _, _ in _run(changed, checks=("numbers", "crossref"))}


def test_a_long_run_of_digits_is_read_at_once() -> None:
    # numbers before the word 'бап' with optional separators once backtracked without end
    from treaty_align.diverge.crossref import references

    assert references("9" * 400 + " күн", "kk") == []
    assert [r.numbers for r in references("1, 2; 3-4 және 5-баптар", "kk")] == [("1", "2", "3", "4", "5")]
