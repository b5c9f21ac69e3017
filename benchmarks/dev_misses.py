"""Play a development conversation set through the real dialogue and print every miss.

    python benchmarks/dev_misses.py [tests/data/dev.tsv] [--all] [--line N]

For each miss: the question, what was expected (kind, codes, field, key facts), what was
answered (entry, its national code, score, the field led with, the clarify options) and which
key facts the answer lacks. Meant for the development sets only: the held-out sets
(``bot.evaluation.held_out.HELD_OUT``) are read only through ``cchc-bot eval``'s aggregates.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot.app import load_engine
from bot.config import load_settings
from bot.dialogue import Dialogue
from bot.evaluation.conversations import evaluate_turns, has_fact, read_turns
from bot.evaluation.held_out import HELD_OUT
from bot.storage.store import Store

#: Sets whose rows are never looked at: only their aggregate figures (``cchc-bot eval``).


def main(argv: list[str]) -> int:
    files = [a for i, a in enumerate(argv) if not a.startswith("--") and (i == 0 or argv[i - 1] != "--line")]
    path = Path(files[0] if files else "tests/data/dev.tsv")
    if path.stem in HELD_OUT:
        sys.stderr.write(f"{path.name} is held out: use `cchc-bot eval` for its figures\n")
        return 2
    show_all = "--all" in argv
    only = {int(argv[i + 1]) for i, a in enumerate(argv) if a == "--line"}
    settings = load_settings()
    kb, engine, renderer = load_engine(settings)
    dialogue = Dialogue(kb, engine, renderer, Store(":memory:"), settings.secret,
                        settings.retention_days)
    report = evaluate_turns(dialogue, read_turns(path))
    for line in report.lines():
        print(line)
    for o in report.outcomes:
        t = o.turn
        if (o.ok and not show_all) or (only and t.line not in only):
            continue
        print(f"\n--- line {t.line} [{t.expect} {'|'.join(t.codes)} field={t.field}"
              f" tags={','.join(t.tags)}]{' WRONG' if o.wrong else ''}")
        print(f"  Q: {t.question}")
        text = "\n".join(r.text for r in o.replies)
        for r in o.replies:
            if not r.status:
                continue
            e = kb.entries.get(r.entry_id or "")
            code = e.code if e else "-"
            title = e.title if e else ""
            print(f"  -> {r.status} {r.entry_id} ({code}) {r.score} field={r.field} {title[:70]}")
            for c in r.choices:
                ce = kb.entries.get(c.entry_id or "")
                print(f"     choice {c.payload} ({ce.code if ce else '-'}) {c.label[:60]}")
        missing = [alt for alt in t.facts if not has_fact(text, alt)]
        if missing:
            print(f"  missing facts: {missing}")
        if "--text" in argv:
            print("  " + text.replace("\n", "\n  ")[:1500])
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
