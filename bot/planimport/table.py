"""Tables flattened into lines (the appendix of seed 001): rows and columns recovered.

A PDF table comes out of text extraction cell by cell: the row number alone on a line, then
the content cell's lines, the forms (bullets), the lead agencies, the partners, the timing,
and — when the row runs onto the next page — the repeated header followed by the rest of the
cells that overflowed. The header names the columns and their order; each line is given to a
column by what it looks like (a form bullet, an agency name after a finished cell, a time
phrase). A blank-but-not-empty line is a gap between cells and separates lead from partners
when it can; otherwise a new agency name after an unfinished line does. Doubtful splits are
returned as warnings for the reviewer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.planimport.read import SourceLine
from bot.planimport.text import glue, is_appendix, is_bullet, marker, starts_agency
from bot.textnorm import fold

_COLUMNS = (("content", ("noi dung", "hoat dong")), ("forms", ("hinh thuc",)),
            ("lead", ("chu tri", "don vi thuc hien", "co quan thuc hien")), ("partners", ("phoi hop",)),
            ("timing", ("thoi gian", "tien do")))
_ROW_NO = re.compile(r"^(\d{1,3})\.?$")
_FORM_START = re.compile(
    r"^(?:[-–+•]\s*)?(?:trên|lồng ghép|mở|tổ chức|trực tiếp|phát|qua|trụ sở|niêm yết|các cuộc|thông qua|"
    r"tại|hội nghị|họp|tọa đàm|toạ đàm|tập huấn|pano|panô|pa nô|áp phích|tờ rơi|băng rôn|loa|treo|in)\b",
    re.I)
TIMING_START = re.compile(
    r"^(?:thường|theo|hằng|hàng|định kỳ|quý|tháng|năm|trước|trong|từ|cả năm|kịp thời|đến|sau|ngay|"
    r"tuần|liên tục|giai đoạn|đợt)\b", re.I)
_OPEN_END = (";", ",", "và", "&", "-", "–", ":")
_DONE_END = (".", ";", "…", ")", "!", ":")


@dataclass
class Row:
    """One table row: each cell's value and the line it starts on."""

    number: int
    content: str = ""
    content_line: int = 0
    forms: list[str] = field(default_factory=list)
    forms_lines: tuple[int, ...] = ()
    lead: str | None = None
    lead_line: int | None = None
    partners: list[str] = field(default_factory=list)
    partners_lines: tuple[int, ...] = ()
    timing: str | None = None
    timing_line: int | None = None
    lines: list[int] = field(default_factory=list)


@dataclass
class Table:
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    used: list[int] = field(default_factory=list)  # header lines
    repeated: list[int] = field(default_factory=list)  # header lines repeated on later pages
    warnings: list[tuple[int, str]] = field(default_factory=list)


def _columns(header: str) -> list[str]:
    found = [(pos, name) for name, words in _COLUMNS for w in words if (pos := header.find(w)) >= 0]
    seen: dict[str, int] = {}
    for pos, name in sorted(found):
        seen.setdefault(name, pos)
    return sorted(seen, key=seen.__getitem__)


def _header_at(lines: list[SourceLine], i: int) -> tuple[int, list[str]] | None:
    """``(index of row 1, columns)`` when a table header starts at ``lines[i]``."""
    first = fold(lines[i].text)
    if not (first in ("stt", "tt") or first.startswith(("stt ", "tt "))):
        return None
    for j in range(i + 1, min(i + 16, len(lines))):
        if _ROW_NO.match(lines[j].text.strip() or "x") and int(lines[j].text.strip().rstrip(".")) == 1:
            columns = _columns(" ".join(fold(x.text) for x in lines[i:j]))
            return (j, columns) if "content" in columns and len(columns) >= 3 else None
    return None


def _ends_table(text: str) -> bool:
    mk = marker(text)
    return (mk is not None and mk[0] == "roman") or is_appendix(text) or fold(text).startswith("tren day la")


def find_tables(lines: list[SourceLine]) -> list[tuple[int, int, Table]]:
    """``(start, end, table)`` for each table: ``lines[start:end]`` belongs to it."""
    found: list[tuple[int, int, Table]] = []
    i = 0
    while i < len(lines):
        head = _header_at(lines, i) if lines[i].text.strip() else None
        if head is None:
            i += 1
            continue
        body, columns = head
        end = next((k for k in range(body, len(lines)) if _ends_table(lines[k].text)), len(lines))
        table = Table(columns, used=[x.no for x in lines[i:body] if x.text.strip()])
        header = [fold(x.text) for x in lines[i:body] if x.text.strip()]
        _parse_rows(lines[body:end], header, table)
        found.append((i, end, table))
        i = end
    return found


@dataclass(frozen=True)
class _Cell:
    """A non-blank line of a row: its text, number, whether a gap or page break preceded it."""

    text: str
    no: int
    gap: bool
    page_break: bool = False


