"""Baselines: accept the known findings of a treaty so that CI fails only on new ones.

A baseline file is JSON::

    {"version": 1, "tool": "treaty-align",
     "divergences": [{"id": ..., "kind": ..., "severity": ..., "alignment_id": ..., "message": ...}]}

sorted by id, so that it diffs well under version control. Only the ids matter when it is
applied (divergence ids are stable hashes of check, segments and evidence); the other fields
are there for the person reviewing the baseline. A JSON report written by ``--format json``
is accepted as a baseline too.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from treaty_align.errors import InputError, OptionError
from treaty_align.model import SEVERITIES, severity_rank

if TYPE_CHECKING:
    from treaty_align.model import Comparison

BASELINE_VERSION = 1


def baseline_text(comparison: "Comparison") -> str:
    """Return the baseline file text recording every divergence of ``comparison``."""
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
    document = {
        "version": BASELINE_VERSION,
        "tool": "treaty-align",
        "divergences": [entries[key] for key in sorted(entries)],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_baseline(path: str | os.PathLike[str], comparison: "Comparison", *, force: bool = False) -> None:
    """Write the baseline of ``comparison`` to ``path`` atomically (``force``: even over a
    read-only file); return nothing."""
    from treaty_align.report import write_atomic

    write_atomic(path, baseline_text(comparison), force=force)


def _ids_from(document: Any, where: str) -> frozenset[str]:
    if isinstance(document, dict) and "alignments" in document and "divergences" not in document:
        # a JSON report used as a baseline: accept every finding it lists
        try:
            return frozenset(
                str(d["id"]) for a in document["alignments"] for d in a.get("divergences", ())
            )
        except (TypeError, KeyError, AttributeError) as exc:
            raise InputError(f"{where}: not a treaty-align baseline or JSON report") from exc
    if not isinstance(document, dict) or not isinstance(document.get("divergences"), list):
        raise InputError(
            f"{where}: not a treaty-align baseline (expected an object with a 'divergences' list; "
            "write one with --update-baseline)"
        )
    version = document.get("version")
    if version != BASELINE_VERSION:
        raise InputError(
            f"{where}: unsupported baseline version {version!r} (this treaty-align reads version "
            f"{BASELINE_VERSION}); write it again with --update-baseline"
        )
    ids = []
    for n, entry in enumerate(document["divergences"], start=1):
        if isinstance(entry, str):
            ids.append(entry)
        elif isinstance(entry, dict) and isinstance(entry.get("id"), str):
            ids.append(entry["id"])
        else:
            raise InputError(f"{where}: entry {n} of 'divergences' has no string 'id'")
    return frozenset(ids)


def load_baseline(path: str | os.PathLike[str]) -> frozenset[str]:
    """Return the divergence ids recorded in the baseline file at ``path``.

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
    return _ids_from(document, where)


def apply_baseline(comparison: "Comparison", ids: frozenset[str] | set[str]) -> "Comparison":
    """Return a copy of ``comparison`` without the divergences whose id is in ``ids``."""
    if not ids:
        return comparison
    alignments = tuple(
        dataclasses.replace(a, divergences=tuple(d for d in a.divergences if d.id not in ids))
        if any(d.id in ids for d in a.divergences)
        else a
        for a in comparison.alignments
    )
    return dataclasses.replace(comparison, alignments=alignments)


def gate(comparison: "Comparison", fail_on: str | None) -> int:
    """Return 1 if ``comparison`` has a divergence at or above severity ``fail_on``, else 0.

    Severities rank ``major`` > ``minor`` > ``info``; ``fail_on=None`` never fails. Raises
    ``OptionError`` for an unknown severity.
    """
    if fail_on is None:
        return 0
    if fail_on not in SEVERITIES:
        raise OptionError(f"unknown severity '{fail_on}' for --fail-on (choose from: {', '.join(SEVERITIES)})")
    threshold = severity_rank(fail_on)
    for d in comparison.divergences:
        if d.severity in SEVERITIES and severity_rank(d.severity) <= threshold:
            return 1
    return 0
