"""Every code block of the README runs: ```python blocks in order in one namespace (like a
doctest), shell blocks (fenced sh/bash/shell/console or indented by four spaces) as
``treaty-align`` commands in a scratch folder.

A block that cannot run here (it installs packages, needs the user's files, is this test suite)
is marked on a line above it with ``<!-- readme-test: skip (reason) -->``. An unmarked block
with a command other than ``treaty-align`` fails, so a new README section is either runnable
or says why not.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

README = ROOT / "README.md"
SKIP = re.compile(r"<!--\s*readme-test:\s*skip\b")
SHELL = {"sh", "bash", "shell", "console"}


@dataclass(frozen=True)
class Block:
    line: int  # 1-based line of the block's first line of code
    lang: str  # "python" or "sh"
    code: str
    skipped: bool


def _marked(lines: list[str], start: int) -> bool:
    i = start - 1
    while i >= 0 and not lines[i].strip():
        i -= 1
    return i >= 0 and bool(SKIP.search(lines[i]))


def readme_blocks(text: str) -> list[Block]:
    """Return the code blocks of a Markdown text (fenced python/shell and indented ones)."""
    lines = text.splitlines()
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        fence = re.match(r"^(```+|~~~+)\s*([\w+-]*)", line)
        if fence:
            lang = fence.group(2).lower()
            end = i + 1
            while end < len(lines) and not lines[end].startswith(fence.group(1)):
                end += 1
            if lang == "python" or lang in SHELL:
                blocks.append(Block(i + 2, "python" if lang == "python" else "sh",
                                    "\n".join(lines[i + 1 : end]), _marked(lines, i)))
            i = end + 1
            continue
        if line.startswith("    ") and line.strip() and (i == 0 or not lines[i - 1].strip()):
            end = i
            while end < len(lines) and (lines[end].startswith("    ") or not lines[end].strip()):
                end += 1
            body = [ln[4:] for ln in lines[i:end]]
            blocks.append(Block(i + 1, "sh", "\n".join(body).strip("\n"), _marked(lines, i)))
            i = end
            continue
        i += 1
    return blocks


def shell_commands(code: str) -> list[str]:
    """Return the commands of a shell block, comments and comment-only lines dropped."""
    commands = []
    for raw in code.splitlines():
        line = raw.strip()
        if line.startswith("$ "):
            line = line[2:]
        line = re.split(r"\s+#", line, maxsplit=1)[0].strip()
        if line and not line.startswith("#"):
            commands.append(line)
    return commands


BLOCKS = readme_blocks(README.read_text(encoding="utf-8"))


def test_the_readme_has_runnable_blocks_of_both_kinds():
    assert any(b.lang == "python" and not b.skipped for b in BLOCKS)
    assert any(b.lang == "sh" and not b.skipped for b in BLOCKS)


def test_block_extraction_on_a_sample():
    sample = ("Intro\n\n    treaty-align compare   # a comment\n\n<!-- readme-test: skip (x) -->\n\n"
              "    pip install x\n\n```python\nx = 1\n```\n\n```\nnot code\n```\n")
    blocks = readme_blocks(sample)
    assert [(b.line, b.lang, b.skipped) for b in blocks] == [(3, "sh", False), (7, "sh", True), (10, "python", False)]
    assert shell_commands(blocks[0].code) == ["treaty-align compare"]


@pytest.fixture(scope="module")
def namespace():
    return {"__name__": "readme"}


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("readme")
    (folder / "corpora").symlink_to(ROOT / "corpora", target_is_directory=True)
    return folder


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.lang == "python"], ids=lambda b: f"README:{b.line}")
def test_python_block_runs(block, namespace, scratch, monkeypatch):
    if block.skipped:
        pytest.skip("marked readme-test: skip")
    monkeypatch.chdir(scratch)
    monkeypatch.setenv("TREATY_ALIGN_CACHE_DIR", str(scratch / "cache"))
    exec(compile(block.code, f"README.md:{block.line}", "exec"), namespace)  # noqa: S102


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.lang == "sh"], ids=lambda b: f"README:{b.line}")
def test_shell_block_runs(block, scratch, monkeypatch, capsys):
    from treaty_align import cli

    if block.skipped:
        pytest.skip("marked readme-test: skip")
    monkeypatch.chdir(scratch)
    monkeypatch.setenv("TREATY_ALIGN_CACHE_DIR", str(scratch / "cache"))
    for command in shell_commands(block.code):
        argv = shlex.split(command)
        assert argv[0] == "treaty-align", (
            f"README.md:{block.line}: '{command}' cannot run in a test: make it a treaty-align "
            f"command or mark the block with <!-- readme-test: skip (reason) -->")
        code = cli.main(argv[1:])
        err = capsys.readouterr().err
        allowed = {0, 1} if "--fail-on" in argv else {0}
        assert code in allowed, f"README.md:{block.line}: '{command}' exited {code}: {err}"
        assert "error:" not in err


def test_the_readme_says_which_file_is_the_pivot_as_the_code_chooses_it():
    # issue 11 item 17: the README's answer must stay the code's answer
    from treaty_align.languages import choose_pivot, first_language, language_order

    text = " ".join(README.read_text(encoding="utf-8").split())
    assert "**Which file is the pivot, and does argument order matter?** It does not" in text
    assert ("The prevailing text — `--authority LANG` when given, otherwise the Russian version when "
            "there is one (it prevails under the bundled Agreement's Article 17) — is listed first in "
            "every report; the other versions follow in the fixed order kk, az, ru.") in text
    assert ("The *pivot*, the version the others are aligned to, is the Russian version when there is "
            "one, otherwise the first in the fixed order kk, az, ru, whichever text prevails") in text
    assert first_language(("az", "kk"), "az") == "az" and first_language(("az", "ru", "kk")) == "ru"
    assert first_language(("az", "kk")) == "kk" and first_language(("ru", "az"), "az") == "az"
    assert choose_pivot(("az", "kk")) == "kk" and choose_pivot(("ru", "az", "kk")) == "ru"
    assert language_order(("ru", "az", "kk")) == ("kk", "az", "ru")
    assert language_order(("ru", "az", "kk"), "ru") == ("ru", "kk", "az")
