"""Helpers shared by the report formats: counting, grouping, language tags, text clean-up.

Everything here is a pure function of a :class:`~treaty_align.model.Comparison` (or of plain
values); no output format is written here.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import PurePath, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from treaty_align.model import CHECK_KINDS, SEVERITIES, severity_rank

if TYPE_CHECKING:
    from treaty_align.model import Alignment, Comparison, Decision, Divergence, Evidence, Segment

#: Check kinds in the order reports list them; kinds a check module adds later are appended
#: after these (sorted), so a new check never breaks a report.
KNOWN_KINDS: tuple[str, ...] = CHECK_KINDS

# Characters XML 1.0 forbids even as character references (C0 controls except tab/LF/CR,
# lone surrogates, U+FFFE/U+FFFF). PDF extraction leaves form feeds and the like in treaty text;
# an XML writer would emit them verbatim and produce a file no parser accepts.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Return ``text`` without the characters XML 1.0 and HTML forbid (control characters)."""
    return _XML_INVALID.sub("", text)


# --------------------------------------------------------------------------- languages


@lru_cache(maxsize=1)
def _language_table() -> Mapping[str, Mapping[str, str]]:
    # data/languages.json is a top-level data file; data/__init__.py's loaders only read
    # per-language folders, so it is read with importlib.resources directly. A missing file
    # degrades to the bare language codes (still valid BCP 47 tags) rather than failing a report.
    path = resources.files("treaty_align.data") / "languages.json"
    if not path.is_file():
        return {}
    table = json.loads(path.read_text(encoding="utf-8"))
    return table if isinstance(table, dict) else {}


def language_tag(lang: str) -> str:
    """Return the BCP 47 tag written as ``xml:lang`` for ``lang`` (``kk`` -> ``kk-KZ``)."""
    return str(_language_table().get(lang, {}).get("tag", lang))


def language_name(lang: str) -> str:
    """Return the English name of ``lang`` (``kk`` -> ``Kazakh``), or the code if unknown."""
    return str(_language_table().get(lang, {}).get("name", lang))


def language_native(lang: str) -> str:
    """Return the name of ``lang`` in that language (``kk`` -> ``Қазақ тілі``), or the code."""
    return str(_language_table().get(lang, {}).get("native", lang))


# --------------------------------------------------------------------------- severities


severity_order = severity_rank


def max_severity(divergences: Iterable["Divergence"]) -> str | None:
    """Return the most severe severity among ``divergences``, or None when there are none."""
    found = [d.severity for d in divergences]
    return min(found, key=severity_order) if found else None


def severity_counts(c: "Comparison") -> dict[str, int]:
    """Return ``{"major": n, "minor": n, "info": n}`` (plus any unknown severity seen)."""
    counts = {s: 0 for s in SEVERITIES}
    for d in c.divergences:
        counts[d.severity] = counts.get(d.severity, 0) + 1
    return counts


def kinds_of(c: "Comparison") -> tuple[str, ...]:
    """Return the check kinds of the divergences of ``c``: known kinds first, in a fixed order."""
    seen = {d.kind for d in c.divergences}
    known = tuple(k for k in KNOWN_KINDS if k in seen)
    return known + tuple(sorted(seen - set(KNOWN_KINDS)))


def kind_severity_counts(c: "Comparison") -> dict[str, dict[str, int]]:
    """Return ``{kind: {"major": n, "minor": n, "info": n}}`` for every kind in ``c``."""
    table: dict[str, dict[str, int]] = {k: {s: 0 for s in SEVERITIES} for k in kinds_of(c)}
    for d in c.divergences:
        row = table[d.kind]
        row[d.severity] = row.get(d.severity, 0) + 1
    return table


def low_confidence_count(c: "Comparison") -> int:
    """Return how many records of ``c`` are low-confidence alignments."""
    return sum(1 for a in c.alignments if a.low_confidence)


def sorted_divergences(divergences: Iterable["Divergence"]) -> list["Divergence"]:
    """Return ``divergences`` most severe first, keeping their order within a severity."""
    return sorted(divergences, key=lambda d: severity_order(d.severity))


def finding_header(d: "Divergence") -> str:
    """Return where, how sure and how reviewed a finding is, as the Markdown report shows it
    before the message: ``"Art. 1(1) · confidence 0.90 · ACCEPTED"`` (only the parts it has)."""
    parts = [d.cite()] if d.cite() else []
    if d.confidence is not None:
        parts.append(f"confidence {d.confidence:.2f}")
    if d.decision is not None:
        parts.append(d.decision.status.upper())
    return " · ".join(parts)


def decision_text(decision: "Decision") -> str:
    """Return a review decision as one line: ``"accepted (A. B., 2026-01-02): usual rendering"``."""
    who = ", ".join(x for x in (decision.by, decision.date) if x)
    return decision.status + (f" ({who})" if who else "") + (f": {decision.note}" if decision.note else "")


# --------------------------------------------------------------------------- grouping


@dataclass(frozen=True)
class Group:
    """The records of one article (or of one block outside any article) in document order."""

    key: str
    title: str
    anchor: str
    alignments: tuple["Alignment", ...]

    @property
    def divergences(self) -> tuple["Divergence", ...]:
        """Return every divergence of the records of this group."""
        return tuple(d for a in self.alignments for d in a.divergences)


def group_title(alignment: "Alignment") -> str:
    """Return the heading of the group ``alignment`` belongs to ("Article 3", "Preamble")."""
    if alignment.article is not None:
        return f"Article {alignment.article}"
    block = (alignment.block or "").replace("_", " ").strip()
    return block[:1].upper() + block[1:] if block else "Other provisions"


def _group_key(alignment: "Alignment") -> str:
    if alignment.article is not None:
        return f"art:{alignment.article}"
    return f"block:{alignment.block or ''}"


