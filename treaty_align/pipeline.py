"""The whole job: parse each version, align, find divergences, return a Comparison.

This is the one place where the stages meet; each stage stays a pure function of its inputs.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any, Callable, Sequence

from treaty_align import __version__
from treaty_align.align import AlignOptions, align_treaties
from treaty_align.diverge import find_divergences
from treaty_align.errors import InputError, OptionError
from treaty_align.languages import choose_pivot, first_language, language_order
from treaty_align.model import Comparison, Treaty
from treaty_align.parse import load_treaty

TreatySource = str | os.PathLike[str] | Treaty
DEFAULT_ENCODER = "e5-small"


def _load(source: TreatySource, lang: str | None = None) -> Treaty:
    return load_treaty(source, lang=lang)


def load_versions(versions: Sequence[TreatySource], ru: TreatySource | None = None) -> dict[str, Treaty]:
    """Return the versions keyed by detected language, in the order given (``ru`` first).

    Raises :class:`InputError` when two versions are in the same language or the ``ru`` text
    is not Russian.
    """
    treaties: dict[str, Treaty] = {}
    if ru is not None:
        russian = _load(ru)
        if russian.language != "ru":
            raise InputError(
                f"{_name(ru)}: given as the Russian text but it looks like {russian.language}; "
                f"pass the Russian version with --ru"
            )
        treaties["ru"] = russian
    for source in versions:
        treaty = _load(source)
        if treaty.language in treaties:
            other = treaties[treaty.language]
            raise InputError(
                f"{_name(other)} and {_name(source)} are both in '{treaty.language}': "
                f"give versions in different languages"
            )
        treaties[treaty.language] = treaty
    return treaties


def _name(source: TreatySource | Treaty) -> str:
    if isinstance(source, Treaty):
        return source.source_path or f"the {source.language} text"
    return str(source)


def comparison_signature(encoder: Any, languages: Sequence[str], authority: str | None,
                         options: AlignOptions, checks: Sequence[str] | None,
                         morphology: str = "rules") -> dict[str, Any]:
    """Return the signature recorded in every result: what made it, with which versions."""
    from treaty_align.embed import encoder_signature

    sig = {"treaty_align": __version__}
    sig.update(encoder_signature(encoder))
    sig["languages"] = list(languages)
    sig["authority"] = authority
    sig["checks"] = list(checks) if checks is not None else "all"
    sig["morphology"] = morphology
    sig["align_options"] = dataclasses.asdict(options)
    from treaty_align.diverge.spelling import dictionaries_used

    # the typos found depend on the spelling dictionaries installed (the ``spell`` extra)
    spelling = dictionaries_used(languages)
    if spelling:
        sig["spelling_dictionaries"] = spelling
    return sig


def compare_treaties(
    *versions: TreatySource,
    ru: TreatySource | None = None,
    encoder: str = DEFAULT_ENCODER,
    authority: str | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    use_cache: bool = True,
    progress: Callable[[int, int], None] | None = None,
    checks: Sequence[str] | str | None = None,
    morphology: str = "rules",
    options: AlignOptions = AlignOptions(),
) -> Comparison:
    """Return the :class:`Comparison` of two or three language versions of one treaty.

    ``versions`` are paths or loaded Treaty objects in any order and any languages (e.g. the
    Kazakh and Azerbaijani texts, or Kazakh and Russian); the language of each is detected.
    ``ru`` names the Russian text explicitly (it must be Russian). The prevailing text that
    resolves divergences is ``authority``, or Russian when present; it comes first in the
    result's languages, the others in canonical order, whatever the order of the arguments. The
    pivot the others are aligned to is Russian when present, else the first language in
    canonical order, whichever text prevails (so records and finding ids do not depend on it).
    """
    from treaty_align.embed import get_encoder

    if isinstance(checks, str):  # "numbers,markers" as on the command line, not letters
        checks = [name.strip() for name in checks.split(",") if name.strip()]
    if len(versions) + (ru is not None) < 2:
        raise OptionError("give at least two language versions to compare")
    loaded = load_versions(versions, ru)
    if authority is None and "ru" in loaded:
        authority = "ru"
    if authority is not None and authority not in loaded:
        raise OptionError(
            f"--authority {authority}: no {authority} version given "
            f"(have {', '.join(language_order(tuple(loaded)))})"
        )
    # the argument order must not change the result: the order of languages (the prevailing
    # text first) is fixed by the languages themselves
    languages = language_order(tuple(loaded), first_language(tuple(loaded), authority))
    treaties = {lang: loaded[lang] for lang in languages}
    enc = get_encoder(encoder, cache_dir=cache_dir, use_cache=use_cache, progress=progress)
    # nor must the choice of the prevailing text: the versions are aligned to a pivot fixed by
    # the languages alone, so that records and finding ids (and the baselines that hold them)
    # are the same whichever text prevails; --authority only decides who departs from whom
    result = align_treaties(treaties, enc.encode, pivot=choose_pivot(tuple(loaded)), options=options)
    notices: list[str] = []
    alignments = find_divergences(result.alignments, languages, treaties=treaties, authority=authority,
                                  checks=checks, backend=morphology, encode=enc.encode,
                                  notices=notices)
    warnings = (tuple(f"{t.language}: {w}" for t in treaties.values() for w in t.warnings)
                + result.warnings + tuple(notices))
    return Comparison(
        languages=languages,
        treaties=treaties,
        alignments=tuple(alignments),
        signature=comparison_signature(enc, languages, authority, options, checks, morphology),
        warnings=warnings,
        authority=authority,
    )


def bundled_paths() -> tuple[Path, Path]:
    """Return the paths of the bundled Kazakh and Azerbaijani texts of the migration agreement."""
    from treaty_align.corpus import bundled_path

    return bundled_path("kk"), bundled_path("az")
