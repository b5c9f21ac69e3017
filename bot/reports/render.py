"""Writing the outreach report as CSV, XLSX (:mod:`bot.reports.workbook`) or DOCX in the form of an
administrative document (:mod:`bot.reports.document`); charts drawn by matplotlib for the DOCX,
native Excel charts in the XLSX. Dates are dd/mm/yyyy in Vietnam time.

CSV cells that start with ``= + - @`` (or a tab / carriage return) get a leading apostrophe,
as OWASP's "CSV Injection" advice says, so a spreadsheet never runs them as formulas.
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

from bot.clock import VIETNAM
from bot.reports.charts import bar
from bot.reports.config import FORMATS, load_report_config
from bot.reports.data import ReportData
from bot.reports.document import write_docx
from bot.reports.tables import Pct, dmy, pct_text, tables
from bot.reports.workbook import DANGEROUS, write_xlsx

__all__ = ["FORMATS", "dmy", "safe_csv", "title", "write_report"]


def title(r: ReportData) -> str:
    where = f" {r.locality.name}" if r.locality else ""
    return f"Báo cáo kết quả công tác tuyên truyền cải cách hành chính{where} {r.period.label}"


def safe_csv(value: object) -> str:
    """A CSV cell: numbers as written, shares as 76,3%, dangerous text with a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, Pct):
        return pct_text(value)
    text = str(value)
    return "'" + text if text.startswith(DANGEROUS) else text


def charts(r: ReportData) -> list[tuple[str, bytes]]:
    """PNG charts for the DOCX: interactions per week, and by topic."""
    week = "Số lượt tương tác theo tuần"
    topic = "Số lượt tương tác theo chủ đề"
    topics = list(r.by_topic.items())[:10]
    out = [(week, bar([dmy(w)[:5] for w, _ in r.per_week], [n for _, n in r.per_week], week))]
    if topics:
        out.append((topic, bar([t[:40] for t, _ in topics], [n for _, n in topics], topic, horizontal=True,
                               color="#2f855a", size=(7, 3.5))))
    return out


def write_csv(r: ReportData, path: Path) -> None:
    config = load_report_config(r.knowledge_root)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:  # BOM: Excel opens Vietnamese right
        w = csv.writer(fh)
        w.writerow([safe_csv(title(r))])
        w.writerow(["Kỳ báo cáo", f"{dmy(r.period.start)} – {dmy(r.period.last)}"])
        for t in tables(r, config):
            w.writerow([])
            w.writerow([safe_csv(t.title)])
            w.writerow([safe_csv(c) for c in t.columns])
            w.writerows([safe_csv(v) for v in row] for row in t.rows)


def write_report(r: ReportData, fmt: str, path: Path, issued: date | None = None) -> None:
    """Write ``r`` as ``fmt``; ``issued`` is the date on the document (default: today in Vietnam)."""
    config = load_report_config(r.knowledge_root)
    if fmt == "csv":
        write_csv(r, path)
    elif fmt == "xlsx":
        write_xlsx(title(r), r, path, config)
    else:
        write_docx(r, path, config, charts(r), issued or datetime.now(VIETNAM).date())
