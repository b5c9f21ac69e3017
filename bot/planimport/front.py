"""The front of a plan: the issuing body's header, number and date, the title, the preamble.

    ỦY BAN NHÂN DÂN            CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
    HUYỆN TAM NÔNG             Độc lập - Tự do - Hạnh phúc
    Số: 12/KH-UBND             Tam Nông, ngày 05 tháng 02 năm 2025
                     KẾ HOẠCH
    Tuyên truyền cải cách hành chính huyện Tam Nông năm 2025
    Thực hiện …; Căn cứ …
    UBND huyện Tam Nông ban hành Kế hoạch … như sau:

Extracted text interleaves the two header columns; the national motto is removed before the
issuing body is read. When the header is missing, the preamble's "UBND xã X ban hành/xây dựng
kế hoạch" names the issuer. Numbers quoted in the preamble belong to other documents and are
never taken as this plan's number or date.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from bot.planimport.draft import Located
from bot.planimport.read import SourceLine
from bot.planimport.text import marker
from bot.textnorm import fold

_MOTTO = (re.compile(r"C[ỘO]NG\s+H\w+\s+X\w+\s+H\w+\s+CH\w+\s+NGH\w+\s+VI\w+\s+NAM", re.I),
          re.compile(r"Đ\w+\s+l\w+\s*[-–]\s*T\w+\s+do\s*[-–]\s*H\w+\s+ph\w+", re.I))
_LEVELS = r"xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tỉnh"
_HEADER_BODY = re.compile(r"(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND)\s+(?P<level>" + _LEVELS
                          + r")\s+(?P<name>.+)", re.I)
_ISSUES = re.compile(r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?P<level>" + _LEVELS + r")\s+"
                     r"(?P<name>(?:\S+\s+){0,4}?\S+)\s+(?:ban hành|xây dựng|triển khai)\b", re.I)
_NUMBER = re.compile(r"Số\s*:\s*(?P<n>\d[\w/.\-]*)")
_DATE = re.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})")
_YEAR = re.compile(r"\bnăm\s+(?P<y>(?:19|20)\d\d)\b")
_PERIOD = re.compile(r"\b(?:\d{1,2}|sáu|chín)\s+tháng\s+(?:đầu|cuối)\s+năm\s+\d{4}", re.I)
_OPENER = re.compile(r"^(?:thực hiện|căn cứ|nhằm|để|triển khai|theo|thi hành|ủy ban|uỷ ban|ubnd)\b", re.I)


@dataclass
class Front:
    title: Located | None = None
    issuer: Located | None = None
    number: Located | None = None
    date: Located | None = None
    year: Located | None = None
    period: Located | None = None
    used: set[int] = field(default_factory=set)


def title_index(lines: list[SourceLine]) -> int | None:
    """Index of the "KẾ HOẠCH" line among the first lines, if any."""
    texts = [(i, line) for i, line in enumerate(lines) if line.text.strip()][:40]
    return next((i for i, line in texts if fold(line.text) == "ke hoach"), None)


def body_start(lines: list[SourceLine], after: int) -> int:
    """Index of the first section heading (I., else 1.) after the title."""
    for kinds in (("roman",), ("arabic",)):
        for i in range(after, len(lines)):
            mk = marker(lines[i].text)
            if mk and mk[0] in kinds:
                return i
    return len(lines)


def _joined(lines: list[SourceLine]) -> tuple[str, list[tuple[int, int]]]:
    """The lines' text joined by spaces, with (offset, line number) marks to locate matches."""
    text, marks = "", []
    for line in lines:
        if line.text.strip():
            marks.append((len(text), line.no))
            text += line.text.strip() + " "
    return text, marks


def _lines_of(marks: list[tuple[int, int]], start: int, end: int) -> tuple[int, ...]:
    """The numbers of the lines that the joined text's ``[start, end)`` overlaps."""
    bounds = [*marks, (10**9, 0)]
    return tuple(no for (off, no), (nxt, _) in itertools.pairwise(bounds) if off < end and nxt > start)


def _title_case(name: str) -> str:
    return " ".join(w if not w.isupper() else w.capitalize() for w in name.split())


def _header_issuer(header: str, marks: list[tuple[int, int]]) -> Located | None:
    m = _HEADER_BODY.search(header)
    if m is None:
        return None
    words = []
    for w in m["name"].split():
        if not w.isupper() or w.endswith(":") or w.lower() in ("số", "số:"):
            break
        words.append(w)
    if not words:
        return None
    end = m.start("name") + len(" ".join(words))
    return Located(f"UBND {m['level'].lower()} {_title_case(' '.join(words))}",
                   _lines_of(marks, m.start(), end))


def _preamble_issuer(text: str, marks: list[tuple[int, int]]) -> Located | None:
    for m in _ISSUES.finditer(text):
        words = m["name"].split()
        if all(w[:1].isupper() for w in words):
            name = f"UBND {m['level'].lower()} {' '.join(words)}"
            return Located(name, _lines_of(marks, m.start(), m.end()))
    return None


def _title_lines(lines: list[SourceLine], at: int) -> list[SourceLine]:
    out: list[SourceLine] = []
    for line in lines[at + 1:]:
        s = line.text.strip()
        if not s:
            if out:
                break
            continue
        if _OPENER.match(s) or marker(s) or len(out) == 3:
            break
        out.append(line)
    return out


def read_front(lines: list[SourceLine]) -> Front:
    """Title, issuer, number, date, year and period from the lines before the first section."""
    front = Front()
    at = title_index(lines)
    head = lines[:at] if at is not None else []
    header_lines = [SourceLine(x.no, _MOTTO[1].sub("", _MOTTO[0].sub("", x.text))) for x in head]
    header, hmarks = _joined(header_lines)
    rest = lines
    if at is not None:
        subtitle = _title_lines(lines, at)
        if subtitle:
            sub = " ".join(" ".join(x.text.split()) for x in subtitle)
            sub = sub[:1].lower() + sub[1:] if sub[1:2].islower() else sub
            front.title = Located(f"Kế hoạch {sub}", (lines[at].no, *(x.no for x in subtitle)))
            front.used |= set(front.title.lines)
        rest = lines[at + 1 + len(subtitle):] if subtitle else lines[at + 1:]
    preamble, pmarks = _joined(rest)
    front.issuer = _header_issuer(header, hmarks) or _preamble_issuer(preamble, pmarks)
    if (m := _NUMBER.search(header)) is not None:
        front.number = Located(m["n"].rstrip("."), _lines_of(hmarks, m.start(), m.end()))
    if (m := _DATE.search(header)) is not None:
        iso = f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}"
        front.date = Located(iso, _lines_of(hmarks, m.start(), m.end()))
    if front.title and (years := list(_YEAR.finditer(front.title.text))):
        front.year = Located(years[-1]["y"], front.title.lines[-1:])
    elif (m := _YEAR.search(header)) is not None:
        front.year = Located(m["y"], _lines_of(hmarks, m.start(), m.end()))
    if (m := _PERIOD.search(preamble)) is not None:
        front.period = Located(m.group(0), _lines_of(pmarks, m.start(), m.end()))
    for value in (front.issuer, front.number, front.date, front.year, front.period):
        if value is not None:
            front.used |= set(value.lines)
    return front
