"""Registry, stable ids, ordering and options of find_divergences (synthetic fixtures)."""

from __future__ import annotations

import dataclasses

import pytest

from tests.diverge.synthetic import NOTIFY, TERMINATE, record, treaty_of
from treaty_align.diverge import available_checks, describe_checks, find_divergences
from treaty_align.diverge.base import Check, CheckContext, get_check, make_divergence, registry, stable_id
from treaty_align.errors import OptionError
from treaty_align.model import Evidence

LANGS = ("kk", "az", "ru")


def test_all_checks_registered_in_order() -> None:
    assert available_checks() == (
        "numbers", "crossref", "structure", "markers", "actor", "terminology", "semantic", "quality",
    )
    assert all(isinstance(get_check(n), Check) for n in available_checks())
    assert all(describe_checks()[n] for n in available_checks())
    assert all(cls.name == n for n, cls in registry().items())


def test_unknown_check_and_bad_options() -> None:
    with pytest.raises(OptionError, match="unknown check 'nope'"):
        find_divergences([], LANGS, checks=["nope"])
    with pytest.raises(OptionError):
        find_divergences([], ("kk",))
    with pytest.raises(OptionError):
        find_divergences([], LANGS, backend="magic")


def test_same_meaning_gives_no_finding() -> None:
    recs = [record("art1.1", NOTIFY), record("art2.1", TERMINATE, article="2")]
    out = find_divergences(recs, LANGS)
    assert [a.divergences for a in out] == [(), ()]


def _changed() -> list:
    az = NOTIFY["az"].replace("30 gün", "40 gün").replace("dərhal ", "")
    return [record("art1.1", {**NOTIFY, "az": az})]


def test_ids_are_stable_and_alignment_id_is_set() -> None:
    first = find_divergences(_changed(), LANGS)
    second = find_divergences(_changed(), LANGS)
    ids = [d.id for d in first[0].divergences]
    assert ids == [d.id for d in second[0].divergences]
    assert len(ids) == len(set(ids)) == 2
    assert all(len(i) == 12 and int(i, 16) >= 0 for i in ids)
    assert all(d.alignment_id == "art1.1" for d in first[0].divergences)
    # sorted by severity, then check order, then id
    assert [(d.severity, d.kind) for d in first[0].divergences] == [("major", "numbers"), ("major", "markers")]


def test_id_ignores_lines_and_messages() -> None:
    a = stable_id("numbers", ["art1.1"], ["kk:30 күн", "az:40 gün"])
    assert a == stable_id("numbers", ["art1.1", "art1.1"], ["kk:30 күн", "az:40 gün"])
    assert a != stable_id("numbers", ["art1.2"], ["kk:30 күн", "az:40 gün"])
    assert a != stable_id("markers", ["art1.1"], ["kk:30 күн", "az:40 gün"])


def test_make_divergence_resolution_only_with_authority() -> None:
    al = record("art1.1", NOTIFY)
    ev = [Evidence("kk", "art1.1", 1, "30"), Evidence("ru", "art1.1", 1, "30")]
    plain = make_divergence("numbers", "major", "m", ev, alignment=al, context=CheckContext(LANGS),
                            values={"kk": 1, "az": 2, "ru": 1})
    assert plain.resolution is None
    ctx = CheckContext(LANGS, authority="ru")
    d = make_divergence("numbers", "major", "m", ev, alignment=al, context=ctx, values={"kk": 1, "az": 2, "ru": 1})
    assert d.resolution is not None and d.resolution.agrees == ("kk",) and d.resolution.differs == ("az",)
    assert d.resolution.text == "30"
    with pytest.raises(ValueError):
        make_divergence("numbers", "huge", "m", ev, alignment=al, context=ctx)


def test_authority_outside_languages_gives_no_resolution() -> None:
    out = find_divergences(_changed(), ("kk", "az"), authority="ru")
    assert out[0].divergences and all(d.resolution is None for d in out[0].divergences)


def test_existing_divergences_are_replaced_and_input_untouched() -> None:
    recs = _changed()
    once = find_divergences(recs, LANGS)
    twice = find_divergences(once, LANGS)
    assert [d.id for d in once[0].divergences] == [d.id for d in twice[0].divergences]
    assert recs[0].divergences == ()
    assert dataclasses.replace(once[0], divergences=()) == recs[0]


def test_checks_subset_and_source_lines() -> None:
    recs = _changed()
    treaties = {lang: treaty_of(lang, recs) for lang in LANGS}
    out = find_divergences(recs, LANGS, checks=["numbers"], treaties=treaties)
    (d,) = out[0].divergences
    assert d.kind == "numbers"
    assert {e.language: e.quote for e in d.evidence} == {"kk": "30 күн", "az": "40 gün", "ru": "30 дней"}
    assert all(e.line == 1 and e.segment_id == "art1.1" for e in d.evidence)


def test_stanza_backend_falls_back_with_one_line_notice(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    from treaty_align.diverge import morphology

    morphology.stanza_backend.cache_clear()
    notices: list[str] = []
    out = find_divergences([record("art1.1", NOTIFY)], LANGS, backend="stanza", notices=notices)
    assert out[0].divergences == ()
    assert notices and all("\n" not in n and "using the lexicon-and-suffix rules" in n for n in notices)
    assert any("'az'" in n for n in notices)  # Stanza has no Azerbaijani model at all
    morphology.stanza_backend.cache_clear()


def test_numbers_ignore_non_ascii_digits_and_huge_values():
    """SYNTHETIC inputs that once crashed the number check."""
    from treaty_align.diverge.numbers import numbers

    assert [n.value for n in numbers("10² күн", "kk")] == [10.0]
    assert numbers("9" * 400 + " күн", "kk") == []
