"""Citations in a document's own style: "Art. 10(1), third paragraph", "10-бап 1-тармақ", "Maddə 10.1".

A segment id is structural (``art10.p1``, ``art10.p1.2``, ``art3.p1.i2``, ``art6.i13``,
``pre.3``, ``final.2``, ``title``, ``sig.1``; a parser may put container prefixes such as
``ch2.`` in front), so the place a clause holds can be read back from it. How that place is
written is language knowledge: ``data/<lang>/citation.json`` holds the patterns (article,
point, item, paragraph, preamble, final clauses...), ``data/en/citation.json`` the English form
translators use in memos.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Mapping

from treaty_align.data import has_data, load_json

if TYPE_CHECKING:
    from treaty_align.model import Segment

ENGLISH = "en"

_ARTICLE = re.compile(r"^art(?P<num>[^_.]+)(?:_\d+)?$")
#: a numbered point of a text without article headings, compared as if it were an article
_UNIT = re.compile(r"^pt(?P<num>[^_.]+)(?:_\d+)?$")
_POINT = re.compile(r"^p(?P<num>[^.]+)$")
_ITEM = re.compile(r"^i(?P<num>\d+)$")
_CHAPTER = re.compile(r"^chapter(?P<num>\w+)$")
#: a block outside the articles; ``_2`` marks it as the second act's of a collection in one file
_BLOCK = re.compile(r"^(?P<block>pre|final|sig|title|instr|cert)(?:_\d+)?$")
#: an annex after the signatures ('annex', 'annex2'), cited like an article
_ANNEX = re.compile(r"^annex(?P<num>\d*)$")


@dataclass(frozen=True)
class Place:
    """Where a clause stands: article, point, items (outer first), paragraph number, block."""

    block: str
    article: str | None = None
    #: the article is a numbered point of a text without articles (cited "point 5", not "Art. 5")
    unit: bool = False
    point: str | None = None
    items: tuple[tuple[int, str | None], ...] = ()
    paragraph: int | None = None


def place_of(segment: "Segment") -> Place:
    """Return the :class:`Place` read from ``segment``'s id, article and label."""
    parts = segment.id.split(".")
    # container prefixes (chapters, sections) come before the article or block token
    for i, token in enumerate(parts):
        if _ARTICLE.match(token) or _UNIT.match(token) or _ANNEX.match(token) or _BLOCK.match(token):
            parts = parts[i:]
            break
    head = parts[0] if parts else ""
    if block_match := _BLOCK.match(head):
        head = block_match.group("block")  # pre_2: the preamble of a collection's second act
    if cm := _CHAPTER.match(head):
        return Place("chapter", article=cm.group("num"))
    if head in ("pre", "final", "sig", "instr", "cert"):
        n = _int(parts[1]) if len(parts) > 1 else None
        block = {"pre": "preamble", "final": "final", "sig": "signature", "instr": "instrument",
                 "cert": "certification"}[head]
        return Place(block, paragraph=n)
    if head == "title":
        return Place("title")
    m = _ARTICLE.match(head) or _UNIT.match(head) or _ANNEX.match(head)
    if not m:
        return Place(segment.kind, article=segment.article)
    unit = m.re is _UNIT
    annex = m.re is _ANNEX
    article = m.group("num") if annex else segment.article or m.group("num")
    point = None
    items: list[tuple[int, str | None]] = []
    paragraph = None
    rest = parts[1:]
    for j, token in enumerate(rest):
        if (pm := _POINT.match(token)) and not items:
            # a numbered point compared as an article holds itself as its first point
            if not (unit and pm.group("num") == m.group("num")):
                point = pm.group("num")
        elif im := _ITEM.match(token):
            last = j == len(rest) - 1
            items.append((int(im.group("num")), segment.label if last else None))
        elif token.isdigit():
            paragraph = int(token)
    return Place("annex" if annex else "article", article=article, point=point, items=tuple(items),
                 paragraph=paragraph, unit=unit)


