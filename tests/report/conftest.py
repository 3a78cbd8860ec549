"""A small, hand-built, SYNTHETIC comparison for the report tests.

The clauses are invented for testing (they only imitate the style of the migration
agreement); they are not quotations of any treaty. The comparison has three languages, an
authoritative Russian text, a low-confidence record, a record with an empty side, findings of
every severity (one with a Resolution), and a record whose text holds markup and quotes.
"""

from __future__ import annotations

import dataclasses
from typing import Iterable

import pytest

from treaty_align.model import (
    Alignment,
    Comparison,
    Divergence,
    Evidence,
    Resolution,
    Segment,
    Treaty,
)

INJECTED = '<script>alert(1)</script> & "quoted" \'single\''

# (segment id, kind, article, text) per language, in document order
CLAUSES: dict[str, list[tuple[str, str, str | None, str]]] = {
    "kk": [
        ("pre.1", "preamble", None, "Тараптар ынтымақтастықты дамыту мақсатында, төмендегілер туралы келісті:"),
        ("art1.p1", "paragraph", "1", "Тараптар 30 күн ішінде бір-бірін жазбаша хабардар етеді."),
        ("art1.p2", "paragraph", "1", "Тараптар ақпарат алмасуға міндетті."),
        ("art2.p1", "paragraph", "2", "Осы бапты орындау тәртібі жеке хаттамамен белгіленеді."),
        ("art2.p2", "paragraph", "2", "Құзыретті органдар жыл сайын кездесу өткізеді."),
        ("art3.p1", "paragraph", "3", "Хабарлама мәтіні: " + INJECTED),
        ("final.1", "final", None, "Осы Келісім қол қойылған күнінен бастап күшіне енеді."),
    ],
    "az": [
        ("pre.1", "preamble", None, "Tərəflər əməkdaşlığı inkişaf etdirmək məqsədilə aşağıdakılar barədə razılığa gəldilər:"),
        ("art1.p1", "paragraph", "1", "İşçi miqrantlar barədə Tərəflər 60 gün ərzində bir-birini yazılı məlumatlandırır."),
        ("art1.p2", "paragraph", "1", "Tərəflər məlumat mübadiləsi edə bilər."),
        ("art2.p1", "paragraph", "2", "Bu maddənin icrası qaydası ayrıca protokolla müəyyən edilir."),
        ("art3.p1", "paragraph", "3", "Bildirişin mətni: " + INJECTED),
        ("final.1", "final", None, "Bu Saziş imzalandığı gündən qüvvəyə minir."),
    ],
    "ru": [
        ("pre.1", "preamble", None, "Стороны в целях развития сотрудничества согласились о нижеследующем:"),
        ("art1.p1", "paragraph", "1", "Стороны в течение 30 дней письменно уведомляют друг друга."),
        ("art1.p2", "paragraph", "1", "Стороны обязаны обмениваться информацией."),
        ("art2.p1", "paragraph", "2", "Порядок выполнения настоящей статьи определяется отдельным протоколом."),
        ("art2.p2", "paragraph", "2", "Компетентные органы ежегодно проводят встречи."),
        ("art3.p1", "paragraph", "3", "Текст уведомления: " + INJECTED),
        ("final.1", "final", None, "Настоящее Соглашение вступает в силу с даты подписания."),
    ],
}
TITLES = {
    "kk": "Көші-қон саласындағы ынтымақтастық туралы КЕЛІСІМ (синтетикалық)",
    "az": "Miqrasiya sahəsində əməkdaşlıq haqqında SAZİŞ (sintetik)",
    "ru": "СОГЛАШЕНИЕ о сотрудничестве в области миграции (синтетическое)",
}
SOURCES = {
    "kk": "/srv/private/home/someone/treaties/kk.txt",  # absolute: must not leak into reports
    "az": "corpora/az/az.md",
    "ru": "corpora/ru/ru.txt",
}


def build_treaty(lang: str) -> Treaty:
    """Return a synthetic Treaty whose source has the title, a blank line, then one clause per
    line (each followed by a blank line), with spans and lines that point into that source."""
    source = TITLES[lang] + "\n\n"
    segments = []
    for seg_id, kind, article, text in CLAUSES[lang]:
        start = len(source)
        line = source.count("\n") + 1
        source += text + "\n\n"
        segments.append(Segment(seg_id, kind, text, line, (start, start + len(text)), article))
    return Treaty(lang, TITLES[lang], tuple(segments), source_path=SOURCES[lang], source=source)


def evidence(treaty: Treaty, seg_id: str, quote: str) -> Evidence:
    """Return the evidence quoting ``quote`` from segment ``seg_id`` of ``treaty``."""
    seg = treaty.segment(seg_id)
    return Evidence(treaty.language, seg_id, treaty.locate(seg, quote), quote)


