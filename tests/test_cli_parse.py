"""`treaty-align parse`: output formats, and bad input → one line on stderr, exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import AZ_PATH, KK_PATH
from treaty_align.cli import main


def test_parse_table_is_readable(capsys):
    assert main(["parse", str(KK_PATH), "--format", "table"]) == 0
    out = capsys.readouterr().out
    line = next(ln for ln in out.splitlines() if " art6.i13 " in ln)
    assert line.split()[:4] == ["6", "art6.i13", "item", "129"]
    assert "дактилоскопиялық карта" in line


def test_parse_json_shape(capsys):
    assert main(["parse", str(AZ_PATH), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data)[:2] == ["language", "title"]
    assert data["language"] == "az"
    seg = next(s for s in data["segments"] if s["id"] == "art10.p4")
    assert {"id", "article", "kind", "label", "text", "line"} <= set(seg)
    assert (seg["article"], seg["label"], seg["line"]) == ("10", "4", 173)


def test_lang_override(capsys):
    assert main(["parse", str(KK_PATH), "--lang", "ru"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no article headings found for Russian" in err


@pytest.mark.parametrize("content,expected", [
    (None, "no such file"),
    (b"", "empty"),
    (b"   \n \n", "whitespace"),
    (b"\x00\x01\x02\x03binary\x00" * 50, "binary"),
    ("Dear friend, this is a letter with no articles at all.".encode(), "cannot tell the language"),
    ("Дорогой друг, это письмо без статей и без соглашений.".encode(), "no article headings"),
])
def test_bad_input_exit_2_one_line(content, expected, tmp_path):
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    proc = subprocess.run([sys.executable, "-m", "treaty_align.cli", "parse", str(path)],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert expected in proc.stderr and "Traceback" not in proc.stderr


def test_usage_error_is_one_line():
    proc = subprocess.run([sys.executable, "-m", "treaty_align.cli", "parse"], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1


def test_device_and_overlong_names_exit_2():
    for path in ("/dev/zero", "x" * 5000 + ".txt"):
        proc = subprocess.run([sys.executable, "-m", "treaty_align.cli", "parse", path],
                              capture_output=True, text=True)
        assert proc.returncode == 2
        assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.lists(st.sampled_from(["Статья 1", "1-бап", "Maddə 2", "10² дней", "9" * 400, "1)", "а)",
                              "**", "", "      ", "Тараптар 30 күн;", "Tərəflər:", "§"]),
             max_size=20).map(lambda parts: "\n".join(parts).encode("utf-8")),
))
def test_cli_parse_never_tracebacks(data, tmp_path, capsys):
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    assert main(["parse", str(path), "--format", "json"]) in (0, 2)
    err = capsys.readouterr().err
    assert err.count("\n") <= 1


def test_parse_quiet_writes_the_file_and_says_nothing(tmp_path, capsys):
    out = tmp_path / "kk.json"
    assert main(["parse", str(KK_PATH), "--format", "json", "-o", str(out), "-q"]) == 0
    assert capsys.readouterr().err == ""
    assert json.loads(out.read_text(encoding="utf-8"))["language"] == "kk"
    assert main(["parse", str(KK_PATH), "--format", "json", "-o", str(out), "--force"]) == 0
    assert capsys.readouterr().err.startswith("treaty-align: wrote ")
