"""The staff dashboard and the web chat on a real uvicorn server: access control and CSRF over
HTTP, and a staff member's whole round in Debian's headless Chromium driven by Playwright."""

from __future__ import annotations

import asyncio
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from telegram import Bot

from bot.app import Core
from bot.broadcast.delivery import Broadcaster, RateLimit
from bot.messages import Incoming
from bot.storage.accounts import Accounts
from handlers.telegram_send import make_sender
from handlers.web import create_app
from tests.fake_telegram import TOKEN, FakeTelegram

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
PASSWORD = "mat-khau-can-bo-2026"
CITIZEN = "424242"
ADMIN_PAGES = ["/admin", "/admin/log", "/admin/unanswered", "/admin/feedback", "/admin/broadcasts",
               "/admin/reports", "/admin/reports/download?period=2026-Q4&format=csv", "/admin/activities"]


class Server:
    """uvicorn serving the app in a background thread, on a free port of 127.0.0.1."""

    def __init__(self, core: Core, fake: FakeTelegram) -> None:
        bot = Bot(TOKEN, base_url=f"{fake.url}/bot")
        engine = Broadcaster(core.outbox, {"telegram": make_sender(bot)},
                             {"telegram": RateLimit(per_second=100)}, idle=0.1)
        app = create_app(core, broadcaster=engine)
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        while not self.server.started:
            time.sleep(0.02)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture
def site(core: Core, fake: FakeTelegram) -> Iterator[str]:
    Accounts(core.store).add("canbo", PASSWORD)
    d = core.dialogue
    for text in ("/start",):
        d.handle(Incoming("telegram", CITIZEN, text, address=CITIZEN))
    d.handle(Incoming("telegram", CITIZEN, payload="loc:ky-lac", address=CITIZEN))
    for q in ("lam giay khai sinh o dau", "giá vàng hôm nay", "gia vang hom nay the nao",
              "đăng ký xe máy ở đâu"):
        d.handle(Incoming("telegram", CITIZEN, q, address=CITIZEN))
    d.handle(Incoming("zalo", "z-1", "thủ tục kết hôn", address="z-1"))
    d.handle(Incoming("telegram", CITIZEN, "/gopy Hồ sơ của tôi trễ hẹn 5 ngày", address=CITIZEN))
    with Server(core, fake) as url:
        yield url


def login(client: httpx.Client) -> str:
    page = client.get("/admin/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    r = client.post("/admin/login", data={"csrf": token, "username": "canbo", "password": PASSWORD,
                                          "next": "/admin"})
    landed = r.headers.get("location", "") if r.status_code == 303 else str(r.url)
    assert "/admin/login" not in landed
    return re.search(r'name="csrf" value="([^"]+)"', client.get("/admin").text).group(1)  # type: ignore[union-attr]


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_every_admin_page_redirects_to_login_without_a_session(site: str, path: str) -> None:
    r = httpx.get(site + path)
    assert r.status_code == 303 and r.headers["location"].startswith("/admin/login")


def test_session_cookie_is_httponly_and_samesite(site: str) -> None:
    with httpx.Client(base_url=site) as c:
        page = c.get("/admin/login")
        token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        r = c.post("/admin/login", data={"csrf": token, "username": "canbo", "password": PASSWORD})
        cookie = r.headers["set-cookie"].lower()
        assert "cchc_session=" in cookie and "httponly" in cookie and "samesite=strict" in cookie


@pytest.mark.parametrize(("path", "data"), [
    ("/admin/broadcasts", {"text": "x", "topic": "thong-bao-chung", "action": "send"}),
    ("/admin/feedback/1/reply", {"reply": "x"}),
    ("/admin/unanswered/handled", {"id": "1"}),
    ("/admin/activities", {"day": "2026-10-05", "form": "phat-thanh", "locality": "ky-lac",
                           "description": "x", "quantity": "1"}),
])
def test_a_form_post_without_the_csrf_token_is_refused(core: Core, site: str, path: str,
                                                       data: dict[str, str]) -> None:
    with httpx.Client(base_url=site) as c:
        login(c)
        assert c.post(path, data=data).status_code == 403
        assert c.post(path, data={**data, "csrf": "forged"}).status_code == 403
    assert core.outbox.list() == []
    assert core.store.feedback_item(1)["reply"] is None  # type: ignore[index]
    assert core.store.count("activities") == 0


