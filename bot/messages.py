"""The neutral message types at the boundary between the core and the channel adapters.

An adapter turns a platform update into an :class:`Incoming`, hands it to
:meth:`bot.dialogue.Dialogue.handle`, and renders the returned :class:`Reply` objects its own
way: Telegram as inline buttons, Zalo and the terminal as numbered lines.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Incoming:
    """One message (or button press) from a user, whatever the platform."""

    channel: str
    user_id: str
    text: str = ""
    payload: str | None = None  # set when the user pressed a button (a Choice's payload)
    address: str | None = None  # private chat to deliver announcements to; None in groups
    message_id: str | None = None  # platform update/message id: a redelivery is ignored
    group: bool = False  # sent in a group chat: personal data is never shown there


@dataclass(frozen=True)
class Choice:
    """Something the user can pick: a button on Telegram, a numbered line elsewhere."""

    label: str
    payload: str

    @property
    def is_rating(self) -> bool:
        return self.payload.startswith("rate:")


@dataclass(frozen=True)
class Reply:
    """One message to send back."""

    text: str
    choices: tuple[Choice, ...] = ()
    interaction_id: int | None = None
    status: str | None = None  # answered | suggest | fallback, for answers to questions
    entry_id: str | None = None
    score: float | None = None
    source: str | None = None  # "Nguồn: … (rà soát dd/mm/yyyy)" of an answer
    field: str | None = None  # what an answer leads with (documents, fee, …; "a+b" for two)
    private: bool = False  # better said to the person privately than in a group, if possible
