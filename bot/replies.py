"""Replies that are delivered or accounted for.

An adapter renders the dialogue's replies into platform payloads and calls
:meth:`Replies.deliver` — the one reply path, safe to call from concurrent handlers::

    await replies.deliver(channel, user_id, chat_id, [payload, ...])

The replies are stored first (:mod:`bot.storage.reply_outbox`), then sent at once, in order.
A reply the platform does not take for a transient reason (network, timeout, 5xx, 429) stays queued and the
worker (:meth:`Replies.run`, in every long-running process) retries it with exponential backoff
— or after the platform's ``retry_after`` — until the retry window (``CCHC_REPLY_RETRY_SECONDS``)
has passed since the message came in; then it is recorded as "failed", visible to staff. A
permanent refusal (blocked, bad request) fails at once. Replies have their own queue and worker,
so they never wait behind a broadcast; ``on_send`` lets the broadcast engine count them against
the platform's overall rate.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from bot.clock import Clock, parse_iso, utc_now
from bot.errors import DeliveryError
from bot.privacy import pseudonym
from bot.storage.reply_outbox import QueuedReply, ReplyOutbox

log = logging.getLogger(__name__)

#: ``send(chat_id, payload)``: delivers one rendered reply or raises DeliveryError
ReplySend = Callable[[str, dict[str, Any]], Awaitable[None]]


class Replies:
    """The reply queue of the channels in ``senders``."""

    def __init__(self, outbox: ReplyOutbox, senders: dict[str, ReplySend], secret: bytes,
                 window: float, *, backoff: float = 0.5, max_backoff: float = 15.0,
                 send_timeout: float = 15.0, idle: float = 0.5, clock: Clock = utc_now,
                 on_send: Callable[[str], None] | None = None) -> None:
        self.outbox = outbox
        self.senders = senders
        self.secret = secret
        self.window = window
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.send_timeout = send_timeout
        self.idle = idle
        self.clock = clock
        self.on_send = on_send
        self._wake = asyncio.Event()

    async def deliver(self, channel: str, user_id: str, address: str,
                      payloads: list[dict[str, Any]]) -> int:
        """Queue one message's replies to chat ``address`` and send them now if the platform
        takes them; returns how many were delivered at once (the rest are retried)."""
        if not payloads:
            return 0
        key = pseudonym(self.secret, channel, user_id)
        ids = set(await asyncio.to_thread(self.outbox.enqueue, channel, address, key, payloads,
                                          self.window))
        sent = 0
        while ids:
            claimed = await asyncio.to_thread(self.outbox.claim, [channel], self.send_timeout * 2, 1,
                                              address)
            if not claimed:
                break  # an earlier reply of this chat is in flight or waiting: the worker goes on
            reply = claimed[0]  # the chat's oldest unfinished reply: ours, or one still waiting
            if not await self._attempt(reply):
                break
            if reply.id in ids:
                ids.discard(reply.id)
                sent += 1
        if ids:
            self._wake.set()
        return sent

    async def run(self, stop: asyncio.Event) -> None:
        """Retry waiting replies until ``stop`` is set; each chat in order, chats side by side."""
        channels = list(self.senders)
        while not stop.is_set():
            try:
                batch = await asyncio.to_thread(self.outbox.claim, channels, self.send_timeout * 2)
            except Exception:  # the database is busy: try again on the next round
                log.exception("reply queue: claim failed")
                batch = []
            if batch:
                for result in await asyncio.gather(*(self._attempt(r) for r in batch),
                                                   return_exceptions=True):
                    if isinstance(result, Exception):  # a claim left behind is retried later
                        log.error("reply queue: a delivery round failed", exc_info=result)
                continue
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(_first(stop, self._wake), timeout=self.idle)

    async def _attempt(self, reply: QueuedReply) -> bool:
        """One send; the row is deleted, retried later or failed. True if delivered."""
        try:
            await asyncio.wait_for(self.senders[reply.channel](reply.address, reply.payload),
                                   self.send_timeout)
        except asyncio.CancelledError:
            await asyncio.to_thread(self.outbox.put_back, [reply])
            raise
        except (DeliveryError, TimeoutError) as exc:
            err = exc if isinstance(exc, DeliveryError) else DeliveryError("timed out")
            await self._failed(reply, err)
            return False
        except Exception as exc:  # an adapter bug must not stop the queue
            log.exception("%s: unexpected error sending a reply", reply.channel)
            await self._failed(reply, DeliveryError(str(exc), permanent=True))
            return False
        if self.on_send is not None:
            self.on_send(reply.channel)
        await asyncio.to_thread(self.outbox.delivered, reply)
        return True

    async def _failed(self, reply: QueuedReply, exc: DeliveryError) -> None:
        reason = str(exc)[:200]
        wait = exc.retry_after if exc.retry_after is not None else min(
            self.max_backoff, self.backoff * 2 ** reply.attempts)
        left = (parse_iso(reply.give_up) - self.clock()).total_seconds()
        if exc.permanent:
            log.error("%s: reply refused by the platform, not retried: %s", reply.channel, reason)
            await asyncio.to_thread(self.outbox.fail, reply, reason)
        elif left <= 0:
            log.error("%s: reply still undeliverable after the retry window, given up: %s",
                      reply.channel, reason)
            await asyncio.to_thread(self.outbox.fail, reply, f"retry window over: {reason}")
        else:  # the last attempt falls on the end of the window
            wait = min(wait, left)
            log.warning("%s: reply not delivered (%s); retrying in %.1f s", reply.channel, reason, wait)
            await asyncio.to_thread(self.outbox.retry, reply, wait, reason)


async def _first(*events: asyncio.Event) -> None:
    """Return as soon as one of ``events`` is set."""
    waiters = [asyncio.ensure_future(e.wait()) for e in events]
    try:
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for w in waiters:
            w.cancel()
