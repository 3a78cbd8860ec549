"""A version saved from a static web site: YAML front matter, the body as HTML inside a ``.md``
file, a figure with a caption, a sentence-case title heading. Synthetic texts written here."""

from __future__ import annotations

from treaty_align.parse import load_treaty, read_document
from treaty_align.parse.formats import blank_front_matter, looks_like_html

FRONT = "---\nurl: https://example.org/decl_ru.html\ntitle: Declaration - Russian\ntags: [\"decl\"]\n---\n\n"

BODY_RU = """<div lang="ru">
 <figure>
  <blockquote>
   <p>
    Принимая во внимание, что сотрудничество государств служит миру;
   </p>
  </blockquote>
  <figcaption>
   <span>Example Publisher.</span>
   <cite>Model Declaration.</cite>
  </figcaption>
 </figure>
 <h3>
  Общая декларация о добрососедстве
 </h3>
 <p>
  Принята резолюцией 12 Общего собрания от 1 мая 2001 года.
 </p>
 <h4>
  ПРЕАМБУЛА
 </h4>
 <p>
  Принимая во внимание, что сотрудничество государств служит миру;
 </p>
 <h4>
  Статья 1
 </h4>
 <p>
  Каждое государство имеет право на уважение своих границ.
 </p>
 <h4>
  Статья 2
 </h4>
 <p>
  Никто не может быть лишен защиты закона.
 </p>
</div>
"""


def test_front_matter_is_blanked_line_for_line():
    text = FRONT + "Статья 1\n"
    blanked = blank_front_matter(text)
    assert blanked.count("\n") == text.count("\n")
    assert "url:" not in blanked and blanked.endswith("Статья 1\n")
    # a horizontal rule that opens a plain text is no front matter
    assert blank_front_matter("---\nСтатья 1\nТекст.\n---\n") == "---\nСтатья 1\nТекст.\n---\n"


def test_html_body_saved_as_markdown_is_read_as_html(tmp_path):
    assert looks_like_html(BODY_RU, ".md")
    path = tmp_path / "ru.md"
    path.write_text(FRONT + BODY_RU, encoding="utf-8")
    assert read_document(path).format == "html"




def test_saved_page_parses_to_title_preamble_and_articles(tmp_path):
    path = tmp_path / "ru.md"
    path.write_text(FRONT + BODY_RU, encoding="utf-8")
    treaty = load_treaty(path)
    assert treaty.title == "Общая декларация о добрососедстве"
    kinds = [(s.kind, s.article) for s in treaty.segments]
    # the adoption note is the text's own note: compared like a footnote, not as a recital
    assert kinds == [("instrument", None), ("title", None), ("footnote", None), ("preamble", None), ("preamble", None),
                     ("paragraph", "1"), ("paragraph", "2")]
    texts = " ".join(s.text for s in treaty.segments)
    assert "url:" not in texts and "Example Publisher" not in texts and "Model Declaration" not in texts
    preamble = [s.text for s in treaty.segments if s.kind == "preamble"]
    assert preamble == ["ПРЕАМБУЛА", "Принимая во внимание, что сотрудничество государств служит миру;"]
