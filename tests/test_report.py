"""Report figures on a store seeded with known interactions and broadcasts across two quarters."""

from __future__ import annotations

import csv
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from bot.app import Core
from bot.errors import InputError
from bot.reports.config import load_report_config
from bot.reports.data import ReportData, build_report, parse_period
from bot.reports.render import write_report
from bot.reports.tables import tables
from bot.storage.queries import Queries


def at(day: str, hour: int = 10) -> str:
    """A Vietnam-time moment as the UTC timestamp the store keeps."""
    return datetime.fromisoformat(f"{day}T{hour - 7:02d}:00:00+00:00").astimezone(UTC).isoformat()


def seed(core: Core) -> None:
    s = core.store
    log = s.log_interaction
    q3 = [  # (day, channel, kind, status, topic, text)
        ("2025-07-02", "telegram", "question", "answered", "dvc", "nộp hồ sơ online"),
        ("2025-07-03", "telegram", "question", "answered", "dvc", "thanh toán trực tuyến"),
        ("2025-07-10", "zalo", "question", "answered", "ho-tich", "khai sinh"),
        ("2025-08-01", "zalo", "question", "suggest", None, "giấy tờ"),
        ("2025-08-15", "telegram", "question", "fallback", None, "giá vàng"),
        ("2025-09-01", "zalo", "question", "fallback", None, "gia vang hom nay"),
        ("2025-09-02", "zalo", "question", "fallback", None, "đăng ký xe máy"),
        ("2025-09-03", "telegram", "choice", "answered", "dvc", "Cổng dịch vụ công"),
        ("2025-09-04", "telegram", "command", None, None, "/start"),
        ("2025-09-30", "zalo", "question", "answered", "buu-chinh", "bưu điện"),
    ]
    ids = [log(channel=c, user_key=f"u{i}", locality="ham-tan", kind=k, text=t, status=st,
               entry_id="x" if st == "answered" else None, topic=tp, ts=at(d))
           for i, (d, c, k, st, tp, t) in enumerate(q3)]
    s.rate(ids[0], "u0", 1)
    s.rate(ids[1], "u1", 1)
    s.rate(ids[2], "u2", -1)
    # another locality in Q3, and Q4 activity: neither may leak into the Q3 Hàm Tân report
    log(channel="zalo", user_key="x", locality="ky-lac", kind="question", text="a", status="answered",
        entry_id="x", topic="dvc", ts=at("2025-08-01"))
    log(channel="telegram", user_key="y", locality="ham-tan", kind="question", text="b",
        status="answered", entry_id="x", topic="dvc", ts=at("2025-10-01", 8))
    log(channel="telegram", user_key="y", locality="ham-tan", kind="question", text="c",
        status="answered", entry_id="x", topic="dvc", ts=at("2025-06-30", 23))
    for i in range(4):
        s.upsert_contact(f"c{i}", "telegram", str(500 + i), "ham-tan")
        s.subscribe(f"c{i}", "thong-bao-chung")
    for day in ("2025-07-07", "2025-08-04", "2025-11-03"):
        when = datetime.fromisoformat(at(day))
        core.outbox.create(text=f"Thông báo {day}", topic="thong-bao-chung", locality="ham-tan",
                                 created_by="t", due=when)
        core.outbox.start_due(when)
        for d in core.outbox.claim("telegram", 10, when):
            core.outbox.finish(d.id, "blocked" if d.address == "503" else "sent")


@pytest.fixture
def q3(core: Core) -> ReportData:
    seed(core)
    return build_report(core.kb, Queries(core.store), core.engine.norm, parse_period("2025-Q3"), "ham-tan")


def test_totals_by_channel_and_topic(q3: ReportData) -> None:
    assert q3.total == 10
    assert q3.by_channel == {"zalo": 5, "telegram": 5}
    assert q3.by_topic == {"Dịch vụ công trực tuyến": 3, "Hộ tịch (khai sinh, kết hôn, khai tử…)": 1,
                           "Dịch vụ bưu chính công ích": 1}


def test_answered_suggested_fallback_shares(q3: ReportData) -> None:
    assert (q3.questions, q3.answered, q3.suggested, q3.fallback) == (8, 4, 1, 3)
    assert q3.share(q3.answered) == 50.0 and q3.share(q3.fallback) == 37.5


def test_satisfaction_is_the_share_of_thumbs_up_among_rated_answers(q3: ReportData) -> None:
    assert (q3.rated, q3.positive) == (3, 2)
    assert q3.satisfaction == pytest.approx(66.666, abs=0.01)


def test_frequent_unanswered_questions_are_grouped(q3: ReportData) -> None:
    assert q3.unanswered_top == [("giá vàng", 2), ("đăng ký xe máy", 1)]


