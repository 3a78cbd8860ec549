"""Baselines and the CI gate."""

from __future__ import annotations

import json

import pytest

from treaty_align.baseline import (
    Baseline,
    apply_baseline,
    decision_counts,
    gate,
    load_baseline,
    read_baseline,
    write_baseline,
)
from treaty_align.errors import InputError, OptionError
from treaty_align.model import Decision


def test_baseline_round_trip_suppresses_exactly_recorded_ids(tmp_path, comparison):
    path = tmp_path / "baseline.json"
    write_baseline(path, comparison)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 2
    assert data["decisions"] == {}
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
        ('{"version": 2, "divergences": [], "decisions": []}', "'decisions' must be an object"),
        ('{"version": 2, "divergences": [], "decisions": {"a1": {"status": "maybe"}}}',
         "finding a1 needs a 'status' of accepted or rejected"),
        ('{"version": 2, "divergences": [], "decisions": {"a1": {"status": "accepted", "note": 3}}}',
         "must be text"),
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


def test_version_1_baseline_is_still_read(tmp_path, comparison):
    path = tmp_path / "old.json"
    path.write_text('{"version": 1, "tool": "treaty-align", "divergences": ["d-numbers-0001"]}',
                    encoding="utf-8")
    assert read_baseline(path) == Baseline(frozenset({"d-numbers-0001"}), {})


def test_decisions_round_trip_through_the_baseline_file(tmp_path, comparison):
    decisions = {
        "d-markers-0002": Decision("accepted", "the Kazakh wording is the usual rendering", "A. T.", "2026-12-01"),
        "d-numbers-0001": Decision("rejected", "a real error, fixed in the next version"),
    }
    path = tmp_path / "baseline.json"
    write_baseline(path, apply_baseline(comparison, Baseline(decisions=decisions)))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert list(data) == ["version", "tool", "divergences", "decisions"]
    assert data["decisions"] == {
        "d-markers-0002": {"status": "accepted", "note": "the Kazakh wording is the usual rendering",
                           "by": "A. T.", "date": "2026-12-01"},
        "d-numbers-0001": {"status": "rejected", "note": "a real error, fixed in the next version"},
    }
    loaded = read_baseline(path)
    assert loaded.decisions == decisions
    assert loaded.ids == frozenset(d.id for d in comparison.divergences)

    # applied on the next run: decided findings stay (with their decision), the others are hidden
    applied = apply_baseline(comparison, loaded)
    shown = {d.id: d.decision.status for d in applied.divergences}
    assert shown == {"d-markers-0002": "accepted", "d-numbers-0001": "rejected"}
    assert applied.baselined == ("d-quality-0005", "d-semantic-0003", "d-structure-0004")
    assert decision_counts(applied) == {"accepted": 1, "rejected": 1, "open": 0}
    # the rejected major still fails the gate; the accepted minor does not
    assert gate(applied, "major") == 1
    only_accepted = apply_baseline(comparison, Baseline(frozenset({"d-numbers-0001", "d-structure-0004",
                                                                   "d-semantic-0003", "d-quality-0005"}),
                                                        {"d-markers-0002": decisions["d-markers-0002"]}))
    assert [d.id for d in only_accepted.divergences] == ["d-markers-0002"]
    assert gate(only_accepted, "info") == 0

    # writing the applied result again keeps the decisions and the hidden ids
    again = tmp_path / "again.json"
    write_baseline(again, applied)
    assert read_baseline(again) == loaded


def test_json_report_carries_decisions_and_reads_back_as_baseline(tmp_path, comparison):
    decided = apply_baseline(comparison, Baseline(decisions={"d-markers-0002": Decision("accepted", "usual")}))
    data = json.loads(decided.to_json())
    found = {d["id"]: d for a in data["alignments"] for d in a["divergences"]}
    assert found["d-markers-0002"]["decision"] == {"status": "accepted", "note": "usual"}
    assert found["d-numbers-0001"]["decision"] is None
    assert data["summary"]["decisions"] == {"accepted": 1, "rejected": 0, "open": 4}
    path = tmp_path / "report.json"
    path.write_text(decided.to_json(), encoding="utf-8")
    assert read_baseline(path).decisions == {"d-markers-0002": Decision("accepted", "usual")}
