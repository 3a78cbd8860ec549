"""Where the bundled treaty texts live: ``corpora/<lang>/`` of the checkout, or the copy a
built wheel carries inside the package (see setup.py)."""

from __future__ import annotations

import os
from pathlib import Path

from treaty_align.errors import InputError

_FILES = {"kk": "kk.txt", "az": "az.md"}


def corpora_dir() -> Path:
    """Return the folder holding ``corpora/<lang>/``.

    In order: ``$TREATY_ALIGN_CORPORA``; the copy inside an installed wheel
    (``treaty_align/corpora``); the checkout's ``corpora/`` (an editable install).
    """
    env = os.environ.get("TREATY_ALIGN_CORPORA")
    if env:
        return Path(env)
    packaged = Path(__file__).resolve().parent / "corpora"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[1] / "corpora"


def bundled_path(lang: str) -> Path:
    """Return the path of the bundled text in ``lang``; ``InputError`` when it is not there."""
    if lang not in _FILES:
        raise InputError(f"no bundled text in '{lang}' (bundled: {', '.join(_FILES)}); pass the file")
    path = corpora_dir() / lang / _FILES[lang]
    if not path.is_file():
        raise InputError(
            f"the bundled {lang} text is not at {path}: reinstall treaty-align (the wheel carries "
            f"the texts), set TREATY_ALIGN_CORPORA, or pass the files"
        )
    return path