def test_broadcasts_with_reach_and_quota_progress(q3: ReportData) -> None:
    # the recipient who blocked the bot in July is no longer sent to in August
    assert [(b["sent"], b["blocked"]) for b in q3.broadcasts] == [(3, 1), (3, 0)]
    by_text = {q.quota.text: q for q in q3.quotas}
    # "02 tin/bài/quý … trên Trang thông tin điện tử": Zalo/Telegram broadcasts are not website posts
    commune = next(q for t, q in by_text.items() if t.startswith("UBND cấp xã"))
    assert (commune.forms, commune.required, commune.achieved, commune.met) == (("trang-tin",), 2, 0, False)
    radio = next(q for q in q3.quotas if q.quota.per == "week")  # "mỗi tuần ít nhất một lần"
    assert (radio.forms, radio.required, radio.achieved) == (("phat-thanh",), 13, 0)


def test_plan_items_get_the_activity_the_mapping_assigns(q3: ReportData) -> None:
    counts = {item.id: n for item, n in q3.by_item}
    assert max(counts.values()) > 0
    online = [item for item, _ in q3.by_item if "trực tuyến" in item.content.lower()]
    by_bot = [i for i in online if not i.forms]  # content items: the bot is one of their forms
    assert by_bot and all(counts[i.id] >= 3 for i in by_bot)  # the 3 online-services interactions
    desk = next(i for i in online if i.id == "iv3a-huong-dan-dvc-truc-tuyen")
    assert desk.forms == ("Hướng dẫn trực tiếp tại Bộ phận Một cửa huyện",) and counts[desk.id] == 0


def test_weekly_series_covers_the_period(q3: ReportData) -> None:
    assert sum(n for _, n in q3.per_week) == 10
    assert q3.per_week[0][0].isoformat() == "2025-06-30"  # the Monday of the week of 1/7


@pytest.mark.parametrize(("code", "label", "months"), [
    ("2025-Q3", "quý III năm 2025", 3), ("2025-H1", "6 tháng đầu năm 2025", 6),
    ("2025-9M", "9 tháng năm 2025", 9), ("2025", "năm 2025", 12), ("2025-q4", "quý IV năm 2025", 3),
])
def test_periods(code: str, label: str, months: int) -> None:
    period = parse_period(code)
    assert (period.label, period.months) == (label, months)


def test_a_bad_period_is_explained() -> None:
    with pytest.raises(InputError, match="kỳ báo cáo '2025-Q5' không hợp lệ"):
        parse_period("2025-Q5")


def test_year_report_adds_up_both_quarters(core: Core) -> None:
    seed(core)
    year = build_report(core.kb, Queries(core.store), core.engine.norm, parse_period("2025"), "ham-tan")
    assert year.total == 12 and len(year.broadcasts) == 3
    commune = next(q for q in year.quotas if q.quota.text.startswith("UBND cấp xã"))
    assert (commune.required, commune.achieved) == (8, 0)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "docx"])
def test_files_have_the_official_heading_and_charts(q3: ReportData, fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"bao-cao.{fmt}"
    write_report(q3, fmt, path)
    heading = "Báo cáo kết quả công tác tuyên truyền cải cách hành chính Huyện Hàm Tân quý III năm 2025"
    if fmt == "csv":
        with path.open(encoding="utf-8-sig") as fh:
            rows = list(csv.reader(fh))
        assert rows[0] == [heading]
        assert ["Kỳ báo cáo", "01/07/2025 – 30/09/2025"] in rows
    elif fmt == "xlsx":
        wb = load_workbook(path)
        assert wb.worksheets[0]["A1"].value == heading
        assert len(wb["Biểu đồ"]._charts) == 3  # native charts: per week, by topic, by channel
    else:
        doc = Document(str(path))
        assert doc.paragraphs[1].text == "Kết quả công tác tuyên truyền cải cách hành chính quý III năm 2025"
        assert len([n for n in zipfile.ZipFile(path).namelist() if n.startswith("word/media/")]) == 2


def test_a_broadcast_nobody_could_receive_is_not_counted_as_sent(core: Core) -> None:
    seed(core)
    when = datetime.fromisoformat(at("2025-09-15"))
    core.outbox.create(text="Không ai nhận được", topic="thong-bao-chung", locality="ham-tan",
                       created_by="t", due=when)
    assert core.outbox.start_due(when, senders=set()) != []  # no channel runs: undeliverable
    r = build_report(core.kb, Queries(core.store), core.engine.norm, parse_period("2025-Q3"), "ham-tan")
    assert (len(r.broadcasts), r.delivered, r.undeliverable, r.reach) == (3, 2, 1, 6)
    summary = next(t for t in tables(r, load_report_config(core.kb.root)) if "Tổng hợp" in t.title)
    rows = {row[0]: row[1] for row in summary.rows}
    assert rows["Số thông báo đã gửi"] == 2
    assert rows["Thông báo không gửi được (không có kênh hoặc người nhận)"] == 1
