"""``st:<model>``: any sentence-transformers model, from a local folder or the Hugging Face hub.

Needs the ``[st]`` extra (torch + sentence-transformers); nothing of it is imported until the
model is first used. The loader never hangs and never downloads when the hub cannot be reached:
a local folder and a model already in the local hub cache are loaded with the hub's offline
switches on; an uncached hub name is fetched only after a quick connection probe succeeds.
"""

from __future__ import annotations

import hashlib
import os
import socket
import threading
from importlib import metadata, util
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from treaty_align.embed.base import Encoder, ProgressCallback
from treaty_align.errors import EncoderError, OptionError

BATCH_SIZE = 32
PROBE_TIMEOUT = 3.0  # seconds for the whole hub probe, DNS included
DEFAULT_HUB_HOST = "huggingface.co"
OFFLINE_SWITCHES = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")

#: Files whose names and sizes identify a model folder's weights and configuration.
_MODEL_FILE_SUFFIXES = (".json", ".safetensors", ".bin", ".pt", ".pth", ".onnx", ".model", ".txt")

INSTALL_HINT = "install the [st] extra: pip install 'treaty-align[st]'"


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def offline_mode_requested() -> bool:
    """Return True when the user already switched the Hugging Face hub to offline mode."""
    return any(_truthy(os.environ.get(name)) for name in OFFLINE_SWITCHES)


def set_offline_switches() -> None:
    """Turn on the hub's offline mode for this process (huggingface_hub and transformers).

    huggingface_hub reads the variable when it is first imported, so this is done before
    sentence_transformers is imported; ``local_files_only=True`` is passed to the loader as well
    so that a hub library imported earlier in online mode still cannot download.
    """
    for name in OFFLINE_SWITCHES:
        os.environ[name] = "1"


def hub_host() -> tuple[str, int]:
    """Return the (host, port) of the Hugging Face hub, honouring ``HF_ENDPOINT``."""
    endpoint = os.environ.get("HF_ENDPOINT", "")
    parsed = urlparse(endpoint) if endpoint else None
    if parsed is not None and parsed.hostname:
        return parsed.hostname, parsed.port or (80 if parsed.scheme == "http" else 443)
    return DEFAULT_HUB_HOST, 443


def hub_reachable(timeout: float = PROBE_TIMEOUT) -> bool:
    """Return True if a TCP connection to the hub opens within ``timeout`` seconds.

    One attempt, no retries. The probe runs in a daemon thread because name resolution ignores
    socket timeouts and can block far longer than ``timeout`` on a machine without network.
    """
    host, port = hub_host()
    result: list[bool] = []

    def attempt() -> None:
        try:
            with socket.create_connection((host, port), timeout=timeout):
                result.append(True)
        except OSError:
            result.append(False)

    worker = threading.Thread(target=attempt, name="treaty-align-hub-probe", daemon=True)
    worker.start()
    worker.join(timeout + 0.5)
    return bool(result and result[0])


def _looks_like_path(model: str) -> bool:
    return model.startswith(("/", "./", "../", "~", ".\\", "..\\")) or os.path.isabs(model)


def folder_fingerprint(folder: Path) -> str:
    """Return a sha256 prefix of the relative names and sizes of a model folder's files.

    Only configuration, tokenizer and weight files count (not READMEs), and hidden folders such
    as ``.cache`` or ``.git`` are skipped, so the fingerprint changes exactly when the model does.
    """
    entries: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(_MODEL_FILE_SUFFIXES):
                continue
            path = Path(root) / name
            try:
                size = path.stat().st_size
            except OSError:
                continue  # a dangling link cannot be part of the model
            entries.append(f"{path.relative_to(folder).as_posix()}\t{size}")
    if not entries:
        raise EncoderError(
            f"the folder {folder} holds no model files (config/tokenizer/weights); "
            "is it a sentence-transformers model folder?"
        )
    return hashlib.sha256("\n".join(entries).encode("utf-8")).hexdigest()[:16]


def cached_hub_revision(repo_id: str) -> str | None:
    """Return the commit of ``repo_id`` in the local Hugging Face cache, or None if absent.

    Raises :class:`EncoderError` when ``repo_id`` is not a valid hub model name.
    """
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError as exc:
        raise EncoderError(f"sentence-transformers is not installed; {INSTALL_HINT}") from exc
    try:
        found = try_to_load_from_cache(repo_id, "config.json")
    except ValueError as exc:  # HFValidationError: not a folder and not a valid repo id
        raise EncoderError(
            f"'{repo_id}' is neither an existing folder nor a valid Hugging Face model name"
        ) from exc
    if not isinstance(found, str):
        return None
    # <cache>/models--org--name/snapshots/<commit>/config.json
    return Path(found).parent.name


def st_installed() -> bool:
    """Return True when sentence-transformers can be imported (checked without importing it)."""
    return util.find_spec("sentence_transformers") is not None


