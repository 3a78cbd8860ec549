"""Language data folders: adding a language is adding a folder, checked here for every folder."""

from __future__ import annotations

import re

import pytest

from treaty_align.data import available_languages, load_json
from treaty_align.parse.language import detect_language, profile

REQUIRED = {"name", "script", "letters", "distinctive_letters", "article_heading", "treaty_words",
            "instrument_cues", "final_cues", "signature_cues", "item_letters", "common_words"}


def test_bundled_languages():
    assert set(available_languages()) >= {"kk", "az", "ru"}


@pytest.mark.parametrize("code", available_languages())
def test_language_folder_is_complete(code):
    raw = load_json(code, "structure.json")
    assert REQUIRED <= set(raw)
    prof = profile(code)
    heading = prof.article_heading
    assert "num" in heading.groupindex
    # the treaty words are lower case so that matching can lower-case the text
    assert all(w == w.lower() for w in prof.treaty_words + prof.final_cues + prof.signature_cues)
    assert prof.item_label().match(prof.item_letters[0] + ") text")
    assert re.compile(raw["article_heading"])


@pytest.mark.parametrize("code,sample", [
    ("kk", "1-бап\nТараптар ақпарат алмасады және осы Келісімге сәйкес әрекет етеді."),
    ("az", "Maddə 1\nTərəflər bu Saziş çərçivəsində məlumat mübadiləsi aparırlar."),
    ("ru", "Статья 1\nСтороны обмениваются информацией в соответствии с настоящим Соглашением."),
])
def test_detect_language(code, sample):
    assert detect_language(sample) == code


@pytest.mark.parametrize("code", available_languages())
def test_lookalike_table_pairs_letters_of_two_scripts(code):
    import unicodedata

    from treaty_align.parse.scripts import lookalike_table

    table = lookalike_table(code)
    names = {"Cyrl": "CYRILLIC", "Latn": "LATIN"}
    for native, foreign in table.to_foreign.items():
        assert unicodedata.name(native).startswith(names[table.native_script]), native
        assert unicodedata.name(foreign).startswith(names[table.foreign_script]), foreign
    assert len(table.to_native) == len(table.to_foreign)  # one twin per letter, both ways


@pytest.mark.parametrize("code", available_languages())
def test_container_words_and_cues_are_lower_case(code):
    prof = profile(code)
    words = [w for _, ws in prof.container_words for w in ws]
    assert words and all(w == w.lower() for w in words)
    for cues in (prof.note_cues, prof.publisher_cues, prof.certification_cues, prof.amendment_cues):
        assert cues and all(c == c.lower() for c in cues)
    assert prof.container_heading().match(words[0] + " 2")
