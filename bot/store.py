"""The interaction store: the only module that touches SQLite.

Tables (created and migrated by named migrations, WAL mode):

* ``interactions`` — one row per message handled: time, channel, pseudonymous user key,
  locality, scrubbed text, status, entry, score, latency, the user's 👍/👎 rating;
* ``unanswered`` — questions that got the fallback, for staff to review;
* ``feedback`` — citizens' /gopy messages; the row id is the reference number they get;
* ``sessions`` — dialogue state per user key (locality, pending step, last numbered choices);
* ``contacts`` — the platform address to deliver announcements to (kept only for that);
* ``subscriptions`` — announcement topics per user key;
* ``processed`` — update ids already handled per channel, so a redelivery is ignored;
* ``activities`` — outreach done outside the bot, recorded by staff (read and written by
  :mod:`bot.activities`).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

from bot.errors import StoreError
from bot.privacy import scrub

migrations = Migrations("cchc")


@migrations()
def m001_core(db: sqlite_utils.Database) -> None:
    db.table("interactions").create({
        "id": int, "ts": str, "channel": str, "user_key": str, "locality": str, "kind": str,
        "text": str, "status": str, "entry_id": str, "score": float, "latency_ms": float,
        "rating": int, "rated_ts": str,
    }, pk="id", not_null={"ts", "channel", "user_key", "kind"})
    db.table("interactions").create_index(["ts"])
    db.table("interactions").create_index(["user_key"])
    db.table("interactions").create_index(["channel", "ts"])
    db.table("interactions").create_index(["status", "ts"])
    db.table("unanswered").create({
        "id": int, "interaction_id": int, "ts": str, "channel": str, "locality": str,
        "text": str, "handled": int, "handled_ts": str,
    }, pk="id", defaults={"handled": 0}, foreign_keys=[("interaction_id", "interactions", "id")])
    db.table("unanswered").create_index(["handled", "ts"])
    db.table("feedback").create({
        "id": int, "ts": str, "channel": str, "user_key": str, "locality": str, "text": str,
        "status": str, "reply": str, "reply_ts": str,
    }, pk="id", defaults={"status": "open"})
    db.table("feedback").create_index(["user_key"])
    db.table("sessions").create({
        "user_key": str, "channel": str, "locality": str, "state": str, "choices": str,
        "updated": str,
    }, pk="user_key")


@migrations()
def m002_contacts(db: sqlite_utils.Database) -> None:
    """Where to deliver announcements, who subscribed to what, which updates were handled."""
    db.table("contacts").create({
        "user_key": str, "channel": str, "address": str, "locality": str, "active": int,
        "created": str, "inactive_reason": str,
    }, pk="user_key", defaults={"active": 1})
    db.table("contacts").create_index(["channel", "active"])
    db.table("subscriptions").create({"user_key": str, "topic": str, "created": str},
                                     pk=("user_key", "topic"))
    db.table("subscriptions").create_index(["topic"])
    db.table("processed").create({"channel": str, "update_id": str, "ts": str},
                                 pk=("channel", "update_id"))


@migrations()
def m003_broadcasts(db: sqlite_utils.Database) -> None:
    db.table("officers").create({"channel": str, "user_id": str, "user_key": str, "added": str},
                                pk=("channel", "user_id"))
    db.table("officers").create_index(["user_key"], unique=True)
    db.table("broadcasts").create({
        "id": int, "created": str, "created_by": str, "text": str, "topic": str, "locality": str,
        "channels": str, "status": str, "due": str, "every": str, "started": str, "finished": str,
    }, pk="id", defaults={"status": "scheduled"})
    db.table("broadcasts").create_index(["status", "due"])
    db.table("outbox").create({
        "id": int, "broadcast_id": int, "user_key": str, "channel": str, "address": str,
        "status": str, "attempts": int, "not_before": str, "error": str, "updated": str,
    }, pk="id", defaults={"status": "pending", "attempts": 0},
       foreign_keys=[("broadcast_id", "broadcasts", "id")])
    db.table("outbox").create_index(["broadcast_id", "user_key"], unique=True)
    db.table("outbox").create_index(["status", "channel", "id"])
    db.table("sessions").add_column("draft", str)
    db.table("leases").create({"name": str, "owner": str, "expires": str}, pk="name")


@migrations()
def m004_dashboard(db: sqlite_utils.Database) -> None:
    """Topic on interactions (for filters and reports), keyset-pagination indexes, staff."""
    db.table("interactions").add_column("topic", str)
    for column in ("channel", "status", "locality", "topic", "kind"):
        db.execute(f"CREATE INDEX IF NOT EXISTS idx_interactions_{column}_id ON interactions ({column}, id)")
    db.table("staff").create({"username": str, "password_hash": str, "created": str}, pk="username")
    db.table("web_sessions").create({"token": str, "username": str, "csrf": str, "expires": str},
                                    pk="token")


@migrations()
def m005_activities(db: sqlite_utils.Database) -> None:
    """Outreach activities recorded by staff (radio, website posts, panels, conferences…)."""
    db.table("activities").create({
        "id": int, "created": str, "created_by": str, "locality": str, "day": str, "form": str,
        "plan_item": str, "description": str, "quantity": int, "participants": int, "evidence": str,
    }, pk="id", not_null={"created", "day", "form", "description", "quantity"})
    db.table("activities").create_index(["locality", "day"])
    db.table("activities").create_index(["day"])


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass
class Session:
    """A user's dialogue state."""

    user_key: str
    channel: str
    locality: str | None = None
    state: str | None = None
    choices: list[tuple[str, str]] = field(default_factory=list)
    is_new: bool = True
    deleted: bool = False  # the user erased their data: do not write the session back
    draft: dict[str, Any] = field(default_factory=dict)  # an officer's announcement being composed


