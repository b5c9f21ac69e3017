"""Every wrong confident answer over the development sets, in one run.

    python benchmarks/dev_wrong.py [--sets dev,dev18] [--text]

For each in-scope turn answered with an entry of another procedure: the set and line, the
question (and the turns before it in its conversation), the expected codes and field, and what
was answered (entry, national code, score, title); then a count per set. Refuses the held-out
sets (``bot.evaluation.held_out.HELD_OUT``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot.app import load_engine
from bot.config import load_settings
from bot.dialogue import Dialogue
from bot.evaluation.conversations import evaluate_turns, read_turns
from bot.evaluation.held_out import DEVELOPMENT, chosen_sets
from bot.storage.store import Store

SETS = DEVELOPMENT
DATA = Path("tests/data")


def main(argv: list[str]) -> int:
    try:
        sets = chosen_sets(argv, SETS)
    except ValueError as exc:
        sys.stderr.write(f"{exc}\n")
        return 2
    settings = load_settings()
    kb, engine, renderer = load_engine(settings)
    counts: list[str] = []
    for name in sets:
        dialogue = Dialogue(kb, engine, renderer, Store(":memory:"), settings.secret,
                            settings.retention_days)
        outcomes = evaluate_turns(dialogue, read_turns(DATA / f"{name}.tsv")).outcomes
        wrong = 0
        for i, o in enumerate(outcomes):
            if not o.wrong or o.turn.expect != "answer":
                continue
            wrong += 1
            t = o.turn
            before = []
            j = i - 1
            while t.conv and j >= 0 and outcomes[j].turn.conv == t.conv:
                before.insert(0, outcomes[j].turn.question)
                j -= 1
            print(f"\n--- {name}:{t.line} want {'|'.join(t.codes)} field={t.field}"
                  f" tags={','.join(t.tags)}")
            for q in before:
                print(f"  (before) {q}")
            print(f"  Q: {t.question}")
            for r in o.replies:
                if not r.status:
                    continue
                e = kb.entries.get(r.entry_id or "")
                print(f"  -> {r.status} {r.entry_id} ({e.code if e else '-'}) {r.score}"
                      f" field={r.field} {(e.title if e else '')[:70]}")
            if "--text" in argv:
                text = "\n".join(r.text for r in o.replies)
                print("  " + text.replace("\n", "\n  ")[:800])
        counts.append(f"{name} {wrong}")
    print("\nwrong per set: " + ", ".join(counts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
