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
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from treaty_align.diverge.base import INFO, Check, CheckContext, Side, make_divergence, register
from treaty_align.diverge.morphology import blank, find_all, lexicon, morphology, stem
from treaty_align.model import Alignment, Divergence

_LETTERS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
MIN_DF = 4           # a term must occur in at least this many records
MAX_DF_SHARE = 0.5   # ... and in at most this share of them (not "the Parties")
MIN_DICE = 0.5       # association of a term with its usual rendering
MIN_VARIANT = 2      # records using the other rendering
MAX_FINDINGS = 4     # per language pair


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
        """Return at most a few info findings per language pair, strongest first."""
        # without an authority, the source is fixed by the language codes, not by argument
        # order, so that `compare KK AZ` and `compare AZ KK` report the same findings
        src = context.authority if context.resolving else min(languages)
        rows = [al for al in alignments if self.compared(al, languages) and al.block != "signature"]
        out: list[Divergence] = []
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
