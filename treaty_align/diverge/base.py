"""The contract every divergence check follows, the registry of checks, and shared helpers.

A check looks at aligned records and, for each record, computes one comparable *feature value*
per language (a set of numbers, the marker concepts, the actor and voice, ...). When the values
differ it emits a :class:`~treaty_align.model.Divergence` through :func:`make_divergence`, which
also computes the stable id and, when an authoritative language is given, the resolution from
those same values (see :mod:`treaty_align.diverge.resolve`).
"""

from __future__ import annotations

import hashlib
import json
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Hashable, Iterator, Mapping, Sequence, TypeVar

from treaty_align.citation import citations
from treaty_align.diverge.morphology import fold, words
from treaty_align.diverge.resolve import resolve
from treaty_align.errors import OptionError
from treaty_align.model import CHECK_KINDS, NON_CLAUSE_KINDS, SEVERITIES, Alignment, Divergence, Evidence, Segment, Treaty

if TYPE_CHECKING:
    from treaty_align.meaning import Provision

MAJOR = "major"
MINOR = "minor"
INFO = "info"
SEVERITY_ORDER: tuple[str, ...] = SEVERITIES

#: blocks whose records never produce omission or comparison findings
#: (notes and tables are not clauses: a note in one version only is the publisher's, not a divergence)
SKIPPED_BLOCKS: frozenset[str] = frozenset({"instrument"}) | NON_CLAUSE_KINDS

#: longest quote of a whole segment used as evidence, in characters
MAX_QUOTE = 160


@dataclass(frozen=True)
class Side:
    """One language's part of one record: the joined text and where each segment lies in it."""

    lang: str
    segments: tuple[Segment, ...]
    text: str
    starts: tuple[int, ...]

    @classmethod
    def of(cls, alignment: Alignment, lang: str) -> "Side":
        """Return the side of ``lang`` in ``alignment`` (empty when the language has no segment)."""
        segs = tuple(alignment.segments.get(lang, ()))
        if len(segs) <= 1:
            return cls(lang, segs, segs[0].text if segs else "", (0,) if segs else ())
        starts, pos = [], 0
        for seg in segs:
            starts.append(pos)
            pos += len(seg.text) + 1
        return cls(lang, segs, " ".join(s.text for s in segs), tuple(starts))

    @cached_property
    def folded(self) -> str:
        """Return :attr:`text` folded to lower case the language's way (same length)."""
        # computed when a check asks: the omission checks of a long document never do
        return fold(self.text, self.lang)

    @property
    def empty(self) -> bool:
        """Return True when this language has no segment in the record."""
        return not self.segments

    def segment_at(self, offset: int) -> Segment:
        """Return the segment holding character ``offset`` of :attr:`text`."""
        idx = 0
        for i, s in enumerate(self.starts):
            if s <= offset:
                idx = i
        return self.segments[idx]


