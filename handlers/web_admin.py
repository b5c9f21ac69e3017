"""The staff dashboard (``/admin``): server-rendered pages over the core's queries and actions.

Every page needs a staff session (else a redirect to the login page); every form POST needs
the session's CSRF token (else 403, nothing changed). Replies to feedback go to the citizen on
their own channel through the same send functions the broadcasts use.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from bot.app import Core
from bot.broadcast.compose import MAX_TEXT
from bot.broadcast.delivery import Send
from bot.broadcast.reach import reach
from bot.clock import VIETNAM, parse_local, show
from bot.errors import CchcError
from bot.inputs import day, small_int, small_ints
from bot.knowledge.load import CHANNELS
from bot.reports.charts import bar
from bot.reports.data import Period, build_report, cluster, parse_period
from bot.reports.render import FORMATS, title, write_report
from bot.reports.tables import CHANNEL_NAMES
from bot.storage.feedback_replies import NOT_SENT, SENT, WAITING, FeedbackReplies
from bot.storage.queries import LogFilter, Queries
from bot.storage.reply_outbox import ReplyOutbox
from bot.textnorm import clean
from handlers.web_auth import LOGIN_CSRF_COOKIE, SESSION_COOKIE, Auth, same
from handlers.web_format import install as install_filters

log = logging.getLogger(__name__)

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
install_filters(TEMPLATES.env)
TEMPLATES.env.filters["vn"] = show  # a stored UTC instant as Vietnam time
PAGE_SIZE = 50


def error_page(status: int, heading: str, message: str, back: str, back_label: str) -> Response:
    """An HTML error page (UTF-8) that says what went wrong and links back."""
    html = TEMPLATES.get_template("error.html").render(
        heading=heading, message=message, back=back, back_label=back_label)
    return HTMLResponse(html, status_code=status)


def bad_request(what: str, back: str = "/admin") -> Response:
    """The answer to a request whose input is not valid: 400, nothing done."""
    return error_page(400, "Yêu cầu không hợp lệ", what, back, "Quay lại trang quản trị")


@dataclass
class Admin:
    core: Core
    auth: Auth
    senders: dict[str, Send]

    @property
    def queries(self) -> Queries:
        return Queries(self.core.store)

    # --- plumbing ---------------------------------------------------------------------------
    def guard(self, request: Request) -> Response | None:
        """A redirect to the login page when there is no staff session, else None."""
        if self.auth.session(request) is None:
            return RedirectResponse(f"/admin/login?{urlencode({'next': request.url.path})}", 303)
        return None

    def page(self, request: Request, template: str, **context: Any) -> Response:
        session = self.auth.session(request)
        if session is None:
            return RedirectResponse(f"/admin/login?{urlencode({'next': request.url.path})}", 303)
        flash = request.query_params.get("ok")
        return TEMPLATES.TemplateResponse(request, template, {
            "csrf": session.csrf, "username": session.username, "flash": flash, "names": self._names(),
            **context})

    def _names(self) -> dict[str, dict[str, str]]:
        """What staff read for the codes of channels, localities, topics and announcement topics."""
        kb = self.core.kb
        return {"channel": CHANNEL_NAMES, "locality": {c: loc.name for c, loc in kb.localities.items()},
                "topic": {t: topic.title for t, topic in kb.topics.items()},
                "announcement": {a: ann.title for a, ann in kb.announcements.items()}}

    async def form(self, request: Request) -> dict[str, Any] | Response:
        """The posted form of a logged-in staff member with a valid CSRF token, or a refusal."""
        session = self.auth.session(request)
        if session is None:
            return RedirectResponse("/admin/login", 303)
        form = await request.form()
        if not same(str(form.get("csrf") or ""), session.csrf):
            return Response("CSRF token missing or wrong", status_code=403)
        return {k: form.getlist(k) if k == "id" else form.get(k) for k in form}

    # --- login ------------------------------------------------------------------------------
    async def login_page(self, request: Request) -> Response:
        token = self.auth.login_csrf(request)
        response = TEMPLATES.TemplateResponse(request, "login.html", {
            "csrf": token, "next": request.query_params.get("next", "/admin"),
            "error": request.query_params.get("error"), "first_run": not self.auth.accounts.list()})
        self.auth.set_cookie(response, LOGIN_CSRF_COOKIE, token, max_age=3600)
        return response

    async def login(self, request: Request) -> Response:
        form = await request.form()
        if not same(str(form.get("csrf") or ""), request.cookies.get(LOGIN_CSRF_COOKIE)):
            return Response("CSRF token missing or wrong", status_code=403)
        username = str(form.get("username") or "").strip().lower()
        client = request.client.host if request.client else "?"
        keys = (f"ip:{client}", f"user:{username}")
        if not self.auth.throttle.attempt(*keys):  # counted before the (slow) check: atomic
            return error_page(429, "Tạm khóa đăng nhập",
                              "Quá nhiều lần đăng nhập sai. Vui lòng thử lại sau 15 phút.", "/admin/login",
                              "Quay lại trang đăng nhập")
        session = await asyncio.to_thread(self.auth.accounts.login, username, str(form.get("password") or ""))
        if session is None:
            wrong = urlencode({"error": "Sai tên đăng nhập hoặc mật khẩu."})
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
            self.auth.accounts.logout(token)
        response = RedirectResponse("/admin/login", 303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    # --- pages ------------------------------------------------------------------------------
    async def overview(self, request: Request) -> Response:
        if (refused := self.guard(request)) is not None:
            return refused
        today = datetime.now(VIETNAM).date()
        start = today - timedelta(days=29)
        period = Period("30d", start, today + timedelta(days=1), "30 ngày qua")
        r = build_report(self.core.kb, self.queries, self.core.engine.norm, period, None)
        days = [(start + timedelta(days=i)) for i in range(30)]
        per_day = dict(self.queries.per_day(period.utc_bounds()[0]))
        empty = self.core.kb.text("chart_empty")
        topics = list(r.by_topic.items())[:10]
        channels = {CHANNEL_NAMES.get(c, c): n for c, n in r.by_channel.items()}
        daily = [per_day.get(d.isoformat(), 0) for d in days]
        charts = [
            ("Theo ngày", bar([d.strftime("%d/%m") for d in days], daily, "Số lượt theo ngày", fmt="svg",
                              size=(4.4, 3.2), empty=empty, every=3)),
            ("Theo kênh", bar(list(channels), list(channels.values()), "Theo kênh", horizontal=True,
                              fmt="svg", color="#805ad5", size=(4.4, 0.5 * max(len(channels), 2) + 1.2),
                              empty=empty)),
            ("Theo chủ đề", bar([t for t, _ in topics], [n for _, n in topics], "Theo chủ đề",
                                horizontal=True, fmt="svg", color="#2f855a",
                                size=(4.4, 0.55 * max(len(topics), 2) + 1.2), empty=empty)),
            ("Hài lòng", bar(["Hữu ích", "Chưa hữu ích"], [r.positive, r.rated - r.positive],
                             "Đánh giá câu trả lời", fmt="svg", color="#dd6b20", size=(4.4, 3), empty=empty)),
        ]
        svgs = [(name, png.decode("utf-8").split("?>", 1)[-1]) for name, png in charts]
        undelivered = ReplyOutbox(self.core.store).failed(20)
        return self.page(request, "overview.html", r=r, charts=svgs, undelivered=undelivered)

    async def log_page(self, request: Request) -> Response:
        if (refused := self.guard(request)) is not None:
            return refused
        q = request.query_params

        def bound(name: str, shift: int = 0) -> str | None:
            d = day(q.get(name))
            if d is None:
                return None
            start = datetime(d.year, d.month, d.day, tzinfo=VIETNAM) + timedelta(days=shift)
            return start.astimezone(UTC).isoformat()

        invalid = [name for name in ("since", "until") if q.get(name) and day(q.get(name)) is None]
        if invalid or (q.get("before") and small_int(q.get("before")) is None):
            return bad_request("ngày (YYYY-MM-DD, 2000–2100) hoặc trang không đúng")
        f = LogFilter(since=bound("since"), until=bound("until", 1), channel=q.get("channel") or None,
                      topic=q.get("topic") or None, status=q.get("status") or None,
                      locality=q.get("locality") or None, search=(q.get("q") or "").strip() or None)
        before = small_int(q.get("before"))
        rows = await asyncio.to_thread(self.queries.log_page, f, before, PAGE_SIZE)
        params = {k: v for k, v in q.items() if k != "before" and v}
        next_before = rows[-1]["id"] if len(rows) == PAGE_SIZE else None
        shown = {k: q.get(k, "") for k in ("since", "until", "channel", "topic", "status", "locality", "q")}
        return self.page(request, "log.html", rows=rows, f=shown, next_before=next_before,
                         next_url=f"/admin/log?{urlencode({**params, 'before': next_before})}",
                         channels=list(CHANNELS), topics=list(self.core.kb.topics),
                         statuses=["answered", "suggest", "fallback"],
                         localities=list(self.core.kb.localities))

    def _groups(self) -> list[dict[str, Any]]:
        items = self.queries.unanswered()
        texts = [i["text"] for i in items]
        out = []
        for members in cluster(texts, self.core.engine.norm):
            words = Counter(texts[i] for i in members)
            out.append({"text": words.most_common(1)[0][0], "ids": [items[i]["id"] for i in members],
                        "variants": sorted(words)[:8]})
        return out

    async def unanswered(self, request: Request) -> Response:
        if (refused := self.guard(request)) is not None:
            return refused
        return self.page(request, "unanswered.html", groups=self._groups(), draft=None)

    async def unanswered_handled(self, request: Request) -> Response:
        form = await self.form(request)
        if isinstance(form, Response):
            return form
        ids = small_ints(form.get("id", []))
        if ids is None:
            return bad_request("mã câu hỏi không đúng")
        n = self.core.store.mark_handled(ids)
        return RedirectResponse(f"/admin/unanswered?ok=Đã đánh dấu {n} câu hỏi là đã xử lý", 303)

    async def unanswered_draft(self, request: Request) -> Response:
        form = await self.form(request)
        if isinstance(form, Response):
            return form
        ids = small_ints(form.get("id", []))
        if ids is None:
            return bad_request("mã câu hỏi không đúng")
        texts = self.core.store.unanswered_texts(ids)
        questions = list(dict.fromkeys(clean(t, 200) for t in texts))[:8]
        lines = ["entries:", "  - id: moi-can-dat-ma", "    topic: thu-tuc-khac", "    questions:"]
        lines += [f"      - {t!r}" for t in questions] or ["      - '…'"]
        lines += ["    answer: |-", "      (soạn câu trả lời; thông tin nào cũng phải có nguồn)",
                  "    source: (văn bản, điều khoản hoặc trang nguồn)",
                  f"    reviewed: {datetime.now(VIETNAM).date().isoformat()}"]
        return self.page(request, "unanswered.html", groups=self._groups(), draft="\n".join(lines))

    async def feedback(self, request: Request) -> Response:
        if (refused := self.guard(request)) is not None:
            return refused
        return self.page(request, "feedback.html", items=self.queries.feedback())

    async def feedback_reply(self, request: Request) -> Response:
        form = await self.form(request)
        if isinstance(form, Response):
            return form
        feedback_id = small_int(request.path_params["id"])
        if feedback_id is None:
            return bad_request("mã góp ý không đúng", "/admin/feedback")
        reply = clean(str(form.get("reply") or ""), MAX_TEXT)
        replies = FeedbackReplies(self.core.kb, self.core.store, self.core.settings.secret)
        outcome = await replies.answer(feedback_id, reply, self.senders) if reply else None
        note = {SENT: "Đã gửi trả lời tới người dân",
                WAITING: "Đã lưu trả lời; người dân sẽ thấy khi mở lại trò chuyện trên trang web",
                NOT_SENT: "Đã lưu trả lời; chưa gửi được (kênh không có địa chỉ nhận hoặc gửi lỗi)",
                None: "Không có nội dung trả lời"}[outcome]
        return RedirectResponse(f"/admin/feedback?{urlencode({'ok': note})}", 303)

    async def broadcasts(self, request: Request, form: dict[str, Any] | None = None,
                         preview: int | None = None, error: str | None = None,
                         warnings: tuple[str, ...] = ()) -> Response:
        if (refused := self.guard(request)) is not None:
            return refused
        kb = self.core.kb
        items = [self.core.outbox.status(b["id"]) for b in self.core.outbox.list()]
        return self.page(request, "broadcasts.html", items=items, max_text=MAX_TEXT,
                         announcements=list(kb.announcements.values()),
                         localities=[loc for loc in kb.localities.values() if not loc.example],
                         form=form or {}, preview=preview, error=error, warnings=warnings)

    async def broadcast_post(self, request: Request) -> Response:
        form = await self.form(request)
        if isinstance(form, Response):
            return form
        kb = self.core.kb
        text = clean(str(form.get("text") or ""), 10 * MAX_TEXT)
        topic = str(form.get("topic") or "")
        locality = str(form.get("locality") or "") or None
        if not text or len(text) > MAX_TEXT or topic not in kb.announcements or (
                locality is not None and locality not in kb.localities):
            problem = f"Cần nội dung 1–{MAX_TEXT} ký tự, chủ đề và địa phương hợp lệ."
            return await self.broadcasts(request, form, error=problem)
        found = reach(kb, self.core.outbox, topic, locality, None, set(self.senders))
        count = found.count
        if form.get("action") != "send":
            return await self.broadcasts(request, form, preview=count, warnings=found.warnings)
        at = str(form.get("at") or "")
        try:
            due = parse_local(at) if at else None
        except CchcError:
            return await self.broadcasts(request, form, error="Thời điểm gửi không hợp lệ.")
        if due is not None and day(due.date().isoformat()) is None:  # years far off (0001, 9999)
            return await self.broadcasts(request, form, error="Thời điểm gửi không hợp lệ.")
        session = self.auth.session(request)
        bid = self.core.outbox.create(text=text, topic=topic, locality=locality,
                                      created_by=f"web:{session.username if session else '?'}", due=due,
                                      every="week" if form.get("every") == "week" else None)
        return RedirectResponse("/admin/broadcasts?" + urlencode(
            {"ok": " ".join([f"Đã xếp thông báo #{bid} tới {count} người.", *found.warnings])}), 303)

    async def broadcast_cancel(self, request: Request) -> Response:
        form = await self.form(request)
        if isinstance(form, Response):
            return form
        broadcast_id = small_int(request.path_params["id"])
        if broadcast_id is None:
            return bad_request("mã thông báo không đúng")
        n = self.core.outbox.cancel(broadcast_id)
        return RedirectResponse(f"/admin/broadcasts?ok=Đã dừng; {n} tin chưa gửi đã hủy", 303)

    async def reports(self, request: Request) -> Response:
        if (refused := self.guard(request)) is not None:
            return refused
        now = datetime.now(VIETNAM)
        quarter = (now.month - 1) // 3 + 1
        return self.page(request, "reports.html", default_period=f"{now.year}-Q{quarter}",
                         localities=[loc for loc in self.core.kb.localities.values() if not loc.example])

    async def report_download(self, request: Request) -> Response:
        if (refused := self.guard(request)) is not None:
            return refused
        q = request.query_params
        fmt = q.get("format", "xlsx")
        try:
            if fmt not in FORMATS:
                raise CchcError(f"định dạng '{fmt}' không hỗ trợ")
            data = await asyncio.to_thread(build_report, self.core.kb, self.queries, self.core.engine.norm,
                                           parse_period(q.get("period", "")), q.get("locality") or None)
        except CchcError as exc:
            return error_page(400, "Không lập được báo cáo", str(exc), "/admin/reports",
                              "Quay lại trang Báo cáo")
        folder = Path(tempfile.mkdtemp(prefix="cchc-report-"))
        tmp = folder / f"bao-cao-{data.period.code}.{fmt}"
        try:
            await asyncio.to_thread(write_report, data, fmt, tmp)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return FileResponse(tmp, filename=f"{title(data)}.{fmt}",
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
