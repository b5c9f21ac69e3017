"""The interaction store: the only module that touches SQLite.

Tables (created and migrated by named migrations, WAL mode):

* ``interactions`` — one row per message handled: time, channel, pseudonymous user key,
  locality, scrubbed text, status, entry, score, latency, the user's 👍/👎 rating;
* ``unanswered`` — questions that got the fallback, for staff to review;
* ``feedback`` — citizens' /gopy messages; the row id is the reference number they get;
* ``sessions`` — dialogue state per user key (locality, pending step, last numbered choices);
* ``contacts`` — the platform address to deliver announcements to (kept only for that,
  sealed with :class:`~bot.sealing.AddressSeal`, never in clear);
* ``subscriptions`` — announcement topics per user key;
* ``processed`` — update ids already handled per channel, so a redelivery is ignored;
* ``activities`` — outreach done outside the bot, recorded by staff (read and written by
  :mod:`bot.storage.activities`).

Which tables hold a person's data, and how erasure, export and the retention purge reach
each of them, is :mod:`bot.storage.rights`. The file is created mode 600 (its folder 700), and
``secure_delete`` overwrites what is deleted.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from bot.errors import StoreError
from bot.privacy import scrub
from bot.sealing import AddressSeal
from bot.storage import rights
from bot.storage.migrations import migrations


def _private_file(path: Path) -> None:
    """Create the database file (and its folder) readable by the owner only."""
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    elif path.stat().st_mode & 0o077 and path.stat().st_uid == os.getuid():
        path.chmod(0o600)


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
    context: dict[str, Any] = field(default_factory=dict)  # the procedure under discussion


class Store:
    """SQLite store; one connection guarded by a lock (callers on other threads are fine).

    ``secret`` keys the sealing of delivery addresses (the configured ``CCHC_SECRET``); without
    it a random key is used, good for this object's lifetime only (tests, benchmarks)."""

    def __init__(self, path: Path | str, secret: bytes | None = None) -> None:
        self.path = Path(path)
        self.seal = AddressSeal(secret)
        try:
            if str(path) != ":memory:":
                _private_file(self.path)
            # One connection shared by the caller threads (asyncio.to_thread), serialised by
            # self.lock; SQLite's own check would refuse any thread but the creator's.
            conn = sqlite3.connect(str(path), check_same_thread=False)
            self.db = sqlite_utils.Database(conn, execute_plugins=False)
            self.db.conn.execute("PRAGMA busy_timeout = 5000")
            if str(path) != ":memory:":
                self.db.enable_wal()
            # WAL with NORMAL: a commit does not wait for the disk (fsync at checkpoints), and a
            # crash of the process loses nothing; a power cut may lose the last commits
            self.db.conn.execute("PRAGMA synchronous = NORMAL")
            self.db.conn.execute("PRAGMA foreign_keys = ON")
            self.db.conn.execute("PRAGMA secure_delete = ON")
            migrations.apply(self.db)
        except Exception as exc:  # sqlite3.Error, OSError
            raise StoreError(f"không mở được cơ sở dữ liệu {path}: {exc}") from exc
        self.lock = threading.RLock()
        self._seal_clear_addresses()

    def _seal_clear_addresses(self) -> None:
        """Seal addresses a version before encryption at rest left in clear (once)."""
        with self.transaction() as db:
            for table, key in (("contacts", "user_key"), ("outbox", "id")):
                rows = db.execute(f"SELECT {key}, address FROM {table} WHERE address IS NOT NULL "
                                  "AND address NOT LIKE 'gAAAAA%'").fetchall()
                for pk, address in rows:
                    db.execute(f"UPDATE {table} SET address = ? WHERE {key} = ?",
                               [self.seal.seal(address), pk])
                    if table == "outbox":  # replies are ordered per chat by the address's tag
                        db.execute("UPDATE outbox SET chat = ? WHERE id = ?", [self.seal.tag(address), pk])

    @contextmanager
    def transaction(self, immediate: bool = False) -> Iterator[sqlite_utils.Database]:
        """The database inside a transaction, holding the lock (storage modules only).
        ``immediate``: take SQLite's write lock first, so that what the transaction reads
        cannot change before it writes, even from another process (read-then-write)."""
        with self.lock, self.db.conn:
            if immediate:
                self.db.conn.execute("BEGIN IMMEDIATE")
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
                                               "locality": locality, "text": clean, "user_key": user_key})
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
        """A person's contact, its address opened (None when it cannot be)."""
        with self.lock:
            rows = list(self.db["contacts"].rows_where("user_key = ?", [user_key]))
        return {**rows[0], "address": self.seal.open(rows[0]["address"])} if rows else None

    # --- sessions -------------------------------------------------------------------------
    def session(self, user_key: str, channel: str) -> Session:
        with self.lock:
            rows = list(self.db["sessions"].rows_where("user_key = ?", [user_key]))
        if not rows:
            return Session(user_key, channel)
        r = rows[0]
        return Session(user_key, channel, r["locality"], r["state"],
                       [tuple(c) for c in json.loads(r["choices"] or "[]")], is_new=False,
                       draft=json.loads(r.get("draft") or "{}"),
                       context=json.loads(r.get("context") or "{}"))

    def save_session(self, s: Session) -> None:
        with self.transaction() as db:
            db.table("sessions").upsert({"user_key": s.user_key, "channel": s.channel,
                                   "locality": s.locality, "state": s.state,
                                   "choices": json.dumps(s.choices, ensure_ascii=False),
                                   "draft": json.dumps(s.draft, ensure_ascii=False) if s.draft else None,
                                   "context": json.dumps(s.context) if s.context else None,
                                   "updated": now_iso()}, pk="user_key")
        s.is_new = False

    # --- contacts and subscriptions -------------------------------------------------------
    def upsert_contact(self, user_key: str, channel: str, address: str, locality: str | None) -> bool:
        """Remember where to reach a person; True if they are new (not seen before)."""
        with self.transaction() as db:
            rows = list(db.table("contacts").rows_where("user_key = ?", [user_key]))
            if rows and self.seal.open(rows[0]["address"]) == address \
                    and rows[0]["locality"] == locality and rows[0]["active"] == 1:
                return False
            db.table("contacts").upsert({"user_key": user_key, "channel": channel,
                                         "address": self.seal.seal(address),
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

    def first_time(self, channel: str, update_id: str, user_key: str | None = None) -> bool:
        """True the first time an update id is seen on a channel; False for a redelivery."""
        with self.transaction() as db:
            cur = db.execute("INSERT OR IGNORE INTO processed (channel, update_id, ts, user_key) "
                             "VALUES (?, ?, ?, ?)", [channel, update_id, now_iso(), user_key])
            return cur.rowcount == 1

    def forget_update(self, channel: str, update_id: str) -> None:
        """Let an update be handled again (its handling failed before any reply was sent)."""
        with self.transaction() as db:
            db.execute("DELETE FROM processed WHERE channel = ? AND update_id = ?", [channel, update_id])

    # --- data-subject rights and retention (bot.storage.rights) ------------------------------------
    def export_user(self, user_key: str) -> dict[str, list[dict[str, Any]]]:
        """Everything stored about one person (right of access), table by table."""
        return rights.export(self, user_key)

    def delete_user(self, user_key: str) -> int:
        """Erase one person's data (right to deletion); returns the number of rows removed."""
        return rights.erase(self, user_key)

    def purge(self, retention_days: int, now: datetime | None = None) -> int:
        """Delete the records older than the retention period, in every personal table."""
        return rights.purge(self, retention_days, now)
