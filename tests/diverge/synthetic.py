"""Builders for SYNTHETIC trilingual fixtures (kk / az / ru) used by the divergence tests.

Every sentence in these tests was written for the tests: they are synthetic treaty clauses,
not quotations of any authentic treaty text (in particular, no Russian text here is authentic).
"""

from __future__ import annotations

from typing import Mapping

from treaty_align.model import Alignment, Segment, Treaty


def seg(sid: str, text: str, *, kind: str = "paragraph", line: int = 1, article: str | None = "1",
        label: str | None = None) -> Segment:
    """Return a synthetic segment whose span covers ``text`` in a one-segment source."""
    return Segment(id=sid, kind=kind, text=text, line=line, span=(0, len(text)), article=article, label=label)


def record(rid: str, texts: Mapping[str, str | list[str] | None], *, block: str = "article",
           article: str | None = "1", kind: str = "paragraph", score: float = 0.9) -> Alignment:
    """Return a synthetic alignment record: ``texts`` maps a language to its text(s) (None = absent)."""
    segments: dict[str, tuple[Segment, ...]] = {}
    for lang, value in texts.items():
        if value is None:
            segments[lang] = ()
        elif isinstance(value, str):
            segments[lang] = (seg(rid, value, kind=kind, article=article),)
        else:
            segments[lang] = tuple(seg(f"{rid}.{i}", t, kind=kind, article=article) for i, t in enumerate(value))
    return Alignment(id=rid, block=block, article=article, segments=segments, score=score)


def treaty_of(lang: str, records: list[Alignment]) -> Treaty:
    """Return a synthetic Treaty whose source holds the segments of ``lang``, one per line."""
    lines, segments = [], []
    pos = 0
    for al in records:
        for s in al.segments.get(lang, ()):
            line = len(lines) + 1
            segments.append(Segment(id=s.id, kind=s.kind, text=s.text, line=line,
                                    span=(pos, pos + len(s.text)), article=s.article, label=s.label))
            lines.append(s.text)
            pos += len(s.text) + 1
    return Treaty(language=lang, title="synthetic", segments=tuple(segments), source="\n".join(lines))


# Synthetic clauses (kk, az, ru) that say the same thing.
NOTIFY = {
    "kk": "Тараптар 30 күн ішінде бір-бірін дереу хабардар етеді.",
    "az": "Tərəflər 30 gün ərzində bir-birini dərhal məlumatlandırırlar.",
    "ru": "Стороны в течение 30 дней незамедлительно уведомляют друг друга.",
}
MAY_SEND = {
    "kk": "Әрбір Тарап екінші Тарапқа ақпаратты сұрау салусыз жолдай алады.",
    "az": "Hər bir Tərəf digər Tərəfə məlumatı sorğu olmadan göndərə bilər.",
    "ru": "Каждая Сторона может направить информацию другой Стороне без запроса.",
}
NOT_USED = {
    "kk": "Алынған ақпарат үшінші тарапқа берілмейді.",
    "az": "Əldə edilmiş məlumat üçüncü tərəfə verilmir.",
    "ru": "Полученная информация не передается третьей стороне.",
}
REFUSE = {
    "kk": "Сұрау салынатын Тарап сұрау салуды орындаудан бас тартады.",
    "az": "Sorğu edilən Tərəf sorğunun icrasından imtina edir.",
    "ru": "Запрашиваемая Сторона отказывает в исполнении запроса.",
}
CROSSREF = {
    "kk": "Осы Келісімнің 7-бабында көзделген тәртіппен күшіне енеді.",
    "az": "Bu Sazişin 7-ci maddəsində nəzərdə tutulan qaydada qüvvəyə minir.",
    "ru": "Вступает в силу в порядке, предусмотренном статьей 7 настоящего Соглашения.",
}
TERMINATE = {
    "kk": "Келісімнің қолданысы хабарлама алынған күннен бастап 6 ай өткен соң тоқтатылады.",
    "az": "Sazişin qüvvəsinə bildirişin alındığı tarixdən 6 (altı) ay keçdikdə xitam verilir.",
    "ru": "Действие Соглашения прекращается по истечении шести месяцев с даты получения уведомления.",
}
