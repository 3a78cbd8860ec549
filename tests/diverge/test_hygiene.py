"""Package hygiene for the divergence stage: no treaty wording or language words in the code."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import AZ_PATH, KK_PATH

ROOT = Path(__file__).resolve().parents[2] / "treaty_align"
OWN = sorted((ROOT / "diverge").glob("*.py")) + sorted((ROOT / "meaning").glob("*.py")) + [
    p for lang in ("kk", "az", "ru") for name in ("markers.tsv", "numerals.tsv", "actors.tsv", "quality.tsv",
                                                   "crossref.json", "morphology.json", "meaning.json")
    if (p := ROOT / "data" / lang / name).exists()
]


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text.lower())


def test_no_line_repeats_four_words_of_the_bundled_treaty() -> None:
    grams = set()
    for path in (KK_PATH, AZ_PATH):
        w = _words(path.read_text(encoding="utf-8"))
        grams.update(tuple(w[i:i + 4]) for i in range(len(w) - 3))
    for path in OWN:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for variant in (line, re.sub(r"\\[swbWSB][+*?]?", " ", line)):
                w = _words(variant)
                assert not any(tuple(w[i:i + 4]) in grams for i in range(len(w) - 3)), f"{path.name}:{n}"


def test_check_code_has_no_cyrillic_or_azerbaijani_letters() -> None:
    for path in sorted((ROOT / "diverge").glob("*.py")) + sorted((ROOT / "meaning").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"[а-яёәіңғүұқөһА-ЯЁӘІҢҒҮҰҚӨҺəƏıİşŞçÇğĞöÖüÜ]", text), path.name
