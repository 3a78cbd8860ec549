"""JSON report: shape, key order, determinism, no absolute paths."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from tests.report.conftest import N_DIVERGENCES, N_RECORDS, build_comparison

from treaty_align.report.json import comparison_to_dict, comparison_to_json


def test_json_is_byte_identical_across_renders(comparison):
    first = comparison_to_json(comparison)
    second = comparison_to_json(build_comparison())
    assert first == second
    assert first.endswith("}\n")


def test_json_top_level_key_order(comparison):
    data = json.loads(comparison_to_json(comparison))
    assert list(data) == [
        "signature",
        "languages",
        "sources",
        "authority",
        "encoder",
        "warnings",
        "summary",
        "alignments",
    ]
    assert data["languages"] == ["kk", "az", "ru"]
    assert data["encoder"] == "synthetic-encoder"
    assert data["authority"] == "ru"
    assert data["summary"] == {
        "records": N_RECORDS,
        "low_confidence": 1,
        "divergences": {"major": 2, "minor": 2, "info": 1},
        "decisions": {"accepted": 0, "rejected": 0, "open": 5},
        "baselined": 0,
    }


def test_json_alignment_shape(comparison):
    data = json.loads(comparison_to_json(comparison))
    assert len(data["alignments"]) == N_RECORDS
    rec = data["alignments"][1]
    assert list(rec) == [
        "id", "block", "article", "segments", "score", "confidence", "low_confidence", "note", "divergences"
    ]
    assert list(rec["segments"]) == ["kk", "az", "ru"]
    assert rec["segments"]["kk"] == [
        {"id": "art1.p1", "text": "Тараптар 30 күн ішінде бір-бірін жазбаша хабардар етеді.", "line": 5,
         "location": "line 5"}
    ]
    (div,) = rec["divergences"]
    assert list(div) == ["id", "kind", "severity", "confidence", "citation", "message", "evidence",
                         "suggestion", "resolution", "decision"]
    assert div["citation"] == {"kk": "1-бап 1-тармақ", "az": "Maddə 1.1", "ru": "ст. 1 п. 1",
                               "en": "Art. 1(1)"}
    assert div["confidence"] == 0.9 and div["decision"] is None
    assert div["evidence"][0] == {"language": "kk", "segment": "art1.p1", "line": 5,
                                    "location": "line 5", "quote": "30 күн"}
    assert div["resolution"] == {"authority": "ru", "agrees": ["kk"], "differs": ["az"], "text": "30 дней"}
    # a divergence without an authoritative text has a null resolution
    assert data["alignments"][2]["divergences"][0]["resolution"] is None
    # an empty side is an empty list, not a missing key
    assert data["alignments"][4]["segments"]["az"] == []
    assert sum(len(a["divergences"]) for a in data["alignments"]) == N_DIVERGENCES


def test_json_rounds_floats_and_keeps_unicode(comparison):
    text = comparison_to_json(comparison)
    data = json.loads(text)
    assert data["alignments"][2]["score"] == 0.8312
    assert data["signature"]["threshold"] == 0.123457
    assert "Тараптар" in text and "\\u" not in text  # ensure_ascii=False


def test_json_stores_file_names_not_absolute_paths(comparison):
    text = comparison_to_json(comparison)
    assert "/srv/private" not in text
    assert json.loads(text)["sources"] == {"kk": "kk.txt", "az": "az.md", "ru": "ru.txt"}


def test_comparison_methods_delegate(comparison):
    assert comparison.to_json() == comparison_to_json(comparison)
    assert comparison.to_dict() == comparison_to_dict(comparison)


def test_json_of_empty_comparison(empty_comparison):
    data = json.loads(comparison_to_json(empty_comparison))
    assert data["alignments"] == []
    assert data["summary"]["divergences"] == {"major": 0, "minor": 0, "info": 0}
    assert data["sources"] == {"kk": None, "az": None}


def test_jsonable_normalises_signature_values():
    import math
    from pathlib import Path

    from treaty_align.report._common import jsonable

    assert jsonable({"model": Path("/home/someone/.cache/model.onnx"), "t": (1, 2.123456789), "x": math.nan}) == {
        "model": "model.onnx",
        "t": [1, 2.123457],
        "x": None,
    }


def test_streamed_json_is_the_text_json_dumps_gives(comparison, empty_comparison, monkeypatch):
    from treaty_align.report import json as json_report
    from treaty_align.report.json import iter_json

    for c in (comparison, empty_comparison):
        expected = json.dumps(comparison_to_dict(c), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
        pieces = list(iter_json(c))
        assert "".join(pieces) == expected == comparison_to_json(c)
    # small records are joined into one piece of the list (a few writes for a large report)
    assert len(list(iter_json(comparison))) == 1 + 7 + 2 + 1 + 2
    # pieces are bounded, never the whole list: with a bound of one string, the opening, the 7
    # header entries, the key and opening of the list, one piece per record, the list's and
    # the document's close
    monkeypatch.setattr(json_report, "_PIECE_PARTS", 1)
    pieces = list(iter_json(comparison))
    assert len(pieces) == 1 + 7 + 2 + len(comparison.alignments) + 2
    assert "".join(pieces) == comparison_to_json(comparison)


_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.characters(codec="utf-8")),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)


@given(_VALUES)
def test_indented_encoder_matches_the_standard_library(value):
    from treaty_align.report.json import dumps_indented

    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)


def test_indented_encoder_refuses_what_json_refuses():
    import math

    import pytest

    from treaty_align.report.json import dumps_indented

    with pytest.raises(ValueError):
        dumps_indented({"x": math.nan})
    with pytest.raises(TypeError):
        dumps_indented({"x": object()})


def test_streamed_record_with_decision_and_suggestion_is_the_standard_text(comparison):
    import dataclasses

    from treaty_align.model import Decision

    records = list(comparison.alignments)
    at = next(i for i, a in enumerate(records) if a.divergences)
    first = records[at].divergences[0]
    decided = dataclasses.replace(first, decision=Decision("accepted", "usual rendering", by="A. B.", date="2026-01-02"),
                                  suggestion="az: müddət", confidence=None)
    records[at] = records[at].with_divergences((decided,) + records[at].divergences[1:])
    changed = dataclasses.replace(comparison, alignments=tuple(records))
    expected = json.dumps(comparison_to_dict(changed), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    assert comparison_to_json(changed) == expected
    assert '"status": "accepted"' in expected and '"suggestion": "az: müddət"' in expected
