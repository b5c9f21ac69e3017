"""The delivery engine for broadcasts: rate-limited, retried, resumable sending from the outbox.

Each channel gets one worker, guarded by a fenced lease in the database (see
:mod:`bot.storage.outbox`): a keeper task renews the lease every ``lease_ttl / 5`` seconds however long
a batch, a 429 pause or a slow platform takes; the worker hands a row to the platform only if
the lease is still valid for the longest a send may take (``send_timeout``) plus a margin, and
cuts any send at that point — so a process that cannot renew stops sending before its lease can
pass to another. A worker claims a small batch of pending rows, waits for the channel's rate
limiter before each send, and records each outcome at once. The adapters supply
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
from bot.storage.outbox import Delivery, Outbox

log = logging.getLogger(__name__)

Send = Callable[[str, str], Awaitable[None]]
Clock = Callable[[], float]
#: How the limiters wait; with a matching :data:`Clock`, tests run them on a fake time.
Sleep = Callable[[float], Awaitable[None]]


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
                 spacing: float = 0.0, sleep: Sleep = asyncio.sleep) -> None:
        self.count = max(1, count)
        self.window = window
        self.spacing = spacing  # minimum seconds between two acquisitions (pacing, no bursts)
        self.clock = clock
        self.sleep = sleep
        self._times: deque[float] = deque()
        self._paused_until = 0.0
        self._lock = asyncio.Lock()

    def note(self) -> None:
        """Count a send made outside the queue (a reply, which never waits) in the window."""
        self._times.append(self.clock())

    def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, self.clock() + seconds)

    async def acquire(self) -> None:
        async with self._lock:
            while True:
                now = self.clock()
                if now < self._paused_until:
                    await self.sleep(self._paused_until - now)
                    continue
                while self._times and self._times[0] <= now - self.window:
                    self._times.popleft()
                if self._times and now < self._times[-1] + self.spacing:
                    await self.sleep(self._times[-1] + self.spacing - now)
                    continue
                if len(self._times) < self.count:
                    self._times.append(now)
                    return
                await self.sleep(self._times[0] + self.window - now)


class ChannelLimiter:
    """The overall window plus per-chat and per-group spacing of one channel."""

    def __init__(self, limit: RateLimit, clock: Clock = time.monotonic, sleep: Sleep = asyncio.sleep) -> None:
        # per_second sends per ``window`` (a little over a second): the server, counting arrivals
        # over one second, never sees more than per_second even with some network jitter
        count = max(1, int(limit.per_second))
        window = limit.window * count / limit.per_second
        self.limit = limit
        # evenly paced: a burst of a whole window at once would queue on the connection pool and
        # reach the server bunched together with the next window's first messages
        self.overall = SlidingWindow(count, window, clock, spacing=window / count, sleep=sleep)
        self.clock = clock
        self.sleep = sleep
        self._chats: dict[str, SlidingWindow] = {}

    def _chat(self, address: str) -> SlidingWindow:
        if address not in self._chats:
            if self.limit.is_group(address):
                self._chats[address] = SlidingWindow(self.limit.group_per_minute, 60.0, self.clock,
                                                     sleep=self.sleep)
            else:
                self._chats[address] = SlidingWindow(1, self.limit.per_chat_interval, self.clock,
                                                     sleep=self.sleep)
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


class LeaseKeeper:
    """Holds one channel's lease: its generation and how long it is surely still valid.

    ``valid_until`` is measured on the monotonic clock from *before* each renewal started, so
    it never runs past the expiry written in the database."""

    def __init__(self, outbox: Outbox, name: str, owner: str, ttl: float,
                 clock: Clock = time.monotonic) -> None:
        self.outbox = outbox
        self.name = name
        self.owner = owner
        self.ttl = ttl
        self.clock = clock
        self.generation: int | None = None
        self.valid_until = 0.0

    def remaining(self) -> float:
        return self.valid_until - self.clock() if self.generation is not None else 0.0

    async def renew(self) -> int | None:
        started = self.clock()
        try:
            generation = await asyncio.to_thread(self.outbox.take_lease, self.name, self.owner, self.ttl)
        except Exception:  # the database is busy or gone: the lease simply runs out
            log.exception("%s: could not renew the lease", self.name)
            return self.generation if self.remaining() > 0 else None
        if generation is None:
            if self.generation is not None:
                log.warning("%s: lease taken by another process; sending stops", self.name)
            self.generation, self.valid_until = None, 0.0
        else:
            self.generation, self.valid_until = generation, started + self.ttl
        return self.generation

    async def keep(self, stop: asyncio.Event, idle: float) -> None:
        """Renew until ``stop``, then let the lease go."""
        try:
            while not stop.is_set():
                await self.renew()
                await _wait(stop, self.ttl / 5 if self.generation is not None else idle)
        finally:
            if self.generation is not None:
                await asyncio.to_thread(self.outbox.release_lease, self.name, self.owner)
                self.generation = None


class Broadcaster:
    """Runs the outbox: starts due broadcasts and delivers them on every configured channel."""

    def __init__(self, outbox: Outbox, senders: dict[str, Send], limits: dict[str, RateLimit],
                 *, concurrency: int = 8, batch: int = 32, max_attempts: int = 5,
                 backoff: float = 1.0, idle: float = 1.0, lease_ttl: float = 20.0,
                 send_timeout: float = 10.0, margin: float = 2.0) -> None:
        if send_timeout + margin >= lease_ttl * 0.8 - 0.01:
            raise ValueError("lease_ttl must leave room for a send and the margin between renewals")
        self.outbox = outbox
        self.senders = senders
        self.limiters = {c: ChannelLimiter(limits.get(c, RateLimit())) for c in senders}
        self.concurrency = concurrency
        self.batch = batch
        self.max_attempts = max_attempts
        self.backoff = backoff
        self.idle = idle
        self.lease_ttl = lease_ttl
        self.send_timeout = send_timeout
        self.margin = margin
        self.owner = uuid.uuid4().hex
        self.stats = {c: Stats() for c in senders}

    def note_send(self, channel: str) -> None:
        """A reply went out on ``channel`` (replies go first and never wait): broadcasts pace
        around it within the platform's overall rate."""
        if channel in self.limiters:
            self.limiters[channel].overall.note()

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver until ``stop`` is set."""
        keepers = {c: LeaseKeeper(self.outbox, f"broadcast:{c}", self.owner, self.lease_ttl)
                   for c in self.senders}
        tasks = [asyncio.create_task(k.keep(stop, self.idle)) for k in keepers.values()]
        workers = [asyncio.create_task(self._channel(c, keepers[c], stop)) for c in self.senders]
        try:
            while not stop.is_set():
                try:
                    await asyncio.to_thread(self.outbox.start_due, None, set(self.senders))
                    await asyncio.to_thread(self.outbox.complete_finished)
                except Exception:  # the database is busy or failing: try again next round
                    log.exception("broadcasts: could not start or complete due broadcasts")
                await _wait(stop, self.idle)
        finally:
            await asyncio.gather(*workers, return_exceptions=True)
            await asyncio.gather(*tasks, return_exceptions=True)

    def _may_send(self, keeper: LeaseKeeper, generation: int) -> bool:
        return keeper.generation == generation and keeper.remaining() > self.send_timeout + self.margin

    async def _channel(self, channel: str, keeper: LeaseKeeper, stop: asyncio.Event) -> None:
        recovered: int | None = None
        while not stop.is_set():
            generation = keeper.generation
            if generation is None or not self._may_send(keeper, generation):
                await _wait(stop, min(self.idle, 0.2))
                continue
            if recovered != generation:
                fresh, unknown = await asyncio.to_thread(self.outbox.recover, channel, generation)
                if fresh or unknown:
                    log.warning("%s: took over %d unsent deliveries and %d whose outcome is unknown "
                                "(those are sent again)", channel, fresh, unknown)
                recovered = generation
            batch = []
            try:
                batch = await asyncio.to_thread(self.outbox.claim, channel, self.batch, None, generation)
                if batch:
                    await self._deliver(channel, batch, stop, keeper, generation)
                    continue
            except Exception:  # the database is busy or failing: rows without a recorded outcome
                log.exception("%s: delivery round failed", channel)  # are sent again
                with contextlib.suppress(Exception):
                    await asyncio.to_thread(self.outbox.put_back, [d.id for d in batch], generation)
            await _wait(stop, min(self.idle, 0.2))

    async def _deliver(self, channel: str, batch: list[Delivery], stop: asyncio.Event,
                       keeper: LeaseKeeper, generation: int) -> None:
        limiter = self.limiters[channel]
        gate = asyncio.Semaphore(self.concurrency)
        states: dict[int, str | None] = {}
        tasks: list[asyncio.Future[object]] = []
        handed: dict[int, str] = {}
        for i, delivery in enumerate(batch):
            if delivery.broadcast_id not in states:
                states[delivery.broadcast_id] = await asyncio.to_thread(
                    self.outbox.broadcast_state, delivery.broadcast_id)
            if states[delivery.broadcast_id] == "cancelled" and not stop.is_set():
                tasks.append(asyncio.create_task(asyncio.to_thread(
                    self.outbox.finish, delivery.id, "cancelled", None, generation)))
                continue
            if stop.is_set():
                await asyncio.to_thread(self.outbox.put_back, [d.id for d in batch[i:]], generation)
                break
            await gate.acquire()
            # the next rows are marked "sending" a few at a time, before waiting for the rate
            # limiter, so that no database write sits between the limiter's slot and the send
            # (evenly paced arrivals, no 429)
            if delivery.id not in handed and self._may_send(keeper, generation):
                handed |= await asyncio.to_thread(self.outbox.hand_many,
                                                  batch[i:i + self.concurrency], generation)
            state = handed.get(delivery.id, "lease")
            if state == "row":  # an earlier holder's late success was recorded: not sent again
                gate.release()
                continue
            if state == "ok":
                await limiter.acquire(delivery.address)
            if state != "ok" or stop.is_set() or not self._may_send(keeper, generation):
                gate.release()  # this row was not sent (nor the rest): back to "pending"
                if not stop.is_set():
                    log.warning("%s: lease not valid long enough; %d claimed deliveries put back",
                                channel, len(batch) - i)
                await asyncio.to_thread(self.outbox.put_back, [d.id for d in batch[i:]], generation)
                break
            timeout = min(self.send_timeout, keeper.remaining() - self.margin)
            tasks.append(asyncio.create_task(self._send_one(channel, delivery, gate, generation, timeout)))
        for result in await asyncio.gather(*tasks, return_exceptions=True):  # all finish first
            if isinstance(result, Exception):
                raise result

    async def _send_one(self, channel: str, delivery: Delivery, gate: asyncio.Semaphore,
                        generation: int, timeout: float) -> None:
        stats = self.stats[channel]
        try:
            await asyncio.wait_for(self.senders[channel](delivery.address, delivery.text), timeout)
        except DeliveryError as exc:
            await self._failed(channel, delivery, exc, stats, generation)
        except TimeoutError:  # cut before the lease could pass on; the platform may have it
            await self._failed(channel, delivery, DeliveryError("timed out"), stats, generation)
        except Exception as exc:  # an adapter bug must not stop the other deliveries
            log.exception("%s: unexpected error delivering broadcast %d", channel, delivery.broadcast_id)
            await self._failed(channel, delivery, DeliveryError(str(exc)), stats, generation)
        else:
            stats.sent += 1
            if not await asyncio.to_thread(self.outbox.finish, delivery.id, "sent", None, generation):
                log.warning("%s: a delivery was recorded after the lease passed on", channel)
        finally:
            gate.release()

    async def _failed(self, channel: str, delivery: Delivery, exc: DeliveryError, stats: Stats,
                      generation: int) -> None:
        reason = str(exc)[:200]
        if exc.blocked:
            stats.blocked += 1
            await asyncio.to_thread(self.outbox.finish, delivery.id, "blocked", reason, generation)
        elif exc.permanent or delivery.attempts + 1 >= self.max_attempts:
            stats.failed += 1
            await asyncio.to_thread(self.outbox.finish, delivery.id, "failed", reason, generation)
        elif exc.retry_after is not None:
            stats.throttled += 1
            self.limiters[channel].overall.pause(exc.retry_after)
            await asyncio.to_thread(self.outbox.retry_later, delivery.id, exc.retry_after, reason,
                                    generation)
        else:
            stats.retried += 1
            wait = self.backoff * 2 ** delivery.attempts
            await asyncio.to_thread(self.outbox.retry_later, delivery.id, wait, reason, generation)


async def _wait(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)
