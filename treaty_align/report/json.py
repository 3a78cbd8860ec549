"""JSON output: the machine-readable form of a comparison.

The text is byte-identical for identical inputs and options: keys keep a fixed order, floats
are rounded, there are no timestamps, and source files are recorded by name only (an absolute
path would differ between machines and leak a home directory into CI artifacts).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from treaty_align.baseline import decision_counts
from treaty_align.report._common import jsonable, low_confidence_count, severity_counts, source_name

if TYPE_CHECKING:
    from treaty_align.model import Comparison


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
        "alignments": [jsonable(a.to_dict(languages), 4) for a in c.alignments],
    }


def comparison_to_json(c: "Comparison") -> str:
    """Return ``c`` as JSON text (UTF-8 characters kept, 2-space indent, trailing newline)."""
    return json.dumps(comparison_to_dict(c), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
