"""Data-subject rights and retention over every table (a storage module; SQL lives here).

Every table of the store is declared here, either as holding a citizen's data (found by the
pseudonymous ``user_key``) or as holding none; a test enumerates the schema so that a new
table cannot be forgotten. For each personal table: what is kept, why, and when it goes
(the README's "Personal data" section says the same):

=============== ================================================ ==============================
table           what and why                                     removed
=============== ================================================ ==============================
interactions    scrubbed message, status, rating: answers and    after the retention period
                the outreach report
unanswered      scrubbed question the bot could not answer, for  with its interaction
                staff to add knowledge
feedback        scrubbed /gopy message and staff's reply         after the retention period
sessions        dialogue state (locality, pending step)          when unused for the period
contacts        sealed chat id + locality: delivery of           when inactive (blocked) for
                announcements the person subscribed to           the period; on erasure
subscriptions   chosen announcement topics                       with the contact; on erasure
outbox          one row per announcement sent: reach figures     final rows after the period
                (the sealed chat id is kept only while pending); (replies: once delivered;
                a reply waiting for its platform, its text     on erasure)
                and sealed chat id (kept if it failed)
processed       update ids already handled (no double reply)     after the retention period
officers        pseudonym of an officer allowed to announce      ``officers remove``; erasure
=============== ================================================ ==============================

Erasure deletes every personal row of the person; outbox rows of broadcasts lose their user
key and address (pending ones are cancelled first), so the broadcast's reach still adds up and
nothing is delivered; broadcasts an officer created stop naming them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import sqlite_utils

if TYPE_CHECKING:
    from bot.storage.store import Store

#: Tables holding a citizen's data, each with its time column used by the retention purge.
PERSONAL = {
    "interactions": "ts", "unanswered": "ts", "feedback": "ts", "sessions": "updated",
    "contacts": "created", "subscriptions": "created", "outbox": "updated", "processed": "ts",
    "officers": "added",
}
#: Tables holding no citizen's data (staff accounts and sessions, broadcasts' text, leases, the
#: outreach staff record for the periodic report).
NOT_PERSONAL = {"broadcasts", "leases", "staff", "web_sessions", "_sqlite_migrations", "activities"}
FINAL = ("sent", "failed", "blocked", "cancelled")


def _stamp(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).isoformat(timespec="milliseconds")


def export(store: Store, user_key: str) -> dict[str, list[dict[str, Any]]]:
    """Everything stored about one person, table by table (addresses opened)."""
    out = store.read(lambda db: {table: [dict(r) for r in db[table].rows_where("user_key = ?", [user_key])]
                                 for table in PERSONAL})
    for rows in out.values():
        for row in rows:
            if "address" in row:
                row["address"] = store.seal.open(row["address"])
    return out


def erase(store: Store, user_key: str) -> int:
    """Erase one person (right to deletion) before returning; the number of rows removed."""
    def erase_in(db: sqlite_utils.Database) -> int:
        n = db.execute("DELETE FROM outbox WHERE kind = 'reply' AND user_key = ?", [user_key]).rowcount
        n += db.execute("UPDATE outbox SET status = 'cancelled', updated = ? "
                       "WHERE user_key = ? AND status IN ('pending', 'claimed', 'sending')",
                       [_stamp(), user_key]).rowcount
        db.execute("UPDATE outbox SET user_key = NULL, address = NULL WHERE user_key = ?", [user_key])
        n += db.execute("DELETE FROM unanswered WHERE user_key = ? OR interaction_id IN "
                        "(SELECT id FROM interactions WHERE user_key = ?)", [user_key, user_key]).rowcount
        for table in PERSONAL:
            if table not in ("outbox", "unanswered"):
                n += db.execute(f"DELETE FROM {table} WHERE user_key = ?", [user_key]).rowcount
        db.execute("UPDATE broadcasts SET created_by = substr(created_by, 1, instr(created_by, ':')) "
                   "|| 'đã xóa' WHERE created_by LIKE ?", [f"%:{user_key[:12]}"])
        return n
    return store.write(erase_in)


def purge(store: Store, retention_days: int, now: datetime | None = None) -> int:
    """Delete what is older than the retention period; the number of rows removed."""
    cutoff = _stamp((now or datetime.now(UTC)) - timedelta(days=retention_days))
    final = ", ".join(f"'{s}'" for s in FINAL)

    def purge_in(db: sqlite_utils.Database) -> int:
        n = db.execute("DELETE FROM unanswered WHERE ts < ?", [cutoff]).rowcount
        for table in ("interactions", "feedback", "processed"):
            n += db.execute(f"DELETE FROM {table} WHERE ts < ?", [cutoff]).rowcount
        n += db.execute("DELETE FROM sessions WHERE updated < ?", [cutoff]).rowcount
        n += db.execute(f"DELETE FROM outbox WHERE updated < ? AND status IN ({final})", [cutoff]).rowcount
        stale = "SELECT user_key FROM contacts WHERE active = 0 AND created < ?"
        n += db.execute(f"DELETE FROM subscriptions WHERE user_key IN ({stale})", [cutoff]).rowcount
        n += db.execute("DELETE FROM contacts WHERE active = 0 AND created < ?", [cutoff]).rowcount
        n += db.execute("DELETE FROM subscriptions WHERE created < ? AND user_key NOT IN "
                        "(SELECT user_key FROM contacts)", [cutoff]).rowcount
        return n
    return store.write(purge_in)
