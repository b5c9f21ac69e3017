"""Outreach done outside the bot, recorded by staff (a storage module: SQL lives here).

The plan asks for radio programmes, posts on the commune website, panels and posters,
conferences, contests…; staff record each one (date in Vietnam time, form, plan item,
description, quantity, participants, evidence link) on the dashboard or with
``cchc-bot activity add``, and the periodic report counts them beside the bot's own figures.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from bot.errors import InputError
from bot.knowledge.model import KnowledgeBase
from bot.reports.config import load_report_config
from bot.storage.store import Store, now_iso
from bot.textnorm import clean

MAX_DESCRIPTION = 500


@dataclass(frozen=True)
class Activity:
    day: date
    form: str
    description: str
    quantity: int = 1
    locality: str | None = None
    plan_item: str | None = None
    participants: int | None = None
    evidence: str | None = None
    id: int | None = None
    created_by: str | None = None


def _count(value: Any, what: str, minimum: int) -> int | None:
    if value in (None, ""):
        return None
    try:
        n = int(str(value).strip())
    except ValueError:
        raise InputError(f"{what} phải là số nguyên, nhận được '{value}'") from None
    if n < minimum:
        raise InputError(f"{what} phải từ {minimum} trở lên")
    return n


def parse_activity(kb: KnowledgeBase, fields: dict[str, Any], created_by: str | None = None) -> Activity:
    """An activity from raw form or command-line values, checked against the knowledge: the
    form exists, the locality exists, the plan item belongs to one of that locality's plans."""
    forms = load_report_config(kb.root).forms
    form = str(fields.get("form") or "").strip()
    if form not in forms:
        raise InputError(f"hình thức '{form}' không có — chọn một trong: {', '.join(forms)}")
    try:
        day = date.fromisoformat(str(fields.get("day") or "").strip())
    except ValueError:
        raise InputError("ngày phải có dạng YYYY-MM-DD (ví dụ 2026-10-05)") from None
    locality = str(fields.get("locality") or "").strip() or None
    if locality is not None and locality not in kb.localities:
        raise InputError(f"không có địa phương mã '{locality}'")
    item = str(fields.get("plan_item") or "").strip() or None
    if item is not None:
        plans = [p for p in kb.plans.values() if locality in (None, p.locality)]
        if not any(item == i.id for p in plans for i in p.items):
            raise InputError(f"không có nội dung kế hoạch mã '{item}'"
                             + (f" trong kế hoạch của '{locality}'" if locality else ""))
    description = clean(str(fields.get("description") or ""), MAX_DESCRIPTION)
    if not description:
        raise InputError("cần mô tả ngắn của hoạt động")
    evidence = str(fields.get("evidence") or "").strip() or None
    if evidence is not None and not evidence.lower().startswith(("https://", "http://")):
        raise InputError("đường dẫn minh chứng phải bắt đầu bằng https:// hoặc http://")
    quantity = _count(fields.get("quantity"), "số lượng", 1) or 1
    return Activity(day, form, description, quantity, locality, item,
                    _count(fields.get("participants"), "số người tham dự", 0), evidence,
                    created_by=created_by)


class Activities:
    """The ``activities`` table."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, a: Activity) -> int:
        row = {k: v for k, v in asdict(a).items() if k != "id"}
        row["day"] = a.day.isoformat()
        row["created"] = now_iso()
        rid = self.store.write(lambda db: db.table("activities").insert(row).last_pk)
        assert isinstance(rid, int)
        return rid

    def remove(self, activity_id: int) -> bool:
        return self.store.write(lambda db: db.execute(
            "DELETE FROM activities WHERE id = ?", [activity_id]).rowcount == 1)

    def between(self, start: date, end: date, locality: str | None = None) -> list[Activity]:
        """Activities dated in [start, end) (Vietnam dates), of one locality or of all."""
        sql = ("SELECT id, day, form, description, quantity, locality, plan_item, participants, evidence, "
               "created_by FROM activities WHERE day >= ? AND day < ?"
               + (" AND locality = ?" if locality else "") + " ORDER BY day, id")
        args: list[Any] = [start.isoformat(), end.isoformat(), *([locality] if locality else [])]
        rows = self.store.read(lambda db: db.execute(sql, args).fetchall())
        return [Activity(date.fromisoformat(r[1]), r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[0], r[9])
                for r in rows]

    def recent(self, limit: int = 200, locality: str | None = None) -> list[Activity]:
        return self.between(date(1900, 1, 1), date(9999, 1, 1), locality)[-limit:][::-1]
