"""The dashboard's adapter only translates: every page and action reaches the store from a worker
thread, never from the event loop that serves every other request."""

from __future__ import annotations

import asyncio
import re
import threading
from types import TracebackType

from bot.app import Core
from bot.messages import Incoming
from bot.storage.accounts import Accounts
from handlers.web import create_app
from tests.serving import served

PASSWORD = "mat-khau-can-bo-2026"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


class Watched:
    """The store's lock, noting every time it is taken on a thread running an event loop."""

    def __init__(self, lock: threading.RLock) -> None:
        self.lock = lock
        self.on_loop: list[str] = []

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        try:
            asyncio.get_running_loop()
            self.on_loop.append(threading.current_thread().name)
        except RuntimeError:  # a worker thread: no loop runs here
            pass
        return self.lock.acquire(blocking, timeout)

    def release(self) -> None:
        self.lock.release()

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()


def test_no_dashboard_request_touches_the_store_on_the_event_loop(core: Core) -> None:
    Accounts(core.store).add("canbo", PASSWORD)
    core.dialogue.handle(Incoming("telegram", "5", "/gopy Hồ sơ trễ hẹn", address="5"))
    core.dialogue.handle(Incoming("telegram", "5", "giá vàng hôm nay", address="5"))
    watched = Watched(core.store.writer.lock)  # the one lock every read and write takes
    core.store.writer.lock = watched  # type: ignore[assignment]
    statuses: list[int] = []

    async def scenario() -> None:
        async with served(create_app(core)) as client:
            token = CSRF.search((await client.get("/admin/login")).text).group(1)  # type: ignore[union-attr]
            await client.post("/admin/login", data={"csrf": token, "username": "canbo", "password": PASSWORD})
            csrf = CSRF.search((await client.get("/admin")).text).group(1)  # type: ignore[union-attr]
            for path in ("/admin/log?q=v", "/admin/unanswered", "/admin/feedback", "/admin/broadcasts",
                         "/admin/reports", "/admin/reports/download?period=2026-Q4&format=csv",
                         "/admin/activities"):
                statuses.append((await client.get(path)).status_code)
            for path, form in (
                    ("/admin/unanswered/draft", {"id": "1"}), ("/admin/unanswered/handled", {"id": "1"}),
                    ("/admin/feedback/1/reply", {"reply": "Đã chuyển bộ phận một cửa."}),
                    ("/admin/broadcasts", {"text": "Lịch tiếp dân", "topic": "thong-bao-chung",
                                           "locality": "", "action": "send"}),
                    ("/admin/broadcasts/1/cancel", {}), ("/admin/logout", {})):
                statuses.append((await client.post(path, data={"csrf": csrf, **form})).status_code)

    asyncio.run(scenario())
    assert all(s in (200, 303) for s in statuses), statuses
    assert watched.on_loop == []
