"""An officer's reply to a citizen's feedback (/gopy), delivered on the citizen's channel.

Telegram and Zalo replies are pushed at once to the address the person is reached at. The web
chat has no address to push to: there the reply waits and is shown in the person's chat the
next time they open it; until then the dashboard says so (status ``answered-not-delivered`` on
a web item means "waiting for the person to come back").

A storage module (it reads and updates the ``feedback`` table).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Final, Literal

import sqlite_utils

from bot.broadcast.delivery import Send
from bot.errors import DeliveryError
from bot.knowledge.model import KnowledgeBase
from bot.privacy import pseudonym
from bot.storage.store import Store
from bot.textnorm import clean

log = logging.getLogger(__name__)

#: Channels whose people fetch replies when they next open the chat.
PULL_CHANNELS = frozenset({"web"})
#: What became of a reply: pushed to the person, waiting for their next visit, stored but not
#: delivered, or not stored because it was empty.
Outcome = Literal["sent", "waiting", "not-sent", "empty"]
SENT: Final = "sent"
WAITING: Final = "waiting"
NOT_SENT: Final = "not-sent"
EMPTY: Final = "empty"
MAX_REPLY = 2000  # one message on every channel (Zalo's limit)


def reference(feedback_id: int) -> str:
    """The reference a person is given for a feedback item ("GY-000042")."""
    return f"GY-{feedback_id:06d}"


class FeedbackReplies:
    def __init__(self, kb: KnowledgeBase, store: Store, secret: bytes) -> None:
        self.kb = kb
        self.store = store
        self.secret = secret

    def text(self, feedback_id: int, reply: str) -> str:
        return self.kb.text("feedback_reply", ref=reference(feedback_id), reply=reply)

    async def answer(self, feedback_id: int, reply: str, senders: dict[str, Send]) -> Outcome | None:
        """Record and deliver the reply (cleaned, at most :data:`MAX_REPLY` characters): SENT,
        WAITING (shown on the next visit), NOT_SENT, EMPTY (nothing to say: nothing stored), or
        None when there is no such feedback item. The store is used from a worker thread."""
        reply = clean(reply, MAX_REPLY)
        if not reply:
            return EMPTY
        item = await asyncio.to_thread(self.store.feedback_item, feedback_id)
        if item is None:
            return None
        if item["channel"] in PULL_CHANNELS:
            await asyncio.to_thread(self.store.reply_feedback, feedback_id, reply, False)
            return WAITING
        contact = await asyncio.to_thread(self.store.contact, item["user_key"])
        send = senders.get(item["channel"])
        delivered = False
        if contact is not None and send is not None and contact["channel"] == item["channel"]:
            try:
                await send(contact["address"], self.text(feedback_id, reply))
                delivered = True
            except DeliveryError as exc:
                log.warning("feedback reply not delivered: %s", exc)
        await asyncio.to_thread(self.store.reply_feedback, feedback_id, reply, delivered)
        return SENT if delivered else NOT_SENT

    def take(self, channel: str, user_id: str) -> list[str]:
        """The replies waiting for this person, as messages; they count as delivered now."""
        if channel not in PULL_CHANNELS:
            return []
        key = pseudonym(self.secret, channel, user_id)
        def take(db: sqlite_utils.Database) -> list[tuple[int, str]]:
            rows = db.execute("SELECT id, reply FROM feedback WHERE user_key = ? AND channel = ? "
                              "AND status = 'answered-not-delivered' AND reply IS NOT NULL "
                              "ORDER BY id", [key, channel]).fetchall()
            for fid, _ in rows:
                db.execute("UPDATE feedback SET status = 'answered' WHERE id = ?", [fid])
            return rows
        rows = self.store.write(take)
        return [self.text(fid, reply) for fid, reply in rows]
