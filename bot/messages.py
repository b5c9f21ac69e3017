"""The neutral message types at the boundary between the core and the channel adapters.

An adapter turns a platform update into an :class:`Incoming`, hands it to
:meth:`bot.dialogue.Dialogue.handle`, and renders the returned :class:`Reply` objects its own
way: Telegram as inline buttons, Zalo and the terminal as numbered lines.

A button's payload is a short string (Telegram's ``callback_data`` holds 64 bytes): built only
by the constructors below and read back only by :func:`parse_payload`, which returns a typed
value — or :class:`Malformed` for anything no constructor builds (an old button, a forged press).

    ``cmd:<command>``              :class:`Command`      a command, as if typed (``cmd:hotline``)
    ``loc:<code>`` / ``loc:-``     :class:`PickLocality`  a locality; ``-`` = somewhere else
    ``topic:<id>``                 :class:`PickTopic`     a topic's menu
    ``menu:procedures|more``       :class:`OpenMenu`      a group of topics
    ``entry:<id>``                 :class:`PickEntry`     an answer (or its question back)
    ``field:<entry>:<field>``      :class:`PickField`     one part of a procedure's answer
    ``case:<entry>:<n>``           :class:`PickCase`      the documents of one case of a procedure
    ``sub:<topic>``                :class:`Subscribe`     announcements on a topic
    ``unsub:<topic>`` / ``unsub:*`` :class:`Unsubscribe`  stop one topic, or all
    ``rate:<interaction>:up|down`` :class:`Rate`          👍/👎 on an answer
    ``bc:topic:<id>``, ``bc:loc:<code|*>``, ``bc:send``, ``bc:cancel``  :class:`ComposeStep`
"""

from __future__ import annotations

import re
from dataclasses import KW_ONLY, dataclass
from typing import Literal, get_args

from bot.inputs import small_int

#: The channels people reach the bot on ("cli" = an official trying it in a terminal).
Channel = Literal["telegram", "zalo", "web", "cli"]
CHANNELS: tuple[Channel, ...] = get_args(Channel)
#: What became of a question: an answer, suggestions to pick from, the fallback, small talk.
Status = Literal["answered", "suggest", "fallback", "smalltalk"]
STATUSES: tuple[Status, ...] = get_args(Status)
MenuName = Literal["procedures", "more"]
ComposeStepName = Literal["topic", "loc", "send", "cancel"]

_WORD = re.compile(r"[^\s:*]{1,64}")  # an id, a code or a command name: no space, ":" or "*"


@dataclass(frozen=True)
class Incoming:
    """One message (or button press) from a user, whatever the platform."""

    channel: Channel
    user_id: str
    text: str = ""
    payload: str | None = None  # set when the user pressed a button (a Choice's payload)
    _: KW_ONLY
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
        return isinstance(parse_payload(self.payload), Rate)

    @property
    def entry_id(self) -> str | None:
        """The entry this choice answers with, if it picks one."""
        picked = parse_payload(self.payload)
        return picked.entry_id if isinstance(picked, PickEntry) else None


@dataclass(frozen=True)
class Reply:
    """One message to send back."""

    text: str
    choices: tuple[Choice, ...] = ()
    _: KW_ONLY
    interaction_id: int | None = None
    status: Status | None = None  # for answers to questions
    entry_id: str | None = None
    score: float | None = None
    source: str | None = None  # "Nguồn: … (rà soát dd/mm/yyyy)" of an answer
    field: str | None = None  # what an answer leads with (documents, fee, …; "a+b" for two)
    private: bool = False  # better said to the person privately than in a group, if possible


# --- button payloads ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Command:
    name: str

    def __str__(self) -> str:
        return f"cmd:{self.name}"


@dataclass(frozen=True)
class PickLocality:
    code: str | None  # None: "somewhere else" (general, nationwide answers)

    def __str__(self) -> str:
        return f"loc:{self.code or '-'}"


@dataclass(frozen=True)
class PickTopic:
    topic: str

    def __str__(self) -> str:
        return f"topic:{self.topic}"


@dataclass(frozen=True)
class OpenMenu:
    name: MenuName

    def __str__(self) -> str:
        return f"menu:{self.name}"


