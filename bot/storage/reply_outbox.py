"""Storage of replies waiting for their platform: rows of kind "reply" in the ``outbox`` table.

A reply is stored before its first attempt, so a platform outage or a restart does not lose it.
Row states (each claim carries a random token in ``lease_gen``; ``claim_until`` bounds it):

    pending ──claim──▶ sending ──▶ (deleted: delivered)
       ▲                  │   └──▶ failed        (permanent refusal, or still failing at ``give_up``)
       └──── retry ───────┘        (a crash leaves "sending": reclaimed once ``claim_until`` passes)

Only the oldest unfinished reply of a chat can be claimed, so a chat's replies go out in order
whichever process or task sends them. Delivered rows are deleted (nothing to keep); failed rows
stay, with the reply, for staff to see. The chat id is sealed at rest (``address``, opened only
to send) and chats are told apart by its keyed tag (``chat``); a failed row loses its address.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import sqlite_utils

from bot.clock import Clock, iso, utc_now
from bot.storage.store import Store, now_iso

HEAD = ("NOT EXISTS (SELECT 1 FROM outbox p WHERE p.kind = 'reply' AND p.channel = o.channel "
        "AND p.chat = o.chat AND p.id < o.id AND p.status IN ('pending', 'sending'))")


@dataclass(frozen=True)
class QueuedReply:
    """One claimed reply: where it goes, what the adapter rendered, and the claim's token."""

    id: int
    channel: str
    address: str
    payload: dict[str, Any]
    attempts: int
    give_up: str
    token: int


class ReplyOutbox:
    """Replies in the outbox, claimed one chat head at a time."""

    def __init__(self, store: Store, clock: Clock = utc_now) -> None:
        self.store = store
        self.clock = clock

    def enqueue(self, channel: str, address: str, user_key: str | None,
                payloads: list[dict[str, Any]], window: float) -> list[int]:
        """Store a message's replies, in order; they are given up ``window`` seconds from now."""
        now = self.clock()
        rows = [[channel, self.store.seal.seal(address), self.store.seal.tag(address), user_key,
                 json.dumps(payload, ensure_ascii=False), iso(now), iso(now + timedelta(seconds=window)),
                 now_iso()] for payload in payloads]

        def enqueue(db: sqlite_utils.Database) -> list[int]:
            ids: list[int] = []
            for row in rows:
                cur = db.execute(
                    "INSERT INTO outbox (kind, channel, address, chat, user_key, payload, status, attempts, "
                    "created, give_up, updated) VALUES ('reply', ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)", row)
                assert cur.lastrowid is not None
                ids.append(cur.lastrowid)
            return ids
        return self.store.write(enqueue)

    def claim(self, channels: list[str], hold: float, limit: int = 50,
              address: str | None = None) -> list[QueuedReply]:
        """Claim the due head reply of each chat (of one chat with ``address``) for ``hold`` s."""
        now = iso(self.clock())
        token = secrets.randbits(62)
        where = (f"o.kind = 'reply' AND o.channel IN ({', '.join('?' for _ in channels)}) AND "
                 "((o.status = 'pending' AND (o.not_before IS NULL OR o.not_before <= ?)) "
                 "OR (o.status = 'sending' AND o.claim_until < ?))")
        args: list[Any] = [*channels, now, now]
        if address is not None:
            where += " AND o.chat = ?"
            args.append(self.store.seal.tag(address))
        def claim(db: sqlite_utils.Database) -> list[Any]:
            rows = db.execute(f"SELECT o.id, o.channel, o.address, o.payload, o.attempts, o.give_up "
                              f"FROM outbox o WHERE {where} AND {HEAD} ORDER BY o.id LIMIT ?",
                              [*args, limit]).fetchall()
            until = iso(self.clock() + timedelta(seconds=hold))
            for row in rows:
                db.execute("UPDATE outbox SET status = 'sending', lease_gen = ?, claim_until = ?, "
                           "updated = ? WHERE id = ?", [token, until, now_iso(), row[0]])
            return rows
        rows = self.store.write(claim)
        claimed = [QueuedReply(r[0], r[1], self.store.seal.open(r[2]) or "", json.loads(r[3]), r[4], r[5],
                               token) for r in rows]
        for reply in claimed:
            if not reply.address:  # sealed under another CCHC_SECRET: undeliverable
                self.fail(reply, "address unreadable")
        return [reply for reply in claimed if reply.address]

    def delivered(self, reply: QueuedReply) -> None:
        self.store.write(lambda db: db.execute(
            "DELETE FROM outbox WHERE id = ? AND kind = 'reply' AND lease_gen = ?", [reply.id, reply.token]))

    def retry(self, reply: QueuedReply, seconds: float, error: str) -> None:
        self.store.write(lambda db: db.execute(
            "UPDATE outbox SET status = 'pending', attempts = attempts + 1, error = ?, "
            "not_before = ?, updated = ? WHERE id = ? AND status = 'sending' AND lease_gen = ?",
            [error, iso(self.clock() + timedelta(seconds=seconds)), now_iso(), reply.id, reply.token]))

    def fail(self, reply: QueuedReply, error: str) -> None:
        """Give a reply up: it stays as "failed", for staff to see."""
        self.store.write(lambda db: db.execute(
            "UPDATE outbox SET status = 'failed', attempts = attempts + 1, error = ?, "
            "updated = ?, address = NULL WHERE id = ? AND status = 'sending' AND lease_gen = ?",
            [error, now_iso(), reply.id, reply.token]))

    def put_back(self, replies: list[QueuedReply]) -> None:
        """Claimed replies not attempted (the process is stopping) go back to "pending"."""
        def put_back(db: sqlite_utils.Database) -> None:
            for reply in replies:
                db.execute("UPDATE outbox SET status = 'pending', updated = ? "
                           "WHERE id = ? AND status = 'sending' AND lease_gen = ?",
                           [now_iso(), reply.id, reply.token])
        self.store.write(put_back)

    def failed(self, limit: int = 100) -> list[dict[str, Any]]:
        """Replies given up, newest first: when, channel, why, and the text that was not delivered."""
        rows = self.store.read(lambda db: db.execute(
            "SELECT id, created, updated, channel, error, attempts, payload FROM outbox "
            "WHERE kind = 'reply' AND status = 'failed' ORDER BY id DESC LIMIT ?", [limit]).fetchall())
        return [{"id": r[0], "created": r[1], "updated": r[2], "channel": r[3], "error": r[4],
                 "attempts": r[5], "text": str(json.loads(r[6] or "{}").get("text", ""))} for r in rows]

    def waiting(self) -> int:
        """Replies not delivered yet and not given up."""
        return self.store.read(lambda db: int(db.execute(
            "SELECT count(*) FROM outbox WHERE kind = 'reply' AND status IN ('pending', 'sending')"
        ).fetchone()[0]))
