"""Protections every page of the web server shares: security headers and sliding-window limits.

* :class:`SecurityHeaders` adds to every HTTP response a Content-Security-Policy without any
  script (the pages have none), ``frame-ancestors 'none'`` and ``X-Frame-Options: DENY``,
  ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy: no-referrer``.
* :class:`SlidingLimit` counts events per key within a window and refuses atomically: the
  check and the count happen together on the event loop, so concurrent requests cannot all
  pass a check made before any of them is counted.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = ("default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-frame-options", b"DENY"),
           (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
MAX_KEYS = 50_000  # keys remembered before the idle ones are forgotten


class SecurityHeaders:
    """ASGI middleware adding :data:`HEADERS` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *((n, v) for n, v in HEADERS if n not in names)]
            await send(message)

        await self.app(scope, receive, with_headers)


class SlidingLimit:
    """At most ``limit`` events per key within ``window`` seconds."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._events: dict[str, deque[float]] = {}

    def _recent(self, key: str) -> deque[float]:
        times = self._events.setdefault(key, deque())
        horizon = self.clock() - self.window
        while times and times[0] <= horizon:
            times.popleft()
        return times

    def full(self, *keys: str) -> bool:
        return any(len(self._recent(k)) >= self.limit for k in keys)

    def take(self, *keys: str) -> bool:
        """Count one event for every key and return True, or False (counting nothing) when any
        key is already at its limit."""
        if self.full(*keys):
            return False
        now = self.clock()
        for key in keys:
            self._recent(key).append(now)
        if len(self._events) > MAX_KEYS:
            self._forget_idle()
        return True

    def clear(self, *keys: str) -> None:
        for key in keys:
            self._events.pop(key, None)

    def _forget_idle(self) -> None:
        for key in [k for k in self._events if not self._recent(k)]:
            del self._events[key]
