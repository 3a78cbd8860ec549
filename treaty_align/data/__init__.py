"""Per-language knowledge files (``<lang>/*.json`` and ``<lang>/*.tsv``) and their readers.

Adding a language means adding a folder here; no code names a language's words.
"""

from __future__ import annotations

import csv
import io
import json
from functools import lru_cache
from importlib import resources
from typing import Any

from treaty_align.errors import OptionError


def available_languages() -> tuple[str, ...]:
    """Return the codes of the languages that have a data folder with a ``structure.json``."""
    root = resources.files(__package__)
    return tuple(
        sorted(
            entry.name
            for entry in root.iterdir()
            if entry.is_dir() and (entry / "structure.json").is_file()
        )
    )


def _data_file(lang: str, name: str) -> Any:
    path = resources.files(__package__) / lang / name
    if not path.is_file():
        raise OptionError(
            f"no language data '{name}' for language '{lang}' "
            f"(known languages: {', '.join(available_languages())})"
        )
    return path


@lru_cache(maxsize=None)
def load_json(lang: str, name: str) -> Any:
    """Return the parsed JSON file ``data/<lang>/<name>``; raise ``OptionError`` if absent."""
    return json.loads(_data_file(lang, name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def load_tsv(lang: str, name: str) -> tuple[dict[str, str], ...]:
    """Return the rows of the TSV file ``data/<lang>/<name>`` as dicts keyed by its header.

    Lines starting with ``#`` are comments.
    """
    text = _data_file(lang, name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple({k: (v or "").strip() for k, v in row.items()} for row in reader)


@lru_cache(maxsize=None)  # asked for every finding; the package's files do not change while it runs
def has_data(lang: str, name: str) -> bool:
    """Return True when ``data/<lang>/<name>`` exists."""
    return (resources.files(__package__) / lang / name).is_file()


@lru_cache(maxsize=None)
def check_constant(check: str, name: str) -> float:
    """Return the fitted constant ``name`` of ``check`` from ``calibration/checks.json``.

    Every threshold of the checks lives there with the corpus it was fitted on
    (``benchmarks/fit_checks.py`` refits them); integers come back as ``int``.
    """
    table = load_json("calibration", "checks.json")["checks"]
    try:
        return table[check][name]
    except KeyError:
        raise OptionError(f"calibration/checks.json has no constant '{check}.{name}'") from None
