"""An officer composing an announcement in chat: text → topic → locality → preview → send.

Only people on the officer allowlist (``cchc-bot officers add``) get past the first step;
everyone else gets a polite refusal and nothing is sent. The draft lives in the session, so
the steps can span a restart and any channel renders them its own way.
"""

from __future__ import annotations

from typing import Any

from bot.broadcast.reach import reach
from bot.knowledge.model import KnowledgeBase
from bot.messages import Choice, Reply
from bot.storage.outbox import Outbox
from bot.storage.store import Session
from bot.textnorm import clean
from bot.turn import Step

AWAIT_TEXT = "awaiting_announcement"
MAX_TEXT = 2000  # the smallest channel limit (Zalo): one announcement is one message everywhere


class Compose:
    """The compose steps; payloads are ``bc:topic:<id>``, ``bc:loc:<code|*>``, ``bc:send``,
    ``bc:cancel``."""

    def __init__(self, kb: KnowledgeBase, outbox: Outbox) -> None:
        self.kb = kb
        self.outbox = outbox

    def allowed(self, s: Session) -> bool:
        return self.outbox.is_officer(s.user_key)

    def start(self, s: Session) -> Step:
        return Reply(self.kb.text("bc_ask_text", limit=str(MAX_TEXT))), s.changed(state=AWAIT_TEXT, draft={})

    def cancel(self, s: Session) -> Step:
        return Reply(self.kb.text("bc_cancelled")), s.changed(state=None, draft={})

    def text(self, s: Session, raw: str) -> Step:
        text = clean(raw, limit=10 * MAX_TEXT)
        if len(text) > MAX_TEXT:
            return Reply(self.kb.text("bc_too_long", length=str(len(text)), limit=str(MAX_TEXT))), s
        choices = tuple(Choice(a.title, f"bc:topic:{a.id}") for a in self.kb.announcements.values())
        return Reply(self.kb.text("bc_ask_topic"), choices), s.changed(state=None, draft={"text": text})

    def choose(self, s: Session, value: str, created_by: str) -> Step:
        step, _, arg = value.partition(":")
        draft = s.draft
        if step == "cancel" or "text" not in draft:
            return self.cancel(s)
        if step == "topic" and arg in self.kb.announcements:
            choices = [Choice(loc.name, f"bc:loc:{loc.code}") for loc in self.kb.localities.values()
                       if not loc.example]
            choices.append(Choice(self.kb.text("bc_all_localities"), "bc:loc:*"))
            return (Reply(self.kb.text("bc_ask_locality"), tuple(choices)),
                    s.changed(draft={**draft, "topic": arg}))
        if step == "loc" and "topic" in draft and (arg == "*" or arg in self.kb.localities):
            draft = {**draft, "locality": None if arg == "*" else arg}
            return self._preview(s, draft), s.changed(draft=draft)
        if step == "send" and "topic" in draft and "locality" in draft:
            count = reach(self.kb, self.outbox, draft["topic"], draft["locality"], None, {s.channel}).count
            bid = self.outbox.create(text=draft["text"], topic=draft["topic"],
                                     locality=draft["locality"], created_by=created_by)
            return Reply(self.kb.text("bc_queued", id=str(bid), count=str(count))), s.changed(draft={})
        return self.cancel(s)

    def _preview(self, s: Session, draft: dict[str, Any]) -> Reply:
        topic, locality = str(draft["topic"]), draft["locality"]
        loc = self.kb.localities.get(locality or "")
        found = reach(self.kb, self.outbox, topic, locality, None, {s.channel})
        preview = self.kb.text(
            "bc_preview", text=str(draft["text"]), topic=self.kb.announcements[topic].title,
            locality=loc.name if loc else self.kb.text("bc_all_localities"),
            count=str(found.count))
        preview = "\n\n".join([preview, *found.warnings])
        return Reply(preview, (Choice(self.kb.text("bc_send_label"), "bc:send"),
                               Choice(self.kb.text("bc_cancel_label"), "bc:cancel")))
