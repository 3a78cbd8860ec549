"""What a batch runs: the documents of a collection, from a folder or a CSV manifest.

A *document* is one act: two or three files holding its language versions. The languages are
not named here; each version's language is detected when the worker parses it.

Folder layout: one sub-folder per act, holding its versions::

    collection/
      act-0001/  kk.md  ru.md
      act-0002/  kaz.txt  rus.txt  PROVENANCE.md

Every file whose suffix is one of :data:`TEXT_SUFFIXES` is a candidate version, except notes
whose name says what they are (:data:`NOTE_NAMES`: README, PROVENANCE, LICENSE...). A candidate
whose language cannot be detected is skipped by the worker with a warning on the document.

Manifest: a CSV file with a header row and the columns ``id``, ``paths`` (the versions,
separated by ``;``, relative to the manifest's folder) and, optionally, ``authority`` (the
prevailing language of that act).
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from treaty_align.errors import InputError

#: suffixes of the files that may hold a language version
TEXT_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".markdown", ".text", ".docx", ".html", ".htm", ".pdf")
#: file-name stems (lower case) of notes that sit beside the versions and are never a version
NOTE_NAMES: frozenset[str] = frozenset(
    {"readme", "provenance", "license", "licence", "changelog", "notes", "index", "divergences"}
)
MANIFEST_COLUMNS = ("id", "paths", "authority")
_MAX_VERSIONS = 3


@dataclass(frozen=True)
class Document:
    """One act of a collection: an id and the files of its language versions."""

    id: str
    paths: tuple[Path, ...]
    authority: str | None = None

    @property
    def report_name(self) -> str:
        """Return a file-system-safe, unique file stem for this document's report."""
        return report_stem(self.id)


def report_stem(doc_id: str) -> str:
    """Return the file stem of the report of ``doc_id``: a slug, plus a hash if it had to change."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", doc_id).strip("._-")[:80] or "document"
    if slug == doc_id:
        return slug
    return f"{slug}-{hashlib.sha256(doc_id.encode('utf-8')).hexdigest()[:8]}"


def is_candidate(path: Path) -> bool:
    """Return True when ``path`` may hold a language version (by suffix, not a known note)."""
    return (path.is_file() and path.suffix.lower() in TEXT_SUFFIXES
            and not path.name.startswith(".") and path.stem.lower() not in NOTE_NAMES)


def discover_folder(root: str | os.PathLike[str]) -> list[Document]:
    """Return the documents of a collection folder: one per sub-folder, sorted by name.

    Sub-folders without any candidate file are left out (an empty folder is not an act); a
    sub-folder with one candidate is kept, so that the batch records why it cannot be compared.
    Raises :class:`InputError` when ``root`` is not a folder or holds no act at all.
    """
    base = Path(root)
    if not base.is_dir():
        raise InputError(f"{base}: not a folder; give a collection folder or a manifest .csv")
    documents = []
    try:
        entries = sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith("."))
        for folder in entries:
            files = tuple(sorted(p for p in folder.iterdir() if is_candidate(p)))
            if files:
                documents.append(Document(id=folder.name, paths=files))
    except OSError as exc:
        raise InputError(f"{base}: cannot list the folder ({exc.strerror or exc})") from exc
    if not documents:
        raise InputError(
            f"{base}: no act found; the folder needs one sub-folder per act holding its language "
            f"versions ({', '.join(TEXT_SUFFIXES)})"
        )
    return documents


def read_manifest(path: str | os.PathLike[str]) -> list[Document]:
    """Return the documents listed in a CSV manifest, in file order.

    Raises :class:`InputError` (naming the line) for a missing column, an empty id, a repeated
    id, or a row with fewer than two or more than three paths. Paths are relative to the
    manifest's folder unless absolute; a missing file is the worker's error, not the manifest's.
    """
    manifest = Path(path)
    try:
        with open(manifest, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            fields = [f.strip().lower() for f in (reader.fieldnames or [])]
            missing = [c for c in ("id", "paths") if c not in fields]
            if missing:
                raise InputError(
                    f"{manifest}: the manifest needs a header row with the columns "
                    f"{', '.join(MANIFEST_COLUMNS[:2])} (and optionally authority); missing: {', '.join(missing)}"
                )
            reader.fieldnames = fields
            rows = list(reader)
    except OSError as exc:
        raise InputError(f"{manifest}: cannot read the manifest ({exc.strerror or exc})") from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{manifest}: not a UTF-8 CSV manifest ({exc})") from exc
    documents: list[Document] = []
    seen: set[str] = set()
    for line, row in enumerate(rows, start=2):
        doc_id = (row.get("id") or "").strip()
        if not doc_id:
            raise InputError(f"{manifest}:{line}: empty id")
        if doc_id in seen:
            raise InputError(f"{manifest}:{line}: id '{doc_id}' is listed twice")
        seen.add(doc_id)
        parts = [p.strip() for p in (row.get("paths") or "").split(";") if p.strip()]
        if not 2 <= len(parts) <= _MAX_VERSIONS:
            raise InputError(
                f"{manifest}:{line}: '{doc_id}' has {len(parts)} path(s); give 2 or 3 versions "
                f"separated by ';'"
            )
        paths = tuple(p if p.is_absolute() else manifest.parent / p for p in map(Path, parts))
        authority = (row.get("authority") or "").strip() or None
        documents.append(Document(id=doc_id, paths=paths, authority=authority))
    if not documents:
        raise InputError(f"{manifest}: the manifest lists no document")
    return documents


def collect(source: str | os.PathLike[str]) -> list[Document]:
    """Return the documents of ``source``: a collection folder or a ``.csv`` manifest."""
    path = Path(source)
    if path.is_file() and path.suffix.lower() == ".csv":
        return read_manifest(path)
    if path.is_dir():
        return discover_folder(path)
    if not path.exists():
        raise InputError(f"{path}: no such folder or manifest")
    raise InputError(f"{path}: give a collection folder (one sub-folder per act) or a manifest .csv")
