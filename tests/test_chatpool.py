"""Concurrent across people, in order per person, bounded: the pool alone, then the Telegram
webhook under a burst (the real server, python-telegram-bot and dialogue, a fake Bot API)."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable

import httpx
import pytest
from starlette.applications import Starlette

from bot.app import Core
from bot.messages import Incoming, Reply
from handlers.answering import Answerer
from handlers.chatpool import ChatPool
from handlers.telegram import UPDATE_QUEUE, TelegramSettings, build_application
from handlers.web import TelegramWebhook, ZaloWebhook, create_app
from handlers.zalo import ZaloAdapter
from handlers.zalo_api import ZaloClient
from tests.fake_telegram import TOKEN, FakeTelegram, text_update
from tests.fake_zalo import TOKEN as ZALO_TOKEN
from tests.fake_zalo import FakeZalo, zalo_update
from tests.serving import served


# --- the pool ----------------------------------------------------------------------------------
def test_one_chats_jobs_run_in_order_and_one_at_a_time_while_other_chats_overlap() -> None:
    events: list[str] = []
    gate = asyncio.Event()

    def job(name: str, wait: bool = False) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            events.append(f"start {name}")
            if wait:
                await gate.wait()
            events.append(f"end {name}")
        return run

    async def main() -> None:
        pool = ChatPool(concurrency=4, capacity=8)
        await pool.submit("a", job("a1", wait=True))
        await pool.submit("a", job("a2"))
        await pool.submit("b", job("b1"))
        while "end b1" not in events:
            await asyncio.sleep(0)
        assert events == ["start a1", "start b1", "end b1"]  # b ran while a1 waited; a2 did not
        gate.set()
        await pool.drain()

    asyncio.run(main())
    assert events[3:] == ["end a1", "start a2", "end a2"]


def test_a_full_pool_makes_submitters_wait_and_admits_them_first_come_first_served() -> None:
    async def main() -> list[int]:
        pool = ChatPool(concurrency=1, capacity=2)
        gate = asyncio.Event()
        done: list[int] = []

        def job(n: int) -> Callable[[], Awaitable[None]]:
            async def run() -> None:
                await gate.wait()
                done.append(n)
            return run

        await pool.submit("x", job(0))
        await pool.submit("y", job(1))
        waiting = [asyncio.create_task(pool.submit(f"c{n}", job(n))) for n in (2, 3, 4)]
        await asyncio.sleep(0)
        assert pool.held == 2 and not any(t.done() for t in waiting)
        gate.set()
        await asyncio.gather(*waiting)
        await pool.drain()
        assert pool.held == 0 and pool.high_water == 2
        return done

    assert asyncio.run(main()) == [0, 1, 2, 3, 4]


def test_a_failing_job_is_logged_and_the_chats_next_job_still_runs(caplog: pytest.LogCaptureFixture) -> None:
    ran: list[str] = []

    async def boom() -> None:
        raise RuntimeError("engine exploded")

    async def after() -> None:
        ran.append("after")

    async def main() -> None:
        pool = ChatPool(concurrency=2, capacity=4)
        await pool.submit("a", boom)
        await pool.submit("a", after)
        await pool.drain()
        assert pool.held == 0

    asyncio.run(main())
    assert ran == ["after"]
    assert "engine exploded" in caplog.text


def test_run_returns_the_jobs_result_or_raises_its_error() -> None:
    async def answer() -> int:
        return 42

    async def fail() -> int:
        raise ValueError("no")

    async def main() -> None:
        pool = ChatPool(concurrency=2, capacity=4)
        assert await pool.run("a", answer) == 42
        with pytest.raises(ValueError, match="no"):
            await pool.run("a", fail)

    asyncio.run(main())


def test_bounds_are_checked() -> None:
    with pytest.raises(ValueError):
        ChatPool(concurrency=0)
    with pytest.raises(ValueError):
        ChatPool(concurrency=8, capacity=4)


# --- the Telegram webhook under a burst --------------------------------------------------------
SECRET = "s3cret-for-webhook"
HEADERS = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
PERSON = 777


class GatedAnswerer(Answerer):
    """The real answerer, except that the messages named in ``hold`` wait for ``release``; it
    records how many updates of one person were being answered at the same time."""

    def __init__(self, core: Core, hold: set[str] | None = None) -> None:
        super().__init__(core)
        self.hold = hold
        self.release = asyncio.Event()
        self.busy: Counter[str] = Counter()
        self.most_at_once = 0

    async def __call__(self, msg: Incoming) -> list[Reply]:
        self.busy[msg.user_id] += 1
        self.most_at_once = max(self.most_at_once, self.busy[msg.user_id])
        try:
            if self.hold is None or msg.text in self.hold:
                await self.release.wait()
            return await super().__call__(msg)
        finally:
            self.busy[msg.user_id] -= 1


def webhook_app(core: Core, fake: FakeTelegram, answer: Answerer, pool: ChatPool | None = None) -> Starlette:
    settings = TelegramSettings(TOKEN, fake.url, "https://example.invalid/webhook/telegram", SECRET)
    application = build_application(core, settings, webhook=True, answer=answer, pool=pool)
    return create_app(core, telegram=TelegramWebhook(application, settings.webhook_url or "", SECRET))


async def post_all(client: httpx.AsyncClient, updates: list[dict[str, object]], in_flight: int) -> None:
    todo = iter(updates)

    async def worker() -> None:
        for update in todo:
            r = await client.post("/webhook/telegram", json=update, headers=HEADERS)
            assert r.status_code == 200

    await asyncio.gather(*(worker() for _ in range(in_flight)))


async def until_sent(fake: FakeTelegram, count: int) -> list[dict[str, object]]:
    for _ in range(3000):
        sent = fake.sent()
        if len(sent) >= count:
            return sent
        await asyncio.sleep(0.02)
    raise AssertionError(f"expected {count} messages, got {len(fake.sent())}")


def test_three_messages_of_one_person_are_answered_in_order_under_a_burst_from_others(
        core: Core, fake: FakeTelegram) -> None:
    others = [text_update(1000 + n, "/hotline", uid=5000 + n) for n in range(60)]
    mine = [text_update(n, f"/lenh{n}", uid=PERSON) for n in (1, 2, 3)]
    answer = GatedAnswerer(core, hold={"/lenh1"})  # the first message is slow to answer

    async def main() -> None:
        async with served(webhook_app(core, fake, answer)) as client:
            burst = asyncio.create_task(post_all(client, others, in_flight=20))
            for update in mine:  # in quick succession, each accepted before the next is sent
                r = await client.post("/webhook/telegram", json=update, headers=HEADERS)
                assert r.status_code == 200
            await burst
            await until_sent(fake, len(others))  # the others were answered meanwhile
            answer.release.set()
            await until_sent(fake, len(others) + 3)

    asyncio.run(main())
    texts = [m["text"] for m in fake.sent() if m["chat_id"] == PERSON]
    assert [t.split('"')[1] for t in texts] == ["/lenh1", "/lenh2", "/lenh3"]
    assert answer.most_at_once == 1  # one person's state was never handled twice at once
    assert len({m["chat_id"] for m in fake.sent()}) == 61


def test_a_burst_larger_than_the_bound_waits_at_the_webhook_and_is_answered_in_full(
        core: Core, fake: FakeTelegram) -> None:
    pool = ChatPool(concurrency=4, capacity=16)
    answer = GatedAnswerer(core)  # nothing is answered until the pool is full
    burst = [text_update(n, "/hotline", uid=9000 + n) for n in range(1, 301)]
    accepted: list[int] = []

    async def main() -> None:
        async with served(webhook_app(core, fake, answer, pool)) as served_client, \
                httpx.AsyncClient(base_url=served_client.base_url, timeout=120) as client:
            in_flight = asyncio.Semaphore(30)

            async def post(update: dict[str, object]) -> None:
                async with in_flight:
                    r = await client.post("/webhook/telegram", json=update, headers=HEADERS)
                assert r.status_code == 200
                accepted.append(1)
            posting = asyncio.gather(*(post(u) for u in burst))
            while pool.held < pool.capacity or len(accepted) < pool.capacity + UPDATE_QUEUE:
                await asyncio.sleep(0.01)
            assert len(accepted) < len(burst)  # the rest wait at the webhook: the bound holds
            answer.release.set()
            await posting
            await until_sent(fake, len(burst))

    asyncio.run(main())
    assert pool.high_water == pool.capacity
    chats = Counter(m["chat_id"] for m in fake.sent())
    assert len(chats) == len(burst) and set(chats.values()) == {1}  # every one answered, once


# --- the Zalo webhook: the same order per person --------------------------------------------
def test_zalo_answers_one_persons_messages_in_order_while_others_are_answered(core: Core) -> None:
    answer = GatedAnswerer(core, hold={"/lenh1"})
    others = [zalo_update("/hotline", uid=f"u-{n}") for n in range(30)]
    mine = [zalo_update(f"/lenh{n}", uid="u-me") for n in (1, 2, 3)]
    headers = {"X-Bot-Api-Secret-Token": "zalo-webhook-secret"}

    async def main(fake: FakeZalo) -> None:
        async with httpx.AsyncClient() as http:
            adapter = ZaloAdapter(core, ZaloClient(ZALO_TOKEN, http, fake.url), answer=answer)
            app = create_app(core, zalo=ZaloWebhook(adapter, "https://example.invalid/webhook/zalo",
                                                    headers["X-Bot-Api-Secret-Token"]))
            async with served(app) as client:
                for update in mine + others:
                    r = await client.post("/webhook/zalo", json=update, headers=headers)
                    assert r.status_code == 200
                while len(fake.sent()) < len(others):
                    await asyncio.sleep(0.02)
                answer.release.set()
                while len(fake.sent()) < len(others) + 3:
                    await asyncio.sleep(0.02)

    with FakeZalo() as fake:
        asyncio.run(main(fake))
        texts = [m["text"] for m in fake.sent() if m["chat_id"] == "u-me"]
    assert [t.split('"')[1] for t in texts] == ["/lenh1", "/lenh2", "/lenh3"]
    assert answer.most_at_once == 1
