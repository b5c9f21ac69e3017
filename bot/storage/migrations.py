"""The schema of the interaction store as named migrations (sqlite-utils), applied in order
by :class:`bot.storage.store.Store` when it opens a database; a migration that ran is never run again.
Part of the storage layer: only it and :mod:`bot.storage.store` write schema SQL."""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

from bot.clock import normalise

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
def m005_conversation_context(db: sqlite_utils.Database) -> None:
    """What the conversation is about (procedure, field), so follow-ups are read against it."""
    db.table("sessions").add_column("context", str)


@migrations()
def m005_delivery(db: sqlite_utils.Database) -> None:
    """Fenced leases, replies in the outbox (before broadcasts), instants stored in UTC."""
    db.table("leases").add_column("generation", int, not_null_default=0)
    outbox = db.table("outbox")
    outbox.add_column("kind", str, not_null_default="broadcast")
    for column, kind in (("payload", str), ("lease_gen", int), ("claim_until", str),
                         ("give_up", str), ("created", str)):
        outbox.add_column(column, kind)
    db.execute("CREATE INDEX IF NOT EXISTS idx_outbox_reply_due ON outbox (status, not_before) "
               "WHERE kind = 'reply'")
    db.execute("CREATE INDEX IF NOT EXISTS idx_outbox_reply_chat ON outbox (channel, address, id) "
               "WHERE kind = 'reply'")
    db.table("broadcasts").add_column("note", str)
    for bid, due, started in db.execute("SELECT id, due, started FROM broadcasts").fetchall():
        db.execute("UPDATE broadcasts SET due = ?, started = ? WHERE id = ?",
                   [normalise(due) if due else due, normalise(started) if started else started, bid])


@migrations()
def m005_personal_data(db: sqlite_utils.Database) -> None:
    """Every personal table found by pseudonym: officers lose their raw platform id, handled
    updates and unanswered questions carry the user key."""
    db.table("officers").transform(drop={"user_id"}, pk="user_key")
    db.table("processed").add_column("user_key", str)
    db.table("processed").create_index(["user_key"])
    db.table("unanswered").add_column("user_key", str)
    db.execute("UPDATE unanswered SET user_key = "
               "(SELECT user_key FROM interactions i WHERE i.id = unanswered.interaction_id)")
    db.table("unanswered").create_index(["user_key"])
    db.table("outbox").create_index(["user_key"])


@migrations()
def m006_activities(db: sqlite_utils.Database) -> None:
    """Outreach activities recorded by staff (radio, website posts, panels, conferences…)."""
    db.table("activities").create({
        "id": int, "created": str, "created_by": str, "locality": str, "day": str, "form": str,
        "plan_item": str, "description": str, "quantity": int, "participants": int, "evidence": str,
    }, pk="id", not_null={"created", "day", "form", "description", "quantity"})
    db.table("activities").create_index(["locality", "day"])
    db.table("activities").create_index(["day"])


@migrations()
def m007_reply_chat_tag(db: sqlite_utils.Database) -> None:
    """Replies are ordered per chat by a keyed tag of the address, which is sealed at rest."""
    db.table("outbox").add_column("chat", str)
    db.execute("CREATE INDEX IF NOT EXISTS idx_outbox_reply_chat_tag ON outbox (channel, chat, id) "
               "WHERE kind = 'reply'")
