"""The divergence checks on the bundled kk/az agreement, and changes planted into its az text.

The planted edits are programmatic str.replace calls on the corpus text: each must be caught
as a new finding of the expected kind on the expected clause, while the unedited treaty gives a
short report. (Tests may quote the treaty; the package's rules never do.)
"""

from __future__ import annotations

import collections
from functools import lru_cache

import pytest

from tests.conftest import AZ_PATH, KK_PATH
from treaty_align.align import align_treaties
from treaty_align.diverge import find_divergences
from treaty_align.model import Alignment, Divergence
from treaty_align.parse import parse_text

KK_TEXT = KK_PATH.read_text(encoding="utf-8")
AZ_TEXT = AZ_PATH.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _encoder():
    from treaty_align.embed import get_encoder
    from treaty_align.errors import EncoderError

    try:
        enc = get_encoder("e5-small")
        enc.encode(["probe"])
    except EncoderError:  # no model on this machine: the lexical encoder still aligns this treaty
        enc = get_encoder("lexical")
    return enc


@lru_cache(maxsize=None)
def compare(kk_text: str, az_text: str) -> tuple[Alignment, ...]:
    kk, az = parse_text(kk_text, "kk"), parse_text(az_text, "az")
    enc = _encoder()
    result = align_treaties({"kk": kk, "az": az}, enc.encode)
    return find_divergences(result.alignments, ("kk", "az"), treaties={"kk": kk, "az": az}, encode=enc.encode)


def findings(records: tuple[Alignment, ...]) -> list[Divergence]:
    return [d for a in records for d in a.divergences]


def test_real_treaty_report_is_short() -> None:
    found = findings(compare(KK_TEXT, AZ_TEXT))
    by = collections.Counter(d.severity for d in found)
    assert len(found) <= 16, [d.message for d in found]
    assert by["major"] <= 6, [d.message for d in found if d.severity == "major"]
    # the legal-meaning checks flag exactly the real differences major (issue 15, item 7):
    # Art. 6 or/and, Art. 10(1) 'immediately', Art. 10(4) actor, Art. 17 interpretation/effect
    meaning_majors = sorted((d.alignment_id, d.kind) for d in found
                            if d.severity == "major" and d.kind in ("markers", "actor"))
    # and Art. 11(4): 'access or use' against 'access and use' (corpora/divergences.tsv R5)
    assert meaning_majors == [("art10.p1.3", "markers"), ("art10.p4", "actor"), ("art11.p4", "markers"),
                              ("art6.i11", "markers"), ("final.2", "markers")], meaning_majors
    # same numbers written differently (6 ай / 6 (altı) ay; dates) are not findings
    assert not [d for d in found if d.kind in ("numbers", "crossref")]
    # Article 2 lists the two countries' authorities in the opposite order: not an omission
    assert not [d for d in found if d.kind == "structure" and d.severity != "info"]


def test_real_treaty_art10_4_actor_and_voice_is_major() -> None:
    records = compare(KK_TEXT, AZ_TEXT)
    art10 = [d for a in records if a.article == "10" for d in a.divergences]
    actor = [d for d in art10 if d.kind == "actor"]
    assert len(actor) == 1
    d = actor[0]
    assert d.severity == "major"
    assert "requested Party" in d.message and "impersonal" in d.message
    quotes = {(e.language, e.quote) for e in d.evidence}
    assert ("kk", "бас тартады") in quotes and ("az", "imtina edilir") in quotes
    assert {e.segment_id for e in d.evidence} == {"art10.p4"}
    assert {e.line for e in d.evidence if e.language == "kk"} <= {195, 198}
    assert {e.line for e in d.evidence if e.language == "az"} == {173}


def test_real_treaty_ids_stable_across_runs() -> None:
    first = [d.id for d in findings(compare(KK_TEXT, AZ_TEXT))]
    compare.cache_clear()
    assert first == [d.id for d in findings(compare(KK_TEXT, AZ_TEXT))]


