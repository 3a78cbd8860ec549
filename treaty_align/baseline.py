"""Baselines and review decisions: what a translator has already seen, accepted or rejected.

A baseline file is JSON (version 2; version 1 files, without ``decisions``, are still read)::

    {"version": 2, "tool": "treaty-align",
     "divergences": [{"id": ..., "kind": ..., "severity": ..., "alignment_id": ..., "message": ...}],
     "decisions": {"<finding id>": {"status": "accepted" | "rejected", "note": "...",
                                    "by": "...", "date": "YYYY-MM-DD"}}}

``divergences`` (sorted by id) are findings recorded as known: they are not shown and do not
fail the gate. ``decisions`` (sorted by id; ``by`` and ``date`` optional) are a translator's
review: an *accepted* finding is shown in every report marked accepted, with its note, and no
longer fails the gate; a *rejected* one (a real error still to fix) stays visible, marked
rejected, and keeps failing the gate. A decision wins over a ``divergences`` entry of the same
id. Only ids matter when the file is applied (finding ids are stable hashes of check, segments
and evidence); the other fields are for the person reading the file. A JSON report written by
``--format json`` is accepted as a baseline too (its findings and their decisions).
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from treaty_align.errors import InputError, OptionError
from treaty_align.model import DECISION_STATUSES, SEVERITIES, Decision, severity_rank

if TYPE_CHECKING:
    from treaty_align.model import Comparison

BASELINE_VERSION = 2
#: baseline versions this treaty-align reads
READABLE_VERSIONS: tuple[int, ...] = (1, 2)


@dataclass(frozen=True)
class Baseline:
    """What a baseline file holds: the ids of known findings and the review decisions."""

    ids: frozenset[str] = frozenset()
    decisions: Mapping[str, Decision] = field(default_factory=dict)


def baseline_text(comparison: "Comparison", decisions: Mapping[str, Decision] | None = None) -> str:
    """Return the baseline file text recording every divergence of ``comparison``.

    ``decisions`` are written under ``decisions`` (default: the decisions the findings of
    ``comparison`` carry), so that updating a baseline never loses a translator's review.
    """
    if decisions is None:
        decisions = {d.id: d.decision for d in comparison.divergences if d.decision is not None}
    entries: dict[str, dict[str, Any]] = {}
    for a in comparison.alignments:
        for d in a.divergences:
            entries.setdefault(
                d.id,
                {
                    "id": d.id,
                    "kind": d.kind,
                    "severity": d.severity,
                    "alignment_id": d.alignment_id or a.id,
                    "message": d.message,
                },
            )
    for ident in comparison.baselined:
        entries.setdefault(ident, {"id": ident})
    document = {
        "version": BASELINE_VERSION,
        "tool": "treaty-align",
        "divergences": [entries[key] for key in sorted(entries)],
        "decisions": {key: decisions[key].to_dict() for key in sorted(decisions)},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_baseline(path: str | os.PathLike[str], comparison: "Comparison",
                   decisions: Mapping[str, Decision] | None = None, *, force: bool = False) -> None:
    """Write the baseline of ``comparison`` (and ``decisions``) to ``path`` atomically
    (``force``: even over a read-only file); return nothing."""
    from treaty_align.report import write_atomic

    write_atomic(path, baseline_text(comparison, decisions), force=force)


def _decisions_from(raw: Any, where: str) -> dict[str, Decision]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise InputError(f"{where}: 'decisions' must be an object mapping finding ids to decisions")
    out = {}
    for ident, entry in raw.items():
        if isinstance(entry, str):
            entry = {"status": entry}
        if not isinstance(entry, dict) or entry.get("status") not in DECISION_STATUSES:
            raise InputError(f"{where}: the decision on finding {ident} needs a 'status' of "
                             f"{' or '.join(DECISION_STATUSES)}")
        fields = {k: entry.get(k) or "" for k in ("note", "by", "date")}
        if not all(isinstance(v, str) for v in fields.values()):
            raise InputError(f"{where}: the note, by and date of finding {ident} must be text")
        out[str(ident)] = Decision(status=entry["status"], **fields)
    return out


def _report_baseline(document: dict[str, Any], where: str) -> Baseline:
    # a JSON report used as a baseline: accept every finding it lists, keep its decisions
    try:
        found = [d for a in document["alignments"] for d in a.get("divergences", ())]
        ids = frozenset(str(d["id"]) for d in found)
        raw = {str(d["id"]): d["decision"] for d in found if d.get("decision")}
    except (TypeError, KeyError, AttributeError) as exc:
        raise InputError(f"{where}: not a treaty-align baseline or JSON report") from exc
    return Baseline(ids, _decisions_from(raw, where))


def _baseline_from(document: Any, where: str) -> Baseline:
    if isinstance(document, dict) and "alignments" in document and "divergences" not in document:
        return _report_baseline(document, where)
    if not isinstance(document, dict) or not isinstance(document.get("divergences"), list):
        raise InputError(
            f"{where}: not a treaty-align baseline (expected an object with a 'divergences' list; "
            "write one with --update-baseline)"
        )
    version = document.get("version")
    if version not in READABLE_VERSIONS:
        raise InputError(
            f"{where}: unsupported baseline version {version!r} (this treaty-align reads versions "
            f"{', '.join(map(str, READABLE_VERSIONS))}); write it again with --update-baseline"
        )
    ids = []
    for n, entry in enumerate(document["divergences"], start=1):
        if isinstance(entry, str):
            ids.append(entry)
        elif isinstance(entry, dict) and isinstance(entry.get("id"), str):
            ids.append(entry["id"])
        else:
            raise InputError(f"{where}: entry {n} of 'divergences' has no string 'id'")
    return Baseline(frozenset(ids), _decisions_from(document.get("decisions"), where))


def load_baseline(path: str | os.PathLike[str]) -> frozenset[str]:
    """Return the divergence ids recorded in the baseline file at ``path`` (not the decisions).

    Raises ``InputError`` with a one-line message when the file is missing, unreadable, not
    JSON, or not a baseline.
    """
    return read_baseline(path).ids


def read_baseline(path: str | os.PathLike[str]) -> Baseline:
    """Return the :class:`Baseline` (ids and review decisions) in the file at ``path``.

    Raises ``InputError`` with a one-line message when the file is missing, unreadable, not
    JSON, or not a baseline.
    """
    where = f"baseline {Path(path)}"
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{where} does not exist (create it with --update-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{where} cannot be read: {exc}") from exc
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{where} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from exc
    except RecursionError:
        raise InputError(f"{where} is nested too deeply to be a baseline") from None
    return _baseline_from(document, where)


def apply_baseline(comparison: "Comparison", ids: "frozenset[str] | set[str] | Baseline",
                   decisions: Mapping[str, Decision] | None = None) -> "Comparison":
    """Return a copy of ``comparison`` with a baseline applied.

    Findings whose id is in ``ids`` and that have no decision are removed (their ids are kept
    in ``Comparison.baselined``); findings with a decision in ``decisions`` stay and carry it.
    ``ids`` may be a :class:`Baseline`, which brings its own decisions.
    """
    if isinstance(ids, Baseline):
        decisions = {**ids.decisions, **(decisions or {})}
        ids = ids.ids
    decisions = decisions or {}
    if not ids and not decisions:
        return comparison
    hidden: list[str] = []
    alignments = []
    for a in comparison.alignments:
        kept = []
        for d in a.divergences:
            if d.id in decisions:
                kept.append(dataclasses.replace(d, decision=decisions[d.id]))
            elif d.id in ids:
                hidden.append(d.id)
            else:
                kept.append(d)
        alignments.append(dataclasses.replace(a, divergences=tuple(kept))
                          if len(kept) != len(a.divergences) or kept != list(a.divergences) else a)
    baselined = tuple(sorted(set(comparison.baselined) | set(hidden)))
    return dataclasses.replace(comparison, alignments=tuple(alignments), baselined=baselined)


def compare_with_baseline(comparison: "Comparison", baseline: Baseline, where: str) -> "Comparison":
    """Return ``comparison`` with ``baseline`` applied and what that did said in its warnings.

    The recorded findings without a decision are hidden, decisions are applied (see
    :func:`apply_baseline`); the warnings say how many findings the baseline ``where`` (its
    file name) hides, so that a baselined report never looks clean by accident, and when none
    of its entries match this comparison (the baseline of another treaty or other options).
    """
    current = {d.id for d in comparison.divergences}
    notes: list[str] = []
    if baseline.ids and not baseline.ids & current:
        notes.append(f"none of the {len(baseline.ids)} findings recorded in the baseline {where} "
                     f"match this comparison: is it the baseline of another treaty, or of other "
                     f"options (--encoder, --checks)?")
    reported = apply_baseline(comparison, baseline)
    hidden = len(comparison.divergences) - len(reported.divergences)
    if hidden:
        notes.append(f"{hidden} finding(s) recorded in the baseline {where} are not shown")
    if notes:
        reported = dataclasses.replace(reported, warnings=reported.warnings + tuple(notes))
    return reported


def decision_counts(comparison: "Comparison") -> dict[str, int]:
    """Return ``{"accepted": n, "rejected": n, "open": n}`` over the findings of ``comparison``."""
    counts = {status: 0 for status in DECISION_STATUSES}
    counts["open"] = 0
    for d in comparison.divergences:
        counts[d.decision.status if d.decision else "open"] += 1
    return counts


def gate(comparison: "Comparison", fail_on: str | None) -> int:
    """Return 1 if ``comparison`` has a divergence at or above severity ``fail_on``, else 0.

    Severities rank ``major`` > ``minor`` > ``info``; accepted findings never fail;
    ``fail_on=None`` never fails. Raises
    ``OptionError`` for an unknown severity.
    """
    if fail_on is None:
        return 0
    if fail_on not in SEVERITIES:
        raise OptionError(f"unknown severity '{fail_on}' for --fail-on (choose from: {', '.join(SEVERITIES)})")
    threshold = severity_rank(fail_on)
    for d in comparison.divergences:
        if d.accepted:  # a translator accepted it: known and fine, like a baselined finding
            continue
        if d.severity in SEVERITIES and severity_rank(d.severity) <= threshold:
            return 1
    return 0
