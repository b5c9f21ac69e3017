"""Replies are delivered or accounted for: through a sendMessage outage that outlasts several
rounds of retries (in process, and with a restart of the bot process in the middle of it) every
reply arrives afterwards, in order; a reply still undeliverable after the retry window is
recorded as failed, for staff.

The outages are counted in refused attempts, not in seconds, and the in-process retry queues
back off from 0.05 s instead of 0.5 s: the same rounds of retries as a 12 s outage at the
default pace, without waiting it out."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from telegram import Bot

from bot.app import Core
from bot.replies import Replies
from bot.storage.accounts import Accounts
from bot.storage.reply_outbox import ReplyOutbox
from bot.storage.store import Store
from handlers.telegram import TelegramSettings, build_application, replies_of, run_polling
from handlers.telegram_send import make_reply_sender
from handlers.zalo import ZaloAdapter
from handlers.zalo import run_polling as zalo_polling
from handlers.zalo_api import RetryPolicy, ZaloClient
from tests.fake_api import FakeApi
from tests.fake_telegram import TOKEN, FakeTelegram, text_update
from tests.fake_zalo import TOKEN as ZALO_TOKEN
from tests.fake_zalo import FakeZalo, zalo_update
from tests.test_dashboard import login
from tests.test_reach import Site

COMMANDS = ["/help", "/hotline", "/menu"]
EXPECTED = ["Cách dùng trợ lý", "Số hỗ trợ toàn quốc", "Bạn cần hỗ trợ về việc gì?"]
ROUNDS = 5  # attempts of the reply queue refused before the platform recovers


@pytest.fixture
def tg() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


async def eventually(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


def outage_over(fake: FakeApi, refusals: int) -> bool:
    """True once sendMessage has been refused ``refusals`` times; then the platform recovers."""
    if len(fake.refused_calls("sendMessage")) >= refusals:
        fake.down = set()
        return True
    return False


def fast_retries(replies: Replies) -> None:
    """The reply queue's backoff from 0.05 s (default 0.5 s), doubling up to 1 s, and a look at
    the queue every 0.05 s (default 0.5 s)."""
    replies.backoff, replies.max_backoff, replies.idle = 0.05, 1.0, 0.05


def starts(texts: list[str]) -> list[str]:
    return [next((e for e in EXPECTED if t.startswith(e)), t[:30]) for t in texts]


def test_telegram_replies_arrive_in_order_after_an_outage(core: Core, tg: FakeTelegram) -> None:
    async def main() -> None:
        app = build_application(core, TelegramSettings(TOKEN, tg.url))
        fast_retries(replies_of(app))
        stop = asyncio.Event()
        running = asyncio.create_task(run_polling(app, stop))
        try:
            tg.down = {"sendMessage"}
            tg.push(*(text_update(i, c) for i, c in enumerate(COMMANDS, 1)))
            await eventually(lambda: outage_over(tg, ROUNDS))
            await eventually(lambda: len(tg.sent()) >= 3)
        finally:
            stop.set()
            await running
    asyncio.run(main())
    assert starts([p["text"] for p in tg.sent()]) == EXPECTED
    assert ReplyOutbox(core.store).waiting() == 0


def test_zalo_replies_arrive_in_order_after_an_outage(core: Core) -> None:
    async def main(fake: FakeZalo) -> None:
        async with httpx.AsyncClient() as http:
            policy = RetryPolicy(attempts=4, backoff=0.05, timeout=0.5, poll_timeout=1)
            adapter = ZaloAdapter(core, ZaloClient(ZALO_TOKEN, http, fake.url, policy))
            fast_retries(adapter.replies)
            stop = asyncio.Event()
            running = asyncio.create_task(zalo_polling(adapter, stop))
            try:
                fake.down = {"sendMessage"}
                fake.push(*(zalo_update(c) for c in COMMANDS))
                await eventually(lambda: outage_over(fake, ROUNDS))
                await eventually(lambda: len(fake.sent()) >= 3)
            finally:
                stop.set()
                await running
    with FakeZalo() as fake:
        asyncio.run(main(fake))
        assert starts([p["text"] for p in fake.sent()]) == EXPECTED


@pytest.mark.slow
def test_replies_survive_a_restart_of_the_process_during_the_outage(
        core: Core, tg: FakeTelegram, env: dict[str, str], tmp_path: Path) -> None:
    core.close()
    proc_env = {**os.environ, **env, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": tg.url}
    log = tmp_path / "bot.log"

    def start() -> subprocess.Popen[bytes]:
        with log.open("ab") as out:
            return subprocess.Popen([sys.executable, "-m", "handlers", "telegram"], env=proc_env,
                                    cwd=tmp_path, stdout=out, stderr=out)

    store = Store(env["CCHC_DB"])
    queue = ReplyOutbox(store)
    tg.down = {"sendMessage"}
    first = start()
    try:
        tg.push(*(text_update(i, c) for i, c in enumerate(COMMANDS, 1)))
        asyncio.run(eventually(lambda: queue.waiting() == 3 and first.poll() is None))
    finally:
        first.send_signal(signal.SIGTERM)
        assert first.wait(30) == 0, log.read_text()
    refused = len(tg.refused_calls("sendMessage"))
    second = start()
    try:  # the platform recovers once the restarted process has tried the queued replies too
        asyncio.run(eventually(lambda: outage_over(tg, refused + 1)))
        asyncio.run(eventually(lambda: len(tg.sent()) >= 3 or second.poll() is not None))
        assert second.poll() is None, log.read_text()
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(30)
        store.close()
    assert starts([p["text"] for p in tg.sent()]) == EXPECTED  # each once, in order


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_a_reply_undeliverable_past_the_window_is_recorded_as_failed(core: Core, tg: FakeTelegram) -> None:
    clock = Clock()
    queue = ReplyOutbox(core.store, clock)
    replies = Replies(queue, {"telegram": make_reply_sender(Bot(TOKEN, base_url=f"{tg.url}/bot"))},
                      core.settings.secret, window=60, clock=clock, idle=0.05)
    tg.down = {"sendMessage"}

    async def main() -> None:
        assert await replies.deliver("telegram", "42", "42", [{"text": "một"}, {"text": "hai"}]) == 0
        assert queue.waiting() == 2 and queue.failed() == []
        clock.now += timedelta(seconds=61)
        stop = asyncio.Event()
        worker = asyncio.create_task(replies.run(stop))
        await eventually(lambda: len(queue.failed()) == 2)
        stop.set()
        await worker
    asyncio.run(main())
    failed = queue.failed()
    assert [(f["text"], f["channel"]) for f in failed] == [("hai", "telegram"), ("một", "telegram")]
    assert failed[0]["error"].startswith("retry window over: network")
    assert queue.waiting() == 0 and tg.sent() == []


def test_a_refused_reply_fails_at_once_and_the_next_one_goes_out(core: Core, tg: FakeTelegram) -> None:
    queue = ReplyOutbox(core.store)
    replies = Replies(queue, {"telegram": make_reply_sender(Bot(TOKEN, base_url=f"{tg.url}/bot"))},
                      core.settings.secret, window=60)
    tg.blocked = {42}
    assert asyncio.run(replies.deliver("telegram", "42", "42", [{"text": "một"}])) == 0
    assert queue.failed()[0]["error"] == "Forbidden: bot was blocked by the user"
    tg.blocked = set()
    assert asyncio.run(replies.deliver("telegram", "42", "42", [{"text": "hai"}])) == 1
    assert [p["text"] for p in tg.sent()] == ["hai"]


def test_staff_see_the_replies_given_up_on_the_dashboard(core: Core, tg: FakeTelegram) -> None:
    queue = ReplyOutbox(core.store)
    replies = Replies(queue, {"telegram": make_reply_sender(Bot(TOKEN, base_url=f"{tg.url}/bot"))},
                      core.settings.secret, window=60)
    tg.blocked = {42}
    asyncio.run(replies.deliver("telegram", "42", "42", [{"text": "Số hỗ trợ toàn quốc"}]))
    Accounts(core.store).add("canbo", "mat-khau-can-bo-2026")
    with Site(core) as url, httpx.Client(base_url=url) as client:
        login(client)
        page = client.get("/admin").text
    assert "Tin trả lời không gửi được" in page
    assert "Forbidden: bot was blocked by the user" in page and "Số hỗ trợ toàn quốc" in page
