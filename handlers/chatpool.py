"""Concurrent across chats, in order within a chat, bounded: how every channel runs its updates.

A burst of citizens must not wait behind each other, but one person's second message must never
be answered before their first, and one conversation's state must never be read and written by
two updates at once. :class:`ChatPool` runs *jobs* (async callables, one per update) keyed by
chat: jobs of different chats run concurrently, up to ``concurrency`` at a time; jobs of one chat
run one after another in the order they were submitted. It holds at most ``capacity`` jobs
(waiting and running); :meth:`ChatPool.submit` waits for room beyond that, which pushes back on
whoever delivers the updates (a webhook's HTTP answer waits, long polling stops fetching)
instead of letting a burst fill the memory. Waiting submitters are admitted first come, first
served.

A job that raises is logged and does not stop its chat's later jobs. The CPU-bound part of a
job (the dialogue) belongs in a thread (``asyncio.to_thread``), so that the event loop keeps
accepting webhooks while answers are computed.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Hashable
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
Job = Callable[[], Awaitable[object]]

#: Defaults for the channels: enough concurrency to overlap the network waits of replies with
#: the answering of others, and little room beyond that. An update waits for its answer about
#: ``capacity ÷ answers per second``, so a deeper pool adds waiting, not answers: beyond it the
#: update waits at the platform (Telegram and Zalo keep undelivered updates and send them again).
CONCURRENCY = 32
CAPACITY = 96


class ChatPool:
    """Per-chat ordered, bounded, concurrent execution of async jobs (one event loop)."""

    def __init__(self, concurrency: int = CONCURRENCY, capacity: int = CAPACITY) -> None:
        if concurrency < 1 or capacity < concurrency:
            raise ValueError("need 1 ≤ concurrency ≤ capacity")
        self.concurrency = concurrency
        self.capacity = capacity
        self.held = 0  # jobs accepted and not finished
        self.high_water = 0  # the most jobs ever held at once
        self._chats: dict[Hashable, deque[Job]] = {}  # chats with jobs, the running one first
        self._ready: deque[Hashable] = deque()  # chats with jobs and no runner yet
        self._runners: set[asyncio.Task[None]] = set()
        self._waiters: deque[asyncio.Future[None]] = deque()

    async def submit(self, chat: Hashable, job: Job) -> None:
        """Accept ``job`` for ``chat`` (waiting while the pool is full); it runs later."""
        await self._admit()
        self.high_water = max(self.high_water, self.held)
        queued = self._chats.get(chat)
        if queued is not None:  # the chat already has jobs: this one goes after them
            queued.append(job)
            return
        self._chats[chat] = deque([job])
        self._ready.append(chat)
        self._start_runners()

    async def run(self, chat: Hashable, job: Callable[[], Awaitable[T]]) -> T:
        """Run ``job`` for ``chat`` in its turn and return its result (or raise its error)."""
        done: asyncio.Future[T] = asyncio.get_running_loop().create_future()

        async def wrapped() -> None:
            try:
                result = await job()
            except Exception as exc:
                if not done.cancelled():
                    done.set_exception(exc)
                return
            if not done.cancelled():
                done.set_result(result)

        await self.submit(chat, wrapped)
        return await done

    async def drain(self) -> None:
        """Wait until every accepted job has finished (call once no more are submitted)."""
        while self._runners:
            await asyncio.gather(*list(self._runners))

    # --- inside -------------------------------------------------------------------------------
    async def _admit(self) -> None:
        if self.held < self.capacity and not self._waiters:
            self.held += 1
            return
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(turn)
        try:
            await turn  # the finishing job's slot is handed over: ``held`` already counts it
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():
                self._release()  # admitted, then cancelled: pass the slot on
            else:
                self._waiters.remove(turn)
            raise

    def _release(self) -> None:
        while self._waiters:
            turn = self._waiters.popleft()
            if not turn.done():
                turn.set_result(None)
                return
        self.held -= 1

    def _start_runners(self) -> None:
        while self._ready and len(self._runners) < self.concurrency:
            self._runners.add(asyncio.create_task(self._run_chat(self._ready.popleft())))

    async def _run_chat(self, chat: Hashable) -> None:
        """Run one chat's jobs in order until it has none left."""
        queued = self._chats[chat]
        try:
            while queued:
                try:
                    await queued[0]()
                except Exception:
                    log.exception("error while handling an update")
                finally:
                    queued.popleft()
                    self._release()
        finally:
            del self._chats[chat]
            runner = asyncio.current_task()
            assert runner is not None
            self._runners.discard(runner)
            self._start_runners()
