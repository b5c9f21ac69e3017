"""The conversation every channel shares: greeting, locality, menus, answers, feedback.

State lives in the store (``sessions``), so Telegram, Zalo, the web chat and the terminal run
the same dialogue and a restart loses nothing.  Button presses arrive as payloads; a number
typed by the user picks from the last numbered choices; commands are accepted as ``/word``
or as the bare word (Zalo users type ``MENU``, ``HOTLINE``, ``GOPY``), diacritics ignored.
"""

from __future__ import annotations

import logging
import time

from bot.asking import SMALLTALK, Asker, Part
from bot.broadcast.compose import AWAIT_TEXT as AWAIT_ANNOUNCEMENT
from bot.broadcast.compose import Compose
from bot.broadcast.subscriptions import Subscriptions
from bot.clock import show
from bot.engine import ANSWERED, FALLBACK, SUGGEST, Engine
from bot.inputs import small_int
from bot.knowledge.localities import Places
from bot.knowledge.model import Entry, KnowledgeBase
from bot.menus import Menus
from bot.messages import Choice, Incoming, Reply
from bot.privacy import pseudonym
from bot.reading import FIELDS, Reader
from bot.render import Renderer
from bot.storage.outbox import Outbox
from bot.storage.store import Session, Store
from bot.textnorm import MAX_CHARS, clean, fold

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
GREETINGS = {"xin chao", "chao", "chao ban", "hi", "hello", "alo", "chao em", "chao ad", "hey"}
AWAIT_LOCALITY, AWAIT_FEEDBACK = "awaiting_locality", "awaiting_feedback"
PRIVATE_ONLY = {"dulieu", "xoadulieu", "xoadulieu-ok"}  # personal data: never in a group


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
        conv = kb.conversation
        self.asker = Asker(engine, Reader(engine.norm, conv.get("smalltalk", {}), conv.get("fields", {}),
                                          conv.get("follow_up_fillers", ()), conv.get("restart", ()),
                                          conv.get("question_words", ())))

    # --- entry point ----------------------------------------------------------------------
    def handle(self, msg: Incoming) -> list[Reply]:
        """All replies to one incoming message, in order."""
        key = pseudonym(self.secret, msg.channel, msg.user_id)
        if msg.message_id is not None and not self.store.first_time(msg.channel, msg.message_id, key):
            log.info("ignoring redelivered %s update", msg.channel)
            return []
        session = self.store.session(key, msg.channel)
        try:
            replies = self.subs.offerable(msg, self._dispatch(msg, session))
        except Exception:
            if msg.message_id is not None:  # nothing was answered: let a redelivery try again
                self.store.forget_update(msg.channel, msg.message_id)
            raise
        choices = [c for r in replies for c in r.choices]
        if choices or session.is_new:
            session.choices = [(c.label, c.payload) for c in choices]
        if not session.deleted:
            self.store.save_session(session)
        return replies

    def _dispatch(self, msg: Incoming, s: Session) -> list[Reply]:
        if msg.payload:
            return self._payload(msg, s, msg.payload)
        raw = msg.text or ""
        text = clean(raw)
        if not text:
            return [Reply(self.kb.text("not_text"))]
        notes = [Reply(self.kb.text("too_long", limit=str(MAX_CHARS)))] if len(raw) > MAX_CHARS else []
        command, rest = self._command(text)
        if command:
            return notes + self._command_run(msg, s, command, rest)
        if fold(text).isdigit() and len(fold(text)) <= 3 and s.choices:
            n = int(fold(text))
            if 1 <= n <= len(s.choices):
                return notes + self._payload(msg, s, s.choices[n - 1][1])
            count = str(len(s.choices))
            return [Reply(self.kb.text("choice_out_of_range", count=count),
                          tuple(Choice(label, payload) for label, payload in s.choices))]
        picked = self._choice_by_words(text, s)
        if picked is not None:
            return notes + self._payload(msg, s, picked)
        if s.state == AWAIT_FEEDBACK:
            return notes + self._feedback(msg, s, text)
        if s.state == AWAIT_ANNOUNCEMENT and self.compose is not None:
            return [*notes, self.compose.text(s, text)]
        nth = self.asker.reader.ordinal(text) if s.choices else None
        if nth is not None and 1 <= nth <= len(s.choices):
            return notes + self._payload(msg, s, s.choices[nth - 1][1])
        if fold(text) in GREETINGS and (s.is_new or not s.locality):
            return notes + self._start(msg, s, log_text=text)
        if (s.state == AWAIT_LOCALITY or s.is_new) and (place := self.places.find(text)) is not None:
            notes += [Reply(place.note)] if place.note else []
            return notes + self._set_locality(msg, s, place.code or "")
        replies = self._question(msg, s, text)
        if s.is_new and msg.address is not None:  # a first message that is a real question
            s.state = AWAIT_LOCALITY
            replies.append(self.menus.localities())
        return notes + replies

    @staticmethod
    def _choice_by_words(text: str, s: Session) -> str | None:
        """The payload of the offered choice whose label the person typed ("đường dây nóng")."""
        typed = fold(text)
        for label, payload in s.choices:
            if typed and fold(label) == typed:
                return payload
        return None

    def _command(self, text: str) -> tuple[str | None, str]:
        folded = fold(text)
        words = folded.split()
        if not words:
            return None, ""
        slash = text.lstrip().startswith("/")
        first = words[0].split("@")[0] if slash else words[0]
        for size in (3, 2, 1):  # "xoa du lieu", "gop y", "menu"
            head = " ".join([first, *words[1:size]])
            if head in COMMANDS and (slash or size == len(words) or COMMANDS[head] == "gopy"):
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

    def _command_run(self, msg: Incoming, s: Session, command: str, rest: str) -> list[Reply]:
        if command in PRIVATE_ONLY and msg.group:
            return [Reply(self.kb.text("private_only"), private=True)]
        self._log(msg, s, "command", f"/{command}")
        if command == "start":
            return self._start(msg, s, log_text=None)
        if command == "help":
            return [Reply(self.kb.text("help"))]
        if command == "menu":
            s.state = None
            return [self.menus.main()]
        if command == "hotline":
            return [Reply(self.render.hotlines(s.locality))]
        if command == "diaphuong":
            s.state = AWAIT_LOCALITY
            return [self.menus.localities()]
        if command == "gopy":
            if rest:
                return self._feedback(msg, s, rest)
            s.state = AWAIT_FEEDBACK
            return [Reply(self.kb.text("feedback_ask"))]
        if command == "thongbao":
            if self.compose is None or not self.compose.allowed(s):
                return [Reply(self.kb.text("officer_only"))]
            return [self.compose.start(s)]
        if command == "huy" and s.state == AWAIT_ANNOUNCEMENT:
            return [self.compose.cancel(s)] if self.compose else []
        if command == "huy" and s.state != AWAIT_FEEDBACK:
            command = "huydangky"  # Zalo users type HUY to stop announcements
        if command == "huy":
            s.state = None
            return [Reply(self.kb.text("cancelled")), self.menus.main()]
        if command == "dangky":
            return [self.subs.menu(msg, s)]
        if command == "huydangky":
            return [self.subs.leave_menu(s)]
        if command == "dulieu":
            return [Reply(self._export_text(s))]
        if command == "xoadulieu":
            t = self.kb.text
            return [Reply(t("data_delete_confirm"), (Choice(t("data_delete_yes"), "cmd:xoadulieu-ok"),
                                                     Choice(t("data_delete_no"), "cmd:menu")))]
        return [Reply(self.kb.text("unknown_command", command=rest or command))]

    def _payload(self, msg: Incoming, s: Session, payload: str) -> list[Reply]:
        kind, _, value = payload.partition(":")
        if kind == "cmd" and value in PRIVATE_ONLY and msg.group:
            return self._command_run(msg, s, value, "")
        if kind == "cmd" and value == "xoadulieu-ok":
            n = self.store.delete_user(s.user_key)
            s.deleted = True
            return [Reply(self.kb.text("data_deleted", count=str(n)))]
        if kind == "cmd":
            return self._command_run(msg, s, value, "")
        if kind == "loc":
            return self._set_locality(msg, s, value if value in self.kb.localities else "")
        if kind == "topic":
            return [self.menus.topic(value)]
        if kind == "sub" and value in self.kb.announcements:
            self._log(msg, s, "command", f"/dangky {value}")
            return [self.subs.subscribe(msg, s, value)]
        if kind == "unsub":
            return [self.subs.leave(s, None if value == "*" else value)]
        if kind == "menu" and value == "procedures":
            return [self.menus.group("procedures", self.kb.text("menu_procedures"))]
        if kind == "menu" and value == "more":
            return [self.menus.group("topic", self.kb.text("menu_more"))]
        if kind == "entry" and value in self.kb.entries:
            picked = self.kb.entries[value]
            if picked.options:  # a question back: ask it
                return [Reply(self.render.fill(picked.answer, s.locality),
                              tuple(Choice(label, f"entry:{eid}") for label, eid in picked.options))]
            return [self._answer(msg, s, picked, text=None)]
        if kind in ("field", "case"):
            eid, _, part = value.rpartition(":")
            entry = self.kb.entries.get(eid)
            if entry is not None and ((kind == "case" and part.isdigit() and len(part) < 4)
                                      or (kind == "field" and part in FIELDS)):
                field = part if kind == "field" else "documents"
                case = int(part) if kind == "case" else None
                return [self._answer(msg, s, entry, text=None, field=field, case=case)]
        if kind == "bc" and self.compose is not None:
            if not self.compose.allowed(s):
                return [Reply(self.kb.text("officer_only"))]
            return [self.compose.choose(s, value, created_by=f"{msg.channel}:{s.user_key[:12]}")]
        if kind == "rate":
            raw_id, _, direction = value.partition(":")
            iid = small_int(raw_id)
            if iid is None:  # not a number we could have issued ("²", 20 digits)
                return []
            ok = self.store.rate(iid, s.user_key, 1 if direction == "up" else -1)
            key = ("rated_up" if direction == "up" else "rated_down") if ok else "rated_already"
            return [Reply(self.kb.text(key))]
        return [Reply(self.kb.text("unknown_command", command=payload)), self.menus.main()]

    # --- steps ------------------------------------------------------------------------------
    def _start(self, msg: Incoming, s: Session, log_text: str | None) -> list[Reply]:
        if log_text is not None:
            self._log(msg, s, "command", "/start")
        t = self.kb.text
        intro = f"{t('greeting')}\n\n{t('privacy', retention_days=str(self.retention_days))}"
        if s.locality:
            return [Reply(intro), self.menus.main()]
        s.state = AWAIT_LOCALITY
        return [Reply(intro), self.menus.localities()]

    def _set_locality(self, msg: Incoming, s: Session, code: str) -> list[Reply]:
        s.locality = code or None
        s.state = None
        loc = self.kb.localities.get(code)
        name = loc.name if loc else self.kb.text("locality_other")
        self._log(msg, s, "command", f"/diaphuong {code or '-'}")
        text = self.kb.text("locality_set", name=name)
        if loc is not None and loc.note:
            text = f"{text}\n\n{loc.note}"
        if self.subs.remember(msg, s):
            default = next((a for a in self.kb.announcements.values() if a.default), None)
            if default is not None:
                self.store.subscribe(s.user_key, default.id)
                text += "\n\n" + self.kb.text("subscribed_default", topic=default.title, locality=name)
        return [Reply(text), self.menus.main()]

    def _question(self, msg: Incoming, s: Session, text: str) -> list[Reply]:
        return self.answer_parts(text, s.locality, msg, s)

    def ask(self, text: str, locality: str | None, msg: Incoming | None = None,
            s: Session | None = None) -> Reply:
        """The first reply to one free-text question (see :meth:`answer_parts`)."""
        return self.answer_parts(text, locality, msg, s)[0]

    def answer_parts(self, text: str, locality: str | None, msg: Incoming | None = None,
                     s: Session | None = None) -> list[Reply]:
        """The replies to a free-text message: small talk in kind, an answer (or a question
        back, or the fallback) per question it asks; logged when a message and session are
        given, and the procedure answered becomes the conversation's context."""
        started = time.perf_counter()
        parts = self.asker.ask(text, locality, s.context if s is not None else None)
        latency = (time.perf_counter() - started) * 1000
        return [self._part(p, msg, s, text, latency, locality, i) for i, p in enumerate(parts)]

    def _part(self, p: Part, msg: Incoming | None, s: Session | None, text: str, latency: float,
              locality: str | None, index: int) -> Reply:
        logged = text if index == 0 else p.question
        locality = p.named_locality or locality
        if p.status == SMALLTALK:
            self._log(msg, s, "question", logged, SMALLTALK, None, None, latency, locality)
            return Reply(self.kb.conversation.get("replies", {}).get(p.smalltalk or "ok", "")
                         or self.kb.text("suggest"), status=SMALLTALK)
        if p.status == ANSWERED and p.entry is not None:
            return self._answer(msg, s, p.entry, text=logged, score=p.score, latency=latency,
                                locality=locality, tokens=p.tokens, field=p.field)
        iid = self._log(msg, s, "question", logged, p.status, None, p.score, latency, locality)
        if p.status == FALLBACK:
            body = self.render.fill(self.kb.text("fallback"), locality)
            return Reply(body, interaction_id=iid, status=FALLBACK, score=p.score)
        choices = tuple(Choice(e.title, f"entry:{e.id}") for e in p.suggestions)
        question = self.kb.text("suggest")
        if p.entry is not None and p.entry.options:  # a curated question back
            question = self.render.fill(p.entry.answer, locality)
            choices = tuple(Choice(label, f"entry:{eid}") for label, eid in p.entry.options
                            if eid in self.kb.entries)
        if s is not None and choices:  # the reply may name one of them in words
            s.context = {"options": [c.payload.split(":", 1)[1] for c in choices],
                         "labels": [c.label for c in choices]}
        return Reply(question, choices, iid, SUGGEST, score=p.score)

    def _answer(self, msg: Incoming | None, s: Session | None, entry: Entry, text: str | None,
                score: float | None = None, latency: float | None = None,
                locality: str | None = None, tokens: tuple[str, ...] = (),
                field: str | None = None, case: int | None = None) -> Reply:
        locality = locality or (s.locality if s else None)
        field = field if entry.record is not None else None  # only records answer by field
        if text is None:  # picked from a menu or a suggestion
            tokens = tuple(self.engine.analyse(entry.title)[0])
        rendered = self.render.answer(entry, locality, tokens, field, case)
        kind = "question" if text is not None else "choice"
        iid = self._log(msg, s, kind, text if text is not None else entry.title, ANSWERED,
                        entry.id, score, latency, locality)
        if s is not None:
            s.context = {"entry": entry.id, "field": field}
        t = self.kb.text
        more: list[Choice] = []
        if entry.record is not None:
            asked = set((field or "").split("+"))
            more = [Choice(t(f"field_{f}"), f"field:{entry.id}:{f}") for f in FIELDS if f not in asked]
            if field == "documents" or case is not None:
                more += [Choice(t("field_case", case=name.strip(" :*")[:60]), f"case:{entry.id}:{i}")
                         for i, name in self.render.records.other_cases(entry.record)[:3]
                         if i != case]
        follow = [Choice(e.title, f"entry:{e.id}") for e in self.engine.titles(entry.follow_up)]
        rating = [Choice(t("rate_up_label"), f"rate:{iid}:up"),
                  Choice(t("rate_down_label"), f"rate:{iid}:down")] if iid is not None else []
        return Reply(rendered.text, (*more, *follow, *rating), iid, ANSWERED, entry.id, score,
                     rendered.source, field)

    def _feedback(self, msg: Incoming, s: Session, text: str) -> list[Reply]:
        s.state = None
        if not text.strip():
            s.state = AWAIT_FEEDBACK
            return [Reply(self.kb.text("feedback_empty"))]
        ref = self.store.add_feedback(channel=msg.channel, user_key=s.user_key, locality=s.locality,
                                      text=text)
        self._log(msg, s, "feedback", text)
        return [Reply(self.kb.text("feedback_thanks", ref=f"GY-{ref:06d}"))]

    def _export_text(self, s: Session) -> str:
        data = self.store.export_user(s.user_key)
        if not any(data.values()):
            return self.kb.text("data_empty")
        lines = [self.kb.text("data_export")]
        for row in data["sessions"]:
            lines.append(f"• Địa phương: {row['locality'] or '-'}; kênh: {row['channel']}")
        for row in data["interactions"][-50:]:
            lines.append(f"• {show(row['ts'])} [{row['kind']}] {row['text']}")
        for row in data["feedback"]:
            lines.append(f"• Góp ý GY-{row['id']:06d} ({show(row['ts'], '%d/%m/%Y')}): {row['text']}")
        return "\n".join(lines)

    def _log(self, msg: Incoming | None, s: Session | None, kind: str, text: str,
             status: str | None = None, entry_id: str | None = None, score: float | None = None,
             latency: float | None = None, locality: str | None = None) -> int | None:
        if msg is None or s is None:
            return None
        entry = self.kb.entries.get(entry_id or "")
        return self.store.log_interaction(
            channel=msg.channel, user_key=s.user_key, locality=locality or s.locality, kind=kind,
            text=text, status=status, entry_id=entry_id, score=score, latency_ms=latency,
            topic=entry.topic if entry else None)