def _slug(key: str) -> str:
    kind, _, name = key.partition(":")
    body = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-") or "x"
    return ("art-" if kind == "art" else "sec-") + body


def groups(c: "Comparison") -> tuple[Group, ...]:
    """Return the records of ``c`` grouped by article (by block outside articles).

    Groups are ordered by the first record of each; anchors are unique HTML ids
    (``art-3``, ``sec-preamble``).
    """
    members: dict[str, list["Alignment"]] = {}
    titles: dict[str, str] = {}
    for a in c.alignments:
        key = _group_key(a)
        members.setdefault(key, []).append(a)
        titles.setdefault(key, group_title(a))
    used: set[str] = set()
    result = []
    for key, records in members.items():
        anchor = base = _slug(key)
        n = 2
        while anchor in used:  # "1.a" and "1-a" slug alike; keep anchors unique
            anchor = f"{base}-{n}"
            n += 1
        used.add(anchor)
        result.append(Group(key, titles[key], anchor, tuple(records)))
    return tuple(result)


# --------------------------------------------------------------------------- records


def record_segments(alignment: "Alignment", lang: str) -> tuple["Segment", ...]:
    """Return the segments of ``alignment`` in ``lang`` (empty when that side has none)."""
    return tuple(alignment.segments.get(lang, ()))


def record_ids(alignment: "Alignment", lang: str) -> str:
    """Return the segment ids of ``alignment`` in ``lang`` joined by spaces ("" if none)."""
    return " ".join(s.id for s in record_segments(alignment, lang))


def record_line(alignment: "Alignment", lang: str) -> int | None:
    """Return the source line of the first segment of ``alignment`` in ``lang``, or None."""
    segs = record_segments(alignment, lang)
    return segs[0].line if segs else None


def alignment_of(c: "Comparison") -> dict[int, "Alignment"]:
    """Return a map from ``id(divergence)`` to the record that holds it."""
    return {id(d): a for a in c.alignments for d in a.divergences}


def evidence_lines(evidence: Iterable["Evidence"]) -> str:
    """Return ``"kk:12, az:40"``: where the quotes of a divergence stand, each place once
    (``"kk:¶ 41"``, ``"ru:p. 3, line 12"`` for a Word or PDF version)."""
    return ", ".join(dict.fromkeys(
        f"{e.language}:{e.line if e.where == f'line {e.line}' else e.where}" for e in evidence))


def evidence_languages(evidence: Iterable["Evidence"]) -> str:
    """Return the languages quoted by a divergence, each once, comma-separated."""
    return ", ".join(dict.fromkeys(e.language for e in evidence))


def source_name(c: "Comparison", lang: str) -> str | None:
    """Return the file name (no directory) of the source of ``lang``, or None if unknown."""
    treaty = c.treaties.get(lang)
    path = getattr(treaty, "source_path", None)
    if not path:
        return None
    text = str(path)
    # A Windows path in a result made on Windows still yields its bare name here.
    pure: PurePath = PureWindowsPath(text) if "\\" in text else PurePosixPath(text)
    return pure.name or text


def title_of(c: "Comparison") -> str:
    """Return the title of the first language version that has one ("" if none has)."""
    for lang in c.languages:
        treaty = c.treaties.get(lang)
        if treaty is not None and treaty.title:
            return str(treaty.title)
    return ""


def format_score(score: float) -> str:
    """Return ``score`` with two decimals ("0.93"), or "n/a" when it is not a number."""
    try:
        value = float(score)
    except (TypeError, ValueError):
        return "n/a"
    return f"{value:.2f}" if math.isfinite(value) else "n/a"


def first_words(text: str, width: int) -> str:
    """Return the start of ``text`` (whitespace collapsed) fitted into ``width`` columns."""
    return fit(" ".join(text.split()), width)


# --------------------------------------------------------------------------- display width


@lru_cache(maxsize=4096)
def _char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Return how many terminal columns ``text`` takes (wide CJK = 2, combining marks = 0)."""
    if text.isascii():  # no wide, combining or format characters in ASCII
        return len(text)
    return sum(map(_char_width, text))


def fit(text: str, width: int) -> str:
    """Return ``text`` cut with "…" so that it takes at most ``width`` columns."""
    # scan only as far as the width reaches: a clause can be a megabyte long
    used = 0
    for ch in text:
        used += _char_width(ch)
        if used > width:
            break
    else:
        return text
    out = []
    used = 0
    for ch in text:
        w = _char_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out).rstrip() + "…"


def pad(text: str, width: int) -> str:
    """Return ``text`` fitted into and padded with spaces to exactly ``width`` columns."""
    text = fit(text, width)
    return text + " " * (width - display_width(text))


def quote_pattern(quote: str) -> "re.Pattern[str] | None":
    """Return a pattern finding ``quote`` in clause text, case- and whitespace-insensitively.

    ``re.IGNORECASE`` folds case character by character, so match offsets stay offsets into
    the original text (``str.lower`` would not: Azerbaijani ``İ`` lowers to two characters).
    """
    words = quote.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)


def jsonable(value: Any, digits: int = 6) -> Any:
    """Return ``value`` as plain JSON data: tuples as lists, paths as file names, floats rounded.

    Non-finite floats become None, so that the output is strict JSON.
    """
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        return round(value, digits) if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {str(k): jsonable(v, digits) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v, digits) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((jsonable(v, digits) for v in value), key=repr)
    if isinstance(value, PurePath):
        return value.name  # an absolute path would make the JSON differ between machines
    if hasattr(value, "__fspath__"):
        return PurePath(value.__fspath__()).name
    if hasattr(value, "item"):  # numpy scalars
        return jsonable(value.item(), digits)
    return str(value)
