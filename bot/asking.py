"""From a message to what to answer: small talk, the entry (and field) of each question in it,
a question back, or nothing — using the conversation so far.

:class:`Asker` puts :class:`~bot.reading.Reader` and :class:`~bot.engine.Engine` together:

* small talk is answered in kind;
* a follow-up ("thế còn phí?", "làm online được không") is read against the procedure under
  discussion (``context["entry"]``); a short question that names a new aspect ("gia hạn thì
  sao") is matched together with that procedure's name;
* in a story, the sentence that asks is matched first and the whole text only if that fails;
* a message that asks two things gives two parts;
* an entry that is itself a question back (``options``) is a clarification.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.engine import ANSWERED, FALLBACK, SUGGEST, Engine, Match
from bot.kb_model import Entry
from bot.reading import Reader, Reading

SMALLTALK = "smalltalk"
#: A match must beat the plain reading by this much (0–100) to replace it.
_BETTER = 2.0


@dataclass(frozen=True)
class Part:
    """What to answer for one question of a message."""

    status: str  # answered | suggest | fallback | smalltalk
    question: str
    entry: Entry | None = None
    field: str | None = None
    score: float = 0.0
    suggestions: tuple[Entry, ...] = ()
    tokens: tuple[str, ...] = ()
    named_locality: str | None = None
    smalltalk: str | None = None
    via_context: bool = False
    ranked: tuple[tuple[str, float], ...] = ()


def _rank_key(m: Match) -> tuple[int, float]:
    order = {ANSWERED: 2, SUGGEST: 1, FALLBACK: 0}
    return order[m.status], m.score


class Asker:
    """See the module docstring."""

    def __init__(self, engine: Engine, reader: Reader) -> None:
        self.engine = engine
        self.reader = reader
        self.kb = engine.kb

    def read(self, text: str) -> Reading:
        return self.reader.read(text)

    def ask(self, text: str, locality: str | None,
            context: dict[str, Any] | None = None) -> list[Part]:
        """The parts to answer for ``text`` asked from ``locality`` (see the module docstring).
        ``context`` is the conversation state: ``{"entry": id, "field": name}``; a part that
        answers sets what the next message is read against."""
        reading = self.reader.read(text)
        if reading.smalltalk:
            return [Part(SMALLTALK, text, smalltalk=reading.smalltalk)]
        ctx_entry = None
        if context and not reading.restart:
            ctx_entry = self.kb.entries.get(str(context.get("entry") or ""))
        if ctx_entry is not None and reading.follow_up:
            return [Part(ANSWERED, reading.text, ctx_entry, "+".join(reading.fields[:2]), 100.0,
                         via_context=True)]
        parts = [self._one(q, reading.text, locality, ctx_entry) for q in reading.questions]
        if len(parts) == 2:
            a, b = parts
            same = a.entry is not None and b.entry is not None and a.entry.id == b.entry.id
            if same or b.status != ANSWERED:
                parts = [a] if a.status != FALLBACK or b.status == FALLBACK else [b]
            elif a.status == FALLBACK:
                parts = [b]
        return parts

    def _one(self, question: str, whole: str, locality: str | None,
             ctx_entry: Entry | None) -> Part:
        fields, rest = self.reader.fields_of(self.engine.norm.tokens(question))
        topic = " ".join(rest)  # the question without the words that name a field
        has_topic = any(t not in self.reader.fillers for t in rest)
        best = self.engine.match(topic if fields and has_topic else question, locality, question)
        if best.status != ANSWERED and question != whole:
            whole_match = self.engine.match(whole, locality)
            if _rank_key(whole_match) > _rank_key(best):
                best = whole_match
                fields = fields or self.reader.fields_of(self.engine.norm.tokens(whole))[0]
        via = False
        if ctx_entry is not None and best.status != ANSWERED:
            # a short question about another aspect of the procedure under discussion
            joined = self.engine.match(f"{ctx_entry.title} {question}", locality)
            if joined.status == ANSWERED and joined.score >= best.score + _BETTER:
                best, via = joined, True
        entry = best.entry
        field = "+".join(fields[:2]) if fields else None
        if best.status == ANSWERED and entry is not None and entry.options:
            options = tuple(self.kb.entries[eid] for _, eid in entry.options
                            if eid in self.kb.entries)
            return Part(SUGGEST, question, entry, field, best.score, options, best.tokens,
                        best.named_locality, via_context=via,
                        ranked=best.ranked)
        return Part(best.status, question, entry, field, best.score, best.suggestions, best.tokens,
                    best.named_locality, via_context=via,
                    ranked=best.ranked)
