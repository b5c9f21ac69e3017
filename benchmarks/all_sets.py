"""One line per development set: the figures a change to reading or deciding must not lower.

    python benchmarks/all_sets.py

For each conversation set (``tests/data/dev.tsv``, ``dev2.tsv`` … ``dev7.tsv``,
``eval_records.tsv``): key fact in the answer, wrong confident answers, clarification asked when
expected, small talk recognised, out-of-scope fallback; then ``eval.tsv``'s top-1 and
out-of-scope fallback, and the totals. ``real.tsv`` is held out and never run here.
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

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
WIDTHS = {"key": 18, "wrong": 15, "clarify": 15, "small": 15, "oos": 15}
SETS = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "eval_records")


def _counts(report: RealReport) -> dict[str, tuple[int, int]]:
    def share(expect: str, pick: str = "ok") -> tuple[int, int]:
        rows = [o for o in report.outcomes if o.turn.expect == expect]
        return sum(getattr(o, pick) for o in rows), len(rows)
    return {"key": share("answer"), "wrong": share("answer", "wrong"),
            "clarify": share("clarify"), "small": share("smalltalk"), "oos": share("fallback")}


def main() -> int:
    settings = load_settings()
    kb, engine, renderer = load_engine(settings)
    totals: dict[str, list[int]] = {}
    print(f"{'set':<13}" + "".join(f"{h:>{w}}" for h, w in zip(
        ("key fact", "wrong", "clarify", "small talk", "oos"), WIDTHS.values(), strict=True)))
    for name in SETS:
        dialogue = Dialogue(kb, engine, renderer, Store(":memory:"), settings.secret,
                            settings.retention_days)
        counts = _counts(evaluate_turns(dialogue, read_turns(DATA / f"{name}.tsv")))
        for k, (a, b) in counts.items():
            t = totals.setdefault(k, [0, 0])
            t[0] += a
            t[1] += b
        print(f"{name:<13}" + "".join(f"{_pct(*counts[k]):>{w}}" for k, w in WIDTHS.items()))
    print(f"{'total':<13}" + "".join(f"{_pct(*totals[k]):>{w}}" for k, w in WIDTHS.items()))
    report = evaluate(engine, read_cases(DATA / "eval.tsv", kb.entries))
    print(f"eval.tsv     top-1 {report.correct}/{report.in_scope} "
          f"({100.0 * report.correct / report.in_scope:.1f}%), out-of-scope fallback "
          f"{report.oos_fallback}/{report.oos} ({100.0 * report.oos_fallback / report.oos:.1f}%)")
    return 0


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} {100.0 * a / b:.1f}" if b else "—"


if __name__ == "__main__":
    sys.exit(main())
