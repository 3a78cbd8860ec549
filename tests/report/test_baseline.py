"""Baselines and the CI gate."""

from __future__ import annotations

import json

import pytest

from treaty_align.baseline import apply_baseline, gate, load_baseline, write_baseline
from treaty_align.errors import InputError, OptionError


def test_baseline_round_trip_suppresses_exactly_recorded_ids(tmp_path, comparison):
    path = tmp_path / "baseline.json"
    write_baseline(path, comparison)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 1
    ids = [d["id"] for d in data["divergences"]]
    assert ids == sorted(ids)
    assert list(data["divergences"][0]) == ["id", "kind", "severity", "alignment_id", "message"]

    recorded = load_baseline(path)
    assert recorded == frozenset(d.id for d in comparison.divergences)
    assert apply_baseline(comparison, recorded).divergences == ()

    partial = frozenset({"d-numbers-0001", "d-semantic-0003", "not-a-current-id"})
    left = apply_baseline(comparison, partial)
    assert {d.id for d in left.divergences} == {"d-markers-0002", "d-structure-0004", "d-quality-0005"}
    assert len(left.alignments) == len(comparison.alignments)
    assert comparison.divergences and len(comparison.divergences) == 5  # original untouched


def test_baseline_is_stable_text(tmp_path, comparison):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    write_baseline(a, comparison)
    write_baseline(b, comparison)
    assert a.read_bytes() == b.read_bytes()


def test_json_report_is_accepted_as_baseline(tmp_path, comparison):
    path = tmp_path / "report.json"
    path.write_text(comparison.to_json(), encoding="utf-8")
    assert load_baseline(path) == frozenset(d.id for d in comparison.divergences)


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "not a treaty-align baseline"),
        ('{"version": 99, "divergences": []}', "unsupported baseline version"),
        ('{"version": 1, "divergences": [{"kind": "x"}]}', "entry 1"),
    ],
)
def test_corrupt_baseline(tmp_path, content, message):
    path = tmp_path / "baseline.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_baseline(path)


def test_missing_and_undecodable_baseline(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        load_baseline(tmp_path / "nope.json")
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(InputError, match="cannot be read"):
        load_baseline(bad)


def test_gate(comparison):
    assert gate(comparison, None) == 0
    assert gate(comparison, "major") == 1
    assert gate(comparison, "info") == 1
    only_minor_and_info = apply_baseline(comparison, frozenset({"d-numbers-0001", "d-structure-0004"}))
    assert gate(only_minor_and_info, "major") == 0
    assert gate(only_minor_and_info, "minor") == 1
    only_info = apply_baseline(only_minor_and_info, frozenset({"d-markers-0002", "d-quality-0005"}))
    assert gate(only_info, "minor") == 0
    assert gate(only_info, "info") == 1
    with pytest.raises(OptionError, match="unknown severity"):
        gate(comparison, "critical")
