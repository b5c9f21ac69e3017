"""The imported plan as a reviewable draft, and its YAML text in the ``plans/*.yaml`` format.

Every value carries the source lines it was read from; the YAML shows them as ``# dòng N``
comments (the plan loader ignores comments), and each item also gets ``line:``. The header
of the file lists what could not be placed, what needs checking and what was left out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.errors import InputError
from bot.planimport.read import SourceLine
from bot.planimport.text import Skipped


@dataclass(frozen=True)
class Located:
    """A value and the source lines it was read from."""

    text: str
    lines: tuple[int, ...]


@dataclass
class DraftItem:
    content: Located
    section: str
    forms: list[str] = field(default_factory=list)
    lead: Located | None = None
    partners: list[str] = field(default_factory=list)
    timing: Located | None = None
    id: str = ""
    forms_at: tuple[int, ...] = ()  # the lines the forms and the partners were read from
    partners_at: tuple[int, ...] = ()


@dataclass(frozen=True)
class DraftQuota:
    text: Located
    section: str
    count: int | None
    unit: str | None
    per: str | None
    applies_to: str | None


@dataclass(frozen=True)
class DraftReport:
    text: Located
    section: str
    periods: tuple[str, ...]
    to: str | None


@dataclass(frozen=True)
class Note:
    """Lines the reviewer must look at: what they say and why they are listed."""

    first: int
    last: int
    text: str
    reason: str


@dataclass
class Draft:
    id: str
    locality: str
    source: str
    line_count: int
    title: Located | None = None
    issuer: Located | None = None
    number: Located | None = None
    date: Located | None = None
    year: Located | None = None
    period: Located | None = None
    objectives: list[Located] = field(default_factory=list)
    requirements: list[Located] = field(default_factory=list)
    audiences: list[Located] = field(default_factory=list)
    items: list[DraftItem] = field(default_factory=list)
    quotas: list[DraftQuota] = field(default_factory=list)
    reporting: list[DraftReport] = field(default_factory=list)
    budget: Located | None = None
    unplaced: list[Note] = field(default_factory=list)
    warnings: list[Note] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    extracted: list[SourceLine] | None = None  # the text read from a .docx / .pdf

    def missing(self) -> list[str]:
        """Fields the plan loader requires that the document did not give."""
        return [name for name, value in (("title", self.title), ("issuer", self.issuer), ("year", self.year))
                if value is None]


def span(first: int, last: int) -> str:
    return f"dòng {first}" if first == last else f"dòng {first}–{last}"


def _where(lines: tuple[int, ...]) -> str:
    return f"  # {span(lines[0], lines[-1])}" if lines else ""


def _q(text: str) -> str:
    """A YAML scalar for ``text``: plain when it reads back unchanged, else double-quoted."""
    if "\n" not in text and text.strip() == text and text and not text.startswith(("-", "?", "[", "{")):
        try:
            if yaml.safe_load(f"k: {text}") == {"k": text}:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)


def _flow(values: list[str] | tuple[str, ...]) -> str:
    return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in values) + "]"


def _opt(value: Located | None, missing: str) -> str:
    return f"{_q(value.text)}{_where(value.lines)}" if value else f"null  # {missing}"


def _header(d: Draft, shown_text: str) -> list[str]:
    out = [f"# BẢN NHÁP — trích tự động bằng lệnh 'cchc-bot kb import-plan' từ tệp {d.source} "
           f"({d.line_count} dòng).",
           "# Trước khi dùng: đối chiếu TỪNG trường với văn bản gốc. '# dòng N' và 'line: N' là số dòng "
           f"trong {shown_text}.",
           "# Trường nào văn bản không ghi thì để null hoặc [] — không tự suy đoán."]
    for title, notes in (("CHƯA XẾP ĐƯỢC VÀO TRƯỜNG NÀO — đọc lại và tự điền nếu cần", d.unplaced),
                         ("CẦN KIỂM TRA", d.warnings)):
        if notes:
            out += ["#", f"# {title} ({len(notes)}):"]
            out += [f"#   {span(n.first, n.last)}: {n.reason}" + (f": {n.text}" if n.text else "")
                    for n in notes]
    if d.skipped:
        out += ["#", f"# ĐÃ BỎ QUA ({len(d.skipped)}):"]
        out += [f"#   {span(s.first, s.last)}: {s.reason}" for s in d.skipped]
    return out


def _values(name: str, values: list[Located]) -> list[str]:
    if not values:
        return [f"{name}: []"]
    return [f"{name}:", *(f"  - {_q(v.text)}{_where(v.lines)}" for v in values)]


def render(d: Draft, shown_text: str) -> str:
    """The draft as YAML text; ``shown_text`` names the text the line numbers refer to."""
    out = _header(d, shown_text)
    out += ["", f"id: {d.id}", f"locality: {d.locality}",
            f"title: {_opt(d.title, 'KHÔNG TÌM THẤY — điền tên kế hoạch')}",
            f"issuer: {_opt(d.issuer, 'KHÔNG TÌM THẤY — điền cơ quan ban hành, ví dụ UBND xã …')}",
            f"number: {_opt(d.number, 'văn bản không ghi số hiệu')}",
            f"date: {_opt(d.date, 'văn bản không ghi đủ ngày ban hành')}",
            f"year: {d.year.text + _where(d.year.lines) if d.year else 'null  # KHÔNG TÌM THẤY — điền năm'}",
            f"period: {_opt(d.period, 'văn bản không ghi (kế hoạch cả năm)')}",
            f"source: {_q(d.source)}",
            "reviewed: null  # ghi ngày đã đối chiếu xong, dạng YYYY-MM-DD", ""]
    out += _values("objectives", d.objectives) + _values("requirements", d.requirements)
    out += [*_values("audiences", d.audiences), ""]
    out.append("items:" if d.items else "items: []")
    for item in d.items:
        out += [f"  - id: {item.id}",
                f"    content: {_q(item.content.text)}",
                f"    forms: {_flow(item.forms)}{_where(item.forms_at) if item.forms else ''}",
                f"    lead: {_opt(item.lead, 'văn bản không ghi')}",
                f"    partners: {_flow(item.partners)}{_where(item.partners_at) if item.partners else ''}",
                f"    timing: {_opt(item.timing, 'văn bản không ghi')}",
                f"    section: {_q(item.section)}",
                f"    line: {item.content.lines[0]}", ""]
    out.append("quotas:" if d.quotas else "quotas: []")
    for q in d.quotas:
        out += [f"  - text: {_q(q.text.text)}{_where(q.text.lines)}",
                f"    count: {q.count if q.count is not None else 'null'}",
                f"    unit: {_q(q.unit) if q.unit else 'null'}",
                f"    per: {q.per or 'null'}",
                f"    applies_to: {_q(q.applies_to) if q.applies_to else 'null'}",
                f"    section: {_q(q.section)}"]
    out += ["", "reporting:" if d.reporting else "reporting: []"]
    for r in d.reporting:
        out += [f"  - text: {_q(r.text.text)}{_where(r.text.lines)}",
                f"    periods: [{', '.join(r.periods)}]",
                f"    to: {_q(r.to) if r.to else 'null  # văn bản không ghi nơi nhận báo cáo'}",
                f"    section: {_q(r.section)}"]
    out += ["", f"budget: {_opt(d.budget, 'văn bản không có mục kinh phí')}"]
    return "\n".join(out) + "\n"


def write(d: Draft, out_dir: Path, force: bool = False) -> list[Path]:
    """Write ``<id>.yaml`` (and ``<id>.txt``, the text read from a .docx/.pdf); returns the paths."""
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir} không phải là thư mục")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{d.id}.yaml"
    if target.exists() and not force:
        raise InputError(f"{target} đã có — có thể là bản nháp đang rà soát; dùng --force để ghi đè "
                         "hoặc chọn thư mục khác bằng --out")
    written = [target]
    shown = "văn bản gốc"
    if d.extracted is not None:
        text_file = out_dir / f"{d.id}.txt"
        text_file.write_text("\n".join(line.text for line in d.extracted) + "\n", "utf-8")
        written.append(text_file)
        shown = f"tệp {text_file.name} (chữ trích từ {d.source}, đặt cạnh bản nháp này)"
    target.write_text(render(d, shown), "utf-8")
    return written
