"""Sending to Telegram for the broadcast engine and the reply queue: one sender each, Telegram's
errors translated into :class:`~bot.errors.DeliveryError` (blocked, permanent, or worth retrying,
with the platform's ``retry_after``).

The reply queue of a running bot sends with :func:`make_json_reply_sender`: the stored payload
goes to ``sendMessage`` as the JSON body it already is, and only ``ok`` is read from the answer.
Through python-telegram-bot each reply would be rebuilt as objects, form-encoded, and its answer
parsed into a ``Message`` nobody reads: under a burst, a fifth of the server's CPU."""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import os
import warnings
from collections.abc import Iterator
from typing import Any

import httpx
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


def make_json_reply_sender(http: httpx.AsyncClient, api_url: str, token: str) -> ReplySend:
    """``send(chat_id, payload)`` for the reply queue, straight to the Bot API's ``sendMessage``
    with a JSON body (the same fields python-telegram-bot would send)."""
    url = f"{api_url}/bot{token}/sendMessage"

    async def send(address: str, payload: dict[str, Any]) -> None:
        body: dict[str, Any] = {"chat_id": int(address), "text": payload["text"], "parse_mode": "HTML",
                                "link_preview_options": {"is_disabled": True}}
        if payload.get("markup"):
            body["reply_markup"] = payload["markup"]
        if payload.get("quote"):
            body["reply_parameters"] = {"message_id": payload["quote"], "allow_sending_without_reply": True}
        try:
            response = await http.post(url, json=body)
            answer = response.json()
        except httpx.HTTPError as exc:
            raise DeliveryError(f"network: {type(exc).__name__}: {exc}") from exc
        except ValueError:  # not JSON: a proxy's error page
            answer = {}
        if not (isinstance(answer, dict) and answer.get("ok") is True):
            raise api_error(response.status_code, answer if isinstance(answer, dict) else {})

    return send


def api_error(status: int, answer: dict[str, Any]) -> DeliveryError:
    """A Bot API refusal as a DeliveryError, as :func:`delivery_errors` classifies PTB's errors."""
    description = str(answer.get("description") or f"HTTP {status}")
    parameters = answer.get("parameters")
    parameters = parameters if isinstance(parameters, dict) else {}
    if status == 429:
        return DeliveryError("flood control", retry_after=float(parameters.get("retry_after") or 1))
    if status == 403:  # "bot was blocked by the user", "user is deactivated"
        return DeliveryError(description, blocked=True)
    if status == 400:
        blocked = any(h in description.lower() for h in BLOCKED_HINTS)
        return DeliveryError(description, blocked=blocked, permanent=True)
    if status >= 500:
        return DeliveryError(f"network: {description}")
    return DeliveryError(f"telegram: {description}")
