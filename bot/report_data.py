"""The figures of the periodic outreach report (quarter, half-year, nine months, year).

Periods are in Vietnam time (UTC+7); timestamps in the store are UTC. Every figure comes from
the store: interactions (by channel, by topic, by status), ratings, unanswered questions,
broadcasts with their reach; plan content items get the activity the mapping
(``knowledge/mapping.yaml``) assigns them; quotas counted in news items ("tin", "bài") are
compared with the broadcasts of the period.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from rapidfuzz import fuzz

from bot.errors import InputError
from bot.kb_model import KnowledgeBase, Locality, Plan, PlanItem, Quota
from bot.queries import Count, Queries
from bot.textnorm import Normaliser

VIETNAM = timezone(timedelta(hours=7))
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
PERIOD_RE = re.compile(r"^([0-9]{4})(?:-(Q[1-4]|H[12]|9M))?$")
#: report periods per quota period, for the required count of a quota
PER_MONTHS = {"week": 12 / 52, "month": 1, "quarter": 3, "half_year": 6, "year": 12}


@dataclass(frozen=True)
class Period:
    code: str
    start: date
    end: date  # exclusive
    label: str  # "quý III năm 2025"

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month

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


@dataclass(frozen=True)
class QuotaProgress:
    quota: Quota
    required: int | None
    achieved: int | None  # None: not measurable from the bot's activity

    @property
    def share(self) -> float | None:
        if self.required and self.achieved is not None:
            return 100.0 * self.achieved / self.required
        return None


@dataclass
class ReportData:
    period: Period
    locality: Locality | None
    plan: Plan | None
    total: int = 0
    by_channel: dict[str, int] = field(default_factory=dict)
    by_topic: dict[str, int] = field(default_factory=dict)  # topic title → count
    by_item: list[tuple[PlanItem, int]] = field(default_factory=list)
    questions: int = 0
    answered: int = 0
    suggested: int = 0
    fallback: int = 0
    rated: int = 0
    positive: int = 0
    unanswered_top: list[tuple[str, int]] = field(default_factory=list)
    broadcasts: list[dict[str, Any]] = field(default_factory=list)
    quotas: list[QuotaProgress] = field(default_factory=list)
    per_week: list[tuple[date, int]] = field(default_factory=list)

    def share(self, part: int, whole: int | None = None) -> float:
        whole = self.questions if whole is None else whole
        return 100.0 * part / whole if whole else 0.0

    @property
    def satisfaction(self) -> float | None:
        return 100.0 * self.positive / self.rated if self.rated else None


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


def build_report(kb: KnowledgeBase, queries: Queries, norm: Normaliser, period: Period,
                 locality: str | None) -> ReportData:
    loc = kb.localities.get(locality or "")
    if locality and loc is None:
        raise InputError(f"không có địa phương mã '{locality}'")
    since, until = period.utc_bounds()
    plan = kb.plan_for(locality)
    r = ReportData(period, loc, plan)
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
            r.questions += c.n
            status[c.status or ""] += c.n
    r.by_channel = dict(channel_counts.most_common())
    r.by_topic = {kb.topics[t].title if t in kb.topics else t: n for t, n in topic_counts.most_common()}
    r.answered, r.suggested, r.fallback = status["answered"], status["suggest"], status["fallback"]
    r.rated, r.positive = queries.ratings(since, until, locality)
    r.unanswered_top = group_similar(queries.unanswered_texts(since, until, locality), norm)[:10]
    r.broadcasts = queries.broadcasts(since, until, locality)
    r.per_week = _per_week(queries.timestamps(since, until, locality), period)
    if plan is not None:
        r.by_item = _by_item(kb, plan, counts, r.broadcasts)
        r.quotas = [_quota(q, period, len(r.broadcasts)) for q in plan.quotas]
    return r


def _by_item(kb: KnowledgeBase, plan: Plan, counts: list[Count],
             broadcasts: list[dict[str, Any]]) -> list[tuple[PlanItem, int]]:
    mapping = kb.mapping
    topic_items = {t: {i.id for i in mapping.items_for_topic(plan, t)} for t in kb.topics}
    channels = {c.channel for c in counts}
    channel_items = {c: {i.id for i in mapping.items_for_channel(plan, c)} for c in channels}
    broadcast_items = {i.id for i in mapping.items_for_broadcasts(plan)}
    totals: Counter[str] = Counter()
    for c in counts:
        for item_id in topic_items.get(c.topic or "", set()) | channel_items.get(c.channel, set()):
            totals[item_id] += c.n
    reach = sum(int(b["sent"]) for b in broadcasts)
    for item_id in broadcast_items:
        totals[item_id] += reach
    return [(item, totals[item.id]) for item in plan.items]


def _quota(q: Quota, period: Period, broadcasts: int) -> QuotaProgress:
    unit = (q.unit or q.text).lower()
    if q.count is None or q.per not in PER_MONTHS or not ("tin" in unit or "bài" in unit):
        return QuotaProgress(q, None, None)
    periods = max(1, round(period.months / PER_MONTHS[q.per]))
    return QuotaProgress(q, q.count * periods, broadcasts)


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