def _parse_rows(lines: list[SourceLine], header: list[str], table: Table) -> None:
    """Split the table body into rows at the row numbers 1, 2, 3…; drop repeated headers."""
    chunks: list[list[_Cell]] = []
    gap = repeat = False
    skip = 0
    for line in lines:
        s = line.text.strip()
        if not s:
            gap = True
            continue
        f = fold(s)
        if f == header[0] or (skip and f in header):
            table.repeated.append(line.no)
            skip = len(header) - 1 if f == header[0] else skip - 1
            repeat = True
            continue
        skip = 0
        m = _ROW_NO.match(s)
        if m and int(m.group(1)) == len(chunks) + 1:
            chunks.append([])
            table.used.append(line.no)
        elif chunks:
            # after a repeated header the row goes on with the cells that overflowed the page
            chunks[-1].append(_Cell(s, line.no, gap or repeat, repeat))
        gap = repeat = False
    for number, cells in enumerate(chunks, 1):
        table.rows.append(_row(number, cells, table))


def _by_names(cells: list[_Cell]) -> list[list[_Cell]]:
    """Split agency lines where a new name starts after a finished one."""
    segs: list[list[_Cell]] = []
    prev = ""
    for cell in cells:
        if not segs or (starts_agency(cell.text) and not prev.endswith(_OPEN_END)):
            segs.append([])
        segs[-1].append(cell)
        prev = cell.text
    return segs


def _split_agencies(cells: list[_Cell], partners: bool,
                    table: Table) -> tuple[list[list[_Cell]], list[_Cell]]:
    """Lead segments and partner lines: by gaps when they give two cells, else by new names."""
    if not partners:
        return _by_names(cells), []
    starts = [k for k, cell in enumerate(cells) if cell.gap and k > 0]
    if len(starts) == 1:
        return _by_names(cells[:starts[0]]), cells[starts[0]:]
    segs = _by_names(cells)
    if len(segs) < 2:
        table.warnings.append((cells[0].no, "không tách được cột chủ trì và cột phối hợp — tất cả đưa vào "
                               "'lead'; kiểm tra lại"))
        return segs, []
    if len(segs) > 2:
        table.warnings.append((segs[-1][0].no, "ranh giới cột chủ trì / phối hợp không chắc chắn — "
                               "kiểm tra 'lead' và 'partners'"))
    return segs[:-1], segs[-1]


def _glued(cells: list[_Cell]) -> str:
    text = ""
    for cell in cells:
        text = glue(text, cell.text)
    return text


def _items(lines: list[str]) -> list[str]:
    """Bullet items of a cell: a bullet starts one, other lines continue it."""
    out: list[str] = []
    for text in lines:
        mk = marker(text)
        if mk and mk[0] in ("dash", "plus", "dot") and not mk[2][:1].islower():
            out.append(mk[2])
        elif out:
            out[-1] = glue(out[-1], text)
        else:
            out.append(text)
    return [o.rstrip(" ;,.") for o in out if o.strip(" ;,.")]


def _row(number: int, cells: list[_Cell], table: Table) -> Row:
    row = Row(number, lines=[c.no for c in cells])
    cols = table.columns
    parts: dict[str, list[_Cell]] = {"content": [], "forms": [], "agency": [], "timing": [], "post": []}
    state, prev = "content", ""
    for cell in cells:
        s = cell.text
        started = bool(parts["content"])
        if cell.page_break or state == "post" or (
                state == "timing" and (is_bullet(s) or len(parts["timing"]) >= 4)):
            state = "post"
        elif state == "content" and "forms" in cols and started and _FORM_START.match(s):
            state = "forms"
        elif (state in ("content", "forms") and "lead" in cols and started and not is_bullet(s)
              and starts_agency(s) and (cell.gap or prev.endswith(_DONE_END))):
            state = "agency"
        elif (state in ("agency", "content", "forms") and "timing" in cols and started and not is_bullet(s)
              and TIMING_START.match(s) and (state == "agency" or cell.gap)):
            state = "timing"
        parts[state].append(cell)
        prev = s
    post = parts["post"]
    overflow = "forms" if post and is_bullet(post[0].text) and _FORM_START.match(post[0].text) else "content"
    parts[overflow] += post
    if parts["content"]:
        row.content = ""
        for part in _items([c.text for c in parts["content"]]):
            row.content += ("" if not row.content else " " if row.content.endswith((";", ":", ".", "…"))
                            else "; ") + part
        row.content_line = parts["content"][0].no
    else:
        table.warnings.append((row.lines[0] if row.lines else 0, f"dòng {number} của bảng không có nội dung"))
    row.forms = _items([c.text for c in parts["forms"]])
    row.forms_lines = tuple(sorted(c.no for c in parts["forms"]))
    if parts["agency"]:
        lead, partners = _split_agencies(parts["agency"], "partners" in cols, table)
        row.lead = "; ".join(_glued(seg).strip(" ;,.") for seg in lead) or None
        row.lead_line = parts["agency"][0].no
        row.partners = [p.strip(" .") for p in _glued(partners).split(";") if p.strip(" .")]
        row.partners_lines = tuple(c.no for c in partners)
    if parts["timing"]:
        row.timing = _glued(parts["timing"]).strip(" .;") or None
        row.timing_line = parts["timing"][0].no
    return row
