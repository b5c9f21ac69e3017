"""The report as an Excel workbook for aggregation (openpyxl): one sheet per table with the same
figures as the DOCX, counts and shares as numbers in their own cells (shares formatted as %),
frozen headers, wrapped text, A4 print set-up fitting the width, and native Excel charts on
their own sheet, one per printed page.

Cells that start with ``= + - @`` (or a tab / carriage return) are written as text with Excel's
quote prefix, never as formulas (OWASP "CSV Injection": a citizen's "=))" is data, not code).
"""

from __future__ import annotations

import math
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from bot.reports.config import ReportConfig
from bot.reports.data import ReportData
from bot.reports.tables import Pct, Table, tables

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
SHEET_NAMES = {"tong-hop": "Tổng hợp", "kenh": "Theo kênh", "chu-de": "Theo chủ đề",
               "hoat-dong": "Hoạt động", "noi-dung": "Nội dung kế hoạch", "chi-tieu": "Chỉ tiêu",
               "thong-bao": "Thông báo", "chua-tra-loi": "Chưa trả lời được",
               "dia-phuong": "Theo địa phương", "theo-tuan": "Theo tuần"}
HEADER_ROW = 3


def _print_setup(ws: Worksheet, landscape: bool) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed, never cut at the right
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left, ws.page_margins.right = 0.8, 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.7
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "Trang &P / &N"


def _put(ws: Worksheet, row: int, col: int, value: object) -> None:
    cell = ws.cell(row, col)
    if isinstance(value, Pct):
        cell.value = float(value)
        cell.number_format = "0.0%"
    elif isinstance(value, int):
        cell.value = value
        cell.number_format = "#,##0"
    elif value is not None:
        text = str(value)
        cell.value = text
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if text.startswith(DANGEROUS):
            cell.quotePrefix = True
    cell.alignment = Alignment(wrap_text=True, vertical="top")


def _height(values: list[object], widths: list[float]) -> float:
    """Points for a row whose cells wrap in columns of ``widths`` characters (Excel and
    LibreOffice keep the stored height, so it is computed here)."""
    lines = max(math.ceil(len(str(v)) / max(1.0, w - 1)) if v is not None else 1
                for v, w in zip(values, widths, strict=True))
    return 15.0 * max(1, lines)


def _sheet(ws: Worksheet, heading: str, t: Table) -> None:
    for row_no, text in ((1, heading), (2, t.title)):  # titles overflow to the right, unwrapped
        _put(ws, row_no, 1, text)
        ws.cell(row_no, 1).font = Font(bold=True, size=12)
        ws.cell(row_no, 1).alignment = Alignment(wrap_text=False)
    widths = [float(min(60, max(10, max([len(name), *(len(str(row[col] or "")) for row in t.rows)]) + 2)))
              for col, name in enumerate(t.columns)]
    for col, name in enumerate(t.columns, 1):
        _put(ws, HEADER_ROW, col, name)
        ws.cell(HEADER_ROW, col).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(col)].width = widths[col - 1]
    ws.row_dimensions[HEADER_ROW].height = _height(list(t.columns), widths)
    for r, row in enumerate(t.rows, HEADER_ROW + 1):
        for col, value in enumerate(row, 1):
            _put(ws, r, col, value)
        ws.row_dimensions[r].height = _height(list(row), widths)
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    _print_setup(ws, landscape=len(t.columns) > 4)


def _charts(wb: Workbook, sheets: dict[str, tuple[Worksheet, Table]]) -> None:
    ws = wb.create_sheet("Biểu đồ")
    _print_setup(ws, landscape=False)
    anchor = 1
    for key, title, horizontal in (("theo-tuan", "Số lượt tương tác theo tuần", False),
                                   ("chu-de", "Số lượt tương tác theo chủ đề", True),
                                   ("kenh", "Số lượt tương tác theo kênh", False)):
        if key not in sheets:
            continue
        source, t = sheets[key]
        last = HEADER_ROW + len(t.rows)
        value_col = len(t.columns)
        chart = BarChart()
        chart.type = "bar" if horizontal else "col"
        chart.title = title
        chart.legend = None
        chart.height, chart.width = 11, 17  # cm: one chart per A4 page
        chart.add_data(Reference(source, min_col=value_col, min_row=HEADER_ROW, max_row=last),
                       titles_from_data=True)
        chart.set_categories(Reference(source, min_col=1, min_row=HEADER_ROW + 1, max_row=last))
        ws.add_chart(chart, f"A{anchor}")
        anchor += 26
        ws.row_breaks.append(Break(id=anchor - 1))  # never split a chart across pages


def write_xlsx(r_title: str, report: ReportData, path: Path, config: ReportConfig) -> None:
    """Write the workbook of ``report``, headed ``r_title`` on every sheet."""
    wb = Workbook()
    sheets: dict[str, tuple[Worksheet, Table]] = {}
    for n, t in enumerate(tables(report, config), 1):
        ws = wb.active if n == 1 else wb.create_sheet()
        assert ws is not None
        ws.title = f"{n}. {SHEET_NAMES.get(t.key, t.key)}"[:31]
        _sheet(ws, r_title, t)
        sheets[t.key] = (ws, t)
    _charts(wb, sheets)
    wb.save(path)
