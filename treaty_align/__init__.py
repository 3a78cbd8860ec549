"""treaty-align: check whether the language versions of a treaty say the same thing.

The public API is three functions, each a stage of the pipeline::

    import treaty_align
    kk = treaty_align.load("corpora/kk/kk.txt")          # parse  -> Treaty
    result = treaty_align.compare("corpora/kk/kk.txt", "corpora/az/az.md")  # align + diverge
    result.to_frame()

Heavy dependencies (pandas, spaCy, the embedding model) are imported only when used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from treaty_align.batch.results import CollectionResults
    from treaty_align.model import Comparison, Treaty

__all__ = ["__version__", "load", "compare", "bundled_corpus", "open_results"]


def load(path: Any, lang: str | None = None) -> "Treaty":
    """Return the :class:`~treaty_align.model.Treaty` parsed from the file at ``path``.

    The encoding and the language are detected unless ``lang`` is given.
    """
    from treaty_align.parse import load_treaty

    return load_treaty(path, lang=lang)


def bundled_corpus(lang: str) -> Any:
    """Return the path of the bundled text of the migration agreement in ``lang`` (kk or az)."""
    from treaty_align.corpus import bundled_path

    return bundled_path(lang)


def compare(kk: Any, az: Any, ru: Any = None, **options: Any) -> "Comparison":
    """Return the :class:`~treaty_align.model.Comparison` of two or three language versions.

    Each version is a path or a loaded ``Treaty``; ``options`` are those of
    :func:`treaty_align.pipeline.compare_treaties` (``encoder``, ``authority``, ...).
    """
    from treaty_align.pipeline import compare_treaties

    return compare_treaties(kk, az, ru=ru, **options)


def open_results(path: Any) -> "CollectionResults":
    """Return the pandas frames (documents, records, findings) of a ``treaty-align batch`` database.

    ``path`` is the batch's output folder or its ``results.sqlite3``.
    """
    from treaty_align.batch.results import open_results as _open

    return _open(path)
