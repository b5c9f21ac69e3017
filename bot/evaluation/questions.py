"""Measuring the engine on a labelled question set (``cchc-bot eval FILE.tsv``).

The file has one question per line: ``question<TAB>expected<TAB>locality<TAB>tags``, where
``expected`` is an entry id, or ``-`` for a question the bot should not answer (out of scope).
Lines starting with ``#`` and blank lines are ignored; ``locality`` and ``tags`` may be empty.
"""

from __future__ import annotations

import itertools
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.engine import ANSWERED, FALLBACK, Engine, Match, Mix, Thresholds, combine, decide
from bot.errors import InputError
from bot.textnorm import accented_words, has_diacritics

OUT_OF_SCOPE = "-"
OOS_FLOOR = 0.9  # tuning keeps at least this share of out-of-scope questions on the fallback


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
        return xs[min(len(xs) - 1, round(0.99 * (len(xs) - 1)))] if xs else 0.0

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


def evaluate_replies(ask: Callable[[str, str | None], tuple[str, str | None]],
                     cases: list[Case]) -> tuple[int, int, int, int]:
    """The same cases read as the bot replies (the whole message reading: field words, small
    talk, stories): ``ask(question, locality)`` gives the first reply's ``(status, entry id)``.
    Returns ``(answered with the expected entry, in scope, out of scope not answered,
    out of scope)``."""
    correct = in_scope = oos_kept = oos = 0
    for case in cases:
        status, entry_id = ask(case.question, case.locality)
        if case.in_scope:
            in_scope += 1
            correct += status == ANSWERED and entry_id == case.expected
        else:
            oos += 1
            oos_kept += status != ANSWERED
    return correct, in_scope, oos_kept, oos


def tune(engine: Engine, cases: list[Case]) -> tuple[Mix, Thresholds, Report]:
    """Grid-search signal weights and thresholds on ``cases``; the engine keeps the best.

    Objective: keep at least ``OOS_FLOOR`` of the out-of-scope questions on the fallback,
    then maximise the share of in-scope questions answered correctly, with a small penalty
    for a wrong answer (a wrong answer misleads; a suggestion or the fallback does not).
    """
    signals = [(c, engine.components(*_analysed(engine, c))) for c in cases]
    n_in = max(sum(c.in_scope for c in cases), 1)
    n_out = max(sum(not c.in_scope for c in cases), 1)
    best: tuple[float, Mix, Thresholds] | None = None
    for phrasing, union, answer, accent, key in itertools.product(
            (0.35, 0.4, 0.45), (0.15, 0.2, 0.25), (0.05, 0.1, 0.15), (0.3,), (0.05, 0.1, 0.15)):
        fuzzy = round(1.0 - phrasing - union - answer, 2)
        if fuzzy < 0.05:
            continue
        mix = Mix(phrasing, union, answer, fuzzy, accent, key)
        rows = []
        for case, sig in signals:
            ranked = combine(sig, mix)
            top = ranked[0] if ranked else ("", 0.0)
            runner = ranked[1][1] if len(ranked) > 1 else 0.0
            in_top3 = case.expected in [e for e, _ in ranked[:3]]
            rows.append((case.in_scope, top[0] == case.expected, top[1], runner, in_top3))
        for t in _threshold_grid():
            value, fallbacks = 0.0, 0
            for in_scope, hit, score, runner, in_top3 in rows:
                status = decide(t, [("", score), ("", runner)] if score else [])
                if in_scope:
                    if status == ANSWERED:
                        value += (1.0 if hit else -0.2) / n_in
                    elif status != FALLBACK and in_top3:
                        value += 0.01 / n_in  # only breaks ties between equal settings
                elif status == FALLBACK:
                    fallbacks += 1
            if fallbacks / n_out < OOS_FLOOR:
                value = fallbacks / n_out - 2.0
            if best is None or value > best[0] + 1e-9:
                best = (value, mix, t)
    assert best is not None
    engine.mix, engine.thresholds = best[1], best[2]
    return best[1], best[2], evaluate(engine, cases)


def _threshold_grid() -> list[Thresholds]:
    """Candidate thresholds. Every candidate keeps the "Có phải bạn muốn hỏi…" outcome alive:
    a near tie (within ``margin`` ≥ 2 points) below ``confident`` is offered as suggestions."""
    return [Thresholds(float(a), float(s), float(m), float(c))
            for a in range(40, 64, 1) for s in range(a - 12, a + 1, 3) for m in (2, 3, 4, 6)
            for c in range(a + 5, a + 21, 3)]


def _analysed(engine: Engine, case: Case) -> tuple[list[str], str | None, dict[str, str]]:
    tokens, named = engine.analyse(case.question)
    return tokens, named or case.locality, accented_words(case.question)
