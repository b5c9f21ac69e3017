"""What the staff dashboard (``/admin``) shows and does, without the web: the figures of the
overview, a page of the log, the unanswered questions grouped and a new entry drafted from
them, replies to feedback, announcements checked and queued, reports built.

The web adapter (``handlers/web_admin.py``) only translates: it reads the request, calls one
method here (in a worker thread: every method may touch the store), and renders the result.
Input a person typed is checked here; a refusal is an :class:`~bot.errors.InputError` whose
message (from ``ui.yaml``) the page shows. Notes after an action come from ``ui.yaml`` too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from bot.app import Core
from bot.broadcast.check import check_announcement, current_localities
from bot.broadcast.reach import Reach, reach
from bot.clock import VIETNAM, local_day_start
from bot.errors import InputError
from bot.inputs import day, small_int, small_ints
from bot.messages import CHANNELS, STATUSES
from bot.reports.charts import bar
from bot.reports.config import load_report_config
from bot.reports.data import Period, ReportData, build_report, cluster, parse_period, plan_in_force
from bot.reports.render import FORMATS, title, write_report
from bot.reports.tables import CHANNEL_NAMES
from bot.storage.feedback_replies import FeedbackReplies, Outcome
from bot.storage.queries import LogFilter, Queries
from bot.storage.reply_outbox import ReplyOutbox
from bot.textnorm import clean

PAGE_SIZE = 50
LOG_FIELDS = ("since", "until", "channel", "topic", "status", "locality", "q")
#: the note after a reply to feedback, by what became of it
REPLY_NOTES: dict[Outcome | None, str] = {
    "sent": "admin_reply_sent", "waiting": "admin_reply_waiting", "not-sent": "admin_reply_not_sent",
    "empty": "admin_reply_empty", None: "admin_reply_no_item"}


@dataclass(frozen=True)
class Overview:
    report: ReportData
    charts: list[tuple[str, str]]  # (name, inline SVG)
    undelivered: list[dict[str, Any]]


@dataclass(frozen=True)
class LogPage:
    rows: list[dict[str, Any]]
    shown: dict[str, str]  # the filters as typed, to fill the form again
    next_params: dict[str, str] | None  # the query of the next (older) page, if any


@dataclass(frozen=True)
class Queued:
    broadcast_id: int | None  # None: only previewed
    reach: Reach

    def note(self, core: Core) -> str:
        return " ".join([core.kb.text("admin_broadcast_queued", id=str(self.broadcast_id),
                                      count=str(self.reach.count)), *self.reach.warnings])


class Dashboard:
    """The dashboard's actions over one :class:`~bot.app.Core`."""

    def __init__(self, core: Core) -> None:
        self.core = core
        self.kb = core.kb
        self.queries = Queries(core.store)

    def names(self) -> dict[str, dict[str, str]]:
        """What staff read for the codes of channels, localities, topics and announcement topics."""
        kb = self.kb
        return {"channel": CHANNEL_NAMES, "locality": {c: loc.name for c, loc in kb.localities.items()},
                "topic": {t: topic.title for t, topic in kb.topics.items()},
                "announcement": {a: ann.title for a, ann in kb.announcements.items()}}

    def choices(self) -> dict[str, list[str]]:
        """The codes the log can be filtered by."""
        return {"channels": list(CHANNELS), "topics": list(self.kb.topics), "statuses": list(STATUSES),
                "localities": [loc.code for loc in current_localities(self.kb)]}

    # --- overview and log -------------------------------------------------------------------
    def overview(self, today: date | None = None) -> Overview:
        """The last 30 days: the report's figures and four charts (SVG)."""
        t = self.kb.text
        today = today or datetime.now(VIETNAM).date()
        start = today - timedelta(days=29)
        period = Period("30d", start, today + timedelta(days=1), t("admin_last_30_days"))
        r = build_report(self.kb, self.queries, self.core.engine.norm, period, None)
        days = [start + timedelta(days=i) for i in range(30)]
        per_day = dict(self.queries.per_day(period.utc_bounds()[0]))
        empty = t("chart_empty")
        topics = list(r.by_topic.items())[:10]
        channels = {CHANNEL_NAMES.get(c, c): n for c, n in r.by_channel.items()}
        daily = [per_day.get(d.isoformat(), 0) for d in days]
        charts = [
            (t("admin_chart_daily"), bar([d.strftime("%d/%m") for d in days], daily,
                                         t("admin_chart_daily_title"), fmt="svg", size=(4.4, 3.2),
                                         empty=empty, every=3)),
            (t("admin_chart_channel"), bar(list(channels), list(channels.values()), t("admin_chart_channel"),
                                           horizontal=True, fmt="svg", color="#805ad5",
                                           size=(4.4, 0.5 * max(len(channels), 2) + 1.2), empty=empty)),
            (t("admin_chart_topic"), bar([name for name, _ in topics], [n for _, n in topics],
                                         t("admin_chart_topic"), horizontal=True, fmt="svg", color="#2f855a",
                                         size=(4.4, 0.55 * max(len(topics), 2) + 1.2), empty=empty)),
            (t("admin_chart_rating"), bar([t("admin_rating_up"), t("admin_rating_down")],
                                          [r.positive, r.rated - r.positive], t("admin_chart_rating_title"),
                                          fmt="svg", color="#dd6b20", size=(4.4, 3), empty=empty)),
        ]
        svgs = [(name, svg.decode("utf-8").split("?>", 1)[-1]) for name, svg in charts]
        return Overview(r, svgs, ReplyOutbox(self.core.store).failed(20))

    def log(self, params: Mapping[str, str]) -> LogPage:
        """One page of the interaction log, filtered as the query string says."""
        since, until, before = params.get("since"), params.get("until"), params.get("before")
        if (since and day(since) is None) or (until and day(until) is None) or (
                before and small_int(before) is None):
            raise InputError(self.kb.text("admin_bad_log_filter"))

        def bound(typed: str | None, shift: int = 0) -> str | None:
            d = day(typed)
            if d is None:
                return None
            return (local_day_start(d) + timedelta(days=shift)).astimezone(UTC).isoformat()

        f = LogFilter(since=bound(since), until=bound(until, 1), channel=params.get("channel") or None,
                      topic=params.get("topic") or None, status=params.get("status") or None,
                      locality=params.get("locality") or None,
                      search=(params.get("q") or "").strip() or None)
        rows = self.queries.log_page(f, small_int(before), PAGE_SIZE)
        kept = {k: v for k, v in params.items() if k != "before" and v}
        nxt = {**kept, "before": str(rows[-1]["id"])} if len(rows) == PAGE_SIZE else None
        return LogPage(rows, {k: params.get(k, "") for k in LOG_FIELDS}, nxt)

    # --- unanswered questions ---------------------------------------------------------------
    def unanswered(self) -> list[dict[str, Any]]:
        """The questions without an answer, similar ones grouped, the largest group first."""
        items = self.queries.unanswered()
        texts = [i["text"] for i in items]
        out = []
        for members in cluster(texts, self.core.engine.norm):
            words = Counter(texts[i] for i in members)
            out.append({"text": words.most_common(1)[0][0], "ids": [items[i]["id"] for i in members],
                        "variants": sorted(words)[:8]})
        return out

    def _ids(self, raw: Iterable[object]) -> list[int]:
        ids = small_ints(list(raw))
        if ids is None:
            raise InputError(self.kb.text("admin_bad_question_ids"))
        return ids

    def mark_handled(self, raw_ids: Iterable[object]) -> str:
        """Mark unanswered questions handled; the note to show."""
        n = self.core.store.mark_handled(self._ids(raw_ids))
        return self.kb.text("admin_handled", count=str(n))

    def draft(self, raw_ids: Iterable[object], today: date | None = None) -> str:
        """A new ``faq/`` entry (YAML) to finish, with the chosen questions as its phrasings."""
        texts = self.core.store.unanswered_texts(self._ids(raw_ids))
        questions = list(dict.fromkeys(clean(t, 200) for t in texts))[:8]
        entry = {"id": "moi-can-dat-ma", "topic": "thu-tuc-khac", "questions": questions or ["…"],
                 "answer": self.kb.text("draft_answer"), "source": self.kb.text("draft_source"),
                 "reviewed": (today or datetime.now(VIETNAM).date()).isoformat()}
        text = yaml.safe_dump({"entries": [entry]}, allow_unicode=True, sort_keys=False, width=100)
        return str(text).strip()

    # --- feedback ---------------------------------------------------------------------------
    def feedback(self) -> list[dict[str, Any]]:
        return self.queries.feedback()

    def feedback_id(self, raw: object) -> int:
        feedback_id = small_int(raw)
        if feedback_id is None:
            raise InputError(self.kb.text("admin_bad_feedback_id"))
        return feedback_id

    def replies(self) -> FeedbackReplies:
        return FeedbackReplies(self.kb, self.core.store, self.core.settings.secret)

    def reply_note(self, outcome: Outcome | None) -> str:
        return self.kb.text(REPLY_NOTES[outcome])

    # --- announcements ----------------------------------------------------------------------
    def broadcasts(self) -> list[dict[str, Any]]:
        items = [self.core.outbox.status(b["id"]) for b in self.core.outbox.list()]
        return [i for i in items if i is not None]

    def queue_broadcast(self, form: Mapping[str, Any], *, created_by: str, senders: set[str],
                        send: bool) -> Queued:
        """Check the announcement of the form; queue it when ``send``, else only count whom it
        would reach. A refusal raises :class:`~bot.broadcast.check.BroadcastError`."""
        a = check_announcement(self.kb, text=str(form.get("text") or ""), topic=str(form.get("topic") or ""),
                               locality=str(form.get("locality") or "") or None,
                               at=str(form.get("at") or "") if send else None,
                               every=str(form.get("every") or "") or None)
        found = reach(self.kb, self.core.outbox, topic=a.topic, locality=a.locality, configured=senders)
        if not send:
            return Queued(None, found)
        bid = self.core.outbox.create(text=a.text, topic=a.topic, locality=a.locality, created_by=created_by,
                                      due=a.due, every=a.every)
        return Queued(bid, found)

    def cancel_broadcast(self, raw_id: object) -> str:
        broadcast_id = small_int(raw_id)
        if broadcast_id is None:
            raise InputError(self.kb.text("admin_bad_broadcast_id"))
        return self.kb.text("admin_broadcast_cancelled", count=str(self.core.outbox.cancel(broadcast_id)))

    # --- outreach activities ---------------------------------------------------------------
    def activity_choices(self) -> dict[str, Any]:
        """What the activity form offers: forms of outreach, localities, the items of the plans
        in force this year, and today (the default day)."""
        localities = [loc for loc in self.kb.localities.values() if not loc.example]
        today = datetime.now(VIETNAM).date()
        items = []
        for loc in localities:
            plan, _ = plan_in_force(self.kb, loc.code, today.year)
            items += [(loc.name, i.id, i.content[:110]) for i in plan.items] if plan else []
        return {"forms": load_report_config(self.kb.root).forms, "localities": localities, "items": items,
                "today": today.isoformat()}

    # --- reports ----------------------------------------------------------------------------
    def default_period(self) -> str:
        now = datetime.now(VIETNAM)
        return f"{now.year}-Q{(now.month - 1) // 3 + 1}"

    def report(self, period: str, locality: str | None, fmt: str) -> ReportData:
        """The report of a period, checked for a format the writer knows."""
        if fmt not in FORMATS:
            raise InputError(self.kb.text("admin_report_format", format=fmt))
        return build_report(self.kb, self.queries, self.core.engine.norm, parse_period(period), locality)

    @staticmethod
    def write(data: ReportData, fmt: str, folder: Path) -> tuple[Path, str]:
        """The report written under ``folder``; (its path, the file name to offer)."""
        path = folder / f"bao-cao-{data.period.code}.{fmt}"
        write_report(data, fmt, path)
        return path, f"{title(data)}.{fmt}"
