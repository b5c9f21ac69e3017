"""Zalo adapter: Zalo Bot Platform updates in, plain-text numbered replies out.

Zalo messages are plain text of at most 2,000 characters with no buttons, so every choice the
core offers becomes a numbered line; the person answers "1", "2"… or the words, which the
core's dialogue understands. Commands work as bare words (MENU, HOTLINE, GOPY, DANGKY, HUY),
also handled by the core. In groups the bot speaks only when addressed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from bot.app import Core
from bot.broadcast.delivery import Send
from bot.errors import ConfigError, DeliveryError
from bot.messages import Channel, Incoming, Reply
from bot.replies import Replies, ReplySend
from bot.storage.reply_outbox import ReplyOutbox
from handlers.answering import Answerer
from handlers.chatpool import ChatPool
from handlers.numbered import numbered_all
from handlers.startup import ChannelStates, until_ready
from handlers.textsplit import split_text
from handlers.zalo_api import (
    DEFAULT_API_URL,
    TEXT_LIMIT,
    ZaloApiError,
    ZaloClient,
    ZaloError,
    ZaloNetworkError,
    ZaloRateLimited,
)

log = logging.getLogger(__name__)

CHANNEL: Channel = "zalo"


@dataclass(frozen=True)
class ZaloSettings:
    """Zalo settings, read once from the environment."""

    token: str
    api_url: str = DEFAULT_API_URL
    webhook_url: str | None = None
    webhook_secret: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, webhook: bool = False) -> ZaloSettings:
        env = os.environ if env is None else env
        token = env.get("ZALO_BOT_TOKEN", "").strip()
        if not token:
            raise ConfigError("thiếu ZALO_BOT_TOKEN (lấy từ Zalo Bot Manager)")
        settings = cls(token, (env.get("ZALO_API_URL") or DEFAULT_API_URL).rstrip("/"),
                       env.get("ZALO_WEBHOOK_URL") or None, env.get("ZALO_WEBHOOK_SECRET") or None)
        if webhook and not (settings.webhook_url and settings.webhook_secret):
            raise ConfigError("chế độ webhook cần ZALO_WEBHOOK_URL và ZALO_WEBHOOK_SECRET")
        if settings.webhook_secret is not None and not 8 <= len(settings.webhook_secret) <= 256:
            raise ConfigError("ZALO_WEBHOOK_SECRET phải dài 8–256 ký tự")
        return settings


def unwrap(body: object) -> dict[str, Any] | None:
    """The update inside a webhook body (bare, or wrapped as {ok, result}); None if malformed."""
    if isinstance(body, dict) and "message" not in body and isinstance(body.get("result"), dict):
        body = body["result"]
    if not isinstance(body, dict):
        return None
    message = body.get("message")
    if not isinstance(message, dict):
        return None
    chat, sender = message.get("chat"), message.get("from")
    if not isinstance(chat, dict) or not isinstance(sender, dict):
        return None
    if not chat.get("id") or not sender.get("id") or not message.get("message_id"):
        return None
    return body


def render(replies: list[Reply]) -> list[str]:
    """Plain-text messages under 2,000 characters, choices numbered across the replies."""
    return [part for text in numbered_all(replies) for part in split_text(text, TEXT_LIMIT)]


class ZaloAdapter:
    """Turns Zalo updates into the core's dialogue and sends the replies back."""

    def __init__(self, core: Core, client: ZaloClient, *, bot_name: str | None = None,
                 replies: Replies | None = None, pool: ChatPool | None = None,
                 answer: Answerer | None = None) -> None:
        self.core = core
        self.client = client
        self.bot_name = bot_name
        self.replies = replies or Replies(
            ReplyOutbox(core.store), {CHANNEL: make_reply_sender(client.once())}, core.settings.secret,
            core.settings.reply_retry_seconds)
        self.pool = pool or ChatPool()
        self.answer = answer or Answerer(core)

    async def submit(self, update: dict[str, Any]) -> None:
        """Queue an update (waiting while the pool is full): different people's updates are
        handled concurrently, one person's in order."""
        sender = str(update["message"]["from"]["id"])
        await self.pool.submit(("user", sender), lambda: self.handle_update(update))

    def _addressed(self, text: str, group: bool) -> str | None:
        if not group:
            return text
        stripped = text.strip()
        if stripped.startswith("/"):
            return stripped
        name = (self.bot_name or "").strip()
        if name and f"@{name}".lower() in stripped.lower():
            at = stripped.lower().index(f"@{name}".lower())
            return (stripped[:at] + stripped[at + len(name) + 1:]).strip()
        return None

    async def handle_update(self, update: dict[str, Any]) -> int:
        """Handle one update; returns the number of messages sent."""
        message = update["message"]
        chat, sender = message["chat"], message["from"]
        if sender.get("is_bot"):
            return 0
        group = str(chat.get("chat_type", "PRIVATE")).upper() == "GROUP"
        is_text = str(update.get("event_name", "message.text.received")).startswith("message.text")
        written = message.get("text") if is_text else message.get("caption")  # a photo's caption
        text = self._addressed(written if isinstance(written, str) else "", group)
        if text is None:
            return 0
        msg = Incoming(CHANNEL, str(sender["id"]), text,
                       address=None if group else str(chat["id"]),
                       message_id=str(message["message_id"]), group=group)
        replies = await self.answer(msg)
        if group:
            replies = replies[:1]
        return await self.send(str(sender["id"]), str(chat["id"]), replies)

    async def send(self, user_id: str, chat_id: str, replies: list[Reply]) -> int:
        """The replies as numbered plain text, through the durable reply queue, in order."""
        return await self.replies.deliver(CHANNEL, user_id, chat_id,
                                          [{"text": part} for part in render(replies)])


