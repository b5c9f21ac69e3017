"""Validating untrusted input at the edges: numbers and dates typed into URLs, forms and
button payloads. Only ASCII digits are numbers here ("²" and "٣" are not), and a number must
fit SQLite's integer; a date must be a real day in a plausible range. Anything else is None,
and the caller answers 400 (or a polite message) instead of failing."""

from __future__ import annotations

import re
from datetime import date

MAX_ID = 2**53  # larger ids never exist; SQLite integers stop at 2**63
FIRST_YEAR, LAST_YEAR = 2000, 2100
_DIGITS = re.compile(r"[0-9]{1,16}")
_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def small_int(raw: object) -> int | None:
    """``raw`` as a non-negative integer below :data:`MAX_ID`, or None."""
    text = str(raw).strip() if raw is not None else ""
    if not _DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if value < MAX_ID else None


def small_ints(raws: list[object]) -> list[int] | None:
    """Every item as :func:`small_int`, or None when any is not one."""
    values = [small_int(r) for r in raws]
    return None if any(v is None for v in values) else [v for v in values if v is not None]


def day(raw: str | None) -> date | None:
    """An ISO day (YYYY-MM-DD) between 2000 and 2100, or None."""
    m = _DAY.fullmatch((raw or "").strip())
    if not m:
        return None
    try:
        value = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return value if FIRST_YEAR <= value.year <= LAST_YEAR else None