@dataclass
class CheckContext:
    """What a check may consult besides the records themselves.

    ``treaties`` (optional) gives exact source lines for quotes; ``authority`` is the prevailing
    language (resolution is computed only when it is one of ``languages``); ``encode`` (optional)
    turns texts into unit vectors for the semantic check; ``notices`` collects
    one-line messages (e.g. that an optional backend is unavailable) for the caller to show.
    ``records`` are all records of the comparison (lists are read across records); the legal
    meaning of each side (:mod:`treaty_align.meaning`) is computed once and cached here.
    """

    languages: tuple[str, ...]
    treaties: Mapping[str, Treaty] | None = None
    authority: str | None = None
    backend: str = "rules"
    encode: Callable[[list[str]], Any] | None = None
    notices: list[str] = field(default_factory=list)
    records: Sequence[Alignment] = ()
    _provisions: dict[tuple[str, str], Any] = field(default_factory=dict, repr=False)
    _lists: Mapping[str, tuple[int, ...]] | None = field(default=None, repr=False)

    def provision(self, alignment: Alignment, lang: str) -> "Provision | None":
        """Return the :class:`~treaty_align.meaning.Provision` of ``lang``'s side of ``alignment``."""
        from treaty_align.meaning import read

        key = (alignment.id, lang)
        if key not in self._provisions:
            text = alignment.text(lang)
            self._provisions[key] = read(text, lang) if text else None
        return self._provisions[key]

    def list_members(self, alignment: Alignment) -> tuple[int, ...]:
        """Return the indexes in :attr:`records` of the list ``alignment`` belongs to (() if none)."""
        from treaty_align.meaning import list_groups

        if self._lists is None:
            self._lists = list_groups(self.records)
        return self._lists.get(alignment.id, ())

    def list_provision(self, alignment: Alignment, lang: str) -> "Provision | None":
        """Return the provision of ``lang`` over the whole list ``alignment`` belongs to.

        A list's lead-in and its items are read together; a record outside a list (or not among
        :attr:`records`) gives its own provision.
        """
        from treaty_align.meaning import merge

        members = self.list_members(alignment)
        if len(members) <= 1:
            return self.provision(alignment, lang)
        parts = [p for i in members if (p := self.provision(self.records[i], lang)) is not None]
        return merge(parts)

    @property
    def resolving(self) -> bool:
        """Return True when divergences get a resolution (the authority is a compared language)."""
        return self.authority is not None and self.authority in self.languages

    def sides(self, alignment: Alignment) -> dict[str, Side]:
        """Return the :class:`Side` of every compared language of ``alignment``."""
        return {lang: Side.of(alignment, lang) for lang in self.languages}

    def evidence(self, side: Side, start: int, end: int) -> Evidence:
        """Return the evidence quoting ``side.text[start:end]``, with its segment and source line."""
        # quote the text as published: folded look-alike letters are shown as they were typed
        # (a segment's original has the same length as its text, so offsets carry over)
        published = " ".join(s.published for s in side.segments) if any(
            s.original is not None for s in side.segments) else side.text
        quote = published[start:end].strip()
        seg = side.segment_at(start)
        line = seg.line
        location = seg.location
        if self.treaties is not None and side.lang in self.treaties and quote:
            offset = start - side.starts[side.segments.index(seg)]
            treaty = self.treaties[side.lang]
            line = treaty.locate(seg, quote, at=max(0, offset))
            # a Word paragraph or PDF page and line, where the quote stands in the received file
            location = treaty.location(line)
        return Evidence(language=side.lang, segment_id=seg.id, line=line, quote=quote, location=location)

    def whole(self, side: Side, limit: int = MAX_QUOTE) -> Evidence:
        """Return evidence quoting the start of ``side`` (cut at a word boundary near ``limit``)."""
        return self.evidence(side, 0, cut(side.text, limit))

    def near(self, side: Side, fraction: float, width: int = 8) -> Evidence:
        """Return evidence quoting about ``width`` words of ``side`` around relative position ``fraction``.

        Used for the side where something is *absent*: translations keep the order of ideas
        roughly, so the words at the same relative place are the best place to look.
        """
        spans = words(side.text)
        if not spans:
            return self.evidence(side, 0, len(side.text))
        centre = min(len(spans) - 1, max(0, int(round(fraction * (len(spans) - 1)))))
        lo = max(0, centre - width // 2)
        hi = min(len(spans), lo + width)
        lo = max(0, hi - width)
        return self.evidence(side, spans[lo][0], spans[hi - 1][1])


def cut(text: str, limit: int) -> int:
    """Return where to cut ``text`` so that at most ``limit`` characters remain, at a word end."""
    if len(text) <= limit:
        return len(text)
    at = text.rfind(" ", 0, limit)
    return at if at > 0 else limit


def stable_id(kind: str, segment_ids: Sequence[str], quotes: Sequence[str]) -> str:
    """Return the short hex id of a divergence: sha1 of kind, segment ids and evidence quotes.

    Lines and messages are left out on purpose, so that an edit elsewhere in the file or a
    reworded message keeps the id (and baselines that suppress it) valid. Ids and quotes are
    sorted, so the id does not depend on the order the versions were given in (``compare KK AZ``
    and ``compare AZ KK`` give the same ids) nor on which version is the pivot.
    """
    payload = "\x1f".join([kind, "\x1e".join(sorted(set(segment_ids))), "\x1e".join(sorted(quotes))])
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:12]


