"""Officers' replies to feedback: pushed on Telegram and Zalo, waiting for the web chat's next visit."""

import asyncio

from bot.app import Core
from bot.messages import Incoming
from bot.storage.feedback_replies import NOT_SENT, SENT, WAITING, FeedbackReplies

VISITOR = "v" * 43


def replies(core: Core) -> FeedbackReplies:
    return FeedbackReplies(core.kb, core.store, core.settings.secret)


def test_a_reply_to_web_feedback_waits_and_is_shown_once(core: Core) -> None:
    core.dialogue.handle(Incoming("web", VISITOR, "/gopy Trang web không mở được"))
    assert asyncio.run(replies(core).answer(1, "Đã sửa xong.", {})) == WAITING
    assert core.store.feedback_item(1)["status"] == "answered-not-delivered"  # type: ignore[index]
    assert replies(core).take("web", "someone-else" * 4) == []
    assert replies(core).take("web", VISITOR) == ["Trả lời góp ý GY-000001:\n\nĐã sửa xong."]
    assert core.store.feedback_item(1)["status"] == "answered"  # type: ignore[index]
    assert replies(core).take("web", VISITOR) == []


def test_a_reply_on_telegram_is_pushed_to_the_person(core: Core) -> None:
    core.dialogue.handle(Incoming("telegram", "77", "/start", address="77"))
    core.dialogue.handle(Incoming("telegram", "77", payload="loc:ky-lac", address="77"))
    core.dialogue.handle(Incoming("telegram", "77", "/gopy Hồ sơ trễ hẹn", address="77"))
    sent: list[tuple[str, str]] = []

    async def send(address: str, text: str) -> None:
        sent.append((address, text))

    assert asyncio.run(replies(core).answer(1, "Đã liên hệ.", {"telegram": send})) == SENT
    assert sent == [("77", "Trả lời góp ý GY-000001:\n\nĐã liên hệ.")]
    assert asyncio.run(replies(core).answer(1, "Lần hai.", {})) == NOT_SENT
    assert asyncio.run(replies(core).answer(99, "x", {})) is None