PLANTS = [
    # (name, old, new, expected kind, expected record article, severity)
    ("changed number", "45 gün ərzində", "60 gün ərzində", "numbers", "9", "major"),
    ("changed period", "6 (altı) ay", "3 (üç) ay", "numbers", "17", "major"),
    ("dropped item", "- 3) əməkdaşlıq prosesində yaranan məsələlər üzrə təcrübə mübadiləsi və praktiki "
                     "yardımın göstərilməsi;\n", "", "structure", "3", "major"),
    ("dropped unnumbered item", "xarici miqrasiyanın tənzimlənməsi metodları barədə.", "", "structure", "4", "major"),
    ("may turned into shall", "təqdim edə bilər", "təqdim edir", "markers", "8", "major"),
    ("right turned into shall", "sorğu etmək hüququna malikdir", "sorğu edir", "markers", "10", "major"),
    ("removed immediately", "bir-birini dərhal məlumatlandırırlar", "bir-birini məlumatlandırırlar",
     "markers", "9", "major"),
    ("added negation", "köməklik göstərirlər", "köməklik göstərmirlər", "markers", "1", "major"),
    ("removed negation", "maneə törətmir", "maneə törədir", "markers", "3", "major"),
    ("changed cross-reference", "17-ci maddəsi", "16-cı maddəsi", "crossref", "16", "major"),
    ("swapped actor", "3. Sorğu edilən Tərəf mümkün", "3. Sorğu edən Tərəf mümkün", "actor", "10", "major"),
    ("removed prior consent", "əvvəlcədən razılığı", "razılığı", "markers", "11", "major"),
]


@pytest.mark.parametrize("name,old,new,kind,article,severity", PLANTS, ids=[p[0] for p in PLANTS])
def test_planted_change_in_az_is_caught(name: str, old: str, new: str, kind: str, article: str,
                                        severity: str) -> None:
    assert AZ_TEXT.count(old) >= 1, name
    base = {d.id for d in findings(compare(KK_TEXT, AZ_TEXT))}
    records = compare(KK_TEXT, AZ_TEXT.replace(old, new, 1))
    new_findings = [(a, d) for a in records for d in a.divergences if d.id not in base]
    hits = [(a, d) for a, d in new_findings if d.kind == kind and a.article == article]
    assert hits, [(a.id, d.kind, d.message) for a, d in new_findings]
    assert any(d.severity == severity for _, d in hits)
    # one planted change must not cause a flood elsewhere
    assert len(new_findings) <= 3, [(a.id, d.kind, d.message) for a, d in new_findings]


SAME_MEANING = [
    ("digits to digits and words", "6 (altı) ay", "altı (6) ay"),
    ("digits to words only", "45 gün ərzində", "qırx beş gün ərzində"),
    ("words added to digits", "30 təqvim günündən", "30 (otuz) təqvim günündən"),
    ("unlabelled items reordered", "cinsi;\n\ntəvəllüdü;", "təvəllüdü;\n\ncinsi;"),
]


@pytest.mark.parametrize("name,old,new", SAME_MEANING, ids=[p[0] for p in SAME_MEANING])
def test_same_meaning_written_differently_gives_no_finding(name: str, old: str, new: str) -> None:
    assert AZ_TEXT.count(old) == 1, name
    base = {d.id for d in findings(compare(KK_TEXT, AZ_TEXT))}
    changed = [d for d in findings(compare(KK_TEXT, AZ_TEXT.replace(old, new, 1))) if d.id not in base]
    assert [d for d in changed if d.severity != "info"] == [], [(d.kind, d.message) for d in changed]


def test_a_signature_block_in_one_version_only_is_not_called_an_omitted_provision() -> None:
    found = [d for d in findings(compare(KK_TEXT, AZ_TEXT))
             if d.kind == "structure" and "sig." in d.alignment_id]
    assert [d.severity for d in found] == ["info"]
    assert "Not a provision" in found[0].message and "binds" not in found[0].message
