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

import sqlite_utils

from bot.broadcast.delivery import Send
from bot.errors import DeliveryError
from bot.knowledge.model import KnowledgeBase
from bot.privacy import pseudonym
from bot.storage.store import Store

log = logging.getLogger(__name__)

#: Channels whose people fetch replies when they next open the chat.
PULL_CHANNELS = frozenset({"web"})
SENT, WAITING, NOT_SENT = "sent", "waiting", "not-sent"


class FeedbackReplies:
    def __init__(self, kb: KnowledgeBase, store: Store, secret: bytes) -> None:
        self.kb = kb
        self.store = store
        self.secret = secret

    def text(self, feedback_id: int, reply: str) -> str:
        return self.kb.text("feedback_reply", ref=f"GY-{feedback_id:06d}", reply=reply)

    async def answer(self, feedback_id: int, reply: str, senders: dict[str, Send]) -> str | None:
        """Record and deliver the reply: SENT, WAITING (shown on the next visit), NOT_SENT, or
        None when there is no such feedback item."""
        item = await asyncio.to_thread(self.store.feedback_item, feedback_id)  # off the event loop
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
