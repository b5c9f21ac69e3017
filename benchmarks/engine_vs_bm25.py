"""The answer engine against a plain BM25 baseline on the full bundled knowledge, in one run.

    python benchmarks/engine_vs_bm25.py [tests/data/eval.tsv]

Prints, for the bundled knowledge (curated entries, every national record and the whole
catalog, several thousand entries):

* start-up: loading and indexing from nothing, and from the index cache (both in a fresh
  process), and the resident memory of the process;
* per question: the engine's latency (p50 / p99) and BM25's on the same questions;
* accuracy on the labelled set: the engine's answer versus BM25's top entry.

Baseline: ``bm25s`` (BM25, Lucene variant) over the same text the engine reads — each entry's
phrasings and answer text, folded and normalised by the engine's own
:class:`~bot.textnorm.Normaliser` (diacritics, teencode, synonyms) — so the comparison is
between ranking methods, not between normalisations. BM25's fallback cut-off is searched on
the same set, the way the engine's thresholds were tuned, so neither side is handicapped.
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bm25s
import numpy as np

from bot.app import build_engine
from bot.config import BUNDLED_KNOWLEDGE
from bot.evaluation.questions import evaluate, read_cases
from bot.index import answer_text
from bot.knowledge.load import load_knowledge

ROOT = Path(__file__).resolve().parent.parent
STARTUP = ("import time; t = time.perf_counter(); from pathlib import Path; "
           "from bot.config import load_settings; from bot.app import load_engine; "
           "kb, engine, _ = load_engine(load_settings()); "
           "import resource; print(time.perf_counter() - t, "
           "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, len(kb.entries))")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.node()} — {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def startup(cache: Path) -> tuple[float, int, int]:
    env = {**os.environ, "CCHC_CACHE_DIR": str(cache), "CCHC_DATA_DIR": str(cache / "data")}
    out = subprocess.run([sys.executable, "-c", STARTUP], env=env, capture_output=True,
                         text=True, check=True, cwd=ROOT).stdout.split()
    return float(out[0]), int(out[1]), int(out[2])


def pct(a: float, b: float) -> str:
    return f"{100 * a / b:5.1f}%" if b else "  n/a"


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "data" / "eval.tsv"
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        cold = startup(Path(tmp))
        warm = startup(Path(tmp))
    print(f"bundled knowledge: {cold[2]} entries")
    print(f"start-up, load + index, nothing cached: {cold[0]:.2f} s (RSS {cold[1]} MB)")
    print(f"start-up, load + index, from the cache: {warm[0]:.2f} s (RSS {warm[1]} MB)")

    kb = load_knowledge(BUNDLED_KNOWLEDGE)
    engine, _ = build_engine(kb)
    cases = read_cases(path, kb.entries)
    evaluate(engine, cases[:20])  # warm caches, as in a running bot
    report = evaluate(engine, cases)

    ids = list(kb.entries)
    started = time.perf_counter()
    corpus = [engine.norm.tokens(" ".join([*kb.entries[i].phrasings, answer_text(kb.entries[i])]))
              for i in ids]
    retriever = bm25s.BM25()
    retriever.index(corpus, show_progress=False)
    bm25_build = time.perf_counter() - started
    scored: list[tuple[bool, bool, float, float]] = []
    for case in cases:
        t = time.perf_counter()
        query = engine.norm.tokens(case.question)
        docs, scores = retriever.retrieve([query], k=1, show_progress=False) if query else \
            (np.array([[0]]), np.array([[0.0]]))
        elapsed = (time.perf_counter() - t) * 1000
        top = ids[int(docs[0][0])]
        scored.append((case.in_scope, top == case.expected, float(scores[0][0]), elapsed))
    n_in = sum(1 for c in cases if c.in_scope)
    n_out = len(cases) - n_in
    best_cut, best_value = 0.0, -1.0
    for cut in sorted({s for _, _, s, _ in scored}):
        ok = sum(1 for ins, hit, s, _ in scored if ins and hit and s >= cut)
        fb = sum(1 for ins, _, s, _ in scored if not ins and s < cut)
        if ok / max(n_in, 1) + fb / max(n_out, 1) > best_value:
            best_cut, best_value = cut, ok / max(n_in, 1) + fb / max(n_out, 1)
    bm_ok = sum(1 for ins, hit, s, _ in scored if ins and hit and s >= best_cut)
    bm_fb = sum(1 for ins, _, s, _ in scored if not ins and s < best_cut)
    lat = sorted(x[3] for x in scored)
    print(f"BM25 index build (same entries): {bm25_build:.2f} s")
    print(f"evaluation set: {path.name} — {len(cases)} questions ({n_in} in scope, {n_out} out of scope)")
    print(f"{'':32}{'engine':>10}{'BM25':>10}")
    print(f"{'top-1 (answered correctly)':32}{pct(report.correct, report.in_scope):>10}"
          f"{pct(bm_ok, n_in):>10}")
    print(f"{'out of scope → fallback':32}{pct(report.oos_fallback, report.oos):>10}{pct(bm_fb, n_out):>10}")
    print(f"{'latency p50 (ms)':32}{report.p50:>10.2f}{statistics.median(lat):>10.2f}")
    print(f"{'latency p99 (ms)':32}{report.p99:>10.2f}{lat[int(0.99 * (len(lat) - 1))]:>10.2f}")
    gap = 100 * (report.correct / max(report.in_scope, 1) - bm_ok / max(n_in, 1))
    print(f"engine − BM25, top-1: {gap:+.1f} points")
    print(f"this process: RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")


if __name__ == "__main__":
    main()
