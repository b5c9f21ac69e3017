"""The periodic report as a Word document in the form of Nghị định 30/2020/NĐ-CP on công tác
văn thư, Phụ lục I "Thể thức, kỹ thuật trình bày văn bản hành chính" (python-docx).

What Phụ lục I asks, and where this module does it:

* Part I.I (quy định chung): A4 (210 × 297 mm) portrait; margins top and bottom 20–25 mm, left
  30–35 mm, right 15–20 mm (:data:`MARGINS_MM`); Times New Roman, black; page numbers from 2,
  Arabic, 13–14 pt, centred in the top margin, none on the first page (:func:`_page_numbers`).
* II.1 Quốc hiệu "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" upper case 12–13 pt bold; Tiêu ngữ
  "Độc lập - Tự do - Hạnh phúc" 13–14 pt bold, centred under it, with a solid rule as long as
  the motto beneath (:func:`_header`, right cell).
* II.2 Tên cơ quan ban hành upper case 12–13 pt bold, with a rule of 1/3–1/2 of the line under
  it (left cell); II.3 "Số: …/BC-UBND" 13 pt centred under it (the number is left for the clerk).
* II.4 Địa danh và thời gian: "<place>, ngày … tháng … năm …", 13–14 pt italic, centred under
  the motto; days below 10 and months 1–2 take a leading zero (:func:`date_line`).
* II.5 Tên loại "BÁO CÁO" upper case 13–14 pt bold, centred; trích yếu 13–14 pt bold under it
  with a rule of 1/3–1/2 of the line.
* II.6 Nội dung 13–14 pt, justified, first line indented 1–1.27 cm, at least 6 pt between
  paragraphs, single to 1.5 line spacing.
* II.7 Quyền hạn, chức vụ người ký ("TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH") upper case 13–14 pt
  bold, room to sign, then the name in 13–14 pt bold.
* II.9 Nơi nhận: "Nơi nhận:" 12 pt bold italic; each recipient 11 pt on a line starting "-"
  and ending ";", the last "- Lưu: VT." ending with a full stop.
* III.1 Phụ lục: "Phụ lục" on its own line, 14 pt bold, centred, with the appendix title in
  upper case bold under it; here it holds the tables and the charts.

The wording comes from ``knowledge/report.yaml`` (:mod:`bot.reports.config`), the text of the
sections from :mod:`bot.reports.narrative`, the tables from :mod:`bot.reports.tables`.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table as Table_
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from bot.reports.config import ReportConfig
from bot.reports.data import ReportData
from bot.reports.narrative import Block, body, issuer_short, opening
from bot.reports.tables import Pct, Table, pct_text, tables

FONT = "Times New Roman"
BODY_PT = 14
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_CM = (210 - MARGINS_MM["left"] - MARGINS_MM["right"]) / 10
INDENT = Cm(1.27)
CHART_ONLY = ("theo-tuan",)  # shown as Biểu đồ 1 in the document, as a table in the XLSX
LEVEL_PREFIXES = ("thành phố ", "thị trấn ", "thị xã ", "phường ", "huyện ", "tỉnh ", "xã ")


def place_name(r: ReportData, config: ReportConfig) -> str:
    """The địa danh of the date line: the locality's own setting, else its name without the level."""
    if r.locality is None:
        return "……………"
    own = config.local(r.locality.code).place
    if own:
        return own
    name = r.locality.name
    for prefix in LEVEL_PREFIXES:
        if name.lower().startswith(prefix):
            return name[len(prefix):]
    return name