def _int(text: str) -> int | None:
    return int(text) if text.isdigit() else None


@lru_cache(maxsize=None)
def _style(lang: str) -> Mapping[str, Any] | None:
    return load_json(lang, "citation.json") if has_data(lang, "citation.json") else None


def _label(label: str | None, n: int, style: Mapping[str, Any], lang: str) -> str:
    """Return how item ``n`` (written ``label`` in the source) is named in ``lang``'s citation."""
    clean = (label or "").strip().rstrip(").").lstrip("(")
    if clean.isdigit():
        return clean
    letters = style.get("item_letters")
    if lang == ENGLISH and clean and letters and not clean.isascii():
        # a Cyrillic "б)" is item (b) in an English memo: the item's position picks the letter
        return letters[n - 1] if 0 < n <= len(letters) else str(n)
    return clean or str(n)


def _ordinal(n: int, style: Mapping[str, Any]) -> str:
    words = style.get("ordinals") or []
    return str(words[n - 1]) if 0 < n <= len(words) else str(n)


def cite(segment: "Segment", lang: str) -> str:
    """Return the citation of ``segment`` in the style of ``lang`` ("" without citation data).

    ``lang`` is the language of the document's style, not necessarily of the segment:
    ``cite(seg, "en")`` gives the English form of a Kazakh clause's place.
    """
    style = _style(lang)
    if style is None:
        return ""
    return _cite_place(place_of(segment), style, lang)


def _cite_place(place: Place, style: Mapping[str, Any], lang: str) -> str:
    """Return the citation of ``place`` in ``style`` (the citation data of ``lang``)."""
    if place.block in ("preamble", "final"):
        if place.paragraph is None:
            return str(style.get(place.block, "")).split(",")[0].strip()
        n = place.paragraph
        return str(style[place.block]).format(n=n, ordinal=_ordinal(n, style))
    if place.block in ("title", "signature", "certification"):
        return str(style.get(place.block, ""))
    if place.block == "chapter":
        return str(style.get("chapter", "")).format(chapter=place.article)
    if place.block == "annex":
        if "annex" not in style:
            return ""
        out = str(style["annex_n"]).format(annex=place.article) if place.article else str(style["annex"])
    elif place.block != "article" or place.article is None:
        return ""
    elif place.unit and "unit" not in style:
        return ""
    else:
        out = str(style["unit" if place.unit else "article"]).format(article=place.article)
    if place.point is not None:
        out += str(style["point"]).format(point=place.point)
    for k, (n, label) in enumerate(place.items):
        key = "item_without_point" if place.point is None and k == 0 and "item_without_point" in style else "item"
        out += str(style[key]).format(item=_label(label, n, style, lang))
    held = place.point is not None or place.unit
    if place.paragraph is not None and not (held and place.paragraph == 1):
        # the numbered paragraph of a point is the point itself; later ones are counted from it
        n = place.paragraph
        out += str(style["paragraph"]).format(n=n, ordinal=_ordinal(n, style))
    return out


def citations(segments: Mapping[str, "Segment"], english_from: str | None = None) -> dict[str, str]:
    """Return ``{lang: citation}`` for each ``lang -> segment``, plus ``"en"`` (the English form).

    The English form is taken from the segment of ``english_from`` (the prevailing text, say)
    when given and present, else from the first segment.
    """
    # every finding asks: each segment's place is read from its id once, not once per language
    places: dict[int, Place] = {}

    def cited(seg: "Segment", lang: str) -> str:
        style = _style(lang)
        if style is None:
            return ""
        if id(seg) not in places:
            places[id(seg)] = place_of(seg)
        return _cite_place(places[id(seg)], style, lang)

    out = {lang: text for lang, seg in segments.items() if (text := cited(seg, lang))}
    source = segments.get(english_from) if english_from else None
    if source is None and segments:
        source = next(iter(segments.values()))
    if source is not None and (en := cited(source, ENGLISH)):
        out[ENGLISH] = en
    return out
