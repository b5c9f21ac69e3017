"""The delivery engine for broadcasts: rate-limited, retried, resumable sending from the outbox.

Each channel gets one worker (guarded by a lease in the database, so two processes never send
the same channel's outbox). A worker claims a small batch of pending rows, waits for the
channel's rate limiter before each send, and records each outcome at once. The adapters supply
the ``send(address, text)`` functions and translate platform errors into
:class:`~bot.errors.DeliveryError`; this module knows nothing of Telegram or Zalo.

Limits: a sliding window (never more than ``per_second`` sends in any ``window`` seconds,
slightly longer than one second so that network jitter cannot push the server's count over),
evenly paced,
at most one message per ``per_chat_interval`` to one chat, at most ``group_per_minute`` to a
group. A ``retry_after`` from the platform pauses the whole channel.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.errors import DeliveryError
from bot.outbox import Delivery, Outbox

log = logging.getLogger(__name__)

Send = Callable[[str, str], Awaitable[None]]
Clock = Callable[[], float]


@dataclass(frozen=True)
class RateLimit:
    per_second: float = 30.0
    window: float = 1.04  # seconds over which ``per_second`` sends are spread (see ChannelLimiter)
    per_chat_interval: float = 1.0
    group_per_minute: int = 20
    is_group: Callable[[str], bool] = field(default=lambda address: False)


class SlidingWindow:
    """At most ``count`` acquisitions in any ``window`` seconds; can be paused."""

    def __init__(self, count: int, window: float, clock: Clock = time.monotonic,
                 spacing: float = 0.0) -> None:
        self.count = max(1, count)
        self.window = window
        self.spacing = spacing  # minimum seconds between two acquisitions (pacing, no bursts)
        self.clock = clock
        self._times: deque[float] = deque()
        self._paused_until = 0.0
        self._lock = asyncio.Lock()

    def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, self.clock() + seconds)

    async def acquire(self) -> None:
        async with self._lock:
            while True:
                now = self.clock()
                if now < self._paused_until:
                    await asyncio.sleep(self._paused_until - now)
                    continue
                while self._times and self._times[0] <= now - self.window:
                    self._times.popleft()
                if self._times and now < self._times[-1] + self.spacing:
                    await asyncio.sleep(self._times[-1] + self.spacing - now)
                    continue
                if len(self._times) < self.count:
                    self._times.append(now)
                    return
                await asyncio.sleep(self._times[0] + self.window - now)


class ChannelLimiter:
    """The overall window plus per-chat and per-group spacing of one channel."""

    def __init__(self, limit: RateLimit, clock: Clock = time.monotonic) -> None:
        # per_second sends per ``window`` (a little over a second): the server, counting arrivals
        # over one second, never sees more than per_second even with some network jitter
        count = max(1, int(limit.per_second))
        window = limit.window * count / limit.per_second
        self.limit = limit
        # evenly paced: a burst of a whole window at once would queue on the connection pool and
        # reach the server bunched together with the next window's first messages
        self.overall = SlidingWindow(count, window, clock, spacing=window / count)
        self.clock = clock
        self._chats: dict[str, SlidingWindow] = {}

    def _chat(self, address: str) -> SlidingWindow:
        if address not in self._chats:
            if self.limit.is_group(address):
                self._chats[address] = SlidingWindow(self.limit.group_per_minute, 60.0, self.clock)
            else:
                self._chats[address] = SlidingWindow(1, self.limit.per_chat_interval, self.clock)
        return self._chats[address]

    async def acquire(self, address: str) -> None:
        await self._chat(address).acquire()
        await self.overall.acquire()


@dataclass
class Stats:
    sent: int = 0
    failed: int = 0
    blocked: int = 0
    retried: int = 0
    throttled: int = 0


class Broadcaster:
    """Runs the outbox: starts due broadcasts and delivers them on every configured channel."""

    def __init__(self, outbox: Outbox, senders: dict[str, Send], limits: dict[str, RateLimit],
                 *, concurrency: int = 8, batch: int = 32, max_attempts: int = 5,
                 backoff: float = 1.0, idle: float = 1.0, lease_ttl: float = 15.0) -> None:
        self.outbox = outbox
        self.senders = senders
        self.limiters = {c: ChannelLimiter(limits.get(c, RateLimit())) for c in senders}
        self.concurrency = concurrency
        self.batch = batch
        self.max_attempts = max_attempts
        self.backoff = backoff
        self.idle = idle
        self.lease_ttl = lease_ttl
        self.owner = uuid.uuid4().hex
        self.stats = {c: Stats() for c in senders}

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver until ``stop`` is set."""
        workers = [asyncio.create_task(self._channel(c, stop)) for c in self.senders]
        try:
            while not stop.is_set():
                await asyncio.to_thread(self.outbox.start_due)
                await asyncio.to_thread(self.outbox.complete_finished)
                await _wait(stop, self.idle)
        finally:
            await asyncio.gather(*workers, return_exceptions=True)
            for channel in self.senders:
                await asyncio.to_thread(self.outbox.release_lease, f"broadcast:{channel}", self.owner)

    async def _channel(self, channel: str, stop: asyncio.Event) -> None:
        lease = f"broadcast:{channel}"
        holding = False
        renewed = 0.0
        while not stop.is_set():
            if not holding or time.monotonic() - renewed > self.lease_ttl / 3:
                got = await asyncio.to_thread(self.outbox.take_lease, lease, self.owner, self.lease_ttl)
                if got and not holding:
                    n = await asyncio.to_thread(self.outbox.recover, channel)
                    if n:
                        log.warning("%s: %d deliveries interrupted by a stop are sent again", channel, n)
                holding, renewed = got, time.monotonic()
                if not holding:
                    await _wait(stop, self.idle)
                    continue
            batch = await asyncio.to_thread(self.outbox.claim, channel, self.batch)
            if not batch:
                await _wait(stop, min(self.idle, 0.2))
                continue
            await self._deliver(channel, batch, stop)

    async def _deliver(self, channel: str, batch: list[Delivery], stop: asyncio.Event) -> None:
        limiter = self.limiters[channel]
        gate = asyncio.Semaphore(self.concurrency)
        states: dict[int, str | None] = {}
        tasks: list[asyncio.Task[None]] = []
        for delivery in batch:
            if delivery.broadcast_id not in states:
                states[delivery.broadcast_id] = await asyncio.to_thread(
                    self.outbox.broadcast_state, delivery.broadcast_id)
            if stop.is_set() or states[delivery.broadcast_id] == "cancelled":
                tasks.append(asyncio.create_task(self._put_back(delivery, stop.is_set())))
                continue
            await gate.acquire()
            await limiter.acquire(delivery.address)
            tasks.append(asyncio.create_task(self._send_one(channel, delivery, gate)))
        await asyncio.gather(*tasks)

    async def _put_back(self, delivery: Delivery, stopping: bool) -> None:
        if stopping:  # not attempted: back to pending for the next run
            await asyncio.to_thread(self.outbox.retry_later, delivery.id, 0.0, "stopped")
        else:
            await asyncio.to_thread(self.outbox.finish, delivery.id, "cancelled")

    async def _send_one(self, channel: str, delivery: Delivery, gate: asyncio.Semaphore) -> None:
        stats = self.stats[channel]
        if not await asyncio.to_thread(self.outbox.still_claimed, delivery.id):
            gate.release()  # erased or cancelled while it waited for its turn: never sent
            return
        try:
            await self.senders[channel](delivery.address, delivery.text)
        except DeliveryError as exc:
            await self._failed(channel, delivery, exc, stats)
        except Exception as exc:  # an adapter bug must not stop the other deliveries
            log.exception("%s: unexpected error delivering broadcast %d", channel, delivery.broadcast_id)
            await self._failed(channel, delivery, DeliveryError(str(exc)), stats)
        else:
            stats.sent += 1
            await asyncio.to_thread(self.outbox.finish, delivery.id, "sent")
        finally:
            gate.release()

    async def _failed(self, channel: str, delivery: Delivery, exc: DeliveryError, stats: Stats) -> None:
        reason = str(exc)[:200]
        if exc.blocked:
            stats.blocked += 1
            await asyncio.to_thread(self.outbox.finish, delivery.id, "blocked", reason)
        elif exc.permanent or delivery.attempts + 1 >= self.max_attempts:
            stats.failed += 1
            await asyncio.to_thread(self.outbox.finish, delivery.id, "failed", reason)
        elif exc.retry_after is not None:
            stats.throttled += 1
            self.limiters[channel].overall.pause(exc.retry_after)
            await asyncio.to_thread(self.outbox.retry_later, delivery.id, exc.retry_after, reason)
        else:
            stats.retried += 1
            wait = self.backoff * 2 ** delivery.attempts
            await asyncio.to_thread(self.outbox.retry_later, delivery.id, wait, reason)


async def _wait(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)
