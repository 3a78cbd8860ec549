"""Write ``treaty_align/data/<lang>/number_words.tsv``: every spelled form of the number words.

Base words (cardinals 0-19, tens, hundreds, thousand, million, billion, and their ordinals) come
from ``num2words``; the forms of each word come from ``pymorphy3``'s lexeme for Russian (every
case, gender and number) and from the ordinal and case suffixes of ``number_forms.json`` for the
Turkic languages (vowel harmony by the word's last vowel). Forms listed under ``exclude`` in
``number_forms.json`` (ordinary words that look like a number: Kazakh "оны", Azerbaijani "üçün")
are left out.

    python scripts/gen_number_words.py            # all languages with a number_forms.json
    python scripts/gen_number_words.py ru kk

Needs ``num2words`` and, for Russian, ``pymorphy3`` + ``pymorphy3-dicts-ru`` (runtime deps).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "treaty_align" / "data"
BASES = list(range(0, 20)) + list(range(20, 100, 10)) + list(range(100, 1000, 100)) + [1000, 10**6, 10**9]


def _single(words: str, n: int = 0) -> str | None:
    parts = words.replace("-", " ").split()
    if len(parts) == 2 and n >= 1000:
        return parts[1]  # "one thousand": the scale word alone
    return parts[0] if len(parts) == 1 else None


def russian(spec: dict) -> dict[str, tuple]:
    """Return form -> (value, kind) for Russian, from num2words and pymorphy3 lexemes."""
    import pymorphy3
    from num2words import num2words

    morph = pymorphy3.MorphAnalyzer()
    out: dict[str, tuple[int, str]] = {}

    def forms(word: str, prefer: tuple[str, ...]) -> set[str]:
        parses = [p for p in morph.parse(word) if "Abbr" not in p.tag]
        for tag in prefer:
            chosen = [p for p in parses if tag in p.tag]
            if chosen:
                break
        else:
            chosen = parses[:1]
        return {f.word for p in chosen for f in p.lexeme
                if "Supr" not in f.tag and "Cmp2" not in f.tag} | {word}

    for n in BASES:
        card = _single(num2words(n, lang="ru"), n)
        if card:
            for f in forms(card, ("NUMR", "NOUN")):
                out.setdefault(f, (n, "cardinal"))
        if n == 0:
            continue
        ordinal = _single(num2words(n, lang="ru", to="ordinal"), n)
        if ordinal:
            for f in forms(ordinal, ("ADJF",)):
                out.setdefault(f, (n, "ordinal"))
    for word, n in spec.get("extra_words", {}).items():
        for f in forms(word, ("NUMR", "NOUN")):
            out.setdefault(f, (n, "cardinal"))
    # "six-month", "ten-year": the number's genitive glued to an adjective of the unit
    genitives = {}
    for n in list(range(2, 20)) + list(range(20, 100, 10)) + [100]:
        card = _single(num2words(n, lang="ru"), n)
        parse = next((p for p in morph.parse(card) if "NUMR" in p.tag), None)
        gent = parse.inflect({"gent"}) if parse else None
        if gent:
            genitives[gent.word] = n
    for stem, unit in spec.get("compound_units", {}).items():
        probe = spec["compound_probe"] + stem
        base = next((probe + e for e in ("ый", "ий") if morph.word_is_known(probe + e)), probe + "ый")
        adjective = next((p for p in morph.parse(base) if "ADJF" in p.tag), None)
        endings = sorted({f.word[len(probe):] for f in adjective.lexeme}) if adjective else ["ый"]
        for gent, n in genitives.items():
            for ending in endings:
                out.setdefault(gent + stem + ending, (n, "cardinal", unit))
    return out


def turkic(spec: dict, lang: str) -> dict[str, tuple[int, str]]:
    """Return form -> (value, kind) for Kazakh or Azerbaijani, from num2words and suffix rules."""
    from num2words import num2words

    code = spec["num2words_lang"]
    out: dict[str, tuple[int, str]] = {}
    bases: list[tuple[str, int, str]] = []
    for n in BASES:
        card = _single(num2words(n, lang=code), n)
        if not card:
            continue
        bases.append((card, n, "cardinal"))
        if n == 0:
            continue
        ordinals: list[str] = list(spec.get("ordinal_extra", {}).get(str(n), []))
        try:
            ordinal = _single(num2words(n, lang=code, to="ordinal"), n)
        except NotImplementedError:
            ordinal = None
        if ordinal:
            ordinals.append(ordinal)
        elif "ordinal_after_vowel" in spec:
            harmony = _harmony_kk(card, spec)
            table = spec["ordinal_after_vowel" if card[-1] in spec["back_vowels"] + spec["front_vowels"]
                         else "ordinal_after_consonant"]
            ordinals.append(card + table[harmony])
        bases.extend((o, n, "ordinal") for o in ordinals)
    for word, n, kind in bases:
        harmony = _harmony_kk(word, spec) if lang == "kk" else _harmony_az(word, spec)
        for suffix in spec["case_suffixes"][harmony]:
            out.setdefault(word + suffix, (n, kind))
    return out


def _harmony_kk(word: str, spec: dict) -> str:
    for ch in reversed(word):
        if ch in spec["back_vowels"]:
            return "back"
        if ch in spec["front_vowels"]:
            return "front"
    return "back"


def _harmony_az(word: str, spec: dict) -> str:
    for ch in reversed(word):
        for name, vowels in spec["vowel_classes"].items():
            if ch in vowels:
                return name
    return "a"


def generate(lang: str) -> Path:
    """Write the number_words.tsv of ``lang`` and return its path."""
    spec = json.loads((DATA / lang / "number_forms.json").read_text(encoding="utf-8"))
    table = russian(spec) if spec.get("inflect") == "pymorphy3" else turkic(spec, lang)
    exclude = set(spec.get("exclude", []))
    rows = []
    for form, entry in sorted(table.items()):
        value, kind, unit = (tuple(entry) + ("",))[:3]
        variants = {form, form.replace("ё", "е")}
        rows.extend((v, value, kind, unit) for v in sorted(variants) if v not in exclude)
    path = DATA / lang / "number_words.tsv"
    lines = ["# Generated by scripts/gen_number_words.py from number_forms.json (num2words"
             + (", pymorphy3" if spec.get("inflect") else "") + "); do not edit by hand.",
             "form\tvalue\tkind\tunit"]
    seen = set()
    for form, value, kind, unit in rows:
        if form in seen:
            continue
        seen.add(form)
        lines.append(f"{form}\t{value}\t{kind}\t{unit}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    """Generate the tables of the languages named in ``argv`` (default: all that have a spec)."""
    langs = argv or sorted(p.parent.name for p in DATA.glob("*/number_forms.json"))
    for lang in langs:
        path = generate(lang)
        print(f"{path.relative_to(DATA.parents[1])}: {sum(1 for _ in open(path, encoding='utf-8')) - 2} forms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
