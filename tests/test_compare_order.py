"""`compare` takes two or three versions in any order: the result does not depend on it.

The trilingual fixture of tests/data/synthetic is SYNTHETIC (written by the developers)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from treaty_align.cli import main
from treaty_align.pipeline import choose_pivot, language_order

SYNTHETIC = Path(__file__).resolve().parent / "data" / "synthetic"
REAL_TEXTS = Path(os.environ.get("TREATY_ALIGN_REAL_TEXTS", "/work/shared/real-texts"))


def _compare_json(tmp_path, capsys, *args: str, encoder: str = "lexical") -> dict:
    out = tmp_path / f"r{len(list(tmp_path.iterdir()))}.json"
    code = main(["compare", *args, "--encoder", encoder, "--cache-dir", str(tmp_path / "cache"),
                 "--format", "json", "-o", str(out), "-q"])
    assert code == 0, capsys.readouterr().err
    data = json.loads(out.read_text(encoding="utf-8"))
    data.pop("sources")
    return data


def test_canonical_language_order_and_pivot():
    assert language_order(("az", "kk")) == ("kk", "az")
    assert language_order(("kk", "az", "ru"), "ru") == ("ru", "kk", "az")
    assert language_order(("ru", "kk"), choose_pivot(("kk", "ru"))) == ("ru", "kk")
    assert choose_pivot(("kk", "az")) == "kk"
    assert choose_pivot(("kk", "az", "ru"), "az") == "az"


def test_two_versions_any_order_same_json(tmp_path, capsys):
    kk, ru = str(SYNTHETIC / "kk.md"), str(SYNTHETIC / "ru.md")
    forward = _compare_json(tmp_path, capsys, kk, ru)
    assert forward["languages"] == ["ru", "kk"] and forward["authority"] == "ru"
    assert _compare_json(tmp_path, capsys, ru, kk) == forward
    assert _compare_json(tmp_path, capsys, kk, "--ru", ru) == forward


def test_az_and_russian(tmp_path, capsys):
    # Latin against Cyrillic: the character n-grams of the lexical encoder barely meet, so the
    # multilingual model aligns this pair
    az, ru = str(SYNTHETIC / "az.md"), str(SYNTHETIC / "ru.md")
    data = _compare_json(tmp_path, capsys, "--ru", ru, az, encoder="e5-small")
    assert data["languages"] == ["ru", "az"] and data["authority"] == "ru"
    assert _compare_json(tmp_path, capsys, az, ru, encoder="e5-small") == data


def test_three_versions_any_order_same_json(tmp_path, capsys):
    kk, az, ru = (str(SYNTHETIC / f"{lang}.md") for lang in ("kk", "az", "ru"))
    orders = [(kk, az, ru), (ru, az, kk), (az, kk, "--ru", ru)]
    results = [_compare_json(tmp_path, capsys, *order, encoder="e5-small") for order in orders]
    assert results[0]["languages"] == ["ru", "kk", "az"]
    assert all(r == results[0] for r in results[1:])


def test_same_language_twice_refused(capsys):
    kk = str(SYNTHETIC / "kk.md")
    assert main(["compare", kk, kk, "--encoder", "lexical", "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "are both in 'kk'" in err


@pytest.mark.skipif(not REAL_TEXTS.is_dir(), reason="the real texts are not on this machine")
def test_real_pair_any_order_same_json(tmp_path, capsys):
    # the real texts are read from their shared folder, never copied here
    act = sorted(p for p in REAL_TEXTS.iterdir() if (p / "kk.md").is_file() and (p / "ru.md").is_file())[0]
    kk, ru = str(act / "kk.md"), str(act / "ru.md")
    assert _compare_json(tmp_path, capsys, kk, ru) == _compare_json(tmp_path, capsys, ru, kk)
