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
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor

from bot.app import Core, build_core
from bot.config import Settings
from bot.messages import Incoming, Reply

_core: Core | None = None  # in an answer process: its own core


def _start(settings: Settings) -> None:
    global _core
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the main process's to handle
    threading.Thread(target=_exit_with, args=(os.getppid(),), daemon=True).start()
    _core = build_core(settings)


def _exit_with(parent: int) -> None:
    """End this answer process when the main process is gone (even killed with SIGKILL)."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _handle(msg: Incoming) -> list[Reply]:
    assert _core is not None
    return _core.dialogue.handle(msg)


def _ready(_: int) -> bool:
    return _core is not None


class Answerer:
    """``await answerer(msg)``: the dialogue's replies to ``msg``, computed off the event loop."""

    def __init__(self, core: Core, processes: int = 0) -> None:
        self.core = core
        self.processes = processes
        self._executor = ProcessPoolExecutor(
            processes, multiprocessing.get_context("spawn"), initializer=_start,
            initargs=(core.settings,)) if processes > 0 else None

    async def __call__(self, msg: Incoming) -> list[Reply]:
        if self._executor is None:
            return await asyncio.to_thread(self.core.dialogue.handle, msg)
        return await asyncio.get_running_loop().run_in_executor(self._executor, _handle, msg)

    def warm_up(self) -> None:
        """Start the answer processes now (each loads the knowledge) rather than on the first
        messages."""
        if self._executor is not None:
            assert all(self._executor.map(_ready, range(self.processes)))

    def close(self) -> None:
        """Stop the answer processes (after the answers in progress); closing twice is harmless."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=False)
