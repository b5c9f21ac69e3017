"""One incoming message being handled: the message and the person's session as it stands.

Sessions are values (:class:`~bot.storage.store.Session`, frozen): a turn starts with the
stored one and replaces it — here, and nowhere else — as the dialogue moves on; at the end
of the turn the dialogue stores the last one (in the message's transaction).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.messages import Incoming, Reply
from bot.storage.store import Session

#: a step's reply and the session it leaves (the compose steps)
Step = tuple[Reply, Session]


@dataclass
class Turn:
    """The message and the session as it stands; only :meth:`move` and :meth:`adopt` change it."""

    msg: Incoming
    session: Session

    def move(self, **changes: Any) -> None:
        """The session becomes an updated copy (``state=…``, ``locality=…``)."""
        self.session = self.session.changed(**changes)

    def adopt(self, step: Step) -> list[Reply]:
        """A step that left a new session (the compose steps): take it, return its reply."""
        reply, self.session = step
        return [reply]
