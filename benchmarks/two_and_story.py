"""Every development set in one line each, with the rows tagged 'two' and 'story' apart.

    python benchmarks/two_and_story.py [--rows]

Plays every development set (dev.tsv … dev14.tsv, dev18.tsv, dev19.tsv) and eval_records.tsv
through the real dialogue (one line each: key fact / wrong / clarify / small talk /
out-of-scope fallback, then the 'two' and 'story' rows) and eval.tsv through the engine and the
asker. ``--rows`` lists every 'two' or 'story' row that fails.
Held-out sets (bot.evaluation.held_out.HELD_OUT) are never read.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot.app import load_engine
from bot.config import load_settings
from bot.dialogue import Dialogue
from bot.evaluation.conversations import evaluate_turns, read_turns
from bot.evaluation.held_out import DEVELOPMENT
from bot.evaluation.questions import evaluate, evaluate_replies, read_cases
from bot.storage.store import Store

SETS = DEVELOPMENT
TAGS = ("two", "story")


def main(argv: list[str]) -> int:
    settings = load_settings()
    kb, engine, renderer = load_engine(settings)
    totals = [0, 0, 0]
    for name in SETS:
        dialogue = Dialogue(kb, engine, renderer, Store(":memory:"), settings.secret,
                            settings.retention_days)
        report = evaluate_turns(dialogue, read_turns(Path(f"tests/data/{name}.tsv")))
        out = report.outcomes
        answers = [o for o in out if o.turn.expect == "answer"]
        ok, wrong = sum(o.ok for o in answers), sum(o.wrong for o in answers)
        totals[0] += ok
        totals[1] += wrong
        totals[2] += len(answers)

        def share(expect: str, rows: list = out) -> str:  # type: ignore[type-arg]
            sel = [o for o in rows if o.turn.expect == expect]
            return f"{sum(o.ok for o in sel)}/{len(sel)}"
        tags = " ".join(f"{t} {sum(o.ok for o in out if t in o.turn.tags)}/"
                        f"{sum(1 for o in out if t in o.turn.tags)}" for t in TAGS)
        print(f"{name:13s} fact {100 * ok / len(answers):5.1f} ({ok}/{len(answers)}) "
              f"wrong {wrong:3d} clarify {share('clarify')} small {share('smalltalk')} "
              f"oos {share('fallback')} | {tags}")
        if "--rows" in argv:
            for o in out:
                if not o.ok and any(t in o.turn.tags for t in TAGS):
                    got = "; ".join(f"{r.status}:{r.entry_id}" for r in o.replies if r.status)
                    print(f"    {name}:{o.turn.line} {','.join(t for t in o.turn.tags if t in TAGS)} "
                          f"{'WRONG ' if o.wrong else ''}"
                          f"{o.turn.question[:110]!r} -> {got[:80]}")
    print(f"{'all':13s} fact {totals[0]}/{totals[2]} wrong {totals[1]}")
    cases = read_cases(Path("tests/data/eval.tsv"), kb.entries)
    rep = evaluate(engine, cases)
    dialogue = Dialogue(kb, engine, renderer, Store(":memory:"), settings.secret,
                        settings.retention_days)

    def first(question: str, locality: str | None) -> tuple[str, str | None]:
        part = dialogue.answers.asker.ask(question, locality)[0]
        return part.status, part.entry.id if part.entry is not None else None
    ok, n, kept, oos = evaluate_replies(first, cases)
    print(f"eval.tsv      top-1 {rep.correct}/{rep.in_scope} oos {rep.oos_fallback}/{rep.oos} | "
          f"replies {ok}/{n} oos {kept}/{oos}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
