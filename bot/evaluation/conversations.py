"""Measuring whole answers on conversation sets written in citizens' own words.

Format (``tests/data/real.tsv``, ``tests/data/eval_records.tsv``), tab-separated, ``#`` lines
are comments, the first other line is the header::

    conv  question  expect  codes  key_facts  field  locality  tags

* ``conv``: empty for a standalone question, else a label shared by the turns of one
  conversation (consecutive rows, in order);
* ``expect``: ``answer`` | ``clarify`` | ``smalltalk`` | ``fallback``;
* ``codes``: ``|``-separated national procedure codes any of which is right (for ``clarify``:
  one of them must be offered), ``-`` for none;
* ``key_facts``: ``;``-separated facts that must all be in the answer, each ``|``-separated
  alternatives, compared without diacritics, case, spaces or thousands separators;
* ``field``: what the question asks about (documents, fee, time_limit, where, online,
  conditions or ``-``).

Every row goes through the real dialogue (:meth:`bot.dialogue.Dialogue.handle`) on a
throw-away in-memory store, so follow-ups are read against the conversation.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bot.dialogue import Dialogue
from bot.engine import ANSWERED, FALLBACK, SUGGEST
from bot.errors import InputError
from bot.knowledge.model import KnowledgeBase
from bot.messages import Incoming, PickLocality, Reply
from bot.textnorm import fold

COLUMNS = ("conv", "question", "expect", "codes", "key_facts", "field", "locality", "tags")
EXPECTS = ("answer", "clarify", "smalltalk", "fallback")
_NUMBER_DOTS = re.compile(r"(?<=\d)[.,](?=\d{3}\b)")


@dataclass(frozen=True)
class Turn:
    conv: str
    question: str
    expect: str
    codes: tuple[str, ...]
    facts: tuple[tuple[str, ...], ...]
    field: str
    locality: str | None
    tags: tuple[str, ...]
    line: int


def is_conversation_file(path: Path) -> bool:
    """True when ``path`` is in this module's format (its header names the columns)."""
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            return raw.split("\t")[:2] == ["conv", "question"]
    return False


def read_turns(path: Path) -> list[Turn]:
    """Parse a conversation set; a malformed line is an error naming it."""
    turns: list[Turn] = []
    header_seen = False
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        if not header_seen:
            header_seen = True
            if tuple(c.strip() for c in cols[:len(COLUMNS)]) != COLUMNS:
                raise InputError(f"{path}:{n}: dòng tiêu đề phải là {' '.join(COLUMNS)}")
            continue
        cols += [""] * (len(COLUMNS) - len(cols))
        conv, question, expect, codes, facts, fld, locality, tags = (c.strip() for c in cols[:8])
        if not question or expect not in EXPECTS:
            raise InputError(f"{path}:{n}: cần câu hỏi và expect là {', '.join(EXPECTS)}")
        turns.append(Turn(
            conv, question, expect,
            tuple(c for c in codes.split("|") if c and c != "-"),
            tuple(tuple(a.strip() for a in f.split("|") if a.strip())
                  for f in facts.split(";") if f.strip() and f.strip() != "-"),
            fld or "-", locality or None, tuple(t for t in tags.split(",") if t), n))
    return turns


def _squash(text: str) -> str:
    return fold(_NUMBER_DOTS.sub("", text)).replace(" ", "")


def has_fact(text: str, alternatives: tuple[str, ...]) -> bool:
    squashed = _squash(text)
    return any(_squash(a) in squashed for a in alternatives)


@dataclass
class Outcome:
    turn: Turn
    replies: list[Reply]
    ok: bool
    wrong: bool


@dataclass
class RealReport:
    outcomes: list[Outcome] = field(default_factory=list)

    def _share(self, expect: str, pick: str = "ok") -> tuple[int, int]:
        rows = [o for o in self.outcomes if o.turn.expect == expect]
        return sum(getattr(o, pick) for o in rows), len(rows)

    def lines(self) -> list[str]:
        def pct(a: int, b: int) -> str:
            return f"{100.0 * a / b:.1f}% ({a}/{b})" if b else "—"
        answers = [o for o in self.outcomes if o.turn.expect == "answer"]
        wrong_in = sum(o.wrong for o in answers)
        oos = [o for o in self.outcomes if o.turn.expect == "fallback"]
        lines = [
            f"lượt hỏi: {len(self.outcomes)}",
            f"key fact in the answer: {pct(*self._share('answer'))}",
            f"wrong confident answers (in scope): {pct(wrong_in, len(answers))}",
            f"clarification asked when expected: {pct(*self._share('clarify'))}",
            f"small talk recognised: {pct(*self._share('smalltalk'))}",
            f"out-of-scope → fallback: {pct(*self._share('fallback'))}"
            f" (answered anyway: {sum(o.wrong for o in oos)})",
        ]
        by_field: Counter[str] = Counter()
        ok_field: Counter[str] = Counter()
        for o in answers:
            by_field[o.turn.field] += 1
            ok_field[o.turn.field] += o.ok
        lines.append("per field: " + ", ".join(f"{f} {pct(ok_field[f], by_field[f])}"
                                             for f in sorted(by_field)))
        by_tag: Counter[str] = Counter()
        ok_tag: Counter[str] = Counter()
        for o in self.outcomes:
            for t in o.turn.tags:
                by_tag[t] += 1
                ok_tag[t] += o.ok
        lines.append("per tag: " + ", ".join(f"{t} {pct(ok_tag[t], by_tag[t])}" for t in sorted(by_tag)))
        return lines


def _judge(kb: KnowledgeBase, turn: Turn, replies: list[Reply]) -> Outcome:
    statuses = [r.status for r in replies if r.status]
    text = "\n".join(r.text for r in replies)
    answered = [r for r in replies if r.status == ANSWERED and r.entry_id]
    # an entry answers its code and the codes of the same procedure published again
    codes = [c for r in answered if r.entry_id in kb.entries for c in kb.entries[r.entry_id].codes]
    if turn.expect == "smalltalk":
        ok = not any(s in (ANSWERED, SUGGEST, FALLBACK) for s in statuses)
        return Outcome(turn, replies, ok, bool(answered))
    if turn.expect == "fallback":
        return Outcome(turn, replies, FALLBACK in statuses and not answered, bool(answered))
    if turn.expect == "clarify":
        offered = {code for r in replies for c in r.choices
                   if c.entry_id is not None and c.entry_id in kb.entries
                   for code in kb.entries[c.entry_id].codes}
        ok = SUGGEST in statuses and (not turn.codes or bool(offered & set(turn.codes)))
        return Outcome(turn, replies, ok, False)
    right_code = not turn.codes or any(c in turn.codes for c in codes)
    facts = all(has_fact(text, alt) for alt in turn.facts)
    wrong = bool(answered) and bool(turn.codes) and not right_code
    return Outcome(turn, replies, bool(answered or not turn.codes) and right_code and facts, wrong)


def evaluate_turns(dialogue: Dialogue, turns: list[Turn]) -> RealReport:
    """Play every conversation through ``dialogue`` and judge each turn."""
    report = RealReport()
    previous = None
    person = 0
    for turn in turns:
        if not turn.conv or turn.conv != previous:
            person += 1
            user = f"eval-{person}"
            dialogue.handle(Incoming("cli", user, payload=str(PickLocality(turn.locality or None))))
        previous = turn.conv or None
        replies = dialogue.handle(Incoming("cli", f"eval-{person}", turn.question))
        report.outcomes.append(_judge(dialogue.kb, turn, replies))
    return report
