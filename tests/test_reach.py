"""Broadcasts nobody can receive: the dashboard, the CLI and the chat compose say so before
scheduling, and a due broadcast with no possible sender (or nobody to reach) is marked
"undeliverable" rather than left "scheduled"."""

from __future__ import annotations

import asyncio
import io
import re
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn

from bot.app import Core
from bot.broadcast.delivery import Broadcaster
from bot.broadcast.reach import Reach, reach
from bot.messages import Incoming, Reply
from bot.privacy import pseudonym
from bot.storage.accounts import Accounts
from handlers.cli import main
from handlers.web import create_app
from tests.test_broadcast import subscribers

NO_CHANNEL = "Lưu ý: chưa có kênh nào (Telegram, Zalo) được cấu hình"
NOBODY = "Lưu ý: hiện chưa có người đăng ký nào nhận được thông báo này"


def general(core: Core, configured: set[str], locality: str | None = None,
            channels: list[str] | None = None) -> Reach:
    """Who an announcement on the general topic would reach."""
    return reach(core.kb, core.outbox, topic="thong-bao-chung", locality=locality, channels=channels,
                 configured=configured)


def test_reach_names_the_missing_channel_or_the_missing_subscribers(core: Core) -> None:
    [no_channel] = general(core, set()).warnings
    [nobody] = general(core, {"zalo"}).warnings
    assert no_channel.startswith(NO_CHANNEL) and nobody.startswith(NOBODY)
    subscribers(core, 3)  # on Telegram
    assert general(core, {"zalo"}).count == 0
    assert general(core, {"telegram"}) == \
        general(core, {"telegram", "zalo"}, locality="ky-lac", channels=["telegram"])
    assert general(core, {"telegram"}).count == 3


def test_a_running_sender_elsewhere_counts_as_a_channel(core: Core) -> None:
    subscribers(core, 2)
    core.outbox.take_lease("broadcast:telegram", "another-process", 20)
    assert general(core, set()).count == 2


@pytest.mark.parametrize(("senders", "note"), [(set(), "no_channel"), ({"zalo"}, "no_recipients")])
def test_a_due_broadcast_nobody_can_receive_is_marked(core: Core, senders: set[str], note: str) -> None:
    subscribers(core, 2)  # on Telegram only
    bid = core.outbox.create(text="x", topic="thong-bao-chung", locality=None, created_by="t",
                             channels=["zalo"] if senders else None)
    assert core.outbox.start_due(senders=senders) == [bid]
    status = core.outbox.status(bid)
    assert (status["status"], status["note"]) == ("undeliverable", note)  # type: ignore[index]
    assert status["reach"]["pending"] == 0  # type: ignore[index]


def test_the_engine_without_any_channel_still_marks_due_broadcasts(core: Core) -> None:
    subscribers(core, 2)
    bid = core.outbox.create(text="x", topic="thong-bao-chung", locality=None, created_by="t")

    async def main_loop() -> None:
        stop = asyncio.Event()
        task = asyncio.create_task(Broadcaster(core.outbox, {}, {}, idle=0.05).run(stop))
        while core.outbox.status(bid)["status"] == "scheduled":  # type: ignore[index]
            await asyncio.sleep(0.02)
        stop.set()
        await task
    asyncio.run(main_loop())
    assert core.outbox.status(bid)["status"] == "undeliverable"  # type: ignore[index]


def test_the_cli_warns_when_nobody_subscribed(core: Core, env: dict[str, str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    core.close()
    for key, value in {**env, "TELEGRAM_BOT_TOKEN": "1:x"}.items():
        monkeypatch.setenv(key, value)
    out = io.StringIO()
    assert main(["broadcast", "create", "--text", "x", "--topic", "thong-bao-chung", "--locality",
                 "all"], out=out) == 0
    assert out.getvalue().splitlines()[1].startswith(NOBODY)


def say(core: Core, text: str = "", payload: str | None = None) -> list[Reply]:
    return core.dialogue.handle(Incoming("zalo", "officer", text, payload, address="officer"))


def test_the_chat_compose_preview_warns_when_nobody_would_receive_it(core: Core) -> None:
    core.outbox.add_officer("zalo", pseudonym(core.settings.secret, "zalo", "officer"))
    subscribers(core, 3, locality="ham-tan")  # Telegram subscribers elsewhere
    say(core, "/thongbao")
    say(core, "Lịch tiếp dân")
    say(core, payload="bc:topic:thong-bao-chung")
    preview = say(core, payload="bc:loc:ky-lac")[0].text
    assert "Số người nhận: 0" in preview and NOBODY in preview


class Site:
    """The dashboard with no channel configured, served on 127.0.0.1."""

    def __init__(self, core: Core) -> None:
        self.server = uvicorn.Server(uvicorn.Config(create_app(core, broadcaster=Broadcaster(
            core.outbox, {}, {}, idle=0.05)), host="127.0.0.1", port=0, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        while not self.server.started:
            time.sleep(0.02)
        return f"http://127.0.0.1:{self.server.servers[0].sockets[0].getsockname()[1]}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture
def site(core: Core) -> Iterator[str]:
    Accounts(core.store).add("canbo", "mat-khau-can-bo-2026")
    with Site(core) as url:
        yield url


def test_the_dashboard_warns_before_scheduling_and_shows_the_broadcast_marked(core: Core, site: str) -> None:
    with httpx.Client(base_url=site) as client:
        page = client.get("/admin/login")
        token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        client.post("/admin/login", data={"csrf": token, "username": "canbo",
                                          "password": "mat-khau-can-bo-2026", "next": "/admin"})
        csrf = re.search(r'name="csrf" value="([^"]+)"',  # type: ignore[union-attr]
                         client.get("/admin/broadcasts").text).group(1)
        form = {"csrf": csrf, "text": "Lịch tiếp dân", "topic": "thong-bao-chung", "locality": ""}
        preview = client.post("/admin/broadcasts", data={**form, "action": "preview"})
        assert NO_CHANNEL in preview.text
        sent = client.post("/admin/broadcasts", data={**form, "action": "send"}, follow_redirects=True)
        assert NO_CHANNEL in sent.text
        deadline = time.monotonic() + 10
        while "Không gửi được (không có kênh nào gửi được)" not in client.get("/admin/broadcasts").text:
            assert time.monotonic() < deadline
            time.sleep(0.05)
