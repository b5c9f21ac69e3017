"""Property-based fuzzing (Hypothesis) of everything a stranger or a staff member can send: the
web chat, both webhooks and the dashboard's parameters. Whatever arrives, the server answers
below 500, and a refusal (4xx) leaves the database unchanged."""

from __future__ import annotations

import asyncio
import json
import string
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import Core
from bot.messages import Incoming
from bot.storage.accounts import Accounts
from handlers.telegram import TelegramSettings, build_application
from handlers.web import TelegramWebhook, ZaloWebhook, create_app
from handlers.zalo import ZaloAdapter
from handlers.zalo_api import RetryPolicy, ZaloClient

SECRET = "fuzz-webhook-secret"
PASSWORD = "mat-khau-can-bo-2026"
FUZZ = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20)
numbers = st.one_of(st.integers(), st.integers(min_value=10**18, max_value=10**30).map(str),
                    st.sampled_from(["²", "٣", "１２", "-1", "0", "1e9", "", " 7", "NaN"]))
dates = st.one_of(st.text(max_size=12), st.sampled_from(["9999-12-31", "0001-01-01", "2026-02-30",
                                                         "2026-13-01", "２０２６-01-01", "2026-1-1"]))
periods = st.one_of(st.text(max_size=10), st.sampled_from(["9999", "0000", "2025-Q5", "2025-q3", "２０２５"]))
payloads = st.one_of(st.none(), st.text(max_size=40),
                     st.tuples(st.sampled_from(["rate", "loc", "entry", "cmd", "sub", "unsub", "topic", "bc",
                                                "menu"]), st.text(max_size=25)).map(":".join),
                     st.tuples(numbers.map(str), st.sampled_from(["up", "down", ""])).map(
                         lambda t: f"rate:{t[0]}:{t[1]}"))


