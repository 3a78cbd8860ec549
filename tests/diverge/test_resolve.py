"""Resolution by the authoritative text on SYNTHETIC trilingual fixtures (kk/az/ru, not authentic)."""

from __future__ import annotations

from tests.diverge.synthetic import MAY_SEND, NOTIFY, record, treaty_of
from treaty_align.diverge import find_divergences
from treaty_align.diverge.resolve import resolve

LANGS = ("kk", "az", "ru")


def test_resolve_agrees_and_differs() -> None:
    r = resolve({"kk": 30, "az": 40, "ru": 30}, "ru", LANGS, "30 дней")
    assert (r.authority, r.agrees, r.differs, r.text) == ("ru", ("kk",), ("az",), "30 дней")
    r = resolve({"kk": 30, "az": 40, "ru": 40}, "ru", LANGS, "x")
    assert (r.agrees, r.differs) == (("az",), ("kk",))
    r = resolve({"kk": 30, "az": 40}, "ru", LANGS, "")
    assert (r.agrees, r.differs) == ((), ("kk", "az"))
    r = resolve({"kk": 30, "az": 40, "ru": 30}, "kk", LANGS, "30 күн")  # another prevailing language
    assert (r.authority, r.agrees, r.differs) == ("kk", ("ru",), ("az",))


def test_russian_authority_resolves_a_changed_number() -> None:
    recs = [record("art1.1", {**NOTIFY, "az": NOTIFY["az"].replace("30 gün", "40 gün")})]
    treaties = {lang: treaty_of(lang, recs) for lang in LANGS}
    out = find_divergences(recs, LANGS, treaties=treaties, authority="ru", checks=["numbers"])
    (d,) = out[0].divergences
    assert d.resolution is not None
    assert d.resolution.to_dict() == {"authority": "ru", "agrees": ["kk"], "differs": ["az"], "text": "30 дней"}


def test_russian_authority_sides_with_az_on_modality() -> None:
    # synthetic: kk drops the "may" that ru and az both have
    kk = MAY_SEND["kk"].replace("жолдай алады", "жолдайды")
    recs = [record("art8.2", {**MAY_SEND, "kk": kk})]
    out = find_divergences(recs, LANGS, authority="ru", checks=["markers"])
    (d,) = out[0].divergences
    assert (d.kind, d.severity) == ("markers", "major")
    assert d.resolution.agrees == ("az",) and d.resolution.differs == ("kk",)
    assert "может" in d.resolution.text


def test_user_named_authority_and_no_resolution_without_it() -> None:
    recs = [record("art1.1", {**NOTIFY, "az": NOTIFY["az"].replace("30 gün", "40 gün")})]
    (d,) = find_divergences(recs, LANGS, authority="az", checks=["numbers"])[0].divergences
    assert d.resolution.authority == "az" and d.resolution.agrees == () and d.resolution.differs == ("kk", "ru")
    (d,) = find_divergences(recs, LANGS, checks=["numbers"])[0].divergences
    assert d.resolution is None and d.to_dict()["resolution"] is None
