"""The public web chat at ``/``: the same dialogue as every channel, logged with channel ``web``.

Server-rendered: each message is a form POST and the page shows the recent conversation. A
random visitor id in an HttpOnly cookie identifies the person (pseudonymised by the core like
any platform id); the last exchanges are kept in memory only, for display.
"""

from __future__ import annotations

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

VISITOR_COOKIE = "cchc_visitor"
CHANNEL = "web"
KEEP_VISITORS = 5000
KEEP_MESSAGES = 30


@dataclass
class WebChat:
    core: Core
    auth: Auth
    answer: Answerer
    history: OrderedDict[str, deque[dict[str, Any]]] = field(default_factory=OrderedDict)
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
        return self.core.settings.secret.hex()[:16] + visitor[:16]

    def _log(self, visitor: str) -> deque[dict[str, Any]]:
        if visitor not in self.history:
            self.history[visitor] = deque(maxlen=KEEP_MESSAGES)
            while len(self.history) > KEEP_VISITORS:
                self.history.popitem(last=False)
        self.history.move_to_end(visitor)
        return self.history[visitor]

    async def page(self, request: Request) -> Response:
        visitor, new = self._visitor(request)
        history = self._log(visitor)
        if not history:
            replies = await self._handle(Incoming(CHANNEL, visitor, "/start"))
            history.extend({"me": False, "text": r.text, "choices": r.choices} for r in replies)
        response = TEMPLATES.TemplateResponse(request, "chat.html", {
            "history": list(history), "csrf": self._csrf(visitor)})
        if new:
            self.auth.set_cookie(response, VISITOR_COOKIE, visitor, max_age=180 * 24 * 3600)
        return response

    async def post(self, request: Request) -> Response:
        visitor, new = self._visitor(request)
        form = await request.form()
        if new or not same(str(form.get("csrf") or ""), self._csrf(visitor)):
            return RedirectResponse("/", 303)
        text = str(form.get("text") or "")[:10_000]
        payload = str(form.get("payload") or "") or None
        history = self._log(visitor)
        shown = str(form.get("label") or "") if payload else text
        if shown.strip():
            history.append({"me": True, "text": shown[:2000], "choices": ()})
        if payload or text.strip():
            replies = await self._handle(Incoming(CHANNEL, visitor, text, payload))
            for reply in replies:
                history.append({"me": False, "text": reply.text, "choices": reply.choices})
        return RedirectResponse("/#end", 303)

    def routes(self) -> list[Route]:
        return [Route("/", self.page, methods=["GET"]), Route("/chat", self.post, methods=["POST"])]
