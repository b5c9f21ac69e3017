"""The public web chat at ``/``: the same dialogue as every channel, logged with channel ``web``.

Server-rendered, no JavaScript needed: each message is a form POST, answered by a redirect to
the page at the new answer (``/?at=N#mN``), so a phone shows the answer's first line, not the
bottom of the page. A random visitor id in an HttpOnly cookie identifies the person
(pseudonymised by the core like any platform id); the last exchanges are kept in memory only,
for display. Replies of officers to the person's feedback are shown when they open the page.
"""

from __future__ import annotations

import asyncio
import secrets
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.app import Core
from bot.feedback_replies import FeedbackReplies
from bot.messages import Choice, Incoming
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
    history: OrderedDict[str, deque[dict[str, Any]]] = field(default_factory=OrderedDict)

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

    @staticmethod
    def _add(history: deque[dict[str, Any]], me: bool, text: str,
             choices: tuple[Choice, ...] = ()) -> int:
        """Append a message; returns its number (the page's anchor ``m<number>``)."""
        number = history[-1]["n"] + 1 if history else 1
        history.append({"n": number, "me": me, "text": text, "choices": choices})
        return number

    async def page(self, request: Request) -> Response:
        visitor, new = self._visitor(request)
        history = self._log(visitor)
        if not history:
            for r in await asyncio.to_thread(self.core.dialogue.handle, Incoming(CHANNEL, visitor, "/start")):
                self._add(history, False, r.text, r.choices)
        waiting = FeedbackReplies(self.core.kb, self.core.store, self.core.settings.secret)
        replies = [self._add(history, False, text)
                   for text in await asyncio.to_thread(waiting.take, CHANNEL, visitor)]
        if replies:  # an officer answered the person's feedback: show it first
            return RedirectResponse(f"/?at={replies[0]}#m{replies[0]}", 303)
        at = request.query_params.get("at", "")
        response = TEMPLATES.TemplateResponse(request, "chat.html", {
            "history": list(history), "csrf": self._csrf(visitor),
            "at": int(at) if at.isdigit() else None})
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
        first = None
        if shown.strip():
            first = self._add(history, True, shown[:2000])
        if payload or text.strip():
            replies = await asyncio.to_thread(self.core.dialogue.handle,
                                              Incoming(CHANNEL, visitor, text, payload))
            numbers = [self._add(history, False, r.text, r.choices) for r in replies]
            first = numbers[0] if numbers else first
        return RedirectResponse(f"/?at={first}#m{first}" if first else "/#end", 303)

    def routes(self) -> list[Route]:
        return [Route("/", self.page, methods=["GET"]), Route("/chat", self.post, methods=["POST"])]
