"""The reply queue's JSON sender (handlers/telegram_send.py) against the fake Bot API."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from bot.errors import DeliveryError
from handlers.http_transport import fast_transport
from handlers.telegram_send import make_json_reply_sender
from tests.fake_telegram import TOKEN, FakeTelegram

BUTTONS = {"inline_keyboard": [[{"text": "Kỳ Lạc", "callback_data": "loc:ky-lac"}]]}


def send(fake: FakeTelegram, address: str, payload: dict[str, Any]) -> DeliveryError | None:
    async def main() -> DeliveryError | None:
        async with httpx.AsyncClient(transport=fast_transport(4)) as http:
            try:
                await make_json_reply_sender(http, fake.url, TOKEN)(address, payload)
            except DeliveryError as exc:
                return exc
        return None
    return asyncio.run(main())


def test_a_reply_goes_out_as_html_with_its_buttons_and_the_message_it_quotes(fake: FakeTelegram) -> None:
    assert send(fake, "-100", {"text": "<b>Số</b> hỗ trợ", "markup": BUTTONS, "quote": 17}) is None
    assert fake.sent() == [{"chat_id": -100, "text": "<b>Số</b> hỗ trợ", "parse_mode": "HTML",
                            "link_preview_options": {"is_disabled": True}, "reply_markup": BUTTONS,
                            "reply_parameters": {"message_id": 17, "allow_sending_without_reply": True}}]


@pytest.mark.parametrize(("setup", "blocked", "permanent", "retry_after"), [
    ("blocked", True, True, None),
    ("throttled", False, False, 7.0),
    ("down", False, False, None),
])
def test_refusals_are_told_apart(fake: FakeTelegram, setup: str, blocked: bool, permanent: bool,
                                 retry_after: float | None) -> None:
    if setup == "blocked":
        fake.blocked = {42}
    elif setup == "throttled":
        fake.throttle_at = {1: 7}
    else:
        fake.down = {"sendMessage"}
    error = send(fake, "42", {"text": "một"})
    assert error is not None
    assert (error.blocked, error.permanent, error.retry_after) == (blocked, permanent, retry_after)
    assert fake.sent() == []


def test_a_bad_request_is_permanent_and_an_unreachable_api_is_worth_retrying(fake: FakeTelegram) -> None:
    fake.failures["sendMessage"] = (400, "Bad Request: chat not found")
    error = send(fake, "42", {"text": "một"})
    assert error is not None and error.permanent and error.blocked
    fake.server.shutdown()
    fake.server.server_close()
    error = send(fake, "42", {"text": "hai"})
    assert error is not None and not error.permanent and str(error).startswith("network:")
