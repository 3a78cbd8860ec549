"""Input formats: HTML, Word and PDF give the structure of the same text saved as Markdown, with
locations in the received file. Every fixture is SYNTHETIC and written here by the tests."""

from __future__ import annotations

import json
import re
import sys

import pytest

from tests.parse.format_fixtures import (
    HEADER,
    SYNTHETIC_RU,
    synthetic_blocks,
    write_docx,
    write_html,
    write_pdf,
    write_scanned_pdf,
)
from treaty_align.cli import main
from treaty_align.errors import InputError
from treaty_align.parse import load_treaty, read_document
from treaty_align.parse.docx import _Level, _Numbering
from treaty_align.parse.formats import looks_like_html, sniff_format

pytest.importorskip("docx")
pytest.importorskip("pdfplumber")
pytest.importorskip("fpdf")

# fpdf2 notes that it fixed A5's size in a past release; nothing to act on
pytestmark = pytest.mark.filterwarnings("ignore:Dimensions for page format:UserWarning")


@pytest.fixture(scope="module")
def blocks():
    return synthetic_blocks()


@pytest.fixture(scope="module")
def markdown_treaty():
    return load_treaty(SYNTHETIC_RU)


def _structure(treaty):
    return [(s.id, s.kind, s.label, s.article, s.text) for s in treaty.segments]


@pytest.mark.parametrize("writer,name", [(write_html, "ru.html"), (write_docx, "ru.docx"), (write_pdf, "ru.pdf")])
def test_same_document_in_every_format_gives_the_same_structure(tmp_path, blocks, markdown_treaty, writer, name):
    treaty = load_treaty(writer(blocks, tmp_path / name))
    assert treaty.language == "ru"
    assert _structure(treaty) == _structure(markdown_treaty)
    assert treaty.title == "СОГЛАШЕНИЕ о сотрудничестве в области статистики"


def test_format_is_told_by_content_not_by_name(tmp_path, blocks, markdown_treaty):
    pdf = write_pdf(blocks, tmp_path / "ru.pdf")
    disguised = tmp_path / "ru.txt"
    disguised.write_bytes(pdf.read_bytes())
    assert read_document(disguised).format == "pdf"
    docx = write_docx(blocks, tmp_path / "ru.docx")
    (tmp_path / "ru.dat").write_bytes(docx.read_bytes())
    assert read_document(tmp_path / "ru.dat").format == "docx"
    html = write_html(blocks, tmp_path / "ru.html")
    (tmp_path / "ru-page.txt").write_bytes(html.read_bytes())
    assert _structure(load_treaty(tmp_path / "ru-page.txt")) == _structure(markdown_treaty)


def test_markdown_with_embedded_html_stays_markdown():
    text = ("# Title\n\n<a id=\"st1\"></a>\n\n**Статья 1**\n\nТекст.\n\n"
            "<table><tr><td>За Сторону А</td><td>За Сторону Б</td></tr></table>\n")
    assert not looks_like_html(text, ".md")
    assert looks_like_html("<!DOCTYPE html>\n<html><body><p>x</p></body></html>")
    assert looks_like_html("<p>Статья 1</p>\n<p>Текст.</p>\n<p>Ещё.</p>\n")


