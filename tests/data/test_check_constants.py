"""The checks' thresholds come from data/calibration/checks.json, not from code."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from treaty_align.data import check_constant
from treaty_align.diverge import markers, semantic, structure, terminology
from treaty_align.errors import OptionError


def _file() -> dict:
    return json.loads((resources.files("treaty_align.data") / "calibration" / "checks.json").read_text("utf-8"))


def test_checks_read_their_constants_from_the_calibration_file() -> None:
    table = _file()["checks"]
    assert markers.SAME_PLACE == table["markers"]["same_place"]
    assert semantic.Z_LIMIT == table["semantic"]["z_limit"]
    assert structure._RATIO_FACTOR == table["structure"]["ratio_factor"]
    assert terminology.MIN_DF == table["terminology"]["min_df"] and isinstance(terminology.MIN_DF, int)


def test_the_file_says_how_it_was_fitted_and_an_unknown_constant_is_an_error() -> None:
    data = _file()
    assert data["script"] == "benchmarks/fit_checks.py" and data["fitted"]["corpus"]
    assert set(data["search"]) <= {f"{c}.{n}" for c, names in data["checks"].items() for n in names}
    with pytest.raises(OptionError, match="markers.no_such"):
        check_constant("markers", "no_such")
