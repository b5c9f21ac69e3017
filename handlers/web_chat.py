"""The public web chat at ``/``: the same dialogue as every channel, logged with channel ``web``.

Server-rendered: each message is a form POST and the page shows the recent conversation. A
random visitor id in an HttpOnly cookie identifies the person (pseudonymised by the core like
any platform id); the last exchanges are kept in memory only, for display. Opening the page
stores nothing (only a message a person sends is an interaction); the form's CSRF token is an
HMAC of the visitor id, so no page reveals anything derived from the secret by slicing.
Messages are limited per visitor and per client address; past the limit the person gets a
polite message and nothing reaches the dialogue or the store.
"""

from __future__ import annotations

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
from bot.messages import Incoming, Reply
from handlers.answering import Answerer
from handlers.chatpool import ChatPool
from handlers.web_admin import TEMPLATES
from handlers.web_auth import Auth, same
from handlers.web_guard import SlidingLimit

VISITOR_COOKIE = "cchc_visitor"
CHANNEL = "web"
KEEP_VISITORS = 5000
KEEP_MESSAGES = 30
PER_VISITOR = (12, 60.0)  # messages per window (seconds)
PER_ADDRESS = (60, 60.0)


@dataclass
class WebChat:
    core: Core
    auth: Auth
    answer: Answerer
    history: OrderedDict[str, deque[dict[str, Any]]] = field(default_factory=OrderedDict)
    per_visitor: SlidingLimit = field(default_factory=lambda: SlidingLimit(*PER_VISITOR))
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

    def _welcome(self) -> list[dict[str, Any]]:
        return [{"me": False, "text": r.text, "choices": r.choices} for r in self.core.dialogue.welcome()]

    async def page(self, request: Request) -> Response:
        visitor, new = self._visitor(request)
        history = list(self.history.get(visitor, ())) or self._welcome()  # a view stores nothing
        response = TEMPLATES.TemplateResponse(request, "chat.html", {
            "history": history, "csrf": self._csrf(visitor)})
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
        if shown.strip():
            history.append({"me": True, "text": shown[:2000], "choices": ()})
        client = request.client.host if request.client else "?"
        if self.per_visitor.full(visitor) or self.per_address.full(client):
            history.append({"me": False, "text": self.core.kb.text("web_rate_limited"), "choices": ()})
        else:
            self.per_visitor.take(visitor)
            self.per_address.take(client)
            replies = await self._handle(Incoming(CHANNEL, visitor, text, payload))
            for reply in replies:
                history.append({"me": False, "text": reply.text, "choices": reply.choices})
        return RedirectResponse("/#end", 303)

    def routes(self) -> list[Route]:
        return [Route("/", self.page, methods=["GET"]), Route("/chat", self.post, methods=["POST"])]
