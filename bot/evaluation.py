"""Measuring the engine on a labelled question set (``cchc-bot eval FILE.tsv``).

The file has one question per line: ``question<TAB>expected<TAB>locality<TAB>tags``, where
``expected`` is an entry id, or ``-`` for a question the bot should not answer (out of scope).
Lines starting with ``#`` and blank lines are ignored; ``locality`` and ``tags`` may be empty.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.engine import ANSWERED, FALLBACK, Engine, Match, Thresholds, decide
from bot.errors import InputError
from bot.textnorm import has_diacritics

OUT_OF_SCOPE = "-"


@dataclass(frozen=True)
class Case:
    question: str
    expected: str
    locality: str | None
    tags: tuple[str, ...]
    line: int

    @property
    def in_scope(self) -> bool:
        return self.expected != OUT_OF_SCOPE


def read_cases(path: Path, known_ids: Iterable[str] | None = None) -> list[Case]:
    """Parse an evaluation file; unknown entry ids are an error naming the line."""
    known = set(known_ids) if known_ids is not None else None
    cases: list[Case] = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        if len(cols) < 2 or not cols[0].strip() or not cols[1].strip():
            raise InputError(f"{path}:{n}: cần ít nhất hai cột: câu hỏi<TAB>mã mục (hoặc -)")
        expected = cols[1].strip()
        if known is not None and expected != OUT_OF_SCOPE and expected not in known:
            raise InputError(f"{path}:{n}: mã mục '{expected}' không có trong kho tri thức")
        locality = cols[2].strip() if len(cols) > 2 and cols[2].strip() else None
        tags = tuple(t for t in (cols[3].split(",") if len(cols) > 3 else []) if t.strip())
        cases.append(Case(cols[0].strip(), expected, locality, tags, n))
    return cases


@dataclass
class Report:
    total: int = 0
    in_scope: int = 0
    correct: int = 0            # answered with the expected entry
    top1: int = 0               # expected entry ranked first (answered or first suggestion)
    top3: int = 0               # expected entry among the top three
    nodiac: int = 0
    nodiac_correct: int = 0
    oos: int = 0
    oos_fallback: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[tuple[Case, Match]] = field(default_factory=list)

    def share(self, a: int, b: int) -> float:
        return 100.0 * a / b if b else 0.0

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else 0.0

    @property
    def p99(self) -> float:
        xs = sorted(self.latencies_ms)
        return xs[min(len(xs) - 1, int(round(0.99 * (len(xs) - 1))))] if xs else 0.0

    def lines(self) -> list[str]:
        s = self.share
        return [
            f"câu hỏi: {self.total} (trong phạm vi {self.in_scope}, ngoài phạm vi {self.oos})",
            f"top-1 accuracy (answered correctly): {s(self.correct, self.in_scope):.1f}% "
            f"({self.correct}/{self.in_scope})",
            f"top-1 incl. first suggestion: {s(self.top1, self.in_scope):.1f}%   "
            f"top-3: {s(self.top3, self.in_scope):.1f}%",
            f"no-diacritics subset: {s(self.nodiac_correct, self.nodiac):.1f}% "
            f"({self.nodiac_correct}/{self.nodiac})",
            f"out-of-scope → fallback: {s(self.oos_fallback, self.oos):.1f}% "
            f"({self.oos_fallback}/{self.oos})",
            f"latency per question: p50 {self.p50:.2f} ms, p99 {self.p99:.2f} ms",
        ]


def evaluate(engine: Engine, cases: list[Case],
             clock: Callable[[], float] = time.perf_counter) -> Report:
    """Run every case through ``engine.match`` and tally the figures."""
    r = Report()
    for case in cases:
        started = clock()
        m = engine.match(case.question, case.locality)
        r.latencies_ms.append((clock() - started) * 1000)
        r.total += 1
        ranked = [eid for eid, _ in m.ranked]
        if case.in_scope:
            r.in_scope += 1
            ok = m.status == ANSWERED and m.entry is not None and m.entry.id == case.expected
            r.correct += ok
            r.top1 += m.status != FALLBACK and ranked[:1] == [case.expected]
            r.top3 += case.expected in ranked[:3] and m.status != FALLBACK
            if not has_diacritics(case.question):
                r.nodiac += 1
                r.nodiac_correct += ok
            if not ok:
                r.errors.append((case, m))
        else:
            r.oos += 1
            r.oos_fallback += m.status == FALLBACK
            if m.status != FALLBACK:
                r.errors.append((case, m))
    return r


def tune(engine: Engine, cases: list[Case]) -> tuple[Thresholds, Report]:
    """Grid-search the thresholds for the best balance of correct answers and fallbacks.

    Objective: correct answers on in-scope questions plus fallbacks on out-of-scope ones,
    each as a share of its own set (so the two sets weigh the same whatever their sizes).
    """
    matches = [(c, engine.rank(*_analysed(engine, c))) for c in cases]
    best: tuple[float, Thresholds] | None = None
    for answer in range(30, 81, 2):
        for suggest in range(20, answer + 1, 2):
            for margin in (0.0, 2.0, 4.0, 6.0, 8.0):
                t = Thresholds(float(answer), float(suggest), margin, engine.thresholds.confident)
                ok = oos_ok = n_in = n_out = 0
                for case, ranked in matches:
                    status = decide(t, ranked)
                    if case.in_scope:
                        n_in += 1
                        ok += status == ANSWERED and ranked[0][0] == case.expected
                    else:
                        n_out += 1
                        oos_ok += status == FALLBACK
                value = ok / max(n_in, 1) + oos_ok / max(n_out, 1)
                if best is None or value > best[0] + 1e-9:
                    best = (value, t)
    assert best is not None
    engine.thresholds = best[1]
    return best[1], evaluate(engine, cases)


def _analysed(engine: Engine, case: Case) -> tuple[list[str], str | None]:
    tokens, named = engine.analyse(case.question)
    return tokens, named or case.locality
