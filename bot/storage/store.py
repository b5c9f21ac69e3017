"""The interaction store: opens the SQLite file and owns its tables and their writers.

The storage modules (``bot.storage``) are the only place with SQL, and they all read and
write through this store's :meth:`Store.read` and :meth:`Store.write` — the one write path,
described in :mod:`bot.storage.writer`; handling one incoming message is one transaction
(:meth:`Store.message`). Tables (created and migrated by named migrations, WAL mode):

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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import sqlite_utils

from bot.errors import StoreError
from bot.privacy import scrub
from bot.sealing import AddressSeal
from bot.storage import rights
from bot.storage.migrations import migrations
from bot.storage.writer import Writer

T = TypeVar("T")


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


@dataclass(frozen=True)
class Session:
    """A user's dialogue state, as stored: a value, never changed in place. The dialogue holds
    the current one for the message it handles and replaces it with :meth:`changed`."""

    user_key: str
    channel: str
    locality: str | None = None
    state: str | None = None
    choices: tuple[tuple[str, str], ...] = ()  # the last numbered choices: (label, payload)
    is_new: bool = True
    deleted: bool = False  # the user erased their data: do not write the session back
    draft: dict[str, Any] = field(default_factory=dict)  # an officer's announcement being composed
    context: dict[str, Any] = field(default_factory=dict)  # the procedure under discussion

    def changed(self, **changes: Any) -> Session:
        """A copy with ``changes`` (field names), the one way a session changes."""
        return replace(self, **changes)


class Redelivered(Exception):
    """The incoming update was handled meanwhile (by another thread or process): its batch is
    rolled back and nothing of it is answered again."""


class Store:
    """The SQLite store. Every write goes through :meth:`write` (or joins a :meth:`message`),
    every read through :meth:`read`: see :mod:`bot.storage.writer`. Callers on any thread are
    fine; async code calls through a thread.

    ``secret`` keys the sealing of delivery addresses (the configured ``CCHC_SECRET``); without
    it a random key is used, good for this object's lifetime only (tests, benchmarks)."""

    def __init__(self, path: Path | str, secret: bytes | None = None) -> None:
        self.path = Path(path)
        self.seal = AddressSeal(secret)
        try:
            if str(path) != ":memory:":
                _private_file(self.path)
            self.writer = Writer.connect(str(path))
            migrations.apply(self.writer.db)
        except Exception as exc:  # sqlite3.Error, OSError
            raise StoreError(f"không mở được cơ sở dữ liệu {path}: {exc}") from exc
        #: the database handle, for tests and benchmarks to look at (code goes through read/write)
        self.db = self.writer.db
        self._seal_clear_addresses()

    def write(self, fn: Callable[[sqlite_utils.Database], T]) -> T:
        """``fn(db)`` in one transaction: the one way to write (:meth:`Writer.write`)."""
        return self.writer.write(fn)

    def read(self, fn: Callable[[sqlite_utils.Database], T]) -> T:
        """``fn(db)`` under the writer's lock (:meth:`Writer.read`)."""
        return self.writer.read(fn)

    def _seal_clear_addresses(self) -> None:
        """Seal addresses a version before encryption at rest left in clear (once)."""
        def seal(db: sqlite_utils.Database) -> None:
            for table, key in (("contacts", "user_key"), ("outbox", "id")):
                rows = db.execute(f"SELECT {key}, address FROM {table} WHERE address IS NOT NULL "
                                  "AND address NOT LIKE 'gAAAAA%'").fetchall()
                for pk, address in rows:
                    db.execute(f"UPDATE {table} SET address = ? WHERE {key} = ?",
                               [self.seal.seal(address), pk])
                    if table == "outbox":  # replies are ordered per chat by the address's tag
                        db.execute("UPDATE outbox SET chat = ? WHERE id = ?", [self.seal.tag(address), pk])
        self.write(seal)

    @contextmanager
    def message(self, channel: str, update_id: str | None, user_key: str) -> Iterator[None]:
        """Handling one incoming message as one transaction: the update recorded as processed
        (when it has an id), and every write this thread makes inside the block, commit
        together or not at all. Raises :class:`Redelivered` (nothing written) if the update
        was handled meanwhile; check :meth:`handled` first to skip the work."""
        def record(db: sqlite_utils.Database) -> None:
            if update_id is not None and not self.first_time(channel, update_id, user_key):
                raise Redelivered(f"{channel} update already handled")
        with self.writer.batch(record):
            yield

    def close(self) -> None:
        self.db.close()

    # --- interactions ---------------------------------------------------------------------
    def log_interaction(self, *, channel: str, user_key: str, locality: str | None, kind: str,
                        text: str, status: str | None = None, entry_id: str | None = None,
                        score: float | None = None, latency_ms: float | None = None,
                        ts: str | None = None, topic: str | None = None, queue: bool = True) -> int:
        """Record one interaction (text scrubbed); fallbacks also enter the unanswered queue
        unless ``queue`` is False (a question off the subject altogether)."""
        clean = scrub(text)
        row = {"ts": ts or now_iso(), "channel": channel, "user_key": user_key,
               "locality": locality, "kind": kind, "text": clean, "status": status,
               "entry_id": entry_id, "score": score, "latency_ms": latency_ms, "topic": topic}

        def log(db: sqlite_utils.Database) -> int:
            rid = db.table("interactions").insert(row).last_pk
            if status == "fallback" and queue:
                db.table("unanswered").insert({"interaction_id": rid, "ts": row["ts"], "channel": channel,
                                               "locality": locality, "text": clean, "user_key": user_key})
            assert isinstance(rid, int)
            return rid
        return self.write(log)

    def rate(self, interaction_id: int, user_key: str, value: int) -> bool:
        """Record 👍 (+1) or 👎 (−1) once per answer; False if already rated or not theirs."""
        return self.write(lambda db: db.execute(
            "UPDATE interactions SET rating = ?, rated_ts = ? "
            "WHERE id = ? AND user_key = ? AND rating IS NULL AND entry_id IS NOT NULL",
            [1 if value > 0 else -1, now_iso(), interaction_id, user_key]).rowcount == 1)

    def interaction(self, interaction_id: int) -> dict[str, Any] | None:
        rows = self.read(lambda db: list(db["interactions"].rows_where("id = ?", [interaction_id])))
        return rows[0] if rows else None

    def count(self, table: str, where: str | None = None, args: list[Any] | None = None) -> int:
        return self.read(lambda db: db[table].count_where(where, args) if where else db[table].count)

    # --- feedback -------------------------------------------------------------------------
    def add_feedback(self, *, channel: str, user_key: str, locality: str | None, text: str) -> int:
        """Store a /gopy message; returns its reference number."""
        row = {"ts": now_iso(), "channel": channel, "user_key": user_key, "locality": locality,
               "text": scrub(text)}
        rid = self.write(lambda db: db.table("feedback").insert(row).last_pk)
        assert isinstance(rid, int)
        return rid

    def feedback_item(self, feedback_id: int) -> dict[str, Any] | None:
        rows = self.read(lambda db: list(db["feedback"].rows_where("id = ?", [feedback_id])))
        return rows[0] if rows else None

    def reply_feedback(self, feedback_id: int, reply: str, delivered: bool) -> None:
        self.write(lambda db: db.execute(
            "UPDATE feedback SET reply = ?, reply_ts = ?, status = ? WHERE id = ?",
            [reply, now_iso(), "answered" if delivered else "answered-not-delivered", feedback_id]))

    def mark_handled(self, unanswered_ids: list[int]) -> int:
        if not unanswered_ids:
            return 0
        return self.write(lambda db: db.execute(
            f"UPDATE unanswered SET handled = 1, handled_ts = ? WHERE id IN "
            f"({', '.join('?' for _ in unanswered_ids)})", [now_iso(), *unanswered_ids]).rowcount)

    def unanswered_texts(self, unanswered_ids: list[int]) -> list[str]:
        if not unanswered_ids:
            return []
        return self.read(lambda db: [r[0] for r in db.execute(
            f"SELECT text FROM unanswered WHERE id IN ({', '.join('?' for _ in unanswered_ids)})",
            unanswered_ids).fetchall()])

    def contact(self, user_key: str) -> dict[str, Any] | None:
        """A person's contact, its address opened (None when it cannot be)."""
        rows = self.read(lambda db: list(db["contacts"].rows_where("user_key = ?", [user_key])))
        return {**rows[0], "address": self.seal.open(rows[0]["address"])} if rows else None

    # --- sessions -------------------------------------------------------------------------
    def session(self, user_key: str, channel: str) -> Session:
        rows = self.read(lambda db: list(db["sessions"].rows_where("user_key = ?", [user_key])))
        if not rows:
            return Session(user_key, channel)
        r = rows[0]
        return Session(user_key, channel, r["locality"], r["state"],
                       tuple((c[0], c[1]) for c in json.loads(r["choices"] or "[]")), is_new=False,
                       draft=json.loads(r.get("draft") or "{}"),
                       context=json.loads(r.get("context") or "{}"))

    def save_session(self, s: Session) -> None:
        row = {"user_key": s.user_key, "channel": s.channel, "locality": s.locality, "state": s.state,
               "choices": json.dumps(s.choices, ensure_ascii=False),
               "draft": json.dumps(s.draft, ensure_ascii=False) if s.draft else None,
               "context": json.dumps(s.context) if s.context else None, "updated": now_iso()}
        self.write(lambda db: db.table("sessions").upsert(row, pk="user_key"))

    # --- contacts and subscriptions -------------------------------------------------------
    def upsert_contact(self, user_key: str, channel: str, address: str, locality: str | None) -> bool:
        """Remember where to reach a person; True if they are new (not seen before)."""
        def upsert(db: sqlite_utils.Database) -> bool:
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
        return self.write(upsert)

    def subscriptions(self, user_key: str) -> list[str]:
        return self.read(lambda db: [r["topic"] for r in db.table("subscriptions").rows_where(
            "user_key = ?", [user_key], order_by="topic")])

    def subscribe(self, user_key: str, topic: str) -> bool:
        """Subscribe; False if already subscribed."""
        return self.write(lambda db: db.execute(
            "INSERT OR IGNORE INTO subscriptions (user_key, topic, created) VALUES (?, ?, ?)",
            [user_key, topic, now_iso()]).rowcount == 1)

    def unsubscribe(self, user_key: str, topic: str | None = None) -> int:
        """Leave one topic (or all when ``topic`` is None), effective at once."""
        if topic is None:
            return self.write(lambda db: db.execute(
                "DELETE FROM subscriptions WHERE user_key = ?", [user_key]).rowcount)
        return self.write(lambda db: db.execute(
            "DELETE FROM subscriptions WHERE user_key = ? AND topic = ?", [user_key, topic]).rowcount)

    def first_time(self, channel: str, update_id: str, user_key: str | None = None) -> bool:
        """True the first time an update id is seen on a channel (now recorded); False for a
        redelivery."""
        return self.write(lambda db: db.execute(
            "INSERT OR IGNORE INTO processed (channel, update_id, ts, user_key) VALUES (?, ?, ?, ?)",
            [channel, update_id, now_iso(), user_key]).rowcount == 1)

    def handled(self, channel: str, update_id: str) -> bool:
        """Whether an update was handled already (a redelivery), without recording anything."""
        return self.read(lambda db: db.execute(
            "SELECT 1 FROM processed WHERE channel = ? AND update_id = ?",
            [channel, update_id]).fetchone() is not None)

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
