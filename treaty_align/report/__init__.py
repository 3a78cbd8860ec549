"""Every output format of a comparison, and the safe way to write one to disk.

``render(comparison, fmt)`` returns the text of a format named in :data:`FORMATS`;
``write_atomic(path, text)`` writes it so that a failure never leaves a half-written file.
All renderers are pure functions returning strings; only :func:`write_atomic` touches disk.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from treaty_align.errors import InputError, OptionError
from treaty_align.report.csv import render_csv
from treaty_align.report.html import render_html
from treaty_align.report.json import comparison_to_json, iter_json
from treaty_align.report.markdown import render_markdown
from treaty_align.report.sarif import render_sarif
from treaty_align.report.table import render_table
from treaty_align.report.tmx import render_tmx
from treaty_align.report.xliff import render_xliff

if TYPE_CHECKING:
    from typing import TextIO

    from treaty_align.model import Comparison

__all__ = ["FORMATS", "SUFFIXES", "check_writable", "render", "render_pieces", "sweep_stale_temp_files",
           "write_atomic"]

#: format name -> function returning the text of that format
FORMATS: dict[str, Callable[["Comparison"], str]] = {
    "table": render_table,
    "json": comparison_to_json,
    "markdown": render_markdown,
    "csv": render_csv,
    "sarif": render_sarif,
    "html": render_html,
    "tmx": render_tmx,
    "xliff": render_xliff,
}

#: format name -> usual file suffix (for naming output files)
SUFFIXES: dict[str, str] = {
    "table": ".txt",
    "json": ".json",
    "markdown": ".md",
    "csv": ".csv",
    "sarif": ".sarif",
    "html": ".html",
    "tmx": ".tmx",
    "xliff": ".xlf",
}


def render(comparison: "Comparison", fmt: str) -> str:
    """Return ``comparison`` rendered in format ``fmt``; raise ``OptionError`` if it is unknown."""
    try:
        renderer = FORMATS[fmt]
    except KeyError:
        raise OptionError(
            f"unknown output format '{fmt}' (choose from: {', '.join(FORMATS)})"
        ) from None
    return renderer(comparison)


def render_pieces(comparison: "Comparison", fmt: str) -> Iterable[str]:
    """Return the text of :func:`render` as pieces to write one after the other.

    JSON comes a record at a time (a report of a huge treaty is never one string in memory);
    the other formats as one piece.
    """
    if fmt == "json":
        return iter_json(comparison)
    return (render(comparison, fmt),)


def _default_mode() -> int:
    # mkstemp creates files readable by the owner only; a report should get the permissions a
    # plain open() would give it. Python 3.11 has no way to read the umask without setting it.
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


#: our temporary files: ``.<target name>.<random>.tmp`` next to the target (tempfile.mkstemp)
_TEMP_SUFFIX = ".tmp"
_TEMP_RANDOM = re.compile(r"[a-z0-9_]{8}")
#: a temporary file of ours older than this belongs to a run that was killed (SIGKILL, power
#: loss): a live write takes well under a second
STALE_TEMP_SECONDS = 600.0


def _is_device(target: Path) -> bool:
    return target.exists() and not target.is_dir() and not target.is_file()


def check_writable(path: str | os.PathLike[str], *, force: bool = False) -> None:
    """Raise ``InputError`` unless ``path`` can be written by :func:`write_atomic`; return None.

    Checked before a long run, so that a bad output path is reported at once: the directory
    must exist and be writable, ``path`` must not be a directory, and an existing read-only
    file is refused unless ``force``.
    """
    target = Path(path)
    if _is_device(target):
        return
    target = target.resolve() if target.is_symlink() else target
    parent = target.parent
    if not parent.is_dir():
        raise InputError(f"cannot write {target}: directory {parent} does not exist")
    if target.is_dir():
        raise InputError(f"cannot write {target}: it is a directory")
    if target.exists() and not force and not target.stat().st_mode & 0o222:
        raise InputError(f"{target} is read-only: not replaced (--force replaces it)")
    if not os.access(parent, os.W_OK):
        raise InputError(f"cannot write {target}: directory {parent} is not writable")


def sweep_stale_temp_files(path: str | os.PathLike[str], *, older_than: float = STALE_TEMP_SECONDS) -> int:
    """Remove the temporary files that killed runs left next to ``path``; return how many.

    Only files of our own pattern for this target (``.<name>.<8 random characters>.tmp``)
    that have not been touched for ``older_than`` seconds are removed.
    """
    target = Path(path)
    prefix = f".{target.name}."
    removed = 0
    now = time.time()
    try:
        candidates = [p for p in target.parent.iterdir()
                      if p.name.startswith(prefix) and p.name.endswith(_TEMP_SUFFIX)]
    except OSError:
        return 0
    for candidate in candidates:
        middle = candidate.name[len(prefix) : -len(_TEMP_SUFFIX)]
        if not _TEMP_RANDOM.fullmatch(middle):
            continue
        try:
            if candidate.is_file() and now - candidate.stat().st_mtime > older_than:
                candidate.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def _write_text(handle: "TextIO", text: str | Iterable[str]) -> None:
    if isinstance(text, str):
        handle.write(text)
        return
    for piece in text:
        handle.write(piece)


def write_atomic(path: str | os.PathLike[str], text: str | Iterable[str], *, force: bool = False) -> None:
    """Write ``text`` (UTF-8, newlines kept as given) to ``path`` atomically; return nothing.

    ``text`` may be a string or pieces of one (e.g. :func:`render_pieces`), written in order.

    The text goes to a temporary file in the same directory, which then replaces ``path``, so
    readers see the old file or the whole new one, never a part. An existing file keeps its
    permissions; a read-only one is refused unless ``force``. Stale temporary files of killed
    runs are swept first. Raises ``InputError`` with a one-line message when the directory is
    missing or not writable, ``path`` is a directory, or is read-only.
    """
    target = Path(path)
    if _is_device(target):
        # a device, FIFO or socket (-o /dev/null, -o /dev/stdout): replacing it would destroy
        # it, and atomicity means nothing there, so write straight through
        try:
            with open(target, "w", encoding="utf-8", newline="") as handle:
                _write_text(handle, text)
        except OSError as exc:
            raise InputError(f"cannot write {target}: {exc.strerror or exc}") from exc
        return
    # write next to the file a symbolic link points to, and replace that file, not the link
    target = target.resolve() if target.is_symlink() else target
    parent = target.parent
    check_writable(target, force=force)
    sweep_stale_temp_files(target)
    try:
        mode = target.stat().st_mode & 0o7777 if target.exists() else _default_mode()
        fd, tmp_name = tempfile.mkstemp(dir=parent, prefix=f".{target.name}.", suffix=_TEMP_SUFFIX)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            _write_text(handle, text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, target)
    except BaseException as exc:
        # whatever went wrong (disk full, bad text, Ctrl-C, SIGTERM), do not leave the temp
        # file behind
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise InputError(f"cannot write {target}: {exc.strerror or exc}") from exc
        raise
