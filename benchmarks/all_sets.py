"""One line per development set: the figures a change to reading or answering must not lower.

    python benchmarks/all_sets.py [--fields]

Plays dev.tsv, dev2.tsv … dev7.tsv and eval_records.tsv through the real dialogue (key fact in
the answer, wrong confident answers, questions back, small talk, out-of-scope fallback) and
eval.tsv through the engine (top-1, out-of-scope fallback), loading the knowledge once, then a
total line. ``--fields`` adds the per-field key-fact shares of each conversation set.
``real.tsv`` is held out and never played here.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot.app import load_engine
from bot.config import load_settings
from bot.dialogue import Dialogue
from bot.evaluation.conversations import RealReport, evaluate_turns, read_turns
from bot.evaluation.questions import evaluate, read_cases
from bot.storage.store import Store

SETS = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "eval_records")


def _count(report: RealReport, expect: str, pick: str = "ok") -> tuple[int, int]:
    rows = [o for o in report.outcomes if o.turn.expect == expect]
    return sum(getattr(o, pick) for o in rows), len(rows)


def main(argv: list[str]) -> int:
    data = Path("tests/data")
    settings = load_settings()
    kb, engine, renderer = load_engine(settings)
    totals = [0, 0, 0, 0, 0, 0]  # facts ok, answer rows, wrong, smalltalk ok, oos ok, oos rows
    print(f"{'set':<13}{'key fact':>16}{'wrong':>12}{'clarify':>12}{'smalltalk':>11}{'oos':>10}")
    for name in SETS:
        dialogue = Dialogue(kb, engine, renderer, Store(":memory:"), settings.secret,
                            settings.retention_days)
        report = evaluate_turns(dialogue, read_turns(data / f"{name}.tsv"))
        ok, n = _count(report, "answer")
        wrong, _ = _count(report, "answer", "wrong")
        cl, cn = _count(report, "clarify")
        st, sn = _count(report, "smalltalk")
        fo, fn = _count(report, "fallback")
        for i, v in enumerate((ok, n, wrong, st, fo, fn)):
            totals[i] += v
        print(f"{name:<13}{f'{100 * ok / n:.1f} {ok}/{n}':>16}{f'{100 * wrong / n:.1f} {wrong}':>12}"
              f"{f'{cl}/{cn}':>12}{f'{st}/{sn}':>11}{f'{fo}/{fn}':>10}")
        if "--fields" in argv:
            print("             " + report.lines()[6])
    ok, n, wrong, st, fo, fn = totals
    print(f"{'total':<13}{f'{100 * ok / n:.1f} {ok}/{n}':>16}{f'{100 * wrong / n:.1f} {wrong}':>12}"
          f"{'':>12}{st:>11}{f'{fo}/{fn}':>10}")
    cases = read_cases(data / "eval.tsv", kb.entries)
    r = evaluate(engine, cases)
    print(f"eval.tsv     top-1 {r.share(r.correct, r.in_scope):.1f} ({r.correct}/{r.in_scope}), "
          f"oos fallback {r.oos_fallback}/{r.oos}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
