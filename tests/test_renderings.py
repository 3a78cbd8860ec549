"""Standard renderings: the document's own usual rendering is suggested (SYNTHETIC clauses)."""

from __future__ import annotations

import dataclasses

from tests.diverge.synthetic import record
from treaty_align.model import Divergence, Evidence
from treaty_align.renderings import RenderingIndex, with_suggestions

CLAUSES = [
    ({"kk": "Тараптар бір-бірін дереу хабардар етеді.", "az": "Tərəflər bir-birini dərhal məlumatlandırır."}),
    ({"kk": "Құзыретті органдар дереу жауап береді.", "az": "Səlahiyyətli orqanlar dərhal cavab verir."}),
    ({"kk": "Сұрау салушы Тарап дереу растайды.", "az": "Sorğu edən Tərəf dərhal təsdiq edir."}),
    ({"kk": "Тараптар құжаттарды дереу қайтарады.", "az": "Tərəflər sənədləri təcili qaytarır."}),
]


def _records():
    return [record(f"art{i + 1}.p1", texts, article=str(i + 1)) for i, texts in enumerate(CLAUSES)]


def test_usual_rendering_from_the_other_records():
    recs = _records()
    index = RenderingIndex(recs, ("kk", "az"))
    assert index.usual_rendering("дереу", "kk", "az", exclude="art4.p1") == "dərhal"
    # a word the document renders no consistent way gets no suggestion
    assert index.usual_rendering("құжаттарды", "kk", "az") is None


def test_findings_get_the_usual_rendering_as_suggestion():
    recs = _records()
    finding = Divergence("x1", "markers", "minor", "synthetic finding",
                         (Evidence("kk", "art4.p1", 4, "дереу"), Evidence("az", "art4.p1", 4, "təcili")),
                         alignment_id="art4.p1")
    recs[3] = dataclasses.replace(recs[3], divergences=(finding,))
    out = with_suggestions(recs, ("kk", "az"), authority="kk")
    assert out[3].divergences[0].suggestion == "az: dərhal"
    # a finding whose quote already is the usual rendering, or of a kind without renderings, keeps none
    same = dataclasses.replace(finding, evidence=(finding.evidence[0], Evidence("az", "art4.p1", 4, "dərhal")))
    numbers = dataclasses.replace(finding, kind="numbers")
    for d in (same, numbers):
        recs[3] = dataclasses.replace(recs[3], divergences=(d,))
        assert with_suggestions(recs, ("kk", "az"), authority="kk")[3].divergences[0].suggestion == ""


def test_without_an_authority_the_source_does_not_depend_on_argument_order():
    recs = _records()
    finding = Divergence("x1", "markers", "minor", "synthetic finding",
                         (Evidence("az", "art4.p1", 4, "təcili"), Evidence("kk", "art4.p1", 4, "дереу")),
                         alignment_id="art4.p1")
    recs[3] = dataclasses.replace(recs[3], divergences=(finding,))
    one = with_suggestions(recs, ("kk", "az"))[3].divergences[0].suggestion
    other = with_suggestions(recs, ("az", "kk"))[3].divergences[0].suggestion
    assert one == other


def test_a_word_that_only_stands_beside_the_source_word_is_not_its_rendering():
    # "control over execution" in every clause, "execution" rendered two ways: "бақылау" goes with
    # "контроль" more strongly than with "исполнение", so it is not suggested for "исполнение"
    clauses = [
        {"ru": "Совет осуществляет контроль за исполнением решений.", "kk": "Кеңес шешімдердің орындалуын бақылайды."},
        {"ru": "Контроль за исполнением актов возлагается на аппарат.", "kk": "Актілердің орындалуын бақылау аппаратқа жүктеледі."},
        {"ru": "Секретарь организует контроль за исполнением поручений.", "kk": "Хатшы тапсырмалардың атқарылуын бақылайды."},
        {"ru": "Комиссия ведёт контроль за исполнением планов.", "kk": "Комиссия жоспарлардың атқарылуын бақылайды."},
        {"ru": "Контроль обеспечивает аппарат.", "kk": "Бақылауды аппарат қамтамасыз етеді."},
    ]
    recs = [record(f"art{i + 1}.p1", texts, article=str(i + 1)) for i, texts in enumerate(clauses)]
    index = RenderingIndex(recs, ("ru", "kk"))
    assert index.usual_rendering("контроль", "ru", "kk") is not None
    assert index.usual_rendering("исполнением", "ru", "kk") is None


def test_without_an_authority_the_source_is_the_side_quoting_a_short_wording():
    # the Kazakh side quotes the wording, the Azerbaijani side the whole clause that lacks it: the
    # suggestion renders the wording, whichever language comes first
    recs = _records()
    finding = Divergence("x1", "markers", "minor", "synthetic finding",
                         (Evidence("az", "art4.p1", 4, "Tərəflər sənədləri vaxtında qaytarır və bu barədə bildirir."),
                          Evidence("kk", "art4.p1", 4, "дереу")),
                         alignment_id="art4.p1")
    recs[3] = dataclasses.replace(recs[3], divergences=(finding,))
    for order in (("az", "kk"), ("kk", "az")):
        assert with_suggestions(recs, order)[3].divergences[0].suggestion == "az: dərhal"
