"""Broadcasts end to end: the outbox and delivery engine against the fake Telegram and Zalo
servers, a real process killed mid-broadcast, rate limits, 429, blocked recipients, officers."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from telegram import Bot

from bot.app import Core
from bot.broadcast.delivery import Broadcaster, ChannelLimiter, RateLimit, SlidingWindow
from bot.errors import DeliveryError
from bot.messages import Incoming, Reply
from bot.privacy import pseudonym
from bot.storage.outbox import Outbox
from bot.storage.store import Store
from handlers.telegram_send import make_sender as telegram_sender
from handlers.zalo import make_sender as zalo_sender
from handlers.zalo_api import RetryPolicy, ZaloClient
from tests.fake_telegram import TOKEN, FakeTelegram
from tests.fake_time import FakeTime
from tests.fake_zalo import TOKEN as ZALO_TOKEN
from tests.fake_zalo import FakeZalo

FAST = RateLimit(per_second=5000, window=1.0)


@pytest.fixture
def tg() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


def subscribers(core: Core, n: int, channel: str = "telegram", locality: str = "ky-lac",
                start: int = 100_000) -> list[str]:
    addresses = []
    for i in range(n):
        address = str(start + i) if channel == "telegram" else f"zu-{start + i}"
        key = pseudonym(core.settings.secret, channel, address)
        core.store.upsert_contact(key, channel, address, locality)
        core.store.subscribe(key, "thong-bao-chung")
        addresses.append(address)
    return addresses


def run_until_done(core: Core, engine: Broadcaster, bid: int, timeout: float = 60.0) -> None:
    asyncio.run(_until_done(core, engine, bid, timeout))


def run_zalo_until_done(core: Core, fake: FakeZalo, bid: int) -> None:
    async def main() -> None:
        async with httpx.AsyncClient() as http:
            client = ZaloClient(ZALO_TOKEN, http, fake.url, RetryPolicy(attempts=1))
            engine = Broadcaster(core.outbox, {"zalo": zalo_sender(client)}, {"zalo": FAST}, idle=0.05)
            await _until_done(core, engine, bid, 60.0)
    asyncio.run(main())


async def _until_done(core: Core, engine: Broadcaster, bid: int, timeout: float) -> None:
    stop = asyncio.Event()
    task = asyncio.create_task(engine.run(stop))
    deadline = time.monotonic() + timeout
    while core.outbox.status(bid)["status"] not in ("done", "cancelled"):  # type: ignore[index]
        assert time.monotonic() < deadline, core.outbox.status(bid)
        await asyncio.sleep(0.05)
    stop.set()
    await task


def telegram_engine(core: Core, fake: FakeTelegram, limit: RateLimit = FAST) -> Broadcaster:
    bot = Bot(TOKEN, base_url=f"{fake.url}/bot")
    return Broadcaster(core.outbox, {"telegram": telegram_sender(bot)}, {"telegram": limit},
                       backoff=0.05, idle=0.05)


@pytest.mark.slow
def test_three_hundred_telegram_recipients_each_get_exactly_one_message(core: Core, tg: FakeTelegram) -> None:
    addresses = subscribers(core, 300)  # ten batches of 32; the throughput is benchmarks/broadcast.py's
    bid = core.outbox.create(text="Lịch tiếp công dân tuần này: thứ Năm <8h>", topic="thong-bao-chung",
                             locality="ky-lac", created_by="test")
    run_until_done(core, telegram_engine(core, tg), bid)
    sent = Counter(str(p["chat_id"]) for p in tg.sent())
    assert sent == Counter(addresses)
    assert tg.sent()[0]["text"] == "Lịch tiếp công dân tuần này: thứ Năm &lt;8h&gt;"
    assert core.outbox.status(bid)["reach"]["sent"] == 300  # type: ignore[index]


@pytest.mark.slow
def test_three_hundred_zalo_recipients_each_get_exactly_one_message(core: Core) -> None:
    addresses = subscribers(core, 300, channel="zalo")
    bid = core.outbox.create(text="Thông báo chung", topic="thong-bao-chung", locality=None, created_by="t")
    with FakeZalo() as fake:
        run_zalo_until_done(core, fake, bid)
        assert Counter(p["chat_id"] for p in fake.sent()) == Counter(addresses)


def test_429_retry_after_is_honoured(core: Core, tg: FakeTelegram) -> None:
    addresses = subscribers(core, 60)
    tg.throttle_at = {20: 1}
    bid = core.outbox.create(text="x", topic="thong-bao-chung", locality="ky-lac", created_by="t")
    engine = telegram_engine(core, tg)
    clock = FakeTime()  # the limiter's time: it moves only when the limiter waits
    engine.limiters["telegram"] = ChannelLimiter(FAST, clock, clock.sleep)
    events: list[tuple[str, float]] = []  # a send starting, a 429 coming back; at the limiter's time
    send = engine.senders["telegram"]

    async def recorded(address: str, text: str) -> None:
        events.append(("send", clock()))
        try:
            await send(address, text)
        except DeliveryError as exc:
            if exc.retry_after is not None:
                events.append(("429", clock()))
            raise
    engine.senders["telegram"] = recorded
    run_until_done(core, engine, bid)
    assert Counter(str(p["chat_id"]) for p in tg.sent()) == Counter(addresses)
    [(at, t429)] = [(i, t) for i, (kind, t) in enumerate(events) if kind == "429"]
    after = [t for kind, t in events[at:] if kind == "send"]
    # only sends already given their slot when the 429 came back (fewer than the concurrency of
    # 8) may start within the second the platform asked for; every later slot comes after it
    in_flight = [t for t in after if t < t429 + 1]
    assert len(in_flight) < 8 and len(after) > len(in_flight)
    assert engine.stats["telegram"].throttled == 1


def test_blocked_recipients_are_marked_inactive_and_skipped_later(core: Core, tg: FakeTelegram) -> None:
    addresses = subscribers(core, 20)
    tg.blocked = {int(addresses[3]), int(addresses[7])}
    bid = core.outbox.create(text="x", topic="thong-bao-chung", locality="ky-lac", created_by="t")
    run_until_done(core, telegram_engine(core, tg), bid)
    reach = core.outbox.status(bid)["reach"]  # type: ignore[index]
    assert (reach["sent"], reach["blocked"]) == (18, 2)
    assert core.outbox.recipients("thong-bao-chung", "ky-lac") == 18
    second = core.outbox.create(text="y", topic="thong-bao-chung", locality="ky-lac", created_by="t")
    run_until_done(core, telegram_engine(core, tg), second)
    assert len(tg.sent()) == 36


def test_zalo_blocked_recipient_is_marked_inactive(core: Core) -> None:
    addresses = subscribers(core, 5, channel="zalo")
    bid = core.outbox.create(text="x", topic="thong-bao-chung", locality=None, created_by="t")
    with FakeZalo() as fake:
        fake.blocked = {addresses[0]}
        run_zalo_until_done(core, fake, bid)
    assert core.outbox.status(bid)["reach"]["blocked"] == 1  # type: ignore[index]
    assert core.outbox.recipients("thong-bao-chung", None) == 4


def test_cancelling_stops_the_remaining_sends(core: Core, tg: FakeTelegram) -> None:
    subscribers(core, 300)
    bid = core.outbox.create(text="x", topic="thong-bao-chung", locality="ky-lac", created_by="t")
    engine = telegram_engine(core, tg, RateLimit(per_second=40, window=1.0))

    async def main() -> None:
        stop = asyncio.Event()
        task = asyncio.create_task(engine.run(stop))
        while len(tg.sent()) < 20:
            await asyncio.sleep(0.02)
        core.outbox.cancel(bid)
        while sum(core.outbox.status(bid)["reach"][s] for s in ("sent", "cancelled")) < 300:  # type: ignore[index]
            await asyncio.sleep(0.02)  # until the rows claimed before the cancel are settled
        stop.set()
        await task
    asyncio.run(main())
    delivered = len(tg.sent())
    reach = core.outbox.status(bid)["reach"]  # type: ignore[index]
    assert delivered < 100
    assert reach["sent"] == delivered and reach["cancelled"] == 300 - delivered
    assert core.outbox.status(bid)["status"] == "cancelled"  # type: ignore[index]


def acquisitions(window: SlidingWindow, clock: FakeTime, n: int) -> list[float]:
    """The instants at which ``n`` acquisitions in a row are granted."""
    async def main() -> list[float]:
        times = []
        for _ in range(n):
            await window.acquire()
            times.append(clock())
        return times
    return asyncio.run(main())


def test_the_rate_limiter_never_exceeds_its_window() -> None:
    clock = FakeTime()
    times = acquisitions(SlidingWindow(5, 0.25, clock, sleep=clock.sleep), clock, 23)
    assert times == [0.0] * 5 + [0.25] * 5 + [0.5] * 5 + [0.75] * 5 + [1.0] * 3
    for i, t in enumerate(times):
        assert sum(1 for u in times[i:] if u - t < 0.25) <= 5


def test_the_rate_limiter_paces_evenly_and_holds_during_a_pause() -> None:
    clock = FakeTime()
    window = SlidingWindow(4, 1.0, clock, spacing=0.25, sleep=clock.sleep)
    assert acquisitions(window, clock, 3) == [0.0, 0.25, 0.5]
    window.pause(2.0)  # a 429's retry_after
    assert acquisitions(window, clock, 2) == [2.5, 2.75]


@pytest.mark.slow
def test_a_killed_sending_process_resumes_without_duplicates_or_losses(
        core: Core, tg: FakeTelegram, env: dict[str, str], tmp_path: Path) -> None:
    addresses = subscribers(core, 400)
    core.outbox.create(text="Thông báo lịch tiếp dân", topic="thong-bao-chung", locality="ky-lac",
                       created_by="t")
    core.close()
    proc_env = {**os.environ, **env, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": tg.url,
                "TELEGRAM_BROADCAST_RATE": "300", "CCHC_BROADCAST_LEASE_SECONDS": "3"}
    proc_env.pop("CCHC_KNOWLEDGE", None)
    tg.hold_after = 150  # requests after the 150th stay in flight, unprocessed, when we kill

    log = tmp_path / "bot.log"

    def start() -> subprocess.Popen[bytes]:
        with log.open("ab") as out:
            return subprocess.Popen([sys.executable, "-m", "handlers", "telegram"], env=proc_env,
                                    cwd=tmp_path, stdout=out, stderr=out)

    outbox = Outbox(Store(env["CCHC_DB"]))
    first = start()
    try:
        deadline = time.monotonic() + 60
        while tg.send_attempts <= 150:  # until a request is held in flight
            assert time.monotonic() < deadline and first.poll() is None, log.read_text()
            time.sleep(0.05)
        os.kill(first.pid, signal.SIGKILL)  # a real kill, mid-broadcast
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    assert len(tg.sent()) == 150
    tg.release.set()
    tg.hold_after = None
    second = start()
    try:
        deadline = time.monotonic() + 60
        while (outbox.status(1) or {}).get("status") != "done":  # every outcome recorded
            assert time.monotonic() < deadline and second.poll() is None, log.read_text()
            time.sleep(0.1)
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(20)  # nothing more can arrive once it has exited
        outbox.store.close()
    counts = Counter(str(p["chat_id"]) for p in tg.sent())
    assert counts == Counter(addresses)  # every recipient exactly once


# --- officers -----------------------------------------------------------------------------
def say(core: Core, text: str = "", payload: str | None = None, user: str = "7") -> list[Reply]:
    return core.dialogue.handle(Incoming("telegram", user, text, payload, address=user))


def test_a_non_officer_gets_a_polite_refusal_and_nothing_is_sent(core: Core) -> None:
    subscribers(core, 3)
    assert say(core, "/thongbao")[0].text.startswith("Xin lỗi, chỉ cán bộ được phân quyền")
    assert say(core, payload="bc:send")[0].text.startswith("Xin lỗi, chỉ cán bộ")
    assert core.outbox.list() == []


def test_an_officer_composes_previews_and_sends_from_chat(core: Core, tg: FakeTelegram) -> None:
    addresses = subscribers(core, 5)
    core.outbox.add_officer("telegram", pseudonym(core.settings.secret, "telegram", "7"))
    say(core, "/start")
    say(core, payload="loc:ky-lac")  # the officer is a subscriber too now
    assert say(core, "/thongbao")[0].text.startswith("Nhập nội dung thông báo")
    topics = say(core, "Từ 1/12, Trung tâm phục vụ hành chính công làm việc cả sáng thứ Bảy.")[0]
    assert topics.choices[0].payload == "bc:topic:thong-bao-chung"
    say(core, payload="bc:topic:thong-bao-chung")
    preview = say(core, payload="bc:loc:ky-lac")[0]
    assert "Số người nhận: 6" in preview.text and "sáng thứ Bảy" in preview.text
    assert [c.label for c in preview.choices] == ["Gửi ngay", "Hủy"]
    queued = say(core, payload="bc:send")[0]
    assert queued.text.startswith("Đã xếp thông báo #1 để gửi tới 6 người")
    run_until_done(core, telegram_engine(core, tg), 1)
    assert Counter(str(p["chat_id"]) for p in tg.sent()) == Counter([*addresses, "7"])


def test_weekly_broadcasts_are_rescheduled_when_started(core: Core) -> None:
    subscribers(core, 2)
    due = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
    bid = core.outbox.create(text="Chương trình CCHC hằng tuần", topic="thong-bao-chung",
                             locality=None, created_by="t", due=due, every="week")
    assert core.outbox.start_due(due - timedelta(minutes=1)) == []
    assert core.outbox.start_due(due) == [bid]
    nxt = [b for b in core.outbox.list() if b["id"] != bid]
    assert [(b["status"], b["due"][:16]) for b in nxt] == [("scheduled", "2026-11-30T01:00")]
    assert core.outbox.status(bid)["reach"]["pending"] == 2  # type: ignore[index]
