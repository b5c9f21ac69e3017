"""The Zalo channel end to end: the real client and adapter, in polling and in webhook mode (a
real uvicorn server), against a fake Zalo Bot API server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import httpx
import pytest

from bot.app import Core
from handlers.web import ZaloWebhook, create_app
from handlers.zalo import ZaloAdapter, run_polling
from handlers.zalo_api import RetryPolicy, ZaloApiError, ZaloClient, ZaloRateLimited
from tests.conftest import HOTLINE
from tests.fake_zalo import TOKEN, FakeZalo, zalo_update
from tests.serving import served

FAST = RetryPolicy(attempts=4, backoff=0.05, max_wait=0.2, timeout=0.5, poll_timeout=1)
SECRET = "zalo-webhook-secret"


@pytest.fixture
def fake() -> Iterator[FakeZalo]:
    with FakeZalo() as server:
        yield server


async def until(fake: FakeZalo, count: int, timeout: float = 10.0) -> list[str]:
    for _ in range(int(timeout / 0.02)):
        texts = [p["text"] for p in fake.sent()]
        if len(texts) >= count:
            return texts
        await asyncio.sleep(0.02)
    got = [p["text"][:50] for p in fake.sent()]
    raise AssertionError(f"expected {count} messages, got {got}")


HELP = "Cách dùng trợ lý"


async def sent_before_help(fake: FakeZalo, skip: int = 0) -> list[str]:
    """The texts sent before the answer to a /help pushed after the messages under test (a
    barrier: one person's messages are handled in order, so once that answer has come every
    reply to their earlier messages has been sent); ``skip`` earlier /help answers are passed."""
    for _ in range(500):
        texts = [p["text"] for p in fake.sent()]
        helps = [i for i, t in enumerate(texts) if t.startswith(HELP)]
        if len(helps) > skip:
            return texts[:helps[skip]]
        await asyncio.sleep(0.02)
    raise AssertionError(f"no answer to /help; sent {[p['text'][:50] for p in fake.sent()]}")


def polling(core: Core, fake: FakeZalo, scenario: Callable[[], Awaitable[None]]) -> None:
    async def main() -> None:
        async with httpx.AsyncClient() as http:
            adapter = ZaloAdapter(core, ZaloClient(TOKEN, http, fake.url, FAST))
            stop = asyncio.Event()
            task = asyncio.create_task(run_polling(adapter, stop))
            try:
                await scenario()
            finally:
                stop.set()
                await task
    asyncio.run(main())


def number_of(text: str, label: str) -> str:
    for line in text.splitlines():
        number, _, rest = line.partition(". ")
        if rest.startswith(label) and number.isdigit():
            return number
    raise AssertionError(f"no choice {label!r} in {text!r}")


def rows_of(core: Core, sql: str) -> list[tuple[Any, ...]]:
    return sqlite3.connect(core.settings.db_path).execute(sql).fetchall()


def test_citizen_conversation_in_polling_mode(op_core: Core, fake: FakeZalo) -> None:
    async def scenario() -> None:
        fake.push(zalo_update("Xin chào"))
        texts = await until(fake, 2)
        assert "Trợ lý cải cách hành chính" in texts[0]
        fake.push(zalo_update(number_of(texts[1], "Xã Kỳ Lạc")))
        texts = await until(fake, 4)
        assert texts[2].startswith("Đã chọn: Xã Kỳ Lạc")
        fake.push(zalo_update("so dien thoai duong day nong xa minh"))
        texts = await until(fake, 5)
        assert HOTLINE in texts[4] and texts[4].index(HOTLINE) < texts[4].index("18001096")
        fake.push(zalo_update(number_of(texts[4], "👍")))
        texts = await until(fake, 6)
        assert texts[5] == "Cảm ơn bạn đã đánh giá!"

    polling(op_core, fake, scenario)
    assert rows_of(op_core, "SELECT rating FROM interactions WHERE rating IS NOT NULL") == [(1,)]
    assert {r[0] for r in rows_of(op_core, "SELECT channel FROM interactions")} == {"zalo"}
    assert fake.sent("deleteWebhook") and fake.sent("getMe")


def test_numbered_choices_and_words_navigate_the_menus(op_core: Core, fake: FakeZalo) -> None:
    async def scenario() -> None:
        fake.push(zalo_update("menu"))  # a command word, any case, as a first message
        texts = await until(fake, 1)
        assert texts[0].startswith("Bạn cần hỗ trợ về việc gì")
        fake.push(zalo_update(number_of(texts[0], "Thủ tục hành chính")))
        texts = await until(fake, 2)
        fake.push(zalo_update(number_of(texts[1], "Hộ tịch")))
        texts = await until(fake, 3)
        fake.push(zalo_update("1"))
        texts = await until(fake, 4)
        assert texts[3].startswith("📋 ")
        fake.push(zalo_update("MENU"))
        await until(fake, 5)
        fake.push(zalo_update("đường dây nóng"))  # the words of a choice
        texts = await until(fake, 6)
        assert "Số hỗ trợ toàn quốc" in texts[5]
        fake.push(zalo_update("HOTLINE"))
        texts = await until(fake, 7)
        assert "Số hỗ trợ toàn quốc" in texts[6]

    polling(op_core, fake, scenario)


def test_a_long_answer_is_split_under_2000_characters(op_core: Core, fake: FakeZalo) -> None:
    async def scenario() -> None:
        fake.push(zalo_update("Xin chào"))
        await until(fake, 2)
        fake.push(zalo_update("kiem thu tin nhan dai"), zalo_update("/help"))
        texts = (await sent_before_help(fake))[2:]
        assert len(texts) >= 3
        assert all(len(t) <= 2000 for t in texts)
        assert texts[0].startswith("Đoạn 0:") and "👍" in texts[-1]

    polling(op_core, fake, scenario)


def test_group_messages_are_answered_only_when_addressed(op_core: Core, fake: FakeZalo) -> None:
    async def scenario() -> None:
        fake.push(zalo_update("làm khai sinh ở đâu", chat_id="g-1", chat_type="GROUP"),
                  zalo_update("/help", chat_id="g-1", chat_type="GROUP"))
        assert await sent_before_help(fake) == []
        fake.push(zalo_update("@tro_ly_cchc làm giấy khai sinh ở đâu", chat_id="g-1", chat_type="GROUP"),
                  zalo_update("/help", chat_id="g-1", chat_type="GROUP"))
        texts = (await sent_before_help(fake, skip=1))[1:]
        assert len(texts) == 1 and "Đăng ký khai sinh" in texts[0]  # one message in a group
        assert {p["chat_id"] for p in fake.sent()} == {"g-1"}

    polling(op_core, fake, scenario)


def test_a_repeated_message_id_is_handled_once(op_core: Core, fake: FakeZalo) -> None:
    async def scenario() -> None:
        fake.push(zalo_update("/hotline", message_id="same"), zalo_update("/hotline", message_id="same"),
                  zalo_update("/help"))
        assert len(await sent_before_help(fake)) == 1

    polling(op_core, fake, scenario)


@pytest.mark.parametrize("failure", [
    ("okfalse", (429, "Too many requests")),
    ("http429", 0.2),
    ("http500", None),
    ("stall", 1.2),
])
def test_api_failures_are_retried_and_the_reply_is_delivered_once(
        op_core: Core, fake: FakeZalo, failure: tuple[str, Any]) -> None:
    fake.fail("sendMessage", failure)

    async def scenario() -> None:
        fake.push(zalo_update("/hotline"), zalo_update("/help"))
        texts = await sent_before_help(fake)
        assert len(texts) == 1 and "Số hỗ trợ toàn quốc" in texts[0]

    polling(op_core, fake, scenario)
    assert fake.attempts.count("sendMessage") == 3  # the failed attempt, the reply, /help


def test_a_refusal_is_not_retried_and_the_bot_goes_on(op_core: Core, fake: FakeZalo) -> None:
    fake.fail("sendMessage", ("okfalse", (400, "Chat not found")))

    async def scenario() -> None:
        fake.push(zalo_update("/hotline"), zalo_update("/help"))
        assert await sent_before_help(fake) == []

    polling(op_core, fake, scenario)
    assert fake.attempts.count("sendMessage") == 2  # the refused one once, then /help


def test_client_raises_typed_errors(fake: FakeZalo) -> None:
    async def main() -> None:
        async with httpx.AsyncClient() as http:
            client = ZaloClient(TOKEN, http, fake.url, RetryPolicy(attempts=2, backoff=0.01, max_wait=0.05))
            fake.fail("sendMessage", ("okfalse", (403, "Bot was blocked")))
            with pytest.raises(ZaloApiError) as refused:
                await client.send_message("u-1", "xin chào")
            assert refused.value.error_code == 403 and refused.value.description == "Bot was blocked"
            fake.fail("sendMessage", ("http429", 0.01), ("http429", 0.01))
            with pytest.raises(ZaloRateLimited):
                await client.send_message("u-1", "xin chào")
            with pytest.raises(ValueError):
                await client.send_message("u-1", "x" * 2001)
    asyncio.run(main())


# --- webhook mode ----------------------------------------------------------------------------
def webhook(core: Core, fake: FakeZalo, scenario: Callable[[httpx.AsyncClient], Awaitable[None]]) -> None:
    async def main() -> None:
        async with httpx.AsyncClient() as http:
            adapter = ZaloAdapter(core, ZaloClient(TOKEN, http, fake.url, FAST))
            app = create_app(core, zalo=ZaloWebhook(adapter, "https://example.invalid/webhook/zalo", SECRET))
            async with served(app) as client:
                await scenario(client)
    asyncio.run(main())


HEADERS = {"X-Bot-Api-Secret-Token": SECRET}


def test_conversation_in_webhook_mode_with_bare_and_wrapped_updates(op_core: Core, fake: FakeZalo) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        assert (await fake.called("setWebhook"))[0] == {"url": "https://example.invalid/webhook/zalo",
                                              "secret_token": SECRET}
        r = await client.post("/webhook/zalo", json=zalo_update("Xin chào"), headers=HEADERS)
        assert r.status_code == 200
        texts = await until(fake, 2)
        wrapped = {"ok": True, "result": zalo_update(number_of(texts[1], "Xã Kỳ Lạc"))}
        assert (await client.post("/webhook/zalo", json=wrapped, headers=HEADERS)).status_code == 200
        await until(fake, 4)
        question = zalo_update("duong day nong cua xa", message_id="q-1")
        await client.post("/webhook/zalo", json=question, headers=HEADERS)
        texts = await until(fake, 5)
        assert HOTLINE in texts[4]
        await client.post("/webhook/zalo", json=question, headers=HEADERS)  # delivered again
        await client.post("/webhook/zalo", json=zalo_update("/help"), headers=HEADERS)
        assert len(await sent_before_help(fake)) == 5

    webhook(op_core, fake, scenario)


@pytest.mark.parametrize("headers", [{}, {"X-Bot-Api-Secret-Token": "wrong-secret"},
                                     {"X-Bot-Api-Secret-Token": SECRET.upper()}])
def test_wrong_or_missing_secret_is_refused_without_side_effect(
        op_core: Core, fake: FakeZalo, headers: dict[str, str]) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        r = await client.post("/webhook/zalo", json=zalo_update("đăng ký kết hôn"), headers=headers)
        assert r.status_code == 403
        await client.post("/webhook/zalo", json=zalo_update("/help"), headers=HEADERS)
        assert await sent_before_help(fake) == []

    webhook(op_core, fake, scenario)
    assert rows_of(op_core, "SELECT count(*) FROM interactions WHERE kind = 'question'") == [(0,)]


def test_malformed_bodies_get_400_and_the_server_keeps_serving(op_core: Core, fake: FakeZalo) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        bad = [b"{oops", b"", b"[]", b'{"ok": true, "result": 5}', b'{"message": {"text": "x"}}',
               b'{"event_name": "message.text.received", "message": {"chat": {}, "from": {}}}']
        for body in bad:
            assert (await client.post("/webhook/zalo", content=body, headers=HEADERS)).status_code == 400
        r = await client.post("/webhook/zalo", json=zalo_update("/hotline"), headers=HEADERS)
        assert r.status_code == 200
        await until(fake, 1)

    webhook(op_core, fake, scenario)


def test_non_text_messages_get_a_clear_reply(op_core: Core, fake: FakeZalo) -> None:
    async def scenario() -> None:
        fake.push(zalo_update("", event="message.sticker.received"))
        texts = await until(fake, 1)
        assert texts[0].startswith("Tôi chỉ đọc được tin nhắn chữ")

    polling(op_core, fake, scenario)


def test_a_photo_with_a_question_in_its_caption_is_answered(op_core: Core, fake: FakeZalo) -> None:
    update = zalo_update("", event="message.image.received")
    update["message"].update(photo="https://example.invalid/anh.jpg", caption="làm giấy khai sinh ở đâu")

    async def scenario() -> None:
        fake.push(update)
        texts = await until(fake, 1)
        assert "Đăng ký khai sinh" in texts[0]

    polling(op_core, fake, scenario)


def test_personal_data_commands_in_a_group_show_nothing(op_core: Core, fake: FakeZalo) -> None:
    async def scenario() -> None:
        fake.push(zalo_update("thủ tục kết hôn bí mật"), zalo_update("/help"))
        n = len(await sent_before_help(fake)) + 1
        fake.push(zalo_update("/dulieu", chat_id="g-1", chat_type="GROUP"))
        texts = await until(fake, n + 1)
        assert "tin nhắn riêng" in texts[n] and "bí mật" not in texts[n]

    polling(op_core, fake, scenario)
