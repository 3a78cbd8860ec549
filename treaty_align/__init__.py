"""treaty-align: check whether the language versions of a treaty say the same thing.

The public API is a few functions, each a stage of the pipeline::

    import treaty_align
    kk = treaty_align.load(treaty_align.bundled_corpus("kk"))   # parse a file -> Treaty
    ru = treaty_align.load_text(text, lang="ru")                 # parse a string -> Treaty
    result = treaty_align.compare(treaty_align.bundled_corpus("kk"),
                                  treaty_align.bundled_corpus("az"), encoder="lexical")
    result.to_frame()

Everything a user can cause raises a :class:`TreatyAlignError`: :class:`InputError` (a file
that cannot be read or is not a treaty), :class:`OptionError` (an option value that does not
exist or contradicts another) or :class:`EncoderError` (an encoder that cannot be loaded).
Passing an object of the wrong type (bytes, ``None``, an open file) raises ``TypeError``.

Heavy dependencies (pandas, spaCy, the embedding model) are imported only when used.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from treaty_align.errors import EncoderError, InputError, OptionError, TreatyAlignError

__version__ = "0.1.0"

if TYPE_CHECKING:
    from treaty_align.batch.results import CollectionResults
    from treaty_align.model import Comparison, Treaty

__all__ = [
    "__version__",
    "load",
    "load_text",
    "compare",
    "bundled_corpus",
    "open_results",
    "TreatyAlignError",
    "InputError",
    "OptionError",
    "EncoderError",
]

# a path longer than this, or with a line break in it, is the text of a treaty passed by mistake
_LONGEST_PATH = 4096


def check_source(source: Any, what: str = "path") -> None:
    """Raise ``TypeError`` or ``InputError`` unless ``source`` can name a treaty file.

    A path is a ``str`` or ``os.PathLike``; a loaded ``Treaty`` is accepted too. Returns None.
    """
    from treaty_align.model import Treaty

    if isinstance(source, Treaty):
        return
    if isinstance(source, (bytes, bytearray, memoryview)):
        raise TypeError(f"{what} must be a file path (str or os.PathLike), not {type(source).__name__}; "
                        f"decode the bytes and use treaty_align.load_text(text)")
    if source is None or hasattr(source, "read"):
        kind = "None" if source is None else "a file object"
        raise TypeError(f"{what} must be a file path (str or os.PathLike), not {kind}; "
                        f"for a text in memory use treaty_align.load_text(text)")
    if not isinstance(source, (str, os.PathLike)):
        raise TypeError(f"{what} must be a file path (str or os.PathLike), not {type(source).__name__}")
    if isinstance(source, str) and ("\n" in source or len(source) > _LONGEST_PATH):
        raise InputError(f"this {what} looks like the text of a treaty ({len(source)} characters "
                         f"with line breaks), not a file name: use treaty_align.load_text(text)")


def load(path: Any = None, lang: str | None = None, *, text: str | None = None) -> "Treaty":
    """Return the :class:`~treaty_align.model.Treaty` parsed from the file at ``path``.

    ``text=`` parses a string instead (the same as :func:`load_text`). The encoding and the
    language are detected unless ``lang`` is given.
    """
    if text is not None:
        if path is not None:
            raise TypeError("give either a path or text=, not both")
        return load_text(text, lang=lang)
    check_source(path)
    from treaty_align.parse import load_treaty

    return load_treaty(path, lang=lang)


def load_text(text: str, lang: str | None = None, *, markdown: bool | None = None) -> "Treaty":
    """Return the :class:`~treaty_align.model.Treaty` parsed from the string ``text``.

    The language is detected unless ``lang`` is given; Markdown is detected from the syntax
    unless ``markdown`` says so.
    """
    if not isinstance(text, str):
        hint = "; decode it first (text = data.decode('utf-8'))" if isinstance(text, (bytes, bytearray)) else ""
        raise TypeError(f"text must be a str, not {type(text).__name__}{hint}")
    from treaty_align.parse import parse_text

    return parse_text(text, lang, markdown=markdown)


def bundled_corpus(lang: str) -> Any:
    """Return the path of the bundled text of the migration agreement in ``lang`` (kk or az)."""
    from treaty_align.corpus import bundled_path

    return bundled_path(lang)


def compare(*versions: Any, ru: Any = None, baseline: Any = None, **options: Any) -> "Comparison":
    """Return the :class:`~treaty_align.model.Comparison` of two or three language versions.

    Each version is a path (text, Markdown, HTML, .docx, PDF) or a loaded ``Treaty`` (from
    :func:`load` or :func:`load_text`), in any order and any languages; ``ru`` names the Russian
    one explicitly; ``options`` are those of :func:`treaty_align.pipeline.compare_treaties`
    (``encoder``, ``authority``, ``checks`` as a list or a comma-separated string, ...).

    ``baseline`` is a baseline file (``--baseline`` of the command line: its recorded findings
    are hidden, their ids kept in ``Comparison.baselined``, its review decisions applied, and
    the warnings say how many it hides) or a :class:`~treaty_align.baseline.Baseline`. It is
    read before the comparison starts, so a bad file fails at once.
    """
    for n, source in enumerate(versions, start=1):
        check_source(source, what=f"version {n} (a path or a Treaty)")
    if ru is not None:
        check_source(ru, what="ru (a path or a Treaty)")
    from treaty_align.baseline import Baseline, compare_with_baseline, read_baseline
    from treaty_align.pipeline import compare_treaties

    recorded: Baseline | None = None
    if isinstance(baseline, Baseline):
        recorded, where = baseline, "given"
    elif baseline is not None:
        if not isinstance(baseline, (str, os.PathLike)):
            raise TypeError(f"baseline must be a file path (str or os.PathLike) or a Baseline, "
                            f"not {type(baseline).__name__}")
        recorded, where = read_baseline(baseline), os.fspath(baseline)
    result = compare_treaties(*versions, ru=ru, **options)
    return result if recorded is None else compare_with_baseline(result, recorded, where)


def open_results(path: Any) -> "CollectionResults":
    """Return the pandas frames (documents, records, findings) of a ``treaty-align batch`` database.

    ``path`` is the batch's output folder or its ``results.sqlite3``.
    """
    from treaty_align.batch.results import open_results as _open

    return _open(path)
