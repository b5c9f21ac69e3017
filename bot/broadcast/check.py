"""The one check of an announcement before it is queued, whoever composes it: the dashboard's
form, ``cchc-bot broadcast create`` and an officer composing in chat all call here, so the same
bad input gets the same verdict and the same message (from ``ui.yaml``) everywhere.

Each part has its own check because the chat asks for the parts one at a time;
:func:`check_announcement` runs them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from bot.clock import parse_local, show, utc_now
from bot.errors import InputError
from bot.inputs import day
from bot.knowledge.model import KnowledgeBase, Locality
from bot.textnorm import clean

MAX_TEXT = 2000  # the smallest channel limit (Zalo): one announcement is one message everywhere
Part = Literal["text", "topic", "locality", "at", "every"]
Repeat = Literal["week"]


class BroadcastError(InputError):
    """An announcement that cannot be queued: which ``part`` is wrong, and a message for the
    person composing it."""

    def __init__(self, part: Part, message: str) -> None:
        super().__init__(message)
        self.part: Part = part


@dataclass(frozen=True)
class Announcement:
    """An announcement that passed every check, ready for ``Outbox.create``."""

    text: str
    topic: str
    locality: str | None  # None: every locality
    due: datetime | None = None  # None: at once
    every: Repeat | None = None


def check_text(kb: KnowledgeBase, raw: str) -> str:
    """The announcement's text, cleaned: 1 to :data:`MAX_TEXT` characters."""
    text = clean(raw, limit=10 * MAX_TEXT)
    if not text or len(text) > MAX_TEXT:
        raise BroadcastError("text", kb.text("bc_bad_length", length=str(len(text)), limit=str(MAX_TEXT)))
    return text


def check_topic(kb: KnowledgeBase, topic: str) -> str:
    """An announcement topic of ``topics.yaml``."""
    if topic not in kb.announcements:
        raise BroadcastError("topic", kb.text("bc_unknown_topic", topic=topic,
                                              known=", ".join(kb.announcements)))
    return topic


#: Levels of government that no longer exist: the districts ended on 1/7/2025 (two-level local
#: government); their entries stay in localities.yaml only as the issuers of plans.
ABOLISHED_LEVELS = frozenset({"huyen"})


def current_localities(kb: KnowledgeBase) -> list[Locality]:
    """The localities an officer can pick (to send to, to filter by): neither the example nor
    an abolished district."""
    return [loc for loc in kb.localities.values() if not loc.example and loc.level not in ABOLISHED_LEVELS]


def check_locality(kb: KnowledgeBase, locality: str | None) -> str | None:
    """A locality code, or None (also for "" and "all") for every locality; an abolished
    district is refused: nobody is registered there and nobody can be."""
    if not locality or locality == "all":
        return None
    if locality not in kb.localities:
        raise BroadcastError("locality", kb.text("bc_unknown_locality", code=locality))
    if kb.localities[locality].level in ABOLISHED_LEVELS:
        raise BroadcastError("locality", kb.text("bc_abolished_locality", code=locality,
                                                 name=kb.localities[locality].name))
    return locality


#: How long ago a time to send may be and still be taken (sent at once): the minute typed while
#: the form was being filled in. Earlier than that, it is a mistake (a wrong day, month or year).
PAST_GRACE = timedelta(minutes=10)


def check_due(kb: KnowledgeBase, at: str | None, now: datetime | None = None) -> datetime | None:
    """When to send, typed in Vietnam time; None (send at once) when not given. A time past by
    more than :data:`PAST_GRACE` is refused rather than sent at once unasked: the officer leaves
    it empty to send now."""
    if not at or not at.strip():
        return None
    try:
        due = parse_local(at)
    except InputError:
        raise BroadcastError("at", kb.text("bc_bad_time", at=at)) from None
    if day(due.date().isoformat()) is None:  # years far off (0001, 9999)
        raise BroadcastError("at", kb.text("bc_bad_time", at=at))
    now = now or utc_now()
    if due < now - PAST_GRACE:
        raise BroadcastError("at", kb.text("bc_past_time", at=show(due), now=show(now)))
    return due


def check_every(kb: KnowledgeBase, every: str | None) -> Repeat | None:
    """The repeat: none, or ``week``."""
    if not every:
        return None
    if every != "week":
        raise BroadcastError("every", kb.text("bc_bad_repeat", every=every))
    return "week"


def check_announcement(kb: KnowledgeBase, *, text: str, topic: str, locality: str | None,
                       at: str | None = None, every: str | None = None,
                       now: datetime | None = None) -> Announcement:
    """Every part checked, in the order a person fills them in; the first problem is raised.
    ``now`` (default: the clock) is what a time to send must not be before."""
    return Announcement(text=check_text(kb, text), topic=check_topic(kb, topic),
                        locality=check_locality(kb, locality), due=check_due(kb, at, now),
                        every=check_every(kb, every))