def date_line(config: ReportConfig, place: str, day: date) -> str:
    """"Kỳ Lạc, ngày 05 tháng 12 năm 2026": a leading zero for days below 10 and months 1–2."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return config.text("date_line", place=place, day=f"{day.day:02d}", month=month, year=day.year)


def _font(run_or_style: object, size: float, bold: bool = False, italic: bool = False) -> None:
    font = run_or_style.font  # type: ignore[attr-defined]
    font.name, font.size, font.bold, font.italic = FONT, Pt(size), bold, italic
    element = run_or_style.element  # type: ignore[attr-defined]
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _para(container: DocumentObject | _Cell, text: str, size: float = BODY_PT, *, bold: bool = False,
          italic: bool = False, align: int = WD_ALIGN_PARAGRAPH.CENTER, indent: bool = False,
          before: float = 0, after: float = 0) -> Paragraph:
    p = container.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(before), Pt(after), 1.0
    fmt.first_line_indent = INDENT if indent else Cm(0)
    if text:
        _font(p.add_run(text), size, bold, italic)
    return p


def _rule(container: DocumentObject | _Cell, width_cm: float, box_cm: float) -> None:
    """A solid horizontal rule of ``width_cm``, centred in a box of ``box_cm``."""
    p = _para(container, "", 1, before=2)
    side = Cm(max(0.0, (box_cm - width_cm) / 2))
    p.paragraph_format.left_indent = p.paragraph_format.right_indent = side
    p.paragraph_format.line_spacing = Pt(1)
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    p._p.get_or_add_pPr().append(border)


def _first_cell_paragraph_gone(cell: _Cell) -> None:
    cell._tc.remove(cell.paragraphs[0]._p)


def _table_widths(table: Table_, widths_cm: list[float]) -> None:
    """Fixed column widths (Word and LibreOffice both honour the grid of a fixed layout)."""
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def _header(doc: DocumentObject, r: ReportData, config: ReportConfig, issued: date) -> None:
    """Ô 1–4 of Phụ lục I, Mục IV: issuing body and number left, quốc hiệu, tiêu ngữ and date right."""
    left_w, right_w = 6.0, TEXT_WIDTH_CM - 6.0
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _table_widths(table, [left_w, right_w])
    left, right = table.rows[0].cells
    for cell in (left, right):
        _first_cell_paragraph_gone(cell)
    d = config.defaults
    name = r.locality.name.upper() if r.locality else "……………"
    _para(left, d["issuer_parent"], 13, bold=True)
    _para(left, name, 13, bold=True)
    _rule(left, 2.0, left_w)
    _para(left, config.text("number", symbol=d["symbol"]), 13, before=6)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)
    _para(right, "Độc lập - Tự do - Hạnh phúc", 13, bold=True)
    _rule(right, 5.9, right_w)
    _para(right, date_line(config, place_name(r, config), issued), 14, italic=True, before=6)


def _page_numbers(doc: DocumentObject) -> None:
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    _font(run, 14)
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), tag)
        else:
            field = OxmlElement("w:instrText")
            field.set(qn("xml:space"), "preserve")
            field.text = text
        run._r.append(field)


def _blocks(doc: DocumentObject, blocks: list[Block]) -> None:
    just = WD_ALIGN_PARAGRAPH.JUSTIFY
    for b in blocks:
        if b.kind in ("h1", "h2"):
            _para(doc, b.text, bold=True, align=just, indent=True, before=6 if b.kind == "h1" else 3, after=3)
        else:
            text = f"- {b.text}" if b.kind == "dash" else b.text
            _para(doc, text, align=just, indent=True, after=6)


def _signature(doc: DocumentObject, r: ReportData, config: ReportConfig) -> None:
    d = config.defaults
    local = config.local(r.locality.code if r.locality else None)
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    half = TEXT_WIDTH_CM / 2
    _table_widths(table, [half, half])
    left, right = table.rows[0].cells
    for cell in (left, right):
        _first_cell_paragraph_gone(cell)
    left_align = WD_ALIGN_PARAGRAPH.LEFT
    _para(left, config.text("recipients_label"), 12, bold=True, italic=True, align=left_align, before=6)
    for name in config.recipients(r.locality.code if r.locality else None, r.plan):
        _para(left, f"- {name};", 11, align=left_align)
    _para(left, f"- {d['archive']}", 11, align=left_align)
    _para(right, local.authority or d["authority"], 14, bold=True, before=6)
    _para(right, local.signer_title or d["signer_title"], 14, bold=True)
    for _ in range(4):  # room to sign and seal
        _para(right, "", 14, after=6)
    _para(right, local.signer or "", 14, bold=True)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Pct):
        return pct_text(value)
    return str(value)


def column_widths(t: Table, total_cm: float = TEXT_WIDTH_CM, minimum: float = 2.0) -> list[float]:
    """Column widths in proportion to what the columns hold (long text wide, counts narrow)."""
    weights = []
    for col, name in enumerate(t.columns):
        values = [len(_cell_text(row[col])) for row in t.rows] or [0]
        typical = sum(values) / len(values)
        weights.append(max(1.5 * len(max(name.split(), key=len)) + 2, min(60.0, typical), 6.0))
    widths = [max(minimum, total_cm * w / sum(weights)) for w in weights]
    scale = total_cm / sum(widths)
    return [w * scale for w in widths]


def _appendix_table(doc: DocumentObject, t: Table) -> None:
    _para(doc, t.title, 13, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, before=12, after=4
          ).paragraph_format.keep_with_next = True
    size = 11 if len(t.columns) >= 6 else 12
    table = doc.add_table(rows=1, cols=len(t.columns))
    table.style = "Table Grid"
    widths = column_widths(t)
    header = table.rows[0]
    flag = OxmlElement("w:tblHeader")  # repeat the header row on every page
    header._tr.get_or_add_trPr().append(flag)
    for cell, text in zip(header.cells, t.columns, strict=True):
        _first_cell_paragraph_gone(cell)
        _para(cell, text, size, bold=True)
    for row in t.rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            _first_cell_paragraph_gone(cell)
            number = isinstance(value, int | float)
            _para(cell, _cell_text(value), size,
                  align=WD_ALIGN_PARAGRAPH.CENTER if number else WD_ALIGN_PARAGRAPH.LEFT)
    _table_widths(table, widths)


def write_docx(r: ReportData, path: Path, config: ReportConfig, charts: list[tuple[str, bytes]],
               issued: date) -> None:
    """The report in the form of Nghị định 30/2020/NĐ-CP, its tables and charts in a Phụ lục."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance = Mm(10)
    _font(doc.styles["Normal"], BODY_PT)
    _page_numbers(doc)
    _header(doc, r, config, issued)
    _para(doc, config.text("doc_kind"), 14, bold=True, before=18)
    _para(doc, config.text("subject", period=r.period.label), 14, bold=True)
    _rule(doc, 5.0, TEXT_WIDTH_CM)
    _para(doc, "", 6)
    for line in opening(r, config):
        _para(doc, line, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, after=6)
    _blocks(doc, body(r, config))
    _signature(doc, r, config)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _para(doc, config.text("appendix_label"), 14, bold=True)
    _para(doc, config.text("appendix_title"), 13, bold=True)
    _para(doc, config.text("appendix_ref", symbol=config.defaults["symbol"], year=issued.year,
                           issuer_short=issuer_short(r)), 14, italic=True)
    _rule(doc, 5.0, TEXT_WIDTH_CM)
    for t in tables(r, config):
        if t.key not in CHART_ONLY:
            _appendix_table(doc, t)
    for n, (name, png) in enumerate(charts, 1):
        _para(doc, f"Biểu đồ {n}. {name}", 13, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, before=12, after=4
              ).paragraph_format.keep_with_next = True
        doc.add_picture(io.BytesIO(png), width=Cm(15.5))
    doc.save(str(path))