def test_login_without_the_form_token_is_refused(site: str) -> None:
    r = httpx.post(site + "/admin/login", data={"username": "canbo", "password": PASSWORD})
    assert r.status_code == 403


def test_failed_logins_are_rate_limited(site: str) -> None:
    with httpx.Client(base_url=site) as c:
        token = re.search(r'name="csrf" value="([^"]+)"',  # type: ignore[union-attr]
                          c.get("/admin/login").text).group(1)
        wrong = {"csrf": token, "username": "canbo", "password": "sai"}
        codes = [c.post("/admin/login", data=wrong).status_code for _ in range(6)]
        assert codes == [303] * 5 + [429]
        right = c.post("/admin/login", data={"csrf": token, "username": "canbo", "password": PASSWORD})
        assert right.status_code == 429  # still locked out for a while, even with the right password


def test_log_pages_by_keyset_and_filters(core: Core, site: str) -> None:
    for i in range(120):
        core.store.log_interaction(channel="zalo" if i % 2 else "telegram", user_key="k", locality="ky-lac",
                                   kind="question", text=f"câu hỏi số {i}", status="answered")
    with httpx.Client(base_url=site, follow_redirects=True) as c:
        login(c)
        first = c.get("/admin/log", params={"channel": "zalo"}).text
        assert "câu hỏi số 119" in first and "câu hỏi số 118" not in first
        nxt = re.search(r'id="next-page" href="([^"]+)"', first).group(1).replace("&amp;", "&")  # type: ignore[union-attr]
        second = c.get(nxt).text
        assert "câu hỏi số 19<" in second and "câu hỏi số 21<" not in second
        found = c.get("/admin/log", params={"q": "số 7"}).text
        assert "câu hỏi số 7<" in found and "câu hỏi số 70" in found


def test_public_web_chat_uses_the_dialogue_and_logs_channel_web(core: Core, site: str) -> None:
    with httpx.Client(base_url=site, follow_redirects=True) as c:
        page = c.get("/")
        assert "Trợ lý cải cách hành chính" in page.text
        token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        answer = c.post("/chat", data={"csrf": token, "text": "đăng ký kết hôn cần gì"}).text
        assert "Đăng ký kết hôn" in answer
        assert c.post("/chat", data={"text": "x"}).status_code == 200  # no token: nothing handled
    rows = core.store.db["interactions"].rows_where("text = ?", ["đăng ký kết hôn cần gì"])
    channels = [r["channel"] for r in rows]
    assert channels == ["web"]


def test_staff_record_an_activity_and_the_report_counts_it(core: Core, site: str) -> None:
    with httpx.Client(base_url=site, follow_redirects=True) as c:
        csrf = login(c)
        page = c.post("/admin/activities", data={
            "csrf": csrf, "day": "2026-10-05", "form": "phat-thanh", "locality": "ky-lac", "quantity": "4",
            "plan_item": "iv1-chuyen-muc-truyen-thanh-trang-tin", "participants": "",
            "description": "Chuyên mục CCHC trên Đài truyền thanh xã", "evidence": ""}).text
        assert "Đã ghi nhận hoạt động #1" in page and "Chuyên mục CCHC trên Đài truyền thanh xã" in page
        refused = c.post("/admin/activities", data={"csrf": csrf, "day": "hôm qua", "form": "phat-thanh",
                                                    "locality": "ky-lac", "description": "y"}).text
        assert "YYYY-MM-DD" in refused and core.store.count("activities") == 1
        csv_text = c.get("/admin/reports/download", params={"period": "2026-Q4", "locality": "ky-lac",
                                                            "format": "csv"}).text
        assert "Chuyên mục CCHC trên Đài truyền thanh xã,4,buổi phát thanh" in csv_text
        assert "Đã xóa hoạt động #1" in c.post("/admin/activities/1/remove", data={"csrf": csrf}).text
    assert core.store.count("activities") == 0


