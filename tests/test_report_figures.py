"""Figures an official would check: the plan of the period's year, staff-recorded outreach in
the quotas, no staff testing or small talk counted as questions, channels mapped to the forms
they are, Vietnam time, formula injection neutralised, one row per locality."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from bot.app import Core
from bot.errors import InputError
from bot.knowledge.load import load_knowledge
from bot.knowledge.model import KnowledgeBase
from bot.reports.config import load_report_config
from bot.reports.data import ReportData, build_report, parse_period, plan_in_force
from bot.reports.render import write_report
from bot.storage.activities import Activities, parse_activity
from bot.storage.queries import Queries
from handlers.cli import main
from tests.test_report import at


def report(core: Core, period: str, locality: str | None, kb: KnowledgeBase | None = None) -> ReportData:
    return build_report(kb or core.kb, Queries(core.store), core.engine.norm, parse_period(period), locality)


def ask(core: Core, text: str, channel: str = "zalo", status: str = "fallback", day: str = "2026-10-10",
        topic: str | None = None, locality: str = "ky-lac") -> None:
    core.store.log_interaction(channel=channel, user_key=f"u-{text}", locality=locality, kind="question",
                               text=text, status=status, entry_id="x" if status == "answered" else None,
                               topic=topic, ts=at(day))


def record(core: Core, **fields: str) -> int:
    return Activities(core.store).add(parse_activity(core.kb, fields, "test"))


# --- the plan in force ------------------------------------------------------------------------
def test_a_2026_period_without_a_2026_plan_uses_the_latest_and_says_so(core: Core, tmp_path: Path) -> None:
    r = report(core, "2026-Q4", "ky-lac")
    assert (r.plan.id if r.plan else None, r.plan_exact) == ("ke-hoach-ky-lac-2025", False)
    write_report(r, "docx", tmp_path / "r.docx", date(2026, 12, 5))
    text = "\n".join(p.text for p in Document(str(tmp_path / "r.docx")).paragraphs)
    assert "chưa có kế hoạch tuyên truyền CCHC năm 2026 của Xã Kỳ Lạc" in text
    assert "kế hoạch gần nhất là Kế hoạch tuyên truyền cải cách hành chính xã Kỳ Lạc năm 2025" in text


def test_a_2026_plan_is_chosen_for_a_2026_period(core: Core, kb_copy: Path) -> None:
    source = (kb_copy / "plans" / "ke-hoach-ky-lac-2025.yaml").read_text("utf-8")
    (kb_copy / "plans" / "ke-hoach-ky-lac-2026.yaml").write_text(
        source.replace("id: ke-hoach-ky-lac-2025", "id: ke-hoach-ky-lac-2026")
        .replace("year: 2025", "year: 2026")
        .replace("title: Kế hoạch tuyên truyền cải cách hành chính xã Kỳ Lạc năm 2025",
                 "title: Kế hoạch tuyên truyền cải cách hành chính xã Kỳ Lạc năm 2026"), "utf-8")
    kb = load_knowledge(kb_copy)
    assert [p.id for p, _ in [plan_in_force(kb, "ky-lac", 2026)]] == ["ke-hoach-ky-lac-2026"]
    assert plan_in_force(kb, "ky-lac", 2025)[0].id == "ke-hoach-ky-lac-2025"  # type: ignore[union-attr]
    r = report(core, "2026-Q4", "ky-lac", kb)
    assert (r.plan.id if r.plan else None, r.plan_exact) == ("ke-hoach-ky-lac-2026", True)


def test_a_locality_without_any_plan_is_reported_without_one(core: Core, tmp_path: Path) -> None:
    r = report(core, "2026-Q4", "vi-du")
    assert r.plan is None and r.quotas == []
    write_report(r, "docx", tmp_path / "r.docx", date(2026, 12, 5))
    text = "\n".join(p.text for p in Document(str(tmp_path / "r.docx")).paragraphs)
    assert "chưa có kế hoạch tuyên truyền CCHC của Xã Mẫu (ví dụ)" in text


# --- staff-recorded outreach ------------------------------------------------------------------
def test_recorded_radio_sessions_and_website_posts_meet_the_quotas(core: Core, tmp_path: Path) -> None:
    for week in range(13):  # one radio broadcast every week of Q3/2025
        record(core, day=date(2025, 7, 1 + 7 * week).isoformat() if week < 5 else
               f"2025-{8 + (week - 5) // 4:02d}-{5 + 7 * ((week - 5) % 4):02d}",
               form="phat-thanh", locality="ham-tan", description="Chuyên mục CCHC trên sóng phát thanh")
    record(core, day="2025-08-20", form="trang-tin", locality="ham-tan", quantity="3",
           description="Tin bài về dịch vụ công trực tuyến", plan_item="iv1b-tin-bai-trang-tin-huyen",
           evidence="https://hamtan.example/tin")
    record(core, day="2025-10-02", form="trang-tin", locality="ham-tan", description="sau kỳ báo cáo")
    r = report(core, "2025-Q3", "ham-tan")
    radio = next(q for q in r.quotas if q.quota.per == "week")
    assert (radio.required, radio.achieved, radio.met) == (13, 13, True)
    commune = next(q for q in r.quotas if q.quota.text.startswith("UBND cấp xã"))
    assert (commune.required, commune.achieved, commune.met) == (2, 3, True)
    write_report(r, "docx", tmp_path / "r.docx", date(2025, 10, 5))
    lines = [p.text for p in Document(str(tmp_path / "r.docx")).paragraphs]
    radio_line = "yêu cầu trong kỳ ít nhất 13 lần phát sóng; đã thực hiện 13 lần phát sóng (100,0%, đạt)."
    assert any(t.startswith("- Duy trì phát sóng định kỳ") and t.endswith(radio_line) for t in lines)
    assert any(t.startswith("- UBND cấp xã có ít nhất 02 tin/bài/quý") and
               "yêu cầu trong kỳ ít nhất 2 tin/bài; đã thực hiện 3 tin/bài (150,0%, đạt)" in t for t in lines)
    assert any(t.startswith("a) Phát thanh (đài truyền thanh): 13 buổi phát thanh") for t in lines)
    assert any("3 tin, bài (Tin, bài trên trang thông tin điện tử)" in t for t in lines)  # under its item


def test_an_activity_is_checked_before_it_is_recorded(core: Core) -> None:
    good = {"day": "2026-10-05", "form": "hoi-nghi", "locality": "ky-lac", "description": "Hội nghị"}
    for change, message in [({"form": "bao-chi"}, "hình thức 'bao-chi' không có"),
                            ({"day": "05/10/2026"}, "YYYY-MM-DD"),
                            ({"plan_item": "khong-co"}, "không có nội dung kế hoạch mã 'khong-co'"),
                            ({"quantity": "0"}, "số lượng phải từ 1"),
                            ({"evidence": "javascript:alert(1)"}, "https://")]:
        with pytest.raises(InputError, match=message):
            parse_activity(core.kb, {**good, **change})


def test_activity_command_adds_lists_and_removes(env: dict[str, str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    out = io.StringIO()
    assert main(["activity", "add", "--date", "2026-11-03", "--form", "trang-tin", "--locality", "ky-lac",
                 "--quantity", "2", "--description", "Tin hướng dẫn nộp hồ sơ trực tuyến",
                 "--item", "ii1-05-dich-vu-cong-truc-tuyen"], out=out) == 0
    assert out.getvalue() == "Đã ghi nhận hoạt động #1.\n"
    out = io.StringIO()
    assert main(["activity", "list", "--period", "2026-Q4", "--locality", "ky-lac"], out=out) == 0
    assert "#1\t03/11/2026\tky-lac\tTin, bài trên trang thông tin điện tử\t2 tin, bài" in out.getvalue()
    assert main(["activity", "remove", "1"], out=io.StringIO()) == 0
    out = io.StringIO()
    main(["activity", "list"], out=out)
    assert out.getvalue() == "0 hoạt động.\n"


# --- what is not outreach, or not a question --------------------------------------------------
def test_ask_without_log_adds_nothing_and_with_log_is_not_outreach(
        env: dict[str, str], monkeypatch: pytest.MonkeyPatch, core: Core) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    main(["ask", "đăng ký kết hôn", "--locality", "ky-lac"], out=io.StringIO())
    main(["ask", "--conversation", "-", "--locality", "ky-lac"], out=io.StringIO(),
         stdin=io.StringIO("đăng ký kết hôn\ncần giấy tờ gì\n"))
    assert core.store.count("interactions") == 0
    main(["ask", "giá vàng hôm nay", "--locality", "ky-lac", "--log"], out=io.StringIO())
    assert core.store.count("interactions") == 1
    r = report(core, f"{datetime.now(UTC).year}", "ky-lac")
    assert (r.total, r.questions, r.fallback, r.unanswered_top, r.by_channel) == (0, 0, 0, [], {})


def test_small_talk_is_an_interaction_but_never_an_unanswered_question(core: Core) -> None:
    ask(core, "đăng ký kết hôn cần gì", status="answered", topic="ho-tich")
    ask(core, "lam khai sinh", status="answered", topic="ho-tich")
    ask(core, "giá vàng hôm nay")
    for chatter in ("cam on nhe", "Cảm ơn bạn nhiều ạ!", "👍", "ok", "Kỳ Lạc"):
        ask(core, chatter)
    ask(core, "chào bạn", status="smalltalk")
    r = report(core, "2026-Q4", "ky-lac")
    assert (r.total, r.smalltalk, r.questions, r.answered, r.fallback) == (9, 6, 3, 2, 1)
    assert r.unanswered_top == [("giá vàng hôm nay", 1)]
    assert round(r.share(r.answered), 1) == 66.7  # answered share over questions only


# --- channels are the forms they really are ---------------------------------------------------
def test_web_chat_counts_as_social_network_not_posters_or_directives(core: Core) -> None:
    for i in range(4):
        ask(core, f"một cửa ở đâu {i}", channel="web", status="answered", topic="mot-cua")
    counts = {item.id: n for item, n in report(core, "2026-Q4", "ky-lac").by_item}
    assert counts["ii2-02-pano-niem-yet"] == 0  # "pano, áp phích … niêm yết tại điểm một cửa"
    assert counts["iv2-van-phong-tin-bai"] == 0  # "ban hành văn bản chỉ đạo … tin bài trên trang tin"
    assert counts["ii2-01-thong-tin-dai-chung"] == 4  # "… trang thông tin điện tử xã, mạng xã hội"


# --- Vietnam time -----------------------------------------------------------------------------
def test_dates_in_the_report_are_vietnam_dates(core: Core, tmp_path: Path) -> None:
    when = datetime(2026, 9, 30, 20, 30, tzinfo=UTC)  # 03:30 on 1/10/2026 in Vietnam
    core.store.upsert_contact("c1", "telegram", "501", "ky-lac")
    core.store.subscribe("c1", "thong-bao-chung")
    core.outbox.create(text="Thông báo", topic="thong-bao-chung", locality="ky-lac", created_by="t", due=when)
    core.outbox.start_due(when)
    ask(core, "giá vàng", day="2026-10-01")
    core.store.log_interaction(channel="zalo", user_key="n", locality="ky-lac", kind="question", text="x",
                               status="answered", entry_id="x", ts=when.isoformat())
    r = report(core, "2026-Q4", "ky-lac")
    assert len(r.broadcasts) == 1 and r.total == 2 and report(core, "2026-Q3", "ky-lac").total == 0
    write_report(r, "csv", tmp_path / "r.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "r.csv").read_text("utf-8-sig"))))
    assert any(row[:2] == ["#1", "01/10/2026"] for row in rows)


# --- formula injection ------------------------------------------------------------------------
DANGEROUS = ["=)) giá vàng hôm nay", "=1+1 bằng mấy", "+84 mã vùng nước ngoài", "@admin tuyển dụng công chức",
             "-5 độ ở Sa Pa", "\tthời tiết mai"]


def test_no_formula_in_the_xlsx_and_no_dangerous_csv_cell(core: Core, tmp_path: Path) -> None:
    for text in DANGEROUS:
        ask(core, text)
    record(core, day="2026-10-05", form="khac", locality="ky-lac", description='=HYPERLINK("http://x","y")')
    r = report(core, "2026-Q4", "ky-lac")
    assert {t for t, _ in r.unanswered_top} == set(DANGEROUS)
    write_report(r, "xlsx", tmp_path / "r.xlsx")
    write_report(r, "csv", tmp_path / "r.csv")
    wb = load_workbook(tmp_path / "r.xlsx")
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert {"=)) giá vàng hôm nay", "=1+1 bằng mấy", '=HYPERLINK("http://x","y")'} <= {c.value for c in cells}
    assert all(c.quotePrefix for c in cells if str(c.value).startswith(("=", "+", "-", "@", "\t")))
    rows = list(csv.reader(io.StringIO((tmp_path / "r.csv").read_text("utf-8-sig"))))
    assert not [v for row in rows for v in row if v[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert ["'=)) giá vàng hôm nay", "1"] in rows and ["'+84 mã vùng nước ngoài", "1"] in rows


# --- XLSX for aggregation ---------------------------------------------------------------------
def test_xlsx_numbers_are_numbers_shares_are_percent_and_pages_fit_a4(core: Core, tmp_path: Path) -> None:
    ask(core, "lam khai sinh", status="answered", topic="ho-tich")
    ask(core, "giá vàng")
    write_report(report(core, "2026-Q4", "ky-lac"), "xlsx", tmp_path / "r.xlsx")
    wb = load_workbook(tmp_path / "r.xlsx")
    summary = wb.worksheets[0]
    rows = {row[0].value: row for row in summary.iter_rows(min_row=4)}
    answered = rows["Trả lời được"]
    assert (answered[1].value, answered[2].value, answered[2].number_format) == (1, 0.5, "0.0%")
    for ws in wb.worksheets:
        assert int(ws.page_setup.paperSize) == 9 and int(ws.page_setup.fitToWidth) == 1  # 9: A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert all(ws.freeze_panes == "A4" for ws in wb.worksheets if ws.title != "Biểu đồ")
    assert wb.worksheets[-1].title == "Biểu đồ" and wb.worksheets[-1].row_breaks.count >= 2


def test_locality_all_gives_one_row_per_locality(core: Core, tmp_path: Path) -> None:
    ask(core, "lam khai sinh", status="answered", topic="ho-tich")
    ask(core, "đăng ký kết hôn", status="answered", topic="ho-tich", locality="dan-tien")
    write_report(report(core, "2026-Q4", "all"), "xlsx", tmp_path / "r.xlsx")
    sheets = load_workbook(tmp_path / "r.xlsx").worksheets
    ws = next(ws for ws in sheets if ws.title.endswith("Theo địa phương"))
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    codes = [row[0] for row in rows]
    assert codes == [c for c, loc in core.kb.localities.items() if not loc.example]
    totals = {row[0]: row[3] for row in rows}
    assert (totals["ky-lac"], totals["dan-tien"], totals["cho-don"]) == (1, 1, 0)


def test_report_yaml_is_checked_by_kb_check(kb_copy: Path, env: dict[str, str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    path = kb_copy / "report.yaml"
    path.write_text(path.read_text("utf-8").replace('  closing: "', '  closing_renamed: "'), "utf-8")
    out = io.StringIO()
    assert main(["kb", "check", str(kb_copy)], out=out) == 1
    assert "report.yaml" in out.getvalue() and "thiếu câu 'closing'" in out.getvalue()
    shutil.rmtree(kb_copy)


def test_recipients_are_the_plans_reporting_duty_or_the_localitys_own(core: Core) -> None:
    config = load_report_config(core.kb.root)
    plans = core.kb.plans
    assert config.recipients("ky-lac", plans["ke-hoach-ky-lac-2025"]) == ("Cấp trên (theo quy định)",)
    assert config.recipients("tam-nong", plans["ke-hoach-tam-nong-2025"]) == ("Phòng Nội vụ", "Sở Nội vụ")
    assert config.recipients("ham-tan", plans["ke-hoach-ham-tan-2022"]) == ()  # only its own units' duties
    assert config.recipients("vi-du", None) == ("Sở Nội vụ tỉnh Mẫu (ví dụ)",)
