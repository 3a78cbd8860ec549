"""Words for findings: which actors a document has, and why a difference matters to them.

Messages must speak the document's language: a treaty's duties bind "the Parties", a law's
"the State" or "the person", and a declaration may name nobody. :func:`document_roles` finds
the actors a version addresses (patterns of ``data/<lang>/roles.tsv``); :func:`consequence`
returns the sentence saying why a kind of difference matters, in terms of those actors
(``data/en/messages.json``), or an actor-free sentence when the document has none.
:func:`quote_pair` quotes both sides of a difference with the differing words marked.
"""

from __future__ import annotations

import re
import weakref
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterator, Mapping, Sequence

from treaty_align.data import check_constant, has_data, load_json, load_tsv

if TYPE_CHECKING:
    from treaty_align.model import Treaty

#: a role counts for a document when its words occur at least this often
MIN_MENTIONS = check_constant("messages", "min_mentions")


@lru_cache(maxsize=None)
def _patterns(lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    if not has_data(lang, "roles.tsv"):
        return ()
    return tuple((row["role"], re.compile(word_start_first(row["pattern"]) or row["pattern"]))
                 for row in load_tsv(lang, "roles.tsv"))


_LEADING_LETTERS = re.compile(r"[^\W\d_]+")
_QUANTIFIERS = "?*+{"


def word_start_first(pattern: str) -> str | None:
    """Return a pattern matching exactly what ``pattern`` matches, faster, or None.

    A pattern ``\\bword...`` (or ``\\b(?:one|two...)...`` whose alternatives start with
    letters) is rewritten to match the letters first and test the word start after them with a
    look-behind: ``word(?<!\\wword)...``. At every place both match the same text, so every
    search and count gives the same result; but the regex engine finds a pattern that starts
    with letters by scanning for them, instead of trying ``\\b`` at every character of a 50 MB
    text (ten times slower). None when ``pattern`` has another form.
    """
    if not pattern.startswith(r"\b"):
        return None
    body = pattern[2:]
    if not body.startswith("(?:"):
        return _letters_first(body)
    end = _group_end(body)
    if end < 0 or body[end + 1:end + 2] in tuple(_QUANTIFIERS):
        return None
    alternatives = [_letters_first(alt) for alt in _alternatives(body[3:end])]
    if any(alt is None for alt in alternatives):
        return None
    return "(?:" + "|".join(alternatives) + ")" + body[end + 1:]  # type: ignore[arg-type]


def _letters_first(pattern: str) -> str | None:
    """Return ``letters(?<!\\wletters)rest`` for ``pattern`` = ``letters`` + ``rest``, or None."""
    m = _LEADING_LETTERS.match(pattern)
    if not m:
        return None
    letters, rest = m.group(), pattern[m.end():]
    if rest[:1] and rest[0] in _QUANTIFIERS:
        # a quantifier binds the last letter ('sides?'): it belongs to the rest
        letters, rest = letters[:-1], letters[-1] + rest
    if not letters:
        return None
    return f"{letters}(?<!\\w{letters}){rest}"


def _scan(pattern: str) -> Iterator[tuple[int, str, int]]:
    """Yield ``(index, character, depth)`` of the characters of ``pattern`` outside escapes and
    character classes (depth: of parentheses, before the character)."""
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        else:
            yield i, ch, depth
            depth += (ch == "(") - (ch == ")")
        i += 1


def _group_end(pattern: str) -> int:
    """Return the index of the parenthesis closing the group that opens ``pattern`` (-1: none)."""
    return next((i for i, ch, depth in _scan(pattern) if ch == ")" and depth == 1), -1)


def _alternatives(pattern: str) -> list[str]:
    """Return the top-level ``|`` alternatives of ``pattern``."""
    cuts = [i for i, ch, depth in _scan(pattern) if ch == "|" and depth == 0]
    bounds = [-1] + cuts + [len(pattern)]
    return [pattern[a + 1:b] for a, b in zip(bounds, bounds[1:])]


@lru_cache(maxsize=1)
def _wording() -> Mapping[str, Any]:
    return load_json("en", "messages.json")


@lru_cache(maxsize=64)
def roles_in_text(text: str, lang: str) -> tuple[str, ...]:
    """Return the roles (``parties``, ``state``, ``person``, ``court``, ``authority``) that
    ``text`` in ``lang`` mentions at least :data:`MIN_MENTIONS` times, most mentioned first."""
    low = text.lower()
    counts = Counter({role: len(rx.findall(low)) for role, rx in _patterns(lang)})
    return tuple(role for role, n in sorted(counts.items(), key=lambda x: (-x[1], x[0])) if n >= MIN_MENTIONS)


_ROLES_OF: dict[int, tuple["weakref.ref[Treaty]", tuple[str, ...]]] = {}


def document_roles(treaty: "Treaty") -> tuple[str, ...]:
    """Return the roles the version ``treaty`` addresses, most mentioned first."""
    # every finding asks; remembered per Treaty object (by identity: hashing a Treaty hashes
    # all its segments) for as long as the object lives
    known = _ROLES_OF.get(id(treaty))
    if known is not None and known[0]() is treaty:
        return known[1]
    roles = roles_in_text("\n".join(s.text for s in treaty.segments), treaty.language)
    _ROLES_OF[id(treaty)] = (weakref.ref(treaty), roles)
    return roles


def main_actor(roles: Sequence[str]) -> str:
    """Return how messages name the main actor among ``roles`` ("the Parties"), or "" for none.

    The Parties come first whenever a document has them (they are who a treaty binds); else
    the first of ``role_order`` the document mentions.
    """
    wording = _wording()
    for role in wording["role_order"]:
        if role in roles:
            return str(wording["roles"][role])
    return ""


def actor_of(treaties: Mapping[str, "Treaty"] | None, prefer: str | None = None) -> str:
    """Return the main actor of the compared versions (of ``prefer``'s version when given).

    Returns "" when no version is known or none names an actor.
    """
    if not treaties:
        return ""
    order = ([prefer] if prefer in treaties else []) + [lang for lang in treaties if lang != prefer]
    for lang in order:
        actor = main_actor(document_roles(treaties[lang]))
        if actor:
            return actor
    return ""


def consequence(what: str, actor: str) -> str:
    """Return the sentence saying why a difference of kind ``what`` matters.

    ``what`` is a key of ``consequence`` in ``data/en/messages.json`` (``obligation``,
    ``negation``, ``time``, ``omission``, ``actor``, ``number``, ``scope``, ``nuance``,
    ``style``, ``layout``); ``actor`` is :func:`actor_of`'s answer. Without an actor the ``*_none`` form
    is used, so a law without Parties never hears of "the Parties".
    """
    table = _wording()["consequence"]
    if not actor and f"{what}_none" in table:
        return str(table[f"{what}_none"])
    return str(table[what]).format(actor=actor or "the addressees")


_TOKEN = re.compile(r"\w+(?:-\w+)*|\S")


def quote_pair(left: str, right: str) -> tuple[str, str]:
    """Return ``left`` and ``right`` with the words that differ between them in [brackets].

    Meant for two renderings in one language (the text and the usual rendering, or two
    clauses of one version); words are compared case-insensitively, punctuation kept.
    """
    import difflib

    a, b = _TOKEN.findall(left), _TOKEN.findall(right)
    matcher = difflib.SequenceMatcher(a=[t.lower() for t in a], b=[t.lower() for t in b], autojunk=False)
    out_a, out_b = [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        pa, pb = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        if op == "equal":
            out_a.append(pa)
            out_b.append(pb)
        else:
            if pa:
                out_a.append(f"[{pa}]")
            if pb:
                out_b.append(f"[{pb}]")
    return _join(out_a), _join(out_b)


def _join(parts: list[str]) -> str:
    return re.sub(r"\s+([,.;:!?)])", r"\1", " ".join(p for p in parts if p))
