"""The HTTP plumbing the fake Bot API servers share: a threaded server on 127.0.0.1 that
routes ``/bot<token>/<method>`` to ``answer(method, params)`` and records calls. An outage can
be switched on per method (``down``): those calls answer 500, take no effect and are counted in
``refused`` with their time."""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

Answer = tuple[int, Any, dict[str, str]]


def parse_params(raw: bytes, content_type: str) -> dict[str, Any]:
    """JSON bodies, or form bodies whose values are JSON-encoded (python-telegram-bot's way)."""
    if not raw:
        return {}
    if "json" in content_type:
        parsed: dict[str, Any] = json.loads(raw)
        return parsed
    out: dict[str, Any] = {}
    for key, value in urllib.parse.parse_qsl(raw.decode(), keep_blank_values=True):
        try:
            out[key] = json.loads(value)
        except json.JSONDecodeError:
            out[key] = value
    return out


class FakeApi:
    """Subclasses implement ``answer``; ``calls`` holds the (method, params) that took effect."""

    token = ""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        #: methods that answer 500 and take no effect; "*" for every method
        self.down: set[str] = set()
        self.refused: list[tuple[str, float]] = []  # (method, monotonic time) of calls refused
        self._cond = threading.Condition()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                parts = self.path.strip("/").split("/")
                if len(parts) != 2 or parts[0] != f"bot{fake.token}":
                    self._send((404, {"ok": False, "error_code": 404, "description": "Not Found"}, {}))
                    return
                params = parse_params(raw, self.headers.get("Content-Type") or "")
                if parts[1] in fake.down or "*" in fake.down:
                    with fake._cond:
                        fake.refused.append((parts[1], time.monotonic()))
                    self._send((500, {"ok": False, "error_code": 500,
                                      "description": "Internal Server Error"}, {}))
                    return
                self._send(fake.answer(parts[1], params))

            do_GET = do_POST

            def _send(self, answer: Answer) -> None:
                status, body, headers = answer
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                # the client may give up on a long poll while stopping
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        # a short poll interval: shutting the server down at the end of a test takes no half second
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02},
                                        daemon=True)

    def answer(self, method: str, params: dict[str, Any]) -> Answer:
        raise NotImplementedError

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def refused_calls(self, method: str) -> list[float]:
        with self._cond:
            return [t for m, t in self.refused if m == method]

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        with self._cond:
            return [p for m, p in self.calls if m == method]

    async def called(self, method: str, count: int = 1, timeout: float = 10.0) -> list[dict[str, Any]]:
        """The calls of ``method`` once there are ``count`` of them (the bot makes some, such as
        setWebhook at start-up, in the background)."""
        for _ in range(int(timeout / 0.02)):
            if len(got := self.sent(method)) >= count:
                return got
            await asyncio.sleep(0.02)
        raise AssertionError(f"expected {count} {method}, got {len(self.sent(method))}")
