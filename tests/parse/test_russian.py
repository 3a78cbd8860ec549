"""The Russian parser on SYNTHETIC fixtures (no authentic Russian text is bundled)."""

from __future__ import annotations

import pytest

from treaty_align.errors import InputError
from treaty_align.parse import parse_text

# SYNTHETIC plain-text fixture in the layout of a PDF extraction: 6-space paragraph indents,
# wrapped lines, a page break inside an article, a heading glued to its first sentence and
# a missing article (5). Not the text of any real treaty.
RU_PLAIN_SYNTHETIC = """\
ЗАКОН О РАТИФИКАЦИИ
      Ратифицировать Соглашение, совершенное в городе N.

СОГЛАШЕНИЕ
между Государством А и Государством Б о сотрудничестве

      Государство А и Государство Б, далее именуемые Сторонами,
договорились о нижеследующем:

Статья 1

      1. Стороны сотрудничают в соответствии с
законодательством своих государств.
      2. Сторона вправе запросить сведения.

Статья 2

      Компетентными органами являются:
      министерство внутренних дел Государства А;
      служба миграции Государства Б.



      Стороны незамедлительно уведомляют друг друга об изменениях.
Статья 3. Запрос исполняется в течение 30 дней.
      Исполнение запроса может быть отсрочено.

Статья 4

      Настоящее Соглашение вступает в силу через 6 (шесть) месяцев.
Статья 6

      Споры разрешаются путем консультаций.
      Совершено в городе N в двух экземплярах, причем оба текста имеют одинаковую силу.
"""


@pytest.fixture(scope="module")
def ru_plain():
    return parse_text(RU_PLAIN_SYNTHETIC)


def test_language_detected_as_russian(ru_plain, ru_synthetic):
    assert ru_plain.language == "ru"
    assert ru_synthetic.language == "ru"


def test_markdown_fixture_structure(ru_synthetic):
    assert ru_synthetic.title.startswith("СОГЛАШЕНИЕ между Правительством Государства А")
    assert ru_synthetic.articles == ("1", "2", "3", "4")
    assert [s.id for s in ru_synthetic.article("2")] == [
        "art2.p1", "art2.p1.i1", "art2.p1.i2", "art2.p1.i3", "art2.p2", "art2.p2.2",
    ]
    assert [s.label for s in ru_synthetic.article("3") if s.kind == "item"] == ["а)", "б)"]
    assert ru_synthetic.segment("art4.1").text.startswith("Настоящее Соглашение вступает в силу")
    assert [s.kind for s in ru_synthetic.segments[-3:]] == ["final", "signature", "signature"]
    assert ru_synthetic.segment("sig.1").text == "За Правительство Государства А"


def test_synthetic_comment_is_not_text(ru_synthetic):
    assert all("SYNTHETIC" not in s.text for s in ru_synthetic.segments)


def test_plain_layout_instrument_title_and_points(ru_plain):
    assert [s.kind for s in ru_plain.segments[:2]] == ["instrument", "instrument"]
    assert ru_plain.title == "СОГЛАШЕНИЕ между Государством А и Государством Б о сотрудничестве"
    assert ru_plain.segment("art1.p1").text == "Стороны сотрудничают в соответствии с законодательством своих государств."
    assert ru_plain.segment("art1.p2").label == "2"


def test_page_break_inside_article_and_unlabelled_items(ru_plain):
    assert [s.id for s in ru_plain.article("2")] == ["art2.1", "art2.i1", "art2.i2", "art2.2"]
    assert ru_plain.segment("art2.2").line == 24


def test_glued_heading_is_split(ru_plain):
    seg = ru_plain.segment("art3.1")
    assert seg.text == "Запрос исполняется в течение 30 дней."
    assert seg.line == 25
    assert ru_plain.segment("art3.2").text == "Исполнение запроса может быть отсрочено."


def test_missing_article_is_a_warning_not_a_crash(ru_plain):
    assert ru_plain.articles == ("1", "2", "3", "4", "6")
    assert any("jumps from 4 to 6" in w for w in ru_plain.warnings)
    assert ru_plain.segment("final.1").text.startswith("Совершено в городе N")


def test_duplicate_article_numbers_get_unique_ids():
    text = "СОГЛАШЕНИЕ\n\nСтатья 1\n\nПервый текст.\n\nСтатья 1\n\nВторой текст.\n"
    treaty = parse_text(text)
    assert [s.id for s in treaty.segments if s.article] == ["art1.1", "art1_2.1"]
    assert any("appears twice" in w for w in treaty.warnings)


def test_text_without_articles_is_rejected():
    with pytest.raises(InputError, match="no article headings"):
        parse_text("Это просто письмо другу. Никаких статей здесь нет.")
