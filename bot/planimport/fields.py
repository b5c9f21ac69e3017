"""Fields read out of a plan's sentences: who leads, when, how many, reported to whom.

Each function looks for an explicit wording ("Cơ quan chủ trì: …", "Đề nghị X: …", "ít nhất
02 tin/bài/quý", "báo cáo … về Phòng Nội vụ") and returns None when the text does not say
it — the importer never fills a field by guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.planimport.text import AGENCY_START
from bot.textnorm import fold

_LABELS = (
    ("timing", r"thời gian(?: thực hiện| hoàn thành| triển khai)?|tiến độ"),
    ("lead", r"(?:cơ quan|đơn vị) (?:chủ trì|thực hiện)|chủ trì|người thực hiện"),
    ("partners", r"(?:cơ quan|đơn vị) phối hợp|phối hợp"),
    ("content", r"nội dung(?: tuyên truyền)?"),
    ("forms", r"hình thức(?: tuyên truyền)?"),
)
_LABEL = re.compile(r"^(?P<label>" + "|".join(f"(?P<{k}>{v})" for k, v in _LABELS)
                    + r")\s*:\s*(?P<value>.*)$", re.I)
_ASK = re.compile(r"^(?:đề nghị|giao cho|giao|yêu cầu)\s+", re.I)
_VERB = re.compile(r"\s(?:tích cực|phối hợp|chủ trì|chỉ đạo|chịu trách nhiệm|có trách nhiệm|tham mưu|"
                   r"hướng dẫn|thực hiện|tuyên truyền|triển khai|theo dõi|chủ động|căn cứ)\b", re.I)
_TIMING_LABEL = re.compile(r"thời gian (?:thực hiện|hoàn thành)\s*:\s*(?P<v>[^.;]+)", re.I)
_TIMING_LEAD = re.compile(r"^(?P<v>thường xuyên|(?:hằng|hàng) (?:tuần|tháng|quý|năm)|kịp thời)\b", re.I)
_TIMING_EVERY = re.compile(r"\b(?P<v>mỗi (?:tuần|tháng|quý|năm)(?: ít nhất [^,;.]+?(?=\s+vào\b|[,;.]|$))?)",
                           re.I)
_REPORT_START = re.compile(r"^(?:định kỳ[^.;]{0,40}?[, ]\s*)?(?:tổng hợp,?\s*)?báo cáo\b", re.I)
_REPORT_KIND = re.compile(r"kết quả|tình hình|định kỳ|hằng|hàng|cuối năm|6 tháng", re.I)
_AGENCY = r"(?:UBND|Ủy ban|Uỷ ban|Phòng|Sở|Văn phòng|Ban|Trung tâm|Bộ phận|cấp trên|Cấp trên)"
_TO = re.compile(r"(?:gửi về|gửi|về|lên)\s+(?P<to>" + _AGENCY + r"[^,;.()]*?(?:\s*\([^)]*\))?)"
                 r"(?=\s+(?:để|tổng hợp|theo|đúng|trước|trong|vào|kết quả)\b|[,;.]|\s*$)")
_TO_OBJECT = re.compile(r"báo cáo\s+(?P<to>" + _AGENCY + r"[^,;.()]*?)"
                        r"(?=\s+(?:kết quả|theo|về|tình hình|để)\b|[,;.]|\s*$)")
_PERIODS = (
    ("quarter", re.compile(r"(?:hằng|hàng|mỗi|từng|các|định kỳ)\s+quý\b", re.I)),
    ("half_year", re.compile(r"\b(?:0?6|sáu) tháng\b(?!\s+(?:đầu|cuối))", re.I)),
    ("nine_months", re.compile(r"\b(?:0?9|chín) tháng\b", re.I)),
    ("year", re.compile(r"(?:(?:hằng|hàng|cuối|mỗi|cả)\s+năm|(?:\bvà|,)\s+năm)\b(?!\s*\d)", re.I)),
)
_NUMBERS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4}
_AT_LEAST = re.compile(r"ít nhất\s+(?P<n>\d+|một|hai|ba|bốn)\s+(?P<unit>tin,\s*bài|[^,;.()]+?)"
                       r"(?=\s+(?:về|để|được|trên|vào|cho|đăng|trong|mỗi)\b|[,;.]|$)", re.I)
_PER_WORDS = {"tuần": "week", "tháng": "month", "quý": "quarter", "năm": "year"}
_PER = re.compile(r"(?:hằng|hàng|mỗi)\s+(?P<p>tuần|tháng|quý|năm)\b", re.I)
_FOR = re.compile(r"đối với\s+(?P<who>[^;:]+?)\s+(?:có|phải|đạt)\b", re.I)
_PERCENT = re.compile(r"(\d{1,3})\s*%")


def cap(text: str) -> str:
    """``text`` with its first letter in capitals (names and sentences in the draft)."""
    return text[:1].upper() + text[1:] if text else text


def labelled(text: str) -> tuple[str, str] | None:
    """``("timing", "Thường xuyên")`` for "Thời gian thực hiện: Thường xuyên." and the like."""
    m = _LABEL.match(text.strip())
    if m is None:
        return None
    key = next(k for k, _ in _LABELS if m.group(k))
    return key, m["value"].strip().rstrip(" .;")


def agency_name(title: str) -> str | None:
    """The agency a heading names ("2. Phòng Nội vụ", "Đề nghị Ban Tuyên giáo:"), else None."""
    name = _ASK.sub("", title.strip()).rstrip(" :.")
    if not name or len(name) > 160 or not AGENCY_START.match(name):
        return None
    return cap(name)


def lead_of(text: str) -> str | None:
    """The agency a duty is given to: "Đề nghị/Giao X: …", "Đề nghị X phối hợp …", "X: …"."""
    ask = _ASK.match(text)
    rest = text[ask.end():] if ask else text
    colon = rest.find(":")
    if ask is None:
        return agency_name(rest[:colon]) if 0 < colon <= 120 else None
    verb = _VERB.search(rest)
    ends = [p for p in (colon if colon > 0 else None, verb.start() if verb else None) if p is not None]
    return agency_name(rest[:min(ends)]) if ends else None


def timing_in(text: str) -> str | None:
    """A time stated in a duty: "thời gian hoàn thành: …", a leading "Hằng quý", "mỗi tuần …"."""
    for pattern in (_TIMING_LABEL, _TIMING_LEAD, _TIMING_EVERY):
        if m := pattern.search(text):
            return cap(m["v"].strip())
    return None


def sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+(?=[^\W\d_])", text.strip())
    return [re.sub(r"\./\.$", ".", p.strip()) for p in parts if p.strip(" .;")]


def clauses(text: str) -> list[str]:
    """Sentences and ';'-separated clauses, each starting with a capital."""
    return [cap(c.strip()) for s in sentences(text) for c in re.split(r";\s+", s) if c.strip(" .;")]


@dataclass(frozen=True)
class FoundReport:
    text: str
    periods: tuple[str, ...]
    to: str | None


@dataclass(frozen=True)
class FoundQuota:
    text: str
    count: int | None
    unit: str | None
    per: str | None
    applies_to: str | None


def starts_with_report(text: str) -> bool:
    return bool(_REPORT_START.match(text.strip()))


def periods_in(text: str) -> tuple[str, ...]:
    return tuple(name for name, pattern in _PERIODS if pattern.search(text))


def reports_in(text: str) -> list[FoundReport]:
    """Reporting duties: a clause that says "báo cáo" about results or on a schedule."""
    found: list[FoundReport] = []
    for clause in clauses(text):
        at = clause.lower().find("báo cáo")
        if at < 0 or not _REPORT_KIND.search(clause):
            continue
        after = clause[at:]
        m = _TO.search(after) or _TO_OBJECT.search(after)
        to = cap(" ".join(m["to"].split())) if m else None
        found.append(FoundReport(clause, periods_in(clause), to))
    return found


def _quota(clause: str, m: re.Match[str], default_who: str | None) -> FoundQuota:
    n = m["n"].lower()
    count = int(n) if n.isdigit() else _NUMBERS[n]
    unit = " ".join(m["unit"].split())
    per = None
    if (tail := re.search(r"/(tuần|tháng|quý|năm)$", unit)) is not None:
        per, unit = _PER_WORDS[tail.group(1)], unit[:tail.start()]
    elif (pm := _PER.search(clause)) is not None:
        per = _PER_WORDS[pm["p"].lower()]
    who = _FOR.search(clause)
    return FoundQuota(clause, count, unit, per, cap(who["who"].strip()) if who else default_who)


def quotas_in(text: str, default_who: str | None = None) -> list[FoundQuota]:
    """Numeric targets: "ít nhất 02 tin/bài/quý", "mỗi tuần ít nhất một lần".

    A target's text runs from its clause to the end of the sentence, unless the next
    ';'-clause states a target of its own ("đối với phòng … 01 tin/quý; đối với xã … 02 tin/quý").
    """
    found: list[FoundQuota] = []
    for sentence in sentences(text):
        groups: list[list[str]] = []
        for clause in re.split(r";\s+", sentence):
            if _AT_LEAST.search(clause):
                groups.append([clause])
            elif groups and "báo cáo" not in clause.lower():
                groups[-1].append(clause)
        for group in groups:
            m = _AT_LEAST.search(group[0])
            assert m is not None
            q = _quota(group[0], m, default_who)
            found.append(FoundQuota(cap("; ".join(group).strip()), q.count, q.unit, q.per, q.applies_to))
    return found


def target(text: str) -> FoundQuota:
    """A line of a "Chỉ tiêu" section: always a quota; the count only when the text gives one."""
    found = quotas_in(text)
    if found:
        return FoundQuota(text, found[0].count, found[0].unit, found[0].per, found[0].applies_to)
    percents = set(_PERCENT.findall(text))
    if len(percents) == 1:
        return FoundQuota(text, int(percents.pop()), "%", None, None)
    return FoundQuota(text, None, None, None, None)


def is_intro(text: str) -> bool:
    """A lead-in sentence such as "…, cụ thể là các nội dung sau:"."""
    return text.rstrip().endswith(":")


def mentions_appendix(text: str) -> bool:
    return "phu luc" in fold(text)
