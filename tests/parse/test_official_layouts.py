"""The structure builder on SYNTHETIC texts in layouts of official Kazakh and Russian acts that
the publisher's Markdown shows: repealed points and articles ("Исключен Законом ...", "алып
тасталды", a repeal broken over two headings) and an annex after the signatures. Every text here
is invented for the test; none is the text of a real act."""

from __future__ import annotations

from treaty_align.citation import cite
from treaty_align.parse import parse_text

# SYNTHETIC: a statute with repealed points, items and a repealed article (Russian)
RU_REPEALED = """\
# Закон о садовых товариществах

### Статья 1

1. Товарищество создается гражданами.

2. Исключен Законом от 01.02.2003 N 45.

3. Товарищество имеет устав.

### Статья 2

Правление:

1) созывает собрание;

2) (подпункт исключен - Законом от 5 марта 2004 года N 67)

3) ведет учет членов.

### Статья 3 исключена Законом от 7 мая 2005 г. N

### 89 (вводится в действие со дня его официального опубликования).

### Статья 4

Закон начинает действовать через десять дней после публикации.
"""

# SYNTHETIC: the same statute in Kazakh ("алып тасталды" with no full stop)
KK_REPEALED = """\
# Бау серіктестіктері туралы заң

### 1-бап

1. Серіктестікті азаматтар құрады.

2. алып тасталды

3. Серіктестіктің жарғысы болады.

### 2-бап

Басқарма:

1) жиналыс шақырады;

2) алып тасталды

3) мүшелердің есебін жүргізеді.

### 3-бап

> *Ескерту. 3-бап алып тасталды - 2005.05.07 N 89 Заңымен.*

### 4-бап

Осы Заң жарияланған күнінен бастап қолданысқа енгізіледі.
"""


def _kinds(treaty) -> dict[str, str]:
    return {s.id: s.kind for s in treaty.segments}


def test_repealed_points_items_and_articles_are_amendment_history() -> None:
    for text in (RU_REPEALED, KK_REPEALED):
        treaty = parse_text(text, markdown=True)
        kinds = _kinds(treaty)
        assert kinds["art1.p2"] == "note" and kinds["art1.p3"] == "paragraph", kinds
        assert kinds["art2.i2"] == "note" and kinds["art2.i3"] == "item", kinds
        # the rest of the items after a mark without a full stop stay items
        assert [s.text for s in treaty.segments if s.id == "art2.i3"] != []
        # a repealed article has no clause and is no "article has no text"
        assert not [s for s in treaty.segments if s.article == "3" and s.kind not in ("note",)], treaty.segments
        assert not [w for w in treaty.warnings if "has no text" in w], treaty.warnings
        assert kinds["art4.1"] == "paragraph"
        # outside the article's clauses, like the other notes: never compared as its text
        assert [s.article for s in treaty.segments if s.id in ("art1.p2", "art2.i2")] == [None, None]


def test_a_provision_that_repeals_something_else_is_text() -> None:
    text = RU_REPEALED.replace("2. Исключен Законом от 01.02.2003 N 45.",
                               "2. Соглашение 1993 года исключено из перечня договоров, упомянутых в статье 5.")
    assert _kinds(parse_text(text, markdown=True))["art1.p2"] == "paragraph"
    # a long clause that starts with the word is text too
    long = RU_REPEALED.replace("2. Исключен Законом от 01.02.2003 N 45.", "2. Исключен из списка " + "член " * 40 + ".")
    assert _kinds(parse_text(long, markdown=True))["art1.p2"] == "paragraph"


# SYNTHETIC: an agreement whose annex follows the signatures (Russian, then Kazakh)
RU_ANNEX = """\
# СОГЛАШЕНИЕ между Государством А и Государством Б о садоводстве

Стороны согласились о нижеследующем:

### Статья 1

Стороны предоставляют льготы согласно приложению к настоящему Соглашению.

### Статья 2

Совершено в городе Н. в двух экземплярах, каждый на казахском и русском языках, причем оба текста имеют одинаковую силу.

> *За Государство А*

> *За Государство Б*

> *ПРИЛОЖЕНИЕ*  
> *к Соглашению между*  
> *Государством А и Государством Б*

### Перечень работ, по которым предоставляются льготы

1. Работы в саду:

   посадка деревьев;

   полив растений.

2. Работы на складе:

   хранение семян.
"""

KK_ANNEX = """\
# А Мемлекеті мен Б Мемлекеті арасындағы бау-бақша туралы КЕЛІСІМ

Тараптар төмендегілер туралы келісті:

### 1-бап

Тараптар осы Келісімге қосымшаға сәйкес жеңілдіктер береді.

### 2-бап

Н. қаласында әрқайсысы қазақ және орыс тілдерінде екі данада жасалды әрі екі мәтіннің де күші бірдей.

> *А Мемлекеті үшін*

> *Б Мемлекеті үшін*

> *А Мемлекеті мен Б Мемлекеті*  
> *арасындағы келісімге*  
> *ҚОСЫМША*

### Жеңілдіктер берілетін жұмыстардың ТІЗБЕСІ

1. Бақтағы жұмыстар:

   ағаш отырғызу;

   өсімдіктерді суару.

2. Қоймадағы жұмыстар:

   тұқымды сақтау.
"""


def test_an_annex_after_the_signatures_is_text_of_its_own() -> None:
    for text, lang in ((RU_ANNEX, "ru"), (KK_ANNEX, "kk")):
        treaty = parse_text(text, markdown=True)
        kinds = _kinds(treaty)
        assert kinds["annex"] == "container" and kinds["annex.title"] == "heading", kinds
        assert [(i, k) for i, k in kinds.items() if i in ("annex.p1", "annex.p2")] == [
            ("annex.p1", "paragraph"), ("annex.p2", "paragraph")]
        assert [i for i in kinds if i.startswith("annex.p1.i")] == ["annex.p1.i1", "annex.p1.i2"]
        assert [k for i, k in kinds.items() if i.startswith("sig.")] == ["signature", "signature"], kinds
        item = next(s for s in treaty.segments if s.id == "annex.p2.i1")
        assert cite(item, "en") == "Annex(2)(1)"
        assert cite(next(s for s in treaty.segments if s.id == "annex.p1"), lang) in ("приложение п. 1",
                                                                                    "қосымша 1-тармақ")


def test_a_mention_of_the_annex_is_no_annex_heading() -> None:
    text = RU_ANNEX.replace("> *ПРИЛОЖЕНИЕ*  \n> *к Соглашению между*  \n> *Государством А и Государством Б*\n\n", "")
    text = text.replace("### Перечень работ, по которым предоставляются льготы",
                        "Приложение к настоящему Соглашению является его неотъемлемой частью.")
    kinds = _kinds(parse_text(text, markdown=True))
    assert not [i for i in kinds if i.startswith("annex")], kinds