def make_divergence(
    kind: str,
    severity: str,
    message: str,
    evidence: Sequence[Evidence],
    *,
    alignment: Alignment,
    context: CheckContext,
    values: Mapping[str, Hashable] | None = None,
    authority_text: str | None = None,
    strength: float | None = None,
    suggestion: str = "",
    resolved: bool = True,
) -> Divergence:
    """Return a Divergence with its stable id, ``alignment_id`` and (when resolving) resolution.

    ``values`` are the per-language feature values the check compared; the resolution says
    which languages agree with the authority's value. ``authority_text`` defaults to the
    authority's evidence quote, else its whole text in the record. ``strength`` in [0, 1] is
    how strong the check's own evidence is (default: the kind's fitted precision, see
    :func:`confidence`); ``suggestion`` is a rendering the document uses elsewhere.
    ``resolved=False`` leaves out the resolution: a flaw of one version's text (a typo) is
    not a difference the prevailing text decides.
    Every divergence also gets its citation in each document's style.
    """
    if severity not in SEVERITY_ORDER:
        raise ValueError(f"unknown severity {severity!r}")
    evidence = tuple(sorted(evidence, key=lambda e: _lang_rank(e.language, context.languages)))
    ident = stable_id(
        kind,
        [f"{lang}:{s.id}" for lang in context.languages for s in alignment.segments.get(lang, ())],
        [f"{e.language}:{e.quote}" for e in evidence],
    )
    resolution = None
    if context.resolving and resolved:
        auth = context.authority
        assert auth is not None
        if authority_text is None:
            quotes = [e.quote for e in evidence if e.language == auth]
            authority_text = " … ".join(quotes) if quotes else alignment.text(auth)
        resolution = resolve(values or {}, auth, context.languages, authority_text)
    return Divergence(
        id=ident,
        kind=kind,
        severity=severity,
        message=message,
        evidence=evidence,
        alignment_id=alignment.id,
        resolution=resolution,
        confidence=confidence(kind, alignment, strength, severity),
        citation=record_citation(alignment, evidence, context),
        suggestion=suggestion,
    )


def confidence(kind: str, alignment: Alignment, strength: float | None = None,
               severity: str | None = None) -> float:
    """Return how sure a finding is, in [0, 1]: evidence strength times alignment certainty.

    ``strength`` defaults to the precision of ``kind`` at ``severity`` fitted on the real corpus
    (``data/confidence.json``, written by ``benchmarks/fit_confidence.py``: a major finding of a
    check is far more often a real difference than a minor one), else of ``kind`` alone. A
    finding on a record the aligner is unsure of may be an artefact of a wrong pairing, so the
    record's score scales it, and a low-confidence record halves it.
    """
    table = fitted_confidence()
    if strength is not None:
        base = strength
    else:
        by_severity = table.get("by_severity", {})
        base = by_severity.get(f"{kind} {severity}", table.get("severities", {}).get(
            severity, table.get("kinds", {}).get(kind, table.get("default", 0.5))))
    base = min(1.0, max(0.0, float(base)))
    score = min(1.0, max(0.0, float(alignment.score)))
    floor = float(table.get("alignment_floor", 0.6))
    value = base * (floor + (1.0 - floor) * score)
    if alignment.low_confidence:
        value *= 0.5
    return round(value, 2)


