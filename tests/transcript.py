"""Playing one person's conversation through the dialogue, for the transcript tests."""

from __future__ import annotations

from bot.app import Core
from bot.messages import Incoming, PickLocality, Reply


def say(core: Core, text: str = "", payload: str | None = None, user: str = "c1") -> list[Reply]:
    """The replies to one message (or button press) of ``user`` on Zalo."""
    return core.dialogue.handle(Incoming("zalo", user, text, payload, address=user))


def settled(core: Core, user: str = "c1") -> None:
    """A person who has already picked their commune (so no locality question follows)."""
    say(core, payload=str(PickLocality("ky-lac")), user=user)


def code_of(core: Core, reply: Reply) -> str | None:
    """The national procedure code of the entry ``reply`` answers with, if any."""
    entry = core.kb.entries.get(reply.entry_id or "")
    return entry.code if entry else None