def _st_version() -> str:
    try:
        return metadata.version("sentence-transformers")
    except metadata.PackageNotFoundError:
        return "missing"


class SentenceTransformerEncoder(Encoder):
    """A sentence-transformers model named by a local folder or a hub model id.

    ``SentenceTransformerEncoder("sentence-transformers/LaBSE")`` or
    ``SentenceTransformerEncoder("/models/labse")``. The model loads on the first call that needs
    it (``encode``, ``dim``, or ``model_version`` of an uncached hub model).
    """

    def __init__(self, model: str, *, progress: ProgressCallback | None = None) -> None:
        model = model.strip()
        if not model:
            raise OptionError(
                "the st encoder needs a model: --encoder st:<hub model name or local folder>, "
                "e.g. st:sentence-transformers/LaBSE or st:/path/to/model"
            )
        super().__init__(f"st:{model}", progress=progress)
        if not st_installed():
            raise EncoderError(f"the st encoder needs sentence-transformers; {INSTALL_HINT}")
        self.model = model
        expanded = Path(os.path.expanduser(model))
        self.folder: Path | None = expanded.resolve() if expanded.is_dir() else None
        if self.folder is None and _looks_like_path(model):
            raise EncoderError(f"model folder not found: {model}")
        self._st_model: Any = None
        self._revision: str | None = None
        self._lock = threading.Lock()

    # -- properties -------------------------------------------------------------------------

    @property
    def dim(self) -> int:
        """Return the model's embedding size (loads the model)."""
        model = self._load()
        # sentence-transformers 5+ renamed get_sentence_embedding_dimension.
        getter = getattr(model, "get_embedding_dimension", None)
        if getter is None:
            getter = model.get_sentence_embedding_dimension
        size = getter()
        if size is None:  # some module stacks cannot tell without running
            size = int(np.asarray(model.encode(["dim"], show_progress_bar=False)).shape[-1])
        return int(size)

    @property
    def model_version(self) -> str:
        """Return ``st-<version>:folder-<fingerprint>`` or ``st-<version>:hub-<commit>``."""
        prefix = f"st-{_st_version()}"
        if self.folder is not None:
            return f"{prefix}:folder-{folder_fingerprint(self.folder)}"
        if self._revision is None:
            self._revision = cached_hub_revision(self.model)
        if self._revision is None:
            self._load()  # fetches it (or fails fast), then the revision is known
        if self._revision is None:
            self._revision = cached_hub_revision(self.model) or "unknown"
        return f"{prefix}:hub-{self._revision}"

    # -- loading ----------------------------------------------------------------------------

    def _load(self) -> Any:
        with self._lock:
            if self._st_model is None:
                self._st_model = self._load_unlocked()
            return self._st_model

    def _load_unlocked(self) -> Any:
        if self.folder is not None:
            set_offline_switches()
            return self._construct(str(self.folder), offline=True, what=f"folder {self.folder}")
        revision = cached_hub_revision(self.model)
        if revision is not None:
            set_offline_switches()
            self._revision = revision
            return self._construct(self.model, offline=True, what=f"cached model {self.model}")
        if offline_mode_requested() or not hub_reachable():
            set_offline_switches()
            raise EncoderError(
                f"the model '{self.model}' is not on this machine and the Hugging Face hub "
                "cannot be reached (or HF_HUB_OFFLINE is set). Use a local copy with "
                "--encoder st:/path/to/local/folder, or install/download the model where there "
                "is network and copy its folder here; --encoder e5-small works offline."
            )
        model = self._construct(self.model, offline=False, what=f"hub model {self.model}")
        self._revision = cached_hub_revision(self.model)
        return model

    def _construct(self, source: str, *, offline: bool, what: str) -> Any:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EncoderError(
                f"cannot import sentence-transformers ({exc}); {INSTALL_HINT}"
            ) from exc
        _quiet_transformers()
        try:
            return SentenceTransformer(source, device="cpu", local_files_only=offline)
        except (OSError, ValueError, RuntimeError, KeyError) as exc:
            # OSError covers missing files and the hub's offline/HTTP errors; the others are
            # raised by transformers for folders that are not (complete) models.
            raise EncoderError(f"cannot load the sentence-transformers {what}: {exc}") from exc

    # -- encoding ---------------------------------------------------------------------------

    def _encode(self, texts: list[str], progress: ProgressCallback | None) -> np.ndarray:
        model = self._load()
        total = len(texts)
        parts: list[np.ndarray] = []
        for start in range(0, total, BATCH_SIZE):
            batch = texts[start : start + BATCH_SIZE]
            vectors = model.encode(
                batch,
                batch_size=BATCH_SIZE,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            parts.append(np.asarray(vectors, dtype=np.float32))
            if progress is not None:
                progress(start + len(batch), total)
        return np.concatenate(parts, axis=0)


def _quiet_transformers() -> None:
    # transformers draws a "Loading weights" bar on stderr; the CLI owns stderr and reports
    # progress through its own callback.
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:
        return
    hf_logging.disable_progress_bar()
