"""The conversation every channel shares: greeting, locality, menus, answers, feedback.

State lives in the store (``sessions``), so Telegram, Zalo, the web chat and the terminal run
the same dialogue and a restart loses nothing.  Button presses arrive as payloads; a number
typed by the user picks from the last numbered choices; commands are accepted as ``/word``
or as the bare word (Zalo users type ``MENU``, ``HOTLINE``, ``GOPY``), diacritics ignored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from bot.answers import Answers
from bot.asking import Asker
from bot.broadcast.compose import AWAIT_TEXT as AWAIT_ANNOUNCEMENT
from bot.broadcast.compose import Compose
from bot.broadcast.subscriptions import Subscriptions
from bot.clock import show
from bot.engine import Engine
from bot.knowledge.localities import Places
from bot.knowledge.model import KnowledgeBase
from bot.menus import Menus
from bot.messages import (
    Choice,
    Command,
    ComposeStep,
    Incoming,
    Malformed,
    OpenMenu,
    PickCase,
    PickEntry,
    PickField,
    PickLocality,
    PickTopic,
    Rate,
    Reply,
    Subscribe,
    Unsubscribe,
    parse_payload,
)
from bot.numbers_said import ordinal
from bot.privacy import pseudonym
from bot.reading import FIELDS, Reader
from bot.render import Renderer
from bot.storage.feedback_replies import reference
from bot.storage.outbox import Outbox
from bot.storage.store import Redelivered, Session, Store
from bot.textnorm import MAX_CHARS, clean, clip, fold
from bot.turn import Turn

log = logging.getLogger(__name__)

#: Command words, folded, to the command they run.
COMMANDS = {
    "start": "start", "batdau": "start", "bat dau": "start",
    "help": "help", "trogiup": "help", "tro giup": "help", "huongdan": "help", "huong dan": "help",
    "menu": "menu", "danhmuc": "menu",
    "hotline": "hotline", "duongdaynong": "hotline", "duong day nong": "hotline",
    "diaphuong": "diaphuong", "dia phuong": "diaphuong", "doidiaphuong": "diaphuong",
    "gopy": "gopy", "gop y": "gopy", "phananh": "gopy",
    "huy": "huy", "cancel": "huy",
    "dulieu": "dulieu", "du lieu": "dulieu", "dulieucuatoi": "dulieu",
    "dangky": "dangky", "dang ky": "dangky", "dang ki": "dangky", "dangki": "dangky",
    "huydangky": "huydangky", "huy dang ky": "huydangky", "huy dang ki": "huydangky",
    "huydangki": "huydangky",
    "thongbao": "thongbao", "thong bao": "thongbao",
    "xoadulieu": "xoadulieu", "xoa du lieu": "xoadulieu",
}
SLASH_ONLY = {"dang ky", "dang ki"}  # a citizen's question too ("đăng ký" what?): a command after "/"
GREETINGS = {"xin chao", "chao", "chao ban", "hi", "hello", "alo", "chao em", "chao ad", "hey"}
AWAIT_LOCALITY, AWAIT_FEEDBACK = "awaiting_locality", "awaiting_feedback"
PRIVATE_ONLY = {"dulieu", "xoadulieu", "xoadulieu-ok"}  # personal data: never in a group
#: a text step or a button's handler: the replies, or None when it is not the one to answer
Handler = Callable[[Turn, str], list[Reply] | None]
#: a button's handler, given the parsed payload (bot.messages); None when it is not one it accepts
PayloadHandler = Callable[[Turn, Any], list[Reply] | None]


class Dialogue:
    """Channel-independent conversation logic."""

    def __init__(self, kb: KnowledgeBase, engine: Engine, renderer: Renderer, store: Store,
                 secret: bytes, retention_days: int, outbox: Outbox | None = None) -> None:
        self.kb = kb
        self.engine = engine
        self.render = renderer
        self.store = store
        self.secret = secret
        self.retention_days = retention_days
        self.subs = Subscriptions(kb, store)
        self.places = Places(kb)
        self.menus = Menus(kb, self.places)
        self.compose = Compose(kb, outbox) if outbox is not None else None
        self.asker = Asker(engine, Reader.of_conversation(engine.norm, kb.conversation))
        self.answers = Answers(kb, engine, renderer, store, self.asker)
        t = kb.text
        #: what a typed text can be, tried in order; the first step that answers wins
        self.text_steps: tuple[Handler, ...] = (
            self._by_command, self._by_number, self._by_label, self._by_state, self._by_ordinal,
            self._by_greeting, self._by_place, self._question)
        #: what a command runs (``/word`` or the bare word; see COMMANDS)
        self.commands: dict[str, Callable[[Turn, str], list[Reply]]] = {
            "start": lambda turn, _: self._start(turn, log=False),
            "help": lambda turn, _: [Reply(t("help"))],
            "menu": self._menu,
            "hotline": lambda turn, _: [Reply(self.render.hotlines(turn.session.locality))],
            "diaphuong": self._ask_locality,
            "gopy": self._gopy,
            "thongbao": self._announce,
            "huy": self._cancel,
            "dangky": lambda turn, _: [self.subs.menu(turn.msg, turn.session)],
            "huydangky": lambda turn, _: [self.subs.leave_menu(turn.session)],
            "dulieu": lambda turn, _: [Reply(self._export_text(turn.session))],
            "xoadulieu": lambda turn, _: [Reply(t("data_delete_confirm"), (
                Choice(t("data_delete_yes"), str(Command("xoadulieu-ok"))),
                Choice(t("data_delete_no"), str(Command("menu")))))],
        }
        #: what a button press runs, by the kind of its parsed payload (bot.messages.Payload)
        self.payloads: dict[type, PayloadHandler] = {
            Command: self._pay_command,
            PickLocality: lambda turn, p: self._set_locality(turn, p.code if p.code in kb.localities else ""),
            PickTopic: lambda turn, p: [self.menus.topic(p.topic)],
            Subscribe: self._pay_subscribe,
            Unsubscribe: lambda turn, p: [self.subs.leave(turn.session, p.topic)],
            OpenMenu: lambda turn, p: [self.menus.group("procedures" if p.name == "procedures" else "topic",
                                                        t(f"menu_{p.name}"))],
            PickEntry: self._pay_entry,
            PickField: lambda turn, p: self._pay_part(turn, p.entry_id, field=p.field),
            PickCase: lambda turn, p: self._pay_part(turn, p.entry_id, field="documents", case=p.case),
            ComposeStep: self._pay_compose,
            Rate: self._pay_rate,
            Malformed: self._pay_malformed,
        }

    # --- entry point ----------------------------------------------------------------------
    def handle(self, msg: Incoming) -> list[Reply]:
        """All replies to one incoming message, in order. Everything the message writes (the
        update marked as handled, its interactions, feedback, session …) is one transaction:
        if handling fails nothing is stored, and a redelivery is answered as if new."""
        key = pseudonym(self.secret, msg.channel, msg.user_id)
        if msg.message_id is not None and self.store.handled(msg.channel, msg.message_id):
            log.info("ignoring redelivered %s update", msg.channel)
            return []
        try:
            with self.store.message(msg.channel, msg.message_id, key):
                turn = Turn(msg, self.store.session(key, msg.channel))
                replies = self.subs.offerable(msg, self._dispatch(turn))
                choices = [c for r in replies for c in r.choices]
                if choices or turn.session.is_new:
                    turn.move(choices=tuple((c.label, c.payload) for c in choices))
                if not turn.session.deleted:
                    self.store.save_session(turn.session)
        except Redelivered:  # handled meanwhile by another thread or process
            log.info("ignoring redelivered %s update", msg.channel)
            return []
        return replies

    def _dispatch(self, turn: Turn) -> list[Reply]:
        if turn.msg.payload:
            return self._payload(turn, turn.msg.payload)
        raw = turn.msg.text or ""
        text = clip(whole := clean(raw, limit=len(raw)))  # a long story asks at its end
        if not text:
            return [Reply(self.kb.text("not_text"))]
        notes = [Reply(self.kb.text("too_long", limit=str(MAX_CHARS)))] if len(whole) > MAX_CHARS else []
        for step in self.text_steps:
            replies = step(turn, text)
            if replies is not None:
                return notes + replies
        raise AssertionError("the last text step answers every text")

    # --- what a text can be, in order --------------------------------------------------------
    def _by_command(self, turn: Turn, text: str) -> list[Reply] | None:
        command, rest = self._command(text)
        return self._command_run(turn, command, rest) if command else None

    def _by_number(self, turn: Turn, text: str) -> list[Reply] | None:
        choices = turn.session.choices
        if not (fold(text).isdigit() and len(fold(text)) <= 3 and choices):
            return None
        n = int(fold(text))
        return self._payload(turn, choices[n - 1][1]) if 1 <= n <= len(choices) else \
            [self.menus.beyond(choices)]

    def _by_label(self, turn: Turn, text: str) -> list[Reply] | None:
        """The offered choice whose label the person typed ("đường dây nóng")."""
        typed = fold(text)
        for label, payload in turn.session.choices:
            if typed and fold(label) == typed:
                return self._payload(turn, payload)
        return None

    def _by_state(self, turn: Turn, text: str) -> list[Reply] | None:
        """The text a pending step waits for (a feedback, an announcement)."""
        if turn.session.state == AWAIT_FEEDBACK:
            return self._feedback(turn, text)
        if turn.session.state == AWAIT_ANNOUNCEMENT and self.compose is not None:
            return turn.adopt(self.compose.text(turn.session, turn.msg.text or ""))  # checked whole
        return None

    def _by_ordinal(self, turn: Turn, text: str) -> list[Reply] | None:
        choices = turn.session.choices
        nth = self.asker.reader.choice(text, [payload for _, payload in choices]) if choices else None
        if nth is None and choices and (ordinal(text) or 0) > len(choices):  # "cái thứ 3" of two
            return [self.menus.beyond(choices)]
        return self._payload(turn, choices[nth - 1][1]) if nth is not None else None

    def _by_greeting(self, turn: Turn, text: str) -> list[Reply] | None:
        s = turn.session
        return self._start(turn, log=True) if fold(text) in GREETINGS and (s.is_new or not s.locality) \
            else None

    def _by_place(self, turn: Turn, text: str) -> list[Reply] | None:
        if not (turn.session.state == AWAIT_LOCALITY or turn.session.is_new or not turn.session.locality):
            return None  # (no locality served yet: "Địa phương khác", then the place's name)
        place = self.places.find(text)
        if place is None:
            return None
        return ([Reply(place.note)] if place.note else []) + self._set_locality(turn, place.code or "")

    def _question(self, turn: Turn, text: str) -> list[Reply]:
        replies = self.answers.answer_parts(text, turn.session.locality, turn=turn)
        if turn.session.is_new and turn.msg.address is not None:  # a first message that is a real question
            turn.move(state=AWAIT_LOCALITY)
            replies.append(self.menus.localities())
        return replies

    def _command(self, text: str) -> tuple[str | None, str]:
        folded = fold(text)
        words = folded.split()
        if not words:
            return None, ""
        slash = text.lstrip().startswith("/")
        first = words[0].split("@")[0] if slash else words[0]
        for size in (3, 2, 1):  # "xoa du lieu", "gop y", "menu"
            head = " ".join([first, *words[1:size]])
            if head in COMMANDS and (slash or (size == len(words) and head not in SLASH_ONLY)
                                     or COMMANDS[head] == "gopy"):
                rest = text.split(None, size)[size] if len(text.split(None, size)) > size else ""
                return COMMANDS[head], rest.strip()
        if slash:
            return "unknown", text.split()[0]
        return None, ""

    # --- commands and payloads -------------------------------------------------------------
    def welcome(self) -> list[Reply]:
        """The greeting and the locality question, touching no stored data (a page view is not
        an interaction: only what a person sends is)."""
        t = self.kb.text
        return [Reply(f"{t('greeting')}\n\n{t('privacy', retention_days=str(self.retention_days))}"),
                self.menus.localities()]

    def _command_run(self, turn: Turn, command: str, rest: str) -> list[Reply]:
        if command in PRIVATE_ONLY and turn.msg.group:
            return [Reply(self.kb.text("private_only"), private=True)]
        self.answers.log(turn, kind="command", text=f"/{command}")
        run = self.commands.get(command)
        if run is None:
            return [Reply(self.kb.text("unknown_command", command=rest or command))]
        return run(turn, rest)

    def _menu(self, turn: Turn, rest: str) -> list[Reply]:
        turn.move(state=None)
        return [self.menus.main()]

    def _ask_locality(self, turn: Turn, rest: str) -> list[Reply]:
        turn.move(state=AWAIT_LOCALITY)
        return [self.menus.localities()]

    def _gopy(self, turn: Turn, rest: str) -> list[Reply]:
        if rest:
            return self._feedback(turn, rest)
        turn.move(state=AWAIT_FEEDBACK)
        return [Reply(self.kb.text("feedback_ask"))]

    def _announce(self, turn: Turn, rest: str) -> list[Reply]:
        if self.compose is None or not self.compose.allowed(turn.session):
            return [Reply(self.kb.text("officer_only"))]
        return turn.adopt(self.compose.start(turn.session))

    def _cancel(self, turn: Turn, rest: str) -> list[Reply]:
        """/huy: the pending step, else announcements (Zalo users type HUY to stop them)."""
        if turn.session.state == AWAIT_ANNOUNCEMENT:
            return turn.adopt(self.compose.cancel(turn.session)) if self.compose else []
        if turn.session.state != AWAIT_FEEDBACK:
            return [self.subs.leave_menu(turn.session)]
        turn.move(state=None)
        return [Reply(self.kb.text("cancelled")), self.menus.main()]

    def _payload(self, turn: Turn, payload: str) -> list[Reply]:
        parsed = parse_payload(payload)
        replies = self.payloads[type(parsed)](turn, parsed)
        if replies is None:
            return [Reply(self.kb.text("unknown_command", command=payload)), self.menus.main()]
        return replies

    def _pay_command(self, turn: Turn, p: Command) -> list[Reply]:
        if p.name == "xoadulieu-ok" and not turn.msg.group:
            n = self.store.delete_user(turn.session.user_key)
            turn.move(deleted=True)
            return [Reply(self.kb.text("data_deleted", count=str(n)))]
        return self._command_run(turn, p.name, "")

    def _pay_subscribe(self, turn: Turn, p: Subscribe) -> list[Reply] | None:
        if p.topic not in self.kb.announcements:
            return None
        self.answers.log(turn, kind="command", text=f"/dangky {p.topic}")
        return [self.subs.subscribe(turn.msg, turn.session, p.topic)]

    def _pay_entry(self, turn: Turn, p: PickEntry) -> list[Reply] | None:
        picked = self.kb.entries.get(p.entry_id)
        if picked is None:
            return None
        if picked.options:  # a question back: ask it
            return [Reply(self.render.fill(picked.answer, turn.session.locality),
                          tuple(Choice(label, str(PickEntry(eid))) for label, eid in picked.options))]
        return [self.answers.answer(turn, picked, text=None)]

    def _pay_part(self, turn: Turn, entry_id: str, *, field: str,
                  case: int | None = None) -> list[Reply] | None:
        entry = self.kb.entries.get(entry_id)
        if entry is None or field not in FIELDS:
            return None
        return [self.answers.answer(turn, entry, text=None, field=field, case=case)]

    def _pay_compose(self, turn: Turn, p: ComposeStep) -> list[Reply] | None:
        if self.compose is None:
            return None
        if not self.compose.allowed(turn.session):
            return [Reply(self.kb.text("officer_only"))]
        created_by = f"{turn.msg.channel}:{turn.session.user_key[:12]}"
        return turn.adopt(self.compose.choose(turn.session, p, created_by=created_by))

    def _pay_rate(self, turn: Turn, p: Rate) -> list[Reply]:
        ok = self.store.rate(p.interaction_id, turn.session.user_key, 1 if p.up else -1)
        return [Reply(self.kb.text(("rated_up" if p.up else "rated_down") if ok else "rated_already"))]

    def _pay_malformed(self, turn: Turn, p: Malformed) -> list[Reply]:
        log.info("button not understood (%s): %.20r", p.reason, p.raw)
        return [Reply(self.kb.text("button_unknown")), self.menus.main()]

    # --- steps ------------------------------------------------------------------------------
    def _start(self, turn: Turn, log: bool) -> list[Reply]:
        if log:
            self.answers.log(turn, kind="command", text="/start")
        t = self.kb.text
        intro = f"{t('greeting')}\n\n{t('privacy', retention_days=str(self.retention_days))}"
        if turn.session.locality:
            return [Reply(intro), self.menus.main()]
        turn.move(state=AWAIT_LOCALITY)
        return [Reply(intro), self.menus.localities()]

    def _set_locality(self, turn: Turn, code: str) -> list[Reply]:
        turn.move(locality=code or None, state=None)
        loc = self.kb.localities.get(code)
        name = loc.name if loc else self.kb.text("locality_other")
        self.answers.log(turn, kind="command", text=f"/diaphuong {code or '-'}")
        text = self.kb.text("locality_set", name=name)
        if loc is not None and loc.note:
            text = f"{text}\n\n{loc.note}"
        if self.subs.remember(turn.msg, turn.session):
            default = next((a for a in self.kb.announcements.values() if a.default), None)
            if default is not None:
                self.store.subscribe(turn.session.user_key, default.id)
                text += "\n\n" + self.kb.text("subscribed_default", topic=default.title, locality=name)
        return [Reply(text), self.menus.main()]

    def ask(self, text: str, locality: str | None, msg: Incoming | None = None,
            s: Session | None = None) -> Reply:
        """The first reply to one free-text question (see :meth:`answer_parts`); logged when a
        message and session are given."""
        return self.answers.answer_parts(text, locality, turn=Turn(msg, s) if msg and s else None)[0]

    def _feedback(self, turn: Turn, text: str) -> list[Reply]:
        if not text.strip():
            turn.move(state=AWAIT_FEEDBACK)
            return [Reply(self.kb.text("feedback_empty"))]
        turn.move(state=None)
        s = turn.session
        ref = self.store.add_feedback(channel=turn.msg.channel, user_key=s.user_key, locality=s.locality,
                                      text=text)
        self.answers.log(turn, kind="feedback", text=text)
        return [Reply(self.kb.text("feedback_thanks", ref=reference(ref)))]

    def _export_text(self, s: Session) -> str:
        data = self.store.export_user(s.user_key)
        if not any(data.values()):
            return self.kb.text("data_empty")
        lines = [self.kb.text("data_export")]
        for row in data["sessions"]:
            lines.append(self.kb.text("data_row_session", locality=row["locality"] or "-",
                                      channel=row["channel"]))
        for row in data["interactions"][-50:]:
            lines.append(f"• {show(row['ts'])} [{row['kind']}] {row['text']}")
        for row in data["feedback"]:
            lines.append(self.kb.text("data_row_feedback", ref=reference(row["id"]),
                                      day=show(row["ts"], "%d/%m/%Y"), text=row["text"]))
        return "\n".join(lines)
