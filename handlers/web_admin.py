"""The staff dashboard (``/admin``): server-rendered pages over :mod:`bot.dashboard`.

This module only translates: it reads the request, calls the core in a worker thread (every
call may touch the store), and renders a template; rules, checks and texts live in the core
and in ``knowledge/ui.yaml``. Every page needs a staff session (else a redirect to the login
page); every form POST needs the session's CSRF token (else 403, nothing changed). Replies to
feedback go to the citizen on their own channel through the same send functions the
broadcasts use.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ParamSpec, TypeVar
from urllib.parse import urlencode

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from bot.app import Core
from bot.broadcast.check import MAX_TEXT, BroadcastError, current_localities
from bot.broadcast.delivery import Send
from bot.clock import show
from bot.dashboard import Dashboard
from bot.errors import CchcError, InputError
from bot.storage.accounts import WebSession
from handlers.web_auth import LOGIN_CSRF_COOKIE, SESSION_COOKIE, Auth, same
from handlers.web_format import install as install_filters

log = logging.getLogger(__name__)

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
install_filters(TEMPLATES.env)
TEMPLATES.env.filters["vn"] = show  # a stored UTC instant as Vietnam time
P = ParamSpec("P")
T = TypeVar("T")


async def off_loop(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``fn`` run in a worker thread: the store and the charts never block the event loop."""
    return await run_in_threadpool(fn, *args, **kwargs)


def error_page(status: int, heading: str, message: str, back: str, back_label: str) -> Response:
    """An HTML error page (UTF-8) that says what went wrong and links back."""
    html = TEMPLATES.get_template("error.html").render(
        heading=heading, message=message, back=back, back_label=back_label)
    return HTMLResponse(html, status_code=status)


