"""`compare` takes two or three versions in any order: the result does not depend on it.

The trilingual fixture of tests/data/synthetic is SYNTHETIC (written by the developers)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from treaty_align.cli import main
from treaty_align.languages import choose_pivot, first_language, language_order

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
    assert language_order(("ru", "kk"), first_language(("kk", "ru"))) == ("ru", "kk")
    assert first_language(("kk", "az")) == "kk"
    assert first_language(("kk", "az", "ru"), "az") == "az"
    # the pivot of the alignment never follows the prevailing text
    assert choose_pivot(("kk", "az", "ru")) == "ru" and choose_pivot(("az", "kk")) == "kk"


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


def test_the_prevailing_text_changes_resolutions_not_records_nor_ids(tmp_path, capsys):
    kk, az = (str(SYNTHETIC / f"{lang}.md") for lang in ("kk", "az"))
    # a Russian version whose period and modality differ from the other two
    changed = (SYNTHETIC / "ru.md").read_text(encoding="utf-8")
    changed = changed.replace("в течение 30 дней", "в течение 60 дней").replace("может прекратить", "прекращает")
    ru = tmp_path / "ru.md"
    ru.write_text(changed, encoding="utf-8")
    ru = str(ru)
    by_ru = _compare_json(tmp_path, capsys, kk, az, ru, encoder="e5-small")
    by_az = _compare_json(tmp_path, capsys, kk, az, ru, "--authority", "az", encoder="e5-small")
    assert by_az["languages"] == ["az", "kk", "ru"] and by_az["authority"] == "az"

    def ids(data: dict) -> list[tuple[str, list[str]]]:
        return [(r["id"], sorted(d["id"] for d in r["divergences"])) for r in data["alignments"]]

    assert ids(by_ru) and ids(by_az) == ids(by_ru)
    kinds = {d["kind"] for r in by_ru["alignments"] for d in r["divergences"]}
    assert {"numbers", "markers"} <= kinds
    # who departs: the Russian version under Russian authority, kk and az agreeing ...
    number = next(d for r in by_ru["alignments"] for d in r["divergences"] if d["kind"] == "numbers")
    assert number["resolution"]["differs"] == ["kk", "az"]
    # ... and the Russian one alone under Azerbaijani authority
    number = next(d for r in by_az["alignments"] for d in r["divergences"] if d["kind"] == "numbers")
    assert number["resolution"]["agrees"] == ["kk"] and number["resolution"]["differs"] == ["ru"]
