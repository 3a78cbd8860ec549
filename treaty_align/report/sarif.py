"""SARIF 2.1.0 output, for code-hosting platforms and CI annotations.

One run; ``tool.driver.rules`` has one rule per check kind; each finding is a result with
``ruleId`` = its check, ``level`` from its severity, one location per quoted language version
(the source file, relative, and the line of the quote) and a ``partialFingerprints`` entry
holding the finding's stable id so platforms track it across runs.
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from treaty_align.report._common import KNOWN_KINDS, clean_text, kinds_of, record_segments

if TYPE_CHECKING:
    from treaty_align.model import Alignment, Comparison, Divergence

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "treatyAlignFinding/v1"

#: severity -> SARIF result level
LEVELS: dict[str, str] = {"major": "error", "minor": "warning", "info": "note"}

#: check kind -> (rule name, short description, full description)
RULES: dict[str, tuple[str, str, str]] = {
    "numbers": (
        "NumberMismatch",
        "Numbers, dates or amounts differ between language versions.",
        "A number, date, time limit or amount in one language version is missing or different "
        "in another.",
    ),
    "crossref": (
        "CrossReferenceMismatch",
        "References to articles or paragraphs differ between language versions.",
        "A clause refers to a different article, paragraph or item in another language version.",
    ),
    "structure": (
        "StructureMismatch",
        "Articles, paragraphs or items are missing, extra or numbered differently.",
        "The structure of the versions differs: a clause has no counterpart, or articles and "
        "items are split, merged or numbered differently.",
    ),
    "markers": (
        "LegalMarkerMismatch",
        "Modal or negation markers (shall, may, not) differ between language versions.",
        "Obligation, permission or negation is expressed in one version but not in another.",
    ),
    "actor": (
        "ActorMismatch",
        "The party or body named as actor differs between language versions.",
        "The clause assigns the action to a different party, authority or body.",
    ),
    "terminology": (
        "TerminologyInconsistency",
        "A defined term is translated inconsistently.",
        "A term is rendered differently from its established translation or from elsewhere "
        "in the treaty.",
    ),
    "semantic": (
        "SemanticDivergence",
        "The aligned clauses appear to differ in meaning.",
        "Sentence embeddings of the aligned clauses are further apart than expected for "
        "translations of each other.",
    ),
    "quality": (
        "SourceQuality",
        "The source text has an extraction or formatting problem.",
        "Garbled text, misplaced words or encoding damage in a source make the comparison "
        "of this clause unreliable.",
    ),
}


def _rule_name(kind: str) -> str:
    return "".join(part.capitalize() for part in kind.replace("-", "_").split("_")) or "Check"


def _rule(kind: str) -> dict[str, Any]:
    name, short, full = RULES.get(
        kind, (_rule_name(kind), f"Finding of the '{kind}' check.", f"Finding of the '{kind}' check.")
    )
    return {
        "id": kind,
        "name": name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
    }


def artifact_uri(source_path: str | None, base: str | os.PathLike[str] | None = None) -> str | None:
    """Return the relative URI of ``source_path`` for SARIF, or None when it is unknown.

    A relative path is kept (as a POSIX path); an absolute path is made relative to ``base``
    (the current directory by default, which in CI is the repository root) and falls back to
    the bare file name when it lies outside ``base``. Characters outside URIs are %-encoded.
    """
    if not source_path:
        return None
    text = str(source_path)
    pure = PureWindowsPath(text) if "\\" in text else PurePosixPath(text)
    if pure.is_absolute():
        root = Path(base) if base is not None else Path.cwd()
        try:
            if isinstance(pure, PureWindowsPath) and os.sep != "\\":
                raise ValueError("a Windows path cannot lie under a POSIX directory")
            rel = PurePosixPath(Path(text).resolve().relative_to(root.resolve()).as_posix())
        except ValueError:
            rel = PurePosixPath(pure.name)
    else:
        rel = PurePosixPath(*pure.parts)
    return quote(rel.as_posix(), safe="/")


def _locations(
    c: "Comparison", a: "Alignment", d: "Divergence", base: str | os.PathLike[str] | None
) -> list[dict[str, Any]]:
    places: list[tuple[str, str, int, str | None, str]] = [
        (e.language, e.segment_id, e.line, e.quote, e.where) for e in d.evidence
    ]
    if not places:  # a finding with no quote still points at its record
        for lang in c.languages:
            segs = record_segments(a, lang)
            if segs:
                places.append((lang, segs[0].id, segs[0].line, None, segs[0].where))
                break
    locations: list[dict[str, Any]] = []
    seen: set[tuple[str, int]] = set()
    for lang, segment_id, line, words, where in places:
        if (lang, line) in seen:
            continue
        seen.add((lang, line))
        treaty = c.treaties.get(lang)
        uri = artifact_uri(getattr(treaty, "source_path", None), base)
        loc: dict[str, Any] = {}
        if uri is not None and getattr(treaty, "locations", ()):
            # a Word or PDF file has no text lines to point at: the message says where
            loc["physicalLocation"] = {"artifactLocation": {"uri": uri}}
        elif uri is not None:
            region: dict[str, Any] = {"startLine": max(1, int(line))}
            if words:
                region["snippet"] = {"text": clean_text(words)}
            loc["physicalLocation"] = {"artifactLocation": {"uri": uri}, "region": region}
        loc["logicalLocations"] = [
            {"name": segment_id, "fullyQualifiedName": f"{lang}/{segment_id}", "kind": "element"}
        ]
        cited = d.citation.get(lang)
        loc["message"] = {"text": f"{lang} version" + (f", {cited}" if cited else "") + f", {where}"}
        locations.append(loc)
    return locations


def sarif_log(c: "Comparison", base: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Return the SARIF 2.1.0 log of ``c`` as a dict (see the module docstring)."""
    from treaty_align import __version__

    kinds = tuple(KNOWN_KINDS) + tuple(k for k in kinds_of(c) if k not in KNOWN_KINDS)
    rule_index = {k: i for i, k in enumerate(kinds)}
    results = []
    for a in c.alignments:
        for d in a.divergences:
            text = " ".join(clean_text(d.message).split())
            quoted = "; ".join(f"{e.language} {e.where}: «{clean_text(e.quote)}»" for e in d.evidence)
            props: dict[str, Any] = {
                "severity": d.severity,
                "alignmentId": d.alignment_id or a.id,
                "article": a.article,
                "citation": dict(d.citation),
                "confidence": d.confidence,
            }
            if d.suggestion:
                props["suggestion"] = d.suggestion
            if d.resolution is not None:
                props["resolution"] = d.resolution.to_dict()
            cited = d.cite()
            head = f"{cited}: {text}" if cited else text
            result: dict[str, Any] = {
                "ruleId": d.kind,
                "ruleIndex": rule_index[d.kind],
                "level": LEVELS.get(d.severity, "warning"),
                "message": {"text": f"{head} ({quoted})" if quoted else head},
                "locations": _locations(c, a, d, base),
                "partialFingerprints": {FINGERPRINT_KEY: d.id},
                "properties": props,
            }
            if d.decision is not None:
                # SARIF's own vocabulary for a review: accepted = suppressed, rejected = not
                suppression: dict[str, Any] = {"kind": "external", "status": d.decision.status}
                if d.decision.note:
                    suppression["justification"] = clean_text(d.decision.note)
                result["suppressions"] = [suppression]
            results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "treaty-align",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_rule(k) for k in kinds],
                    }
                },
                "results": results,
                "properties": {
                    "languages": list(c.languages),
                    "authority": c.authority,
                    "encoder": str(c.signature.get("encoder", "")) or None,
                },
            }
        ],
    }


def render_sarif(c: "Comparison") -> str:
    """Return ``c`` as SARIF 2.1.0 JSON text (source URIs relative to the current directory)."""
    return json.dumps(sarif_log(c), ensure_ascii=False, indent=2) + "\n"
