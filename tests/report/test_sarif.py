"""SARIF 2.1.0."""

from __future__ import annotations

import json
import os

from tests.report.conftest import N_DIVERGENCES

from treaty_align.report.sarif import FINGERPRINT_KEY, artifact_uri, render_sarif


def test_sarif_structure(comparison):
    log = json.loads(render_sarif(comparison))
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "treaty-align"
    assert driver["version"]
    rule_ids = [r["id"] for r in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    for r in driver["rules"]:
        assert r["shortDescription"]["text"]
    results = run["results"]
    assert len(results) == N_DIVERGENCES
    for res in results:
        assert res["ruleId"] in rule_ids
        assert rule_ids[res["ruleIndex"]] == res["ruleId"]
        assert res["message"]["text"]
        assert set(res["partialFingerprints"]) == {FINGERPRINT_KEY}


def test_sarif_levels_and_fingerprints(comparison):
    results = json.loads(render_sarif(comparison))["runs"][0]["results"]
    by_fp = {r["partialFingerprints"][FINGERPRINT_KEY]: r for r in results}
    assert by_fp["d-numbers-0001"]["level"] == "error"
    assert by_fp["d-markers-0002"]["level"] == "warning"
    assert by_fp["d-semantic-0003"]["level"] == "note"
    assert by_fp["d-numbers-0001"]["ruleId"] == "numbers"
    assert by_fp["d-numbers-0001"]["properties"]["resolution"]["agrees"] == ["kk"]


def test_sarif_locations_are_relative_source_files(comparison):
    results = json.loads(render_sarif(comparison))["runs"][0]["results"]
    res = next(r for r in results if r["ruleId"] == "numbers")
    physical = [loc["physicalLocation"] for loc in res["locations"]]
    assert [p["artifactLocation"]["uri"] for p in physical] == ["kk.txt", "corpora/az/az.md"]
    assert [p["region"]["startLine"] for p in physical] == [5, 5]
    assert physical[0]["region"]["snippet"]["text"] == "30 күн"
    text = render_sarif(comparison)
    assert "/srv/private" not in text


def test_artifact_uri(tmp_path):
    assert artifact_uri(None) is None
    assert artifact_uri("corpora/kk/kk.txt") == "corpora/kk/kk.txt"
    assert artifact_uri(str(tmp_path / "a b" / "kk.txt"), base=tmp_path) == "a%20b/kk.txt"
    assert artifact_uri("/elsewhere/kk.txt", base=tmp_path) == "kk.txt"
    assert artifact_uri("corpora\\kk\\kk.txt") == "corpora/kk/kk.txt"
    if os.sep == "/":
        assert artifact_uri("C:\\treaties\\kk.txt") == "kk.txt"


def test_sarif_without_findings(empty_comparison):
    log = json.loads(render_sarif(empty_comparison))
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["tool"]["driver"]["rules"]  # rules are listed even when nothing fires
