"""Button payloads: built by the constructors, read back by the one parser as typed values; a
payload no constructor builds is Malformed, and the dialogue answers it with a clear message
without losing what the person was doing."""

from __future__ import annotations

import pytest

from bot.app import Core
from bot.messages import (
    Choice,
    Command,
    ComposeStep,
    Incoming,
    Malformed,
    OpenMenu,
    Payload,
    PickCase,
    PickEntry,
    PickField,
    PickLocality,
    PickTopic,
    Rate,
    Reply,
    Subscribe,
    Unsubscribe,
    parse_payload,
)
from bot.privacy import pseudonym

UNKNOWN_BUTTON = "Nút bấm này không còn dùng được"


@pytest.mark.parametrize(("value", "text"), [
    (Command("hotline"), "cmd:hotline"),
    (Command("xoadulieu-ok"), "cmd:xoadulieu-ok"),
    (PickLocality("ky-lac"), "loc:ky-lac"),
    (PickLocality(None), "loc:-"),
    (PickTopic("ho-tich"), "topic:ho-tich"),
    (OpenMenu("procedures"), "menu:procedures"),
    (PickEntry("tthc-dang-ky-khai-sinh"), "entry:tthc-dang-ky-khai-sinh"),
    (PickField("tthc-dang-ky-khai-sinh", "fee"), "field:tthc-dang-ky-khai-sinh:fee"),
    (PickCase("tthc-dang-ky-khai-sinh", 2), "case:tthc-dang-ky-khai-sinh:2"),
    (Subscribe("thong-bao-chung"), "sub:thong-bao-chung"),
    (Unsubscribe(None), "unsub:*"),
    (Rate(42, up=True), "rate:42:up"),
    (Rate(7, up=False), "rate:7:down"),
    (ComposeStep("topic", "thong-bao-chung"), "bc:topic:thong-bao-chung"),
    (ComposeStep("loc", None), "bc:loc:*"),
    (ComposeStep("send"), "bc:send"),
])
def test_a_constructed_payload_reads_back_as_itself(value: Payload, text: str) -> None:
    assert str(value) == text
    assert parse_payload(text) == value


@pytest.mark.parametrize("text", [
    "", "rate", "rate:", "rate:x:up", "rate:²:up", "rate:12:sideways", "rate:12", "rate:99999999999999999:up",
    "loc:", "loc:a b", "entry:", "field:e1", "field::fee", "case:e1:x", "case:e1:12345", "menu:other",
    "unsub:", "bc:", "bc:send:now", "bc:topic:", "bc:launch", "xyz:1", "cmd:", "cmd:a:b", "topic:*",
])
def test_anything_else_is_malformed_never_an_exception(text: str) -> None:
    parsed = parse_payload(text)
    assert isinstance(parsed, Malformed) and parsed.raw == text and parsed.reason


def test_choices_know_ratings_and_entries() -> None:
    assert Choice("👍", str(Rate(1, up=True))).is_rating
    assert not Choice("rate:1:up?", "cmd:rate").is_rating
    assert Choice("Khai sinh", str(PickEntry("e1"))).entry_id == "e1"
    assert Choice("Menu", str(Command("menu"))).entry_id is None


def say(core: Core, text: str = "", payload: str | None = None) -> list[Reply]:
    return core.dialogue.handle(Incoming("telegram", "5", text, payload, address="5"))


@pytest.mark.parametrize("payload", ["rate:x:up", "bc:launch", "xyz:1", "field:e1"])
def test_a_malformed_button_gets_a_clear_message_and_the_menu(core: Core, payload: str) -> None:
    say(core, "/start")
    say(core, payload="loc:ky-lac")
    unknown, menu = say(core, payload=payload)
    assert unknown.text.startswith(UNKNOWN_BUTTON)
    assert menu.text == core.kb.text("main_menu") and menu.choices


def test_a_malformed_button_loses_nothing_the_person_was_writing(core: Core) -> None:
    say(core, "/start")
    say(core, payload="loc:ky-lac")
    assert say(core, "/gopy")[0].text == core.kb.text("feedback_ask")
    assert say(core, payload="rate:²:up")[0].text.startswith(UNKNOWN_BUTTON)
    assert "GY-" in say(core, "Hồ sơ của tôi trễ hẹn")[0].text  # still taken as the feedback


def test_a_malformed_button_keeps_an_officers_draft(core: Core) -> None:
    core.outbox.add_officer("telegram", pseudonym(core.settings.secret, "telegram", "5"))
    say(core, "/thongbao")
    say(core, "Lịch tiếp công dân tháng 12")
    say(core, payload=str(ComposeStep("topic", "thong-bao-chung")))
    assert say(core, payload="bc:launch")[0].text.startswith(UNKNOWN_BUTTON)
    preview = say(core, payload=str(ComposeStep("loc", "ky-lac")))[0]
    assert "Lịch tiếp công dân tháng 12" in preview.text
    assert say(core, payload=str(ComposeStep("send")))[0].text.startswith("Đã xếp thông báo #1")
