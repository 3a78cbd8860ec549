"""The aligner's constants are data with the record of their fit."""

from __future__ import annotations

import dataclasses

from treaty_align.align import AlignOptions, EmbeddingTable, fitted_calibration, same_treaty_separation, texts_to_embed
from treaty_align.embed import get_encoder


def test_align_options_default_to_the_calibration_file():
    data = fitted_calibration()
    assert set(data["align_options"]) == {f.name for f in dataclasses.fields(AlignOptions)}
    assert dataclasses.asdict(AlignOptions()) == data["align_options"]
    assert data["script"] == "benchmarks/fit_align.py"
    assert data["fitted"]


def test_versions_of_the_bundled_treaty_clear_the_fitted_separation(kk_treaty, az_treaty):
    enc = get_encoder("lexical")
    table = EmbeddingTable.build(texts_to_embed(kk_treaty) + texts_to_embed(az_treaty), enc.encode)
    separation = same_treaty_separation(kk_treaty, az_treaty, table)
    assert separation is not None
    assert separation > fitted_calibration()["same_treaty"]["min_separation"]
