"""Topics next to the procedures that no procedure answers (``out_of_scope:`` in
``knowledge/conversation.yaml``): a visa for another country, vehicle insurance, the rules of a
foreign country, an official's own phone number.

Such a question shares most of its words with a procedure ("làm visa đi Hàn" with the passport,
"bảo hiểm xe máy" with health insurance, "ở Nhật đổi bằng lái" with the driving licence), so it
scores like a question about that procedure. What tells it apart is the one word that names its
topic, which the procedure's name and phrasings never say. The rule: a message that says a
phrase of such a topic (and none of the topic's ``unless`` phrases, which bring the matter back
home: "về Việt Nam", "ở quê") is answered only by an entry whose title or phrasings say that
phrase too; else it gets the polite fallback, where the desk and hotlines are named. A topic
marked ``plain`` (the weather, football, the lottery) is off the subject altogether: its fallback
says what the assistant answers and does not put the message in the staff's queue, since no
entry the officials could add would answer it (:meth:`Scope.plain`). An
``opening`` phrase names its topic only when it opens a sentence: "Ở Nhật đổi bằng lái thế
nào" is set abroad, "chồng tôi làm việc ở nước ngoài, tôi đăng ký tạm trú …" is not.

Phrases are folded; a message is read both as the normaliser writes it ("sđt" is "số điện
thoại", "ở Hàn Quốc" is "ở nước ngoài") and plainly folded, so a topic may also be named in
words the synonyms rewrite ("bên Mỹ", which is only "nước ngoài" to the engine).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.engine import ANSWERED, FALLBACK, SUGGEST, Engine
from bot.knowledge.model import Entry
from bot.textnorm import fold

if TYPE_CHECKING:  # the asker imports this module
    from bot.asking import Part

Phrase = tuple[str, ...]
#: Where a sentence ends (an ``opening`` phrase names its topic only at a sentence's start).
_SENTENCE = re.compile(r"[.?!;\n]+")


def _has(tokens: Sequence[str], phrase: Phrase) -> bool:
    n = len(phrase)
    return any(tuple(tokens[i:i + n]) == phrase for i in range(len(tokens) - n + 1))


class Scope:
    """The out-of-scope topics of a knowledge base, read with an engine's normaliser."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._row = {eid: i for i, eid in enumerate(engine.index.ids)}
        topics = engine.kb.conversation.get("out_of_scope", ())
        self.topics = [(self._forms(t["phrases"]), self._forms(t.get("opening", ())),
                        self._forms(t.get("unless", ()))) for t in topics]
        self._plain = {p for t in topics if t.get("plain") for p in self._forms(t["phrases"])}

    def _forms(self, phrases: Iterable[str]) -> tuple[Phrase, ...]:
        # a phrase the synonyms rewrite ("bên Mỹ" → "nước ngoài") is looked for as typed only:
        # its rewriting says more than it ("kết hôn với người nước ngoài" is no Mỹ)
        out = {tuple(fold(p).split()) for p in phrases}
        return tuple(p for p in out if p)

    def said(self, text: str) -> tuple[Phrase, ...]:
        """The phrases of out-of-scope topics ``text`` says (empty when it says none, or says
        also what brings its topic back)."""
        if not self.topics:
            return ()
        seen = (self._engine.norm.tokens(text), fold(text).split())
        starts = [form for sentence in _SENTENCE.split(text) if sentence.strip()
                  for form in (self._engine.norm.tokens(sentence), fold(sentence).split())]
        out: list[Phrase] = []
        for phrases, opening, unless in self.topics:
            said = [p for p in phrases if any(_has(s, p) for s in seen)]
            said += [p for p in opening if any(tuple(s[:len(p)]) == p for s in starts)]
            if said and not any(_has(s, p) for p in unless for s in seen):
                out.extend(said)
        return tuple(out)

    def plain(self, text: str) -> bool:
        """Whether ``text`` says a phrase of a topic off the subject altogether (``plain``)."""
        return bool(self._plain) and any(p in self._plain for p in self.said(text))

    def names(self, entry: Entry, phrases: Sequence[Phrase]) -> bool:
        """Whether ``entry``'s title or one of its phrasings says one of ``phrases``."""
        texts: list[Sequence[str]] = [self._engine.contrasts.title_tokens(entry.id),
                                      fold(entry.title).split()]
        row = self._row.get(entry.id)
        if row is not None:
            texts.extend(self._engine.index.phrasings[row])
        return any(_has(t, p) for t in texts for p in phrases)

    def parts(self, text: str | None, parts: list[Part]) -> list[Part]:
        """``parts`` with each answer or offer that does not name the out-of-scope topic its
        question says turned into the fallback; ``text``: the whole message when it asks one
        question, read whole (a story may set the topic in another sentence: "Tôi đi làm ở
        Nhật. Ở đây đổi bằng lái thế nào?"), else each part is read alone."""
        out: list[Part] = []
        for part in parts:
            said = self.said(text if text is not None and len(parts) == 1 else part.question)
            offered = [part.entry] if part.entry is not None else list(part.suggestions)
            if said and part.status in (ANSWERED, SUGGEST) and not any(
                    self.names(e, said) for e in offered):
                part = replace(part, status=FALLBACK, entry=None, suggestions=())
            out.append(part)
        return out
