"""The Telegram channel end to end: the real python-telegram-bot Application, in polling and in
webhook mode (a real uvicorn server), against a fake Bot API server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

from bot.app import Core
from bot.engine import Thresholds
from handlers.telegram import TelegramSettings, build_application, run_polling
from handlers.web import TelegramWebhook, create_app
from tests.conftest import HOTLINE
from tests.fake_telegram import BOT, TOKEN, FakeTelegram, button_update, text_update
from tests.serving import served

SECRET = "s3cret-for-webhook"


async def until(fake: FakeTelegram, method: str, count: int, timeout: float = 10.0) -> list[dict[str, Any]]:
    for _ in range(int(timeout / 0.02)):
        got = fake.sent(method)
        if len(got) >= count:
            return got
        await asyncio.sleep(0.02)
    texts = [p.get("text", "")[:50] for p in fake.sent(method)]
    raise AssertionError(f"expected {count} {method}, got {texts}")


HELP = "Cách dùng trợ lý"


async def sent_before_help(fake: FakeTelegram, skip: int = 0) -> list[dict[str, Any]]:
    """The messages sent before the answer to a /help pushed after the messages under test (a
    barrier: one person's updates are handled in order, so once that answer has come every
    reply to their earlier messages has been sent); ``skip`` earlier /help answers are passed."""
    for _ in range(500):
        sent = fake.sent("sendMessage")
        helps = [i for i, p in enumerate(sent) if p["text"].startswith(HELP)]
        if len(helps) > skip:
            return sent[:helps[skip]]
        await asyncio.sleep(0.02)
    raise AssertionError(f"no answer to /help; sent {[p['text'][:50] for p in fake.sent()]}")


def polling(core: Core, fake: FakeTelegram, scenario: Callable[[], Awaitable[None]]) -> None:
    async def main() -> None:
        app = build_application(core, TelegramSettings(TOKEN, fake.url))
        stop = asyncio.Event()
        running = asyncio.create_task(run_polling(app, stop))
        try:
            await scenario()
        finally:
            stop.set()
            await running
    asyncio.run(main())


def buttons(call: dict[str, Any]) -> list[tuple[str, str]]:
    rows = (call.get("reply_markup") or {}).get("inline_keyboard", [])
    return [(b["text"], b["callback_data"]) for row in rows for b in row]


def rows_of(core: Core, sql: str) -> list[tuple[Any, ...]]:
    return sqlite3.connect(core.settings.db_path).execute(sql).fetchall()


def test_citizen_conversation_in_polling_mode(op_core: Core, fake: FakeTelegram) -> None:
    async def scenario() -> None:
        fake.push(text_update(1, "/start"))
        sent = await until(fake, "sendMessage", 2)
        assert "Trợ lý cải cách hành chính" in sent[0]["text"] and sent[0]["parse_mode"] == "HTML"
        assert ("Xã Kỳ Lạc", "loc:ky-lac") in buttons(sent[1])
        fake.push(button_update(2, "loc:ky-lac"))
        sent = await until(fake, "sendMessage", 4)
        assert [label for label, _ in buttons(sent[3])][:5] == [
            "Dịch vụ công trực tuyến", "Thủ tục hành chính", "Đường dây nóng", "Góp ý, phản ánh",
            "Đăng ký nhận thông báo"]
        fake.push(text_update(3, "so dien thoai duong day nong cua xa la gi"))
        sent = await until(fake, "sendMessage", 5)
        answer = sent[4]
        assert HOTLINE in answer["text"]
        assert answer["text"].index(HOTLINE) < answer["text"].index("18001096")
        up = next(data for label, data in buttons(answer) if label.startswith("👍"))
        fake.push(button_update(4, up))
        acks = await until(fake, "answerCallbackQuery", 2)
        assert acks[-1]["text"] == "Cảm ơn bạn đã đánh giá!"
        fake.push(button_update(5, up))
        acks = await until(fake, "answerCallbackQuery", 3)
        assert acks[-1]["text"].startswith("Bạn đã đánh giá câu trả lời này rồi")

    polling(op_core, fake, scenario)
    assert rows_of(op_core, "SELECT rating FROM interactions WHERE rating IS NOT NULL") == [(1,)]
    assert {r[0] for r in rows_of(op_core, "SELECT channel FROM interactions")} == {"telegram"}
    assert fake.sent("deleteWebhook") and fake.sent("getMe")


def test_suggestions_are_buttons_and_pressing_one_answers(
        op_core: Core, fake: FakeTelegram, monkeypatch: pytest.MonkeyPatch) -> None:
    # the engine is shared by the whole run: the setting is put back after the test
    monkeypatch.setattr(op_core.engine, "thresholds",
                        Thresholds(answer=100, suggest=1, margin=0, confident=100))

    async def scenario() -> None:
        fake.push(text_update(1, "/start"), button_update(2, "loc:-"))
        await until(fake, "sendMessage", 4)
        fake.push(text_update(3, "dang ky ket hon can giay to gi"))
        sent = await until(fake, "sendMessage", 5)
        assert sent[4]["text"] == "Có phải bạn muốn hỏi:"
        choices = buttons(sent[4])
        assert 1 <= len(choices) <= 3 and all(d.startswith("entry:") for _, d in choices)
        fake.push(button_update(4, choices[0][1]))
        sent = await until(fake, "sendMessage", 6)
        assert "Nguồn:" in sent[5]["text"]

    polling(op_core, fake, scenario)


def test_a_long_answer_is_split_under_the_limit_with_buttons_on_the_last_part(
        op_core: Core, fake: FakeTelegram) -> None:
    async def scenario() -> None:
        fake.push(text_update(1, "/start"), button_update(2, "loc:ky-lac"))
        await until(fake, "sendMessage", 4)
        fake.push(text_update(3, "kiem thu tin nhan dai telegram"), text_update(4, "/help"))
        sent = (await sent_before_help(fake))[4:]
        assert len(sent) >= 2
        assert all(len(m["text"]) <= 4096 for m in sent)
        assert all("reply_markup" not in m for m in sent[:-1])
        assert any(label.startswith("👍") for label, _ in buttons(sent[-1]))
        assert sent[0]["text"].startswith("Đoạn 0:")

    polling(op_core, fake, scenario)


def test_html_special_characters_are_escaped(op_core: Core, fake: FakeTelegram) -> None:
    async def scenario() -> None:
        fake.push(text_update(1, "/start"), button_update(2, "loc:ky-lac"))
        await until(fake, "sendMessage", 4)
        fake.push(text_update(3, "/lenh<b>&x"))
        sent = await until(fake, "sendMessage", 5)
        assert sent[4]["text"] == 'Tôi không hiểu lệnh "/lenh&lt;b&gt;&amp;x". Gõ /help để xem các lệnh.'
        fake.push(text_update(4, "<script>alert(1)</script> & 'khai sinh' \"?\""))
        sent = await until(fake, "sendMessage", 6)
        assert "<script>" not in sent[5]["text"]

    polling(op_core, fake, scenario)


def test_in_groups_the_bot_answers_only_when_addressed_and_once(op_core: Core, fake: FakeTelegram) -> None:
    group = -100123

    async def scenario() -> None:
        fake.push(text_update(1, "mọi người ơi làm khai sinh ở đâu", chat_id=group, chat_type="supergroup"))
        fake.push(text_update(2, "/start@another_bot", chat_id=group, chat_type="supergroup"))
        fake.push(text_update(3, "/help", chat_id=group, chat_type="supergroup"))
        assert await sent_before_help(fake) == []
        fake.push(text_update(4, "@cchc_test_bot làm giấy khai sinh ở đâu", chat_id=group,
                              chat_type="supergroup"))
        sent = await until(fake, "sendMessage", 2)
        assert "Đăng ký khai sinh" in sent[1]["text"]
        assert sent[1]["reply_parameters"]["message_id"]
        bot_message = {"message_id": 77, "date": 0, "chat": {"id": group, "type": "supergroup"},
                       "from": BOT, "text": "…"}
        fake.push(text_update(5, "còn kết hôn thì sao", chat_id=group, chat_type="supergroup",
                              reply_to=bot_message))
        await until(fake, "sendMessage", 3)
        fake.push(text_update(6, "/start", chat_id=group, chat_type="supergroup"),
                  text_update(7, "/help", chat_id=group, chat_type="supergroup"))
        assert len(await sent_before_help(fake, skip=1)) == 4  # /start in a group: one message

    polling(op_core, fake, scenario)


def test_a_redelivered_update_gets_no_second_reply_or_log_row(op_core: Core, fake: FakeTelegram) -> None:
    fake.push(text_update(1, "thủ tục đăng ký kết hôn"))

    async def first() -> None:
        await until(fake, "sendMessage", 2)

    polling(op_core, fake, first)
    fake.updates[:] = [text_update(1, "thủ tục đăng ký kết hôn"),  # Telegram sends update 1 again
                       text_update(2, "/help")]

    async def second() -> None:
        assert len(await sent_before_help(fake)) == 2

    polling(op_core, fake, second)
    assert rows_of(op_core, "SELECT count(*) FROM interactions WHERE kind = 'question'") == [(1,)]


def test_a_failing_optional_call_is_logged_and_the_bot_keeps_running(
        op_core: Core, fake: FakeTelegram, caplog: pytest.LogCaptureFixture) -> None:
    fake.failures["setMyCommands"] = (400, "Bad Request: commands are not allowed")

    async def scenario() -> None:
        fake.push(text_update(1, "/hotline"))
        await until(fake, "sendMessage", 1)

    polling(op_core, fake, scenario)
    assert "setMyCommands failed" in caplog.text


# --- webhook mode ----------------------------------------------------------------------------
def webhook(core: Core, fake: FakeTelegram, scenario: Callable[[httpx.AsyncClient], Awaitable[None]]) -> None:
    async def main() -> None:
        settings = TelegramSettings(TOKEN, fake.url, "https://example.invalid/webhook/telegram", SECRET)
        app = create_app(core, telegram=TelegramWebhook(build_application(core, settings, webhook=True),
                                                        settings.webhook_url or "", SECRET))
        async with served(app) as client:
            await scenario(client)
    asyncio.run(main())


HEADERS = {"X-Telegram-Bot-Api-Secret-Token": SECRET}


def test_citizen_conversation_in_webhook_mode(op_core: Core, fake: FakeTelegram) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        assert (await fake.called("setWebhook"))[0]["secret_token"] == SECRET
        for update in (text_update(1, "/start"), button_update(2, "loc:ky-lac")):
            assert (await client.post("/webhook/telegram", json=update, headers=HEADERS)).status_code == 200
        await until(fake, "sendMessage", 4)
        r = await client.post("/webhook/telegram", json=text_update(3, "duong day nong xa"), headers=HEADERS)
        assert r.status_code == 200
        sent = await until(fake, "sendMessage", 5)
        assert HOTLINE in sent[4]["text"]
        # the same update delivered twice: no second reply
        await client.post("/webhook/telegram", json=text_update(3, "duong day nong xa"), headers=HEADERS)
        await client.post("/webhook/telegram", json=text_update(4, "/help"), headers=HEADERS)
        assert len(await sent_before_help(fake)) == 5

    webhook(op_core, fake, scenario)
    assert rows_of(op_core, "SELECT count(*) FROM interactions WHERE kind = 'question'") == [(1,)]


@pytest.mark.parametrize("headers", [{}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"},
                                     {"X-Telegram-Bot-Api-Secret-Token": SECRET + "x"}])
def test_wrong_or_missing_secret_is_refused_without_side_effect(
        op_core: Core, fake: FakeTelegram, headers: dict[str, str]) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        r = await client.post("/webhook/telegram", json=text_update(1, "đăng ký kết hôn"), headers=headers)
        assert r.status_code == 403
        await client.post("/webhook/telegram", json=text_update(2, "/help"), headers=HEADERS)
        assert await sent_before_help(fake) == []

    webhook(op_core, fake, scenario)
    assert rows_of(op_core, "SELECT count(*) FROM interactions WHERE kind = 'question'") == [(0,)]


def test_malformed_bodies_get_400_and_the_server_keeps_serving(op_core: Core, fake: FakeTelegram) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        for body in (b"{not json", b"", b"[1, 2]", b'{"update_id": "x"}', b"\xff\xfe", b'{"message": {}}'):
            r = await client.post("/webhook/telegram", content=body, headers=HEADERS)
            assert r.status_code == 400, body
        r = await client.post("/webhook/telegram", json=text_update(9, "/hotline"), headers=HEADERS)
        assert r.status_code == 200
        await until(fake, "sendMessage", 1)

    webhook(op_core, fake, scenario)


def test_personal_data_commands_in_a_group_are_answered_privately_and_show_nothing(
        op_core: Core, fake: FakeTelegram) -> None:
    group = -100777

    async def scenario() -> None:
        fake.push(text_update(1, "thủ tục đăng ký kết hôn bí mật"))  # a private question first
        n = len(await until(fake, "sendMessage", 2))  # the answer and the locality question
        fake.push(text_update(2, "/dulieu", chat_id=group, chat_type="supergroup"))
        sent = await until(fake, "sendMessage", n + 1)
        assert sent[n]["chat_id"] == 42 and "tin nhắn riêng" in sent[n]["text"]  # said privately
        fake.blocked.add(42)  # a person who never opened a private chat with the bot
        fake.push(text_update(3, "/xoadulieu", chat_id=group, chat_type="supergroup"))
        sent = await until(fake, "sendMessage", n + 2)
        assert sent[n + 1]["chat_id"] == group and "tin nhắn riêng" in sent[n + 1]["text"]
        assert not any("bí mật" in p["text"] or p.get("reply_markup") for p in sent[n:])

    polling(op_core, fake, scenario)
    assert rows_of(op_core, "SELECT count(*) FROM interactions")[0][0] >= 1  # nothing was erased


def test_a_button_pressed_too_long_ago_still_works_without_an_error_message(
        op_core: Core, fake: FakeTelegram) -> None:
    fake.failures["answerCallbackQuery"] = (
        400, "Bad Request: query is too old and response timeout expired or query id is invalid")

    async def scenario() -> None:
        fake.push(text_update(1, "thủ tục đăng ký kết hôn"))
        sent = await until(fake, "sendMessage", 2)  # the answer and the locality question
        up = next(data for label, data in buttons(sent[0]) if label.startswith("👍"))
        fake.push(button_update(2, up))
        await until(fake, "answerCallbackQuery", 1)
        fake.push(button_update(3, "cmd:hotline"))  # an old menu button: its reply still comes
        fake.push(text_update(4, "/help"))
        sent = await sent_before_help(fake)
        assert "18001096" in sent[2]["text"]
        assert not any("sự cố" in p["text"] for p in sent)

    polling(op_core, fake, scenario)
    assert rows_of(op_core, "SELECT rating FROM interactions WHERE rating IS NOT NULL") == [(1,)]


def test_a_photo_with_a_question_in_its_caption_is_answered(op_core: Core, fake: FakeTelegram) -> None:
    update = text_update(1, "")
    message = update["message"]
    del message["text"]
    message["photo"] = [{"file_id": "p1", "file_unique_id": "u1", "width": 90, "height": 90}]
    message["caption"] = "làm giấy khai sinh ở đâu"

    async def scenario() -> None:
        fake.push(update)
        sent = await until(fake, "sendMessage", 1)
        assert "Đăng ký khai sinh" in sent[0]["text"]

    polling(op_core, fake, scenario)
