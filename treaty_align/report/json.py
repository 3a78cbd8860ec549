"""JSON output: the machine-readable form of a comparison.

The text is byte-identical for identical inputs and options: keys keep a fixed order, floats
are rounded, there are no timestamps, and source files are recorded by name only (an absolute
path would differ between machines and leak a home directory into CI artifacts).
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any, Iterator

from treaty_align.baseline import decision_counts
from treaty_align.report._common import jsonable, low_confidence_count, severity_counts, source_name

if TYPE_CHECKING:
    from treaty_align.model import Alignment, Comparison, Divergence


def _header(c: "Comparison") -> dict[str, Any]:
    """Return every top-level entry of the JSON mapping of ``c`` but ``alignments``."""
    languages = tuple(c.languages)
    return {
        "signature": jsonable(dict(c.signature)),
        "languages": list(languages),
        "sources": {lang: source_name(c, lang) for lang in languages},
        "authority": c.authority,
        "encoder": jsonable(c.signature.get("encoder")),
        "warnings": [str(w) for w in c.warnings],
        "summary": {
            "records": len(c.alignments),
            "low_confidence": low_confidence_count(c),
            "divergences": severity_counts(c),
            "decisions": decision_counts(c),
            "baselined": len(c.baselined),
        },
    }


def comparison_to_dict(c: "Comparison") -> dict[str, Any]:
    """Return the JSON-ready mapping of ``c``, keys in a stable order.

    Shape::

        {"signature": {...}, "languages": ["kk", "az"], "sources": {"kk": "kk.txt", ...},
         "authority": null, "encoder": "...", "warnings": [...],
         "summary": {"records": n, "low_confidence": n,
                     "divergences": {"major": n, "minor": n, "info": n},
                     "decisions": {"accepted": n, "rejected": n, "open": n}, "baselined": n},
         "alignments": [Alignment.to_dict(languages), ...]}

    Each alignment carries ``id, block, article, segments{lang: [{id, text, line}]}, score,
    low_confidence, note, divergences[{id, kind, severity, confidence, citation{lang: text, en},
    message, evidence[{language, segment, line, quote}], suggestion, resolution, decision}]``;
    ``resolution`` is null without an authoritative text, ``decision`` ({status, note, by?,
    date?}) without a review decision from the baseline file.
    """
    languages = tuple(c.languages)
    out = _header(c)
    out["alignments"] = [jsonable(a.to_dict(languages), 4) for a in c.alignments]
    return out


#: strings joined into one piece of :func:`iter_json` (about 300 KB of a typical report)
_PIECE_PARTS = 40_000


def iter_json(c: "Comparison") -> Iterator[str]:
    """Yield the text of :func:`comparison_to_json` in pieces, a record at a time.

    Written piece by piece, a report of a 50 MB treaty never exists whole in memory, neither as
    a mapping nor as one string.
    """
    languages = tuple(c.languages)
    header = _header(c)
    yield "{"
    for key, value in header.items():
        yield f"\n  {_string(key)}: {dumps_indented(value, 1)},"
    yield '\n  "alignments": '
    if not c.alignments:
        yield "[]"
    else:
        yield "["
        # records are joined into pieces of some hundred kilobytes: one write per record was a
        # sixth of the time of writing a large report
        parts: list[str] = []
        for n, a in enumerate(c.alignments):
            parts.append("\n    " if n == 0 else ",\n    ")
            _encode_record(a, languages, parts)
            if len(parts) >= _PIECE_PARTS:
                yield "".join(parts)
                parts.clear()
        if parts:
            yield "".join(parts)
        yield "\n  ]"
    yield "\n}\n"


def comparison_to_json(c: "Comparison") -> str:
    """Return ``c`` as JSON text (UTF-8 characters kept, 2-space indent, trailing newline)."""
    return "".join(iter_json(c))


_string = json.encoder.encode_basestring  # the C version when available, as json.dumps uses


def dumps_indented(value: Any, level: int = 0) -> str:
    """Return ``value`` as ``json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)``
    gives it, nested ``level`` deep (its lines indented as at that depth).

    The standard library encodes an indented document in Python, a generator per container;
    building the strings directly is several times faster, and the text is the same.
    """
    parts: list[str] = []
    _encode(value, level, parts)
    return "".join(parts)


def _encode(value: Any, level: int, parts: list[str]) -> None:
    if isinstance(value, str):
        parts.append(_string(value))
    elif value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif isinstance(value, int):
        parts.append(int.__repr__(value))
    elif isinstance(value, float):
        parts.append(_float(value))
    elif isinstance(value, (list, tuple)):
        if not value:
            parts.append("[]")
            return
        inner = "\n" + "  " * (level + 1)
        parts.append("[")
        for n, item in enumerate(value):
            parts.append(inner if n == 0 else "," + inner)
            _encode(item, level + 1, parts)
        parts.append("\n" + "  " * level + "]")
    elif isinstance(value, dict):
        if not value:
            parts.append("{}")
            return
        inner = "\n" + "  " * (level + 1)
        parts.append("{")
        for n, (key, item) in enumerate(value.items()):
            parts.append(inner if n == 0 else "," + inner)
            parts.append(_key(key))
            parts.append(": ")
            _encode(item, level + 1, parts)
        parts.append("\n" + "  " * level + "}")
    else:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


# the indentation before an entry at depth 3, 4, ... of the document (a record stands at depth 2)
_AT = ["\n" + "  " * depth for depth in range(12)]


def _encode_record(a: "Alignment", languages: tuple[str, ...], parts: list[str]) -> None:
    """Append the text of ``jsonable(a.to_dict(languages), 4)`` at depth 2, built field by field.

    The shape of :meth:`Alignment.to_dict`, :meth:`Divergence.to_dict` and
    :meth:`Evidence.to_dict` written out (a test holds the two equal): a report of a 50 MB
    treaty has a few million such fields, and walking freshly built mappings cost most of the
    time of writing it. Anything of another type than those methods give goes the general way.
    """
    at3, at4, at5, at6 = _AT[3], _AT[4], _AT[5], _AT[6]
    parts += ["{", at3, '"id": ', _leaf(a.id), ",", at3, '"block": ', _leaf(a.block), ",", at3, '"article": ',
              _leaf(a.article), ",", at3, '"segments": ']
    if not languages:
        parts.append("{}")
    else:
        parts.append("{")
        for n, lang in enumerate(languages):
            parts += [at4 if n == 0 else "," + at4, _string(lang), ": "]
            segs = a.segments.get(lang, ())
            if not segs:
                parts.append("[]")
                continue
            parts.append("[")
            for k, seg in enumerate(segs):
                parts += [at5 if k == 0 else "," + at5, "{", at6, '"id": ', _leaf(seg.id), ",", at6, '"text": ',
                          _leaf(seg.text), ",", at6, '"line": ', _leaf(seg.line), ",", at6, '"location": ',
                          _leaf(seg.where), at5, "}"]
            parts += [at4, "]"]
        parts += [at3, "}"]
    parts += [",", at3, '"score": ', _leaf(round(a.score, 4)), ",", at3, '"confidence": ', _leaf(round(a.confidence, 4)),
              ",", at3, '"low_confidence": ', _leaf(a.low_confidence), ",", at3, '"note": ', _leaf(a.note), ",", at3,
              '"divergences": ']
    if not a.divergences:
        parts.append("[]")
    else:
        parts.append("[")
        for n, d in enumerate(a.divergences):
            parts.append(at4 if n == 0 else "," + at4)
            _encode_divergence(d, parts)
        parts += [at3, "]"]
    parts += [_AT[2], "}"]


def _encode_divergence(d: "Divergence", parts: list[str]) -> None:
    """Append the text of ``jsonable(d.to_dict(), 4)`` at depth 4 (see :func:`_encode_record`)."""
    at5, at6, at7 = _AT[5], _AT[6], _AT[7]
    parts += ["{", at5, '"id": ', _leaf(d.id), ",", at5, '"kind": ', _leaf(d.kind), ",", at5, '"severity": ',
              _leaf(d.severity), ",", at5, '"confidence": ',
              _leaf(None if d.confidence is None else round(d.confidence, 2)), ",", at5, '"citation": ']
    _encode_jsonable(dict(d.citation), 5, parts, 4)
    parts += [",", at5, '"message": ', _leaf(d.message), ",", at5, '"evidence": ']
    if not d.evidence:
        parts.append("[]")
    else:
        parts.append("[")
        for n, e in enumerate(d.evidence):
            parts += [at6 if n == 0 else "," + at6, "{", at7, '"language": ', _leaf(e.language), ",", at7,
                      '"segment": ', _leaf(e.segment_id), ",", at7, '"line": ', _leaf(e.line), ",", at7,
                      '"location": ', _leaf(e.where), ",", at7, '"quote": ', _leaf(e.quote), at6, "}"]
        parts += [at5, "]"]
    parts += [",", at5, '"suggestion": ', _leaf(d.suggestion or None), ",", at5, '"resolution": ']
    _encode_jsonable(d.resolution.to_dict() if d.resolution else None, 5, parts, 4)
    parts += [",", at5, '"decision": ']
    _encode_jsonable(d.decision.to_dict() if d.decision else None, 5, parts, 4)
    parts += [_AT[4], "}"]


def _leaf(value: Any) -> str:
    """Return the text of ``jsonable(value, 4)`` for a string, number, boolean or None."""
    # a few million leaves in a large report: the exact types first, without the general walk
    kind = type(value)
    if kind is str:
        return _string(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        return _float(round(value, 4)) if math.isfinite(value) else "null"
    if isinstance(value, str):
        return _string(value)
    parts: list[str] = []
    _encode_jsonable(value, 0, parts, 4)
    return "".join(parts)


def _encode_jsonable(value: Any, level: int, parts: list[str], digits: int) -> None:
    """Append ``_encode(jsonable(value, digits), level)`` without building the plain copy first."""
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        _encode(value, level, parts)
    elif isinstance(value, float):
        _encode(jsonable(value, digits), level, parts)
    elif isinstance(value, dict) and all(isinstance(k, str) for k in value):
        if not value:
            parts.append("{}")
            return
        inner = "\n" + "  " * (level + 1)
        parts.append("{")
        for n, (key, item) in enumerate(value.items()):
            parts.append(inner if n == 0 else "," + inner)
            parts.append(_string(key))
            parts.append(": ")
            _encode_jsonable(item, level + 1, parts, digits)
        parts.append("\n" + "  " * level + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            parts.append("[]")
            return
        inner = "\n" + "  " * (level + 1)
        parts.append("[")
        for n, item in enumerate(value):
            parts.append(inner if n == 0 else "," + inner)
            _encode_jsonable(item, level + 1, parts, digits)
        parts.append("\n" + "  " * level + "]")
    else:
        _encode(jsonable(value, digits), level, parts)


def _float(value: float) -> str:
    if value != value or value in (math.inf, -math.inf):
        raise ValueError("Out of range float values are not JSON compliant: " + repr(value))
    return float.__repr__(value)


def _key(key: Any) -> str:
    if isinstance(key, str):
        return _string(key)
    if isinstance(key, float):
        return _string(_float(key))
    if key is True:
        return '"true"'
    if key is False:
        return '"false"'
    if key is None:
        return '"null"'
    if isinstance(key, int):
        return _string(int.__repr__(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