def test_unread_formats_are_named(tmp_path):
    with pytest.raises(InputError, match=r"old binary Word \.doc"):
        sniff_format(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    import zipfile

    archive = tmp_path / "x.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(InputError, match="a ZIP archive, not a Word document"):
        sniff_format(archive.read_bytes())


def test_docx_locations_are_word_paragraphs(tmp_path, blocks):
    import docx

    path = write_docx(blocks, tmp_path / "ru.docx")
    treaty = load_treaty(path)
    paragraphs = docx.Document(str(path)).paragraphs
    for seg in treaty.segments:
        m = re.fullmatch(r"¶ (\d+)", seg.location)
        assert m, seg.location
        assert seg.text[:20] in paragraphs[int(m.group(1)) - 1].text
    # an empty paragraph follows each of the 9 blocks before Article 2 point 2: it is the 19th
    assert treaty.segment("art2.p2").location == "¶ 19"
    assert treaty.segment("art2.p2").label == "2"  # Word's automatic number, not in the text


def test_pdf_page_furniture_and_hyphens_removed(tmp_path, blocks):
    import pdfplumber

    path = write_pdf(blocks, tmp_path / "ru.pdf")
    doc = read_document(path)
    assert "Синтетический образец" not in doc.text
    assert not any(re.fullmatch(r"\s*\d+\s*", ln) for ln in doc.text.split("\n"))
    treaty = load_treaty(path)
    # "стати-" / "стики" at a line end is joined: the whole word is in the document's vocabulary
    assert "стати-" not in doc.text and "в области статистики\n" in doc.text
    assert treaty.title == "СОГЛАШЕНИЕ о сотрудничестве в области статистики"
    with pdfplumber.open(str(path)) as pdf:
        printed = [[ln["text"] for ln in page.extract_text_lines()] for page in pdf.pages]
    assert len(printed) >= 3
    assert printed[1][0] == HEADER.format(page=2)
    for seg in treaty.segments:
        m = re.fullmatch(r"p\. (\d+), line (\d+)", seg.location)
        assert m, seg.location
        line = printed[int(m.group(1)) - 1][int(m.group(2)) - 1]
        assert seg.text.startswith(re.sub(r"^(\d+[.)]\s*)", "", line.rstrip("-"))[:12]), (seg.id, line)


def test_pdf_paragraph_across_a_page_break(tmp_path, blocks):
    # 5 lines a page put breaks inside paragraphs; the text must come out whole all the same
    treaty = load_treaty(write_pdf(blocks, tmp_path / "ru.pdf", lines_per_page=5))
    assert _structure(treaty) == _structure(load_treaty(SYNTHETIC_RU))


def test_scanned_pdf_is_one_line_exit_2(tmp_path, capsys):
    path = write_scanned_pdf(tmp_path / "scan.pdf")
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "no text layer" in err and "OCR" in err and "Traceback" not in err


def test_missing_extra_is_named(tmp_path, blocks, monkeypatch):
    path = write_docx(blocks, tmp_path / "ru.docx")
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(InputError, match=re.escape('pip install "treaty-align[formats]"')):
        load_treaty(path)


def test_html_in_a_declared_single_byte_encoding(tmp_path, blocks, markdown_treaty):
    path = write_html(blocks, tmp_path / "ru.htm", encoding="windows-1251")
    treaty = load_treaty(path)
    assert treaty.encoding == "cp1251"
    assert _structure(treaty) == _structure(markdown_treaty)
    source = path.read_bytes().decode("cp1251").split("\n")
    seg = treaty.segment("art3.1")
    assert seg.text[:20] in source[int(seg.location.split()[1]) - 1]


def test_html_lists_tables_and_breaks():
    from treaty_align.parse.html import read_html

    page = ("<html><body><h2>Статья 1</h2><ol><li>первый;</li><li>второй.</li></ol>"
            "<ol type=\"a\" start=\"3\"><li>третий</li></ol><p>строка<br>ещё</p>"
            "<table><tr><td><p>За Сторону А</p></td><td>За Сторону Б</td></tr></table></body></html>")
    lines = [ln for ln in read_html(page).text.split("\n") if ln]
    assert lines == ["## Статья 1", "1. первый;", "2. второй.", "c) третий", "строка", "ещё",
                     "За Сторону А", "За Сторону Б"]


def test_word_numbering_levels_restart_and_letters():
    numbering = _Numbering(levels={"7": {0: _Level("decimal", "%1.", 1), 1: _Level("russianLower", "%2)", 1)}})
    labels = [numbering.label("7", lvl) for lvl in (0, 1, 1, 0, 1)]
    assert labels == ["1. ", "а) ", "б) ", "2. ", "а) "]


def test_parse_json_carries_locations(tmp_path, blocks, capsys):
    path = write_docx(blocks, tmp_path / "ru.docx")
    assert main(["parse", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["encoding"] == "docx"
    assert [s["location"] for s in data["segments"]][:2] == ["¶ 1", "¶ 3"]


def test_findings_cite_word_paragraphs_and_pdf_pages(tmp_path, capsys):
    import dataclasses

    kk = write_docx(synthetic_blocks(SYNTHETIC_RU.with_name("kk.md")), tmp_path / "kk.docx")
    # a planted change in the Russian PDF: 60 days where the Kazakh text says 30
    changed = [dataclasses.replace(b, text=b.text.replace("30", "60")) for b in synthetic_blocks()]
    ru = write_pdf(changed, tmp_path / "ru.pdf")
    out = tmp_path / "r.json"
    assert main(["compare", str(kk), str(ru), "--format", "json", "-o", str(out), "-q",
                 "--cache-dir", str(tmp_path / "cache")]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["languages"] == ["ru", "kk"]
    (finding,) = [d for a in data["alignments"] for d in a["divergences"]]
    assert finding["kind"] == "numbers"
    where = {e["language"]: e["location"] for e in finding["evidence"]}
    assert where["kk"] == "¶ 19"
    assert re.fullmatch(r"p\. 2, line \d+", where["ru"])
    record = next(a for a in data["alignments"] if a["divergences"])
    assert record["segments"]["kk"][0]["location"] == "¶ 19"
    assert main(["compare", str(kk), str(ru), "--format", "markdown", "-q",
                 "--cache-dir", str(tmp_path / "cache")]) == 0
    assert "¶ 19: «30" in capsys.readouterr().out


def test_dehyphenation_keeps_compounds_the_document_shows():
    from treaty_align.parse.pdf import dehyphenate

    lines = ["бір-бірін хабардар етеді, бір-", "бірін", "для инвес-", "торов и научно-",
             "технического, технический совет, предос-", "тавляет"]
    assert dehyphenate(lines) == ["бір-бірін хабардар етеді, бір-", "бірін", "для инвесторов",
                                  "и научно-", "технического, технический совет, предоставляет", ""]


def test_docx_tracked_changes_and_content_controls(tmp_path, blocks):
    import docx
    from docx.oxml import parse_xml

    path = write_docx(blocks, tmp_path / "ru.docx")
    document = docx.Document(str(path))
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    target = next(p for p in document.paragraphs if p.text.startswith("Стороны сотрудничают"))
    target._p.append(parse_xml(f'<w:ins {ns} w:id="1" w:author="t"><w:r><w:t> Вставка принята.</w:t></w:r></w:ins>'))
    target._p.append(parse_xml(f'<w:del {ns} w:id="2" w:author="t"><w:r><w:delText> Удалено.</w:delText></w:r></w:del>'))
    # a paragraph inside a block-level content control
    sdt = parse_xml(f'<w:sdt {ns}><w:sdtContent><w:p><w:r><w:t>Настоящее Соглашение толкуется добросовестно.</w:t>'
                    f'</w:r></w:p></w:sdtContent></w:sdt>')
    target._p.addnext(sdt)
    document.save(path)
    treaty = load_treaty(path)
    assert treaty.segment("art1.1").text.endswith("своих государств. Вставка принята.")
    assert treaty.segment("art1.2").text == "Настоящее Соглашение толкуется добросовестно."