@lru_cache(maxsize=1)
def fitted_confidence() -> dict[str, Any]:
    """Return the fitted confidence table (``data/confidence.json``; empty when absent)."""
    path = resources.files("treaty_align.data") / "confidence.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def record_citation(alignment: Alignment, evidence: Sequence[Evidence],
                    context: CheckContext) -> dict[str, str]:
    """Return ``{lang: citation}`` of a finding: the first quoted segment of each language
    (else the record's first segment there), and ``en`` from the prevailing or first language."""
    chosen: dict[str, Segment] = {}
    for lang in context.languages:
        segs = alignment.segments.get(lang, ())
        if not segs:
            continue
        quoted = [e.segment_id for e in evidence if e.language == lang]
        by_id = {s.id: s for s in segs}
        chosen[lang] = next((by_id[i] for i in quoted if i in by_id), segs[0])
    english_from = context.authority if context.resolving else None
    return citations(chosen, english_from=english_from)


def _lang_rank(lang: str, languages: Sequence[str]) -> int:
    return languages.index(lang) if lang in languages else len(languages)


def worst(severities: Sequence[str]) -> str:
    """Return the most severe of ``severities`` (``info`` for an empty sequence)."""
    return min(severities, key=SEVERITY_ORDER.index) if severities else INFO


class Check(ABC):
    """A divergence check: one kind of difference between language versions.

    Subclasses set ``name`` (also the ``kind`` of their divergences) and ``description`` and
    implement :meth:`run`. They must be pure: the same records give the same findings.
    """

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""

    @abstractmethod
    def run(
        self, alignments: Sequence[Alignment], languages: tuple[str, ...], context: CheckContext
    ) -> list[Divergence]:
        """Return the divergences found in ``alignments`` (each with ``alignment_id`` set)."""

    def records(self, alignments: Sequence[Alignment],
                languages: Sequence[str]) -> Iterator[tuple[Alignment, dict[str, Side]]]:
        """Yield each record to compare with the :class:`Side` of every language present in it."""
        for al in alignments:
            if self.compared(al, languages):
                yield al, {lang: Side.of(al, lang) for lang in languages if al.segments.get(lang)}

    @staticmethod
    def compared(alignment: Alignment, languages: Sequence[str]) -> bool:
        """Return True when a record should be compared: not skipped, two or more languages present."""
        if alignment.block in SKIPPED_BLOCKS:
            return False
        # every check asks of every record: no lists or generators built for the answer
        present = 0
        for lang in languages:
            segs = alignment.segments.get(lang)
            if segs:
                for s in segs:
                    if s.kind == "instrument":
                        return False
                present += 1
        return present >= 2


_REGISTRY: dict[str, type[Check]] = {}

C = TypeVar("C", bound=type[Check])


def register(cls: C) -> C:
    """Class decorator: add a check to the registry under its ``name``."""
    if not cls.name:
        raise ValueError(f"{cls.__name__} has no name")
    _REGISTRY[cls.name] = cls
    return cls


#: the order checks run in and their kinds are sorted in
CHECK_ORDER: tuple[str, ...] = CHECK_KINDS


def registry() -> dict[str, type[Check]]:
    """Return the registered checks by name, in :data:`CHECK_ORDER` (imports the check modules)."""
    _load_checks()
    ordered = {n: _REGISTRY[n] for n in CHECK_ORDER if n in _REGISTRY}
    ordered.update({n: c for n, c in sorted(_REGISTRY.items()) if n not in ordered})
    return ordered


def get_check(name: str) -> Check:
    """Return an instance of the check called ``name``; raise OptionError for an unknown name."""
    checks = registry()
    if name not in checks:
        raise OptionError(f"unknown check '{name}' (available: {', '.join(checks)})")
    return checks[name]()


def _load_checks() -> None:
    # importing the modules runs their @register decorators; done lazily to keep imports cheap
    from treaty_align.diverge import (  # noqa: F401
        actor,
        crossref,
        markers,
        numbers,
        quality,
        semantic,
        structure,
        terminology,
    )


def group_values(values: Mapping[str, Hashable]) -> list[tuple[Hashable, list[str]]]:
    """Return the distinct values with the languages holding each, in first-seen order."""
    groups: dict[Hashable, list[str]] = {}
    for lang, v in values.items():
        groups.setdefault(v, []).append(lang)
    return list(groups.items())

