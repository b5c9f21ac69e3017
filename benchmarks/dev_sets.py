"""One line per development set: every dev set, eval_records and eval.tsv in one run.

    python benchmarks/dev_sets.py

Prints, for each conversation set, key fact in the answer / wrong confident answers /
clarification / small talk / out-of-scope fallback (counts), and for ``eval.tsv`` top-1 and
out-of-scope fallback; then the totals over the conversation sets. Run it before and after a
change to the knowledge or the engine. Never reads the held-out sets
(``bot.evaluation.held_out.HELD_OUT``).
"""

from __future__ import annotations

from pathlib import Path

from bot.app import load_engine
from bot.config import load_settings
from bot.dialogue import Dialogue
from bot.evaluation.conversations import evaluate_turns, read_turns
from bot.evaluation.questions import evaluate, read_cases
from bot.storage.store import Store

SETS = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12",
        "dev13", "dev14", "dev15", "dev16", "dev18", "dev19", "eval_records")
DATA = Path("tests/data")


def main() -> int:
    settings = load_settings()
    kb, engine, renderer = load_engine(settings)
    totals = [0] * 10
    for name in SETS:
        dialogue = Dialogue(kb, engine, renderer, Store(":memory:"), settings.secret,
                            settings.retention_days)
        outcomes = evaluate_turns(dialogue, read_turns(DATA / f"{name}.tsv")).outcomes
        row: list[int] = []
        for expect in ("answer", "clarify", "smalltalk", "fallback"):
            rows = [o for o in outcomes if o.turn.expect == expect]
            row += [sum(o.ok for o in rows), len(rows)]
        answers = [o for o in outcomes if o.turn.expect == "answer"]
        row.insert(2, sum(o.wrong for o in answers))
        row.append(sum(o.wrong for o in outcomes if o.turn.expect == "fallback"))
        totals = [a + b for a, b in zip(totals, row, strict=True)]
        print(_line(name, row))
    print(_line("total", totals))
    cases = read_cases(DATA / "eval.tsv", kb.entries)
    r = evaluate(engine, cases)
    print(f"{'eval.tsv':13} top-1 {r.share(r.correct, r.in_scope):5.1f}% ({r.correct}/{r.in_scope})"
          f"  top-3 {r.share(r.top3, r.in_scope):5.1f}%"
          f"  oos→fallback {r.share(r.oos_fallback, r.oos):5.1f}% ({r.oos_fallback}/{r.oos})")
    return 0


def _line(name: str, r: list[int]) -> str:
    ok, n, wrong, cl, cln, st, stn, fb, fbn, fb_answered = r

    def pct(a: int, b: int) -> str:
        return f"{100.0 * a / b:5.1f}%" if b else "    —"
    return (f"{name:13} key {pct(ok, n)} ({ok}/{n})  wrong {pct(wrong, n)} ({wrong})"
            f"  clarify {cl}/{cln}  smalltalk {st}/{stn}  oos→fallback {fb}/{fbn}"
            f" (answered {fb_answered})")


if __name__ == "__main__":
    raise SystemExit(main())
