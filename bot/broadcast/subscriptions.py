"""Announcement subscriptions in the dialogue: remembering where to reach a person, /dangky
and /huydangky by topic (effective at once)."""

from __future__ import annotations

from dataclasses import replace

from bot.knowledge.model import KnowledgeBase
from bot.messages import Choice, Command, Incoming, Reply, Subscribe, Unsubscribe
from bot.storage.store import Session, Store

SUBSCRIBE = str(Command("dangky"))


class Subscriptions:
    """The subscription steps of the dialogue."""

    def __init__(self, kb: KnowledgeBase, store: Store) -> None:
        self.kb = kb
        self.store = store

    def remember(self, msg: Incoming, s: Session) -> bool:
        """Keep the address announcements go to; True for a person never seen before."""
        if msg.address is None:
            return False
        return self.store.upsert_contact(s.user_key, msg.channel, msg.address, s.locality)

    @staticmethod
    def offerable(msg: Incoming, replies: list[Reply]) -> list[Reply]:
        """``replies`` without the choice to subscribe where announcements cannot reach the
        person (the web chat, groups): no menu item that leads to a dead end."""
        if msg.address is not None:
            return replies
        return [replace(r, choices=tuple(c for c in r.choices if c.payload != SUBSCRIBE))
                if any(c.payload == SUBSCRIBE for c in r.choices) else r for r in replies]

    def menu(self, msg: Incoming, s: Session) -> Reply:
        if msg.address is None:
            return Reply(self.kb.text("subscribe_group"))
        self.remember(msg, s)
        have = set(self.store.subscriptions(s.user_key))
        choices = tuple(Choice(("✓ " if a.id in have else "") + a.title, str(Subscribe(a.id)))
                        for a in self.kb.announcements.values())
        return Reply(self.kb.text("subscribe_ask"), choices)

    def subscribe(self, msg: Incoming, s: Session, topic: str) -> Reply:
        if msg.address is None:
            return Reply(self.kb.text("subscribe_group"))
        self.remember(msg, s)
        title = self.kb.announcements[topic].title
        new = self.store.subscribe(s.user_key, topic)
        return Reply(self.kb.text("subscribe_done" if new else "subscribe_already", topic=title))

    def leave_menu(self, s: Session) -> Reply:
        have = self.store.subscriptions(s.user_key)
        if not have:
            return Reply(self.kb.text("unsubscribe_none"))
        titles = {a.id: a.title for a in self.kb.announcements.values()}
        choices = [Choice(titles.get(t, t), str(Unsubscribe(t))) for t in have]
        choices.append(Choice(self.kb.text("unsubscribe_all_label"), str(Unsubscribe(None))))
        return Reply(self.kb.text("unsubscribe_ask"), tuple(choices))

    def leave(self, s: Session, topic: str | None) -> Reply:
        self.store.unsubscribe(s.user_key, topic)
        if topic is None:
            return Reply(self.kb.text("unsubscribe_all_done"))
        title = self.kb.announcements[topic].title if topic in self.kb.announcements else topic
        return Reply(self.kb.text("unsubscribe_done", topic=title))
