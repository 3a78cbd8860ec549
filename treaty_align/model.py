"""The document model shared by every stage: treaties, segments, alignments, divergences.

All classes are frozen dataclasses so that results can be hashed, compared and cached, and so
that no stage can mutate what an earlier stage produced.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, Literal, Mapping, Sequence

if TYPE_CHECKING:  # pandas is imported lazily: the CLI's parse path does not need it
    import pandas as pd

SegmentKind = Literal["title", "preamble", "paragraph", "item", "final", "signature", "instrument",
                      "heading", "container", "certification", "footnote", "note", "table"]
SEGMENT_KINDS: tuple[str, ...] = (
    "title",
    "preamble",
    "paragraph",
    "item",
    "final",
    "signature",
    "instrument",
    "heading",  # an article's title ('Статья 5 Решение по передаче' -> 'Решение по передаче')
    "container",  # a part / section / chapter heading (Раздел II, 2-тарау, Fəsil III)
    "certification",  # 'I certify that this text is an authentic copy ...': part of the version
    "footnote",  # a footnote of the text itself ('¹ The Statute was adopted ...'): compared
    "note",  # the database's notes: 'Примечание.', amendment history, publisher's notes
    "table",  # a table cell that is not a signature
)
#: kinds that are not clauses: aligned when they can be, never reported as omissions or changes
NON_CLAUSE_KINDS: frozenset[str] = frozenset({"note", "table"})

Severity = Literal["major", "minor", "info"]
SEVERITIES: tuple[str, ...] = ("major", "minor", "info")  # most severe first


#: the checks of :mod:`treaty_align.diverge`, in the order they run and reports list them
CHECK_KINDS: tuple[str, ...] = (
    "numbers",
    "crossref",
    "structure",
    "markers",
    "actor",
    "terminology",
    "semantic",
    "quality",
)


def severity_rank(severity: str) -> int:
    """Return 0 for "major", 1 for "minor", 2 for "info" and 3 for an unknown severity."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


_NEWLINE = re.compile("\n")
# characters searched around the expected place of a quote before the whole segment is
_LOCATE_WINDOW = 4096
# warnings listed one by one in Treaty.format() before the rest are counted
_WARNINGS_LISTED = 5


