"""Terminology consistency, with terms induced from the document itself.

No bilingual dictionary is needed: content words are reduced to stems (a fixed-length prefix,
which suits suffixing languages) and a source stem's usual rendering is the target stem that
co-occurs with it in the most aligned records (Dice coefficient). Reported are

* a source term rendered by its usual target term in most records but by another one, specific
  to those records, in at least two others (one term translated two ways);
* two source terms that never occur together but share the same rendering (two terms collapsed
  into one).

The source language is the authority when one is given, else the first language code
in alphabetical order. Findings are
``info`` (a statistical observation, worth a terminologist's look) and capped per language pair.

Besides, a *substituted legal term* is reported per record: each version has a term of one
family of ``data/terms/families.tsv`` (right / duty, statute / decree, ratification /
denunciation ...) that the other version lacks -- one term was put for the other (major for
opposites, minor for near-terms).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from treaty_align.data import check_constant, has_data, load_json, load_tsv
from treaty_align.diverge.abbreviations import swapped_abbreviations
from treaty_align.diverge.base import INFO, MAJOR, MINOR, Check, CheckContext, Side, make_divergence, register
from treaty_align.diverge.morphology import blank, find_all, lexicon, morphology, stem
from treaty_align.languages import choose_pivot
from treaty_align.model import Alignment, Divergence
from treaty_align.messages import consequence

_LETTERS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
MIN_DF = check_constant("terminology", "min_df")           # a term must occur in at least this many records
MAX_DF_SHARE = check_constant("terminology", "max_df_share")   # ... and in at most this share of them (not "the Parties")
MIN_DICE = check_constant("terminology", "min_dice")       # association of a term with its usual rendering
MIN_VARIANT = check_constant("terminology", "min_variant")      # records using the other rendering
MAX_FINDINGS = check_constant("terminology", "max_findings")     # per language pair


@dataclass
class _Occurrences:
    records: dict[str, set[int]]
    surface: dict[str, Counter[str]]


def _terms(side: Side) -> dict[str, list[tuple[int, int]]]:
    morph = morphology(side.lang)
    min_len = int(morph.get("min_term_length", 5))
    stop = set(morph.get("function_words", []))
    # legal markers (if, may, within ...) are compared by the markers check, not as terms
    folded = blank(side.folded, [(m.start, m.end) for m in find_all(side.folded, lexicon(side.lang, "markers.tsv"))])
    out: dict[str, list[tuple[int, int]]] = {}
    for m in _LETTERS.finditer(folded):
        w = m.group()
        if len(w) < min_len or w in stop:
            continue
        out.setdefault(stem(w, side.lang), []).append((m.start(), m.end()))
    return out


def _dice(a: set[int], b: set[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


@register
class TerminologyCheck(Check):
    """A source term rendered two ways, or two source terms rendered by one."""

    name = "terminology"
    description = "terms (induced from the document) translated inconsistently"

    def run(
        self, alignments: Sequence[Alignment], languages: tuple[str, ...], context: CheckContext
    ) -> list[Divergence]:
        """Return the substituted legal terms, then a few info findings per language pair."""
        # source side = choose_pivot(): file order and --authority leave findings and ids alone
        src = choose_pivot(languages)
        rows = [al for al in alignments if self.compared(al, languages) and al.block != "signature"]
        out: list[Divergence] = substituted_terms(rows, languages, context)
        flagged = {d.alignment_id for d in out}
        out += unmatched_renderings([al for al in rows if al.id not in flagged], languages, context)
        flagged = {d.alignment_id for d in out}
        for tgt in languages:
            if tgt != src:
                out += swapped_abbreviations([al for al in rows if al.id not in flagged], src, tgt, context)
        for tgt in languages:
            if tgt == src or not morphology(tgt) or not morphology(src):
                continue
            pair_rows = [al for al in rows if al.segments.get(src) and al.segments.get(tgt)]
            out.extend(self._pair(pair_rows, src, tgt, languages, context))
        return out

    def _pair(self, rows: list[Alignment], src: str, tgt: str, languages: tuple[str, ...],
              context: CheckContext) -> list[Divergence]:
        sides = [(Side.of(al, src), Side.of(al, tgt)) for al in rows]
        terms = [(_terms(a), _terms(b)) for a, b in sides]
        occ = {lang: _Occurrences({}, {}) for lang in (src, tgt)}
        for i, ((ta, tb), (sa, sb)) in enumerate(zip(terms, sides)):
            for lang, t, side in ((src, ta, sa), (tgt, tb, sb)):
                for st, spans in t.items():
                    occ[lang].records.setdefault(st, set()).add(i)
                    occ[lang].surface.setdefault(st, Counter()).update(side.text[s:e] for s, e in spans)
        n = len(rows)
        if n < 2 * MIN_DF:
            return []
        src_rec, tgt_rec = occ[src].records, occ[tgt].records
        best: dict[str, tuple[str, float]] = {}
        for s, rs in src_rec.items():
            if len(rs) < MIN_DF or len(rs) > MAX_DF_SHARE * n:
                continue
            cands = [(t, _dice(rs, rt)) for t, rt in tgt_rec.items() if len(rs & rt) >= MIN_DF - 1]
            if cands:
                t, d = max(cands, key=lambda x: (x[1], x[0]))
                if d >= MIN_DICE:
                    best[s] = (t, d)
        findings: list[tuple[float, Divergence]] = []
        word = {lang: (lambda st, lang=lang: occ[lang].surface[st].most_common(1)[0][0]) for lang in (src, tgt)}
        # one source term, two renderings
        for s, (t1, d) in best.items():
            rs = src_rec[s]
            miss = rs - tgt_rec[t1]
            if len(miss) < MIN_VARIANT or len(miss) > len(rs) / 2:
                continue
            counts = Counter(t for i in miss for t in terms[i][1] if t != t1)
            for t2, k in counts.most_common(3):
                rt2 = tgt_rec[t2]
                if k < MIN_VARIANT or len(rt2 & miss) / len(rt2) < 0.6 or t2[:4] == t1[:4]:
                    continue
                # the other rendering must not be better explained by another source term
                if any(_dice(rs2, rt2) > _dice(rs, rt2) for s2, rs2 in src_rec.items()
                       if s2 != s and len(rs2) >= MIN_VARIANT):
                    continue
                i = min(rt2 & miss)
                msg = (f"Term rendered two ways: {src} ‘{word[src](s)}’ is usually {tgt} ‘{word[tgt](t1)}’ "
                       f"({len(rs & tgt_rec[t1])} clauses) but ‘{word[tgt](t2)}’ here and in "
                       f"{len(rt2 & miss) - 1} other clause(s). Check that the same concept is meant.")
                findings.append((d + k / len(rs), self._make(rows[i], sides[i], terms[i], s, t2, msg,
                                                             context, src, tgt)))
                break
        # two source terms, one rendering
        by_target: dict[str, list[str]] = {}
        for s, (t, _) in best.items():
            by_target.setdefault(t, []).append(s)
        for t, ss in sorted(by_target.items()):
            ss = sorted(ss)
            for a_i, s1 in enumerate(ss):
                for s2 in ss[a_i + 1:]:
                    if len(src_rec[s1] & src_rec[s2]) > 1 or s1[:4] == s2[:4]:
                        continue
                    both = sorted(src_rec[s2] & tgt_rec[t])
                    if not both:
                        continue
                    msg = (f"Two terms rendered as one: {src} ‘{word[src](s1)}’ and ‘{word[src](s2)}’ "
                           f"are both {tgt} ‘{word[tgt](t)}’. Check whether the distinction matters.")
                    i = both[0]
                    findings.append((best[s1][1] + best[s2][1], self._make(rows[i], sides[i], terms[i], s2, t,
                                                                           msg, context, src, tgt)))
        findings.sort(key=lambda x: (-x[0], x[1].id))
        return [d for _, d in findings[:MAX_FINDINGS]]

    def _make(self, al: Alignment, sides: tuple[Side, Side], terms: tuple[dict, dict], s: str, t: str,
              message: str, context: CheckContext, src: str, tgt: str) -> Divergence:
        sa, sb = sides
        ev = [context.evidence(sa, *terms[0][s][0]), context.evidence(sb, *terms[1][t][0])]
        values = {src: sa.text[slice(*terms[0][s][0])], tgt: sb.text[slice(*terms[1][t][0])]}
        return make_divergence(self.name, INFO, message, ev, alignment=al, context=context,
                               values={k: v.lower() for k, v in values.items()})


# ---------------------------------------------------------------- substituted legal terms


@dataclass(frozen=True, eq=False)  # compared by identity: one object per row of the data file
class TermConcept:
    """One legal term of ``families.tsv``: its family, relation and a pattern per language."""

    family: str
    concept: str
    relation: str
    patterns: dict[str, re.Pattern[str]]


@lru_cache(maxsize=None)
def term_concepts() -> tuple[TermConcept, ...]:
    """Return the legal terms of ``data/terms/families.tsv`` (empty when the file is absent)."""
    if not has_data("terms", "families.tsv"):
        return ()
    out = []
    for row in load_tsv("terms", "families.tsv"):
        pats = {lang: re.compile(r"(?<!\w)(?:" + row[lang] + ")")
                for lang in row if lang not in ("family", "concept", "relation") and row[lang]}
        out.append(TermConcept(row["family"], row["concept"], row["relation"], pats))
    return tuple(out)


def _concepts_in(side: Side) -> dict[TermConcept, list[tuple[int, int]]]:
    found: dict[TermConcept, list[tuple[int, int]]] = {}
    for c in term_concepts():
        rx = c.patterns.get(side.lang)
        if rx is None:
            continue
        spans = [(m.start(), m.end()) for m in rx.finditer(side.folded)]
        if spans:
            found[c] = spans
    return found


def substituted_terms(rows: Sequence[Alignment], languages: Sequence[str],
                      context: CheckContext) -> list[Divergence]:
    """Return a finding per record and term family where each side has a term the other lacks.

    Both terms belong to the same family of ``families.tsv`` (right / duty, statute / decree,
    convicted / accused ...): one was most likely put for the other. Major when both are
    *opposites* (the meaning is reversed), minor for near-terms.
    """
    out: list[Divergence] = []
    for al in rows:
        sides = {lang: Side.of(al, lang) for lang in languages if al.segments.get(lang)}
        usable = [lang for lang in sides if any(lang in c.patterns for c in term_concepts())]
        if len(usable) < 2:
            continue
        found = {lang: _concepts_in(sides[lang]) for lang in usable}
        done: set[str] = set()  # one finding per record and family, from the first pair showing it
        for x_i, x in enumerate(usable):
            for y in usable[x_i + 1:]:
                for family, d in _family_swaps(al, sides, found, x, y, context):
                    if family not in done:
                        done.add(family)
                        out.append(d)
    return out


@lru_cache(maxsize=None)
def term_pairs(a: str, b: str) -> tuple[tuple[str, str], ...]:
    """Return the induced (stem of ``a``, stem of ``b``) pairs usable by the check (may be empty)."""
    limits = load_json("terms", "substitution.json") if has_data("terms", "substitution.json") else {}
    min_dice, min_acts = float(limits.get("min_dice", 1.0)), int(limits.get("min_acts", 2))
    for x, y, flip in ((a, b, False), (b, a, True)):
        name = f"{x}-{y}"
        if has_data(name, "terms.tsv"):
            rows = [r for r in load_tsv(name, "terms.tsv")
                    if float(r["dice"]) >= min_dice and int(r["acts"]) >= min_acts]
            return tuple((r[y], r[x]) if flip else (r[x], r[y]) for r in rows)
    return ()


def _family_swaps(al: Alignment, sides: dict[str, Side], found: dict[str, dict[TermConcept, tuple[int, int]]],
                  x: str, y: str, context: CheckContext) -> list[tuple[str, Divergence]]:
    out = []
    comparable = [c for c in term_concepts() if x in c.patterns and y in c.patterns]
    for family in sorted({c.family for c in comparable}):
        members = [c for c in comparable if c.family == family]
        count = {lang: {c: len(found[lang].get(c, ())) for c in members} for lang in (x, y)}
        only_x = [c for c in members if count[x][c] and not count[y][c]]
        only_y = [c for c in members if count[y][c] and not count[x][c]]
        # "rights and duties" -> "rights and rights": the lost term is absent, and the term put
        # in its place occurs more often than on the other side
        more_x = [c for c in members if count[x][c] > count[y][c] > 0]
        more_y = [c for c in members if count[y][c] > count[x][c] > 0]
        # each side has a term of the family that the other lacks altogether: one was put for
        # the other, and what the provision acts on changes (statute / decree, consent /
        # notification); a term that only occurs more often is weaker evidence
        exclusive = bool(only_x and only_y)
        if only_x and (only_y or more_y):
            pick = {x: only_x[0], y: (only_y or more_y)[0]}
        elif only_y and more_x:
            pick = {x: more_x[0], y: only_y[0]}
        elif more_x and more_y:
            # "the Agreement ... the Agreement ... protocols" against "the Agreement ... protocols
            # ... protocols": both terms on both sides, one of them put for the other once
            pick = {x: more_x[0], y: more_y[0]}
        else:
            continue
        severity = MAJOR if exclusive or all(c.relation == "opposite" for c in pick.values()) else MINOR
        evidence = [context.evidence(sides[lang], *found[lang][c][-1]) for lang, c in pick.items()]
        words_ = "; ".join(f"{lang}: ‘{sides[lang].text[slice(*found[lang][c][-1])]}’ ({c.concept})"
                           for lang, c in pick.items())
        if severity == MAJOR:
            message = (f"A legal term differs ({words_}): each version has a term of the same field "
                       f"that the other lacks. " + consequence("term", ""))
        else:
            other = {x: y, y: x}
            how = "; ".join(f"{lang} names {c.concept} " + ("more often than " if count[other[lang]][c] else "where ")
                            + f"{other[lang]}" + ("" if count[other[lang]][c] else " does not")
                            for lang, c in pick.items())
            message = (f"A legal term differs ({words_}): {how}. One may have been put for the other: "
                       f"check that the same legal term is meant.")
        values = {lang: frozenset(c.concept for c in found[lang] if c.family == family) for lang in found}
        out.append((family, make_divergence("terminology", severity, message, evidence, alignment=al,
                                            context=context, values=values)))
    return out


def unmatched_renderings(rows: Sequence[Alignment], languages: Sequence[str],
                         context: CheckContext) -> list[Divergence]:
    """Return a minor finding per record where each side has a term whose usual rendering
    (from the induced term list of the pair) is absent on the other side."""
    out: list[Divergence] = []
    for i, a in enumerate(languages):
        for b in languages[i + 1:]:
            pairs = term_pairs(a, b)
            if not pairs:
                continue
            for al in rows:
                if not (al.segments.get(a) and al.segments.get(b)):
                    continue
                sa, sb = Side.of(al, a), Side.of(al, b)
                ta, tb = _terms(sa), _terms(sb)
                only_a = [(x, y) for x, y in pairs if x in ta and y not in tb]
                only_b = [(x, y) for x, y in pairs if y in tb and x not in ta]
                if not (only_a and only_b):
                    continue
                (xa, _), (_, yb) = only_a[0], only_b[0]
                wa, wb = sa.text[slice(*ta[xa][0])], sb.text[slice(*tb[yb][0])]
                message = (f"A term may have been replaced: {a} ‘{wa}’ has no usual {b} rendering here, and "
                           f"{b} ‘{wb}’ no usual {a} rendering. Check that the same term is meant.")
                evidence = [context.evidence(sa, *ta[xa][0]), context.evidence(sb, *tb[yb][0])]
                values = {a: frozenset(x for x, _ in only_a), b: frozenset(y for _, y in only_b)}
                out.append(make_divergence("terminology", MINOR, message, evidence, alignment=al,
                                           context=context, values=values))
    return out