# --- in a real browser -------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is installed by .ci/run")
def test_a_staff_members_round_in_headless_chromium(core: Core, site: str, fake: FakeTelegram,
                                                   tmp_path: Path, screenshots: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
        page.goto(site + "/admin/log")
        assert "/admin/login" in page.url
        page.fill("input[name=username]", "canbo")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(r"/admin/log"))

        page.goto(site + "/admin")
        expect(page.get_by_text("Tổng quan 30 ngày qua")).to_be_visible()
        page.screenshot(path=str(screenshots / "overview.png"), full_page=True)

        page.goto(site + "/admin/log")
        page.select_option("select[name=channel]", "zalo")
        page.click("#filters button[type=submit]")
        rows = page.locator("#log tr").all_inner_texts()[1:]
        assert rows and all("\tZalo\t" in r for r in rows)

        page.goto(site + "/admin/unanswered")
        groups = page.locator("#unanswered tr").all_inner_texts()[1:]
        assert any("giá vàng" in g and "\t2\t" in g for g in groups)
        group = page.locator("#unanswered tr", has_text="giá vàng")
        group.get_by_role("button", name="Soạn mục tri thức").click()
        assert "gia vang hom nay the nao" in page.locator("#draft").input_value()
        group.get_by_role("button", name="Đã xử lý").click()
        expect(page.get_by_role("status")).to_contain_text("Đã đánh dấu 2 câu hỏi")

        page.goto(site + "/admin/feedback")
        reply = "Xã đã liên hệ bộ phận một cửa, hồ sơ trả trong tuần này."
        page.locator("#feedback textarea").first.fill(reply)
        page.locator("#feedback button").first.click()
        expect(page.get_by_role("status")).to_contain_text("Đã gửi trả lời tới người dân")
        replies = [p for p in fake.sent() if str(p["chat_id"]) == CITIZEN]
        assert replies and "hồ sơ trả trong tuần này" in replies[-1]["text"]

        page.goto(site + "/admin/reports")
        page.fill("input[name=period]", "2026-Q4")
        page.select_option("select[name=format]", "docx")
        with page.expect_download() as download:
            page.click("#report button")
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        assert saved.name.endswith(".docx") and saved.stat().st_size > 5000

        page.goto(site + "/admin/broadcasts")
        page.fill("textarea[name=text]", "Thứ Bảy này Trung tâm phục vụ hành chính công làm việc buổi sáng.")
        page.select_option("select[name=locality]", "ky-lac")
        page.get_by_role("button", name="Xem trước số người nhận").click()
        expect(page.locator("#preview")).to_contain_text("Số người nhận hiện tại: 1")
        page.get_by_role("button", name="Xếp lịch gửi").click()
        expect(page.get_by_role("status")).to_contain_text("Đã xếp thông báo #1 tới 1 người")
        browser.close()
    deadline = time.monotonic() + 10
    while not any("làm việc buổi sáng" in p["text"] for p in fake.sent()):
        assert time.monotonic() < deadline, "the broadcast was not delivered"
        time.sleep(0.1)
    assert (screenshots / "overview.png").stat().st_size > 10_000
    asyncio.run(asyncio.sleep(0))


def test_an_undeliverable_broadcast_is_not_shown_as_sent(core: Core, site: str) -> None:
    bid = core.outbox.create(text="Nghỉ làm việc chiều thứ Sáu", topic="thong-bao-chung",
                             locality="ky-lac", created_by="t", channels=["zalo"])
    assert core.outbox.start_due(senders=set()) == [bid]  # nothing sends on Zalo here
    assert core.outbox.status(bid)["status"] == "undeliverable"  # type: ignore[index]
    with httpx.Client(base_url=site, follow_redirects=True) as c:
        login(c)
        overview = c.get("/admin").text
        assert "<b>Thông báo đã gửi:</b> 0 — <b>không gửi được:</b> 1" in overview


@pytest.mark.parametrize("path", ["/admin/log", "/admin/broadcasts"])
def test_locality_filters_leave_out_districts_and_the_example(site: str, path: str) -> None:
    with httpx.Client(base_url=site, follow_redirects=True) as c:
        login(c)
        page = c.get(path).text
        assert "Kỳ Lạc" in page or "ky-lac" in page
        assert "Huyện" not in page and "Xã Mẫu (ví dụ)" not in page
