"""An officer composing an announcement in chat: text → topic → locality → preview → send.

Only people on the officer allowlist (``cchc-bot officers add``) get past the first step;
everyone else gets a polite refusal and nothing is sent. The draft lives in the session, so
the steps can span a restart and any channel renders them its own way.
"""

from __future__ import annotations

from typing import Any

from bot.broadcast.check import (
    MAX_TEXT,
    BroadcastError,
    check_announcement,
    check_locality,
    check_text,
    check_topic,
    current_localities,
)
from bot.broadcast.reach import reach
from bot.knowledge.model import KnowledgeBase
from bot.messages import Choice, ComposeStep, Reply
from bot.storage.outbox import Outbox
from bot.storage.store import Session
from bot.turn import Step

__all__ = ["AWAIT_TEXT", "MAX_TEXT", "Compose"]
AWAIT_TEXT = "awaiting_announcement"


class Compose:
    """The compose steps, driven by :class:`~bot.messages.ComposeStep` payloads. Every part is
    checked by :mod:`bot.broadcast.check`, the same check as the dashboard's and the CLI's; a
    part that fails it is asked again, the draft kept."""

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
        try:
            text = check_text(self.kb, raw)
        except BroadcastError as exc:
            return Reply(str(exc)), s
        ask = Reply(self.kb.text("bc_ask_topic"), self._topics())
        return ask, s.changed(state=None, draft={"text": text})

    def choose(self, s: Session, step: ComposeStep, created_by: str) -> Step:
        draft = s.draft
        if step.step == "cancel" or "text" not in draft:
            return self.cancel(s)
        try:
            if step.step == "topic":
                draft = {**draft, "topic": check_topic(self.kb, step.arg or "")}
                return Reply(self.kb.text("bc_ask_locality"), self._localities()), s.changed(draft=draft)
            if step.step == "loc" and "topic" in draft:
                draft = {**draft, "locality": check_locality(self.kb, step.arg)}
                return self._preview(s, draft), s.changed(draft=draft)
            if step.step == "send" and "topic" in draft and "locality" in draft:
                return self._send(s, draft, created_by), s.changed(draft={})
        except BroadcastError as exc:
            choices = self._topics() if exc.part == "topic" else self._localities()
            return Reply(str(exc), choices), s
        return self.cancel(s)

    def _send(self, s: Session, draft: dict[str, Any], created_by: str) -> Reply:
        checked = check_announcement(self.kb, text=str(draft["text"]), topic=str(draft["topic"]),
                                     locality=draft["locality"])
        count = reach(self.kb, self.outbox, topic=checked.topic, locality=checked.locality,
                      configured={s.channel}).count
        bid = self.outbox.create(text=checked.text, topic=checked.topic, locality=checked.locality,
                                 created_by=created_by)
        return Reply(self.kb.text("bc_queued", id=str(bid), count=str(count)))

    def _topics(self) -> tuple[Choice, ...]:
        return tuple(Choice(a.title, str(ComposeStep("topic", a.id))) for a in self.kb.announcements.values())

    def _localities(self) -> tuple[Choice, ...]:
        choices = [Choice(loc.name, str(ComposeStep("loc", loc.code))) for loc in current_localities(self.kb)]
        choices.append(Choice(self.kb.text("bc_all_localities"), str(ComposeStep("loc", None))))
        return tuple(choices)

    def _preview(self, s: Session, draft: dict[str, Any]) -> Reply:
        topic, locality = str(draft["topic"]), draft["locality"]
        loc = self.kb.localities.get(locality or "")
        found = reach(self.kb, self.outbox, topic=topic, locality=locality, configured={s.channel})
        preview = self.kb.text(
            "bc_preview", text=str(draft["text"]), topic=self.kb.announcements[topic].title,
            locality=loc.name if loc else self.kb.text("bc_all_localities"),
            count=str(found.count))
        preview = "\n\n".join([preview, *found.warnings])
        return Reply(preview, (Choice(self.kb.text("bc_send_label"), str(ComposeStep("send"))),
                               Choice(self.kb.text("bc_cancel_label"), str(ComposeStep("cancel")))))
