"""One abbreviation put for another (the body or document named changes), learned per document.

SYNTHETIC kk/ru records: a Council abbreviated КЕҢ / СОВ and a Regulation РЕЖ / РЕГ (invented
abbreviations, not those of any real act).
"""

from __future__ import annotations

from tests.diverge.synthetic import record
from treaty_align.diverge import find_divergences
from treaty_align.diverge.abbreviations import abbreviations, renderings
from treaty_align.diverge.base import Side

LANGS = ("kk", "ru")

ROWS = [
    ({"kk": "Шешімді КЕҢ қабылдайды.", "ru": "Решение принимает СОВ."}),
    ({"kk": "КЕҢ хатшылығы есеп береді.", "ru": "Секретариат СОВ представляет отчет."}),
    ({"kk": "Үлгілер РЕЖ 7 бойынша бекітіледі.", "ru": "Образцы утверждаются по РЕГ 7."}),
    ({"kk": "КЕҢ РЕЖ 7 ережесін жаңартады.", "ru": "СОВ обновляет правила РЕГ 7."}),
    ({"kk": "РЕЖ 7 жарияланады.", "ru": "РЕГ 7 публикуется."}),
]


def _records(rows):
    return [record(f"r{i}", texts, article=str(i)) for i, texts in enumerate(rows)]


def _findings(rows):
    out = find_divergences(_records(rows), LANGS, checks=["terminology"], authority="ru")
    return [d for a in out for d in a.divergences]


def test_abbreviations_are_capital_words_alone() -> None:
    text = "по РЕГ 7 и СОВ-ға, В УДОСТОВЕРЕНИЕ ЧЕГО, глава VII, KZ, Тарап"
    assert [t for t, _, _ in abbreviations(text)] == ["РЕГ", "СОВ", "KZ"]


def test_renderings_are_learned_one_to_one() -> None:
    sides = [(Side.of(al, "ru"), Side.of(al, "kk")) for al in _records(ROWS)]
    assert renderings(sides) == {"СОВ": "КЕҢ", "РЕГ": "РЕЖ"}


def test_consistent_versions_give_no_finding() -> None:
    assert _findings(ROWS) == []
    # an abbreviation spelt out on the other side is no substitution
    spelt = ROWS + [{"kk": "Кеңес РЕЖ 7 қарайды.", "ru": "СОВ рассматривает РЕГ 7."}]
    assert _findings(spelt) == []


def test_one_abbreviation_put_for_another_is_minor() -> None:
    swapped = ROWS + [{"kk": "КЕҢ шешімді КЕҢ 7 бойынша қабылдайды.", "ru": "Решение принимает СОВ по РЕГ 7."}]
    (d,) = _findings(swapped)
    assert (d.kind, d.severity) == ("terminology", "minor")
    assert "‘РЕГ’" in d.message and "‘КЕҢ’" in d.message and "‘СОВ’" in d.message
