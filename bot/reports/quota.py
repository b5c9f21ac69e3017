"""The plan's quotas measured for a report period, and the period's outreach grouped by form.

A quota names the forms it is about ("tin, bài … trên Trang thông tin điện tử", "phát sóng …
trên sóng phát thanh, mỗi tuần ít nhất một lần"); the forms are recognised with the phrases of
``knowledge/report.yaml``. What was done is the quantity of the staff-recorded activities of
those forms, plus, for news items on social networks, the bot's broadcasts of the period.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.knowledge.model import Quota
from bot.reports.config import Form, ReportConfig
from bot.storage.activities import Activity

#: months per quota period, for the required count of a quota over a report period
PER_MONTHS = {"week": 12 / 52, "month": 1, "quarter": 3, "half_year": 6, "year": 12}
BOT_FORM = "mang-xa-hoi"


@dataclass(frozen=True)
class QuotaProgress:
    """One quota over the period. ``kind``: ``count`` (a number per week/month/quarter…),
    ``periodic`` (the plan gives no number), ``share`` (a percentage, e.g. 100 % of files)."""

    quota: Quota
    kind: str
    forms: tuple[str, ...]
    required: int | None
    achieved: int | None
    unit: str

    @property
    def share(self) -> float | None:
        """Achieved as a fraction of required (1.0 = 100 %), or None when not comparable."""
        if self.required and self.achieved is not None:
            return self.achieved / self.required
        return None

    @property
    def met(self) -> bool | None:
        if self.required is None or self.achieved is None:
            return None
        return self.achieved >= self.required


@dataclass
class FormResult:
    """The period's outreach of one form: staff-recorded activities (and the bot's, for its form)."""

    form: Form
    activities: list[Activity] = field(default_factory=list)

    @property
    def quantity(self) -> int:
        return sum(a.quantity for a in self.activities)

    @property
    def participants(self) -> int:
        return sum(a.participants or 0 for a in self.activities)


def by_form(config: ReportConfig, activities: Sequence[Activity]) -> list[FormResult]:
    """Every form in the order of ``report.yaml`` with its activities (the bot's form always,
    others only when something was done)."""
    results = {fid: FormResult(form) for fid, form in config.forms.items()}
    for a in activities:
        if a.form in results:
            results[a.form].activities.append(a)
    return [r for fid, r in results.items() if r.activities or fid == BOT_FORM]


def _periods(months: int, per: str) -> int:
    return max(1, round(months / PER_MONTHS[per]))


def measure(config: ReportConfig, quota: Quota, months: int, activities: Sequence[Activity],
            broadcasts: int) -> QuotaProgress:
    """The requirement of ``quota`` over ``months`` and what the activities achieved."""
    forms = config.forms_of_quota(quota)
    unit = quota.unit or (config.forms[forms[0]].unit if forms else "")
    done: int | None = None
    if forms:
        done = sum(a.quantity for a in activities if a.form in forms)
        news = "tin" in unit.lower() or "bài" in unit.lower()
        if BOT_FORM in forms and news:
            done += broadcasts
    if quota.count is not None and quota.per in PER_MONTHS:
        return QuotaProgress(quota, "count", forms, quota.count * _periods(months, quota.per), done, unit)
    if quota.count is not None and unit.strip().startswith("%"):
        return QuotaProgress(quota, "share", forms, None, None, unit)
    return QuotaProgress(quota, "periodic", forms, None, done if done else None, unit)