@dataclass(frozen=True)
class PickEntry:
    entry_id: str

    def __str__(self) -> str:
        return f"entry:{self.entry_id}"


@dataclass(frozen=True)
class PickField:
    entry_id: str
    field: str  # one of bot.reading.FIELDS (checked by the dialogue, which knows them)

    def __str__(self) -> str:
        return f"field:{self.entry_id}:{self.field}"


@dataclass(frozen=True)
class PickCase:
    entry_id: str
    case: int

    def __str__(self) -> str:
        return f"case:{self.entry_id}:{self.case}"


@dataclass(frozen=True)
class Subscribe:
    topic: str

    def __str__(self) -> str:
        return f"sub:{self.topic}"


@dataclass(frozen=True)
class Unsubscribe:
    topic: str | None  # None: every topic

    def __str__(self) -> str:
        return f"unsub:{self.topic or '*'}"


@dataclass(frozen=True)
class Rate:
    interaction_id: int
    up: bool

    def __str__(self) -> str:
        return f"rate:{self.interaction_id}:{'up' if self.up else 'down'}"


@dataclass(frozen=True)
class ComposeStep:
    """A step of an officer composing an announcement in chat (see bot.broadcast.compose)."""

    step: ComposeStepName
    arg: str | None = None  # the topic, or the locality code (None with ``loc``: all localities)

    def __str__(self) -> str:
        if self.step == "loc":
            return f"bc:loc:{self.arg or '*'}"
        return f"bc:{self.step}:{self.arg}" if self.step == "topic" else f"bc:{self.step}"


@dataclass(frozen=True)
class Malformed:
    """A payload no constructor builds: what was received, and why it was not understood."""

    raw: str
    reason: str

    def __str__(self) -> str:
        return self.raw


Payload = (Command | PickLocality | PickTopic | OpenMenu | PickEntry | PickField | PickCase | Subscribe
           | Unsubscribe | Rate | ComposeStep | Malformed)


def _word(value: str) -> bool:
    return _WORD.fullmatch(value) is not None


def _number(value: str, digits: int) -> int | None:
    """An ASCII number of at most ``digits`` digits ("²" and "٣" are not numbers here)."""
    number = small_int(value) if len(value) <= digits else None
    return number if number is not None and value.isdigit() else None


def parse_payload(raw: str) -> Payload:
    """The button a payload stands for; :class:`Malformed` (never an exception) otherwise."""
    kind, _, value = raw.partition(":")
    head, _, tail = value.rpartition(":")
    if kind == "cmd" and _word(value):
        return Command(value)
    if kind == "loc" and (value == "-" or _word(value)):
        return PickLocality(None if value == "-" else value)
    if kind == "topic" and _word(value):
        return PickTopic(value)
    if kind == "menu" and value in get_args(MenuName):
        return OpenMenu("procedures" if value == "procedures" else "more")
    if kind == "entry" and _word(value):
        return PickEntry(value)
    if kind == "field" and _word(head) and _word(tail):
        return PickField(head, tail)
    if kind == "case" and _word(head) and (case := _number(tail, 3)) is not None:
        return PickCase(head, case)
    if kind == "sub" and _word(value):
        return Subscribe(value)
    if kind == "unsub" and (value == "*" or _word(value)):
        return Unsubscribe(None if value == "*" else value)
    if kind == "rate" and tail in ("up", "down") and (iid := _number(head, 16)) is not None:
        return Rate(iid, tail == "up")
    if kind == "bc":
        return _compose_step(raw, value)
    return Malformed(raw, "unknown kind" if kind not in _KINDS else f"bad {kind} value")


_KINDS = {"cmd", "loc", "topic", "menu", "entry", "field", "case", "sub", "unsub", "rate", "bc"}


def _compose_step(raw: str, value: str) -> Payload:
    step, _, arg = value.partition(":")
    if step in ("send", "cancel") and not arg:
        return ComposeStep("send" if step == "send" else "cancel")
    if step == "topic" and _word(arg):
        return ComposeStep("topic", arg)
    if step == "loc" and (arg == "*" or _word(arg)):
        return ComposeStep("loc", None if arg == "*" else arg)
    return Malformed(raw, "bad bc value")
