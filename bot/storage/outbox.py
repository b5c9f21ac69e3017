"""Storage of broadcasts: the durable outbox (one row per recipient) and the officer allowlist.

Reads and writes through the :class:`~bot.storage.store.Store` (:mod:`bot.storage.writer`).
Row states of a broadcast's ``outbox`` rows (replies use the same table, see :mod:`bot.storage.reply_outbox`):

    pending ──claim──▶ claimed ──hand──▶ sending ──▶ sent | failed | blocked
       ▲                  │                 │
       ├── put back ──────┘                 │  (never handed to the platform: sent once, later)
       └──── retry / takeover ──────────────┘  (outcome unknown: sent again, at least once)
    pending ──cancel──▶ cancelled

Fencing: one sender per channel holds the lease ``broadcast:<channel>``; each holder gets a
new *generation*. ``claim`` and ``hand`` succeed only while the caller's generation holds an
unexpired lease, and rows are recorded only by the generation that claimed them, so a process
that lost its lease can neither hand another row to the platform nor overwrite a row another
process has claimed. All instants are stored by :func:`bot.clock.iso` (UTC) and compared as such.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlite_utils

from bot.clock import Clock, iso, next_weekly, parse_iso, utc_now
from bot.storage.store import Store, now_iso

CHANNELS = ("telegram", "zalo")
#: a channel counts as served if a sender held its lease this recently (seconds)
SENDER_SEEN = 600.0
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

    def __init__(self, store: Store, clock: Clock = utc_now) -> None:
        self.store = store
        self.clock = clock

    # --- officers ---------------------------------------------------------------------------
    def add_officer(self, channel: str, user_key: str) -> bool:
        """Allow the officer with this pseudonym (their platform id is never stored)."""
        return self.store.write(lambda db: db.execute(
            "INSERT OR IGNORE INTO officers (channel, user_key, added) VALUES (?, ?, ?)",
            [channel, user_key, now_iso()]).rowcount == 1)

    def remove_officer(self, user_key: str) -> bool:
        return self.store.write(lambda db: db.execute(
            "DELETE FROM officers WHERE user_key = ?", [user_key]).rowcount == 1)

    def officers(self) -> list[dict[str, Any]]:
        return self.store.read(lambda db: list(db["officers"].rows_where(order_by="channel, added")))

    def is_officer(self, user_key: str) -> bool:
        return self.store.read(lambda db: db["officers"].count_where("user_key = ?", [user_key]) > 0)

    # --- broadcasts -------------------------------------------------------------------------
    def recipients(self, topic: str, locality: str | None, channels: list[str] | None = None) -> int:
        """How many active contacts a broadcast would reach now."""
        sql, args = self._recipients_sql(topic, locality, channels)
        return self.store.read(lambda db: int(db.execute(f"SELECT count(*) FROM ({sql})",
                                                         args).fetchone()[0]))

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
        row = {"created": now_iso(), "created_by": created_by, "text": text, "topic": topic,
               "locality": locality, "channels": json.dumps(channels) if channels else None,
               "status": "scheduled", "due": iso(due or self.clock()), "every": every}
        bid = self.store.write(lambda db: db.table("broadcasts").insert(row).last_pk)
        assert isinstance(bid, int)
        return bid

    def start_due(self, now: datetime | None = None, senders: set[str] | None = None) -> list[int]:
        """Turn due broadcasts into outbox rows (one per recipient, once); schedule repeats.

        ``senders``: the channels this process can deliver on (to which those of senders running
        elsewhere lately are added); a due broadcast none of whose channels has a sender, or that
        reaches nobody, is marked "undeliverable" (with a note) instead of being left "scheduled"
        or "sending" for ever. None: do not check."""
        now = now or self.clock()
        if self.store.read(lambda db: db.execute(  # most rounds find nothing due: no write lock
                "SELECT 1 FROM broadcasts WHERE status = 'scheduled' AND due <= ? LIMIT 1",
                [iso(now)]).fetchone()) is None:
            return []
        if senders is not None:
            senders = senders | self.live_senders()
        return self.store.write(lambda db: self._start_due(db, now, senders))

    def _start_due(self, db: sqlite_utils.Database, now: datetime, senders: set[str] | None) -> list[int]:
        started: list[int] = []
        due = list(db.execute("SELECT id, topic, locality, channels, every, due, text, created_by "
                              "FROM broadcasts WHERE status = 'scheduled' AND due <= ? "
                              "ORDER BY due, id", [iso(now)]).fetchall())
        for bid, topic, locality, channels, every, due_at, text, created_by in due:
            targets = json.loads(channels) if channels else None
            sql, args = self._recipients_sql(topic, locality, targets)
            rows = db.execute("INSERT OR IGNORE INTO outbox (broadcast_id, user_key, channel, address, "
                              "status, attempts, updated, kind) "
                              f"SELECT ?, user_key, channel, address, 'pending', 0, ?, 'broadcast' "
                              f"FROM ({sql})", [bid, now_iso(), *args]).rowcount
            note = None
            if senders is not None and not set(targets or CHANNELS) & senders:
                note = "no_channel"
            elif rows == 0:
                note = "no_recipients"
            if note is not None:
                db.execute("UPDATE outbox SET status = 'cancelled', error = ?, updated = ? "
                           "WHERE broadcast_id = ? AND status = 'pending'", [note, now_iso(), bid])
            db.execute("UPDATE broadcasts SET status = ?, started = ?, note = ?, finished = ? "
                       "WHERE id = ? AND status = 'scheduled'",
                       ["undeliverable" if note else "sending", iso(now), note,
                        iso(now) if note else None, bid])
            if every == "week":
                db.table("broadcasts").insert({
                    "created": now_iso(), "created_by": created_by, "text": text, "topic": topic,
                    "locality": locality, "channels": channels, "status": "scheduled",
                    "due": iso(next_weekly(parse_iso(due_at), now)), "every": every})
            started.append(bid)
        return started

    def _lease_held(self, db: Any, channel: str, generation: int) -> bool:
        row = db.execute("SELECT generation, expires FROM leases WHERE name = ?",
                         [f"broadcast:{channel}"]).fetchone()
        return row is not None and row[0] == generation and row[1] > iso(self.clock())

    def claim(self, channel: str, limit: int, now: datetime | None = None,
              generation: int | None = None) -> list[Delivery]:
        """Mark up to ``limit`` due pending rows of ``channel`` as "claimed" by ``generation`` and
        return them; nothing if that generation no longer holds the channel's lease.
        (``generation=None``: no lease check, for tools and tests that run no sender.)"""
        stamp = iso(now or self.clock())

        def claim(db: sqlite_utils.Database) -> list[Any]:
            if generation is not None and not self._lease_held(db, channel, generation):
                return []
            rows = db.execute(
                "SELECT o.id, o.broadcast_id, o.user_key, o.channel, o.address, b.text, o.attempts "
                "FROM outbox o JOIN broadcasts b ON b.id = o.broadcast_id "
                "WHERE o.status = 'pending' AND o.channel = ? "
                "AND (o.not_before IS NULL OR o.not_before <= ?) ORDER BY o.id LIMIT ?",
                [channel, stamp, limit]).fetchall()
            if rows:
                ids = [r[0] for r in rows]
                status = "claimed" if generation is not None else "sending"
                db.execute(f"UPDATE outbox SET status = ?, lease_gen = ?, updated = ? "
                           f"WHERE id IN ({', '.join('?' for _ in ids)})",
                           [status, generation, now_iso(), *ids])
            return rows
        rows = self.store.write(claim)
        opened = [(r, self.store.seal.open(r[4])) for r in rows]  # addresses are sealed at rest
        for r, address in opened:
            if address is None:  # sealed under another CCHC_SECRET: undeliverable
                self.finish(r[0], "failed", "address unreadable", generation)
        return [Delivery(r[0], r[1], r[2], r[3], address, *r[5:]) for r, address in opened if address]

    def hand(self, delivery: Delivery, generation: int) -> str:
        """Record that a claimed row is about to be handed to the platform: "ok" (send it),
        "lease" (``generation`` lost the lease: send nothing more) or "row" (the row was recorded
        meanwhile — a late success of an earlier holder: skip it)."""
        return self.hand_many([delivery], generation)[delivery.id]

    def hand_many(self, deliveries: list[Delivery], generation: int) -> dict[int, str]:
        """:meth:`hand` for the next few rows of a batch in one transaction (a row marked
        "sending" but then not sent is put back by :meth:`put_back`)."""
        def hand(db: sqlite_utils.Database) -> dict[int, str]:
            if not deliveries or not self._lease_held(db, deliveries[0].channel, generation):
                return {d.id: "lease" for d in deliveries}
            return {d.id: "ok" if db.execute("UPDATE outbox SET status = 'sending', updated = ? "
                                             "WHERE id = ? AND status = 'claimed' AND lease_gen = ?",
                                             [now_iso(), d.id, generation]).rowcount == 1 else "row"
                    for d in deliveries}
        return self.store.write(hand)

    def put_back(self, ids: list[int], generation: int) -> int:
        """Rows of ``generation`` not sent after all (never handed, or marked "sending" but not
        sent) go back to "pending" (no attempt counted)."""
        if not ids:
            return 0
        return self.store.write(lambda db: db.execute(
            f"UPDATE outbox SET status = 'pending', updated = ? "
            f"WHERE status IN ('claimed', 'sending') AND lease_gen = ? "
            f"AND id IN ({', '.join('?' for _ in ids)})", [now_iso(), generation, *ids]).rowcount)

    def finish(self, delivery_id: int, status: str, error: str | None = None,
               generation: int | None = None) -> bool:
        """Record the outcome of one send; a blocked recipient becomes inactive. Only the
        generation that claimed the row records it — except "sent", also accepted on a row a
        takeover put back or claimed but not handed to the platform again (a delivery is a
        fact; the new holder then skips the row). False if refused."""
        fence = "status = 'sending'" if generation is None else (
            "((status IN ('sending', 'claimed') AND lease_gen = ?)"
            + (" OR status IN ('pending', 'claimed'))" if status == "sent" else ")"))
        def finish(db: sqlite_utils.Database) -> bool:
            done = db.execute(f"UPDATE outbox SET status = ?, error = ?, attempts = attempts + 1, "
                              f"updated = ?, address = NULL WHERE id = ? AND {fence}",
                              [status, error, now_iso(), delivery_id,
                               *([generation] if generation is not None else [])]).rowcount == 1
            if done and status == "blocked":
                db.execute("UPDATE contacts SET active = 0, inactive_reason = ? WHERE user_key = "
                           "(SELECT user_key FROM outbox WHERE id = ?)", [error, delivery_id])
            return done
        return self.store.write(finish)

    def retry_later(self, delivery_id: int, seconds: float, error: str,
                    generation: int | None = None) -> bool:
        not_before = iso(self.clock() + timedelta(seconds=seconds))
        fence = "status = 'sending'" if generation is None else \
            "status IN ('sending', 'claimed') AND lease_gen = ?"
        return self.store.write(lambda db: db.execute(
            f"UPDATE outbox SET status = 'pending', attempts = attempts + 1, error = ?, "
            f"not_before = ?, updated = ? WHERE id = ? AND {fence}",
            [error, not_before, now_iso(), delivery_id,
             *([generation] if generation is not None else [])]).rowcount == 1)

    def complete_finished(self) -> list[int]:
        """Broadcasts whose every row is final become "done"; returns their ids."""
        def complete(db: sqlite_utils.Database) -> list[int]:
            ids = [r[0] for r in db.execute(
                "SELECT id FROM broadcasts b WHERE status = 'sending' AND NOT EXISTS "
                "(SELECT 1 FROM outbox o WHERE o.broadcast_id = b.id "
                "AND o.status IN ('pending', 'claimed', 'sending'))").fetchall()]
            for bid in ids:
                db.execute("UPDATE broadcasts SET status = 'done', finished = ? WHERE id = ?",
                           [now_iso(), bid])
            return ids
        return self.store.write(complete)

    def cancel(self, broadcast_id: int) -> int:
        """Stop a broadcast: rows not yet sent are cancelled at once; returns how many."""
        def cancel(db: sqlite_utils.Database) -> int:
            n = db.execute("UPDATE outbox SET status = 'cancelled', updated = ?, address = NULL "
                           "WHERE broadcast_id = ? AND status = 'pending'",
                           [now_iso(), broadcast_id]).rowcount
            db.execute("UPDATE broadcasts SET status = 'cancelled', finished = ? "
                       "WHERE id = ? AND status IN ('scheduled', 'sending')", [now_iso(), broadcast_id])
            return int(n)
        return self.store.write(cancel)

    def status(self, broadcast_id: int) -> dict[str, Any] | None:
        """A broadcast with its reach: counts of recipients by state."""
        rows = self.store.read(lambda db: list(db["broadcasts"].rows_where("id = ?", [broadcast_id])))
        if not rows:
            return None
        counts = dict(self.store.read(lambda db: db.execute(
            "SELECT status, count(*) FROM outbox WHERE broadcast_id = ? GROUP BY status",
            [broadcast_id]).fetchall()))
        counts["sending"] = counts.get("sending", 0) + counts.pop("claimed", 0)
        return {**rows[0], "reach": {s: counts.get(s, 0) for s in ("pending", "sending", *FINAL)}}

    def list(self, limit: int = 50) -> list[dict[str, Any]]:
        return self.store.read(lambda db: list(db["broadcasts"].rows_where(order_by="id desc", limit=limit)))

    def take_lease(self, name: str, owner: str, ttl: float) -> int | None:
        """Hold the named lease for ``ttl`` seconds (renewing it if we hold it). Returns the
        holder's generation — a new one whenever the lease changes hands — or None if another
        owner holds it unexpired."""
        now = self.clock()

        def take(db: sqlite_utils.Database) -> int | None:
            row = db.execute("SELECT owner, expires, generation FROM leases WHERE name = ?",
                             [name]).fetchone()
            if row and row[0] != owner and row[1] > iso(now):
                return None
            generation = (row[2] if row[0] == owner else row[2] + 1) if row else 1
            db.execute("INSERT OR REPLACE INTO leases (name, owner, expires, generation) "
                       "VALUES (?, ?, ?, ?)", [name, owner, iso(now + timedelta(seconds=ttl)), generation])
            return int(generation)
        return self.store.write(take)

    def release_lease(self, name: str, owner: str) -> None:
        """Let the lease go at once (the row stays: generations only grow)."""
        self.store.write(lambda db: db.execute("UPDATE leases SET expires = ? WHERE name = ? AND owner = ?",
                                               [iso(self.clock()), name, owner]))

    def live_senders(self, within: float = SENDER_SEEN) -> set[str]:
        """Channels whose broadcast lease was held in the last ``within`` seconds."""
        since = iso(self.clock() - timedelta(seconds=within))
        return self.store.read(lambda db: {r[0].split(":", 1)[1] for r in db.execute(
            "SELECT name FROM leases WHERE name LIKE 'broadcast:%' AND expires > ?", [since])})

    def broadcast_state(self, broadcast_id: int) -> str | None:
        row = self.store.read(lambda db: db.execute(
            "SELECT status FROM broadcasts WHERE id = ?", [broadcast_id]).fetchone())
        return row[0] if row else None

    def recover(self, channel: str, generation: int) -> tuple[int, int]:
        """On taking a channel over: rows earlier generations claimed but never handed go back
        to "pending"; rows they handed whose outcome was never recorded are sent again (the
        at-least-once case). Returns (never handed, outcome unknown)."""
        def recover(db: sqlite_utils.Database) -> tuple[int, int]:
            fresh = db.execute("UPDATE outbox SET status = 'pending', updated = ? WHERE kind = 'broadcast' "
                               "AND status = 'claimed' AND channel = ? AND lease_gen IS NOT ?",
                               [now_iso(), channel, generation]).rowcount
            unknown = db.execute("UPDATE outbox SET status = 'pending', error = 'outcome unknown', "
                                 "updated = ? WHERE kind = 'broadcast' AND status = 'sending' "
                                 "AND channel = ? AND lease_gen IS NOT ?",
                                 [now_iso(), channel, generation]).rowcount
            return fresh, unknown
        return self.store.write(recover)

    def pending_channels(self) -> set[str]:
        return self.store.read(lambda db: {r[0] for r in db.execute(
            "SELECT DISTINCT channel FROM outbox WHERE status = 'pending' AND kind = 'broadcast'"
        ).fetchall()})
