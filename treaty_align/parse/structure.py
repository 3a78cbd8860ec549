"""Build a :class:`~treaty_align.model.Treaty` from paragraphs: the language-independent parser.

Everything language-specific (heading words, item letters, cues of final clauses and
signatures) comes from the :class:`~treaty_align.parse.language.LanguageProfile`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from treaty_align.errors import InputError
from treaty_align.model import Segment, Treaty, line_of, newline_offsets
from treaty_align.parse.language import LanguageProfile, fold
from treaty_align.parse.layout import Block, detect_layout, source_lines, split_blocks
from treaty_align.parse.normalize import MappedText, join_lines, vocabulary_of

_POINT = re.compile(r"^(?P<label>\d{1,3})\.(?!\d)\s*")
_WORD = re.compile(r"\w+")
# A signature line is short and does not end like a sentence.
_SIGNATURE_MAX_WORDS = 10


@dataclass(frozen=True)
class Para:
    """A cleaned paragraph with its source line and, for headings, the article number."""

    text: MappedText
    line: int
    heading: str | None = None


@dataclass
class _Builder:
    """Accumulates segments with unique ids while walking the document."""

    source: str
    segments: list[Segment] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    newlines: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.newlines = newline_offsets(self.source)

    def add(self, seg_id: str, kind: str, para_text: MappedText,
            article: str | None = None, label: str | None = None) -> None:
        text = para_text.text.strip()
        if not text:
            return
        # the line is where the clause's own text starts: an item split off a paragraph that
        # holds several items can start on a later line than its paragraph
        line = line_of(self.newlines, para_text.span()[0])
        unique = seg_id
        n = 2
        while unique in self.ids:
            unique = f"{seg_id}~{n}"
            n += 1
        if unique != seg_id:
            self.warnings.append(f"line {line}: duplicate clause id {seg_id} renamed {unique}")
        self.ids.add(unique)
        self.segments.append(
            Segment(id=unique, kind=kind, text=text, line=line, span=para_text.span(),
                    article=article, label=label)
        )


def _heading_kind(profile: LanguageProfile, text: str) -> str | None:
    m = profile.article_heading.match(text)
    if not m:
        return None
    rest = text[m.end():].strip(" .:-–—")
    return "pure" if not rest else "glued"


def _paragraphs(blocks: list[Block], profile: LanguageProfile, vocab: frozenset[str]) -> list[Para]:
    """Return blocks as cleaned paragraphs, splitting a heading glued to its first sentence."""
    paras: list[Para] = []
    for block in blocks:
        first = block.lines[0].text
        m = profile.article_heading.match(first.text)
        if m:
            number = m.group("num")
            rest_first = first.slice(m.end(), len(first.text)).lstrip(" .:-–—")
            paras.append(Para(first.slice(0, m.end()).strip(), block.line, heading=number))
            rest = join_lines([rest_first] + [ln.text for ln in block.lines[1:]], vocab)
            if rest.text:
                paras.append(Para(rest, block.line))
            continue
        paras.append(Para(join_lines([ln.text for ln in block.lines], vocab), block.line))
    return paras


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


def _is_title(para: Para, profile: LanguageProfile) -> bool:
    """Return True for a title: a treaty word written in capitals, outside a ratifying act."""
    if _has_cue(para.text.text, profile.instrument_cues):
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
        if words and len(words) <= 40 and (words[0] in profile.treaty_words or words[-1] in profile.treaty_words) \
                and not _has_cue(para.text.text, profile.instrument_cues):
            return i
    return None


def _split_items(text: MappedText) -> list[MappedText]:
    """Return the parts of an unlabelled list paragraph holding several ``a; b; c;`` items."""
    parts: list[MappedText] = []
    start = 0
    depth = 0
    for i, ch in enumerate(text.text):
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        elif ch == ";" and depth == 0:
            parts.append(text.slice(start, i + 1).strip())
            start = i + 1
    tail = text.slice(start, len(text.text)).strip()
    if tail.text:
        parts.append(tail)
    return [p for p in parts if p.text]


def _ends(text: str, chars: str) -> bool:
    return text.rstrip().endswith(tuple(chars))


class _ArticleWalker:
    """Assigns ids, kinds and labels to the paragraphs of one article."""

    def __init__(self, builder: _Builder, profile: LanguageProfile, article: str, prefix: str):
        self.b = builder
        self.article = article
        self.prefix = prefix
        self.item_label = profile.item_label()
        self.point: str | None = None
        self.point_paras = 0
        self.article_paras = 0
        self.items: dict[str, int] = {}
        self.last_digit_item: str | None = None
        self.in_list = False

    def _container(self) -> str:
        return f"{self.prefix}.p{self.point}" if self.point is not None else self.prefix

    def _add_item(self, text: MappedText, label: str | None) -> None:
        container = self._container()
        if label is not None and not label[0].isdigit() and self.last_digit_item:
            container = self.last_digit_item  # а) under 1): a sub-item of the numbered item
        n = self.items.get(container, 0) + 1
        self.items[container] = n
        seg_id = f"{container}.i{n}"
        if label is not None and label[0].isdigit():
            self.last_digit_item = seg_id
        self.b.add(seg_id, "item", text, self.article, label)

    def feed(self, para: Para) -> None:
        text = para.text
        m_point = _POINT.match(text.text)
        m_item = self.item_label.match(text.text)
        if m_point:
            self.point = m_point.group("label")
            self.point_paras = 1
            self.items.pop(self._container(), None)
            self.last_digit_item = None
            body = text.slice(m_point.end(), len(text.text))
            self.b.add(self._container(), "paragraph", body, self.article, self.point)
            self.in_list = _ends(body.text, ":")
            return
        if m_item:
            body = text.slice(m_item.end(), len(text.text))
            self._add_item(body, m_item.group("label"))
            self.in_list = not _ends(body.text, ".")
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
        self.in_list = _ends(text.text, ":")
        self.last_digit_item = None
        if self.point is not None:
            self.point_paras += 1
            self.b.add(f"{self._container()}.{self.point_paras}", "paragraph", text, self.article)
        else:
            self.article_paras += 1
            self.b.add(f"{self.prefix}.{self.article_paras}", "paragraph", text, self.article)


def _split_articles(paras: list[Para], warnings: list[str]) -> tuple[list[Para], list[tuple[str, int, list[Para]]]]:
    """Return the preface and the articles ``(number, heading line, paragraphs)``."""
    preface: list[Para] = []
    articles: list[tuple[str, int, list[Para]]] = []
    for para in paras:
        if para.heading is not None:
            articles.append((para.heading, para.line, []))
        elif articles:
            articles[-1][2].append(para)
        else:
            preface.append(para)
    previous: int | None = None
    seen: set[str] = set()
    for number, line, _ in articles:
        n = int(number)
        if number in seen:
            warnings.append(f"line {line}: article {number} appears twice")
        elif previous is not None and n != previous + 1:
            warnings.append(f"line {line}: article numbering jumps from {previous} to {n}")
        elif previous is None and n != 1:
            warnings.append(f"line {line}: the first article is numbered {n}, not 1")
        seen.add(number)
        previous = n
    return preface, articles


def _closing_paras(body: list[Para], profile: LanguageProfile) -> tuple[list[Para], list[Para], list[Para]]:
    """Split the last article's paragraphs into (article text, final clauses, signatures)."""
    # the first paragraph is the article's own text even when it mentions copies or languages
    final_at = next((i for i, p in enumerate(body) if i > 0 and _has_cue(p.text.text, profile.final_cues)), None)
    if final_at is None:
        sig_at = next((i for i, p in enumerate(body) if _has_cue(p.text.text, profile.signature_cues)
                       and len(_WORD.findall(p.text.text)) <= _SIGNATURE_MAX_WORDS), None)
        if sig_at is None or sig_at == 0:
            return body, [], []
        return body[:sig_at], [], body[sig_at:]
    tail = body[final_at:]
    sig_at = len(tail)
    for i in range(1, len(tail)):
        text = tail[i].text.text
        short = len(_WORD.findall(text)) <= _SIGNATURE_MAX_WORDS and not _ends(text, ".;:")
        if short or _has_cue(text, profile.signature_cues):
            sig_at = i
            break
    return body[:final_at], tail[:sig_at], tail[sig_at:]


