"""A matter named bare: a message that says only the words that name a matter with several
cases ("cắt khẩu", "tạm trú", "thủ tục hộ khẩu", "làm lại căn cước") and no word that picks one
of them is asked back with the question written for that matter (used by :mod:`bot.asking`).

The names are data (``bare:`` in ``knowledge/conversation.yaml``): for each question back, the
phrases that name its matter without its case. A message is bare when its content words — its
folded words as typed, before the synonyms (which turn "hộ khẩu" into "thường trú" and so name
one case), without the words that ask a field, stop words and "thủ tục", "hỏi về" — include every
word of one of those phrases and no word outside them: "em muốn cắt khẩu", "tạm trú thì làm sao"
are bare; "cắt khẩu cho mẹ", "gia hạn tạm trú" say more, and are read as before. A message
that says every word of one choice's name ("đăng ký tạm trú"), or asks for the procedure of what
that name says besides its generic words ("thủ tục tạm trú"), names that choice. Only a
message that asks no field, nor carries one from the conversation, unless the name is in the
citizen's own words (see :meth:`BareNames.asked_back`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from itertools import pairwise
from typing import Any

from bot import choosing
from bot.engine import ANSWERED, NAMELESS, Engine, Match
from bot.knowledge.model import Entry


class BareNames:
    """The ``bare:`` phrases of a knowledge base, as content words, by question back."""

    def __init__(self, engine: Engine, bare: Mapping[str, Sequence[str]],
                 fields_of: Callable[[Sequence[str]], tuple[tuple[str, ...], list[str]]]) -> None:
        self._engine = engine
        self._fields_of = fields_of
        self._names: list[tuple[Entry, list[frozenset[str]], frozenset[str]]] = []
        for eid, phrases in bare.items():
            entry = engine.kb.entries.get(eid)
            if entry is None or not entry.options:
                continue
            names = [w for w in (self.content(p) for p in phrases) if w]
            if names:
                self._names.append((entry, names, frozenset().union(*names)))

    def content(self, text: str) -> frozenset[str]:
        """The words of ``text`` that name something: folded as typed, without field words,
        stop words and the words that name no procedure ("thủ tục", "hỏi về")."""
        _, rest = self._fields_of(self._engine.norm.words(text))
        return frozenset(t for t in rest if t not in self._engine.stop and t not in NAMELESS)

    def asked_back(self, text: str, field: bool = False) -> Entry | None:
        """The question back ``text`` names bare, if any (the first in the data's order).
        ``field``: the message asks a field ("cắt khẩu làm ở đâu"): then only a name in the
        citizen's own words, one word of it in no choice's name ("hộ khẩu", "ở xã"), asks
        back — a field asked of a procedure's own name ("tạm trú mất bao lâu") is the main
        procedure's, as the catalog names it."""
        words = self.content(text)
        if not words:
            return None
        typed = self._engine.norm.words(text)
        said = set(typed)
        return next((entry for entry, names, allowed in self._names
                     if words <= allowed and any(n <= words for n in names)
                     and not self._names_choice(entry, said) and not self._telling(entry, typed, allowed)
                     and (not field or words - self._choice_words(entry))), None)

    def _choice_words(self, clarifier: Entry) -> set[str]:
        return {w for _, eid in clarifier.options if eid in self._engine.kb.entries for w in self._title(eid)}

    def _telling(self, clarifier: Entry, words: Sequence[str], allowed: frozenset[str]) -> bool:
        """Whether words the bare names leave out ("bản sao", field words, in "chứng thực bản sao ở
        đâu"), alone or as a pair as typed, are in the names of some of ``clarifier``'s choices but
        not all: they pick one."""
        titles = [self._title(eid) for _, eid in clarifier.options if eid in self._engine.kb.entries]
        if not titles:
            return False
        grams = [set(t) | set(pairwise(t)) for t in titles]
        some = set[object]().union(*grams) - grams[0].intersection(*grams[1:])
        left = [w for w in words if w not in allowed]
        return any(w in some and w not in self._engine.generic and w not in self._engine.stop for w in left) \
            or any(p in some for p in pairwise(words) if not set(p) & allowed
                   and not set(p) <= self._engine.generic)

    def _names_choice(self, clarifier: Entry, said: set[str], procedure: bool = True) -> bool:
        """Whether ``said`` (a message's folded words) names one choice of ``clarifier``: says
        every word of its name, or asks for the procedure ("thủ tục") of what its name says
        besides the generic words ("thủ tục tạm trú" is "Đăng ký tạm trú")."""
        asks_procedure = procedure and {"thu", "tuc"} <= said
        for _, eid in clarifier.options:
            if eid not in self._engine.kb.entries:
                continue
            title = set(self._title(eid))
            core = title - self._engine.generic
            if title and (title <= said or (asks_procedure and core and core <= said)):
                return True
        return False

    def _title(self, eid: str) -> tuple[str, ...]:
        words = tuple(self._engine.norm.words(self._engine.kb.entries[eid].title))
        return words[2:] if words[:2] == ("thu", "tuc") else words

    def match(self, text: str, m: Match, clarifiers: Mapping[str, Sequence[Entry]],
              field: bool = False) -> Match:
        """``m`` as the question back ``text`` names bare, when it names one; else, when no
        ``field`` is asked, as :func:`bot.choosing.bare_name` reads it, unless ``text`` says a
        choice's whole name ("đăng ký kết hôn" is the procedure of that name, not its question back)."""
        entry = self.asked_back(text, field)
        if entry is not None:
            return replace(m, status=ANSWERED, entry=entry, suggestions=())
        asked = m if field else choosing.bare_name(self._engine, clarifiers, text, m)
        said = set(self._engine.norm.words(text))
        if asked.entry is not m.entry and asked.entry is not None and self._names_choice(
                asked.entry, said, procedure=False):
            return m
        return asked


def phrases(conversation: Mapping[str, Any]) -> dict[str, list[str]]:
    """The ``bare:`` section of ``conversation.yaml`` (question back id → phrases)."""
    data = conversation.get("bare") or {}
    return {str(k): [str(p) for p in v] for k, v in data.items()}
