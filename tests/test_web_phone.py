"""The web chat and the dashboard as a citizen and a commune officer use them on a 390 px phone
(Debian's headless Chromium driven by Playwright), and the dashboard's words: no code where a
person reads text. Screenshots are kept under build/ (CI artifacts)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.app import Core
from bot.knowledge.load import CHANNELS
from bot.messages import Incoming
from bot.storage.accounts import Accounts
from tests.fake_telegram import FakeTelegram
from tests.test_dashboard import CHROMIUM, PASSWORD, Server, login

PHONE = {"width": 390, "height": 844}
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is installed by .ci/run")


@pytest.fixture
def site(core: Core, fake: FakeTelegram) -> Iterator[str]:
    """A served app with a staff account and some activity of every kind."""
    Accounts(core.store).add("canbo", PASSWORD)
    d = core.dialogue
    for text, payload in (("/start", None), ("", "loc:ky-lac"), ("lam giay khai sinh o dau", None),
                          ("giá vàng hôm nay", None), ("", "cmd:dangky"), ("", "sub:dich-vu-cong"),
                          ("/gopy Hồ sơ của tôi trễ hẹn 5 ngày", None)):
        replies = d.handle(Incoming("telegram", "4242", text, payload, address="4242"))
    rate = next(c.payload for r in d.handle(Incoming("telegram", "4242", "đăng ký kết hôn cần gì",
                                                    address="4242")) for c in r.choices if c.is_rating)
    d.handle(Incoming("telegram", "4242", payload=rate, address="4242"))
    d.handle(Incoming("zalo", "z-1", "thủ tục kết hôn", address="z-1"))
    d.handle(Incoming("zalo", "z-1", "1", address="z-1"))
    assert replies
    week = datetime.now(UTC) + timedelta(days=3)
    core.outbox.create(text="Lịch tiếp công dân thứ Năm hằng tuần.", topic="lich-tiep-cong-dan",
                       locality="ky-lac", created_by="web:canbo", due=week, every="week")
    core.outbox.create(text="Đã dừng.", topic="thong-bao-chung", locality=None, created_by="cli", due=week)
    core.outbox.cancel(2)
    with Server(core, fake) as url:
        yield url


# --- no codes where a person reads text ---------------------------------------------------------
class TextOnly(HTMLParser):
    """The text a person reads on a page: no tags, attributes, styles or the draft YAML."""

    SKIP = frozenset({"style", "script", "textarea"})

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.skipping += tag in self.SKIP

    def handle_endtag(self, tag: str) -> None:
        self.skipping -= tag in self.SKIP

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def read_text(html: str) -> str:
    parser = TextOnly()
    parser.feed(html)
    return " ".join(parser.parts)


def known_codes(core: Core) -> set[str]:
    kb = core.kb
    return {*kb.localities, *kb.topics, *kb.announcements, *(c for c in CHANNELS if c != "web"),
            "answered", "suggest", "fallback", "question", "choice", "command", "feedback",
            "scheduled", "sending", "done", "cancelled", "undeliverable", "no_channel", "no_recipients",
            "week", "answered-not-delivered"}


def test_no_dashboard_page_shows_a_code_where_a_person_reads_text(core: Core, site: str) -> None:
    codes = known_codes(core)
    pattern = re.compile(r"(?<![\w/-])(" + "|".join(sorted(map(re.escape, codes), key=len, reverse=True))
                         + r")(?![\w-])")
    with httpx.Client(base_url=site, follow_redirects=True) as c:
        token = login(c)
        c.post("/admin/feedback/1/reply", data={"csrf": token, "reply": "Đã chuyển bộ phận một cửa."})
        pages = ["/admin", "/admin/log", "/admin/log?channel=zalo", "/admin/unanswered", "/admin/feedback",
                 "/admin/broadcasts", "/admin/reports"]
        texts = {page: read_text(c.get(page).text) for page in pages}
    found = {page: sorted(set(pattern.findall(text))) for page, text in texts.items()}
    assert found == {page: [] for page in pages}
    assert "Xã Kỳ Lạc" in texts["/admin/log"] and "Trả lời được" in texts["/admin/log"]
    assert "Lặp lại hằng tuần" in texts["/admin/broadcasts"] and "Đã dừng" in texts["/admin/broadcasts"]


def test_percentages_are_written_the_vietnamese_way(site: str) -> None:
    with httpx.Client(base_url=site, follow_redirects=True) as c:
        login(c)
        overview = read_text(c.get("/admin").text)
    assert re.search(r"trả lời được \d+,\d\u00a0%", overview)
    assert not re.search(r"\d\.\d%", overview)


def test_a_bad_report_period_gets_a_utf8_page_with_a_way_back(site: str) -> None:
    with httpx.Client(base_url=site, follow_redirects=True) as c:
        login(c)
        r = c.get("/admin/reports/download", params={"period": "quy 4 2026", "format": "docx"})
    assert r.status_code == 400
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert "kỳ báo cáo 'quy 4 2026' không hợp lệ" in read_text(r.text)
    assert 'id="back" href="/admin/reports"' in r.text


def test_the_first_run_login_page_says_how_to_create_the_first_account(core: Core, site: str) -> None:
    assert "Chưa có tài khoản cán bộ" not in httpx.get(site + "/admin/login").text
    Accounts(core.store).remove("canbo")
    page = httpx.get(site + "/admin/login").text
    assert "Chưa có tài khoản cán bộ nào" in page and "cchc-bot staff add" in page


def test_an_empty_chart_says_so_and_counts_are_whole_numbers(core: Core, site: str) -> None:
    with httpx.Client(base_url=site, follow_redirects=True) as c:
        login(c)
        svgs = re.findall(r"<svg.*?</svg>", c.get("/admin").text, re.S)
    rating = next(s for s in svgs if "Đánh giá câu trả lời" in s)
    assert "Chưa có dữ liệu" not in rating  # one answer was rated in the fixture
    ticks = [t for s in svgs for t in re.findall(r">(-?\d+(?:[.,]\d+)?)</text>", s)]
    assert ticks and all(re.fullmatch(r"\d+", t) for t in ticks)


def test_a_web_feedback_reply_is_shown_when_the_citizen_comes_back(site: str) -> None:
    with httpx.Client(base_url=site, follow_redirects=True) as citizen, \
            httpx.Client(base_url=site, follow_redirects=True) as staff:
        token = re.search(r'name="csrf" value="([^"]+)"', citizen.get("/").text).group(1)  # type: ignore[union-attr]
        citizen.post("/chat", data={"csrf": token, "text": "/gopy Trang web không mở được"})
        staff_token = login(staff)
        inbox = staff.get("/admin/feedback").text
        number = re.findall(r"GY-(\d{6})", inbox)[0]
        note = staff.post(f"/admin/feedback/{int(number)}/reply",
                          data={"csrf": staff_token, "reply": "Đã sửa, mời bạn thử lại."}).text
        assert "chờ người dân mở lại trò chuyện" in read_text(note)
        back = citizen.get("/", follow_redirects=False)
        assert back.status_code == 303 and re.fullmatch(r"/\?at=(\d+)#m\1", back.headers["location"])
        page = citizen.get(back.headers["location"]).text
        assert f"Trả lời góp ý GY-{number}:" in page and "Đã sửa, mời bạn thử lại." in page
        assert "Đã trả lời" in read_text(staff.get("/admin/feedback").text)


# --- in a real browser, on a phone ---------------------------------------------------------------
def no_horizontal_scroll(page: Any) -> bool:
    """Nothing wider than the phone (a mobile browser would widen its layout viewport to fit)."""
    width = page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth,"
                          " window.innerWidth)")
    return bool(width <= PHONE["width"])


def top_in_view(page: Any, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + 20 <= PHONE["height"]


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield chromium
        chromium.close()


def phone(browser: Any, javascript: bool = True) -> Any:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                  java_script_enabled=javascript)
    return context.new_page()


def send(page: Any, text: str) -> None:
    page.fill("#ask input[name=text]", text)
    page.click("#ask button[type=submit]")
    page.wait_for_load_state()


@pytest.mark.slow
@needs_chromium
def test_a_citizen_on_a_phone_asks_follows_a_choice_and_gets_a_reply_to_feedback(
        core: Core, site: str, browser: Any, screenshots: Path) -> None:
    from playwright.sync_api import expect

    page = phone(browser, javascript=False)  # the web chat needs no JavaScript
    page.goto(site + "/")
    expect(page.get_by_role("button", name="Xã Kỳ Lạc")).to_be_visible()
    assert no_horizontal_scroll(page)

    queued = core.store.count("unanswered")
    send(page, "phuong ben nghe")  # a commune not served yet: said so, nothing queued
    expect(page.locator(".msg.new")).to_contain_text("Trợ lý chưa phục vụ riêng phuong ben nghe")
    assert core.store.count("unanswered") == queued

    send(page, "đăng ký kết hôn cần những gì")
    answer = page.locator(".msg.new")
    expect(answer).to_contain_text("kết hôn")
    assert top_in_view(page, ".msg.new"), "the answer's first line is off screen"
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(screenshots / "phone-chat-answer.png"))
    labels = answer.locator("button").all_inner_texts()
    assert "Hữu ích" in labels and "Chưa hữu ích" in labels  # text, no emoji font needed

    follow = next(label for label in labels if label not in ("Hữu ích", "Chưa hữu ích"))
    answer.get_by_role("button", name=follow, exact=True).click()
    page.wait_for_load_state()
    assert top_in_view(page, ".msg.new")
    page.locator(".msg.new").get_by_role("button", name="Hữu ích", exact=True).click()
    expect(page.locator(".msg.new")).to_contain_text("Cảm ơn bạn đã đánh giá")

    send(page, "/hotline")
    assert page.locator('.msg.new a[href="tel:18001096"]').count() == 1
    send(page, "/menu")
    assert "Đăng ký nhận thông báo" not in page.locator(".msg.new button").all_inner_texts()

    send(page, "/gopy")
    send(page, "Trang web của xã không mở được mục thủ tục.")
    expect(page.locator(".msg.new")).to_contain_text("số tham chiếu GY-")

    staff = phone(browser)
    staff.goto(site + "/admin/login?next=/admin/feedback")
    staff.fill("input[name=username]", "canbo")
    staff.fill("input[name=password]", PASSWORD)
    staff.click("button[type=submit]")
    row = staff.locator("#feedback tr", has_text="không mở được mục thủ tục")
    row.locator("textarea").fill("Xã đã sửa trang, mời bạn thử lại.")
    row.get_by_role("button", name="Gửi trả lời").click()
    expect(staff.get_by_role("status")).to_contain_text("người dân sẽ thấy khi mở lại trò chuyện")
    expect(staff.locator("#feedback tr", has_text="không mở được mục thủ tục")).to_contain_text(
        "chờ người dân mở lại trò chuyện")

    page.reload()
    expect(page.locator(".msg.new")).to_contain_text("Xã đã sửa trang, mời bạn thử lại.")
    assert top_in_view(page, ".msg.new")
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(screenshots / "phone-chat-feedback-reply.png"))
    staff.reload()
    expect(staff.locator("#feedback tr", has_text="không mở được mục thủ tục")).to_contain_text("Đã trả lời")
    page.reload()
    assert page.get_by_text("Xã đã sửa trang").count() == 1  # shown once, not on every visit


@pytest.mark.slow
@needs_chromium
def test_an_officer_reads_the_log_and_the_charts_on_a_phone(
        core: Core, site: str, browser: Any, screenshots: Path) -> None:
    from playwright.sync_api import expect

    page = phone(browser)
    page.goto(site + "/admin/login?next=/admin")
    expect(page.locator("#first-run")).to_have_count(0)
    page.fill("input[name=username]", "canbo")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.get_by_text("Tổng quan 30 ngày qua")).to_be_visible()
    assert no_horizontal_scroll(page)
    sizes = page.evaluate("""() => [...document.querySelectorAll('.chart svg')].flatMap(svg => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
    })""")
    assert sizes and min(sizes) >= 11, f"chart labels of {min(sizes):.1f} px"
    page.screenshot(path=str(screenshots / "phone-overview.png"), full_page=True)

    page.goto(site + "/admin/log")
    assert no_horizontal_scroll(page)
    page.select_option("select[name=channel]", "zalo")
    page.click("#filters button[type=submit]")
    cards = page.locator("#log tbody tr").all_inner_texts()
    assert cards and all("\nZalo\n" in card for card in cards)  # one card per row, one line per cell
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(screenshots / "phone-log.png"), full_page=True)

    for path in ("/admin/unanswered", "/admin/feedback", "/admin/broadcasts", "/admin/reports"):
        page.goto(site + path)
        assert no_horizontal_scroll(page), path
