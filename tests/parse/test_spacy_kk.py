"""The Kazakh spaCy language registered through the ``spacy_languages`` entry point."""

from __future__ import annotations

import pytest
import spacy

from treaty_align.parse.sentences import split_sentences, tokenize


def test_blank_kk_is_our_language_class():
    nlp = spacy.blank("kk")
    assert type(nlp).__name__ == "Kazakh"
    assert nlp.lang == "kk"


def test_kazakh_tokens_keep_hyphenated_words():
    assert tokenize("Осы Келісімнің 5-бабында көші-қон туралы.", "kk") == (
        "Осы", "Келісімнің", "5-бабында", "көші-қон", "туралы", ".",
    )


def test_kazakh_like_num_and_stop_words():
    doc = spacy.blank("kk")("алтыншы отыз 30 үй және")
    assert [t.like_num for t in doc] == [True, True, True, False, False]
    assert doc[4].is_stop


def test_sentences_of_a_paragraph(kk_treaty):
    seg = kk_treaty.segment("art10.p3")
    spans = split_sentences(seg.text, "kk")
    assert len(spans) == 2
    assert seg.text[spans[1][0]:spans[1][1]].startswith("Сұрау салуды орындау мерзімі")


def test_sentences_az_and_ru():
    assert len(split_sentences("Sorğu göndərilir. Tərəflər mübadilə edirlər.", "az")) == 2
    assert len(split_sentences("Стороны обмениваются. Запрос исполняется.", "ru")) == 2


def test_the_command_line_loads_the_sentencizer_without_torch_and_torch_stays_importable():
    import os
    import subprocess
    import sys
    from pathlib import Path

    import treaty_align

    pytest.importorskip("torch")
    # a fresh process (this one may hold torch already), importing this checkout's package
    root = str(Path(treaty_align.__file__).resolve().parents[1])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])))
    code = (
        "import sys\n"
        "from treaty_align.parse import sentences\n"
        "sentences.SPARE_TORCH = True\n"
        "assert sentences.split_sentences('Бірінші сөйлем. Екінші сөйлем.', 'kk')\n"
        "assert 'torch' not in sys.modules, 'torch was imported'\n"
        "import torch\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, env=env)
    assert out.returncode == 0, out.stderr[-500:]
    assert out.stdout.strip() == "ok"
