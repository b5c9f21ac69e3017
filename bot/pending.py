"""A question about a field while a question back is pending ("Có phải bạn muốn hỏi: 1. Tách
hộ 2. Đăng ký kết hôn" → "mất mấy ngày"): the person asks what each choice takes instead of
picking one. Asking "which procedure?" again answers nothing; each choice is answered with
the field asked, and the question back still stands, so "cái thứ hai" or "1" picks after
(used by :mod:`bot.asking`; the answers keep the choices as context)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from bot.engine import ANSWERED
from bot.knowledge.model import Entry

if TYPE_CHECKING:  # the asker calls this module
    from bot.asking import Part
    from bot.following import FollowUps
    from bot.reading import Reading

#: The most choices answered one by one: more would fill a phone's screen; the question back
#: stands for them.
MOST: Final = 3


def each_choice(reading: Reading, offered: list[Entry], follow: FollowUps) -> list[Part] | None:
    """One part per choice of the pending question back, each answering the fields asked, when
    the message asks a field and names no matter of its own (:meth:`FollowUps.says_little`);
    None otherwise, or when a choice has no record to answer a field from."""
    from bot.asking import Part  # the asker imports this module

    if not reading.fields or len(offered) > MOST or len(reading.sentences) > 1 \
            or not follow.says_little(reading.text) or any(e.record is None for e in offered):
        return None
    field = "+".join(reading.fields[:2])
    return [Part(ANSWERED, reading.text, e, field, 100.0, via_context=True) for e in offered]
