"""A fake Zalo Bot Platform API server on 127.0.0.1.

Answers ``/bot<token>/<method>`` with ``{"ok": true, "result": …}``, records every call that
took effect, hands out queued updates one per ``getUpdates`` (as the documentation says), and
can inject failures per method: ``ok:false``, HTTP 429 with ``retry_after``, HTTP 500, or a
stall longer than the client's timeout (the call then has no effect, like a lost request).
"""

from __future__ import annotations

import itertools
import time
from typing import Any

from tests.fake_api import Answer, FakeApi

TOKEN = "1234567890:zalo-TEST-secret"
ME = {"id": "bot-1", "account_name": "tro_ly_cchc", "account_type": "BASIC", "can_join_groups": True}


class FakeZalo(FakeApi):
    token = TOKEN

    def __init__(self) -> None:
        super().__init__()
        self.attempts: list[str] = []
        self.updates: list[dict[str, Any]] = []
        #: method → list of failures to apply to its next calls, in order
        self.failures: dict[str, list[tuple[str, Any]]] = {}
        self.blocked: set[str] = set()  # chat ids that blocked the bot
        self._ids = itertools.count(1)

    def push(self, *updates: dict[str, Any]) -> None:
        with self._cond:
            self.updates.extend(updates)
            self._cond.notify_all()

    def fail(self, method: str, *failures: tuple[str, Any]) -> None:
        self.failures.setdefault(method, []).extend(failures)

    def answer(self, method: str, params: dict[str, Any]) -> Answer:
        with self._cond:
            self.attempts.append(method)
            failure = self.failures.get(method, []).pop(0) if self.failures.get(method) else None
        if failure is not None:
            kind, arg = failure
            if kind == "stall":
                time.sleep(arg)
                return 504, {"ok": False, "error_code": 504, "description": "Gateway Timeout"}, {}
            if kind == "http500":
                return 500, {"ok": False, "error_code": 500, "description": "Internal Server Error"}, {}
            if kind == "http429":
                return 429, {"ok": False, "error_code": 429, "description": "Too Many Requests",
                             "parameters": {"retry_after": arg}}, {}
            if kind == "okfalse":
                code, description = arg
                return 200, {"ok": False, "error_code": code, "description": description}, {}
        if method == "getUpdates":
            wait = min(float(params.get("timeout") or 0), 0.5)
            with self._cond:
                self._cond.wait_for(lambda: bool(self.updates), wait)
                if not self.updates:
                    return 200, {"ok": True, "result": None}, {}
                update = self.updates.pop(0)
                self.calls.append((method, params))
            return 200, {"ok": True, "result": update}, {}
        with self._cond:
            self.calls.append((method, params))
        if method == "getMe":
            return 200, {"ok": True, "result": ME}, {}
        if method == "sendMessage" and params.get("chat_id") in self.blocked:
            with self._cond:
                self.calls.pop()
            return 200, {"ok": False, "error_code": 403, "description": "User has blocked the bot"}, {}
        if method == "sendMessage":
            text = params.get("text", "")
            if not isinstance(text, str) or not 1 <= len(text) <= 2000:
                return 400, {"ok": False, "error_code": 400, "description": "text length"}, {}
            return 200, {"ok": True, "result": {"message_id": f"m{next(self._ids)}",
                                                "date": int(time.time() * 1000)}}, {}
        return 200, {"ok": True, "result": True}, {}


def zalo_update(text: str, uid: str = "u-42", chat_id: str | None = None, chat_type: str = "PRIVATE",
                message_id: str | None = None, event: str = "message.text.received") -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": message_id or f"msg-{next(_msg_ids)}", "date": int(time.time() * 1000),
        "chat": {"id": chat_id or uid, "chat_type": chat_type},
        "from": {"id": uid, "display_name": "Nguyen Van A", "is_bot": False}}
    if event == "message.text.received":
        message["text"] = text
    return {"event_name": event, "message": message}


_msg_ids = itertools.count(1)
