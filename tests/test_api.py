"""The library as a newcomer meets it: top-level functions, error types, wrong argument types."""

from __future__ import annotations

import io

import pytest

import treaty_align
from tests.conftest import AZ_PATH, KK_PATH

# SYNTHETIC: a two-article text in the style of a Russian agreement, written for this test
RU_TEXT = """Соглашение о сотрудничестве в области статистики

Статья 1
Стороны обмениваются сведениями о численности населения не позднее 30 дней.

Статья 2
Настоящее Соглашение вступает в силу с даты получения последнего уведомления.
"""


def test_error_types_are_exported_at_the_top_level():
    assert issubclass(treaty_align.InputError, treaty_align.TreatyAlignError)
    assert issubclass(treaty_align.OptionError, treaty_align.TreatyAlignError)
    assert issubclass(treaty_align.EncoderError, treaty_align.TreatyAlignError)
    assert {"InputError", "OptionError", "EncoderError", "TreatyAlignError", "load_text"} <= set(treaty_align.__all__)


def test_load_text_and_text_argument_parse_a_string():
    treaty = treaty_align.load_text(RU_TEXT)
    assert treaty.language == "ru" and treaty.articles == ("1", "2")
    assert treaty_align.load(text=RU_TEXT, lang="ru").articles == ("1", "2")


def test_text_passed_as_a_path_gets_a_short_message():
    with pytest.raises(treaty_align.InputError) as info:
        treaty_align.load(RU_TEXT * 50)
    message = str(info.value)
    assert "load_text" in message and len(message) < 200 and "Статья" not in message


@pytest.mark.parametrize("value,word", [(b"bytes", "bytes"), (None, "None"), (io.StringIO("x"), "file object")])
def test_wrong_types_raise_type_error_naming_them(value, word):
    with pytest.raises(TypeError, match=word):
        treaty_align.load(value)


def test_load_text_refuses_bytes_with_a_hint():
    with pytest.raises(TypeError, match="decode it first"):
        treaty_align.load_text(RU_TEXT.encode("utf-8"))


def test_checks_accepts_a_comma_separated_string():
    result = treaty_align.compare(KK_PATH, AZ_PATH, encoder="lexical", checks="numbers", use_cache=False)
    assert result.signature["checks"] == ["numbers"]
    assert {d.kind for d in result.divergences} <= {"numbers"}
    with pytest.raises(treaty_align.OptionError, match="unknown check 'bogus'"):
        treaty_align.compare(KK_PATH, AZ_PATH, encoder="lexical", checks="numbers,bogus", use_cache=False)


def test_treaty_format_lists_a_few_warnings_then_counts_them(kk_treaty):
    import dataclasses

    noisy = dataclasses.replace(kk_treaty, warnings=tuple(f"odd line {i}" for i in range(12)))
    lines = noisy.format().splitlines()
    assert lines[-6:] == [f"warning: odd line {i}" for i in range(5)] + [
        "... and 7 more warnings (all of them are in --format json)"]


def test_compare_applies_a_baseline_file_or_object(tmp_path):
    from treaty_align.baseline import Baseline, write_baseline
    from treaty_align.model import Decision

    options = dict(encoder="lexical", use_cache=False)
    first = treaty_align.compare(KK_PATH, AZ_PATH, **options)
    assert first.divergences
    path = tmp_path / "baseline.json"
    write_baseline(path, first)
    again = treaty_align.compare(KK_PATH, AZ_PATH, baseline=path, **options)
    assert again.divergences == () and len(again.baselined) == len({d.id for d in first.divergences})
    assert any("are not shown" in w and str(path) in w for w in again.warnings)
    # a Baseline object brings decisions: the decided finding stays and carries its decision
    decided = first.divergences[0]
    reviewed = treaty_align.compare(
        KK_PATH, AZ_PATH, baseline=Baseline(decisions={decided.id: Decision("accepted", "usual rendering")}),
        **options)
    kept = next(d for d in reviewed.divergences if d.id == decided.id)
    assert kept.decision == Decision("accepted", "usual rendering") and kept.accepted
    assert len(reviewed.divergences) == len(first.divergences)


def test_compare_reads_the_baseline_before_comparing(tmp_path):
    bad = tmp_path / "baseline.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(treaty_align.InputError, match="not valid JSON"):
        treaty_align.compare(KK_PATH, AZ_PATH, encoder="no-such-encoder", baseline=bad)
    with pytest.raises(TypeError, match="baseline must be a file path"):
        treaty_align.compare(KK_PATH, AZ_PATH, encoder="lexical", baseline=3)
