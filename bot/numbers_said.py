"""Numbers in what people type: the position of a choice ("cái thứ hai", "chọn 3", "cái
cuối"), a sum or a time they heard of ("hết 100 nghìn", "mất 15 ngày"), which asks about
the fee or the time limit, and a child's school year ("học lớp 3"), which gives an age. Read
on folded text (:func:`bot.textnorm.fold`) or tokens."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.textnorm import fold

__all__ = ["LAST", "measure_at", "ordinal", "school_age", "validity_asked"]

_ORDINAL = re.compile(r"^(?:(?:em|toi|minh|cho em|cho toi|cho minh)\s+)?(?:(?:chon|lay|xem)\s+)?"
                      r"(?:(?:cai|cau|so|muc|lua chon|y|phan|phuong an|dong)\s+)?(?:thu\s+)?"
                      r"(nhat|mot|hai|ba|bon|tu|nam|sau|bay|tam|chin|dau tien|dau|cuoi cung|cuoi"
                      r"|[1-9]|1[0-2])"
                      r"(?:\s+(?:a|nhe|nha|ay|do|di|nhen|ak|ah|ha))*$")
_ORDINALS = {"nhat": 1, "mot": 1, "dau": 1, "dau tien": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4,
             "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9, "cuoi": -1, "cuoi cung": -1}
#: Numbers that alone are more often another word ("đầu", "sau", "bay", "tạm", "chín").
_BARE_WORDS = frozenset({"dau", "sau", "bay", "tam", "chin", "cuoi"})
#: What :func:`ordinal` returns for "cái cuối", "cái cuối cùng": the last choice.
LAST = -1
#: A school year (lớp 1 to lớp 12), folded: "đang học lớp 3", "cháu lớp 7".
_SCHOOL_YEAR = re.compile(r"\blop ([1-9]|1[0-2])\b")
#: Children start lớp 1 in the year they turn 6 (Luật Giáo dục 2019, Điều 28).
_FIRST_YEAR_AGE = 6


def school_age(folded: str) -> int | None:
    """The age a child's school year gives ("học lớp 3" → 8), or None; ``folded`` text."""
    m = _SCHOOL_YEAR.search(folded)
    return int(m.group(1)) - 1 + _FIRST_YEAR_AGE if m else None


def ordinal(text: str) -> int | None:
    """The position a person names ("cái thứ hai", "số 2", "chọn 3"), :data:`LAST` for "cái
    cuối", or None."""
    typed = fold(text)
    m = _ORDINAL.match(typed)
    if not m or typed in _BARE_WORDS:
        return None
    word = m.group(1)
    return int(word) if word.isdigit() else _ORDINALS[word]


#: Verbs before a sum ("hết 100 nghìn", "mất 50.000đ") or a duration ("mất 15 ngày"): what a
#: procedure costs or takes, as the person heard it; the sentence asks about that field.
_PAYING = frozenset({"het", "mat", "ton", "nop", "dong", "tra", "thu"})
_TAKING = frozenset({"het", "mat", "ton"})
#: A sum of money as the normaliser reads it: "100k", "2tr", "50 000d", "2 triệu", "50.000 đồng".
_SUM = re.compile(r"^\d+(?: 0+)? ?(?:k|d|vnd|dong|nghin|ngan|tr|trieu|cu|xu|ti|ty)$")
_DURATION = re.compile(r"^\d+ (?:ngay|tuan|thang|buoi|gio|hom)(?: lam viec)?$")


def measure_at(tokens: Sequence[str], i: int) -> tuple[int, str | None]:
    """How many tokens from ``i`` make a sum of money after a verb of paying ("fee") or a
    duration after one of taking ("time_limit"); (0, None) when they do not."""
    if i < 1 or i >= len(tokens) or not tokens[i][:1].isdigit():
        return 0, None
    for n in range(min(4, len(tokens) - i), 0, -1):
        said = " ".join(tokens[i:i + n])
        if tokens[i - 1] in _PAYING and _SUM.match(said):
            return n, "fee"
        if tokens[i - 1] in _TAKING and _DURATION.match(said):
            return n, "time_limit"
    return 0, None


#: Words that make a duration asked the longest allowed or the validity of a paper ("tạm trú tối
#: đa bao lâu", "dài nhất", "giấy có giá trị bao lâu", "hiệu lực"), not how long the office takes (folded).
_VALIDITY = (("toi", "da"), ("dai", "nhat"), ("gia", "tri"), ("hieu", "luc"), ("han", "su", "dung"))


def validity_asked(tokens: Sequence[str], fields: list[str]) -> list[str]:
    """``fields`` with the time limit read as the condition it is when the question asks the
    longest allowed or how long a paper is valid: "thời hạn tạm trú tối đa là bao lâu" asks the
    validity (a condition of the card), not the processing time."""
    if "time_limit" not in fields or not any(
            tuple(tokens[i:i + len(w)]) == w for w in _VALIDITY for i in range(len(tokens))):
        return fields
    return list(dict.fromkeys("conditions" if f == "time_limit" else f for f in fields))
