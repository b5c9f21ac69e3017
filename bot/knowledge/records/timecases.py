"""The time limits a record gives by case in the description of its ways of filing.

A way's time limit is one figure ("7 Ngày làm việc") while its description often says what
the figure depends on: "03 ngày làm việc đối với trường hợp thông tin … đã có trong Cơ sở dữ
liệu …; 07 ngày làm việc đối với trường hợp … chưa có", "10 ngày làm việc đối với công trình
(hoặc 7 ngày làm việc đối với nhà ở riêng lẻ)", "Tiếp nhận ngay khi công dân thông báo",
"… được tăng thêm 10 ngày làm việc" for mountain communes. A time-limit answer quotes those
items (the record's own words), not the channel's boilerplate (where to file, office hours).
"""

from __future__ import annotations

import re

from bot.knowledge.records.model import Method, Record

#: How many items a time-limit answer quotes at most, and the longest one (characters).
MAX_CASES = 2
MAX_CASE = 200
_ITEM = re.compile(r"\n+|;\s*|(?:^|\s)[-+•]\s+|(?<=\.)\s+(?=[A-ZĐÀ-Ỹ])")
_FIGURE = re.compile(r"\b(\d+)\s*(?:\([^)]*\)\s*)?(ngày|giờ|tháng|năm)\b", re.IGNORECASE)
_AT_ONCE = re.compile(r"\bngay\s+(?:khi|sau khi|trong ngày|trong buổi|lập tức)|\btrong ngày\b",
                      re.IGNORECASE)
#: Words of an item that tell a case apart ("đối với trường hợp …", "hoặc …", "nếu …").
_CASE = re.compile(r"trường hợp|đối với|\bhoặc\b|\bnếu\b|tăng thêm|kéo dài|\bngay\b",
                   re.IGNORECASE)
#: Items about the office's opening hours or the channel, not the time the file takes.
_BOILERPLATE = re.compile(r"thời gian tiếp nhận|giờ hành chính|thứ 2 đến thứ|ngày nghỉ lễ",
                          re.IGNORECASE)
_LEAD = re.compile(r"^(?:thời hạn giải quyết|thời gian giải quyết|thời hạn)\s*:\s*", re.IGNORECASE)


def way_time_cases(record: Record, shown: str) -> list[str]:
    """Up to :data:`MAX_CASES` items of the ways' descriptions that give a time limit by case
    (a figure with a case word, or "ngay khi …"), none that ``shown`` (the answer's time
    lines) already says, in the record's order."""
    seen = " ".join(shown.split()).lower()
    out: list[str] = []
    for note in dict.fromkeys(m.note for m in record.methods if m.note):
        for item in _ITEM.split(note):
            item = _LEAD.sub("", " ".join(item.split()).strip(" -+•;,"))
            if len(item) < 12 or _BOILERPLATE.search(item):
                continue
            if not (_FIGURE.search(item) and _CASE.search(item)) and not _AT_ONCE.search(item):
                continue
            if item.lower().rstrip(" .") in seen or item in out:
                continue
            out.append(item if len(item) <= MAX_CASE
                       else item[:MAX_CASE].rsplit(" ", 1)[0].rstrip(",;:") + " …")
            if len(out) == MAX_CASES:
                return out
    return out


def by_way(methods: list[Method]) -> list[Method]:
    """One method per way of filing, in the record's order: a way the record gives twice with
    two figures ("Trực tuyến: 1 ngày làm việc", "Trực tuyến: 3 ngày làm việc") has cases, not
    two ways; its shortest figure stands, and its descriptions say which case takes longer
    (quoted by :func:`way_time_cases`)."""
    best: dict[str, Method] = {}
    for m in methods:
        kept = best.get(m.way)
        if kept is None or (m.days is not None and (kept.days is None or m.days < kept.days)):
            best[m.way] = m
    return list(best.values())