class Store:
    """SQLite store; one connection guarded by a lock (callers on other threads are fine)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            if str(path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            # One connection shared by the caller threads (asyncio.to_thread), serialised by
            # self.lock; SQLite's own check would refuse any thread but the creator's.
            conn = sqlite3.connect(str(path), check_same_thread=False)
            self.db = sqlite_utils.Database(conn, execute_plugins=False)
            self.db.conn.execute("PRAGMA busy_timeout = 5000")
            if str(path) != ":memory:":
                self.db.enable_wal()
            self.db.conn.execute("PRAGMA foreign_keys = ON")
            migrations.apply(self.db)
        except Exception as exc:  # sqlite3.Error, OSError
            raise StoreError(f"không mở được cơ sở dữ liệu {path}: {exc}") from exc
        self.lock = threading.RLock()

    @contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """The database inside a transaction, holding the lock (storage modules only)."""
        with self.lock, self.db.conn:
            yield self.db

    def close(self) -> None:
        self.db.close()

    # --- interactions ---------------------------------------------------------------------
    def log_interaction(self, *, channel: str, user_key: str, locality: str | None, kind: str,
                        text: str, status: str | None = None, entry_id: str | None = None,
                        score: float | None = None, latency_ms: float | None = None,
                        ts: str | None = None, topic: str | None = None) -> int:
        """Record one interaction (text scrubbed); fallbacks also enter the unanswered queue."""
        clean = scrub(text)
        row = {"ts": ts or now_iso(), "channel": channel, "user_key": user_key,
               "locality": locality, "kind": kind, "text": clean, "status": status,
               "entry_id": entry_id, "score": score, "latency_ms": latency_ms, "topic": topic}
        with self.transaction() as db:
            rid = db.table("interactions").insert(row).last_pk
            if status == "fallback":
                db.table("unanswered").insert({"interaction_id": rid, "ts": row["ts"], "channel": channel,
                                         "locality": locality, "text": clean})
        assert isinstance(rid, int)
        return rid

    def rate(self, interaction_id: int, user_key: str, value: int) -> bool:
        """Record 👍 (+1) or 👎 (−1) once per answer; False if already rated or not theirs."""
        with self.transaction() as db:
            cur = db.execute(
                "UPDATE interactions SET rating = ?, rated_ts = ? "
                "WHERE id = ? AND user_key = ? AND rating IS NULL AND entry_id IS NOT NULL",
                [1 if value > 0 else -1, now_iso(), interaction_id, user_key])
            return cur.rowcount == 1

    def interaction(self, interaction_id: int) -> dict[str, Any] | None:
        with self.lock:
            rows = list(self.db["interactions"].rows_where("id = ?", [interaction_id]))
        return rows[0] if rows else None

    def count(self, table: str, where: str | None = None, args: list[Any] | None = None) -> int:
        with self.lock:
            return self.db[table].count_where(where, args) if where else self.db[table].count

    # --- feedback -------------------------------------------------------------------------
    def add_feedback(self, *, channel: str, user_key: str, locality: str | None, text: str) -> int:
        """Store a /gopy message; returns its reference number."""
        with self.transaction() as db:
            rid = db.table("feedback").insert({"ts": now_iso(), "channel": channel, "user_key": user_key,
                                         "locality": locality, "text": scrub(text)}).last_pk
        assert isinstance(rid, int)
        return rid

    def feedback_item(self, feedback_id: int) -> dict[str, Any] | None:
        with self.lock:
            rows = list(self.db["feedback"].rows_where("id = ?", [feedback_id]))
        return rows[0] if rows else None

    def reply_feedback(self, feedback_id: int, reply: str, delivered: bool) -> None:
        with self.transaction() as db:
            db.execute("UPDATE feedback SET reply = ?, reply_ts = ?, status = ? WHERE id = ?",
                       [reply, now_iso(), "answered" if delivered else "answered-not-delivered",
                        feedback_id])

    def mark_handled(self, unanswered_ids: list[int]) -> int:
        with self.transaction() as db:
            return db.execute(f"UPDATE unanswered SET handled = 1, handled_ts = ? WHERE id IN "
                              f"({', '.join('?' for _ in unanswered_ids)})",
                              [now_iso(), *unanswered_ids]).rowcount if unanswered_ids else 0

    def unanswered_texts(self, unanswered_ids: list[int]) -> list[str]:
        if not unanswered_ids:
            return []
        with self.lock:
            return [r[0] for r in self.db.execute(
                f"SELECT text FROM unanswered WHERE id IN ({', '.join('?' for _ in unanswered_ids)})",
                unanswered_ids).fetchall()]

    def contact(self, user_key: str) -> dict[str, Any] | None:
        with self.lock:
            rows = list(self.db["contacts"].rows_where("user_key = ?", [user_key]))
        return rows[0] if rows else None

    # --- sessions -------------------------------------------------------------------------
    def session(self, user_key: str, channel: str) -> Session:
        with self.lock:
            rows = list(self.db["sessions"].rows_where("user_key = ?", [user_key]))
        if not rows:
            return Session(user_key, channel)
        r = rows[0]
        return Session(user_key, channel, r["locality"], r["state"],
                       [tuple(c) for c in json.loads(r["choices"] or "[]")], is_new=False,
                       draft=json.loads(r.get("draft") or "{}"))

    def save_session(self, s: Session) -> None:
        with self.transaction() as db:
            db.table("sessions").upsert({"user_key": s.user_key, "channel": s.channel,
                                   "locality": s.locality, "state": s.state,
                                   "choices": json.dumps(s.choices, ensure_ascii=False),
                                   "draft": json.dumps(s.draft, ensure_ascii=False) if s.draft else None,
                                   "updated": now_iso()}, pk="user_key")
        s.is_new = False

    # --- contacts and subscriptions -------------------------------------------------------
    def upsert_contact(self, user_key: str, channel: str, address: str, locality: str | None) -> bool:
        """Remember where to reach a person; True if they are new (not seen before)."""
        with self.transaction() as db:
            rows = list(db.table("contacts").rows_where("user_key = ?", [user_key]))
            if rows and rows[0]["address"] == address and rows[0]["locality"] == locality \
                    and rows[0]["active"] == 1:
                return False
            db.table("contacts").upsert({"user_key": user_key, "channel": channel, "address": address,
                                         "locality": locality, "active": 1, "inactive_reason": None,
                                         "created": rows[0]["created"] if rows else now_iso()},
                                        pk="user_key")
            return not rows

    def subscriptions(self, user_key: str) -> list[str]:
        with self.lock:
            return [r["topic"] for r in self.db.table("subscriptions").rows_where(
                "user_key = ?", [user_key], order_by="topic")]

    def subscribe(self, user_key: str, topic: str) -> bool:
        """Subscribe; False if already subscribed."""
        with self.transaction() as db:
            cur = db.execute("INSERT OR IGNORE INTO subscriptions (user_key, topic, created) "
                             "VALUES (?, ?, ?)", [user_key, topic, now_iso()])
            return cur.rowcount == 1

    def unsubscribe(self, user_key: str, topic: str | None = None) -> int:
        """Leave one topic (or all when ``topic`` is None), effective at once."""
        with self.transaction() as db:
            if topic is None:
                return db.execute("DELETE FROM subscriptions WHERE user_key = ?", [user_key]).rowcount
            return db.execute("DELETE FROM subscriptions WHERE user_key = ? AND topic = ?",
                              [user_key, topic]).rowcount

    def first_time(self, channel: str, update_id: str) -> bool:
        """True the first time an update id is seen on a channel; False for a redelivery."""
        with self.transaction() as db:
            cur = db.execute("INSERT OR IGNORE INTO processed (channel, update_id, ts) VALUES (?, ?, ?)",
                             [channel, update_id, now_iso()])
            return cur.rowcount == 1

    def forget_update(self, channel: str, update_id: str) -> None:
        """Let an update be handled again (its handling failed before any reply was sent)."""
        with self.transaction() as db:
            db.execute("DELETE FROM processed WHERE channel = ? AND update_id = ?", [channel, update_id])

    # --- data-subject rights and retention ------------------------------------------------
    def export_user(self, user_key: str) -> dict[str, list[dict[str, Any]]]:
        """Everything stored about one person (right of access)."""
        q = "user_key = ?"
        with self.lock:
            return self._export(q, user_key)

    def _export(self, q: str, user_key: str) -> dict[str, list[dict[str, Any]]]:
        return {
            "contacts": list(self.db["contacts"].rows_where(q, [user_key])),
            "subscriptions": list(self.db["subscriptions"].rows_where(q, [user_key])),
            "sessions": list(self.db["sessions"].rows_where(q, [user_key])),
            "interactions": list(self.db["interactions"].rows_where(q, [user_key], order_by="id")),
            "feedback": list(self.db["feedback"].rows_where(q, [user_key], order_by="id")),
        }

    def delete_user(self, user_key: str) -> int:
        """Erase one person's data (right to deletion); returns the number of rows removed."""
        with self.transaction() as db:
            ids = "SELECT id FROM interactions WHERE user_key = ?"
            n = db.execute(f"DELETE FROM unanswered WHERE interaction_id IN ({ids})", [user_key]).rowcount
            for table in ("interactions", "feedback", "sessions", "subscriptions", "contacts"):
                n += db.execute(f"DELETE FROM {table} WHERE user_key = ?", [user_key]).rowcount
        return n

    def purge(self, retention_days: int, now: datetime | None = None) -> int:
        """Delete interactions, unanswered items and feedback older than the retention period."""
        cutoff = ((now or datetime.now(UTC)) - timedelta(days=retention_days)).isoformat()
        with self.transaction() as db:
            n = db.execute("DELETE FROM unanswered WHERE ts < ?", [cutoff]).rowcount
            n += db.execute("DELETE FROM interactions WHERE ts < ?", [cutoff]).rowcount
            n += db.execute("DELETE FROM feedback WHERE ts < ?", [cutoff]).rowcount
            n += db.execute("DELETE FROM sessions WHERE updated < ?", [cutoff]).rowcount
            n += db.execute("DELETE FROM processed WHERE ts < ?", [cutoff]).rowcount
        return n
