"""The figures of the periodic outreach report (quarter, half-year, nine months, year).

Periods are Vietnam dates (Asia/Ho_Chi_Minh); timestamps in the store are UTC. Every figure
comes from the store:

* the bot's interactions by channel, topic and status — the ``cli`` channel (staff testing the
  knowledge base with ``cchc-bot ask --log``) is not outreach and never counted; small talk
  (status ``smalltalk``, or a fallback whose text is only a greeting, thanks, emoji, or the name
  of a locality) is an interaction but not a question;
* ratings, the unanswered questions grouped by similarity, broadcasts with their reach;
* the outreach staff recorded (:mod:`bot.storage.activities`), by form and by plan item;
* the plan in force: the locality's plan of the period's year, else its latest plan, marked;
  its content items get the activity the mapping (``knowledge/mapping.yaml``) assigns them —
  an interaction counts for an item only when the item lists no forms or lists the channel's
  form (a web-chat question is not a poster) — and its quotas are measured
  (:mod:`bot.reports.quota`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from rapidfuzz import fuzz

from bot.clock import VIETNAM
from bot.errors import InputError
from bot.knowledge.model import KnowledgeBase, Locality, Plan, PlanItem
from bot.reports.config import ReportConfig, load_report_config
from bot.reports.quota import FormResult, QuotaProgress, by_form, measure
from bot.storage.activities import Activities, Activity
from bot.storage.queries import Count, Queries
from bot.textnorm import Normaliser, fold

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
PERIOD_RE = re.compile(r"^([0-9]{4})(?:-(Q[1-4]|H[12]|9M))?$")
ALL = "all"


@dataclass(frozen=True)
class Period:
    code: str
    start: date
    end: date  # exclusive
    label: str  # "quý III năm 2025"

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month

    @property
    def last(self) -> date:
        return self.end - timedelta(days=1)

    def utc_bounds(self) -> tuple[str, str]:
        def utc(d: date) -> str:
            return datetime(d.year, d.month, d.day, tzinfo=VIETNAM).astimezone(UTC).isoformat()
        return utc(self.start), utc(self.end)


def parse_period(code: str) -> Period:
    """``2025-Q3``, ``2025-H1``, ``2025-H2``, ``2025-9M`` or ``2025``."""
    m = PERIOD_RE.match(code.strip().upper())
    if not m:
        raise InputError(f"kỳ báo cáo '{code}' không hợp lệ — dùng 2025-Q3, 2025-H1, 2025-9M hoặc 2025")
    year, part = int(m.group(1)), m.group(2)
    if not 2000 <= year <= 2100:
        raise InputError(f"năm {year} của kỳ báo cáo nằm ngoài 2000–2100")
    if part is None:
        return Period(code, date(year, 1, 1), date(year + 1, 1, 1), f"năm {year}")
    if part.startswith("Q"):
        q = int(part[1])
        end = date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)
        return Period(code, date(year, 3 * q - 2, 1), end, f"quý {ROMAN[q]} năm {year}")
    if part == "H1":
        return Period(code, date(year, 1, 1), date(year, 7, 1), f"6 tháng đầu năm {year}")
    if part == "H2":
        return Period(code, date(year, 7, 1), date(year + 1, 1, 1), f"6 tháng cuối năm {year}")
    return Period(code, date(year, 1, 1), date(year, 10, 1), f"9 tháng năm {year}")


def plan_in_force(kb: KnowledgeBase, locality: str | None, year: int) -> tuple[Plan | None, bool]:
    """The locality's plan for ``year`` (True), else its latest plan (False), else (None, False)."""
    loc = kb.localities.get(locality or "")
    if loc is None:
        return None, False
    plans = [p for p in kb.plans.values() if p.locality == loc.code]
    if loc.plan and loc.plan in kb.plans and kb.plans[loc.plan] not in plans:
        plans.append(kb.plans[loc.plan])
    exact = [p for p in plans if p.year == year]
    if exact:
        return next((p for p in exact if p.id == loc.plan), exact[0]), True
    return (max(plans, key=lambda p: (p.year, p.id == loc.plan)), False) if plans else (None, False)


