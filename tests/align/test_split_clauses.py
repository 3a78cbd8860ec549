"""A clause one version prints as several paragraphs, on SYNTHETIC kk / ru texts written for the
test in the layout of older acts (a preamble of one sentence split into one clause per paragraph
in Kazakh, one paragraph in Russian; a first line broken off mid-sentence). None is a real act."""

from __future__ import annotations

import pytest

from treaty_align.align import align_treaties
from treaty_align.embed import get_encoder
from treaty_align.parse import parse_text

KK = """\
# Бау-бақша туралы

Бау-бақша кеңесі

халықтың еркін білдіре отырып,

жердің құнарлылығын сақтауға ұмтыла отырып,

ағаш отырғызуды қолдай отырып,

осы Заңды қабылдайды.

### 1-бап

Бау-бақшалар заңмен қорғалады.

### 2-бап

Ағаш отырғызу ерікті болып табылады.
"""

RU = """\
# О садоводстве

Совет садоводов, выражая волю народа, стремясь сохранить плодородие земли, поддерживая посадку деревьев, принимает настоящий Закон.

### Статья 1

Сады охраняются законом.

### Статья 2

Посадка деревьев является добровольной.
"""

# the Russian version lacks the recital about trees altogether (a real omission)
RU_SHORT = RU.replace(" поддерживая посадку деревьев,", "")
KK_EXTRA = KK.replace("осы Заңды қабылдайды.",
                      "осы Заңды қабылдайды.\n\nКеңес бұл Заңның орындалуын жыл сайын тексеріп отырады.")


@pytest.fixture(scope="module")
def encode(tmp_path_factory):
    return get_encoder("e5-small", cache_dir=tmp_path_factory.mktemp("cache")).encode


def _preamble(kk: str, ru: str, encode) -> list[tuple[list[str], list[str]]]:
    result = align_treaties({"kk": parse_text(kk, markdown=True), "ru": parse_text(ru, markdown=True)}, encode)
    return [([s.id for s in r.segments["kk"]], [s.id for s in r.segments["ru"]])
            for r in result.alignments if r.block == "preamble"]


def test_a_preamble_split_into_clauses_is_one_record(encode) -> None:
    assert _preamble(KK, RU, encode) == [(["pre.1", "pre.2", "pre.3", "pre.4", "pre.5"], ["pre.1"])]


def test_a_sentence_the_other_version_lacks_is_not_taken_in(encode) -> None:
    records = _preamble(KK_EXTRA, RU, encode)
    assert (["pre.6"], []) in records, records
