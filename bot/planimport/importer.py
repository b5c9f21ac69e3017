"""Import a plan document (.txt, .docx, .pdf) into a draft ``plans/*.yaml`` for review.

The pipeline, one module per step:

    read    the file → numbered lines (python-docx, pypdf)
    text    drop page furniture, join broken lines into headings/bullets/paragraphs
    table   recover rows and columns of tables flattened into lines
    front   header, title, issuer, number, date, year, period
    walk    the outline tree and what each section means
    fields  lead, timing, quotas and reporting duties read from sentences
    draft   the draft and its YAML text, every value with its source lines
    importer (here)  the steps in order, and the account of lines nothing placed

Sections are recognised by their headings (MỤC ĐÍCH, YÊU CẦU / ĐỐI TƯỢNG / NỘI DUNG /
HÌNH THỨC / CÁC HOẠT ĐỘNG / KINH PHÍ / TỔ CHỨC THỰC HIỆN / Phụ lục), whatever their numbering.
Content and forms may share a section (each item with "Thời gian thực hiện:", "Cơ quan chủ
trì:" … lines) or have one each. Duties in "Tổ chức thực hiện" become items led by the agency
they are given to. Every line ends up placed in a field, listed as not placed, or skipped with
a reason — nothing is dropped silently and no field is filled by guessing.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from bot.errors import InputError
from bot.knowledge.yamlfile import ID_RE
from bot.planimport.draft import Draft, DraftItem
from bot.planimport.front import body_start, read_front, title_index
from bot.planimport.read import SourceLine, read_document
from bot.planimport.table import find_tables
from bot.planimport.text import Logical, clean, join, typical_width
from bot.planimport.walk import Walker, build_tree
from bot.textnorm import fold

log = logging.getLogger(__name__)

_NOT_PLACED = "không xếp được vào trường nào"

def _item_ids(items: list[DraftItem]) -> None:
    seen: set[str] = set()
    for item in items:
        sec = item.section.lower().replace("phụ lục", "pl").replace(", mục ", "-").replace(", ý ", "-")
        sec = "-".join(fold(sec.replace("đ", "dd").replace(".", "")).split())
        words = "-".join(fold(item.content.text).split()[:4])
        base = "-".join(p for p in (sec, words) if p) or "noi-dung"
        base = re.sub(r"-+", "-", base).strip("-")
        item.id, n = base, 2
        while item.id in seen:
            item.id, n = f"{base}-{n}", n + 1
        seen.add(item.id)


def _leftovers(kept: list[SourceLine], walker: Walker) -> None:
    """Lines no step accounted for become "not placed" notes, one per run of lines."""
    run: list[SourceLine] = []
    for line in [*kept, SourceLine(0, "")]:
        if line.text.strip() and line.no not in walker.used:
            run.append(line)
            continue
        if run and line.text.strip():
            walker.unplace([x.no for x in run], " ".join(x.text for x in run), _NOT_PLACED)
            run = []
    if run:
        walker.unplace([x.no for x in run], " ".join(x.text for x in run), _NOT_PLACED)


def import_plan(path: Path, locality: str) -> Draft:
    """Read ``path`` and return the draft plan for ``locality``. Raises :class:`InputError`."""
    if not ID_RE.match(locality):
        raise InputError(f"mã địa phương '{locality}' chỉ được gồm chữ thường không dấu, chữ số và dấu gạch "
                         "ngang, ví dụ 'dan-tien'")
    doc = read_document(path)
    kept, skipped = clean(doc.lines, doc.page_starts)
    at = title_index(kept)
    start = body_start(kept, 0 if at is None else at + 1)
    front, body = read_front(kept[:start]), kept[start:]
    found = find_tables(body)
    width = typical_width([x for i, x in enumerate(body) if not any(s <= i < e for s, e, _ in found)])
    logicals: list[Logical] = []
    pos = 0
    for n, (s, e, _) in enumerate(found):
        logicals += [*join(body[pos:s], width), Logical("table", str(n), "", [x.no for x in body[s:e]])]
        pos = e
    logicals += join(body[pos:], width)
    year = front.year.text if front.year else None
    draft = Draft(id=f"ke-hoach-{locality}-{year}" if year else f"ke-hoach-{locality}", locality=locality,
                  source=path.name, line_count=len(doc.lines), title=front.title, issuer=front.issuer,
                  number=front.number, date=front.date, year=front.year, period=front.period,
                  skipped=list(skipped))
    walker = Walker(draft)
    walker.used |= front.used
    run: list[int] = []
    for x in [*kept[:start], SourceLine(0, "x")]:
        if x.text.strip() and x.no and x.no not in front.used:
            run.append(x.no)
        elif x.text.strip() and run:
            walker.skip(run, "phần đầu văn bản (quốc hiệu, căn cứ ban hành, lời mở đầu)")
            run = []
    walker.walk(build_tree(logicals, [t for _, _, t in found]))
    _leftovers(kept, walker)
    if not draft.items:
        raise InputError(f"{path.name}: không tìm thấy nội dung tuyên truyền nào — đây có phải kế hoạch "
                         "tuyên truyền CCHC không? (cần các mục đánh số I., II. … về nội dung, hình thức "
                         "tuyên truyền, tổ chức thực hiện, hoặc bảng ở phụ lục)")
    _item_ids(draft.items)
    draft.unplaced.sort(key=lambda n: n.first)
    draft.skipped.sort(key=lambda s: s.first)
    if path.suffix.lower() != ".txt":
        draft.extracted = doc.lines
    log.info("imported %s: %d items, %d unplaced", path.name, len(draft.items), len(draft.unplaced))
    return draft