@dataclass
class ReportData:
    period: Period
    locality: Locality | None
    plan: Plan | None
    plan_exact: bool = False  # the plan is the one of the period's year
    total: int = 0
    by_channel: dict[str, int] = field(default_factory=dict)
    by_topic: dict[str, int] = field(default_factory=dict)  # topic title → count
    by_item: list[tuple[PlanItem, int]] = field(default_factory=list)  # bot interactions per item
    item_activities: dict[str, list[Activity]] = field(default_factory=dict)  # item id → activities
    questions: int = 0
    answered: int = 0
    suggested: int = 0
    fallback: int = 0
    smalltalk: int = 0
    rated: int = 0
    positive: int = 0
    unanswered_top: list[tuple[str, int]] = field(default_factory=list)
    broadcasts: list[dict[str, Any]] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    forms: list[FormResult] = field(default_factory=list)
    quotas: list[QuotaProgress] = field(default_factory=list)
    per_week: list[tuple[date, int]] = field(default_factory=list)
    by_locality: list[ReportData] = field(default_factory=list)  # --locality all
    knowledge_root: str = ""  # where report.yaml (the wording) is

    def share(self, part: int, whole: int | None = None) -> float:
        """Percentage of ``part`` in ``whole`` (default: the questions, small talk excluded)."""
        whole = self.questions if whole is None else whole
        return 100.0 * part / whole if whole else 0.0

    @property
    def satisfaction(self) -> float | None:
        return 100.0 * self.positive / self.rated if self.rated else None

    @property
    def reach(self) -> int:
        return sum(int(b["sent"]) for b in self.broadcasts)

    @property
    def delivered(self) -> int:
        """Broadcasts that reached at least one subscriber: the ones "sent"."""
        return sum(1 for b in self.broadcasts if int(b["sent"]))

    @property
    def undeliverable(self) -> int:
        """Broadcasts nobody could receive (no channel, no recipients): shown apart, never as sent."""
        return sum(1 for b in self.broadcasts if b["status"] == "undeliverable" and not int(b["sent"]))


def cluster(texts: list[str], norm: Normaliser, threshold: float = 80.0) -> list[list[int]]:
    """Indices of ``texts`` grouped by similarity (normalised words, token-set ratio), the
    largest group first."""
    groups: list[tuple[str, list[int]]] = []
    for index, text in enumerate(texts):
        key = norm.text(text)
        for rep, members in groups:
            if fuzz.token_set_ratio(key, rep) >= threshold:
                members.append(index)
                break
        else:
            groups.append((key, [index]))
    return [members for _, members in sorted(groups, key=lambda g: -len(g[1]))]


def group_similar(texts: list[str], norm: Normaliser, threshold: float = 80.0) -> list[tuple[str, int]]:
    """Similar questions grouped, most frequent first, each shown by its most common wording."""
    return [(Counter(texts[i] for i in members).most_common(1)[0][0], len(members))
            for members in cluster(texts, norm, threshold)]


def not_a_question(kb: KnowledgeBase, config: ReportConfig, text: str) -> bool:
    """Small talk, or only the name of a locality (a reply to "which commune?")."""
    if config.is_smalltalk(text):
        return True
    folded = fold(text)
    return any(folded in (fold(loc.name), *(fold(a) for a in loc.aliases)) for loc in kb.localities.values())


