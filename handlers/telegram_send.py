"""Sending to Telegram for the broadcast engine and the reply queue: one sender each, Telegram's
errors translated into :class:`~bot.errors.DeliveryError` (blocked, permanent, or worth retrying,
with the platform's ``retry_after``)."""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import os
import warnings
from collections.abc import Iterator
from typing import Any

from telegram import Bot, InlineKeyboardMarkup, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

from bot.broadcast.delivery import Send
from bot.errors import DeliveryError
from bot.replies import ReplySend

# --- broadcasts ------------------------------------------------------------------------------
BLOCKED_HINTS = ("blocked", "deactivated", "kicked", "not a member", "chat not found")


def retry_seconds(exc: RetryAfter) -> float:
    """``RetryAfter``'s wait in seconds, whichever type this PTB version gives."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


def use_timedelta() -> None:
    """Opt in to python-telegram-bot's future ``RetryAfter.retry_after`` type (a timedelta), so
    that a 429 does not raise PTB's deprecation warning; :func:`retry_seconds` reads either."""
    os.environ.setdefault("PTB_TIMEDELTA", "1")


@contextlib.contextmanager
def delivery_errors() -> Iterator[None]:
    """Telegram's errors as :class:`DeliveryError`: blocked, permanent, or worth retrying."""
    try:
        yield
    except RetryAfter as exc:
        raise DeliveryError("flood control", retry_after=retry_seconds(exc)) from exc
    except Forbidden as exc:  # "bot was blocked by the user", "user is deactivated"
        raise DeliveryError(exc.message, blocked=True) from exc
    except BadRequest as exc:
        blocked = any(h in exc.message.lower() for h in BLOCKED_HINTS)
        raise DeliveryError(exc.message, blocked=blocked, permanent=True) from exc
    except (TimedOut, NetworkError) as exc:  # also 5xx
        raise DeliveryError(f"network: {exc}") from exc
    except TelegramError as exc:
        raise DeliveryError(f"telegram: {exc}") from exc


def make_sender(tg_bot: Bot) -> Send:
    """``send(address, text)`` for the broadcast engine, translating Telegram's errors."""
    use_timedelta()

    async def send(address: str, text: str) -> None:
        with delivery_errors():
            await tg_bot.send_message(chat_id=int(address), text=html.escape(text, quote=False),
                                      parse_mode=ParseMode.HTML, disable_web_page_preview=True)

    return send


def make_reply_sender(tg_bot: Bot) -> ReplySend:
    """``send(chat_id, payload)`` for the reply queue: a rendered reply (HTML text, buttons,
    the message it quotes in a group), translating Telegram's errors."""
    use_timedelta()

    async def send(address: str, payload: dict[str, Any]) -> None:
        markup = InlineKeyboardMarkup.de_json(payload["markup"], tg_bot) if payload.get("markup") else None
        quote = payload.get("quote")
        with delivery_errors():
            await tg_bot.send_message(
                chat_id=int(address), text=payload["text"], parse_mode=ParseMode.HTML,
                reply_markup=markup, disable_web_page_preview=True,
                reply_parameters=ReplyParameters(quote, allow_sending_without_reply=True) if quote else None)

    return send
