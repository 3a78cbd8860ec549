"""Build a :class:`~treaty_align.model.Treaty` from paragraphs: the language-independent parser.

Everything language-specific (heading words, container words, item letters, cues of notes,
final clauses, certifications and signatures, look-alike letters) comes from the
:class:`~treaty_align.parse.language.LanguageProfile` and ``data/<lang>/``.

Headings are recognised by what they say (``Статья 5``, ``5-бап``, ``Глава 2``, ``II бөлім``),
not by their Markdown level or bold: the same document as plain text, Markdown or HTML gives
the same structure. What is not a clause of an article (its title, the chapters around it,
notes, amendment history, publisher's and translator's notes, certification blocks, tables)
gets a kind of its own and never becomes one of the article's clauses.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Container, NamedTuple, Sequence

from treaty_align.errors import InputError
from treaty_align.model import Segment, Treaty, line_of, newline_offsets
from treaty_align.parse.language import LanguageProfile, fold
from treaty_align.parse.layout import Block, detect_layout, source_lines, split_blocks
from treaty_align.parse.normalize import LazyVocabulary, MappedText, join_lines
from treaty_align.parse.scripts import fold_lookalikes, lookalike_table, script_of

_SUP = "¹²³⁴⁵⁶⁷⁸⁹⁰"
# Roman numerals as point labels (I., IV.), Cyrillic І and Х accepted as look-alikes
_ROMAN = re.compile(r"^(?=[IVXLCІХ])M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})$")
_ROMAN_TWINS = str.maketrans("ІХ", "IX")
_POINT = re.compile(rf"^(?P<label>\d{{1,3}}[{_SUP}]*|[IVXLCІХ]{{1,7}})\.(?![\d.])\s*")
_SUBPOINT = re.compile(rf"^(?P<label>\d{{1,3}}(?:\.\d{{1,3}})+[{_SUP}]*)(?:[.)]|\s)\s*")
_WORD = re.compile(r"\w+")
_TITLE_MAX_WORDS = 30
_HEADING_TITLE_WORDS = 12
# A signature line is short and does not end like a sentence.
_SIGNATURE_MAX_WORDS = 10
_NOTE_MAX_WORDS = 80
# a footnote opens with its mark: a superscript, [1], *, or a digit glued to a capital ('1The')
_FOOTNOTE = re.compile(rf"^(?:(?:[{_SUP}]+|\[\d{{1,3}}\])\s*\S|\*{{1,3}}(?=[^\s*]))")
_GLUED_MARK = re.compile(r"^\d{1,2}([^\W\d_])([^\W\d_]{2})")
_AMENDMENT_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}|№\s*\d")
_PUNCT = " .:-–—"


class Para(NamedTuple):
    """A cleaned paragraph with its source line and what the parser recognised it as.

    ``heading`` is an article number; ``title`` that article's title; ``container`` a part /
    section / chapter ``(type, number)``; ``note`` is True for notes of any sort; ``cell``
    the ``(table, row, column)`` of a table cell.
    """

    text: MappedText
    line: int
    heading: str | None = None
    title: MappedText | None = None
    container: tuple[str, str] | None = None
    note: bool = False
    cell: tuple[int, int, int] | None = None
    marked: bool = False
    alone: bool = False
    short_lines: bool = False


@dataclass
class _Builder:
    """Accumulates segments with unique ids while walking the document."""

    source: str
    folded: dict[int, str] = field(default_factory=dict)
    segments: list[Segment] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    newlines: list[int] = field(default_factory=list)
    renamed: int = 0
    #: the offsets of :attr:`folded`, ascending
    folded_at: list[int] = field(default_factory=list)
    #: where each line of the source stands in the received file ("" = the line itself)
    locations: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.newlines = newline_offsets(self.source)
        self.folded_at = sorted(self.folded)

    def add(self, seg_id: str, kind: str, para_text: MappedText,
            article: str | None = None, label: str | None = None) -> None:
        mapped = para_text.strip()
        text = mapped.text
        if not text:
            return
        # the line is where the clause's own text starts: an item split off a paragraph that
        # holds several items can start on a later line than its paragraph
        span = mapped.span()
        line = line_of(self.newlines, span[0])
        unique = seg_id
        n = 2
        while unique in self.ids:
            unique = f"{seg_id}~{n}"
            n += 1
        if unique != seg_id:
            self.renamed += 1
            if self.renamed <= 3:
                self.warnings.append(f"line {line}: duplicate clause id {seg_id} renamed {unique}")
        self.ids.add(unique)
        original = None
        if self.folded and mapped.intersects(self.folded_at):
            original = "".join(self.folded.get(o, ch) for ch, o in zip(text, mapped.offsets))
        located = self.locations[line - 1] if 1 <= line <= len(self.locations) else ""
        self.segments.append(
            Segment(id=unique, kind=kind, text=text, line=line, span=span,
                    article=article, label=label, original=original,
                    location=located or f"line {line}")
        )


@lru_cache(maxsize=None)
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    """Return one pattern for ``cues``: whole words, or word beginnings for cues ending in '*'.

    Whole words keep 'закон' (law) from firing on 'законодательство' (legislation); a trailing
    '*' lets an agglutinative stem take its suffixes ('ratifikasiya*' -> 'ratifikasiyası').
    """
    parts = [
        re.escape(cue[:-1]) + r"\w*" if cue.endswith("*") else re.escape(cue) + r"(?!\w)"
        for cue in cues
    ]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts or ["(?!)"]) + ")")


def _has_cue(text: str, cues: tuple[str, ...]) -> bool:
    return bool(_cue_pattern(cues).search(fold(text)))


@lru_cache(maxsize=None)
def _lead_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    """Return the pattern of a paragraph opening with one of ``cues`` then '.', ':' or a dash."""
    alt = "|".join(re.escape(c) for c in cues) or "(?!)"
    return re.compile(rf"^\W*(?:{alt})\s*\d*\s*[.:\-–—]")


def _ends(text: str, chars: str) -> bool:
    # asked several times of every paragraph, which has no trailing space as a rule: no copy
    # of a long paragraph made to strip nothing
    if text and text[-1].isspace():
        text = text.rstrip()
    return text.endswith(_endings(chars))


@lru_cache(maxsize=None)
def _endings(chars: str) -> tuple[str, ...]:
    return tuple(chars)


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _title_like(text: str) -> bool:
    """Return True for the rest of a heading line that is a title, not a glued first sentence."""
    text = text.lstrip(_PUNCT).rstrip()
    if not text:
        return False
    return (not _more_words(text, _TITLE_MAX_WORDS) and not _ends(text, ".;:,!?-–—")
            and not text[:1].islower())


def _more_words(text: str, limit: int) -> bool:
    """Return True when ``text`` has more than ``limit`` words (counted no further)."""
    # asked of every paragraph that may be a heading: a long paragraph is not read through
    for n, _ in enumerate(_WORD.finditer(text), start=1):
        if n > limit:
            return True
    return False


def is_note(text: str, profile: LanguageProfile) -> bool:
    """Return True when a paragraph is a note: a note, footnote, amendment or publisher's note.

    Recognised by what it says: it opens with a note word (``Примечание.``, ``Ескерту.``), a
    footnote mark (``¹``, ``[1]``, ``*``), or is a short paragraph with a publisher's cue
    (``... не является официальным``) or an amendment cue with a date or number.
    """
    folded = fold(text)
    if _lead_pattern(profile.note_cues).match(folded) or _footnote_mark(text):
        return True
    n = _words(text)
    if n <= _NOTE_MAX_WORDS and _has_cue(text, profile.publisher_cues):
        return True
    if n <= _NOTE_MAX_WORDS // 2 and _is_adoption_note(folded, profile):
        return True
    return n <= _NOTE_MAX_WORDS // 2 and _has_cue(text, profile.amendment_cues) \
        and bool(_AMENDMENT_DATE.search(text)) and not _POINT.match(text)


def note_kind(text: str, profile: LanguageProfile) -> str:
    """Return the segment kind of a note paragraph: ``"footnote"`` or ``"note"``.

    A footnote of the text itself (``¹ The Statute was adopted ...``) is part of what the
    version says, so it is compared like a clause; a note word (``Примечание.``, ``Сноска.``),
    a publisher's note or an amendment history is the database's, not the text's.
    """
    folded = fold(text)
    if _lead_pattern(profile.note_cues).match(folded) or _has_cue(text, profile.publisher_cues):
        return "note"
    return "footnote" if _footnote_mark(text) or _is_adoption_note(folded, profile) else "note"


def _is_adoption_note(folded: str, profile: LanguageProfile) -> bool:
    """Return True for a short paragraph saying by what and when the act was adopted."""
    return profile.adoption_note is not None and bool(profile.adoption_note.search(folded)) \
        and bool(re.search(r"\b\d{4}\b", folded))


_REPEAL_MAX_WORDS = 30
#: the structural word a repeal mark may name first ('(пункт исключен ...)', 'Тармақша алып тасталды')
_REPEAL_LEAD = re.compile(r"^[\W_]*(?:(?:под)?пункт\w*|стать\w*|част\w*|абзац\w*|тармақ\w*|бап\w*|bənd\w*|maddə\w*)?\s*")


_DANGLING_NUMBER_SIGN = re.compile(r"(?:\bN|№)\s*$")


def is_repeal(text: str, profile: LanguageProfile) -> bool:
    """Return True when a clause only says it was repealed ('Исключен Законом РК от ...',
    '(пункт исключен - Законом ...)', 'алып тасталды'): amendment history, not text.

    The mark opens the clause (after brackets, or the word 'point' / 'article') and the clause
    is short: a provision that says something else is repealed ('The agreement of 1993 is
    repealed ...') starts with what it repeals.
    """
    if not profile.repeal_cues or _more_words(text, _REPEAL_MAX_WORDS):
        return False
    folded = fold(text)
    rest = folded[_REPEAL_LEAD.match(folded).end():]  # type: ignore[union-attr]
    return bool(_cue_pattern(profile.repeal_cues).match(rest))


def _footnote_mark(text: str) -> bool:
    """Return True when ``text`` opens with a footnote mark (``¹``, ``[1]``, ``*``), or a digit
    glued to a capitalised word ('1The Statute was adopted ...'; not '3D', '5G')."""
    if _FOOTNOTE.match(text):
        return True
    glued = _GLUED_MARK.match(text)
    return bool(glued and glued.group(1).isupper() and glued.group(2).islower())


def _roman_value(label: str) -> int | None:
    label = label.translate(_ROMAN_TWINS).upper()
    if not _ROMAN.match(label):
        return None
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for a, b in zip(label, label[1:] + " "):
        v = values[a]
        total += -v if b != " " and values.get(b, 0) > v else v
    return total


def _point_match(text: str) -> re.Match[str] | None:
    """Return the match of a point label (``1.``, ``98¹.``, ``IV.``) at the start of ``text``."""
    m = _POINT.match(text)
    if not m:
        return None
    label = m.group("label")
    if label[0].isdigit():
        return m
    # a Roman numeral point, not an initial ("C. Name"): a valid numeral before a real sentence
    if _roman_value(label) is None or (len(label) == 1 and label not in "IІVX") or _words(text) < 4:
        return None
    return m


def _container_number(num: str) -> str:
    value = _roman_value(num) if not num.isdigit() else int(num)
    return str(value) if value is not None else num


def _paragraphs(blocks: list[Block], profile: LanguageProfile, vocab: Container[str]) -> list[Para]:
    """Return blocks as recognised paragraphs: article headings with titles, containers, notes, cells."""
    container = profile.container_heading()
    paras: list[Para] = []
    # what a paragraph's text is (a note, a part named without a number) depends on the text
    # alone: a text the document repeats (a standard article of a collection) is judged once
    notes: dict[str, bool] = {}
    named_parts: dict[str, str | None] = {}
    for block in blocks:
        first = block.lines[0].text
        marked = block.marked_heading
        alone = len(block.lines) == 1
        if block.cell is not None:
            text = join_lines([ln.text for ln in block.lines], vocab)
            paras.append(Para(text, block.line, cell=block.cell))
            continue
        m = profile.article_heading.match(first.text)
        if m:
            number = m.group("num")
            rest_first = first.slice(m.end(), len(first.text)).lstrip(_PUNCT)
            head = first.slice(0, m.end()).strip()
            if rest_first.text and (marked or alone) and _title_like(rest_first.text):
                # 'Статья 5 Решение по передаче': the rest of the heading line is the title
                paras.append(Para(head, block.line, heading=number, title=rest_first.strip(_PUNCT),
                                  marked=marked))
                rest = join_lines([ln.text for ln in block.lines[1:]], vocab)
            else:
                paras.append(Para(head, block.line, heading=number, marked=marked, alone=alone and not rest_first.text))
                rest = join_lines([rest_first] + [ln.text for ln in block.lines[1:]], vocab)
            if rest.text:
                paras.append(Para(rest, block.line))
            continue
        text = join_lines([ln.text for ln in block.lines], vocab)
        if text.text not in named_parts:
            named_parts[text.text] = _unnumbered_container(text.text, profile)
        named = named_parts[text.text]
        if named is not None:
            # 'Переходные положения': a part of its own after the articles, not their text
            paras.append(Para(text, block.line, container=(named, ""), marked=marked))
            continue
        c = container.match(text.text)
        if c and (marked or _title_like(text.text[c.end():]) or not text.text[c.end():].strip(_PUNCT)):
            word = c.group("word") or c.group("word2")
            num = c.group("num") or c.group("num2")
            # alone: the heading carries no title on its line ('Глава I'), so one may follow
            paras.append(Para(text, block.line, container=(profile.container_type(word), _container_number(num)),
                              marked=marked, alone=alone and not text.text[c.end():].strip(_PUNCT)))
            continue
        if text.text not in notes:
            notes[text.text] = is_note(text.text, profile)
        # 'Ильхам Алиев, / Президент ... / город Баку, 10 апреля 2000 года': several short
        # lines that end no sentence, as a signature is set
        short = not alone and all(_words(ln.text.text) <= _SIGNATURE_MAX_WORDS
                                  and not _ends(ln.text.text, ".;:") for ln in block.lines)
        paras.append(Para(text, block.line, note=notes[text.text], marked=marked, alone=alone,
                          short_lines=short))
    return _container_titles(paras)


def _container_titles(paras: list[Para]) -> list[Para]:
    """Return ``paras`` with a chapter's title on the line after its heading ('Глава I' /
    'ОБЩИЕ ПОЛОЖЕНИЯ') made the title of that chapter.

    Left apart, the title would be read as preamble before the first article, or as the last
    paragraph of the article before the chapter.
    """
    out: list[Para] = []
    for para in paras:
        prev = out[-1] if out else None
        if (prev is not None and prev.container is not None and prev.alone and prev.title is None
                and prev.container[1] and para.heading is None and _title_on_next_line(para)):
            out[-1] = prev._replace(title=para.text)
            continue
        out.append(para)
    return out


_NUMBERING = re.compile(r"^(?:[IVXLCІХ]+|\d+)[.)]?\s+")


def _unnumbered_container(text: str, profile: LanguageProfile) -> str | None:
    """Return the type of a part named without a number ('Transitional provisions'), if ``text`` is one."""
    phrase = _NUMBERING.sub("", fold(text).strip(_PUNCT)).strip(_PUNCT)
    return next((kind for kind, phrases in profile.unnumbered_containers if phrase in phrases), None)


def _heading_kind(profile: LanguageProfile, container: re.Pattern[str], text: str) -> str | None:
    m = profile.article_heading.match(text)
    if m:
        rest = text[m.end():].strip(_PUNCT)
        return "pure" if not rest or _title_like(rest) else "glued"
    c = container.match(text)
    if c and (not text[c.end():].strip(_PUNCT) or _title_like(text[c.end():])):
        return "pure"
    return None


def _is_title(para: Para, profile: LanguageProfile) -> bool:
    """Return True for a title: a treaty word written in capitals, outside a ratifying act."""
    if para.note or _has_cue(para.text.text, profile.instrument_cues):
        return False
    words = _WORD.findall(para.text.text)
    return any(w.isupper() and len(w) > 2 and fold(w) in profile.treaty_words for w in words)


def _find_title(preface: list[Para], profile: LanguageProfile) -> int | None:
    for i, para in enumerate(preface):
        if _is_title(para, profile):
            return i
    # no capitalised title: a short paragraph that starts or ends with a treaty word
    for i, para in enumerate(preface):
        words = [fold(w) for w in _WORD.findall(para.text.text)]
        # ... or a heading that names it among its first words, in sentence case ('Universal declaration of ...')
        named = bool(words) and (words[0] in profile.treaty_words or words[-1] in profile.treaty_words or (
            para.marked and len(words) <= _HEADING_TITLE_WORDS
            and any(w in profile.treaty_words for w in words[:3])))
        if len(words) <= 40 and named \
                and not para.note and not _has_cue(para.text.text, profile.instrument_cues):
            return i
    # a domestic law: its first paragraph, a heading or a short line without a full stop
    # (after notes; never a paragraph of a ratifying act)
    first = next((i for i, p in enumerate(preface) if not p.note and p.cell is None), None)
    if first is not None and not _has_cue(preface[first].text.text, profile.instrument_cues) \
            and (preface[first].marked or _title_like(preface[first].text.text)):
        return first
    return None


_CONJUNCTION_TAIL_WORDS = 2
_LIST_MARKS = re.compile(r"[()\[\];]")


def _split_items(text: MappedText) -> list[MappedText]:
    """Return the parts of an unlabelled list paragraph holding several ``a; b; c;`` items.

    A trailing ``; или`` / ``; немесе`` (a conjunction joining the items) stays with its item.
    """
    parts: list[MappedText] = []
    start = 0
    depth = 0
    for m in _LIST_MARKS.finditer(text.text):
        ch, i = m.group(), m.start()
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        elif ch == ";" and depth == 0:
            parts.append(text.slice(start, i + 1).strip())
            start = i + 1
    tail = text.slice(start, len(text.text)).strip()
    if tail.text:
        if parts and _words(tail.text) <= _CONJUNCTION_TAIL_WORDS and tail.text[:1].islower():
            last = parts[-1]
            parts[-1] = text.slice(text.index_of(last.offset(0)), len(text.text)).strip()
        else:
            parts.append(tail)
    return [p for p in parts if p.text]


def _item_label(profile: LanguageProfile) -> re.Pattern[str]:
    """Return the pattern of a sub-item label: ``1)``, ``3.1)``, ``а)``, ``(b)``, ``(iv)``."""
    return _item_label_of(profile.item_letters)


@lru_cache(maxsize=None)  # asked for by every article
def _item_label_of(item_letters: str) -> re.Pattern[str]:
    letters = item_letters + "abcdefghijklmnopqrstuvwxyz"
    letters = re.escape("".join(dict.fromkeys(letters + letters.upper())))
    return re.compile(
        rf"^(?P<label>\(?(?:\d{{1,3}}(?:\.\d{{1,3}})*[{_SUP}]*|[{letters}]|[ivxі]{{1,5}})\))\s*"
    )


class _ArticleWalker:
    """Assigns ids, kinds and labels to the paragraphs of one article."""

    def __init__(self, builder: _Builder, profile: LanguageProfile, article: str, prefix: str):
        self.b = builder
        self.profile = profile
        self.article = article
        self.prefix = prefix
        self.item_label = _item_label(profile)
        self.point: str | None = None
        self.point_paras = 0
        self.article_paras = 0
        self.items: dict[str, int] = {}
        self.last_digit_item: str | None = None
        self.in_list = False
        self.notes = 0
        self.tables = 0
        #: clauses added (not notes, tables or repeal marks)
        self.clauses = 0
        #: a repeal mark was seen (the article or one of its points is repealed)
        self.repealed = False
        #: the last paragraph was a repeal mark broken off mid-way ('... от 21 мая 2007 г. N')
        self.open_repeal = False

    def _container(self) -> str:
        return f"{self.prefix}.p{self.point}" if self.point is not None else self.prefix

    def _add_item(self, text: MappedText, label: str | None, kind: str = "item") -> None:
        container = self._container()
        if label is not None and not label.lstrip("(")[0].isdigit() and self.last_digit_item:
            container = self.last_digit_item  # а) under 1): a sub-item of the numbered item
        n = self.items.get(container, 0) + 1
        self.items[container] = n
        seg_id = f"{container}.i{n}"
        if label is not None and label.lstrip("(")[0].isdigit():
            self.last_digit_item = seg_id
        self.b.add(seg_id, kind, text, None if kind == "note" else self.article, label)
        self.clauses += kind != "note"

    def note(self, para: Para) -> None:
        """Add a note standing inside the article (outside its clauses)."""
        self.notes += 1
        self.b.add(f"{self.prefix}.note{self.notes}", note_kind(para.text.text, self.profile), para.text)

    def _repeal(self, body: MappedText) -> str | None:
        """Return "note" when ``body`` only says it was repealed (and remember it), else None."""
        if not is_repeal(body.text, self.profile):
            return None
        self.repealed = True
        # a mark broken off after its number sign continues on the next line
        self.open_repeal = bool(_DANGLING_NUMBER_SIGN.search(body.text))
        return "note"

    def feed(self, para: Para) -> None:
        """Add the segment(s) of one paragraph of the article."""
        text = para.text
        if para.note:
            self.repealed = self.repealed or bool(self.profile.repeal_cues and _has_cue(text.text, self.profile.repeal_cues))
            self.note(para)
            return
        if self.open_repeal and not _more_words(text.text, _REPEAL_MAX_WORDS) and text.text[:1].isdigit() \
                and not _point_match(text.text) and not self.item_label.match(text.text):
            # the rest of a repeal mark broken over two lines ('... г. N' / '254 (вводится в действие ...)')
            self.open_repeal = False
            self.note(para)
            return
        self.open_repeal = False
        if para.cell is not None:
            self.tables += 1
            self.b.add(f"{self.prefix}.cell{self.tables}", "table", text)
            return
        m_point = _point_match(text.text)
        m_sub = _SUBPOINT.match(text.text)
        m_item = self.item_label.match(text.text)
        if m_point:
            self.point = m_point.group("label").translate(_ROMAN_TWINS)
            self.point_paras = 1
            self.items.pop(self._container(), None)
            self.last_digit_item = None
            body = text.slice(m_point.end(), len(text.text))
            kind = self._repeal(body) or "paragraph"
            # a repeal mark is a note like the others: outside the article's clauses
            self.b.add(self._container(), kind, body, None if kind == "note" else self.article, self.point)
            self.clauses += kind != "note"
            self.in_list = kind != "note" and _ends(body.text, ":")
            return
        if m_item or m_sub:
            m = m_item or m_sub
            body = text.slice(m.end(), len(text.text))
            label = m.group("label") + (")" if m is m_sub and not m.group("label").endswith(")") else "")
            kind = self._repeal(body) or "item"
            self._add_item(body, label, kind)
            self.in_list = kind != "note" and not _ends(body.text, ".")
            return
        if self.in_list and (_ends(text.text, ";,") or text.text[:1].islower() or ";" in text.text):
            for part in _split_items(text):
                self._add_item(part, None)
            self.in_list = not _ends(text.text, ".!")
            return
        if self.in_list and self.items.get(self._container()):
            # the last item of an unlabelled list ends with a full stop
            self._add_item(text, None)
            self.in_list = False
            return
        if self._repeal(text):
            # 'Статья 84 исключена Законом ...': the article (or point) says only that it was repealed
            self.note(para)
            return
        self.in_list = _ends(text.text, ":")
        self.last_digit_item = None
        self.clauses += 1
        if self.point is not None:
            self.point_paras += 1
            self.b.add(f"{self._container()}.{self.point_paras}", "paragraph", text, self.article)
        else:
            self.article_paras += 1
            self.b.add(f"{self.prefix}.{self.article_paras}", "paragraph", text, self.article)


@dataclass
class _Article:
    number: str
    line: int
    head: Para
    body: list[Para]


def _split_articles(paras: list[Para], warnings: list[str]) -> tuple[list[Para], list[_Article]]:
    """Return the preface and the articles, warning once about repeated or skipped numbers."""
    preface: list[Para] = []
    articles: list[_Article] = []
    for para in paras:
        if para.heading is not None or (para.container is not None and para.container[1] == ""):
            number = para.heading if para.heading is not None else para.container[0]  # type: ignore[index]
            articles.append(_Article(number, para.line, para, []))
        elif articles:
            articles[-1].body.append(para)
        else:
            preface.append(para)
    previous: int | None = None
    seen: dict[str, int] = {}
    jumps: list[str] = []
    for art in articles:
        digits = re.match(r"\d+", art.number)
        if not digits:
            continue  # a part named without a number ('transitional')
        n = int(digits.group())
        restart = art.number in seen or (previous is not None and n == 1 and previous > 1)
        if not restart:
            plain = art.number.isdigit()
            if previous is not None and plain and n != previous + 1 and n != previous:
                jumps.append(f"line {art.line}: article numbering jumps from {previous} to {n}")
            elif previous is None and n != 1:
                jumps.append(f"line {art.line}: the first article is numbered {n}, not 1")
        seen[art.number] = seen.get(art.number, 0) + 1
        previous = n
    repeated = {num: k for num, k in seen.items() if k > 1}
    shuffled = _shuffled_numbers(articles) if jumps and not repeated else None
    if shuffled is not None:
        # every number once, none missing: the articles were moved, not skipped; one warning
        # says so instead of a "jump" at every moved article
        warnings.append(shuffled)
        jumps = []
    warnings.extend(jumps[:5])
    if len(jumps) > 5:
        warnings.append(f"article numbering jumps {len(jumps) - 5} more times")
    if repeated:
        most = max(repeated.values())
        example = min(repeated, key=lambda num: (-repeated[num], articles.index(next(a for a in articles if a.number == num))))
        times = "twice" if most == 2 else f"{most} times"
        others = f" ({len(repeated)} numbers repeat)" if len(repeated) > 1 else ""
        warnings.append(
            f"article {example} appears {times}{others}: the articles restart (a collection of acts, "
            f"or numbering per part); the copies are told apart as {example}, {example}#2…"
        )
    return preface, articles


def _shuffled_numbers(articles: Sequence[_Article]) -> str | None:
    """Return a warning when the articles carry each number of a run (1..N) once, out of
    order; None when a number is missing, repeated or not a plain number, or all are in order."""
    if not articles or not all(a.number.isdecimal() and a.number.isascii() for a in articles):
        return None
    numbers = [int(a.number) for a in articles]
    ordered = sorted(numbers)
    if numbers == ordered or ordered != list(range(ordered[0], ordered[0] + len(ordered))):
        return None
    first = next(a for a, n, m in zip(articles, numbers, ordered) if n != m)
    shown = ", ".join(str(n) for n in numbers[:8]) + (", …" if len(numbers) > 8 else "")
    return (f"line {first.line}: the articles are not in numerical order ({shown}), though each "
            f"of {ordered[0]}-{ordered[-1]} appears once: they are compared by number")


def _act_suffix(act: int) -> str:
    """Return what the ids of act ``act`` of a collection carry: "" for the first, "_2"..."""
    return "" if act == 1 else f"_{act}"


def _next_act_start(body: list[Para], profile: LanguageProfile) -> int | None:
    """Return where the next act of a collection begins in ``body`` (the paragraphs of the
    article before the numbering restarts), or None when no act's title stands there.

    The next act begins at its title, or earlier at its ratifying act: the paragraphs with an
    instrument cue (and the short lines among them, a president's signature) that come right
    before the title. Short lines before the first such cue are the signatures of this act.
    """
    title = next((i for i, p in enumerate(body) if i > 0 and _is_title(p, profile)), None)
    if title is None:
        return None
    k = title - 1
    while k >= 1 and (_has_cue(body[k].text.text, profile.instrument_cues)
                      or _words(body[k].text.text) <= _SIGNATURE_MAX_WORDS):
        k -= 1
    cues = [j for j in range(k + 1, title) if _has_cue(body[j].text.text, profile.instrument_cues)]
    return cues[0] if cues else title


_ANNEX_HEADING_MAX_WORDS = 40
_DATIVE = re.compile(r"(?:ға|ге|қа|ке|на|не|а|е)$")


def is_annex_heading(para: Para, profile: LanguageProfile) -> bool:
    """Return True for the heading of an annex: 'ПРИЛОЖЕНИЕ к Соглашению ...', 'Приложение 1',
    '... келісімге ҚОСЫМША', '1-қосымша'.

    The annex word opens the heading with a capital, or closes it in capitals or after the word
    it belongs to ('келісімге қосымша'); a heading is short and does not end like a sentence
    ('Приложение к Соглашению является его неотъемлемой частью.' is the text of an article).
    """
    if para.cell is not None or para.note or not profile.annex_words:
        return False
    text = para.text.text
    if _more_words(text, _ANNEX_HEADING_MAX_WORDS) or _ends(text, ".;:,"):
        return False
    words = [w for w in _WORD.findall(text) if not w.isdigit()]
    if not words:
        return False
    first, last = words[0], words[-1]
    if fold(first) in profile.annex_words and first[:1].isupper():
        return True
    if fold(last) in profile.annex_words:
        return last.isupper() or len(words) <= 3 or bool(len(words) > 1 and _DATIVE.search(fold(words[-2])))
    return False


def _split_annexes(body: list[Para], profile: LanguageProfile) -> tuple[list[Para], list[list[Para]]]:
    """Return the last article's paragraphs before its first annex, and each annex (heading first)."""
    starts = [i for i, p in enumerate(body) if i > 0 and is_annex_heading(p, profile)]
    if not starts:
        return body, []
    bounds = starts + [len(body)]
    return body[:starts[0]], [body[a:b] for a, b in zip(bounds, bounds[1:])]


def _closing_paras(body: list[Para], profile: LanguageProfile) -> tuple[list[Para], list[Para], list[Para]]:
    """Split the last article's paragraphs into (article text, final clauses, signatures)."""
    # a table (of signatures) or a certification closes the article: nothing after it is the
    # article's text
    cell_at = next((i for i, p in enumerate(body) if p.cell is not None or (
        i > 0 and _is_certification(p, profile))),
        None)
    tail_after_table: list[Para] = []
    if cell_at is not None and cell_at > 0:
        body, tail_after_table = body[:cell_at], body[cell_at:]
    # the first paragraph is the article's own text even when it mentions copies or languages
    final_at = next((i for i, p in enumerate(body) if i > 0 and not p.note
                     and _has_cue(p.text.text, profile.final_cues)), None)
    if final_at is None:
        sig_at = next((i for i, p in enumerate(body) if _has_cue(p.text.text, profile.signature_cues)
                       and _words(p.text.text) <= _SIGNATURE_MAX_WORDS), None)
        if sig_at is None or sig_at == 0:
            sig_at = _trailing_signatures(body)
        if sig_at is None or sig_at == 0:
            return body, [], tail_after_table
        return body[:sig_at], [], body[sig_at:] + tail_after_table
    tail = body[final_at:]
    sig_at = len(tail)
    for i in range(1, len(tail)):
        text = tail[i].text.text
        short = _words(text) <= _SIGNATURE_MAX_WORDS and not _ends(text, ".;:")
        if short or _has_cue(text, profile.signature_cues):
            sig_at = i
            break
    return body[:final_at], tail[:sig_at], tail[sig_at:] + tail_after_table


def _is_certification(para: Para, profile: LanguageProfile) -> bool:
    """Return True for a certification ('I certify that this text ...'): a sentence with its cue."""
    text = para.text.text
    return para.cell is None and (_words(text) > _SIGNATURE_MAX_WORDS or _ends(text, ".")) \
        and _has_cue(text, profile.certification_cues)


def _trailing_signatures(body: list[Para]) -> int | None:
    """Return where a closing run of short lines (a name, a post) starts, if the article ends so."""
    at = len(body)
    while at > 1 and body[at - 1].cell is None and not body[at - 1].note \
            and (body[at - 1].short_lines or _words(body[at - 1].text.text) <= _SIGNATURE_MAX_WORDS) \
            and not _ends(body[at - 1].text.text, ".;:") and not _point_match(body[at - 1].text.text):
        at -= 1
    return at if at < len(body) else None


def _points_as_articles(paras: list[Para]) -> tuple[list[Para], list[_Article]] | None:
    """Return (preface, units) of a document without articles, one unit per numbered point."""
    starts = [i for i, p in enumerate(paras)
              if not p.note and p.cell is None and (m := _POINT.match(p.text.text)) and m.group("label").isdigit()]
    labels = [_POINT.match(paras[i].text.text).group("label") for i in starts]  # type: ignore[union-attr]
    if len(starts) < 2 or labels[:2] != ["1", "2"]:
        return None
    units: list[_Article] = []
    seen: set[str] = set()
    preface = paras[:starts[0]]
    for n, i in enumerate(starts):
        if labels[n] in seen:
            break  # a second list restarting at 1 is part of the last point
        seen.add(labels[n])
        end = starts[n + 1] if n + 1 < len(starts) else len(paras)
        units.append(_Article(labels[n], paras[i].line, paras[i], paras[i:end]))
    # points of a restarted list belong to the last unit
    last_end = starts[len(units)] if len(units) < len(starts) else len(paras)
    if last_end < len(paras):
        units[-1].body.extend(paras[last_end:])
    return preface, units


def _fold_warning(count: int, words: int, examples: tuple[tuple[str, str], ...], profile: LanguageProfile) -> str:
    shown = ", ".join(f"'{a}' -> '{b}'" for a, b in examples)
    return (f"look-alike letters folded: {count} letter(s) of the other script in {words} word(s) "
            f"written in {profile.script} or the reverse (e.g. {shown}); findings quote the text as published")


def build_treaty(source: str, profile: LanguageProfile, *, markdown: bool,
                 source_path: str | None = None, encoding: str | None = None,
                 notices: tuple[str, ...] = (), locations: tuple[str, ...] = ()) -> Treaty:
    """Return the Treaty parsed from normalised ``source`` text in the language of ``profile``.

    ``locations[i]`` is where line ``i + 1`` stands in the received file (see
    :meth:`Treaty.location`); each segment gets the location of its line.

    A document without article headings is compared by its numbered points (or, failing
    those, as one body of paragraphs), with a warning. Raises :class:`InputError` when it has
    neither articles nor any paragraph of text.
    """
    folding = fold_lookalikes(source, profile.code)
    text = folding.text
    lines = source_lines(text, markdown)
    layout = detect_layout(lines)
    container = profile.container_heading()
    blocks = split_blocks(lines, layout, lambda t: _heading_kind(profile, container, t), markdown)
    paras = _paragraphs(blocks, profile, LazyVocabulary(text))
    builder = _Builder(text, folding.changes, locations=locations)
    builder.warnings.extend(notices)
    if folding.changes:
        builder.warnings.append(_fold_warning(len(folding.changes), folding.words, folding.examples, profile))
    preface, articles = _split_articles(paras, builder.warnings)
    unit_prefix = "art"
    if not articles:
        _check_articleless(text, paras, profile)
        fallback = _points_as_articles(paras)
        if fallback is not None:
            preface, articles = fallback
            unit_prefix = "pt"
            builder.warnings.append(
                f"no article headings found for {profile.name} (like {_example_heading(profile)}): "
                f"compared by its {len(articles)} numbered points, reported as articles"
            )
    if not articles:
        builder.warnings.append(
            f"no article headings or numbered points found for {profile.name} (like "
            f"{_example_heading(profile)}): compared paragraph by paragraph as one body"
        )
        title_at = _find_title(paras, profile)
        cut = (title_at + 1) if title_at is not None else 0
        head = paras[cut] if cut < len(paras) else paras[-1]
        preface, articles = paras[:cut], [_Article("1", head.line, head, paras[cut:])]
        unit_prefix = "body"

    title = _emit_preface(builder, preface, profile)

    counts: dict[str, int] = {}
    #: the act being read: a collection in one file holds several, each with its own preface
    #: and closing (ids ``title_2``, ``pre_2.1``, ``final_2.1`` from the second on)
    act = 1
    numbers_seen: set[str] = set()
    for index, art in enumerate(articles):
        number = art.number
        counts[number] = counts.get(number, 0) + 1
        article = number if counts[number] == 1 else f"{number}#{counts[number]}"
        base = "body" if unit_prefix == "body" else f"{unit_prefix}{number}"
        prefix = base if counts[number] == 1 else f"{base}_{counts[number]}"
        body = art.body
        if art.head.container is not None:
            _emit_container(builder, art.head)
            prefix = art.number if counts[number] == 1 else f"{art.number}_{counts[number]}"
        if unit_prefix == "art" and art.head.title is not None:
            builder.add(f"{prefix}.title", "heading", art.head.title, article)
        elif unit_prefix == "art" and art.head.alone and body and _title_on_next_line(body[0]):
            # 'Статья 5' alone on its line, the title on the next one
            builder.add(f"{prefix}.title", "heading", body[0].text, article)
            body = body[1:]
        finals: list[Para] = []
        signatures: list[Para] = []
        next_preface: list[Para] = []
        numbers_seen.add(art.number)
        annexes: list[list[Para]] = []
        if index == len(articles) - 1:
            # an annex after the signatures ('ПРИЛОЖЕНИЕ к Соглашению', '... келісімге ҚОСЫМША') is
            # text of the treaty again, not part of the signature block
            body, annexes = _split_annexes(body, profile)
            body, finals, signatures = _closing_paras(body, profile)
        elif unit_prefix == "art" and articles[index + 1].number in numbers_seen:
            # the numbering restarts: when the next act's title stands in this article, the
            # article ends the act (final clauses, signatures) and the next act's preface follows
            cut = _next_act_start(body, profile)
            if cut is not None:
                body, next_preface = body[:cut], body[cut:]
                body, finals, signatures = _closing_paras(body, profile)
        walker = _walk_body(builder, _ArticleWalker(builder, profile, article, prefix), body)
        if not walker.clauses and not walker.repealed and unit_prefix == "art":
            # a repealed article ('Статья 84 исключена ...') has no text by law
            builder.warnings.append(f"line {art.line}: article {number} has no text")
        _emit_closing(builder, finals, signatures, profile, _act_suffix(act))
        for n, annex in enumerate(annexes, start=1):
            _emit_annex(builder, annex, profile, "annex" if n == 1 else f"annex{n}", _act_suffix(act))
        if next_preface:
            act += 1
            _emit_preface(builder, next_preface, profile, _act_suffix(act))

    return Treaty(
        language=profile.code,
        title=title,
        segments=_same_script_labels(builder.segments, profile),
        warnings=tuple(builder.warnings),
        source_path=source_path,
        source=source,
        encoding=encoding,
        locations=locations,
    )


#: fewest paragraphs of a document without articles or numbered points that is still compared
_MIN_BODY_PARAGRAPHS = 3


def _check_articleless(text: str, paras: list[Para], profile: LanguageProfile) -> None:
    """Raise :class:`InputError` when a text without articles is not a document to compare.

    A text in another language than ``profile``'s (a wrong ``--lang``) or a note of a line or
    two is refused; a letter-agreement or a memorandum of several paragraphs is not.
    """
    from treaty_align.parse.language import language_scores

    scores = language_scores(text)
    best = max(sorted(scores), key=lambda c: scores[c])
    clauses = [p for p in paras if not p.note and p.cell is None]
    if best != profile.code or len(clauses) < _MIN_BODY_PARAGRAPHS:
        raise InputError(
            f"no article headings found for {profile.name} (expected lines like "
            f"{_example_heading(profile)}) and too little text in {profile.name} to compare by "
            f"paragraphs: is this a treaty text in {profile.name}?"
        )


def _same_script_labels(segments: list[Segment], profile: LanguageProfile) -> tuple[Segment, ...]:
    """Return the segments with the letter labels of each list written in one script.

    A list lettered ``(а) (b) (c)`` with a Cyrillic ``а`` typed among Latin letters gets
    ``(a)``: the labels of one list follow the script most of them are written in.
    """
    table = lookalike_table(profile.code)
    lists: dict[str, list[int]] = {}
    for i, seg in enumerate(segments):
        if seg.kind != "item" or not seg.label:
            continue  # most segments: no label to read
        letter = re.sub(r"[()\s]", "", seg.label)
        if len(letter) == 1 and letter.isalpha():
            lists.setdefault(seg.id.rsplit(".", 1)[0], []).append(i)
    out = list(segments)
    for members in lists.values():
        scripts = [script_of(re.sub(r"[()\s]", "", segments[i].label or "")) for i in members]
        majority = max(sorted(set(scripts)), key=scripts.count)
        twins = table.to_native if majority == table.native_script else table.to_foreign
        for i, script in zip(members, scripts):
            label = segments[i].label or ""
            if script != majority and scripts.count(majority) > len(scripts) / 2:
                folded = "".join(twins.get(ch, ch) for ch in label)
                out[i] = dataclasses.replace(segments[i], label=folded)
    return tuple(out)


def _title_on_next_line(para: Para) -> bool:
    text = para.text.text
    return (para.alone and not para.note and para.cell is None and para.container is None
            and _title_like(text) and _words(text) <= 20 and not _point_match(text)
            and not re.match(r"^\(?\w\)", text))


def _emit_container(builder: _Builder, para: Para) -> None:
    kind, num = para.container or ("part", "")
    builder.add(f"{kind}{num}", "container", para.text)
    if para.title is not None:
        builder.add(f"{kind}{num}.title", "heading", para.title)


def _emit_preface(builder: _Builder, preface: list[Para], profile: LanguageProfile, suffix: str = "") -> str:
    """Add the segments before the first article (of the act whose ids carry ``suffix``);
    return the act's title."""
    notes = [p for p in preface if p.note]
    boxes = [p for p in preface if p.container is not None]
    rest = [p for p in preface if not p.note and p.container is None]
    title_at = _find_title(rest, profile)
    title = ""
    title_mapped: MappedText | None = None
    note_n = 0

    def add_note(para: Para) -> None:
        nonlocal note_n
        note_n += 1
        builder.add(f"note{suffix}.{note_n}", note_kind(para.text.text, profile), para.text)

    if title_at is None:
        if not suffix:
            builder.warnings.append("no title found before the first article")
        instrument: list[Para] = []
        preamble = rest
    else:
        instrument, preamble = rest[:title_at], rest[title_at + 1:]
        title_text = rest[title_at].text
        # a title wrapped over several blocks continues in lower case without punctuation
        while preamble and preamble[0].text.text[:1].islower() and not _ends(title_text.text, ".,;:") \
                and preamble[0].cell is None:
            title_text = MappedText.concat([title_text, MappedText.at(" ", title_text.offset(-1) + 1),
                                            preamble[0].text])
            preamble = preamble[1:]
        title = title_text.text
        title_mapped = title_text
    # emit in document order: each paragraph in its role
    roles: dict[int, str] = {}
    for p in instrument:
        roles[id(p)] = "instrument"
    for p in preamble:
        roles[id(p)] = "preamble"
    for p in notes:
        roles[id(p)] = "note"
    for p in boxes:
        roles[id(p)] = "container"
    counters = {"instrument": 0, "preamble": 0}
    title_done = title_at is None
    for para in preface:
        role = roles.get(id(para))
        if role is None:
            if not title_done and title_mapped is not None:
                builder.add(f"title{suffix}", "title", title_mapped)
                title_done = True
            continue
        if role == "note":
            add_note(para)
        elif role == "container":
            _emit_container(builder, para)
        elif para.cell is not None:
            counters["preamble"] += 1
            builder.add(f"pre{suffix}.{counters['preamble']}", "table", para.text)
        else:
            counters[role] += 1
            prefix = "instr" if role == "instrument" else "pre"
            builder.add(f"{prefix}{suffix}.{counters[role]}", role, para.text)
    return title


def _emit_annex(builder: _Builder, annex: list[Para], profile: LanguageProfile, name: str,
                suffix: str = "") -> None:
    """Add an annex: its heading, its title (a heading line after it), its clauses, and the
    signatures or certification that close it (numbered on from the act's, whose ids carry ``suffix``)."""
    builder.add(name, "container", annex[0].text)
    body = annex[1:]
    if body and body[0].marked and not body[0].note and body[0].cell is None and not _point_match(body[0].text.text):
        builder.add(f"{name}.title", "heading", body[0].text, name)
        body = body[1:]
    body, finals, signatures = _closing_paras(body, profile) if body else ([], [], [])
    _walk_body(builder, _ArticleWalker(builder, profile, name, name), body)
    _emit_closing(builder, finals, signatures, profile, suffix)


def _walk_body(builder: _Builder, walker: "_ArticleWalker", body: list[Para]) -> "_ArticleWalker":
    """Feed an article's or annex's paragraphs to ``walker`` (a chapter heading among them is
    emitted as a container); return the walker, which counts the clauses it added."""
    for para in body:
        if para.container is not None:
            _emit_container(builder, para)
            continue
        walker.feed(para)
    return walker


def _emit_closing(builder: _Builder, finals: list[Para], signatures: list[Para], profile: LanguageProfile,
                  suffix: str = "") -> None:
    """Add final clauses, signatures and certification notes (of the act whose ids carry
    ``suffix``); after a certification come its signatures."""
    # numbered on from an earlier closing block of the act (the signatures before an annex)
    n_final, n_sig, n_note = (sum(1 for i in builder.ids if i.startswith(f"{p}{suffix}."))
                              for p in ("final", "sig", "cert"))
    certified = False
    for para in finals + signatures:
        text = para.text.text
        signature_part = any(para is p for p in signatures) or certified
        certification = _is_certification(para, profile)
        if para.note or certification:
            n_note += 1
            certified = True
            # a certification of the copy or translation is part of the published version: compared
            kind = "certification" if certification else note_kind(text, profile)
            builder.add(f"cert{suffix}.{n_note}", kind, para.text)
        elif signature_part and para.cell is None and not para.short_lines \
                and _words(text) > 2 * _SIGNATURE_MAX_WORDS:
            # a long paragraph among the signatures is no signature: a translator's or publisher's note
            n_note += 1
            builder.add(f"cert{suffix}.{n_note}", "note", para.text)
        elif signature_part:
            n_sig += 1
            builder.add(f"sig{suffix}.{n_sig}", "signature", para.text)
        else:
            n_final += 1
            builder.add(f"final{suffix}.{n_final}", "final", para.text)


def _example_heading(profile: LanguageProfile) -> str:
    if profile.article_example:
        return f"'{profile.article_example}'"
    pattern = profile.article_heading.pattern
    # turn the heading pattern into a readable example by replacing the number group
    example = re.sub(r"\(\?P<num>[^)]*\)", "1", pattern)
    example = re.sub(r"\\s[*+]?|\[\\s\.:\]|\(\?=[^)]*\)|\\b|\\\.\?|[\^$?]", " ", example)
    example = re.sub(r"\[([^\]])[^\]]*\]", r"\1", example)
    return "'" + " ".join(example.split()).replace(" - ", "-") + "'"