def build_report(kb: KnowledgeBase, queries: Queries, norm: Normaliser, period: Period,
                 locality: str | None) -> ReportData:
    """The report of one locality, of all together (None), or of all with one row each ('all')."""
    if locality == ALL:
        r = build_report(kb, queries, norm, period, None)
        r.by_locality = [build_report(kb, queries, norm, period, code)
                         for code, loc in kb.localities.items() if not loc.example]
        return r
    loc = kb.localities.get(locality or "")
    if locality and loc is None:
        raise InputError(f"không có địa phương mã '{locality}'")
    config = load_report_config(kb.root)
    since, until = period.utc_bounds()
    plan, exact = plan_in_force(kb, locality, period.start.year)
    r = ReportData(period, loc, plan, exact, knowledge_root=kb.root)
    counts = queries.counts(since, until, locality)
    r.total = sum(c.n for c in counts)
    channel_counts: Counter[str] = Counter()
    topic_counts: Counter[str] = Counter()
    status: Counter[str] = Counter()
    for c in counts:
        channel_counts[c.channel] += c.n
        if c.topic:
            topic_counts[c.topic] += c.n
        if c.kind == "question":
            status[c.status or ""] += c.n
    r.by_channel = dict(channel_counts.most_common())
    r.by_topic = {kb.topics[t].title if t in kb.topics else t: n for t, n in topic_counts.most_common()}
    unanswered = queries.unanswered_texts(since, until, locality)
    questions = [t for t in unanswered if not not_a_question(kb, config, t)]
    chatter = len(unanswered) - len(questions)
    r.smalltalk = sum(c.n for c in counts if c.status == "smalltalk") + chatter
    r.answered, r.suggested = status["answered"], status["suggest"]
    r.fallback = status["fallback"] - chatter
    r.questions = sum(status.values()) - status["smalltalk"] - chatter
    r.rated, r.positive = queries.ratings(since, until, locality)
    r.unanswered_top = group_similar(questions, norm)[:10]
    r.broadcasts = queries.broadcasts(since, until, locality)
    r.activities = Activities(queries.store).between(period.start, period.end, locality)
    r.forms = by_form(config, r.activities)
    r.per_week = _per_week(queries.timestamps(since, until, locality), period)
    if plan is not None:
        r.by_item = _by_item(kb, plan, counts, r.broadcasts)
        for a in r.activities:
            if a.plan_item:
                r.item_activities.setdefault(a.plan_item, []).append(a)
        r.quotas = [measure(config, q, period.months, r.activities, r.delivered) for q in plan.quotas]
    return r


def _by_item(kb: KnowledgeBase, plan: Plan, counts: list[Count],
             broadcasts: list[dict[str, Any]]) -> list[tuple[PlanItem, int]]:
    mapping = kb.mapping
    pinned = mapping.overrides.get(plan.id, {})
    channel_items = {c: {i.id for i in mapping.items_for_channel(plan, c)} for c in kb.mapping.channels}
    formless = {i.id for i in plan.items if not i.forms}

    def topic_items(topic: str, channel: str) -> set[str]:
        ids = {i.id for i in mapping.items_for_topic(plan, topic)}
        if f"topic:{topic}" in pinned:
            return ids
        return ids & (formless | channel_items.get(channel, set()))  # the channel is one of its forms

    totals: Counter[str] = Counter()
    for c in counts:
        for item_id in topic_items(c.topic or "", c.channel) | channel_items.get(c.channel, set()):
            totals[item_id] += c.n
    social = channel_items.get("zalo", set()) | channel_items.get("telegram", set()) | formless
    broadcast_items = {i.id for i in mapping.items_for_broadcasts(plan)}
    if "broadcasts" not in pinned:
        broadcast_items &= social
    for item_id in broadcast_items:
        totals[item_id] += sum(int(b["sent"]) for b in broadcasts)
    return [(item, totals[item.id]) for item in plan.items]


def _per_week(timestamps: list[str], period: Period) -> list[tuple[date, int]]:
    counts: Counter[date] = Counter()
    for ts in timestamps:
        local = datetime.fromisoformat(ts).astimezone(VIETNAM).date()
        counts[local - timedelta(days=local.weekday())] += 1
    start = period.start - timedelta(days=period.start.weekday())
    weeks: list[tuple[date, int]] = []
    while start < period.end:
        weeks.append((start, counts.get(start, 0)))
        start += timedelta(days=7)
    return weeks
