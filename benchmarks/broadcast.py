"""Broadcast throughput against a strict fake Telegram server.

    python benchmarks/broadcast.py [--subscribers 10000] [--rate 30]

The fake server (on 127.0.0.1) delivers a sendMessage only if fewer than 30 messages arrived
in the second before it; otherwise it answers 429 with retry_after=1 — Telegram's published
broadcast limit, enforced as a sliding window. The real delivery engine (bot.broadcast.delivery with the
Telegram adapter's sender, python-telegram-bot underneath) sends one broadcast to N
subscribers from a fresh SQLite store. Printed: achieved messages per second, 429s received,
duplicates and losses.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import threading
import time
import urllib.parse
from collections import Counter, deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from sqlite_utils import Database
from telegram import Bot

from bot.broadcast.delivery import Broadcaster, RateLimit
from bot.storage.outbox import Outbox
from bot.storage.store import Store
from handlers.telegram_send import make_sender

TOKEN = "123:bench"
LIMIT, WINDOW = 30, 1.0


class StrictTelegram:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.arrivals: deque[float] = deque()
        self.delivered: list[tuple[float, int]] = []
        self.throttled = 0
        bench = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                params = {k: v for k, v in urllib.parse.parse_qsl(raw)}
                status, body = bench.answer(self.path.rsplit("/", 1)[-1], params)
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def answer(self, method: str, params: dict[str, str]) -> tuple[int, dict[str, object]]:
        if method != "sendMessage":
            return 200, {"ok": True, "result": True}
        now = time.monotonic()
        with self.lock:
            while self.arrivals and self.arrivals[0] <= now - WINDOW:
                self.arrivals.popleft()
            if len(self.arrivals) >= LIMIT:
                self.throttled += 1
                return 429, {"ok": False, "error_code": 429, "description": "Too Many Requests",
                             "parameters": {"retry_after": 1}}
            self.arrivals.append(now)
            self.delivered.append((now, int(params["chat_id"])))
        return 200, {"ok": True, "result": {"message_id": len(self.delivered), "date": int(time.time()),
                                            "chat": {"id": int(params["chat_id"]), "type": "private"},
                                            "text": "x"}}


async def run(subscribers: int, rate: float) -> None:
    fake = StrictTelegram()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.sqlite3")
        outbox = Outbox(store)
        def fill(db: Database) -> None:
            db.table("contacts").insert_all(
                {"user_key": f"k{i}", "channel": "telegram", "address": store.seal.seal(str(10_000_000 + i)),
                 "locality": "ky-lac", "active": 1, "created": "2026-11-22"} for i in range(subscribers))
            db.table("subscriptions").insert_all(
                {"user_key": f"k{i}", "topic": "thong-bao-chung", "created": "2026-11-22"}
                for i in range(subscribers))
        store.write(fill)
        bid = outbox.create(text="Thông báo: lịch tiếp công dân tuần này", topic="thong-bao-chung",
                            locality=None, created_by="benchmark")
        bot = Bot(TOKEN, base_url=f"{fake.url}/bot")
        engine = Broadcaster(outbox, {"telegram": make_sender(bot)},
                             {"telegram": RateLimit(per_second=rate)}, idle=0.1)
        stop = asyncio.Event()
        started = time.monotonic()
        task = asyncio.create_task(engine.run(stop))
        while (outbox.status(bid) or {}).get("status") != "done":
            await asyncio.sleep(0.2)
        stop.set()
        await task
        elapsed = time.monotonic() - started
        reach = (outbox.status(bid) or {})["reach"]
        store.close()
    times = [t for t, _ in fake.delivered]
    counts = Counter(chat for _, chat in fake.delivered)
    duplicates = sum(n - 1 for n in counts.values() if n > 1)
    losses = subscribers - len(counts)
    overall = (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else 0.0
    # steady state: leave out the first second, where a full window may go out at once
    steady = [t for t in times if t >= times[0] + WINDOW] if times else []
    sustained = (len(steady) - 1) / (steady[-1] - steady[0]) if len(steady) > 1 else overall
    print(f"subscribers: {subscribers}; engine limit: {rate:g}/s; server limit: {LIMIT} per {WINDOW:g} s")
    print(f"delivered: {len(fake.delivered)} in {elapsed:.1f} s (outbox: {reach})")
    print(f"achieved: {sustained:.2f} messages/s sustained ({100 * sustained / LIMIT:.1f} % of the limit); "
          f"{overall:.2f}/s first to last")
    print(f"429 received: {fake.throttled}; duplicates: {duplicates}; losses: {losses}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=30.0, help="the engine's Telegram rate")
    args = parser.parse_args()
    asyncio.run(run(args.subscribers, args.rate))


if __name__ == "__main__":
    main()