@lru_cache(maxsize=4096)  # re's own cache keeps 512: the quotes of a long document overflow it
def _quote_patterns(probe: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Return the patterns finding ``probe`` as whole words and anywhere, ignoring case."""
    # a regex search keeps offsets exact (str.lower() can change a text's length: Turkic 'İ'
    # lower-cases to two characters); word edges keep 'не' out of 'немесе'
    return (re.compile(r"(?<!\w)" + re.escape(probe) + r"(?!\w)", re.IGNORECASE),
            re.compile(re.escape(probe), re.IGNORECASE))


def newline_offsets(text: str) -> list[int]:
    """Return the offsets of the newlines of ``text``, in order (an index for :func:`line_of`)."""
    return [m.start() for m in _NEWLINE.finditer(text)]


def line_of(newlines: Sequence[int], offset: int) -> int:
    """Return the 1-based line holding character ``offset``, given :func:`newline_offsets`."""
    return bisect.bisect_left(newlines, max(0, offset)) + 1


@dataclass(frozen=True, slots=True)
class Segment:
    """One clause of a treaty: the smallest unit that is aligned and compared.

    ``id`` is stable and structural (``art10.p4``, ``art6.i13``, ``art3.p1.i2``, ``pre.3``,
    ``final.2``), so the same clause in two language versions usually has the same id.
    ``span`` is a pair of character offsets into :attr:`Treaty.source` (the decoded source with
    newlines normalised to ``\\n``); ``line`` is the 1-based source line where the clause starts.
    """

    id: str
    kind: str
    text: str
    line: int
    span: tuple[int, int]
    article: str | None = None
    label: str | None = None
    #: the text as published when look-alike letters were folded in :attr:`text` (same length)
    original: str | None = None

    @property
    def published(self) -> str:
        """Return the text as published (before look-alike letters were folded)."""
        return self.original if self.original is not None else self.text

    #: where the clause stands in the file as received, for a person: "line 12" for text,
    #: "¶ 41" for Word, "p. 3, line 12" for PDF ("" = not known, i.e. "line <line>")
    location: str = ""

    @property
    def where(self) -> str:
        """Return the human location of the clause ("line 12", "¶ 41", "p. 3, line 12")."""
        return self.location or f"line {self.line}"

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready mapping used by ``treaty-align parse --format json``."""
        out: dict[str, Any] = {
            "id": self.id,
            "article": self.article,
            "kind": self.kind,
            "label": self.label,
            "text": self.text,
            "line": self.line,
            "location": self.where,
            "span": list(self.span),
        }
        if self.original is not None:
            out["original"] = self.original
        return out


@dataclass(frozen=True)
class Treaty:
    """One language version of a treaty, parsed into ordered segments."""

    language: str
    title: str
    segments: tuple[Segment, ...]
    warnings: tuple[str, ...] = ()
    source_path: str | None = None
    source: str = field(default="", repr=False, compare=False)
    encoding: str | None = None
    #: the location in the received file of each line of :attr:`source` (a Word paragraph, a
    #: PDF page and line); empty for a text file, whose lines are its own
    locations: tuple[str, ...] = field(default=(), repr=False, compare=False)

    def location(self, line: int) -> str:
        """Return the human location of 1-based ``line`` of :attr:`source` ("¶ 41", "line 12")."""
        if 1 <= line <= len(self.locations) and self.locations[line - 1]:
            return self.locations[line - 1]
        return f"line {line}"

    @property
    def articles(self) -> tuple[str, ...]:
        """Return the article numbers in document order, each once."""
        seen: dict[str, None] = {}
        for seg in self.segments:
            if seg.article is not None:
                seen.setdefault(seg.article, None)
        return tuple(seen)

    @cached_property
    def _by_article(self) -> dict[str | None, tuple[Segment, ...]]:
        groups: dict[str | None, list[Segment]] = {}
        for seg in self.segments:
            groups.setdefault(seg.article, []).append(seg)
        return {k: tuple(v) for k, v in groups.items()}

    @cached_property
    def _by_id(self) -> dict[str, Segment]:
        return {seg.id: seg for seg in self.segments}

    def article(self, number: str) -> tuple[Segment, ...]:
        """Return the segments of article ``number`` (empty when there is no such article)."""
        # an index built once: callers ask for every article, and a scan each time would make
        # that quadratic in the length of the treaty
        return self._by_article.get(number, ())

    def of_kind(self, *kinds: str) -> tuple[Segment, ...]:
        """Return the segments whose kind is one of ``kinds``, in document order."""
        return tuple(s for s in self.segments if s.kind in kinds)

    def segment(self, segment_id: str) -> Segment:
        """Return the segment with id ``segment_id``; raise ``KeyError`` if there is none."""
        return self._by_id[segment_id]

    @cached_property
    def _newlines(self) -> list[int]:
        return newline_offsets(self.source)

    def line_at(self, offset: int) -> int:
        """Return the 1-based source line that holds character ``offset`` of :attr:`source`."""
        return line_of(self._newlines, offset)

    def locate(self, segment: Segment, words: str, at: int | None = None) -> int:
        """Return the source line where ``words`` stand inside ``segment``.

        ``at`` is where the words start in ``segment.text``, when known: the clean text and the
        source differ only in whitespace and markup, so that relative position picks the right
        one among several occurrences. Without a match (the quote can straddle a line break of
        the source), the first word is looked for; failing that, the segment's own line.
        """
        start, end = segment.span
        chunk = self.source[start:end]
        estimate = None
        if at is not None and segment.text:
            estimate = at * len(chunk) / len(segment.text)
        for probe in (words, (words.split() or [""])[0]):
            if not probe:
                continue
            pattern, loose = _quote_patterns(probe)
            # look near the estimate first: scanning a whole 1 MB paragraph for every quote in
            # it made evidence quadratic in the paragraph's length
            windows = [(0, len(chunk))]
            if estimate is not None and len(chunk) > _LOCATE_WINDOW:
                lo = max(0, int(estimate) - _LOCATE_WINDOW // 2)
                windows.insert(0, (lo, min(len(chunk), lo + _LOCATE_WINDOW + len(probe))))
            for lo, hi in windows:
                found = [m.start() for m in pattern.finditer(chunk, lo, hi)]
                if not found:
                    found = [m.start() for m in loose.finditer(chunk, lo, hi)]
                if found:
                    best = found[0] if estimate is None else min(found, key=lambda f: (abs(f - estimate), f))
                    return self.line_at(start + best)
        return segment.line

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready mapping of ``treaty-align parse --format json``."""
        return {
            "language": self.language,
            "title": self.title,
            "source": self.source_path,
            "encoding": self.encoding,
            "warnings": list(self.warnings),
            "segments": [s.to_dict() for s in self.segments],
        }

    def format(self, width: int = 100) -> str:
        """Return a plain-text table of the structure, one line per segment, for a person.

        Columns: article, id, label, kind, source line and the first words of the text,
        cut to fit ``width`` characters.
        """
        header = f"{'art':>4}  {'id':<14} {'label':<6} {'kind':<10} {'line':>5}  text"
        rows = [f"{self.language} · {self.title}" if self.title else self.language, header, "-" * len(header)]
        for seg in self.segments:
            prefix = (
                f"{seg.article or '':>4}  {seg.id:<14} {seg.label or '':<6} "
                f"{seg.kind:<10} {seg.line:>5}  "
            )
            room = max(10, width - len(prefix))
            text = seg.text if len(seg.text) <= room else seg.text[: room - 1] + "…"
            rows.append(prefix + text)
        for warning in self.warnings[:_WARNINGS_LISTED]:
            rows.append(f"warning: {warning}")
        if len(self.warnings) > _WARNINGS_LISTED:
            # a 50 MB file can have tens of thousands: the JSON output keeps them all
            rows.append(f"... and {len(self.warnings) - _WARNINGS_LISTED} more warnings "
                        f"(all of them are in --format json)")
        return "\n".join(rows) + "\n"

    def to_frame(self) -> "pd.DataFrame":
        """Return a DataFrame with one row per segment.

        Columns: ``id, article, kind, label, text, line, start, end`` (``start``/``end`` are the
        span offsets into :attr:`source`).
        """
        import pandas as pd

        rows = [
            {
                "id": s.id,
                "article": s.article,
                "kind": s.kind,
                "label": s.label,
                "text": s.text,
                "line": s.line,
                "start": s.span[0],
                "end": s.span[1],
            }
            for s in self.segments
        ]
        columns = ["id", "article", "kind", "label", "text", "line", "start", "end"]
        return pd.DataFrame(rows, columns=columns)


@dataclass(frozen=True, slots=True)
class Evidence:
    """The words on one side of a divergence, quoted with where they stand in the source."""

    language: str
    segment_id: str
    line: int
    quote: str
    #: the human location of the quote in the received file ("" = "line <line>")
    location: str = ""

    @property
    def where(self) -> str:
        """Return the human location of the quote ("line 12", "¶ 41", "p. 3, line 12")."""
        return self.location or f"line {self.line}"

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready mapping of this piece of evidence."""
        return {
            "language": self.language,
            "segment": self.segment_id,
            "line": self.line,
            "location": self.where,
            "quote": self.quote,
        }


@dataclass(frozen=True)
class Resolution:
    """What the authoritative (prevailing) text says about a divergence."""

    authority: str
    agrees: tuple[str, ...]
    differs: tuple[str, ...]
    text: str

    def verdict(self) -> str:
        """Return e.g. ``"agrees with kk; differs from az"`` (which versions follow the authority)."""
        parts = []
        if self.agrees:
            parts.append("agrees with " + ", ".join(self.agrees))
        if self.differs:
            parts.append("differs from " + ", ".join(self.differs))
        return "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready mapping of this resolution."""
        return {
            "authority": self.authority,
            "agrees": list(self.agrees),
            "differs": list(self.differs),
            "text": self.text,
        }


#: the review decisions a translator can record on a finding
DECISION_STATUSES: tuple[str, ...] = ("accepted", "rejected")


@dataclass(frozen=True)
class Decision:
    """A translator's review decision on one finding, as recorded in the baseline file.

    ``accepted``: the difference is known and acceptable (e.g. the usual rendering); the finding
    no longer fails the gate. ``rejected``: the finding is a real error still to be fixed; it
    stays visible and keeps failing the gate.
    """

    status: str
    note: str = ""
    by: str = ""
    date: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready mapping (``by`` and ``date`` only when set)."""
        out: dict[str, Any] = {"status": self.status, "note": self.note}
        if self.by:
            out["by"] = self.by
        if self.date:
            out["date"] = self.date
        return out


@dataclass(frozen=True, slots=True)
class Divergence:
    """A difference in legal meaning between aligned clauses.

    ``kind`` names the check that found it (``numbers``, ``crossref``, ``structure``, ``markers``,
    ``actor``, ``terminology``, ``semantic``, ``quality``); ``id`` is a stable hash of kind,
    segment ids and evidence so that baselines survive reruns. ``citation`` maps each quoted
    language (and ``en``) to the place in that document's own citation style ("10-бап 1-тармақ",
    "Art. 10(1), third paragraph"); ``confidence`` in [0, 1] says how sure the check is;
    ``suggestion`` is the rendering the document itself uses elsewhere, when a check knows one;
    ``decision`` is the translator's review decision loaded from the baseline file.
    """

    id: str
    kind: str
    severity: str
    message: str
    evidence: tuple[Evidence, ...]
    alignment_id: str = ""
    resolution: Resolution | None = None
    confidence: float | None = None
    citation: Mapping[str, str] = field(default_factory=dict, compare=False)
    suggestion: str = ""
    decision: Decision | None = None

    @property
    def accepted(self) -> bool:
        """Return True when a translator accepted this finding (it no longer fails the gate)."""
        return self.decision is not None and self.decision.status == "accepted"

    def cite(self, language: str | None = None) -> str:
        """Return the citation in ``language`` (default English), else the first one, else ""."""
        if language and self.citation.get(language):
            return self.citation[language]
        return self.citation.get("en") or next(iter(self.citation.values()), "")

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready mapping of this divergence."""
        return {
            "id": self.id,
            "kind": self.kind,
            "severity": self.severity,
            "confidence": None if self.confidence is None else round(self.confidence, 2),
            "citation": dict(self.citation),
            "message": self.message,
            "evidence": [e.to_dict() for e in self.evidence],
            "suggestion": self.suggestion or None,
            "resolution": self.resolution.to_dict() if self.resolution else None,
            "decision": self.decision.to_dict() if self.decision else None,
        }


@dataclass(frozen=True, slots=True)
class Alignment:
    """One aligned record: the segments of each language that say the same thing.

    ``segments`` maps a language code to the (possibly empty) tuple of its segments in this
    record; an empty tuple means that language has no counterpart (an omission or an
    ``instrument`` that belongs to no other version). ``score`` is in [0, 1]; ``confidence``
    (in [0, 1], at most ``score``) is lower when the pairing could as well be one off, next to an
    omitted clause; ``low_confidence`` is set when it falls below the aligner's threshold.
    """

    id: str
    block: str
    article: str | None
    segments: Mapping[str, tuple[Segment, ...]]
    score: float
    low_confidence: bool = False
    divergences: tuple[Divergence, ...] = ()
    note: str = ""
    confidence: float = 0.0

    def with_divergences(self, divergences: tuple[Divergence, ...]) -> "Alignment":
        """Return this record with ``divergences`` instead of its own (itself when both are none).

        What ``dataclasses.replace`` does, without looking up every field by name: a comparison
        of a huge treaty makes one per record.
        """
        if not divergences and not self.divergences:
            return self
        return Alignment(self.id, self.block, self.article, self.segments, self.score, self.low_confidence,
                         divergences, self.note, self.confidence)

    def text(self, language: str) -> str:
        """Return the joined text of this record's segments in ``language`` ("" if none)."""
        return " ".join(s.text for s in self.segments.get(language, ()))

    def to_dict(self, languages: tuple[str, ...]) -> dict[str, Any]:
        """Return the JSON-ready mapping of this record, with a key for each of ``languages``."""
        return {
            "id": self.id,
            "block": self.block,
            "article": self.article,
            "segments": {
                lang: [
                    {"id": s.id, "text": s.text, "line": s.line, "location": s.where}
                    for s in self.segments.get(lang, ())
                ]
                for lang in languages
            },
            "score": round(self.score, 4),
            "confidence": round(self.confidence, 4),
            "low_confidence": self.low_confidence,
            "note": self.note,
            "divergences": [d.to_dict() for d in self.divergences],
        }


@dataclass(frozen=True)
class Comparison:
    """The result of comparing the language versions of one treaty.

    ``languages`` is ordered (pivot first when a Russian text is given); ``signature`` records the
    options and versions that produced the result (encoder, model version, package version), so
    that two JSON files can be told apart by how they were made.
    """

    languages: tuple[str, ...]
    treaties: Mapping[str, Treaty] = field(repr=False)
    alignments: tuple[Alignment, ...] = field(repr=False)
    signature: Mapping[str, Any] = field(repr=False)
    warnings: tuple[str, ...] = field(default=(), repr=False)
    authority: str | None = None
    #: ids of the findings a baseline file hid from this result (kept so reports can save them back)
    baselined: tuple[str, ...] = field(default=(), repr=False)

    def __repr__(self) -> str:
        counts = {s: 0 for s in SEVERITIES}
        for d in self.divergences:
            counts[d.severity] = counts.get(d.severity, 0) + 1
        found = ", ".join(f"{n} {s}" for s, n in counts.items())
        return (f"Comparison({' ↔ '.join(self.languages)}: {len(self.alignments)} records, "
                f"{found}; encoder={self.signature.get('encoder')!r}, authority={self.authority!r})")

    @property
    def divergences(self) -> tuple[Divergence, ...]:
        """Return every divergence of every record, in record order."""
        return tuple(d for a in self.alignments for d in a.divergences)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready mapping (stable key order) of the whole comparison."""
        from treaty_align.report.json import comparison_to_dict

        return comparison_to_dict(self)

    def to_json(self) -> str:
        """Return the comparison as JSON text; byte-identical for identical inputs and options."""
        from treaty_align.report.json import comparison_to_json

        return comparison_to_json(self)

    def to_html(self) -> str:
        """Return the standalone HTML report (what ``--format html`` writes)."""
        from treaty_align.report import render

        return render(self, "html")

    def to_frame(self) -> "pd.DataFrame":
        """Return one row per aligned record with one text column per language."""
        from treaty_align.report.frames import alignments_frame

        return alignments_frame(self)

    def divergences_frame(self) -> "pd.DataFrame":
        """Return one row per divergence."""
        from treaty_align.report.frames import divergences_frame

        return divergences_frame(self)

    def _repr_html_(self) -> str:
        from treaty_align.report.frames import comparison_html_summary

        return comparison_html_summary(self)
