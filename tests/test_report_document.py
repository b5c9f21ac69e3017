"""The quarterly report as a document a commune can sign (Nghị định 30/2020/NĐ-CP, Phụ lục I),
read back with python-docx, and rendered to PDF by LibreOffice when it is installed."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt
from pypdf import PdfReader

from bot.app import Core
from bot.reports.data import ReportData, build_report, parse_period
from bot.reports.render import write_report
from bot.storage.activities import Activities, parse_activity
from bot.storage.queries import Queries
from tests.test_report import at

ISSUED = date(2026, 12, 5)
SOFFICE = shutil.which("soffice")
PDFTOTEXT = shutil.which("pdftotext")


def seed_q4(core: Core) -> None:
    log = core.store.log_interaction
    rows = [  # (day, channel, status, topic, text)
        ("2026-10-02", "zalo", "answered", "dvc", "nộp hồ sơ trực tuyến thế nào"),
        ("2026-10-03", "telegram", "answered", "ho-tich", "làm khai sinh"),
        ("2026-10-05", "web", "answered", "dvc", "thanh toán trực tuyến"),
        ("2026-10-07", "zalo", "fallback", None, "giá vàng hôm nay"),
        ("2026-10-08", "web", "fallback", None, "cam on nhe 👍"),
        ("2026-11-10", "zalo", "suggest", None, "giấy tờ đất"),
        ("2026-12-01", "telegram", "answered", "mot-cua", "một cửa ở đâu"),
    ]
    for i, (day, channel, status, topic, text) in enumerate(rows):
        log(channel=channel, user_key=f"u{i}", locality="ky-lac", kind="question", text=text, status=status,
            entry_id="x" if status == "answered" else None, topic=topic, ts=at(day))
    Activities(core.store).add(parse_activity(core.kb, {
        "day": "2026-10-06", "form": "phat-thanh", "locality": "ky-lac", "quantity": "6",
        "description": "Phát thanh chuyên mục CCHC trên Đài truyền thanh xã",
        "plan_item": "iv1-chuyen-muc-truyen-thanh-trang-tin"}))


@pytest.fixture
def q4(core: Core) -> ReportData:
    seed_q4(core)
    return build_report(core.kb, Queries(core.store), core.engine.norm, parse_period("2026-Q4"), "ky-lac")


@pytest.fixture
def docx_path(q4: ReportData, tmp_path: Path) -> Path:
    path = tmp_path / "bao-cao.docx"
    write_report(q4, "docx", path, ISSUED)
    return path


def texts(path: Path) -> list[str]:
    doc = Document(str(path))
    return [p.text for p in doc.paragraphs]


def test_a4_portrait_margins_and_times_new_roman(docx_path: Path) -> None:
    doc = Document(str(docx_path))
    s = doc.sections[0]
    mm = [round(x.mm, 1) for x in (s.page_width, s.page_height, s.top_margin, s.bottom_margin,
                                   s.left_margin, s.right_margin)]
    width, height, top, bottom, left, right = mm
    assert (width, height) == (210, 297) and s.orientation == 0  # A4 portrait
    assert 20 <= top <= 25 and 20 <= bottom <= 25 and 30 <= left <= 35 and 15 <= right <= 20
    assert doc.styles["Normal"].font.name == "Times New Roman"
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    runs += [r for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs
             if r.text.strip()]
    assert runs and {r.font.name for r in runs} == {"Times New Roman"}
    body = [r for p in doc.paragraphs for r in p.runs if p.text.startswith("Thực hiện Kế hoạch")]
    assert body and all(Pt(13) <= r.font.size <= Pt(14) for r in body)


def test_header_table_issuer_motto_number_and_date(docx_path: Path) -> None:
    header = Document(str(docx_path)).tables[0]
    left, right = ([p for p in c.paragraphs if p.text] for c in header.rows[0].cells)
    assert [p.text for p in left] == ["ỦY BAN NHÂN DÂN", "XÃ KỲ LẠC", "Số:        /BC-UBND"]
    assert all(r.font.bold for p in left[:2] for r in p.runs)
    assert [p.text for p in right] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                                       "Kỳ Lạc, ngày 05 tháng 12 năm 2026"]
    assert right[0].runs[0].font.size in (Pt(12), Pt(13)) and right[0].runs[0].font.bold
    assert right[2].runs[0].font.italic
    rules = [p for c in header.rows[0].cells for p in c.paragraphs if p._p.find(".//{*}pBdr") is not None]
    assert len(rules) == 2  # under the issuing body and under the motto


def test_title_opening_sections_recipients_and_signature_in_order(docx_path: Path) -> None:
    lines = texts(docx_path)
    assert lines[0:2] == ["BÁO CÁO", "Kết quả công tác tuyên truyền cải cách hành chính quý IV năm 2026"]
    opening = next(t for t in lines if t.startswith("Thực hiện Kế hoạch"))
    assert "Kế hoạch tuyên truyền cải cách hành chính xã Kỳ Lạc năm 2025" in opening
    assert "(từ ngày 01/10/2026 đến ngày 31/12/2026)" in opening
    headings = [t for t in lines if re.match(r"^[IVX]+\. ", t)]
    assert headings == ["I. KẾT QUẢ THỰC HIỆN", "II. ĐÁNH GIÁ", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
                        "IV. ĐỀ XUẤT, KIẾN NGHỊ"]
    for heading, following in zip(headings, [*headings[1:], "Phụ lục"], strict=True):
        section = lines[lines.index(heading) + 1:lines.index(following)]
        assert any(len(t) > 30 for t in section), f"{heading} has no text"
    assert lines.index("Phụ lục") > lines.index("IV. ĐỀ XUẤT, KIẾN NGHỊ")
    signature = Document(str(docx_path)).tables[1]
    left, right = ([p.text for p in c.paragraphs] for c in signature.rows[0].cells)
    assert left[0] == "Nơi nhận:" and left[-1] == "- Lưu: VT."
    assert all(t.startswith("- ") and t.endswith(";") for t in left[1:-1]) and len(left) > 2
    assert right[:2] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert right.count("") >= 3  # room to sign


def test_recipients_label_and_names_in_12_and_11_points(docx_path: Path) -> None:
    left = Document(str(docx_path)).tables[1].rows[0].cells[0].paragraphs
    label = left[0].runs[0].font
    assert (label.size, label.bold, label.italic) == (Pt(12), True, True)
    assert {r.font.size for p in left[1:] for r in p.runs} == {Pt(11)}


def test_appendix_has_numbered_tables_and_the_charts(docx_path: Path) -> None:
    lines = texts(docx_path)
    captions = [t for t in lines if t.startswith("Bảng ")]
    assert [int(c.split()[1].rstrip(".")) for c in captions] == list(range(1, len(captions) + 1))
    assert any("Thực hiện chỉ tiêu" in c for c in captions)
    assert [t for t in lines if t.startswith("Biểu đồ ")] == [
        "Biểu đồ 1. Số lượt tương tác theo tuần", "Biểu đồ 2. Số lượt tương tác theo chủ đề"]
    assert len([n for n in zipfile.ZipFile(docx_path).namelist() if n.startswith("word/media/")]) == 2


def test_no_emoji_anywhere_in_the_document(docx_path: Path) -> None:
    xml = zipfile.ZipFile(docx_path).read("word/document.xml").decode("utf-8")
    assert not re.search("[\U0001f000-\U0001faff\u2600-\u27bf]", xml)
    assert "cam on nhe" not in xml  # small talk is not an unanswered question


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None or PDFTOTEXT is None,
                    reason="LibreOffice and poppler-utils are installed by .ci/run")
def test_libreoffice_renders_an_a4_pdf_with_the_header_first(docx_path: Path, tmp_path: Path) -> None:
    subprocess.run([str(SOFFICE), "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx_path)],
                   check=True, capture_output=True, timeout=180)
    pdf = PdfReader(tmp_path / "bao-cao.pdf")
    assert 2 <= len(pdf.pages) <= 12
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    def page_text(first: int, last: int) -> str:
        pdf_file = str(tmp_path / "bao-cao.pdf")
        return subprocess.run([str(PDFTOTEXT), "-f", str(first), "-l", str(last), pdf_file, "-"],
                              check=True, capture_output=True, text=True).stdout


    first = page_text(1, 1)
    for text in ("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "Kỳ Lạc, ngày 05 tháng 12 năm 2026", "BÁO CÁO", "I. KẾT QUẢ THỰC HIỆN"):
        assert text in first
    everything = page_text(1, len(pdf.pages))
    assert "TM. ỦY BAN NHÂN DÂN" in everything and "Phụ lục" in everything
