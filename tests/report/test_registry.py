"""The format registry and atomic writes."""

from __future__ import annotations

import os

import pytest

from treaty_align.errors import InputError, OptionError
from treaty_align.report import FORMATS, SUFFIXES, render, write_atomic


def test_registry_names():
    assert set(FORMATS) == {"table", "json", "markdown", "csv", "sarif", "html", "tmx", "xliff"}
    assert set(SUFFIXES) == set(FORMATS)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_renders_text_deterministically(comparison, fmt):
    text = render(comparison, fmt)
    assert isinstance(text, str) and text.endswith("\n")
    assert render(comparison, fmt) == text
    assert "/srv/private" not in text


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_renders_empty_and_two_language_comparisons(empty_comparison, comparison2, fmt):
    assert render(empty_comparison, fmt)
    assert render(comparison2, fmt)


def test_unknown_format():
    with pytest.raises(OptionError, match="unknown output format 'pdf'.*html"):
        render(None, "pdf")  # type: ignore[arg-type]


def test_write_atomic_writes_and_replaces(tmp_path):
    target = tmp_path / "report.json"
    old_umask = os.umask(0o022)
    try:
        write_atomic(target, "first\n")
    finally:
        os.umask(old_umask)
    # a new file gets the usual permissions, not mkstemp's owner-only 0600
    assert target.stat().st_mode & 0o777 == 0o644
    target.chmod(0o640)
    write_atomic(target, "second — ü\r\n")
    assert target.read_bytes() == "second — ü\r\n".encode("utf-8")
    assert target.stat().st_mode & 0o777 == 0o640  # an existing file keeps its permissions
    assert os.listdir(tmp_path) == ["report.json"]


def test_write_atomic_writes_pieces_and_leaves_nothing_when_they_fail(tmp_path):
    target = tmp_path / "report.json"
    write_atomic(target, (piece for piece in ["{", "\n  \"a\": 1", "\n}\n"]))
    assert target.read_text(encoding="utf-8") == '{\n  "a": 1\n}\n'

    def broken():
        yield "{"
        raise ValueError("a renderer failed half-way")

    with pytest.raises(ValueError):
        write_atomic(target, broken())
    # the old report stays whole, and no temporary file is left
    assert target.read_text(encoding="utf-8") == '{\n  "a": 1\n}\n'
    assert os.listdir(tmp_path) == ["report.json"]


def test_write_atomic_missing_directory(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        write_atomic(tmp_path / "missing" / "out.html", "x")
    assert not (tmp_path / "missing").exists()


def test_write_atomic_target_is_directory(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        write_atomic(tmp_path, "x")


def test_render_failure_leaves_old_file_untouched(tmp_path, comparison, monkeypatch):
    target = tmp_path / "out.html"
    target.write_text("old", encoding="utf-8")

    def broken(_c):
        raise RuntimeError("renderer failed")

    monkeypatch.setitem(FORMATS, "html", broken)
    with pytest.raises(RuntimeError):
        write_atomic(target, render(comparison, "html"))
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["out.html"]


def test_failure_while_writing_leaves_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")

    def no_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_replace)
    with pytest.raises(InputError, match="No space left"):
        write_atomic(target, "new text")
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_unencodable_text_leaves_no_temp_file(tmp_path):
    target = tmp_path / "out.txt"
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "lone surrogate \ud800")
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only directories")
def test_write_atomic_unwritable_directory(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        with pytest.raises(InputError, match="cannot write"):
            write_atomic(ro / "out.txt", "x")
    finally:
        ro.chmod(0o700)


def test_write_atomic_leaves_devices_and_links_in_place(tmp_path):
    import os
    import stat

    from treaty_align.report import write_atomic

    write_atomic(os.devnull, "discarded\n")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"
