"""The harness shared by the procedure batteries (``where_online.py``, ``documents_battery.py``):
the curated commune procedures, each question asked by a new person in a commune, and a tally of
named checks.

    battery = Battery("w")            # loads the bundled knowledge
    for code, entry in battery.cards: …
        got, text, field = battery.ask("khai sinh nộp ở đâu")
        battery.check("entry", got == code, question, detail)
    battery.report(show=True)         # one line per check: share kept (kept/asked); the failures
"""

from __future__ import annotations

from collections import Counter

from bot.app import load_engine
from bot.config import load_settings
from bot.dialogue import Dialogue
from bot.knowledge.model import Entry
from bot.messages import Incoming, PickLocality
from bot.storage.store import Store
from bot.textnorm import fold

#: The commune every battery question is asked from (a locality of knowledge/localities.yaml).
LOCALITY = "ky-lac"


class Battery:
    """See the module docstring; ``prefix`` names the battery's people ("w1", "w2", …)."""

    def __init__(self, prefix: str) -> None:
        settings = load_settings()
        self.kb, engine, renderer = load_engine(settings)
        self.dialogue = Dialogue(self.kb, engine, renderer, Store(":memory:"), settings.secret,
                                 settings.retention_days)
        self.prefix = prefix
        self.asked = 0
        self.counts: Counter[str] = Counter()
        self.totals: Counter[str] = Counter()
        self.failures: list[str] = []
        cards: dict[str, Entry] = {}  # the curated card of each commune procedure record
        for e in self.kb.entries.values():
            r = e.record
            if r is not None and r.commune and e.catalog is None and not e.id[5:6].isdigit():
                cards.setdefault(r.code, e)
        self.cards = sorted(cards.items())

    def ask(self, text: str) -> tuple[str | None, str, str | None]:
        """The code answered (None unless answered), the whole reply folded, the field led with."""
        self.asked += 1
        user = f"{self.prefix}{self.asked}"
        self.dialogue.handle(Incoming("zalo", user, "", str(PickLocality(LOCALITY)), address=user))
        replies = self.dialogue.handle(Incoming("zalo", user, text, None, address=user))
        first = replies[0]
        entry = self.kb.entries.get(first.entry_id or "")
        return (entry.code if entry and first.status == "answered" else None,
                fold("\n".join(r.text for r in replies)), first.field)

    def answered(self, question: str, right: set[str], field: str | None) -> tuple[str, str] | None:
        """Ask ``question``; check that one of the ``right`` codes answers it and, when
        ``field`` is given, that the answer leads with that field. The folded reply and the
        field led with, or None when another procedure (or none) answered."""
        got, text, led = self.ask(question)
        self.check("entry", got in right, question, f"{got} (want {'|'.join(sorted(right))})")
        if got not in right:
            return None
        if field is not None:
            self.check("field", field in (led or ""), question, f"field {led}")
        return text, led or ""

    def check(self, name: str, ok: bool, question: str, detail: str) -> None:
        self.totals[name] += 1
        self.counts[name] += ok
        if not ok:
            self.failures.append(f"[{name}] {question} -> {detail}")

    def report(self, show: bool) -> None:
        print(f"{len(self.cards)} commune procedures, {self.asked} questions")
        width = max((len(k) for k in self.totals), default=0) + 2
        for key in sorted(self.totals):
            print(f"{key:{width}} {self.counts[key] / self.totals[key]:6.1%} "
                  f"({self.counts[key]}/{self.totals[key]})")
        if show:
            print("\n".join(self.failures))
