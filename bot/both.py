"""A question that asks one thing of the two matters the message told before it ("Mẹ tôi cần
xin giấy xác nhận tình trạng hôn nhân, còn tôi phải làm lại căn cước bị mất. Cả hai việc làm ở
đâu?"): each matter is answered with the field asked, not only the one the question's words
happen to find (used by :mod:`bot.asking`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from bot.engine import ANSWERED, Match

if TYPE_CHECKING:  # the asker calls this module
    from bot.asking import Part

#: "hai việc này", "cả hai thủ tục", "2 cái đó", "cả hai": the question points back at two matters
_BOTH: Final = re.compile(r"\b(?:(?:cả\s+)?(?:hai|2)\s+(?:việc|thủ tục|cái|loại|giấy|chuyện)"
                          r"|(?:ca\s+)?(?:hai|2)\s+(?:viec|thu tuc|cai|loai|giay|chuyen)"
                          r"|cả hai|ca hai)\b", re.IGNORECASE)
#: where a sentence that tells two needs divides ("…, còn em thì …", "… và …")
_CLAUSE: Final = re.compile(r"\s*[,;:]\s*|\s+(?:còn|và|với lại|con|va)\s+", re.IGNORECASE)


def each_matter(question: str, sentences: Sequence[str], fields: Sequence[str], part: Part,
                match: Callable[[str], Match]) -> list[Part] | None:
    """The two parts of a question that points back at two matters (see the module docstring):
    the clauses of the sentences before it that each answer alone with a procedure record, two
    different ones; None when the question does not point back, asks no field, or the clauses
    do not name exactly two procedures."""
    if not fields or not _BOTH.search(question) or part.entry is None:
        return None
    told = " , ".join(s for s in sentences if s != question)
    found: dict[str, tuple[str, Match]] = {}
    for clause in (c.strip() for c in _CLAUSE.split(told) if c and c.strip()):
        m = match(clause)
        if m.status == ANSWERED and m.entry is not None and m.entry.record is not None:
            found.setdefault(m.entry.id, (clause, m))
    if len(found) != 2:
        return None
    field = "+".join(fields[:2])
    return [replace(part, question=clause, entry=m.entry, field=field, score=m.score,
                    suggestions=(), ranked=m.ranked) for clause, m in found.values()]
