"""Lean HTTP/1.1 pieces for the burst benchmark, so that its own side costs the shared cores little.

The server under test and the benchmark share this machine's two cores: every millisecond the
load generator or the fake Bot API spends is taken from the server. The tests' fake
(``tests/fake_telegram.py``, one thread per connection on ``http.server``) costs about 1 ms of
CPU per call and httpx about 0.6 ms per request; these cost a fraction of that.

- :func:`run_bot_api`: a fake Telegram Bot API on 127.0.0.1 (asyncio and httptools, keep-alive)
  in a process of its own; it answers getMe, sendMessage and the start-up calls like the tests'
  fake, and records when each ``sendMessage`` arrived and for which chat.
- :class:`KeepAliveClient`: POSTs JSON over one keep-alive connection and returns the status.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from multiprocessing.connection import Connection
from typing import Any

import httptools

from tests.fake_api import parse_params
from tests.fake_telegram import BOT, TOKEN

HEAD = b"HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"


class BotApiProtocol(asyncio.Protocol):
    """One connection of the fake Bot API; requests answered in order (keep-alive)."""

    def __init__(self, arrivals: list[tuple[int, float]], ids: itertools.count[int]) -> None:
        self.arrivals = arrivals
        self.ids = ids
        self.parser = httptools.HttpRequestParser(self)
        self.transport: Any = None
        self.url = b""
        self.content_type = ""
        self.body: list[bytes] = []

    def connection_made(self, transport: Any) -> None:  # uvloop's is no asyncio.Transport
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError:
            assert self.transport is not None
            self.transport.close()

    # httptools callbacks
    def on_message_begin(self) -> None:
        self.url, self.content_type, self.body = b"", "", []

    def on_url(self, url: bytes) -> None:
        self.url += url

    def on_header(self, name: bytes, value: bytes) -> None:
        if name.lower() == b"content-type":
            self.content_type = value.decode()

    def on_body(self, body: bytes) -> None:
        self.body.append(body)

    def on_message_complete(self) -> None:
        status, answer = self.answer(self.url.decode().strip("/").split("/"),
                                     parse_params(b"".join(self.body), self.content_type))
        data = json.dumps(answer).encode()
        assert self.transport is not None
        self.transport.write(HEAD % (status, b"OK" if status == 200 else b"Error", len(data)) + data)

    def answer(self, parts: list[str], params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if len(parts) != 2 or parts[0] != f"bot{TOKEN}":
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        method = parts[1]
        if method == "getMe":
            return 200, {"ok": True, "result": BOT}
        if method == "sendMessage":
            chat_id = int(params["chat_id"])
            self.arrivals.append((chat_id, time.monotonic()))
            return 200, {"ok": True, "result": {
                "message_id": next(self.ids), "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
                "from": BOT, "text": params.get("text", "")}}
        return 200, {"ok": True, "result": True}


def run_bot_api(conn: Connection) -> None:
    """The fake Bot API, until told to stop: sends its URL, then answers "count" (chats
    answered, messages) and "arrivals" (chat, monotonic time of each sendMessage)."""
    import uvloop

    arrivals: list[tuple[int, float]] = []
    ids = itertools.count(5000)

    async def serve(ready: threading.Event, box: list[str]) -> None:
        server = await asyncio.get_running_loop().create_server(
            lambda: BotApiProtocol(arrivals, ids), "127.0.0.1", 0)
        box.append(f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}")
        ready.set()
        await asyncio.Event().wait()

    ready, box = threading.Event(), []
    threading.Thread(target=lambda: uvloop.run(serve(ready, box)), daemon=True).start()
    ready.wait()
    conn.send(box[0])
    while True:
        command = conn.recv()
        seen = list(arrivals)
        if command == "count":
            conn.send((len({chat for chat, _ in seen}), len(seen)))
        elif command == "arrivals":
            conn.send(seen)
        else:
            return


class KeepAliveClient:
    """JSON POSTs over one keep-alive connection to 127.0.0.1, one at a time."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: object, headers: dict[str, str]) -> int:
        """POST ``body`` as JSON; the response's status (its body is read and dropped)."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        data = json.dumps(body).encode()
        lines = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        self.writer.write(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                          f"\r\nContent-Length: {len(data)}\r\n{lines}\r\n".encode() + data)
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        length = next((int(line.split(":", 1)[1]) for line in head
                       if line.lower().startswith("content-length:")), 0)
        if length:
            await self.reader.readexactly(length)
        return int(head[0].split()[1])

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
