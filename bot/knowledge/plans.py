"""Loading the structured outreach plans (``knowledge/plans/*.yaml``), every field located."""

from __future__ import annotations

from pathlib import Path

from bot.errors import Problem
from bot.knowledge.model import Plan, PlanItem, Quota, Reporting
from bot.knowledge.yamlfile import Checker, Node, yaml_files

PERS = {"week", "month", "quarter", "half_year", "year"}
PERIODS = {"quarter", "half_year", "nine_months", "year"}


def _opt_int(c: Checker, node: Node, key: str) -> int | None:
    value = node.get(key)
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    c.fail(node.line_of(key), f"'{key}' phải là một số nguyên")
    return None


def load_plans(root: Path, problems: list[Problem]) -> list[Plan]:
    plans: list[Plan] = []
    for c, top in yaml_files(root, "plans", problems):
        items: list[PlanItem] = []
        seq = c.seq(top, "items")
        for node, _ in c.records(seq, "mỗi nội dung tuyên truyền"):
            iid, content = c.ident(node), c.text(node, "content")
            if iid and content:
                items.append(PlanItem(
                    id=iid, content=content, forms=c.texts(node, "forms"),
                    lead=c.text(node, "lead", required=False), partners=c.texts(node, "partners"),
                    timing=c.text(node, "timing", required=False),
                    section=c.text(node, "section", required=False), line=_opt_int(c, node, "line")))
        if len({i.id for i in items}) != len(items):
            c.fail(seq.line, "mã 'id' của các nội dung trong 'items' phải khác nhau")
        quotas: list[Quota] = []
        qseq = c.seq(top, "quotas", required=False)
        for node, _ in c.records(qseq, "mỗi chỉ tiêu"):
            text = c.text(node, "text")
            if text:
                quotas.append(Quota(
                    text=text, count=_opt_int(c, node, "count"), unit=c.text(node, "unit", False),
                    per=c.choice(node, "per", PERS, required=False),
                    applies_to=c.text(node, "applies_to", False), section=c.text(node, "section", False)))
        reports: list[Reporting] = []
        rseq = c.seq(top, "reporting", required=False)
        for node, _ in c.records(rseq, "mỗi nghĩa vụ báo cáo"):
            periods = c.texts(node, "periods", required=True)  # [] when the plan names no period
            for p in periods:
                if p not in PERIODS:
                    c.fail(node.line_of("periods"), f"kỳ báo cáo '{p}' không hợp lệ — dùng "
                           f"{', '.join(sorted(PERIODS))}")
            text = c.text(node, "text")
            if text:
                reports.append(Reporting(periods, c.text(node, "to", False), text,
                                         c.text(node, "section", False)))
        pid, locality = c.ident(top), c.ident(top, "locality")
        title, issuer, source = c.text(top, "title"), c.text(top, "issuer"), c.text(top, "source")
        year = _opt_int(c, top, "year")
        if year is None:
            c.fail(top.line_of("year"), "thiếu 'year' (năm của kế hoạch, ví dụ 2025)")
        if pid and locality and title and issuer and source and year:
            plans.append(Plan(
                id=pid, locality=locality, title=title, issuer=issuer,
                number=c.text(top, "number", False), date=c.text(top, "date", False), year=year,
                period=c.text(top, "period", False), source=source,
                objectives=c.texts(top, "objectives"), requirements=c.texts(top, "requirements"),
                audiences=c.texts(top, "audiences"), items=tuple(items), quotas=tuple(quotas),
                reporting=tuple(reports), budget=c.text(top, "budget", False)))
    return plans