async def start(adapter: ZaloAdapter, webhook: tuple[str, str] | None = None) -> None:
    """The start-up calls: setWebhook (url, secret) or deleteWebhook for polling, then getMe —
    each tried once (the caller retries with its own backoff)."""
    client = adapter.client.once()
    if webhook is not None:
        await client.set_webhook(*webhook)
    else:
        await client.delete_webhook()
    me = await client.get_me()
    adapter.bot_name = adapter.bot_name or me.get("account_name")


async def run_polling(adapter: ZaloAdapter, stop: asyncio.Event,
                      states: ChannelStates | None = None) -> None:
    """Long polling until ``stop`` is set: deleteWebhook and getMe (retried with backoff while
    Zalo is unreachable), then getUpdates in a loop; the reply queue retries alongside."""
    client = adapter.client
    worker = asyncio.create_task(adapter.replies.run(stop))
    try:
        if await until_ready(CHANNEL, lambda: start(adapter), stop, states):
            await _poll(adapter, client, stop)
    finally:
        await adapter.pool.drain()
        await worker


async def _poll(adapter: ZaloAdapter, client: ZaloClient, stop: asyncio.Event) -> None:
    while not stop.is_set():
        poll = asyncio.ensure_future(client.get_updates())
        stopping = asyncio.ensure_future(stop.wait())
        done, _ = await asyncio.wait({poll, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if poll not in done:
            poll.cancel()
            break
        stopping.cancel()
        try:
            updates = poll.result()
        except ZaloError as exc:
            log.warning("Zalo getUpdates failed: %s", exc)
            await asyncio.sleep(client.policy.backoff)
            continue
        for raw in updates:
            update = unwrap(raw)
            if update is None:
                log.warning("malformed Zalo update ignored")
                continue
            await adapter.submit(update)


def make_sender(client: ZaloClient) -> Send:
    """``send(address, text)`` for the broadcast engine, translating Zalo's errors."""

    async def send(address: str, text: str) -> None:
        with delivery_errors():
            await client.send_message(address, text[:TEXT_LIMIT])

    return send


def make_reply_sender(client: ZaloClient) -> ReplySend:
    """``send(chat_id, payload)`` for the reply queue, translating Zalo's errors."""

    async def send(address: str, payload: dict[str, Any]) -> None:
        with delivery_errors():
            await client.send_message(address, str(payload["text"])[:TEXT_LIMIT])

    return send


@contextlib.contextmanager
def delivery_errors() -> Iterator[None]:
    """Zalo's errors as :class:`DeliveryError`: blocked, permanent, or worth retrying."""
    try:
        yield
    except ZaloRateLimited as exc:
        raise DeliveryError("rate limited", retry_after=exc.retry_after) from exc
    except ZaloApiError as exc:
        blocked = exc.error_code == 403 or any(
            h in exc.description.lower() for h in ("block", "not allowed", "unfollow"))
        raise DeliveryError(exc.description, blocked=blocked, permanent=True) from exc
    except ZaloNetworkError as exc:
        raise DeliveryError(f"network: {exc}") from exc
