"""The web server as an attacker and an auditor try it: no secret in any response, security
headers, page views that store nothing, rate limits, an atomic login lock, 400 (never 500) for
malformed input, reports that render any stored text, no temporary file left behind."""

from __future__ import annotations

import asyncio
import io
import re
import secrets
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
import pytest
from openpyxl import load_workbook

from bot.app import Core, build_core
from bot.config import load_settings
from bot.storage.accounts import Accounts
from handlers.web import create_app
from handlers.web_chat import PER_ADDRESS, PER_VISITOR
from tests.serving import served

PASSWORD = "mat-khau-can-bo-2026"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
Scenario = Callable[[httpx.AsyncClient], Awaitable[None]]


def run(core: Core, scenario: Scenario) -> None:
    async def main() -> None:
        async with served(create_app(core)) as client:
            await scenario(client)
    asyncio.run(main())


async def login(client: httpx.AsyncClient) -> str:
    token = CSRF.search((await client.get("/admin/login")).text).group(1)  # type: ignore[union-attr]
    r = await client.post("/admin/login", data={"csrf": token, "username": "canbo", "password": PASSWORD})
    assert r.headers["location"] == "/admin"
    return CSRF.search((await client.get("/admin")).text).group(1)  # type: ignore[union-attr]


async def chat_token(client: httpx.AsyncClient) -> str:
    return CSRF.search((await client.get("/")).text).group(1)  # type: ignore[union-attr]


def pieces(secret: bytes, size: int = 8) -> set[str]:
    forms = (secret.decode("latin-1"), secret.hex())
    return {f[i:i + size] for f in forms for i in range(len(f) - size + 1)}


def test_no_response_reveals_any_part_of_the_secret(env: dict[str, str]) -> None:
    core = build_core(load_settings({**env, "CCHC_SECRET": secrets.token_urlsafe(32)}))
    Accounts(core.store).add("canbo", PASSWORD)
    seen: list[str] = []

    async def scenario(client: httpx.AsyncClient) -> None:
        async def keep(r: httpx.Response) -> None:
            seen.append(f"{r.headers}\n{r.text}")
        client.event_hooks["response"] = [lambda r: r.aread(), keep]
        token = await chat_token(client)
        await client.post("/chat", data={"csrf": token, "text": "thủ tục khai sinh"}, follow_redirects=True)
        await login(client)
        for path in ("/admin", "/admin/log", "/admin/unanswered", "/admin/feedback", "/admin/broadcasts",
                     "/admin/reports", "/admin/reports/download?period=2026-Q4&format=csv", "/healthz"):
            await client.get(path)

    run(core, scenario)
    leaked = [p for p in pieces(core.settings.secret) if any(p in page for page in seen)]
    assert len(seen) > 10 and leaked == []
    core.close()


def test_every_response_carries_the_security_headers(core: Core) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        for path in ("/", "/admin/login", "/healthz", "/admin", "/nowhere"):
            h = (await client.get(path)).headers
            assert "script-src" not in h["content-security-policy"]  # no script allowed at all
            assert "default-src 'none'" in h["content-security-policy"]
            assert "frame-ancestors 'none'" in h["content-security-policy"]
            assert (h["x-frame-options"], h["x-content-type-options"], h["referrer-policy"]) == \
                ("DENY", "nosniff", "no-referrer")
    run(core, scenario)


def test_opening_the_page_stores_nothing_only_a_sent_message_counts(core: Core) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        async with httpx.AsyncClient(base_url=str(client.base_url)) as stranger:
            for _ in range(300):
                stranger.cookies.clear()  # a new visitor each time: no cookie
                assert "Trợ lý" in (await stranger.get("/")).text
        assert core.store.count("interactions") == 0 and core.store.count("sessions") == 0
        token = await chat_token(client)
        r = await client.post("/chat", data={"csrf": token, "text": "làm giấy khai sinh ở đâu"},
                              follow_redirects=True)
        assert "khai sinh" in r.text and "Trợ lý cải cách hành chính" in r.text  # greeting kept
        assert core.store.count("interactions") == 1
    run(core, scenario)


def test_messages_beyond_the_visitor_limit_get_a_polite_answer_and_are_not_stored(core: Core) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        token = await chat_token(client)
        for i in range(PER_VISITOR[0] + 5):
            r = await client.post("/chat", data={"csrf": token, "text": f"câu hỏi số {i} về khai sinh"},
                                  follow_redirects=True)
        assert "Bạn đang gửi tin nhắn hơi nhanh" in r.text
        assert core.store.count("interactions", "kind = 'question'") == PER_VISITOR[0]
    run(core, scenario)


