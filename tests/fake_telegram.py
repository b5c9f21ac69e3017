"""A fake Telegram Bot API server on 127.0.0.1, for driving the real python-telegram-bot.

It answers ``/bot<token>/<method>`` like the Bot API (form-encoded or JSON parameters,
``{"ok": true, "result": …}``), records every call, and hands out queued updates through
``getUpdates``. Failures can be injected per method.
"""

from __future__ import annotations

import itertools
import threading
import time
from typing import Any

from tests.fake_api import Answer, FakeApi

TOKEN = "123456:TEST-token_abcdefghijklmnopqrstuv"
BOT = {"id": 999, "is_bot": True, "first_name": "Trợ lý CCHC", "username": "cchc_test_bot",
       "can_join_groups": True, "can_read_all_group_messages": False,
       "supports_inline_queries": False}


class FakeTelegram(FakeApi):
    token = TOKEN

    def __init__(self) -> None:
        super().__init__()
        self.updates: list[dict[str, Any]] = []
        self.failures: dict[str, tuple[int, str]] = {}
        #: chat ids that blocked the bot (sendMessage answers 403)
        self.blocked: set[int] = set()
        #: sendMessage calls (1-based) answered with 429 and this retry_after, not delivered
        self.throttle_at: dict[int, int] = {}
        #: after this many deliveries, further sendMessage calls hang until ``release`` (then 503,
        #: not delivered): a request in flight that the server never processed
        self.hold_after: int | None = None
        self.release = threading.Event()
        self.send_attempts = 0
        #: when set, more than this many sendMessage arrivals in any one second get 429
        #: (retry_after=1, not delivered), like Telegram's broadcast limit
        self.per_second: int | None = None
        self._arrivals: list[float] = []
        self.times: list[float] = []  # monotonic time of each delivered sendMessage
        self.throttled_times: list[float] = []
        self._message_ids = itertools.count(5000)

    # --- test controls --------------------------------------------------------------------
    def push(self, *updates: dict[str, Any]) -> None:
        with self._cond:
            self.updates.extend(updates)
            self._cond.notify_all()

    def wait_for(self, method: str, count: int, timeout: float = 10.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.sent(method)
            if len(got) >= count:
                return got
            time.sleep(0.02)
        raise AssertionError(f"expected {count} {method} calls, got {len(self.sent(method))}: "
                             f"{[p.get('text', '')[:60] for p in self.sent(method)]}")

    # --- the API --------------------------------------------------------------------------
    def _refuse_send(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]] | None:
        with self._cond:
            self.send_attempts += 1
            attempt = self.send_attempts
            delivered = len([1 for m, _ in self.calls if m == "sendMessage"])
            hold = self.hold_after is not None and delivered >= self.hold_after
        if hold:
            self.release.wait()
            return 503, {"ok": False, "error_code": 503, "description": "Service Unavailable"}
        wait = self.throttle_at.get(attempt) or self._over_limit()
        if wait:
            with self._cond:
                self.throttled_times.append(time.monotonic())
            return 429, {"ok": False, "error_code": 429,
                         "description": f"Too Many Requests: retry after {wait}",
                         "parameters": {"retry_after": wait}}
        if int(params.get("chat_id", 0)) in self.blocked:
            return 403, {"ok": False, "error_code": 403,
                         "description": "Forbidden: bot was blocked by the user"}
        return None

    def _over_limit(self) -> int:
        if self.per_second is None:
            return 0
        now = time.monotonic()
        with self._cond:
            self._arrivals = [t for t in self._arrivals if t > now - 1.0]
            if len(self._arrivals) >= self.per_second:
                return 1
            self._arrivals.append(now)
        return 0

    def answer(self, method: str, params: dict[str, Any]) -> Answer:
        status, body = self._reply(method, params)
        return status, body, {}

    def _reply(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if method == "getUpdates":
            return 200, {"ok": True, "result": self._get_updates(params)}
        if method == "sendMessage":
            refusal = self._refuse_send(params)
            if refusal is not None:
                return refusal
        with self._cond:
            self.calls.append((method, params))
            if method == "sendMessage":
                self.times.append(time.monotonic())
        if method in self.failures:
            code, description = self.failures[method]
            return code, {"ok": False, "error_code": code, "description": description}
        if method == "getMe":
            return 200, {"ok": True, "result": BOT}
        if method in ("sendMessage", "editMessageText"):
            chat_id = params.get("chat_id")
            return 200, {"ok": True, "result": {
                "message_id": next(self._message_ids), "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private" if int(chat_id) > 0 else "group"},
                "from": BOT, "text": params.get("text", "")}}
        return 200, {"ok": True, "result": True}

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        wait = min(float(params.get("timeout") or 0), 1.0)
        with self._cond:
            self.calls.append(("getUpdates", params))
            self._cond.wait_for(lambda: any(u["update_id"] >= offset for u in self.updates), wait)
            return [u for u in self.updates if u["update_id"] >= offset]


# --- building updates like Telegram sends them ----------------------------------------------
_ids = itertools.count(1)


def user(uid: int = 42) -> dict[str, Any]:
    return {"id": uid, "is_bot": False, "first_name": "Dân", "language_code": "vi"}


def text_update(update_id: int, text: str, uid: int = 42, chat_id: int | None = None,
                chat_type: str = "private", reply_to: dict[str, Any] | None = None) -> dict[str, Any]:
    chat = {"id": chat_id if chat_id is not None else uid, "type": chat_type}
    if chat_type != "private":
        chat["title"] = "Nhóm thôn 3"
    message: dict[str, Any] = {"message_id": next(_ids), "date": int(time.time()), "chat": chat,
                               "from": user(uid), "text": text}
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    if reply_to is not None:
        message["reply_to_message"] = reply_to
    return {"update_id": update_id, "message": message}


def button_update(update_id: int, data: str, uid: int = 42, chat_id: int | None = None) -> dict[str, Any]:
    chat = {"id": chat_id if chat_id is not None else uid, "type": "private"}
    return {"update_id": update_id, "callback_query": {
        "id": f"cb{update_id}", "from": user(uid), "chat_instance": "ci", "data": data,
        "message": {"message_id": next(_ids), "date": int(time.time()), "chat": chat, "from": BOT,
                    "text": "…"}}}