def deep(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


class Client:
    """A synchronous face on an in-process ASGI client, all calls on one event loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop, client: httpx.AsyncClient) -> None:
        self.loop = loop
        self.client = client
        self.csrf: str | None = None

    def get(self, path: str, **kw: Any) -> httpx.Response:
        return self.loop.run_until_complete(self.client.get(path, **kw))

    def post(self, path: str, **kw: Any) -> httpx.Response:
        return self.loop.run_until_complete(self.client.post(path, **kw))


@pytest.fixture
def client(core: Core) -> Iterator[Client]:
    """The whole app with both webhooks, served in-process (the channels' APIs answer ok)."""
    Accounts(core.store).add("canbo", PASSWORD)
    ok = httpx.MockTransport(lambda request: httpx.Response(200, json={"ok": True, "result": {}}))
    zalo_http = httpx.AsyncClient(transport=ok)
    zalo = ZaloAdapter(core, ZaloClient("1:x", zalo_http, policy=RetryPolicy(attempts=1)))
    telegram = build_application(core, TelegramSettings("1:x", "http://127.0.0.1:9"), webhook=True,
                                 transport=ok)
    app = create_app(core,
                     telegram=TelegramWebhook(telegram, "https://example.invalid/webhook/telegram", SECRET),
                     zalo=ZaloWebhook(zalo, "https://example.invalid/webhook/zalo", SECRET))
    loop = asyncio.new_event_loop()
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    http = httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1")
    try:
        yield Client(loop, http)
    finally:
        async def finish() -> None:  # the Zalo updates still being handled, then the clients
            await asyncio.gather(*(asyncio.all_tasks() - {asyncio.current_task()}), return_exceptions=True)
            await http.aclose()
            await zalo_http.aclose()
        loop.run_until_complete(finish())
        loop.close()


def refused_without_change(core: Core, response: Any, before: int) -> None:
    assert response.status_code < 500, response.text[:200]
    if response.status_code >= 400:
        assert core.store.db.conn.total_changes == before


def staff(client: Client) -> str:
    """A staff session on ``client`` (logged in once), and its CSRF token."""
    if client.csrf is not None:
        return client.csrf
    page = client.get("/admin/login").text
    token = page.split('name="csrf" value="')[1].split('"')[0]
    client.post("/admin/login", data={"csrf": token, "username": "canbo", "password": PASSWORD})
    client.csrf = client.get("/admin/log").text.split('name="csrf" value="')[1].split('"')[0]
    return client.csrf


@FUZZ
@given(text=st.text(max_size=300), payload=payloads, label=st.text(max_size=20))
def test_web_chat_never_fails(core: Core, client: Client, text: str, payload: str | None,
                              label: str) -> None:
    client.client.cookies.clear()  # a new visitor each time (the per-address limit still applies)
    token = client.get("/").text.split('name="csrf" value="')[1].split('"')[0]
    form = {"csrf": token, "text": text, "label": label, **({"payload": payload} if payload else {})}
    before = core.store.db.conn.total_changes
    refused_without_change(core, client.post("/chat", data=form), before)


@FUZZ
@given(body=st.one_of(json_values.map(lambda v: json.dumps(v).encode()), st.binary(max_size=200),
                      st.integers(min_value=1000, max_value=200_000).map(deep),
                      json_values.map(lambda v: json.dumps({"update_id": 1, "message": v}).encode()),
                      json_values.map(lambda v: json.dumps({"event_name": "message.text.received",
                                                            "message": v}).encode())),
       path=st.sampled_from(["/webhook/telegram", "/webhook/zalo"]))
def test_webhooks_never_fail(core: Core, client: Client, body: bytes, path: str) -> None:
    header = "X-Telegram-Bot-Api-Secret-Token" if "telegram" in path else "X-Bot-Api-Secret-Token"
    before = core.store.db.conn.total_changes
    response = client.post(path, content=body, headers={header: SECRET})
    assert response.status_code < 500
    if response.status_code >= 400:
        assert core.store.db.conn.total_changes == before


@FUZZ
@given(params=st.dictionaries(st.sampled_from(["since", "until", "before", "channel", "topic", "status",
                                               "locality", "q"]),
                              st.one_of(dates, numbers.map(str), st.text(max_size=15)), max_size=5),
       period=periods, fmt=st.one_of(st.sampled_from(["csv", "xlsx", "docx"]), st.text(max_size=5)),
       ident=numbers.map(str), ids=st.lists(numbers.map(str), max_size=3))
def test_dashboard_parameters_never_fail(core: Core, client: Client, params: dict[str, str], period: str,
                                         fmt: str, ident: str, ids: list[str]) -> None:
    csrf = staff(client)
    before = core.store.db.conn.total_changes
    refused_without_change(core, client.get("/admin/log", params=params), before)
    refused_without_change(core, client.get("/admin/reports/download",
                                            params={"period": period, "format": fmt}), before)
    safe = "".join(ch for ch in ident if ch in string.digits) or "0"
    for path in (f"/admin/feedback/{safe}/reply", f"/admin/broadcasts/{safe}/cancel"):
        before = core.store.db.conn.total_changes
        refused_without_change(core, client.post(path, data={"csrf": csrf, "reply": ident}), before)
    before = core.store.db.conn.total_changes
    refused_without_change(core, client.post("/admin/unanswered/handled", data={"csrf": csrf, "id": ids}),
                           before)
    before = core.store.db.conn.total_changes
    compose = {"csrf": csrf, "text": "Thông báo lịch tiếp công dân", "topic": "thong-bao-chung",
               "locality": params.get("locality", ""), "at": params.get("since", ""), "action": "send"}
    refused_without_change(core, client.post("/admin/broadcasts", data=compose), before)


@FUZZ
@given(text=st.text(max_size=300), payload=payloads, group=st.booleans(),
       channel=st.sampled_from(["telegram", "zalo", "web"]))
def test_the_dialogue_answers_anything_politely(core: Core, text: str, payload: str | None, group: bool,
                                                channel: str) -> None:
    replies = core.dialogue.handle(Incoming(channel, "fuzz-1", text, payload or None,
                                            address=None if group else "fuzz-1", group=group))
    assert all(r.text.strip() for r in replies)
