"""Answers that come before another (``leads:`` in ``knowledge/conversation.yaml``).

Some matters follow from another one the citizen must do first: a dead person's residence
registration is deleted by the police from the data of the death registration (NĐ 58/2026/NĐ-CP,
facts-2026 A10), so "cắt khẩu cho bố đã mất" is answered with khai tử first, then with xóa đăng
ký thường trú — both are told, in the order they are done. The rule: a question answered with a
lead's ``entry`` that says one of its ``when`` phrases (compared folded, after the ``unless``
phrases are taken out: "mất phí", "mất bao lâu" are no death) gets the answer of ``first``
before it, on the same field.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.engine import ANSWERED
from bot.knowledge.model import KnowledgeBase
from bot.textnorm import fold

if TYPE_CHECKING:  # the asker imports nothing of this module
    from bot.asking import Part


def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    folded = sorted({fold(p) for p in phrases if fold(p)}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, folded)) + r")\b") if folded else None


class Leads:
    """The ``leads:`` of a knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._rules: dict[str, list[tuple[str, re.Pattern[str], re.Pattern[str] | None]]] = {}
        for rule in kb.conversation.get("leads", ()):
            when = _pattern(rule["when"])
            if when is not None and rule["first"] in kb.entries:
                self._rules.setdefault(rule["entry"], []).append(
                    (rule["first"], when, _pattern(rule["unless"])))

    def first(self, entry_id: str, text: str) -> str | None:
        """The entry to answer before ``entry_id`` for the question ``text``, if any."""
        folded = fold(text)
        for first, when, unless in self._rules.get(entry_id, ()):
            said = unless.sub(" ", folded) if unless is not None else folded
            if when.search(said):
                return first
        return None

    def parts(self, text: str, parts: list[Part]) -> list[Part]:
        """``parts`` with the leading answer put before each answer that has one (once)."""
        out: list[Part] = []
        answered = {p.entry.id for p in parts if p.status == ANSWERED and p.entry is not None}
        for part in parts:
            lead = self.first(part.entry.id, text if len(parts) == 1 else part.question) \
                if part.status == ANSWERED and part.entry is not None else None
            if lead is not None and lead not in answered:
                answered.add(lead)
                out.append(replace(part, entry=self.kb.entries[lead], via_context=False))
            out.append(part)
        return out


