"""How fast the dashboard's interaction log pages are with 1,000,000 rows.

    python benchmarks/dashboard_log.py [--rows 1000000]

Fills a fresh SQLite store with synthetic interactions (random channels, topics, statuses,
localities, over a year), then times the queries the log page runs: the first page, a page
deep in the log (keyset: ``id < ?``), each filter, and a text search. Prints milliseconds
(median of 5 runs).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

from bot.storage.queries import LogFilter, Queries
from bot.storage.store import Store

CHANNELS = ["telegram", "zalo", "web", "cli"]
TOPICS = ["dvc", "ho-tich", "cu-tru", "can-cuoc", "mot-cua", "hotline", None]
STATUSES = ["answered", "answered", "answered", "suggest", "fallback", None]
LOCALITIES = ["tam-nong", "cho-don", "ham-tan", "dan-tien", "ky-lac", None]


def fill(store: Store, rows: int) -> None:
    rnd = random.Random(7)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    step = timedelta(days=365) / rows
    batch = []

    def insert(db: Database) -> None:
        for i in range(rows):
            batch.append((
                (start + step * i).isoformat(), rnd.choice(CHANNELS), f"u{rnd.randrange(50_000)}",
                rnd.choice(LOCALITIES), "question", f"câu hỏi mẫu {rnd.randrange(100_000)} khai sinh",
                rnd.choice(STATUSES), rnd.choice(TOPICS)))
            if len(batch) == 50_000 or i == rows - 1:
                db.conn.executemany(
                    "INSERT INTO interactions (ts, channel, user_key, locality, kind, text, status, topic) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", batch)
                batch.clear()
    store.write(insert)
    store.db.execute("ANALYZE")


def timed(fn: object, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "log.sqlite3")
        started = time.perf_counter()
        fill(store, args.rows)
        print(f"filled {args.rows:,} rows in {time.perf_counter() - started:.1f} s")
        q = Queries(store)
        deep = args.rows // 2
        cases = {
            "first page, no filter": (LogFilter(), None),
            f"page below id {deep:,} (keyset)": (LogFilter(), deep),
            "channel = zalo": (LogFilter(channel="zalo"), None),
            "channel = zalo, deep page": (LogFilter(channel="zalo"), deep),
            "status = fallback": (LogFilter(status="fallback"), None),
            "topic = ho-tich, locality = ky-lac": (LogFilter(topic="ho-tich", locality="ky-lac"), None),
            "one day (2025-06-01)": (LogFilter(since="2025-06-01T00:00:00+00:00",
                                               until="2025-06-02T00:00:00+00:00"), None),
            "search 'mẫu 4242'": (LogFilter(search="mẫu 4242"), None),
        }
        for name, (f, before) in cases.items():
            ms = timed(lambda f=f, before=before: q.log_page(f, before, 50))
            print(f"{name:40} {ms:8.2f} ms")
        store.close()


if __name__ == "__main__":
    main()
