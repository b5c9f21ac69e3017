"""Dashboard page ``/admin/activities``: staff record the outreach done outside the bot (radio,
website posts, panels, conferences…) so the periodic report counts it beside the bot's figures."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.clock import VIETNAM
from bot.errors import InputError
from bot.reports.config import load_report_config
from bot.reports.data import plan_in_force
from bot.storage.activities import Activities, parse_activity
from handlers.web_admin import Admin

FIELDS = ("day", "form", "locality", "plan_item", "description", "quantity", "participants", "evidence")


@dataclass
class ActivityPages:
    admin: Admin

    @property
    def activities(self) -> Activities:
        return Activities(self.admin.core.store)

    async def page(self, request: Request, form: dict[str, Any] | None = None,
                   error: str | None = None) -> Response:
        """The form to record an activity, and the activities recorded so far."""
        if (refused := self.admin.guard(request)) is not None:
            return refused
        kb = self.admin.core.kb
        config = load_report_config(kb.root)
        localities = [loc for loc in kb.localities.values() if not loc.example]
        year = datetime.now(VIETNAM).year
        items = []
        for loc in localities:
            plan, _ = plan_in_force(kb, loc.code, year)
            items += [(loc.name, i.id, i.content[:110]) for i in plan.items] if plan else []
        today = datetime.now(VIETNAM).date().isoformat()
        rows = await asyncio.to_thread(self.activities.recent, 200)
        return self.admin.page(request, "activities.html", forms=config.forms, localities=localities,
                               items=items, rows=rows, form=form or {"day": today}, error=error)

    async def add(self, request: Request) -> Response:
        posted = await self.admin.form(request)
        if isinstance(posted, Response):
            return posted
        session = self.admin.auth.session(request)
        try:
            activity = parse_activity(self.admin.core.kb, {k: posted.get(k) for k in FIELDS},
                                      f"web:{session.username if session else '?'}")
        except InputError as exc:
            return await self.page(request, {k: posted.get(k) or "" for k in FIELDS}, str(exc))
        aid = await asyncio.to_thread(self.activities.add, activity)
        note = urlencode({"ok": f"Đã ghi nhận hoạt động #{aid}"})
        return RedirectResponse(f"/admin/activities?{note}", 303)

    async def remove(self, request: Request) -> Response:
        posted = await self.admin.form(request)
        if isinstance(posted, Response):
            return posted
        aid = int(request.path_params["id"])
        done = await asyncio.to_thread(self.activities.remove, aid)
        note = f"Đã xóa hoạt động #{aid}" if done else f"Không có hoạt động #{aid}"
        return RedirectResponse("/admin/activities?" + urlencode({"ok": note}), 303)

    def routes(self) -> list[Route]:
        return [Route("/admin/activities", self.page, methods=["GET"]),
                Route("/admin/activities", self.add, methods=["POST"]),
                Route("/admin/activities/{id:int}/remove", self.remove, methods=["POST"])]
