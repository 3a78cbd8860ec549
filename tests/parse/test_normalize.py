"""MappedText keeps each character's source offset as runs; the cleaning steps keep them exact."""

from __future__ import annotations

import sys
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from treaty_align.parse.normalize import (
    _NOT_PLAIN,
    _SOFT_HYPHEN,
    _ZERO_WIDTH,
    LazyVocabulary,
    MappedText,
    clean_chars,
    collapse_spaces,
    join_lines,
    map_line,
    strip_format_chars,
)


def test_a_line_is_one_run_and_a_joined_paragraph_a_few() -> None:
    first, second = map_line("Тараптар келісті", 10), map_line("  және уағдаласты.", 40)
    assert (first.starts, first.origins) == ((0,), (10,))
    para = join_lines([first, second])
    assert para.text == "Тараптар келісті және уағдаласты."
    # the joining space stands for the newline after the first line (offset 26)
    assert para.starts == (0, 17) and para.origins == (10, 42)
    assert para.offset(16) == 26 and para.offset(17) == 42 and para.offset(-1) == 57
    assert para.span() == (10, 58)


def test_spaces_collapse_and_leave_punctuation_alone() -> None:
    cleaned = collapse_spaces(map_line(" 5  күн ,  1)  тармақ  .", 100))
    assert cleaned.text == "5 күн, 1) тармақ."
    # the first space of a run stays; a space before punctuation goes
    assert cleaned.offsets == (101, 102, 104, 105, 106, 108, 109, 111, 112, 113, 115, 116, 117, 118, 119,
                               120, 123)


def test_format_characters_dropped_and_exotic_spaces_made_plain() -> None:
    line = map_line("Тарап\u00adтар\u200b\u00a0келісті\u202e", 0)
    cleaned = clean_chars(line)
    assert cleaned.text == "Тараптар келісті"
    assert cleaned.offsets == (0, 1, 2, 3, 4, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17)


def test_every_code_point_the_fast_test_calls_plain_is_no_format_character() -> None:
    plain = [chr(c) for c in range(sys.maxunicode + 1) if not _NOT_PLAIN.match(chr(c))]
    assert len(plain) > 100_000  # letters of every script are plain
    assert not [ch for ch in plain if unicodedata.category(ch) == "Cf" or ch in _ZERO_WIDTH or ch == _SOFT_HYPHEN]


@given(st.lists(st.integers(0, 3), min_size=0, max_size=40), st.integers(0, 45), st.integers(0, 45))
def test_runs_give_the_offsets_character_by_character(gaps: list[int], a: int, b: int) -> None:
    offsets, at = [], 7
    for gap in gaps:
        at += gap
        offsets.append(at)
        at += 1
    text = "".join("абвгд"[i % 5] for i in range(len(offsets)))
    mapped = MappedText.from_offsets(text, offsets)
    assert mapped.offsets == tuple(offsets)
    assert [mapped.offset(i) for i in range(len(text))] == offsets
    piece = mapped.slice(a, b)
    assert piece.text == text[a:b] and piece.offsets == tuple(offsets[a:b])
    joined = MappedText.concat([mapped.slice(0, a), mapped.slice(a, len(text))])
    assert joined == mapped
    if offsets:
        assert mapped.index_of(offsets[-1]) == len(offsets) - 1
        assert mapped.intersects([offsets[len(offsets) // 2]]) and not mapped.intersects([offsets[-1] + 1])


def test_vocabulary_is_read_only_when_a_hyphenated_wrap_asks() -> None:
    vocabulary = LazyVocabulary("ынтымақтастық\nқағида")
    assert vocabulary._words is None
    para = join_lines([map_line("ынтымақ-", 0), map_line("тастық туралы", 9)], vocabulary)
    assert para.text == "ынтымақтастық туралы" and vocabulary._words is not None


def test_format_characters_stripped_for_language_detection() -> None:
    assert strip_format_chars("Са\u200bзиш\u202e") == "Сазиш"
    assert strip_format_chars("plain") == "plain"
