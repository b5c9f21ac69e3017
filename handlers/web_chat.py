"""The public web chat at ``/``: the same dialogue as every channel, logged with channel ``web``.

Server-rendered, no JavaScript needed: each message is a form POST, answered by a redirect to
the page at the new answer (``/?at=N#mN``), so a phone shows the answer's first line, not the
bottom of the page. A random visitor id in an HttpOnly cookie identifies the person
(pseudonymised by the core like any platform id); the last exchanges are kept in memory only,
for display. Opening the page stores nothing (only a message a person sends is an
interaction), except that an officer's reply to the person's feedback, shown on that visit,
is then marked delivered. The form's CSRF token is an HMAC of the visitor id, so no page
reveals anything derived from the secret by slicing.
Messages are limited per visitor and per client address; past the limit the person gets a
polite message and nothing reaches the dialogue or the store.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.app import Core
from bot.messages import Channel, Choice, Incoming, Reply
from bot.storage.feedback_replies import FeedbackReplies
from handlers.answering import Answerer
from handlers.chatpool import ChatPool
from handlers.web_admin import TEMPLATES
from handlers.web_auth import Auth, same
from handlers.web_guard import SlidingLimit

VISITOR_COOKIE = "cchc_visitor"
CHANNEL: Channel = "web"
KEEP_VISITORS = 5000
KEEP_MESSAGES = 30
# Messages (typed or tapped) per window in seconds. A citizen tapping choices and "Xem thêm"
# sends one every 2 s or so while reading short answers: 40 a minute leaves room for that, the
# hourly cap bounds a person (or script) that keeps up the pace. Several citizens can share one
# address (a commune office's Wi-Fi, a mobile carrier's NAT), so the address allows three times
# one person's minute.
PER_VISITOR = (40, 60.0)
PER_VISITOR_HOUR = (400, 3600.0)
PER_ADDRESS = (120, 60.0)


@dataclass
class WebChat:
    core: Core
    auth: Auth
    answer: Answerer
    history: OrderedDict[str, deque[dict[str, Any]]] = field(default_factory=OrderedDict)
    per_visitor: SlidingLimit = field(default_factory=lambda: SlidingLimit(*PER_VISITOR))
    per_visitor_hour: SlidingLimit = field(default_factory=lambda: SlidingLimit(*PER_VISITOR_HOUR))
    per_address: SlidingLimit = field(default_factory=lambda: SlidingLimit(*PER_ADDRESS))
    pool: ChatPool = field(default_factory=ChatPool)

    async def _handle(self, msg: Incoming) -> list[Reply]:
        """The dialogue's replies, computed off the event loop, one at a time per visitor."""
        return await self.pool.run(msg.user_id, lambda: self.answer(msg))

    def _visitor(self, request: Request) -> tuple[str, bool]:
        visitor = request.cookies.get(VISITOR_COOKIE) or ""
        if len(visitor) == 43:
            return visitor, False
        return secrets.token_urlsafe(32), True

    def _csrf(self, visitor: str) -> str:
        return hmac.new(self.core.settings.secret, f"web-chat-csrf:{visitor}".encode(),
                        hashlib.sha256).hexdigest()

    def _log(self, visitor: str) -> deque[dict[str, Any]]:
        if visitor not in self.history:
            self.history[visitor] = deque(maxlen=KEEP_MESSAGES)
            while len(self.history) > KEEP_VISITORS:
                self.history.popitem(last=False)
        self.history.move_to_end(visitor)
        return self.history[visitor]

    @staticmethod
    def _add(history: deque[dict[str, Any]] | list[dict[str, Any]], me: bool, text: str,
             choices: tuple[Choice, ...] = ()) -> int:
        """Append a message; returns its number (the page's anchor ``m<number>``)."""
        number = history[-1]["n"] + 1 if history else 1
        history.append({"n": number, "me": me, "text": text, "choices": choices})
        return number

    def _welcome(self) -> list[dict[str, Any]]:
        shown: list[dict[str, Any]] = []
        for r in self.core.dialogue.welcome():
            self._add(shown, False, r.text, r.choices)
        return shown

    async def page(self, request: Request) -> Response:
        visitor, new = self._visitor(request)
        waiting = FeedbackReplies(self.core.kb, self.core.store, self.core.settings.secret)
        answers = [] if new else await asyncio.to_thread(waiting.take, CHANNEL, visitor)
        if answers:  # an officer answered the person's feedback: open the page at the reply
            kept = self._log(visitor)
            if not kept:
                kept.extend(self._welcome())
            numbers = [self._add(kept, False, text) for text in answers]
            return RedirectResponse(f"/?at={numbers[0]}#m{numbers[0]}", 303)
        history = list(self.history.get(visitor, ())) or self._welcome()  # a view stores nothing
        at = request.query_params.get("at", "")
        response = TEMPLATES.TemplateResponse(request, "chat.html", {
            "history": history, "csrf": self._csrf(visitor), "at": int(at) if at.isdigit() else None})
        if new:
            self.auth.set_cookie(response, VISITOR_COOKIE, visitor, max_age=180 * 24 * 3600)
        return response

    async def post(self, request: Request) -> Response:
        visitor, new = self._visitor(request)
        form = await request.form()
        if new or not same(str(form.get("csrf") or ""), self._csrf(visitor)):
            return RedirectResponse("/", 303)
        text = str(form.get("text") or "")[:10_000]
        payload = str(form.get("payload") or "")[:200] or None
        if not (payload or text.strip()):
            return RedirectResponse("/#end", 303)
        history = self._log(visitor)
        if not history:
            history.extend(self._welcome())
        shown = str(form.get("label") or "") if payload else text
        first = self._add(history, True, shown[:2000]) if shown.strip() else None
        client = request.client.host if request.client else "?"
        limits = (self.per_visitor, self.per_visitor_hour)
        if any(limit.full(visitor) for limit in limits) or self.per_address.full(client):
            first = self._add(history, False, self.core.kb.text("web_rate_limited"))
        else:
            for limit in limits:
                limit.take(visitor)
            self.per_address.take(client)
            replies = await self._handle(Incoming(CHANNEL, visitor, text, payload))
            numbers = [self._add(history, False, r.text, r.choices) for r in replies]
            first = numbers[0] if numbers else first
        return RedirectResponse(f"/?at={first}#m{first}" if first else "/#end", 303)

    def routes(self) -> list[Route]:
        return [Route("/", self.page, methods=["GET"]), Route("/chat", self.post, methods=["POST"])]