@dataclass
class Admin:
    core: Core
    auth: Auth
    senders: dict[str, Send]
    desk: Dashboard = field(init=False)

    def __post_init__(self) -> None:
        self.desk = Dashboard(self.core)

    def text(self, key: str, **values: str) -> str:
        return self.core.kb.text(key, **values)

    def bad_request(self, what: str, back: str = "/admin") -> Response:
        """The answer to a request whose input is not valid: 400, nothing done."""
        return error_page(400, self.text("admin_bad_request"), what, back, self.text("admin_back"))

    def refused(self) -> Response:
        """A form posted without the right CSRF token: 403, nothing done."""
        return Response(self.text("admin_csrf"), status_code=403, media_type="text/plain; charset=utf-8")

    # --- plumbing ---------------------------------------------------------------------------
    async def staff(self, request: Request) -> WebSession | None:
        """The staff session of the request, looked up off the event loop."""
        return await off_loop(self.auth.session, request)

    async def guard(self, request: Request) -> Response | None:
        """A redirect to the login page when there is no staff session, else None."""
        if await self.staff(request) is None:
            return RedirectResponse(f"/admin/login?{urlencode({'next': request.url.path})}", 303)
        return None

    async def page(self, request: Request, template: str, **context: Any) -> Response:
        session = await self.staff(request)
        if session is None:
            return RedirectResponse(f"/admin/login?{urlencode({'next': request.url.path})}", 303)
        flash = request.query_params.get("ok")
        return TEMPLATES.TemplateResponse(request, template, {
            "csrf": session.csrf, "username": session.username, "flash": flash,
            "names": self.desk.names(), **context})

    async def form(self, request: Request) -> dict[str, Any] | Response:
        """The posted form of a logged-in staff member with a valid CSRF token, or a refusal."""
        session = await self.staff(request)
        if session is None:
            return RedirectResponse("/admin/login", 303)
        form = await request.form()
        if not same(str(form.get("csrf") or ""), session.csrf):
            return self.refused()
        return {k: form.getlist(k) if k == "id" else form.get(k) for k in form}

    @staticmethod
    def done(path: str, note: str) -> Response:
        """Back to ``path`` after an action, with the note to show."""
        return RedirectResponse(f"{path}?{urlencode({'ok': note})}", 303)

    # --- login ------------------------------------------------------------------------------
    async def login_page(self, request: Request) -> Response:
        token = self.auth.login_csrf(request)
        first_run = not await off_loop(self.auth.accounts.list)
        response = TEMPLATES.TemplateResponse(request, "login.html", {
            "csrf": token, "next": request.query_params.get("next", "/admin"),
            "error": request.query_params.get("error"), "first_run": first_run})
        self.auth.set_cookie(response, LOGIN_CSRF_COOKIE, token, max_age=3600)
        return response

    async def login(self, request: Request) -> Response:
        form = await request.form()
        if not same(str(form.get("csrf") or ""), request.cookies.get(LOGIN_CSRF_COOKIE)):
            return self.refused()
        username = str(form.get("username") or "").strip().lower()
        client = request.client.host if request.client else "?"
        keys = (f"ip:{client}", f"user:{username}")
        if not self.auth.throttle.attempt(*keys):  # counted before the (slow) check: atomic
            return error_page(429, self.text("admin_login_locked"), self.text("admin_login_locked_text"),
                              "/admin/login", self.text("admin_back_login"))
        session = await off_loop(self.auth.accounts.login, username, str(form.get("password") or ""))
        if session is None:
            wrong = urlencode({"error": self.text("admin_login_wrong")})
            return RedirectResponse(f"/admin/login?{wrong}", 303)
        self.auth.throttle.succeeded(*keys)
        target = str(form.get("next") or "/admin")
        response = RedirectResponse(target if target.startswith("/admin") else "/admin", 303)
        self.auth.set_cookie(response, SESSION_COOKIE, session.token)
        return response

    async def logout(self, request: Request) -> Response:
        form = await self.form(request)
        if isinstance(form, Response):
            return form
        token = request.cookies.get(SESSION_COOKIE)
        if token:
            await off_loop(self.auth.accounts.logout, token)
        response = RedirectResponse("/admin/login", 303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    # --- pages ------------------------------------------------------------------------------
    async def overview(self, request: Request) -> Response:
        if (refused := await self.guard(request)) is not None:
            return refused
        o = await off_loop(self.desk.overview)
        return await self.page(request, "overview.html", r=o.report, charts=o.charts,
                               undelivered=o.undelivered)

    async def log_page(self, request: Request) -> Response:
        if (refused := await self.guard(request)) is not None:
            return refused
        try:
            found = await off_loop(self.desk.log, dict(request.query_params))
        except InputError as exc:
            return self.bad_request(str(exc))
        next_url = f"/admin/log?{urlencode(found.next_params)}" if found.next_params else None
        return await self.page(request, "log.html", rows=found.rows, f=found.shown,
                               next_before=found.next_params is not None, next_url=next_url,
                               **self.desk.choices())

    async def unanswered(self, request: Request) -> Response:
        if (refused := await self.guard(request)) is not None:
            return refused
        return await self.page(request, "unanswered.html", groups=await off_loop(self.desk.unanswered),
                               draft=None)

    async def unanswered_handled(self, request: Request) -> Response:
        form = await self.form(request)
        if isinstance(form, Response):
            return form
        try:
            note = await off_loop(self.desk.mark_handled, form.get("id", []))
        except InputError as exc:
            return self.bad_request(str(exc))
        return self.done("/admin/unanswered", note)

    async def unanswered_draft(self, request: Request) -> Response:
        form = await self.form(request)
        if isinstance(form, Response):
            return form
        try:
            draft = await off_loop(self.desk.draft, form.get("id", []))
        except InputError as exc:
            return self.bad_request(str(exc))
        return await self.page(request, "unanswered.html", groups=await off_loop(self.desk.unanswered),
                               draft=draft)

    async def feedback(self, request: Request) -> Response:
        if (refused := await self.guard(request)) is not None:
            return refused
        return await self.page(request, "feedback.html", items=await off_loop(self.desk.feedback))

    async def feedback_reply(self, request: Request) -> Response:
        form = await self.form(request)
        if isinstance(form, Response):
            return form
        desk = self.desk
        try:
            feedback_id = desk.feedback_id(request.path_params["id"])
        except InputError as exc:
            return self.bad_request(str(exc), "/admin/feedback")
        outcome = await desk.replies().answer(feedback_id, str(form.get("reply") or ""), self.senders)
        return self.done("/admin/feedback", desk.reply_note(outcome))

    async def broadcasts(self, request: Request, form: dict[str, Any] | None = None,
                         preview: int | None = None, error: str | None = None,
                         warnings: tuple[str, ...] = ()) -> Response:
        if (refused := await self.guard(request)) is not None:
            return refused
        kb = self.core.kb
        return await self.page(request, "broadcasts.html", items=await off_loop(self.desk.broadcasts),
                               max_text=MAX_TEXT, announcements=list(kb.announcements.values()),
                               localities=current_localities(kb),
                               form=form or {}, preview=preview, error=error, warnings=warnings)

    async def broadcast_post(self, request: Request) -> Response:
        form = await self.form(request)
        if isinstance(form, Response):
            return form
        session = await self.staff(request)
        send = form.get("action") == "send"
        try:
            queued = await off_loop(self.desk.queue_broadcast, form, send=send, senders=set(self.senders),
                                    created_by=f"web:{session.username if session else '?'}")
        except BroadcastError as exc:
            return await self.broadcasts(request, form, error=str(exc))
        if not send:
            return await self.broadcasts(request, form, preview=queued.reach.count,
                                         warnings=queued.reach.warnings)
        return self.done("/admin/broadcasts", queued.note(self.core))

    async def broadcast_cancel(self, request: Request) -> Response:
        form = await self.form(request)
        if isinstance(form, Response):
            return form
        try:
            note = await off_loop(self.desk.cancel_broadcast, request.path_params["id"])
        except InputError as exc:
            return self.bad_request(str(exc))
        return self.done("/admin/broadcasts", note)

    async def reports(self, request: Request) -> Response:
        if (refused := await self.guard(request)) is not None:
            return refused
        localities = [loc for loc in self.core.kb.localities.values() if not loc.example]
        return await self.page(request, "reports.html", default_period=self.desk.default_period(),
                               localities=localities)

    async def report_download(self, request: Request) -> Response:
        if (refused := await self.guard(request)) is not None:
            return refused
        q = request.query_params
        fmt = q.get("format", "xlsx")
        try:
            data = await off_loop(self.desk.report, q.get("period", ""), q.get("locality") or None, fmt)
        except CchcError as exc:
            return error_page(400, self.text("admin_report_failed"), str(exc), "/admin/reports",
                              self.text("admin_back_reports"))
        folder = Path(tempfile.mkdtemp(prefix="cchc-report-"))
        try:
            path, name = await off_loop(self.desk.write, data, fmt, folder)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return FileResponse(path, filename=name,
                            background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True))

    def routes(self) -> list[Route]:
        return [
            Route("/admin/login", self.login_page, methods=["GET"]),
            Route("/admin/login", self.login, methods=["POST"]),
            Route("/admin/logout", self.logout, methods=["POST"]),
            Route("/admin", self.overview), Route("/admin/", self.overview),
            Route("/admin/log", self.log_page),
            Route("/admin/unanswered", self.unanswered),
            Route("/admin/unanswered/handled", self.unanswered_handled, methods=["POST"]),
            Route("/admin/unanswered/draft", self.unanswered_draft, methods=["POST"]),
            Route("/admin/feedback", self.feedback),
            Route("/admin/feedback/{id:int}/reply", self.feedback_reply, methods=["POST"]),
            Route("/admin/broadcasts", self.broadcasts, methods=["GET"]),
            Route("/admin/broadcasts", self.broadcast_post, methods=["POST"]),
            Route("/admin/broadcasts/{id:int}/cancel", self.broadcast_cancel, methods=["POST"]),
            Route("/admin/reports", self.reports),
            Route("/admin/reports/download", self.report_download),
        ]