def record(
    rid: str,
    block: str,
    article: str | None,
    treaties: dict[str, Treaty],
    score: float,
    divergences: Iterable[Divergence] = (),
    low: bool = False,
    languages: Iterable[str] = ("kk", "az", "ru"),
) -> Alignment:
    """Return the record ``rid`` holding segment ``rid`` of each language that has it."""
    segs = {}
    for lang in languages:
        try:
            segs[lang] = (treaties[lang].segment(rid),)
        except KeyError:
            segs[lang] = ()
    return Alignment(rid, block, article, segs, score, low, tuple(divergences))


def cited(d: Divergence, treaties: dict[str, Treaty], languages: Iterable[str], confidence: float) -> Divergence:
    """Return ``d`` with the citations of its record in ``languages`` and ``confidence``."""
    from treaty_align.citation import citations

    segs = {}
    for lang in languages:
        try:
            segs[lang] = treaties[lang].segment(d.alignment_id)
        except KeyError:
            pass
    return dataclasses.replace(d, citation=citations(segs), confidence=confidence)


def build_comparison(languages: tuple[str, ...] = ("kk", "az", "ru")) -> Comparison:
    """Return the synthetic comparison over ``languages`` (authority ru when ru is present)."""
    t = {lang: build_treaty(lang) for lang in ("kk", "az", "ru")}
    has_ru = "ru" in languages
    numbers = Divergence(
        "d-numbers-0001",
        "numbers",
        "major",
        "time limit differs: 30 days (kk) vs 60 days (az)",
        (evidence(t["kk"], "art1.p1", "30 күн"), evidence(t["az"], "art1.p1", "60 gün")),
        "art1.p1",
        Resolution("ru", ("kk",), ("az",), "30 дней") if has_ru else None,
    )
    markers = Divergence(
        "d-markers-0002",
        "markers",
        "minor",
        "obligation in kk (міндетті) is a permission in az (bilər)",
        (evidence(t["kk"], "art1.p2", "міндетті"), evidence(t["az"], "art1.p2", "bilər")),
        "art1.p2",
    )
    semantic = Divergence(
        "d-semantic-0003",
        "semantic",
        "info",
        "clauses are further apart than usual (similarity 0.41)",
        (evidence(t["kk"], "art2.p1", "хаттамамен"), evidence(t["az"], "art2.p1", "protokolla")),
        "art2.p1",
    )
    structure = Divergence(
        "d-structure-0004",
        "structure",
        "major",
        "paragraph 2 of article 2 has no counterpart in az",
        (evidence(t["kk"], "art2.p2", "Құзыретті органдар"),),
        "art2.p2",
    )
    injected = Divergence(
        "d-quality-0005",
        "quality",
        "minor",
        'markup in the text: <b>bold</b> & "quotes" — ' + INJECTED,
        (evidence(t["kk"], "art3.p1", "<script>alert(1)</script>"), evidence(t["az"], "art3.p1", "& \"quoted\"")),
        "art3.p1",
    )
    numbers, markers, semantic, structure, injected = (
        cited(d, t, languages, conf) for d, conf in
        ((numbers, 0.9), (markers, 0.7), (semantic, 0.3), (structure, 0.8), (injected, 0.6)))
    alignments = (
        record("pre.1", "preamble", None, t, 0.91, languages=languages),
        record("art1.p1", "body", "1", t, 0.87, [numbers], languages=languages),
        record("art1.p2", "body", "1", t, 0.8312345, [markers], languages=languages),
        record("art2.p1", "body", "2", t, 0.41, [semantic], low=True, languages=languages),
        record("art2.p2", "body", "2", t, 0.0, [structure], languages=languages),
        record("art3.p1", "body", "3", t, 0.95, [injected], languages=languages),
        record("final.1", "final", None, t, 0.9, languages=languages),
    )
    return Comparison(
        languages=languages,
        treaties={lang: t[lang] for lang in languages},
        alignments=alignments,
        signature={"encoder": "synthetic-encoder", "model_version": "0", "threshold": 0.123456789},
        warnings=("synthetic comparison built by hand for tests",),
        authority="ru" if has_ru else None,
    )


@pytest.fixture
def comparison() -> Comparison:
    """The synthetic three-language comparison (kk, az, ru; authority ru)."""
    return build_comparison()


@pytest.fixture
def comparison2() -> Comparison:
    """The synthetic two-language comparison (kk, az; no authority)."""
    return build_comparison(("kk", "az"))


@pytest.fixture
def empty_comparison() -> Comparison:
    """A comparison with no records at all."""
    return Comparison(("kk", "az"), {}, (), {"encoder": "synthetic-encoder"})


N_RECORDS = 7
N_DIVERGENCES = 5
