"""Each question of a message that asks two things, answered on its own matter.

* The matter of a second question often closes with "thì" ("Còn khai tử thì làm ở đâu?"):
  the marker names nothing, but the scorer reads it as part of the matter's phrase, and another
  entry's phrasing may have it ("… trích lục kết hôn, khai tử thì xin ở xã nào?"), so the
  matter is also read without it (:func:`topic_match`).
* Two questions the same procedure answers get one answer with both fields (:func:`one_each`),
  never the same answer twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from bot.engine import ANSWERED, SUGGEST, Match
from bot.parts import with_fields

if TYPE_CHECKING:  # the asker calls this module
    from bot.asking import Part


#: "thì" closing a question's matter ("khai tử thì | nộp ở đâu", "còn tạm trú thì | bao lâu"):
#: it marks the topic, before the field asked, and names nothing; the scorer still reads it as
#: part of the matter's phrase ("… trích lục kết hôn, khai tử thì xin ở xã nào?" is another
#: entry's phrasing), as it does any word
TOPIC_MARK = "thi"


#: the most words a matter closed by :data:`TOPIC_MARK` may have for the marker to be read
#: apart: a short matter named before it ("còn khai tử thì", "đăng ký kết hôn thì"), where it is
#: a third or a quarter of the phrase; in a longer one ("… muốn lên mức 2 thì") it weighs
#: little and the phrasings of the story around it may use it too
SHORT_MATTER = 4


def topic_match(match: Callable[[str], Match], rest: Sequence[str]) -> Match:
    """The match of a question's matter (``rest``: its words but field words): read as typed,
    and, when it is short (two to :data:`SHORT_MATTER` words) and closes with
    :data:`TOPIC_MARK`, without it; the marker names nothing, so of the two readings the surer
    one stands (answered before a question back or the fallback, then the higher score)."""
    typed = match(" ".join(rest))
    if not 2 <= len(rest) - 1 <= SHORT_MATTER or rest[-1] != TOPIC_MARK:
        return typed
    bare = match(" ".join(rest[:-1]))
    return bare if sureness(bare) > sureness(typed) else typed


def sureness(m: Match) -> tuple[int, float]:
    """How sure a match is, to compare two readings: an answer before a question back before
    the fallback, then the higher score."""
    return {ANSWERED: 2, SUGGEST: 1}.get(m.status, 0), m.score


def one_each(parts: list[Part]) -> list[Part]:
    """The parts of a message, one per entry answered: two questions answered with the same
    procedure (the story around the first may turn it to the second's procedure after the two
    were compared) are one answer with the fields of both, in one reply, never the same
    answer twice."""
    ids = [p.entry.id if p.status == ANSWERED and p.entry is not None else None for p in parts]
    if len(parts) != 2 or ids[0] is None or ids[0] != ids[1]:
        return parts
    return [with_fields(parts[0], [f for f in (parts[1].field or "").split("+") if f])]
