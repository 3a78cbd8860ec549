"""Stage 3: for each aligned record, say whether the language versions say the same thing.

Usage::

    from treaty_align.diverge import find_divergences
    records = find_divergences(alignments, ("kk", "az"), treaties=treaties, authority="ru")

Each check (one module each, registered in :mod:`treaty_align.diverge.base`) computes a
comparable feature value per language and reports a :class:`~treaty_align.model.Divergence`
where the values differ. All language knowledge lives in ``treaty_align/data/<lang>/``.

Order of the result: records keep their input order; inside a record, divergences are sorted by
severity (major first), then by check (:data:`~treaty_align.diverge.base.CHECK_ORDER`), then by
id. The same input always gives the same output.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

from treaty_align.diverge.base import (
    CHECK_ORDER,
    INFO,
    MAJOR,
    MINOR,
    SEVERITY_ORDER,
    Check,
    CheckContext,
    get_check,
    make_divergence,
    register,
    registry,
)
from treaty_align.errors import OptionError
from treaty_align.model import Alignment, Divergence, Treaty

__all__ = [
    "CHECK_ORDER",
    "INFO",
    "MAJOR",
    "MINOR",
    "Check",
    "CheckContext",
    "available_checks",
    "describe_checks",
    "find_divergences",
    "make_divergence",
    "register",
]


def available_checks() -> tuple[str, ...]:
    """Return the names of all registered checks, in the order they run."""
    return tuple(registry())


def describe_checks() -> dict[str, str]:
    """Return a one-line description of each registered check, by name."""
    return {name: cls.description for name, cls in registry().items()}


def _sort_key(d: Divergence) -> tuple[int, int, str]:
    kind = CHECK_ORDER.index(d.kind) if d.kind in CHECK_ORDER else len(CHECK_ORDER)
    return (SEVERITY_ORDER.index(d.severity), kind, d.id)


def find_divergences(
    alignments: Sequence[Alignment],
    languages: tuple[str, ...],
    *,
    treaties: Mapping[str, Treaty] | None = None,
    authority: str | None = None,
    checks: Sequence[str] | None = None,
    backend: str = "rules",
    encode: Callable[[list[str]], Any] | None = None,
    notices: list[str] | None = None,
) -> tuple[Alignment, ...]:
    """Return copies of ``alignments`` whose ``divergences`` hold the findings of the checks.

    ``languages`` are the versions to compare (others in the records are ignored); ``treaties``
    (optional) give exact source lines for quoted words; ``authority`` is the prevailing language:
    when it is one of ``languages`` every divergence gets a resolution saying which versions
    agree with it (else ``resolution`` is None). ``checks`` selects checks by name (default: all).
    ``backend="stanza"`` uses Stanza models already on disk for voice; when they are missing a
    one-line notice is appended to ``notices`` and the lexicon-and-suffix rules are used.
    ``encode`` (an encoder's ``encode``: texts to unit vectors) lets the semantic check compare
    the versions by embedding similarity alone; without it the aligner's ``score`` is used.
    Existing divergences of the input records are replaced, not appended to.
    """
    if len(languages) < 2:
        raise OptionError("give at least two languages to compare")
    if backend not in ("rules", "stanza"):
        raise OptionError(f"unknown morphology backend '{backend}' (use 'rules' or 'stanza')")
    names = tuple(checks) if checks is not None else available_checks()
    instances: list[Check] = [get_check(name) for name in names]
    context = CheckContext(languages=tuple(languages), treaties=treaties, authority=authority,
                           backend=backend, encode=encode, records=tuple(alignments))
    by_record: dict[str, dict[str, Divergence]] = {al.id: {} for al in alignments}
    for check in instances:
        for d in check.run(alignments, context.languages, context):
            by_record.setdefault(d.alignment_id, {}).setdefault(d.id, d)
    if notices is not None:
        notices.extend(n for n in context.notices if n not in notices)
    found = tuple(
        al.with_divergences(tuple(sorted(by_record.get(al.id, {}).values(), key=_sort_key)))
        for al in alignments
    )
    # how the document itself renders the quoted wording elsewhere, for the translator
    # (imported here: renderings uses the morphology helpers of this package)
    from treaty_align.renderings import with_suggestions

    return with_suggestions(found, context.languages, authority)