def test_a_citizen_tapping_thirty_choices_in_a_minute_gets_every_answer(core: Core) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        token = await chat_token(client)
        for i in range(30):
            payload = "menu:procedures" if i % 2 else "cmd:menu"
            r = await client.post("/chat", data={"csrf": token, "payload": payload, "label": "Chọn"},
                                  follow_redirects=True)
            assert "Bạn đang gửi tin nhắn hơi nhanh" not in r.text
            assert "Thủ tục hành chính" in r.text
    run(core, scenario)


def test_messages_beyond_the_address_limit_are_not_stored(core: Core) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        base = str(client.base_url)
        async with httpx.AsyncClient(base_url=base) as visitor:
            for i in range(PER_ADDRESS[0] + 3):
                visitor.cookies.clear()  # a new visitor each time, from the same address
                token = await chat_token(visitor)
                await visitor.post("/chat", data={"csrf": token, "text": f"hỏi {i} khai sinh"})
        assert core.store.count("interactions") == PER_ADDRESS[0]
    run(core, scenario)


def test_forty_concurrent_wrong_logins_get_at_most_five_password_checks(core: Core) -> None:
    Accounts(core.store).add("canbo", PASSWORD)

    async def scenario(client: httpx.AsyncClient) -> None:
        token = CSRF.search((await client.get("/admin/login")).text).group(1)  # type: ignore[union-attr]
        wrong = {"csrf": token, "username": "canbo", "password": "sai-mat-khau-roi"}
        answers = await asyncio.gather(*(client.post("/admin/login", data=wrong) for _ in range(40)))
        checked = [r for r in answers if r.status_code == 303]  # a checked wrong password: back to login
        assert len(checked) <= 5 and {r.status_code for r in answers} == {303, 429}
    run(core, scenario)


BAD_GETS = ["/admin/log?before=²", "/admin/log?before=99999999999999999999", "/admin/log?until=9999-12-31",
            "/admin/log?since=0001-01-01", "/admin/log?since=2026-02-30", "/admin/log?before=-1",
            "/admin/reports/download?period=9999", "/admin/reports/download?period=0000",
            "/admin/reports/download?period=２０２５", "/admin/reports/download?period=2025&format=exe"]
BAD_POSTS = [("/admin/feedback/99999999999999999999/reply", {"reply": "x"}),
             ("/admin/broadcasts/99999999999999999999/cancel", {}),
             ("/admin/unanswered/handled", {"id": "²"}),
             ("/admin/unanswered/handled", {"id": "99999999999999999999"}),
             ("/admin/unanswered/draft", {"id": "٣"})]


def test_malformed_dashboard_input_gets_400_and_changes_nothing(core: Core) -> None:
    Accounts(core.store).add("canbo", PASSWORD)

    async def scenario(client: httpx.AsyncClient) -> None:
        csrf = await login(client)
        before = core.store.db.conn.total_changes
        for path in BAD_GETS:
            assert (await client.get(path)).status_code == 400, path
        for path, data in BAD_POSTS:
            assert (await client.post(path, data={**data, "csrf": csrf})).status_code == 400, path
        assert core.store.db.conn.total_changes == before
    run(core, scenario)


@pytest.mark.parametrize("payload", ["rate:²:up", "rate:99999999999999999999:up", "rate::", "loc:../../x",
                                     "entry:\u202e", "cmd:xoadulieu-ok\x00"])
def test_odd_web_chat_payloads_are_answered_politely(core: Core, payload: str) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        token = await chat_token(client)
        r = await client.post("/chat", data={"csrf": token, "payload": payload, "label": "x"},
                              follow_redirects=True)
        assert r.status_code == 200
    run(core, scenario)


def test_reports_render_any_stored_citizen_text_and_leave_no_temporary_file(
        core: Core, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    Accounts(core.store).add("canbo", PASSWORD)
    for text in ("²", "=HYPERLINK(\"http://x\",\"bấm\")", "+1", "-2+3", "@SUM(A1)", "٣", "\u202etrái"):
        core.store.log_interaction(channel="web", user_key="k", locality=None, kind="question", text=text,
                                   status="fallback")

    async def scenario(client: httpx.AsyncClient) -> None:
        await login(client)
        for fmt in ("xlsx", "docx", "csv"):
            r = await client.get(f"/admin/reports/download?period=2026&format={fmt}")
            assert r.status_code == 200, fmt
            if fmt == "xlsx":
                sheets = load_workbook(io.BytesIO(r.content)).worksheets
                cells = [c for s in sheets for row in s.iter_rows() for c in row if isinstance(c.value, str)]
                assert not [c.value for c in cells if c.data_type == "f"]
                assert '=HYPERLINK("http://x","bấm")' in [c.value for c in cells]
            if fmt == "csv":
                assert "'=HYPERLINK" in r.content.decode("utf-8-sig")
    run(core, scenario)
    assert list(temporary.iterdir()) == []
