"""Writing the outreach report as CSV, XLSX (openpyxl) or DOCX (python-docx), with charts
drawn by matplotlib and embedded as images. Headings follow the style of an official report;
dates are dd/mm/yyyy."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from docx import Document
from docx.shared import Cm
from openpyxl import Workbook
from openpyxl.drawing.image import Image as XlImage
from openpyxl.styles import Font

from bot.charts import bar
from bot.report_data import ReportData

FORMATS = ("csv", "xlsx", "docx")
CHANNEL_NAMES = {"telegram": "Telegram", "zalo": "Zalo", "web": "Trang web (hỏi đáp trực tuyến)",
                 "cli": "Dòng lệnh (cán bộ thử nghiệm)"}


def dmy(d: date | str | None) -> str:
    if d is None:
        return ""
    if isinstance(d, str):
        d = date.fromisoformat(d[:10])
    return d.strftime("%d/%m/%Y")


def title(r: ReportData) -> str:
    where = f" {r.locality.name}" if r.locality else ""
    return f"Báo cáo kết quả công tác tuyên truyền cải cách hành chính{where} {r.period.label}"


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%".replace(".", ",")


def sections(r: ReportData) -> Iterator[tuple[str, list[str], list[list[str]]]]:
    """(heading, column names, rows) of every table of the report, in order."""
    yield ("I. Tổng hợp chung", ["Chỉ tiêu", "Giá trị"], [
        ["Kỳ báo cáo", f"{dmy(r.period.start)} – {dmy(r.period.end - timedelta(days=1))}"],
        ["Tổng số lượt tương tác", str(r.total)],
        ["Số câu hỏi", str(r.questions)],
        ["Trả lời được", f"{r.answered} ({pct(r.share(r.answered))})"],
        ["Gợi ý câu hỏi", f"{r.suggested} ({pct(r.share(r.suggested))})"],
        ["Chưa trả lời được (chuyển cán bộ)", f"{r.fallback} ({pct(r.share(r.fallback))})"],
        ["Mức độ hài lòng (👍 trên số lượt đánh giá)", f"{pct(r.satisfaction)} ({r.positive}/{r.rated})"],
        ["Số thông báo đã gửi", str(len(r.broadcasts))],
    ])
    yield ("II. Theo kênh", ["Kênh", "Số lượt"],
           [[CHANNEL_NAMES.get(c, c), str(n)] for c, n in r.by_channel.items()])
    yield ("III. Theo chủ đề", ["Chủ đề", "Số lượt"], [[t, str(n)] for t, n in r.by_topic.items()])
    if r.plan is not None:
        yield ("IV. Theo nội dung của kế hoạch", ["Nội dung", "Cơ quan chủ trì", "Số lượt"],
               [[i.content, i.lead or "", str(n)] for i, n in r.by_item])
        yield ("V. Tiến độ so với chỉ tiêu của kế hoạch", ["Chỉ tiêu", "Yêu cầu trong kỳ", "Đạt", "Tỷ lệ"],
               [[q.quota.text, "" if q.required is None else str(q.required),
                 "không đo được qua trợ lý" if q.achieved is None else str(q.achieved), pct(q.share)]
                for q in r.quotas])
    yield ("VI. Thông báo đã gửi", ["Số", "Ngày", "Chủ đề", "Kênh", "Đã gửi", "Lỗi", "Bị chặn"],
           [[f"#{b['id']}", dmy(b["started"]), b["topic"], b["channels"] or "", str(b["sent"]),
             str(b["failed"]), str(b["blocked"])] for b in r.broadcasts])
    yield ("VII. Câu hỏi chưa trả lời được nhiều nhất", ["Câu hỏi", "Số lần"],
           [[t, str(n)] for t, n in r.unanswered_top])


def charts(r: ReportData) -> list[tuple[str, bytes]]:
    """PNG charts: interactions per week, and by topic."""
    week = "Số lượt tương tác theo tuần"
    topic = "Số lượt theo chủ đề"
    topics = list(r.by_topic.items())[:10]
    return [(week, bar([dmy(w)[:5] for w, _ in r.per_week], [n for _, n in r.per_week], week)),
            (topic, bar([t[:40] for t, _ in topics], [n for _, n in topics], topic, horizontal=True,
                        color="#2f855a", size=(7, 3.5)))]


def inert(value: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula (OWASP's CSV-injection advice)."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def write_csv(r: ReportData, path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:  # BOM: Excel opens Vietnamese right
        w = csv.writer(fh)
        w.writerow([title(r)])
        for heading, columns, rows in sections(r):
            w.writerow([])
            w.writerow([heading])
            w.writerow(columns)
            w.writerows([[inert(v) for v in row] for row in rows])


def write_xlsx(r: ReportData, path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Báo cáo"
    ws.append([title(r)])
    ws["A1"].font = Font(bold=True, size=13)
    for heading, columns, rows in sections(r):
        ws.append([])
        ws.append([heading])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        ws.append(columns)
        for row in rows:
            ws.append([int(v) if v.isascii() and v.isdigit() else v for v in row])  # "²" is text
            for cell in ws[ws.max_row]:
                if cell.data_type == "f":  # a citizen's "=…" is text, never a formula
                    cell.data_type = "s"
    ws.column_dimensions["A"].width = 60
    chart_sheet = wb.create_sheet("Biểu đồ")
    anchor = 1
    for name, png in charts(r):
        chart_sheet.cell(anchor, 1, name).font = Font(bold=True)
        image = XlImage(io.BytesIO(png))
        chart_sheet.add_image(image, f"A{anchor + 1}")
        anchor += 22
    wb.save(path)


def write_docx(r: ReportData, path: Path) -> None:
    doc = Document()
    doc.add_heading(title(r), level=1)
    doc.add_paragraph(f"Ngày lập báo cáo: {dmy(date.today())}")
    for heading, columns, rows in sections(r):
        doc.add_heading(heading, level=2)
        table = doc.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, columns, strict=True):
            cell.text = text
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text
    doc.add_heading("Biểu đồ", level=2)
    for name, png in charts(r):
        doc.add_paragraph(name)
        doc.add_picture(io.BytesIO(png), width=Cm(16))
    doc.save(str(path))


def write_report(r: ReportData, fmt: str, path: Path) -> None:
    {"csv": write_csv, "xlsx": write_xlsx, "docx": write_docx}[fmt](r, path)
