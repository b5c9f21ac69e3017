"""Dashboard page ``/admin/activities``: staff record the outreach done outside the bot (radio,
website posts, panels, conferences…) so the periodic report counts it beside the bot's figures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.errors import InputError
from bot.storage.activities import Activities, parse_activity
from handlers.web_admin import Admin, off_loop

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
        if (refused := await self.admin.guard(request)) is not None:
            return refused
        choices = await off_loop(self.admin.desk.activity_choices)
        rows = await off_loop(self.activities.recent, 200)
        return await self.admin.page(request, "activities.html", rows=rows, error=error,
                                     form=form or {"day": choices.pop("today")}, **choices)

    async def add(self, request: Request) -> Response:
        posted = await self.admin.form(request)
        if isinstance(posted, Response):
            return posted
        session = await self.admin.staff(request)
        try:
            activity = parse_activity(self.admin.core.kb, {k: posted.get(k) for k in FIELDS},
                                      f"web:{session.username if session else '?'}")
        except InputError as exc:
            return await self.page(request, {k: posted.get(k) or "" for k in FIELDS}, str(exc))
        aid = await off_loop(self.activities.add, activity)
        return self.admin.done("/admin/activities", self.admin.text("admin_activity_added", id=str(aid)))

    async def remove(self, request: Request) -> Response:
        posted = await self.admin.form(request)
        if isinstance(posted, Response):
            return posted
        aid = int(request.path_params["id"])
        done = await off_loop(self.activities.remove, aid)
        note = "admin_activity_removed" if done else "admin_activity_missing"
        return self.admin.done("/admin/activities", self.admin.text(note, id=str(aid)))

    def routes(self) -> list[Route]:
        return [Route("/admin/activities", self.page, methods=["GET"]),
                Route("/admin/activities", self.add, methods=["POST"]),
                Route("/admin/activities/{id:int}/remove", self.remove, methods=["POST"])]
