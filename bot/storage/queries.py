"""Read-only queries for reports and the staff dashboard (a storage module: SQL lives here).

The interaction log is paged by keyset (``id < ?`` with the filters' ``(column, id)`` indexes),
so a page costs the same at row 1,000,000 as at row 50.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.clock import local_offset
from bot.storage.store import Store

LOG_COLUMNS = "id, ts, channel, locality, kind, topic, text, status, entry_id, score, rating"
#: staff testing the knowledge base (``cchc-bot ask --log``) is not outreach: never in reports
OUTREACH = " AND channel != 'cli'"


@dataclass(frozen=True)
class Count:
    channel: str
    topic: str | None
    status: str | None
    kind: str
    n: int


@dataclass(frozen=True)
class LogFilter:
    """Filters of the interaction log; dates are ISO timestamps (UTC) or None."""

    since: str | None = None
    until: str | None = None
    channel: str | None = None
    topic: str | None = None
    status: str | None = None
    locality: str | None = None
    search: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        args: list[Any] = []
        for column in ("channel", "topic", "status", "locality"):
            value = getattr(self, column)
            if value:
                clauses.append(f"{column} = ?")
                args.append(value)
        if self.since:
            clauses.append("ts >= ?")
            args.append(self.since)
        if self.until:
            clauses.append("ts < ?")
            args.append(self.until)
        if self.search:
            clauses.append("text LIKE ? ESCAPE '\\'")
            escaped = self.search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            args.append(f"%{escaped}%")
        return (" AND ".join(clauses) or "1 = 1"), args


class Queries:
    def __init__(self, store: Store) -> None:
        self.store = store

    def _all(self, sql: str, args: list[Any] | None = None) -> list[tuple[Any, ...]]:
        return self.store.read(lambda db: list(db.execute(sql, args or []).fetchall()))

    # --- dashboard --------------------------------------------------------------------------
    def log_page(self, f: LogFilter, before: int | None = None, size: int = 50) -> list[dict[str, Any]]:
        """One page of the log, newest first, strictly older than id ``before``."""
        where, args = f.where()
        if before is not None:
            where += " AND id < ?"
            args.append(before)
        rows = self._all(f"SELECT {LOG_COLUMNS} FROM interactions WHERE {where} "
                         "ORDER BY id DESC LIMIT ?", [*args, size])
        names = [c.strip() for c in LOG_COLUMNS.split(",")]
        return [dict(zip(names, r, strict=True)) for r in rows]

    def per_day(self, since: str) -> list[tuple[str, int]]:
        return [(r[0], r[1]) for r in self._all(
            "SELECT date(ts, ?), count(*) FROM interactions WHERE ts >= ? GROUP BY 1 ORDER BY 1",
            [local_offset(), since])]

    def unanswered(self, handled: bool = False, limit: int = 500) -> list[dict[str, Any]]:
        rows = self._all("SELECT id, ts, channel, locality, text FROM unanswered WHERE handled = ? "
                         "ORDER BY id DESC LIMIT ?", [1 if handled else 0, limit])
        return [dict(zip(("id", "ts", "channel", "locality", "text"), r, strict=True)) for r in rows]

    def feedback(self, limit: int = 200) -> list[dict[str, Any]]:
        rows = self._all("SELECT id, ts, channel, locality, text, status, reply, reply_ts, user_key "
                         "FROM feedback ORDER BY id DESC LIMIT ?", [limit])
        names = ("id", "ts", "channel", "locality", "text", "status", "reply", "reply_ts", "user_key")
        return [dict(zip(names, r, strict=True)) for r in rows]

    # --- reports ----------------------------------------------------------------------------
    def counts(self, since: str, until: str, locality: str | None) -> list[Count]:
        """Interactions in [since, until) counted by channel, topic, status and kind."""
        sql = ("SELECT channel, topic, status, kind, count(*) FROM interactions WHERE ts >= ? AND ts < ?"
               + OUTREACH + (" AND locality = ?" if locality else "") + " GROUP BY 1, 2, 3, 4")
        return [Count(*r) for r in self._all(sql, [since, until, *([locality] if locality else [])])]

    def ratings(self, since: str, until: str, locality: str | None) -> tuple[int, int]:
        """(rated answers, of which 👍) in the period."""
        sql = ("SELECT count(*), coalesce(sum(rating > 0), 0) FROM interactions "
               "WHERE ts >= ? AND ts < ? AND rating IS NOT NULL" + OUTREACH
               + (" AND locality = ?" if locality else ""))
        row = self._all(sql, [since, until, *([locality] if locality else [])])[0]
        return int(row[0]), int(row[1])

    def unanswered_texts(self, since: str, until: str, locality: str | None) -> list[str]:
        sql = ("SELECT text FROM unanswered WHERE ts >= ? AND ts < ?" + OUTREACH
               + (" AND locality = ?" if locality else ""))
        return [r[0] for r in self._all(sql, [since, until, *([locality] if locality else [])])]

    def timestamps(self, since: str, until: str, locality: str | None) -> list[str]:
        sql = ("SELECT ts FROM interactions WHERE ts >= ? AND ts < ?" + OUTREACH
               + (" AND locality = ?" if locality else "") + " ORDER BY ts")
        return [r[0] for r in self._all(sql, [since, until, *([locality] if locality else [])])]

    def broadcasts(self, since: str, until: str, locality: str | None) -> list[dict[str, Any]]:
        """Broadcasts started in the period (to the locality, or to all localities), with reach."""
        sql = ("SELECT b.id, b.started, b.topic, b.locality, b.text, b.status, "
               "coalesce(sum(o.status = 'sent'), 0), coalesce(sum(o.status = 'failed'), 0), "
               "coalesce(sum(o.status = 'blocked'), 0), group_concat(DISTINCT o.channel) "
               "FROM broadcasts b LEFT JOIN outbox o ON o.broadcast_id = b.id "
               "WHERE b.started >= ? AND b.started < ?"
               + (" AND (b.locality = ? OR b.locality IS NULL)" if locality else "")
               + " GROUP BY b.id ORDER BY b.started")
        names = ("id", "started", "topic", "locality", "text", "status", "sent", "failed", "blocked",
                 "channels")
        return [dict(zip(names, r, strict=True)) for r in
                self._all(sql, [since, until, *([locality] if locality else [])])]
