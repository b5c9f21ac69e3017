"""The text layer of plan import: numbering markers, cleaning, and logical lines.

Extracted text breaks sentences across lines and carries page furniture. Here each physical
line is either dropped with a stated reason (a stray URL, a page number, a running header, the
recipients and signature block) or joined into a *logical line*: one numbered heading, one
bullet or one paragraph, which remembers every physical line it came from.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from bot.planimport.read import SourceLine
from bot.textnorm import fold

_ROMAN = re.compile(r"^(?P<m>[IVX]{1,6})\s*(?:[.)]|\s[-–])\s*(?P<rest>.*)$")
_MULTI = re.compile(r"^(?P<m>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?P<rest>\S.*)$")
_ARABIC = re.compile(r"^(?P<m>\d{1,2})\s*[.)]\s*(?P<rest>.*)$")
_LETTER = re.compile(r"^(?P<m>[a-zđ])\s*\)\s*(?P<rest>.*)$")
_LETTER_DOT = re.compile(r"^(?P<m>[a-zđ])\.\s+(?P<rest>\S.*)$")
_BULLETS = (("dash", re.compile(r"^[-–—]\s*(?P<rest>\S.*)$")),
            ("plus", re.compile(r"^\+\s*(?P<rest>\S.*)$")),
            ("dot", re.compile(r"^[•●▪◦·]\s*(?P<rest>\S.*)$")))
_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_PAGE_NO = re.compile(r"^(?:trang\s+\d{1,3}(?:\s*/\s*\d{1,3})?|[-–]\s*\d{1,3}\s*[-–]|\d{1,3}\s*/\s*\d{1,3})$",
                      re.I)
_SENTENCE_END = (".", "!", "?", ":", "…")

#: Words an agency's name starts with (after an optional "Đề nghị" / "Giao").
AGENCY_START = re.compile(
    r"^(?:các\s+|những\s+)?(?:phòng|văn phòng|trung tâm|ubnd|ủy ban|uỷ ban|ban|sở|hội|đoàn|huyện đoàn|"
    r"liên đoàn|công an|thủ trưởng|người đứng đầu|cơ quan|đơn vị|tổ chức|đài|bưu điện|thanh tra|"
    r"chi cục|cấp ủy|cấp uỷ|mặt trận|chủ tịch|trưởng|bộ phận|thôn|xóm|tổ|trạm|trường|lãnh đạo|báo)\b",
    re.I)


def starts_agency(text: str) -> bool:
    """Whether ``text`` starts with a capitalised agency name ("Phòng Nội vụ", "UBND cấp xã")."""
    return text[:1].isupper() and bool(AGENCY_START.match(text))


def marker(text: str) -> tuple[str, str, str] | None:
    """``(kind, label, rest)`` when ``text`` starts with a numbering mark, else None.

    Kinds: roman (I.), arabic (1.), multi1/multi2 (3.1. / 3.1.2.), letter (a), đ)),
    dash (-), plus (+), dot (•).
    """
    s = text.strip()
    m = _ROMAN.match(s)
    if m and not m["rest"][:1].islower():
        return "roman", m["m"], m["rest"].strip()
    m = _MULTI.match(s)
    if m and not m["rest"][:1].islower():
        return f"multi{m['m'].count('.')}", m["m"], m["rest"].strip()
    m = _ARABIC.match(s)
    if m and not m["rest"][:1].islower() and not m["rest"][:1].isdigit():
        return "arabic", m["m"], m["rest"].strip()
    m = _LETTER.match(s)
    if m or ((m := _LETTER_DOT.match(s)) and m["rest"][:1].isupper()):
        return "letter", m["m"], m["rest"].strip()
    for kind, pattern in _BULLETS:
        if bm := pattern.match(s):
            return kind, "", bm["rest"].strip()
    return None


def is_bullet(text: str) -> bool:
    mk = marker(text)
    return mk is not None and mk[0] in ("dash", "plus", "dot")


def glue(text: str, more: str) -> str:
    """Join two pieces of a broken line: "08-" + "NQ/TU" keeps no space, words get one."""
    more = " ".join(more.split())
    if not text:
        return more
    if re.search(r"\S[-/]$", text) and not more.startswith(("-", "–")):
        return text + more
    return f"{text} {more}"


@dataclass(frozen=True)
class Skipped:
    """Lines left out on purpose, with the reason shown to the reviewer."""

    first: int
    last: int
    reason: str


def _page_edges(lines: list[SourceLine], page_starts: tuple[int, ...]) -> dict[int, tuple[int, str]]:
    """``line number → (page, folded text)`` for the first and last three lines of each page,
    where running headers and footers sit. Numbered and bulleted lines are never furniture."""
    edges: dict[int, tuple[int, str]] = {}
    bounds = [*page_starts, lines[-1].no + 1] if lines else []
    for page_no, (start, stop) in enumerate(itertools.pairwise(bounds)):
        page = [x for x in lines if start <= x.no < stop and x.text.strip()]
        for x in [*page[:3], *page[-3:]]:
            key = fold(x.text)
            if len(key) >= 6 and not marker(x.text) and not key.startswith(("stt ", "tt ")):
                edges[x.no] = (page_no, key)
    return edges


def clean(lines: list[SourceLine],
          page_starts: tuple[int, ...] = ()) -> tuple[list[SourceLine], list[Skipped]]:
    """Drop page furniture and the recipients/signature block; keep ``" "`` gap lines.

    A running header or footer is a line repeated at the edge of at least half of the pages;
    it can only be recognised when the page breaks are known (PDF pages, form feeds).
    """
    edges = _page_edges(lines, page_starts)
    counts = Counter(key for _, key in set(edges.values()))  # pages a line is repeated on
    running = {k for k, n in counts.items() if n >= max(2, len(page_starts) // 2)}
    kept: list[SourceLine] = []
    skipped: list[Skipped] = []
    tail: int | None = None
    for line in lines:
        s = line.text.strip()
        if tail is not None:
            if not (is_appendix(s)):
                continue
            skipped.append(Skipped(tail, line.no - 1, "phần nơi nhận, chữ ký"))
            tail = None
        if not s:
            if line.text:
                kept.append(line)
            continue
        if fold(s).startswith("noi nhan"):
            tail = line.no
        elif _URL_LINE.match(s):
            skipped.append(Skipped(line.no, line.no, f"địa chỉ web lạc giữa văn bản ({s})"))
        elif _PAGE_NO.match(s):
            skipped.append(Skipped(line.no, line.no, f"số trang ({s})"))
        elif line.no in edges and edges[line.no][1] in running:
            skipped.append(Skipped(line.no, line.no, f"dòng lặp lại ở đầu/cuối trang ({s[:60]})"))
        else:
            kept.append(line)
    if tail is not None:
        skipped.append(Skipped(tail, lines[-1].no, "phần nơi nhận, chữ ký"))
    return kept, skipped


def is_appendix(text: str) -> bool:
    f = fold(text)
    return f.startswith("phu luc") and len(f.split()) <= 5


@dataclass
class Logical:
    """One heading, bullet or paragraph, with every physical line it was joined from."""

    kind: str  # a marker kind, or text / closing / appendix
    label: str
    text: str
    lines: list[int] = field(default_factory=list)

    @property
    def line(self) -> int:
        return self.lines[0]


def typical_width(lines: list[SourceLine]) -> int:
    """The length of a full line (90th percentile): shorter lines ended a paragraph early."""
    lengths = sorted(len(line.text.strip()) for line in lines if line.text.strip())
    return lengths[int(len(lengths) * 0.9)] if lengths else 80


def _new_paragraph(text: str, prev: str, width: int) -> bool:
    if text[:1].islower():
        return False
    return prev.endswith(_SENTENCE_END) or len(prev) < 0.7 * width


def join(lines: list[SourceLine], width: int) -> list[Logical]:
    """Logical lines: a numbering mark starts one; so does a capital after a sentence end or
    after a line that stopped short; anything else continues the line before."""
    out: list[Logical] = []
    prev = ""
    for line in lines:
        s = line.text.strip()
        if not s:
            continue
        mk = marker(s)
        if mk and mk[0] == "dash" and out and mk[2][:1].islower():
            mk = None  # "tổ chức chính trị" / "- xã hội": a hyphen that wrapped onto a new line
        if mk:
            out.append(Logical(mk[0], mk[1], mk[2], [line.no]))
        elif not out or _new_paragraph(s, prev, width):
            f = fold(s)
            kind = "closing" if f.startswith("tren day la") else "appendix" if is_appendix(s) else "text"
            out.append(Logical(kind, "", s, [line.no]))
        else:
            out[-1].text = glue(out[-1].text, s)
            out[-1].lines.append(line.no)
        prev = s
    return out
