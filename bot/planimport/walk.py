"""The outline of a plan and what each section means, walked into the draft.

Blocks nest by numbering style (I. > 1. > a) > - > +, whatever order a plan uses). A section
is known by its heading's words; each kind of section fills its fields: values (objectives,
requirements, audiences), items (content, forms, both, activities), duties (items led by the
agency a heading or an "Đề nghị/Giao X" names, plus reporting duties and quotas), the budget,
timed items. Every line used is recorded so the caller can list what was not placed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from bot.planimport.draft import Draft, DraftItem, DraftQuota, DraftReport, Located, Note
from bot.planimport.fields import (
    agency_name,
    is_intro,
    labelled,
    lead_of,
    mentions_appendix,
    quotas_in,
    reports_in,
    starts_with_report,
    target,
    timing_in,
)
from bot.planimport.table import TIMING_START, Table
from bot.planimport.text import Logical, Skipped
from bot.textnorm import fold

NUMBERED = {"roman", "arabic", "multi1", "multi2", "multi3", "letter"}
BULLETS = {"dash", "plus", "dot"}
_HEADING_WORDS = ("to chuc thuc hien", "trach nhiem", "kinh phi", "giai phap", "co quan thuc hien",
                  "don vi thuc hien", "chi tieu", "muc dich", "muc tieu", "yeu cau", "noi dung", "hinh thuc",
                  "hoat dong", "doi tuong", "thoi gian")
_TIMED = re.compile(r"^(?P<t>[^:]{2,40}):\s*(?P<rest>\S.*)$")


@dataclass(eq=False)
class Block:
    """A heading (or bullet) with the paragraphs, sub-blocks and tables under it."""

    kind: str
    label: str
    head: Logical | None
    body: list[Logical] = field(default_factory=list)
    children: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.head.text if self.head else ""

    def logicals(self) -> Iterator[Logical]:
        if self.head:
            yield self.head
        yield from self.body
        for child in self.children:
            yield from child.logicals()

    def lines(self) -> tuple[int, ...]:
        nos = {n for lg in self.logicals() for n in lg.lines}
        nos |= {n for t in self.tables for row in t.rows for n in row.lines}
        return tuple(sorted(nos))

    def text(self) -> str:
        return " ".join(lg.text for lg in self.logicals())


def build_tree(logicals: list[Logical], tables: list[Table]) -> Block:
    """Nest blocks by numbering style: a style seen higher up closes the blocks below it."""
    root = Block("root", "", None)
    stack = [root]
    for lg in logicals:
        if lg.kind == "table":
            stack[-1].tables.append(tables[int(lg.label)])
            continue
        if lg.kind == "text":
            stack[-1].body.append(lg)
            continue
        if lg.kind in ("roman", "closing", "appendix"):
            del stack[1:]
        elif lg.kind in (kinds := [b.kind for b in stack]):
            del stack[kinds.index(lg.kind):]
        block = Block(lg.kind, lg.label, lg)
        stack[-1].children.append(block)
        stack.append(block)
    return root


def role_of(title: str, anywhere: bool) -> str | None:
    """What a section heading announces; for sub-headings the keyword must open the title."""
    f = fold(title)
    if not anywhere and not f.removeprefix("cac ").startswith(_HEADING_WORDS):
        return None

    def has(*words: str) -> bool:
        return any(w in f for w in words)

    for role, words in (("duties", ("to chuc thuc hien", "trach nhiem")), ("budget", ("kinh phi",)),
                        ("solutions", ("giai phap",)),
                        ("agencies", ("co quan thuc hien", "don vi thuc hien")),
                        ("quotas", ("chi tieu",))):
        if has(*words):
            return role
    if has("muc dich", "muc tieu"):
        return "purpose" if has("yeu cau") else "objectives"
    if has("noi dung") and has("hinh thuc"):
        return "content_forms"
    for role, word in (("requirements", "yeu cau"), ("activities", "hoat dong"), ("content", "noi dung"),
                       ("forms", "hinh thuc"), ("audiences", "doi tuong"), ("timing", "thoi gian")):
        if has(word):
            return role
    return None


def child_label(child: Block, parent: str, bullet_no: int) -> str:
    if child.kind == "roman":
        return child.label
    if child.kind.startswith("multi"):
        top = parent.split(".")[0].split(",")[0]
        return f"{top}.{child.label}" if top else child.label
    if child.kind in NUMBERED:
        return f"{parent}.{child.label}" if parent else child.label
    return f"{parent}, ý {bullet_no}" if parent else f"ý {bullet_no}"


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s+", text.strip(), maxsplit=1)[0].rstrip(" .;:")


class Walker:
    """Walks the outline, filling the draft and accounting for every line."""

    def __init__(self, draft: Draft) -> None:
        self.d = draft
        self.used: set[int] = set()

    def place(self, lines: tuple[int, ...] | list[int]) -> None:
        self.used |= set(lines)

    def unplace(self, lines: tuple[int, ...] | list[int], text: str, reason: str) -> None:
        if lines:
            self.d.unplaced.append(Note(min(lines), max(lines), " ".join(text.split())[:90].rstrip(), reason))
            self.place(lines)

    def skip(self, lines: tuple[int, ...] | list[int], reason: str) -> None:
        if lines:
            self.d.skipped.append(Skipped(min(lines), max(lines), reason))
            self.place(lines)

    def loc(self, block: Block) -> Located:
        self.place(block.lines())
        return Located(block.text(), block.lines())

    def walk(self, root: Block) -> None:
        for p in root.body:
            self.unplace(tuple(p.lines), p.text, "đoạn văn ngoài các mục")
        for t in root.tables:
            self.table(t, "Bảng")
        last = ""
        for child in root.children:
            if child.kind == "closing":
                self.closing(child, f"{last}, đoạn kết" if last else "đoạn kết")
            elif child.kind == "appendix":
                self.appendix(child)
            elif child.kind in NUMBERED:
                self.section(child, role_of(child.title, anywhere=True), child.label)
                last = child.label
            else:
                self.unplace(child.lines(), child.text(), "ý nằm ngoài các mục")

    def section(self, block: Block, role: str | None, label: str) -> None:
        if role is None or role in ("solutions", "agencies"):
            why = {"solutions": "mục giải pháp — kế hoạch có cấu trúc không có trường này",
                   "agencies": "danh sách cơ quan thực hiện chung — không gắn với nội dung nào"}
            reason = why.get(role or "", f"mục {label} — không nhận ra tiêu đề")
            for lg in block.logicals():
                self.unplace(tuple(lg.lines), lg.text, reason)
            return
        if block.head:
            self.place(block.head.lines)
        handler: dict[str, Callable[[Block, str, str], None]] = {
            "objectives": self.values, "purpose": self.values, "requirements": self.values,
            "audiences": self.values, "quotas": self.quotas, "content": self.items, "forms": self.items,
            "content_forms": self.items, "activities": self.items, "duties": self.duties,
            "budget": self.budget, "timing": self.timing}
        handler[role](block, label, role)

    def children(self, block: Block, label: str, each: Callable[[Block, str], None]) -> None:
        bullets = 0
        for child in block.children:
            bullets += child.kind in BULLETS
            clabel = child_label(child, label, bullets)
            sub = role_of(child.title, anywhere=False) if child.kind in NUMBERED else None
            if sub:
                self.section(child, sub, clabel)
            else:
                each(child, clabel)
        for t in block.tables:
            self.table(t, label)

    def values(self, block: Block, label: str, role: str) -> None:
        lists = {"requirements": self.d.requirements, "audiences": self.d.audiences}
        found = lists.get(role, self.d.objectives)
        for p in block.body:
            self.place(p.lines)
            found.append(Located(p.text, tuple(p.lines)))
        self.children(block, label, lambda child, _: found.append(self.loc(child)))

    def quotas(self, block: Block, label: str, role: str) -> None:
        def add(text: str, lines: tuple[int, ...], section: str) -> None:
            q = target(text)
            self.d.quotas.append(DraftQuota(Located(text, lines), section, q.count, q.unit, q.per,
                                            q.applies_to))
            self.place(lines)
        for p in block.body:
            add(p.text, tuple(p.lines), label)
        self.children(block, label, lambda child, clabel: add(child.text(), child.lines(), clabel))

    def items(self, block: Block, label: str, role: str) -> None:
        has_items = bool(block.children or block.tables)
        for p in block.body:
            if has_items and is_intro(p.text):
                self.unplace(tuple(p.lines), p.text, "đoạn dẫn của mục — không gắn với nội dung nào")
            elif mentions_appendix(p.text) and len(p.text) < 120:
                self.skip(tuple(p.lines), "chỉ dẫn tới Phụ lục (nội dung lấy từ bảng trong Phụ lục)")
            else:
                forms = [_first_sentence(p.text)] if role == "forms" else []
                self.add_item(DraftItem(Located(p.text, tuple(p.lines)), label, forms,
                                        forms_at=tuple(p.lines)))
        self.children(block, label, lambda child, clabel: self.item(child, clabel, role))

    def item(self, block: Block, label: str, role: str) -> None:
        fields: dict[str, tuple[str, list[str], tuple[int, ...]]] = {}
        details = [p.text for p in block.body]
        for gc in block.children:
            lab = labelled(gc.title)
            if lab is None:
                details.append(gc.text())
                continue
            extra = [p.text for p in gc.body] + [g.text() for g in gc.children]
            fields[lab[0]] = (lab[1], extra, tuple(gc.head.lines) if gc.head else ())
        head = block.title.rstrip(" :")
        if "content" in fields:
            details += [x for x in (fields["content"][0], *fields["content"][1]) if x]
        parts = [x.rstrip(" .;") for x in details if x.strip(" .;")]
        content = f"{head}: {'; '.join(parts)}" if parts else head
        head_lines = tuple(block.head.lines) if block.head else ()
        forms_at: tuple[int, ...] = head_lines
        if "forms" in fields:
            value, extra, forms_at = fields["forms"]
            forms = [f.strip(" .") for f in (value.split(";") if value else []) + extra if f.strip(" .")]
        elif role == "forms":
            forms = [_first_sentence(head)]
        elif role == "content_forms" and fields:
            forms = [head]
        else:
            forms = []

        def located(key: str) -> Located | None:
            if key not in fields or not fields[key][0]:
                return None
            return Located(fields[key][0], fields[key][2])
        partners, _, partners_at = fields.get("partners", ("", [], ()))
        item = DraftItem(Located(content, block.lines()), label, forms, located("lead"),
                         [p.strip(" .") for p in partners.split(";") if p.strip(" .")], located("timing"),
                         forms_at=forms_at, partners_at=partners_at)
        self.add_item(item)

    def add_item(self, item: DraftItem) -> None:
        lead = item.lead.text if item.lead else None
        for q in quotas_in(item.content.text, lead):
            self.d.quotas.append(DraftQuota(Located(q.text, item.content.lines), item.section, q.count,
                                            q.unit, q.per, q.applies_to))
        self.d.items.append(item)
        self.place(item.content.lines)

    def duties(self, block: Block, label: str, role: str) -> None:
        for p in block.body:
            self.duty(p.text, self.lead_in(p.text, tuple(p.lines)), tuple(p.lines), label)
        self.children(block, label, self.duty_group)

    def lead_in(self, text: str, lines: tuple[int, ...]) -> Located | None:
        lead = lead_of(text)
        return Located(lead, lines[:1]) if lead else None

    def duty_group(self, block: Block, label: str) -> None:
        agency = None
        if block.kind in NUMBERED and (block.children or block.body) and not block.title.endswith("."):
            agency = agency_name(block.title)
        if agency is None or block.head is None:
            self.duty(block.text(), self.lead_in(block.title, block.lines()), block.lines(), label)
            return
        lead = Located(agency, tuple(block.head.lines))
        self.place(block.head.lines)
        for p in block.body:
            self.duty(p.text, lead, tuple(p.lines), label)
        bullets = 0
        for gc in block.children:
            bullets += gc.kind in BULLETS
            self.duty(gc.text(), lead, gc.lines(), child_label(gc, label, bullets))

    def duty(self, text: str, lead: Located | None, lines: tuple[int, ...], section: str) -> None:
        for r in reports_in(text):
            self.d.reporting.append(DraftReport(Located(r.text, lines), section, r.periods, r.to))
        self.place(lines)
        if starts_with_report(text):
            return
        timing = timing_in(text)
        self.add_item(DraftItem(Located(text, lines), section, [], lead, [],
                                Located(timing, lines[:1]) if timing else None))

    def budget(self, block: Block, label: str, role: str) -> None:
        parts = [p.text for p in block.body] + [c.text() for c in block.children]
        if parts:
            lines = tuple(n for n in block.lines() if not block.head or n not in block.head.lines)
            self.d.budget = Located(f"{' '.join(parts)} (mục {label})", lines)
        self.place(block.lines())

    def timing(self, block: Block, label: str, role: str) -> None:
        lab = labelled(block.title)
        if block.head and lab and lab[1]:
            self.unplace(tuple(block.head.lines), block.title, "thời gian chung của kế hoạch — không gắn với "
                         "nội dung nào; nếu đúng, chép vào 'timing' của từng nội dung")
        for p in block.body:
            self.add_item(DraftItem(Located(p.text, tuple(p.lines)), label))

        def timed(child: Block, clabel: str) -> None:
            text = child.text()
            m = _TIMED.match(text)
            if m and TIMING_START.match(m["t"]):
                self.add_item(DraftItem(Located(m["rest"], child.lines()), clabel,
                                        timing=Located(m["t"].strip(), child.lines()[:1])))
            else:
                self.add_item(DraftItem(Located(text, child.lines()), clabel))
        self.children(block, label, timed)

    def closing(self, block: Block, section: str) -> None:
        found = reports_in(block.text())
        for r in found:
            self.d.reporting.append(DraftReport(Located(r.text, block.lines()), section, r.periods, r.to))
        if found:
            self.place(block.lines())
        else:
            self.skip(block.lines(), "đoạn kết của kế hoạch")

    def appendix(self, block: Block) -> None:
        name = " ".join(block.title.split()[:3]).rstrip(":.") or "Phụ lục"
        self.place(tuple(block.head.lines) if block.head else ())
        if block.tables:
            for p in block.body:
                self.skip(tuple(p.lines), "tiêu đề của phụ lục")
            for t in block.tables:
                self.table(t, name)
        else:
            role = role_of(" ".join(p.text for p in block.body[:1]), anywhere=True) or "content_forms"
            self.items(block, name, role)

    def table(self, t: Table, label: str) -> None:
        for row in t.rows:
            self.place(row.lines)
            if not row.content:
                continue
            lead = Located(row.lead, (row.lead_line,)) if row.lead and row.lead_line else None
            timing = Located(row.timing, (row.timing_line,)) if row.timing and row.timing_line else None
            self.add_item(DraftItem(Located(row.content, (row.content_line,)), f"{label}, mục {row.number}",
                                    row.forms, lead, row.partners, timing, forms_at=row.forms_lines,
                                    partners_at=row.partners_lines))
        self.place(t.used)
        runs: list[list[int]] = []
        for no in t.repeated:
            if runs and no - runs[-1][-1] <= 2:
                runs[-1].append(no)
            else:
                runs.append([no])
        for run in runs:
            self.skip(run, "tiêu đề bảng lặp lại ở đầu trang")
        self.d.warnings += [Note(no, no, "", why) for no, why in t.warnings]
