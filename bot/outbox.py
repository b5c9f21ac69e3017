"""Storage of broadcasts: the durable outbox (one row per recipient) and the officer allowlist.

Shares the :class:`~bot.store.Store`'s connection and lock. Row states of ``outbox``:

    pending ──claim──▶ sending ──▶ sent | failed | blocked
       ▲                  │
       └──── retry ───────┘        (a crash leaves rows in "sending": ``recover`` re-queues
                                     them, so a recipient is never skipped)
    pending ──cancel──▶ cancelled
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.store import Store, now_iso

FINAL = ("sent", "failed", "blocked", "cancelled")


@dataclass(frozen=True)
class Delivery:
    """One claimed outbox row."""

    id: int
    broadcast_id: int
    user_key: str
    channel: str
    address: str
    text: str
    attempts: int


class Outbox:
    """Broadcasts, their recipients and the officer allowlist."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db

    # --- officers ---------------------------------------------------------------------------
    def add_officer(self, channel: str, user_key: str) -> bool:
        """Allow the officer with this pseudonym (their platform id is never stored)."""
        with self.store.transaction() as db:
            cur = db.execute("INSERT OR IGNORE INTO officers (channel, user_key, added) "
                             "VALUES (?, ?, ?)", [channel, user_key, now_iso()])
            return cur.rowcount == 1

    def remove_officer(self, user_key: str) -> bool:
        with self.store.transaction() as db:
            return db.execute("DELETE FROM officers WHERE user_key = ?", [user_key]).rowcount == 1

    def officers(self) -> list[dict[str, Any]]:
        with self.store.lock:
            return list(self.db["officers"].rows_where(order_by="channel, added"))

    def is_officer(self, user_key: str) -> bool:
        with self.store.lock:
            return self.db["officers"].count_where("user_key = ?", [user_key]) > 0

    # --- broadcasts -------------------------------------------------------------------------
    def recipients(self, topic: str, locality: str | None, channels: list[str] | None = None) -> int:
        """How many active contacts a broadcast would reach now."""
        sql, args = self._recipients_sql(topic, locality, channels)
        with self.store.lock:
            return int(self.db.execute(f"SELECT count(*) FROM ({sql})", args).fetchone()[0])

    @staticmethod
    def _recipients_sql(topic: str, locality: str | None,
                        channels: list[str] | None) -> tuple[str, list[Any]]:
        sql = ("SELECT c.user_key, c.channel, c.address FROM contacts c "
               "JOIN subscriptions s ON s.user_key = c.user_key "
               "WHERE c.active = 1 AND s.topic = ?")
        args: list[Any] = [topic]
        if locality:
            sql += " AND c.locality = ?"
            args.append(locality)
        if channels:
            sql += f" AND c.channel IN ({', '.join('?' for _ in channels)})"
            args += channels
        return sql, args

    def create(self, *, text: str, topic: str, locality: str | None, created_by: str,
               due: datetime | None = None, every: str | None = None,
               channels: list[str] | None = None) -> int:
        with self.store.transaction() as db:
            bid = db.table("broadcasts").insert({
                "created": now_iso(), "created_by": created_by, "text": text, "topic": topic,
                "locality": locality, "channels": json.dumps(channels) if channels else None,
                "status": "scheduled", "due": (due or datetime.now(UTC)).isoformat(),
                "every": every}).last_pk
        assert isinstance(bid, int)
        return bid

    def start_due(self, now: datetime | None = None) -> list[int]:
        """Turn due broadcasts into outbox rows (one per recipient, once); schedule repeats."""
        now = now or datetime.now(UTC)
        started: list[int] = []
        with self.store.transaction() as db:
            due = list(db.execute("SELECT id, topic, locality, channels, every, due, text, created_by "
                                  "FROM broadcasts WHERE status = 'scheduled' AND due <= ? "
                                  "ORDER BY due, id", [now.isoformat()]).fetchall())
            for bid, topic, locality, channels, every, due_at, text, created_by in due:
                sql, args = self._recipients_sql(topic, locality, json.loads(channels) if channels else None)
                db.execute("INSERT OR IGNORE INTO outbox (broadcast_id, user_key, channel, address, "
                           "status, attempts, updated) "
                           f"SELECT ?, user_key, channel, address, 'pending', 0, ? FROM ({sql})",
                           [bid, now_iso(), *args])
                db.execute("UPDATE broadcasts SET status = 'sending', started = ? WHERE id = ?",
                           [now.isoformat(), bid])
                if every == "week":
                    nxt = datetime.fromisoformat(due_at) + timedelta(days=7)
                    while nxt <= now:
                        nxt += timedelta(days=7)
                    db.table("broadcasts").insert({
                        "created": now_iso(), "created_by": created_by, "text": text, "topic": topic,
                        "locality": locality, "channels": channels, "status": "scheduled",
                        "due": nxt.isoformat(), "every": every})
                started.append(bid)
        return started

    def claim(self, channel: str, limit: int, now: datetime | None = None) -> list[Delivery]:
        """Mark up to ``limit`` due pending rows of ``channel`` as "sending" and return them."""
        stamp = (now or datetime.now(UTC)).isoformat()
        with self.store.transaction() as db:
            rows = db.execute(
                "SELECT o.id, o.broadcast_id, o.user_key, o.channel, o.address, b.text, o.attempts "
                "FROM outbox o JOIN broadcasts b ON b.id = o.broadcast_id "
                "WHERE o.status = 'pending' AND o.channel = ? "
                "AND (o.not_before IS NULL OR o.not_before <= ?) ORDER BY o.id LIMIT ?",
                [channel, stamp, limit]).fetchall()
            if rows:
                ids = [r[0] for r in rows]
                db.execute(f"UPDATE outbox SET status = 'sending', updated = ? "
                           f"WHERE id IN ({', '.join('?' for _ in ids)})", [now_iso(), *ids])
        opened = [(r, self.store.seal.open(r[4])) for r in rows]  # addresses are sealed at rest
        for r, address in opened:
            if address is None:  # sealed under another CCHC_SECRET: undeliverable
                self.finish(r[0], "failed", "address unreadable")
        return [Delivery(r[0], r[1], r[2], r[3], address, *r[5:]) for r, address in opened if address]

    def finish(self, delivery_id: int, status: str, error: str | None = None) -> None:
        """Record the outcome of one send; a blocked recipient becomes inactive."""
        with self.store.transaction() as db:
            db.execute("UPDATE outbox SET status = ?, error = ?, attempts = attempts + 1, updated = ?, "
                       "address = NULL WHERE id = ? AND status = 'sending'",
                       [status, error, now_iso(), delivery_id])
            if status == "blocked":
                db.execute("UPDATE contacts SET active = 0, inactive_reason = ? WHERE user_key = "
                           "(SELECT user_key FROM outbox WHERE id = ?)", [error, delivery_id])

    def still_claimed(self, delivery_id: int) -> bool:
        """Whether a claimed row is still to be sent (its person may have been erased meanwhile)."""
        with self.store.lock:
            row = self.db.execute("SELECT status FROM outbox WHERE id = ?", [delivery_id]).fetchone()
        return row is not None and row[0] == "sending"

    def retry_later(self, delivery_id: int, seconds: float, error: str) -> None:
        not_before = (datetime.now(UTC) + timedelta(seconds=seconds)).isoformat()
        with self.store.transaction() as db:
            db.execute("UPDATE outbox SET status = 'pending', attempts = attempts + 1, error = ?, "
                       "not_before = ?, updated = ? WHERE id = ? AND status = 'sending'",
                       [error, not_before, now_iso(), delivery_id])

    def complete_finished(self) -> list[int]:
        """Broadcasts whose every row is final become "done"; returns their ids."""
        with self.store.transaction() as db:
            ids = [r[0] for r in db.execute(
                "SELECT id FROM broadcasts b WHERE status = 'sending' AND NOT EXISTS "
                "(SELECT 1 FROM outbox o WHERE o.broadcast_id = b.id "
                "AND o.status IN ('pending', 'sending'))").fetchall()]
            for bid in ids:
                db.execute("UPDATE broadcasts SET status = 'done', finished = ? WHERE id = ?",
                           [now_iso(), bid])
        return ids

    def cancel(self, broadcast_id: int) -> int:
        """Stop a broadcast: rows not yet sent are cancelled at once; returns how many."""
        with self.store.transaction() as db:
            n = db.execute("UPDATE outbox SET status = 'cancelled', updated = ?, address = NULL "
                           "WHERE broadcast_id = ? AND status = 'pending'",
                           [now_iso(), broadcast_id]).rowcount
            db.execute("UPDATE broadcasts SET status = 'cancelled', finished = ? "
                       "WHERE id = ? AND status IN ('scheduled', 'sending')", [now_iso(), broadcast_id])
        return n

    def status(self, broadcast_id: int) -> dict[str, Any] | None:
        """A broadcast with its reach: counts of recipients by state."""
        with self.store.lock:
            rows = list(self.db["broadcasts"].rows_where("id = ?", [broadcast_id]))
            if not rows:
                return None
            counts = dict(self.db.execute("SELECT status, count(*) FROM outbox WHERE broadcast_id = ? "
                                          "GROUP BY status", [broadcast_id]).fetchall())
        return {**rows[0], "reach": {s: counts.get(s, 0) for s in ("pending", "sending", *FINAL)}}

    def list(self, limit: int = 50) -> list[dict[str, Any]]:
        with self.store.lock:
            return list(self.db["broadcasts"].rows_where(order_by="id desc", limit=limit))

    def take_lease(self, name: str, owner: str, ttl: float) -> bool:
        """Hold the named lease for ``ttl`` seconds (renewing it if we hold it); False if another
        live process holds it. One sender per channel keeps deliveries single."""
        now = datetime.now(UTC)
        with self.store.transaction() as db:
            row = db.execute("SELECT owner, expires FROM leases WHERE name = ?", [name]).fetchone()
            if row and row[0] != owner and row[1] > now.isoformat():
                return False
            db.execute("INSERT OR REPLACE INTO leases (name, owner, expires) VALUES (?, ?, ?)",
                       [name, owner, (now + timedelta(seconds=ttl)).isoformat()])
            return True

    def release_lease(self, name: str, owner: str) -> None:
        with self.store.transaction() as db:
            db.execute("DELETE FROM leases WHERE name = ? AND owner = ?", [name, owner])

    def broadcast_state(self, broadcast_id: int) -> str | None:
        with self.store.lock:
            row = self.db.execute("SELECT status FROM broadcasts WHERE id = ?", [broadcast_id]).fetchone()
        return row[0] if row else None

    def recover(self, channel: str) -> int:
        """After a crash: this channel's rows left "sending" go back to "pending" (never skipped)."""
        with self.store.transaction() as db:
            return db.execute("UPDATE outbox SET status = 'pending', updated = ? "
                              "WHERE status = 'sending' AND channel = ?", [now_iso(), channel]).rowcount

    def pending_channels(self) -> set[str]:
        with self.store.lock:
            return {r[0] for r in self.db.execute(
                "SELECT DISTINCT channel FROM outbox WHERE status = 'pending'").fetchall()}
