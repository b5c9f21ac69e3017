"""The card for the asker's age among sibling cards for several ages (căn cước for a child
under 6, from 6 to 13, from 14): the age a message gives picks the card, and a card for
children does not win a tie with its sibling for adults when no age is given."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.engine import ANSWERED, SUGGEST
from bot.knowledge.model import Entry, KnowledgeBase, short_name
from bot.textnorm import fold, phrase_starts

if TYPE_CHECKING:  # the asker imports this module
    from bot.asking import Part

#: Points within which two entries are tied.
TIE = 0.5
#: Points within which sibling cards for other ages make a child's question of no age a choice.
AGE_GAP = 5.0
#: How far down the ranking the procedure of every age a band card narrows is looked for.
RANKS = 6
#: The age of someone who gives none.
ADULT = 18


def by_age(offered: list[Entry], age: int | None) -> Entry | None:
    """The one card among ``offered`` (a question back among cards for several ages) that is
    for ``age``, the age a reply gives ("cháu được 4 tuổi")."""
    fits = [e for e in offered if age is not None and e.ages is not None and e.ages[0] <= age <= e.ages[1]]
    return fits[0] if len(fits) == 1 else None


def for_age(kb: KnowledgeBase, part: Part, age: int | None) -> Part:
    """The card for the asker's age when the best match is a sibling card for another age
    ("con tôi 14 tuổi làm căn cước" → the card from 14, not the one for 6 to 13)."""
    e = part.entry
    top = part.ranked[0][1] if part.ranked else part.score
    if age is not None and part.status == SUGGEST:
        # a question back among cards for several ages, when the message gives the age
        fits = [c for c in part.suggestions if c.ages is not None and c.ages[0] <= age <= c.ages[1]]
        if len(fits) == 1 and all(c.ages is not None for c in part.suggestions):
            return replace(part, status=ANSWERED, entry=fits[0], suggestions=())
        # a card for another age than the one told is not offered ("trên 60 tuổi" and the
        # card for children under 6), as long as something else is
        kept = tuple(c for c in part.suggestions if c.ages is None or c.ages[0] <= age <= c.ages[1])
        if kept and len(kept) < len(part.suggestions):
            return replace(part, suggestions=kept)
    if age is None and e is not None and e.ages is not None and e.ages[1] < ADULT:
        # no age given: a card for children does not win a tie with its sibling for adults
        adult = next((eid for eid, s in part.ranked[:4] if s >= top - TIE
                      and (kb.entries[eid].ages or (0, 0))[0] <= ADULT
                      <= (kb.entries[eid].ages or (0, 0))[1]), None)
        if adult:
            return replace(part, entry=kb.entries[adult])
        # a child of no given age ("làm căn cước cho con"): which age card is a question back
        cards = [kb.entries[eid] for eid, s in part.ranked[:6]
                 if kb.entries[eid].ages is not None and s >= top - AGE_GAP]
        if part.status == ANSWERED and len(cards) > 1:
            cards.sort(key=lambda c: c.ages or (0, 0))
            return replace(part, status=SUGGEST, entry=None, suggestions=tuple(cards))
        return part
    if age is None or e is None or e.ages is None or e.ages[0] <= age <= e.ages[1]:
        return part
    for eid, score in part.ranked[:6]:
        other = kb.entries[eid]  # a sibling card (of the same group) for that age
        if other.ages is not None and other.ages[0] <= age <= other.ages[1] and score >= top - 20 \
                and other.topic == e.topic:
            return replace(part, entry=other, score=score)
    return _outside_band(kb, part, age)


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", fold(text).lower()))


def _official(entry: Entry) -> str:
    """An entry's official name: its record's, else its catalog line's."""
    return short_name(entry.record.name if entry.record is not None else (
        entry.catalog.name if entry.catalog is not None else ""))


def _narrows(band: tuple[str, ...], general: tuple[str, ...]) -> bool:
    """Whether an official name (``band``) says all of a title (``general``) in a row: "thực
    hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng cho người cao tuổi từ đủ 75 tuổi …"
    narrows "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng"."""
    return 0 < len(general) < len(band) and bool(phrase_starts(band, general))


def _outside_band(kb: KnowledgeBase, part: Part, age: int) -> Part:
    """A card whose age band excludes the age the message gives ("tôi 70 tuổi" and the monthly
    allowance for 75 to 79) yields to the procedure of every age its official name narrows,
    when ranked (the monthly allowance of every case); else it is no confident answer."""
    e = part.entry
    assert e is not None
    band = _words(_official(e))
    for eid, score in part.ranked[:RANKS]:
        other = kb.entries[eid]
        if (other.ages is None and not other.options and other.code is not None
                and _narrows(band, _words(other.title))):
            return replace(part, entry=other, score=score)
    if part.status == ANSWERED:
        return replace(part, status=SUGGEST, entry=None, suggestions=(e,))
    return part
