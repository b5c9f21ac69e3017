"""Messages per second through the shared dialogue with a real SQLite store, and how many
write transactions (commits) one message costs.

    python benchmarks/dialogue_writes.py [--people 200] [--repeat 2000]

Each simulated person sends the same short conversation (greeting, locality, two questions, a
rating, /hotline, a feedback), every message with its own update id, as an adapter delivers
them; the store is a fresh WAL file in a temporary folder. Prints messages/s, commits and
statements per message (counted by SQLite's trace callback), the figures per kind of
message, and the time of a cheap message (/hotline) repeated, where the store's work shows.
On a shared machine compare the CPU time per message: wall time follows the load.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path

from bot.app import build_engine
from bot.config import BUNDLED_KNOWLEDGE
from bot.dialogue import Dialogue
from bot.knowledge.load import load_knowledge
from bot.messages import Incoming
from bot.storage.outbox import Outbox
from bot.storage.store import Store

SECRET = b"benchmark-secret-0123456789"
CONVERSATION: list[tuple[str, str, str | None]] = [  # (kind, text, payload)
    ("greeting", "xin chào", None),
    ("locality", "", "loc:ky-lac"),
    ("question", "làm giấy khai sinh cho con ở đâu", None),
    ("rating", "", "rate"),
    ("question", "giá vàng hôm nay bao nhiêu", None),
    ("command", "/hotline", None),
    ("feedback", "/gopy hồ sơ của tôi bị chậm", None),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=2000, help="/hotline messages timed at the end")
    args = parser.parse_args()
    kb = load_knowledge(BUNDLED_KNOWLEDGE)
    engine, renderer = build_engine(kb)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.sqlite3", SECRET)
        dialogue = Dialogue(kb, engine, renderer, store, SECRET, 365, Outbox(store))
        statements: Counter[str] = Counter()
        store.db.conn.set_trace_callback(lambda sql: statements.update([sql.split()[0].upper()]))
        per_kind: dict[str, list[float]] = {}
        commits: dict[str, int] = Counter()
        update = 0
        started, cpu = time.perf_counter(), time.process_time()
        for person in range(args.people):
            rating = ""
            for kind, text, payload in CONVERSATION:
                update += 1
                if payload == "rate":
                    payload = rating
                before = statements["COMMIT"]
                t0 = time.perf_counter()
                replies = dialogue.handle(Incoming("telegram", f"p{person}", text, payload,
                                                   f"p{person}", str(update)))
                per_kind.setdefault(kind, []).append(time.perf_counter() - t0)
                commits[kind] += statements["COMMIT"] - before
                up = [c.payload for r in replies for c in r.choices if c.payload.endswith(":up")]
                rating = up[0] if up else rating
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        counted = Counter(statements)
        hotline = cheap(dialogue, args.repeat, first_update=update + 1)
        store.close()
    n = update
    print(f"{n} messages from {args.people} people in {elapsed:.2f} s: {n / elapsed:.0f} messages/s "
          f"({cpu * 1000 / n:.2f} ms of CPU per message)")
    print(f"commits per message: {counted['COMMIT'] / n:.2f}; statements per message: "
          f"{sum(counted.values()) / n:.1f}")
    for kind, times in per_kind.items():
        print(f"  {kind:9} {len(times) / sum(times):7.0f} messages/s  "
              f"{commits[kind] / len(times):.2f} commits/message")
    print(f"/hotline repeated {args.repeat} times (mostly the store's work): "
          f"{hotline[0]:.2f} ms per message, {hotline[1]:.2f} ms of CPU")


def cheap(dialogue: Dialogue, repeat: int, first_update: int) -> tuple[float, float]:
    """Milliseconds (wall, CPU) per /hotline message from one person."""
    started, cpu = time.perf_counter(), time.process_time()
    for i in range(repeat):
        dialogue.handle(Incoming("telegram", "p0", "/hotline", None, "p0", str(first_update + i)))
    return ((time.perf_counter() - started) * 1000 / repeat, (time.process_time() - cpu) * 1000 / repeat)


if __name__ == "__main__":
    main()
