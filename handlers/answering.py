"""Where the dialogue runs: off the event loop, in a thread or in answer processes.

Answering a message (the engine's matching, the store's writes) is CPU-bound work, and the event
loop that accepts webhooks and sends replies must not wait for it. By default it runs in a thread
of the server's process. Python runs one thread at a time, though: while threads compute
answers, the event loop waits for the interpreter after every socket call, and one process uses
at most one core. With ``CCHC_ANSWER_PROCESSES=N`` the answers are computed in N processes of
their own (started with ``spawn``, each loading the knowledge once and opening its own
connection to the same SQLite store, whose busy timeout lets writers take turns); the main
process keeps the network, the web pages and the broadcasts (so the broadcast lease still has
one holder per channel). Keeping one person's updates in order is the
:class:`~handlers.chatpool.ChatPool`'s job: it never hands two of them out at once, so two
processes never hold the same conversation.

Each answer process is fed through a pipe of its own that the event loop watches directly
(``add_reader``): a message goes out pickled, its replies come back in the order asked, with no
thread in between (``concurrent.futures.ProcessPoolExecutor`` passes every call through two
threads of the main process, about a millisecond of its CPU per message under a burst). A message
goes to the process with the fewest waiting. If an answer process dies, the messages it held fail
(the channel logs them and tells the person something went wrong) and a new one is started.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from bot.app import Core, build_core
from bot.config import Settings
from bot.messages import Incoming, Reply

log = logging.getLogger(__name__)


class AnswerProcessDied(RuntimeError):
    """The answer process holding a message ended before answering it."""


def _serve(settings: Settings, pipe: Connection) -> None:
    """An answer process: its own core; messages in, ``(ok, replies or error)`` out, in order."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the main process's to handle
    threading.Thread(target=_exit_with, args=(os.getppid(),), daemon=True).start()
    core = build_core(settings)
    pipe.send(("ok", []))  # ready
    while True:
        try:
            msg = pipe.recv()
        except EOFError:
            return
        try:
            pipe.send(("ok", core.dialogue.handle(msg)))
        except Exception as exc:  # the main process logs it with the update
            try:
                pipe.send(("error", exc))
            except Exception:  # an error that cannot be pickled
                pipe.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))


def _exit_with(parent: int) -> None:
    """End this answer process when the main process is gone (even killed with SIGKILL)."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


@dataclass
class _Worker:
    process: BaseProcess
    pipe: Connection
    waiting: deque[asyncio.Future[list[Reply]]] = field(default_factory=deque)
    watched: asyncio.AbstractEventLoop | None = None


class Answerer:
    """``await answerer(msg)``: the dialogue's replies to ``msg``, computed off the event loop."""

    def __init__(self, core: Core, processes: int = 0) -> None:
        if processes < 0:
            raise ValueError("processes must be 0 or more")
        self.core = core
        self.processes = processes
        self._workers: list[_Worker] = []
        self._lock = threading.Lock()

    async def __call__(self, msg: Incoming) -> list[Reply]:
        if self.processes == 0:
            return await asyncio.to_thread(self.core.dialogue.handle, msg)
        loop = asyncio.get_running_loop()
        workers = list(self._workers) or await asyncio.to_thread(self._started)
        worker = min(workers, key=lambda w: len(w.waiting))
        if worker.watched is not loop:
            loop.add_reader(worker.pipe.fileno(), self._collect, worker)
            worker.watched = loop
        done: asyncio.Future[list[Reply]] = loop.create_future()
        worker.waiting.append(done)
        try:
            worker.pipe.send(msg)
        except OSError:
            self._lost(worker)
        return await done

    def warm_up(self) -> None:
        """Start the answer processes now (each loads the knowledge) rather than on the first
        messages."""
        self._started()

    def close(self) -> None:
        """Stop the answer processes (after the answers in progress); closing twice is harmless."""
        with self._lock:
            workers, self._workers = self._workers, []
        for worker in workers:  # the process reads EOF after its last message and ends
            loop = worker.watched
            if loop is not None and loop.is_running():
                loop.call_soon_threadsafe(self._unwatch, worker)
            else:
                worker.pipe.close()
        for worker in workers:
            worker.process.join(timeout=30)
            if worker.process.is_alive():
                worker.process.terminate()

    # --- inside -------------------------------------------------------------------------------
    def _started(self) -> list[_Worker]:
        with self._lock:
            while len(self._workers) < self.processes:
                self._workers.append(self._spawn())
            return self._workers

    def _spawn(self) -> _Worker:
        ctx = multiprocessing.get_context("spawn")
        here, there = ctx.Pipe()
        process = ctx.Process(target=_serve, args=(self.core.settings, there), daemon=True,
                              name="cchc-answer")
        process.start()
        there.close()
        if here.recv() != ("ok", []):  # loaded and ready (raises EOFError if it failed to start)
            raise RuntimeError("answer process failed to start")
        return _Worker(process, here)

    def _collect(self, worker: _Worker) -> None:
        """The event loop's callback when a worker's pipe has data: its answers, in order."""
        try:
            while worker.pipe.poll():
                status, value = worker.pipe.recv()
                done = worker.waiting.popleft()
                if done.cancelled():
                    continue
                if status == "ok":
                    done.set_result(value)
                else:
                    done.set_exception(value)
        except (EOFError, OSError):
            self._lost(worker)

    @staticmethod
    def _unwatch(worker: _Worker) -> None:
        if worker.watched is not None and not worker.pipe.closed:
            worker.watched.remove_reader(worker.pipe.fileno())
        worker.watched = None
        worker.pipe.close()

    def _lost(self, worker: _Worker) -> None:
        """A worker ended: fail what it held and start another in its place (in a thread)."""
        self._unwatch(worker)
        while worker.waiting:
            done = worker.waiting.popleft()
            if not done.done():
                done.set_exception(AnswerProcessDied("the answer process ended"))
        with self._lock:
            if worker not in self._workers:
                return  # closed on purpose
            self._workers.remove(worker)
        log.error("an answer process ended (exit code %s); starting another", worker.process.exitcode)
        threading.Thread(target=self._started, daemon=True).start()