def build_treaty(source: str, profile: LanguageProfile, *, markdown: bool,
                 source_path: str | None = None, encoding: str | None = None) -> Treaty:
    """Return the Treaty parsed from normalised ``source`` text in the language of ``profile``.

    Raises :class:`InputError` when the text has no article headings of that language.
    """
    lines = source_lines(source, markdown)
    layout = detect_layout(lines)
    blocks = split_blocks(lines, layout, lambda text: _heading_kind(profile, text), markdown)
    paras = _paragraphs(blocks, profile, vocabulary_of(source))
    builder = _Builder(source)
    preface, articles = _split_articles(paras, builder.warnings)
    if not articles:
        raise InputError(
            f"no article headings found for {profile.name} (expected lines like "
            f"{_example_heading(profile)}): is this a treaty text in {profile.name}?"
        )

    title_at = _find_title(preface, profile)
    title = ""
    if title_at is None:
        builder.warnings.append("no title found before the first article")
        preamble = preface
    else:
        for n, para in enumerate(preface[:title_at], start=1):
            builder.add(f"instr.{n}", "instrument", para.text)
        title_para = preface[title_at]
        title_text = title_para.text
        rest = preface[title_at + 1:]
        # a title wrapped over several blocks continues in lower case without punctuation
        while rest and rest[0].text.text[:1].islower() and not _ends(title_text.text, ".,;:"):
            title_text = MappedText.concat([title_text, MappedText(" ", (title_text.offsets[-1] + 1,)), rest[0].text])
            rest = rest[1:]
        title = title_text.text
        builder.add("title", "title", title_text)
        preamble = rest
    for n, para in enumerate(preamble, start=1):
        builder.add(f"pre.{n}", "preamble", para.text)

    counts: dict[str, int] = {}
    for index, (number, line, body) in enumerate(articles):
        counts[number] = counts.get(number, 0) + 1
        article = number if counts[number] == 1 else f"{number}#{counts[number]}"
        prefix = f"art{number}" if counts[number] == 1 else f"art{number}_{counts[number]}"
        finals: list[Para] = []
        signatures: list[Para] = []
        if index == len(articles) - 1:
            body, finals, signatures = _closing_paras(body, profile)
        if not body:
            builder.warnings.append(f"line {line}: article {number} has no text")
        walker = _ArticleWalker(builder, profile, article, prefix)
        for para in body:
            walker.feed(para)
        for n, para in enumerate(finals, start=1):
            builder.add(f"final.{n}", "final", para.text)
        for n, para in enumerate(signatures, start=1):
            builder.add(f"sig.{n}", "signature", para.text)

    return Treaty(
        language=profile.code,
        title=title,
        segments=tuple(builder.segments),
        warnings=tuple(builder.warnings),
        source_path=source_path,
        source=source,
        encoding=encoding,
    )


def _example_heading(profile: LanguageProfile) -> str:
    pattern = profile.article_heading.pattern
    # turn the heading pattern into a readable example by replacing the number group
    example = re.sub(r"\(\?P<num>[^)]*\)", "1", pattern)
    example = re.sub(r"\\s[*+]?|\[\\s\.:\]|\(\?=[^)]*\)|\\b|\\\.\?|[\^$?]", " ", example)
    example = re.sub(r"\[([^\]])[^\]]*\]", r"\1", example)
    return "'" + " ".join(example.split()).replace(" - ", "-") + "'"
