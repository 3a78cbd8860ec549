"""Encodings and newline conventions: the same text parses to the same segments."""

from __future__ import annotations

import codecs

import pytest

from tests.conftest import AZ_PATH, KK_PATH, RU_SYNTHETIC
from treaty_align.errors import InputError
from treaty_align.parse import load_treaty
from treaty_align.parse.encoding import decode_bytes, detect_and_decode


def _segments(treaty):
    return [(s.id, s.kind, s.label, s.text, s.line, s.span, s.article) for s in treaty.segments]


KK_TEXT = KK_PATH.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "name,data",
    [
        ("utf-8-bom", codecs.BOM_UTF8 + KK_TEXT.encode("utf-8")),
        ("utf-16", KK_TEXT.encode("utf-16")),
        ("utf-16-le-no-bom", KK_TEXT.encode("utf-16-le")),
        ("utf-16-be-no-bom", KK_TEXT.encode("utf-16-be")),
        # Plain CP1251 has no Kazakh letters (ә, ғ, қ, ң, ө, ұ, ү, һ); the Kazakh variant of
        # Windows-1251 is KZ-1048, which is what "CP1251" Kazakh files really are.
        ("kz1048", KK_TEXT.encode("kz1048")),
        ("crlf", KK_TEXT.replace("\n", "\r\n").encode("utf-8")),
        ("kz1048-crlf", KK_TEXT.replace("\n", "\r\n").encode("kz1048")),
        ("utf-16-crlf-bom", KK_TEXT.replace("\n", "\r\n").encode("utf-16")),
    ],
)
def test_kazakh_reencoded_parses_identically(name, data, tmp_path, kk_treaty):
    path = tmp_path / f"kk-{name}.txt"
    path.write_bytes(data)
    treaty = load_treaty(path)
    assert _segments(treaty) == _segments(kk_treaty)
    assert treaty.title == kk_treaty.title


def test_kazakh_cannot_be_plain_cp1251():
    with pytest.raises(UnicodeEncodeError):
        "қ".encode("cp1251")


def test_kz1048_detected_not_cp1251():
    text, encoding = detect_and_decode("Тараптар құзыретті органдары ақпарат алмасады.".encode("kz1048"))
    assert encoding == "kz1048"
    assert text == "Тараптар құзыретті органдары ақпарат алмасады."


def test_russian_cp1251_parses_identically(tmp_path, ru_synthetic):
    path = tmp_path / "ru.md"
    path.write_bytes(RU_SYNTHETIC.read_text(encoding="utf-8").encode("cp1251"))
    treaty = load_treaty(path)
    assert treaty.encoding == "cp1251"
    assert _segments(treaty) == _segments(ru_synthetic)


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "empty"),
        (b"   \n\t\n  ", "whitespace"),
        (bytes(range(256)) * 20, "binary"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02" * 100, "binary"),
    ],
)
def test_bad_bytes_raise_input_error(data, message, tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message):
        load_treaty(path)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_treaty(tmp_path / "absent.txt")
    with pytest.raises(InputError, match="directory"):
        load_treaty(tmp_path)


AZ_BYTES = AZ_PATH.read_bytes()


def test_one_invalid_byte_in_utf8_is_named_and_the_rest_decoded(tmp_path, az_treaty):
    # one stray 0xFF in the middle of the Azerbaijani text: still Azerbaijani, still UTF-8
    cut = AZ_BYTES.index(b"\n", len(AZ_BYTES) // 2) + 1
    path = tmp_path / "az.md"
    path.write_bytes(AZ_BYTES[:cut] + b"\xff" + AZ_BYTES[cut:])
    treaty = load_treaty(path)
    assert treaty.language == "az" and treaty.encoding == "utf-8"
    line = AZ_BYTES[:cut].count(b"\n") + 1
    assert treaty.warnings[0] == (f"invalid UTF-8 byte 0xFF at byte offset {cut}, line {line}: "
                                  "replaced by U+FFFD, the rest decoded as UTF-8")
    assert treaty.articles == az_treaty.articles


def test_many_invalid_bytes_are_not_called_utf8():
    # a KZ-1048 file is all "invalid UTF-8": it must still be read as KZ-1048, without warnings
    text, encoding, warnings = decode_bytes(KK_TEXT.encode("kz1048"))
    assert encoding == "kz1048" and warnings == () and text == KK_TEXT


@pytest.mark.parametrize("where", [100, 3 * 1024, 12 * 1024])
def test_a_nul_byte_is_refused_wherever_it_stands(where):
    data = KK_TEXT.encode("utf-8")
    data = data[:where] + b"\x00" + data[where:]
    line = data[:where].count(b"\n") + 1
    with pytest.raises(InputError, match=f"NUL byte at byte offset {where}, line {line}"):
        decode_bytes(data)
