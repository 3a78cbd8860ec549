"""The encoder contract shared by every backend.

An encoder turns texts into L2-normalised float32 vectors whose dot product is the cosine
similarity. Backends subclass :class:`Encoder` and implement :meth:`Encoder._encode`; the base
class checks inputs and outputs so that every backend returns the same shapes, dtype and norms
and no NaN ever reaches the aligner.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Callable, Sequence

import numpy as np

from treaty_align.errors import EncoderError

#: ``progress(done, total)``: called after each batch with the number of texts encoded so far.
ProgressCallback = Callable[[int, int], None]

#: Rows whose norm is below this are treated as "no signal" and returned as zero vectors.
ZERO_NORM = 1e-12


class Encoder(ABC):
    """A sentence encoder: ``encode(texts)`` returns an ``(n, dim)`` float32 array, rows unit-norm.

    Attributes every encoder has:

    * ``name`` -- the spec string that selects it (``"e5-small"``, ``"lexical"``,
      ``"st:/path/to/folder"``);
    * ``dim`` -- the length of each vector;
    * ``model_version`` -- a string that changes whenever the weights (or, for ``lexical``, the
      algorithm or its tables) change, so that caches and result signatures can tell runs apart;
    * ``progress`` -- an optional ``progress(done, total)`` callback;
    * ``cacheable`` -- whether wrapping it in the on-disk cache is worth it (False for encoders
      that compute faster than a cache lookup).

    Models are loaded lazily on the first call that needs them, never in the constructor, so
    building an encoder is free and a missing model shows up only when it is actually used.
    """

    name: str
    cacheable: bool = True

    def __init__(self, name: str, *, progress: ProgressCallback | None = None) -> None:
        self.name = name
        self.progress = progress

    @property
    @abstractmethod
    def dim(self) -> int:
        """Return the length of each embedding vector."""

    @property
    @abstractmethod
    def model_version(self) -> str:
        """Return a string that changes whenever the encoder's weights or algorithm change."""

    @abstractmethod
    def _encode(self, texts: list[str], progress: ProgressCallback | None) -> np.ndarray:
        """Return raw embeddings of ``texts`` (non-empty list), shape ``(len(texts), dim)``.

        Implementations call ``progress(done, len(texts))`` after each batch when it is given.
        Rows need not be normalised: :meth:`encode` does that.
        """

    def encode(
        self, texts: Sequence[str], *, progress: ProgressCallback | None = None
    ) -> np.ndarray:
        """Return the embeddings of ``texts``: float32, shape ``(len(texts), dim)``.

        Each row has unit L2 norm, or is all zeros when the text carries no signal (an empty
        text under the ``lexical`` encoder); never NaN. ``progress`` overrides the encoder's own
        callback for this call.
        """
        items = check_texts(texts)
        if not items:
            return np.zeros((0, self.dim), dtype=np.float32)
        raw = self._encode(items, progress if progress is not None else self.progress)
        return finish_embeddings(raw, len(items), self.dim, self.name)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"


def check_texts(texts: Sequence[str]) -> list[str]:
    """Return ``texts`` as a list after checking that it is a sequence of strings.

    A bare string is refused: it is a sequence of characters, and encoding it one character at
    a time is never what the caller meant.
    """
    if isinstance(texts, (str, bytes)):
        raise TypeError("encode() takes a sequence of texts, not a single string")
    items = list(texts)
    for i, text in enumerate(items):
        if not isinstance(text, str):
            raise TypeError(f"text #{i} is {type(text).__name__}, not str")
    return items


def finish_embeddings(raw: np.ndarray, n: int, dim: int, name: str) -> np.ndarray:
    """Return ``raw`` as a C-contiguous float32 ``(n, dim)`` array with L2-normalised rows.

    Raises :class:`EncoderError` when the backend returned the wrong shape or non-finite values,
    because a NaN would silently corrupt every similarity computed from it.
    """
    arr = np.asarray(raw, dtype=np.float32)
    if arr.shape != (n, dim):
        raise EncoderError(
            f"encoder '{name}' returned an array of shape {arr.shape}, expected {(n, dim)}"
        )
    if not np.isfinite(arr).all():
        raise EncoderError(f"encoder '{name}' returned non-finite values (NaN or infinity)")
    # Renormalise in float64: backends normalise in float32 or not at all, and the aligner
    # relies on dot products being cosines.
    norms = np.linalg.norm(arr.astype(np.float64), axis=1, keepdims=True)
    safe = np.where(norms > ZERO_NORM, norms, 1.0)
    out = (arr.astype(np.float64) / safe).astype(np.float32)
    out[(norms <= ZERO_NORM)[:, 0]] = 0.0
    return np.ascontiguousarray(out)
