"""Time at the edges: instants are stored in UTC and compared as instants; people read and type
Vietnam time (``Asia/Ho_Chi_Minh``).

Every stored timestamp is written by :func:`iso` — UTC, millisecond precision, ``+00:00`` — so
that text comparison in SQL orders instants correctly. Whatever a person types (the CLI's
``--at``, the dashboard's schedule form) goes through :func:`parse_local`; whatever they read
(lists, the log, ``/dulieu``) through :func:`show`. Code that decides "is it due yet" takes a
:data:`Clock` so that tests can inject the time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.errors import InputError

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
#: The current instant, timezone-aware; injectable so that scheduling can be tested.
Clock = Callable[[], datetime]

LOCAL_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S",
                 "%d/%m/%Y %H:%M")


def utc_now() -> datetime:
    """The current instant (the default :data:`Clock`)."""
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """The stored form of an instant: UTC, milliseconds, ``+00:00``. Naive values are refused."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: say which time zone it is in")
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def parse_iso(text: str) -> datetime:
    """A stored timestamp back as an aware instant (older rows may carry another offset)."""
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def normalise(text: str) -> str:
    """A stored timestamp rewritten in the canonical UTC form of :func:`iso`."""
    return iso(parse_iso(text))


def parse_local(text: str) -> datetime:
    """A Vietnam wall-clock time typed by a person ("2026-12-01 07:30", the dashboard's
    "2026-12-01T07:30", "01/12/2026 07:30") as an aware instant."""
    value = text.strip()
    for fmt in LOCAL_FORMATS:
        try:
            return datetime.strptime(value, fmt).replace(tzinfo=VIETNAM)
        except ValueError:
            continue
    raise InputError(f'thời điểm phải có dạng "YYYY-MM-DD HH:MM" (giờ Việt Nam), nhận được {text!r}')


def local(moment: datetime | str) -> datetime:
    """An instant (or a stored timestamp) in Vietnam time."""
    return (parse_iso(moment) if isinstance(moment, str) else moment).astimezone(VIETNAM)


def show(moment: datetime | str | None, fmt: str = "%d/%m/%Y %H:%M") -> str:
    """An instant as a person in Vietnam reads it; "" for None or an empty value."""
    if moment is None or moment == "":
        return ""
    return local(moment).strftime(fmt)


def local_offset() -> str:
    """Vietnam's offset from UTC as an SQLite date modifier ("+420 minutes"), for grouping stored
    instants by local day in SQL (Vietnam keeps one offset all year)."""
    offset = utc_now().astimezone(VIETNAM).utcoffset() or timedelta()
    return f"{int(offset.total_seconds() // 60):+d} minutes"


def local_day_start(day: date) -> datetime:
    """Midnight of a Vietnam calendar day, as an instant."""
    return datetime(day.year, day.month, day.day, tzinfo=VIETNAM)


def next_weekly(due: datetime, now: datetime) -> datetime:
    """The next occurrence after ``now`` of a weekly repeat first due at ``due``, at the same
    Vietnam wall-clock time (date arithmetic on the local date, not on the UTC instant)."""
    wall = local(due)
    step = max(1, (now - due).days // 7)
    while True:
        candidate = datetime.combine(wall.date() + timedelta(weeks=step), wall.timetz().replace(tzinfo=None),
                                     tzinfo=VIETNAM)
        if candidate > now:
            return candidate
        step += 1
