"""Notes, article titles and tables are not clauses: aligned when they can be, never a major finding.

SYNTHETIC fixtures only: a Russian-language law and a copy of it, relabelled as the second
version, that lacks its amendment note and one article title (as a published version can).
"""

from __future__ import annotations

import dataclasses

from treaty_align.align import align_treaties
from treaty_align.diverge import find_divergences
from treaty_align.diverge.base import CheckContext, Side
from treaty_align.embed.lexical import LexicalEncoder
from treaty_align.model import Alignment
from treaty_align.parse import parse_text

LAW = """\
# О садовых товариществах

Настоящий Закон регулирует отношения в садоводстве.

## Глава 1. ИСХОДНЫЕ НОРМЫ

**Статья 1. Основные понятия**

1. Садовое товарищество объединяет владельцев участков в границах одного поселка.

2. Участок есть земля, предоставленная для садоводства на срок не менее 5 лет.

> *Сноска. В статью 1 внесены изменения Законом от 01.02.2020 № 10-VII.*

**Статья 2. Правление**

Правление созывает собрание членов товарищества не реже одного раза в год.

**Статья 3. Взносы**

Члены товарищества уплачивают взносы в порядке, установленном уставом.
"""


def _versions():
    ru = parse_text(LAW, lang="ru", markdown=True)
    bare = LAW.replace("> *Сноска. В статью 1 внесены изменения Законом от 01.02.2020 № 10-VII.*\n", "")
    bare = bare.replace("**Статья 2. Правление**", "**Статья 2.**")
    other = dataclasses.replace(parse_text(bare, lang="ru", markdown=True), language="kk")
    return {"ru": ru, "kk": other}


def test_missing_note_and_title_give_no_finding():
    treaties = _versions()
    assert [s.id for s in treaties["ru"].of_kind("note")] == ["art1.note1"]
    assert treaties["kk"].of_kind("note") == ()
    encoder = LexicalEncoder()
    result = align_treaties(treaties, encoder.encode, pivot="ru")
    # language-independent checks only: the second version is Russian text under another label
    records = find_divergences(result.alignments, ("ru", "kk"), treaties=treaties,
                               checks=["structure", "numbers", "crossref"])
    note = next(al for al in records if al.block == "note")
    assert note.segments["kk"] == () and note.divergences == ()
    title = next(al for al in records if any(s.id == "art1.title" for s in al.segments["ru"]))
    assert [s.id for s in title.segments["kk"]] == ["art1.title"]
    lone_title = next(al for al in records if any(s.id == "art2.title" for s in al.segments["ru"]))
    # the aligner may pair it alone or merge it with the article's first clause
    assert all(s.kind != "heading" for s in lone_title.segments["kk"])
    majors = [d for al in records for d in al.divergences if d.severity == "major"]
    assert majors == []


def test_evidence_quotes_the_published_letters():
    kk = parse_text("КЕЛІСІМ\n\n1-бап\n\nTapaптар 5 күн ішінде хабарлайды.\n", lang="kk")
    seg = kk.segment("art1.1")
    assert seg.text.startswith("Тараптар") and seg.original.startswith("Tapaптар")
    record = Alignment(id="x", block="article", article="1", segments={"kk": (seg,)}, score=1.0)
    context = CheckContext(languages=("kk",), treaties={"kk": kk})
    evidence = context.evidence(Side.of(record, "kk"), 0, 10)
    assert evidence.quote == "Tapaптар 5"
    assert evidence.line == 5


def test_a_short_numbered_lead_in_is_a_provision_not_layout():
    from treaty_align.diverge.structure import is_layout
    from tests.diverge.synthetic import seg

    assert not is_layout(seg("art2.p1", "Тараптар мынадай мәліметтермен алмасады:", label="1"))
    assert is_layout(seg("sig.3", "Көшірмелер:", kind="paragraph"))
