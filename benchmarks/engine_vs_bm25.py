"""The answer engine against a plain BM25 baseline, on the same labelled set, in one run.

    python benchmarks/engine_vs_bm25.py [tests/data/eval.tsv]

Baseline: rank-bm25's BM25Okapi over each entry's questions and answer text, lower-cased and
split on whitespace and punctuation (no diacritic folding, no abbreviations, no typo
correction). Its fallback cut-off is searched on the same set the same way as the engine's
thresholds, so neither side is handicapped by a guessed threshold.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
import unicodedata
from pathlib import Path

from rank_bm25 import BM25Okapi

from bot.app import build_engine
from bot.config import BUNDLED_KNOWLEDGE
from bot.evaluation import evaluate, read_cases
from bot.index import answer_text as _answer_text
from bot.kb_load import load_knowledge
from bot.textnorm import has_diacritics

ROOT = Path(__file__).resolve().parent.parent


def plain_tokens(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFC", text.lower()))


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "data" / "eval.tsv"
    kb = load_knowledge(BUNDLED_KNOWLEDGE)
    engine, _ = build_engine(kb)
    cases = read_cases(path, kb.entries)

    evaluate(engine, cases[:20])
    report = evaluate(engine, cases)

    ids = list(kb.entries)
    docs = [plain_tokens(" ".join([*kb.entries[i].questions, _answer_text(kb.entries[i])])) for i in ids]
    bm25 = BM25Okapi(docs)
    scored: list[tuple[bool, bool, str | None, float, float]] = []
    for case in cases:
        started = time.perf_counter()
        scores = bm25.get_scores(plain_tokens(case.question))
        best = max(range(len(ids)), key=lambda k: scores[k])
        elapsed = (time.perf_counter() - started) * 1000
        scored.append((case.in_scope, not has_diacritics(case.question),
                       ids[best] if ids[best] == case.expected else None, float(scores[best]), elapsed))
    n_in = sum(1 for c in cases if c.in_scope)
    n_out = len(cases) - n_in
    best_cut, best_value = 0.0, -1.0
    for cut in sorted({s for _, _, _, s, _ in scored}):
        ok = sum(1 for ins, _, hit, s, _ in scored if ins and hit and s >= cut)
        fb = sum(1 for ins, _, _, s, _ in scored if not ins and s < cut)
        value = ok / max(n_in, 1) + fb / max(n_out, 1)
        if value > best_value:
            best_cut, best_value = cut, value
    bm_ok = sum(1 for ins, _, hit, s, _ in scored if ins and hit and s >= best_cut)
    bm_nd = [(hit is not None and s >= best_cut) for ins, nd, hit, s, _ in scored if ins and nd]
    bm_fb = sum(1 for ins, _, _, s, _ in scored if not ins and s < best_cut)
    lat = sorted(x[4] for x in scored)
    bm_first = sum(1 for ins, _, hit, _, _ in scored if ins and hit)
    engine_first = 0
    for case in cases:
        if case.in_scope:
            ranked = engine.match(case.question, case.locality).ranked
            engine_first += bool(ranked) and ranked[0][0] == case.expected

    def pct(a: float, b: float) -> str:
        return f"{100 * a / b:5.1f}%" if b else "  n/a"

    print(f"evaluation set: {path} — {len(cases)} questions ({n_in} in scope, {n_out} out of scope)")
    print(f"{'':28}{'engine':>10}{'BM25':>10}")
    print(f"{'top-1 (answered correctly)':28}{pct(report.correct, report.in_scope):>10}"
          f"{pct(bm_ok, n_in):>10}")
    print(f"{'ranked first (any score)':28}{pct(engine_first, n_in):>10}{pct(bm_first, n_in):>10}")
    print(f"{'no-diacritics subset':28}{pct(report.nodiac_correct, report.nodiac):>10}"
          f"{pct(sum(bm_nd), len(bm_nd)):>10}")
    print(f"{'out of scope → fallback':28}{pct(report.oos_fallback, report.oos):>10}{pct(bm_fb, n_out):>10}")
    print(f"{'latency p50 (ms)':28}{report.p50:>10.2f}{statistics.median(lat):>10.2f}")
    print(f"{'latency p99 (ms)':28}{report.p99:>10.2f}{lat[int(0.99 * (len(lat) - 1))]:>10.2f}")
    gap = 100 * (report.correct / max(report.in_scope, 1) - bm_ok / max(n_in, 1))
    print(f"engine − BM25, top-1: {gap:+.1f} points")


if __name__ == "__main__":
    main()
