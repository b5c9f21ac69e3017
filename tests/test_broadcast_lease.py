"""One sender per channel, really: two real ``cchc-bot telegram`` processes share one outbox
while a broadcast outlives the lease (a 3 s lease: a slow rate, then a 7 s 429 pause), and the fencing
of the outbox itself (claim, hand-off and record checked against the lease generation)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.app import Core
from bot.storage.outbox import Outbox
from tests.fake_telegram import TOKEN, FakeTelegram
from tests.test_broadcast import subscribers


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def tg() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


LEASE = "3"  # seconds (CCHC_BROADCAST_LEASE_SECONDS): renewed every 0.6 s


def run_two_senders(core: Core, tg: FakeTelegram, env: dict[str, str], tmp_path: Path,
                    rate: str, bid: int, timeout: float) -> int:
    """Start two bot processes on the same database; stop both once the broadcast is done.
    Returns the lease's generation then (1: it never changed hands)."""
    core.close()
    proc_env = {**os.environ, **env, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": tg.url,
                "TELEGRAM_BROADCAST_RATE": rate, "CCHC_BROADCAST_LEASE_SECONDS": LEASE}
    log = tmp_path / "bots.log"
    procs = []
    with log.open("ab") as out:
        for _ in range(2):
            procs.append(subprocess.Popen([sys.executable, "-m", "handlers", "telegram"], env=proc_env,
                                          cwd=tmp_path, stdout=out, stderr=out))
    outbox = Outbox(core.store.__class__(env["CCHC_DB"]))
    try:
        deadline = time.monotonic() + timeout
        while (outbox.status(bid) or {}).get("status") != "done":
            assert time.monotonic() < deadline, (outbox.status(bid), log.read_text()[-3000:])
            assert all(p.poll() is None for p in procs), log.read_text()[-3000:]
            time.sleep(0.2)
        [(generation,)] = sqlite3.connect(env["CCHC_DB"]).execute(
            "SELECT generation FROM leases WHERE name = 'broadcast:telegram'").fetchall()
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            p.wait(30)
        outbox.store.close()
    assert all(p.returncode == 0 for p in procs), log.read_text()[-3000:]
    return int(generation)


@pytest.mark.slow
def test_two_processes_at_a_slow_rate_and_through_a_429_pause_deliver_each_recipient_once(
        core: Core, tg: FakeTelegram, env: dict[str, str], tmp_path: Path) -> None:
    addresses = subscribers(core, 36)  # at 10/s: 3.6 s of sending, longer than the lease
    bid = core.outbox.create(text="Lịch tiếp công dân", topic="thong-bao-chung", locality="ky-lac",
                             created_by="t")
    tg.per_second = 30
    tg.throttle_at = {18: 7}  # a pause of more than twice the lease, half-way
    generation = run_two_senders(core, tg, env, tmp_path, rate="10", bid=bid, timeout=120)
    assert Counter(str(p["chat_id"]) for p in tg.sent()) == Counter(addresses)
    assert len(tg.throttled_times) == 1  # the injected one, nothing beyond
    assert generation == 1  # the holder kept its lease all along: no takeover


# --- the fencing itself, on one store -------------------------------------------------------
def test_a_new_holder_gets_a_new_generation_and_the_old_one_is_fenced_off(core: Core) -> None:
    clock = Clock()
    outbox = Outbox(core.store, clock)
    subscribers(core, 3)
    outbox.create(text="x", topic="thong-bao-chung", locality="ky-lac", created_by="t")
    outbox.start_due()
    first = outbox.take_lease("broadcast:telegram", "A", 20)
    assert first == 1 and outbox.take_lease("broadcast:telegram", "B", 20) is None
    assert outbox.take_lease("broadcast:telegram", "A", 20) == 1  # renewal keeps the generation
    claimed = outbox.claim("telegram", 10, generation=first)
    assert outbox.hand(claimed[0], first) == outbox.hand(claimed[1], first) == "ok"
    assert outbox.finish(claimed[0].id, "sent", generation=first)

    clock.now += timedelta(seconds=21)  # A could not renew: its lease expired
    assert outbox.hand(claimed[2], first) == "lease"  # A may not hand another row to the platform
    second = outbox.take_lease("broadcast:telegram", "B", 20)
    assert second == 2
    assert outbox.recover("telegram", second) == (1, 1)  # never handed / outcome unknown
    again = outbox.claim("telegram", 10, generation=second)
    assert sorted(d.id for d in again) == sorted([claimed[1].id, claimed[2].id])
    assert not outbox.retry_later(claimed[1].id, 1, "late", generation=first)  # B's row now
    assert not outbox.finish(claimed[2].id, "failed", "late", generation=first)
    assert outbox.claim("telegram", 10, generation=first) == []


def test_a_late_success_is_recorded_on_a_row_taken_over_but_not_yet_handed_again(core: Core) -> None:
    clock = Clock()
    outbox = Outbox(core.store, clock)
    subscribers(core, 1)
    bid = outbox.create(text="x", topic="thong-bao-chung", locality="ky-lac", created_by="t")
    outbox.start_due()
    first = outbox.take_lease("broadcast:telegram", "A", 20)
    assert first is not None
    [row] = outbox.claim("telegram", 10, generation=first)
    assert outbox.hand(row, first) == "ok"
    clock.now += timedelta(seconds=21)
    second = outbox.take_lease("broadcast:telegram", "B", 20)
    assert second is not None
    outbox.recover("telegram", second)
    [again] = outbox.claim("telegram", 10, generation=second)
    assert outbox.finish(row.id, "sent", generation=first)  # the platform did take it
    assert outbox.hand(again, second) == "row"  # so B does not send it again
    assert outbox.status(bid)["reach"]["sent"] == 1  # type: ignore[index]
