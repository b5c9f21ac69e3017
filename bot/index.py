"""The search index over the knowledge base, built once and cached on disk.

Every entry contributes *features*: its words and word pairs (Vietnamese meaning lives in
two-syllable words) from its phrasings (the questions, or a procedure's name) and, more weakly,
from its answer text. The index keeps, per entry, the phrasings' token sequences, the feature
sets and the accented spellings; and, for candidate retrieval, one sparse matrix
(entries × features, scipy CSC) so that scoring a question against all entries is a handful of
column sums whatever the number of entries.

Building the index for the whole catalog (~7,000 entries) takes a few seconds in pure Python;
:func:`load_index` caches it with :mod:`pickle` under a key made from the knowledge's content
hash and :data:`VERSION`, so later starts only unpickle it.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import math
import os
import pickle
import tempfile
import threading
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
from scipy import sparse

from bot.knowledge.model import Entry, KnowledgeBase
from bot.textnorm import Normaliser, accented_words, fold, ngrams

log = logging.getLogger(__name__)

#: Bump when the index's shape or the way features are made changes (invalidates caches).
VERSION = "11"
#: Weight in the retrieval matrix of a feature found only in an entry's answer text.
ANSWER_WEIGHT = 0.35


def features(tokens: list[str] | tuple[str, ...]) -> list[str]:
    """Words and word pairs of a token sequence."""
    return [*tokens, *ngrams(tokens, 2)]


def answer_text(entry: Entry) -> str:
    """The text of an entry's answer that questions may be matched against.

    For an official record that is the name, field and results (never the document lists:
    they name other procedures' papers and would pull unrelated questions in). A question
    back (an entry with options) has none: it names the procedures it offers, not itself."""
    if entry.options:
        return ""
    if entry.record is not None:
        r = entry.record
        return "\n".join([r.name, r.field, *r.results])
    if entry.catalog is not None:
        return "\n".join([entry.catalog.name, *entry.catalog.fields])
    proc = entry.procedure
    if proc is None:
        return entry.answer
    parts: list[str] = [proc.name]
    for fact in [proc.authority, proc.documents, proc.time_limit, proc.fee, proc.notes,
                 *proc.ways.values()]:
        if isinstance(fact.value, tuple):
            parts.extend(fact.value)
        elif fact.value:
            parts.append(fact.value)
    return "\n".join(parts)


@dataclass
class Index:
    """What the engine matches against; row ``i`` of every list is entry ``ids[i]``."""

    ids: list[str]
    phrasings: list[list[tuple[str, ...]]]
    union: list[frozenset[str]]
    answer: list[frozenset[str]]
    accents: list[dict[str, frozenset[str]]]
    idf: dict[str, float]
    max_idf: float
    vocab: list[str]
    feature_ids: dict[str, int]
    matrix: sparse.csc_matrix  # entries × features: 1 for a phrasing feature, ANSWER_WEIGHT else

    @property
    def size(self) -> int:
        return len(self.ids)

    def __getstate__(self) -> dict[str, object]:
        """The fields without what is computed on first use (``_exact``), copied at once: the
        cache is written by a thread beside start-up while the first questions may fill it
        (pickling the live ``__dict__`` then fails with "dictionary changed size")."""
        state = self.__dict__.copy()
        state.pop("_exact", None)
        return state

    @cached_property
    def _exact(self) -> dict[str, frozenset[int]]:
        out: dict[str, set[int]] = defaultdict(set)
        for row, docs in enumerate(self.phrasings):
            for doc in docs:
                out[" ".join(doc)].add(row)
        return {k: frozenset(v) for k, v in out.items()}

    def asked_back(self, text: str, entries: Mapping[str, Entry]) -> frozenset[int]:
        """Rows of the questions back (entries with ``options``) one of whose phrasings is
        exactly ``text`` (joined words): a bare "đăng ký" meets the question back written for
        it however common its words are among thousands of entries."""
        return frozenset(r for r in self._exact.get(text, ()) if entries[self.ids[r]].options)


def asking_phrases(kb: KnowledgeBase, norm: Normaliser) -> list[tuple[str, ...]]:
    """The folded phrases that only ask ("cần gì", "ở đâu", "mất bao lâu"; ``asking`` in
    ``conversation.yaml``), longest first."""
    # a phrase the synonyms turn into a topic word ("giấy tờ gì" → "hồ sơ") is not stripped;
    # one they turn into another asking phrase ("mấy ngày" → "bao lâu") is
    phrases = kb.conversation.get("asking", ())
    literal = {tuple(fold(p).split()) for p in phrases}
    out = {t for t in (tuple(norm.tokens(p)) for p in phrases) if t in literal}
    return sorted(out, key=len, reverse=True)


@lru_cache(maxsize=8)
def _first_words(phrases: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    return frozenset(p[0] for p in phrases)


def without_asking(tokens: tuple[str, ...] | list[str],
                   phrases: list[tuple[str, ...]]) -> tuple[str, ...]:
    """``tokens`` without the phrases that only ask, so that a question and a phrasing are
    matched on what they are about ("khai sinh cần gì" is no closer to "sửa giấy khai sinh
    cần gì" than to "đăng ký khai sinh"). Unchanged when nothing else would be left."""
    first = _first_words(tuple(phrases))
    out: list[str] = []
    i = 0
    while i < len(tokens):
        hit = None if tokens[i] not in first else next(
            (p for p in phrases if tuple(tokens[i:i + len(p)]) == p), None)
        if hit is None:
            out.append(tokens[i])
            i += 1
        else:
            i += len(hit)
    return tuple(out) if out else tuple(tokens)


def build_index(kb: KnowledgeBase, norm: Normaliser) -> Index:
    """Index every entry of ``kb`` (see the module docstring)."""
    asking = asking_phrases(kb, norm)
    ids = list(kb.entries)
    phrasings: list[list[tuple[str, ...]]] = []
    union: list[frozenset[str]] = []
    answer: list[frozenset[str]] = []
    accents: list[dict[str, frozenset[str]]] = []
    df: dict[str, int] = defaultdict(int)
    cache: dict[str, tuple[str, ...]] = {}

    def toks(text: str) -> tuple[str, ...]:
        if text not in cache:
            cache[text] = tuple(norm.tokens(text))
        return cache[text]

    def asked(text: str) -> tuple[str, ...]:
        return without_asking(toks(text), asking)

    for eid in ids:
        entry = kb.entries[eid]
        ph = list(dict.fromkeys(t for t in (asked(q) for q in entry.phrasings) if t))
        u = frozenset(f for t in ph for f in features(t))
        a = frozenset(features(toks(answer_text(entry)))) - u
        acc: dict[str, set[str]] = {}
        for text in (*entry.phrasings, answer_text(entry)):
            for folded, key in accented_words(text).items():
                acc.setdefault(folded, set()).add(key)
        phrasings.append(ph)
        union.append(u)
        answer.append(a)
        accents.append({k: frozenset(v) for k, v in acc.items()})
        for f in u | a:
            df[f] += 1
    n = max(len(ids), 1)
    idf = {f: math.log(1 + n / c) for f, c in df.items()}
    feature_ids = {f: i for i, f in enumerate(sorted(df))}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for row, (u, a) in enumerate(zip(union, answer, strict=True)):
        for f in u:
            rows.append(row)
            cols.append(feature_ids[f])
            vals.append(1.0)
        for f in a:
            rows.append(row)
            cols.append(feature_ids[f])
            vals.append(ANSWER_WEIGHT)
    matrix = sparse.csc_matrix((np.array(vals, dtype=np.float32), (rows, cols)),
                               shape=(len(ids), max(len(feature_ids), 1)))
    vocab = sorted(f for f in df if " " not in f)
    return Index(ids, phrasings, union, answer, accents, idf, math.log(1 + n), vocab,
                 feature_ids, matrix)


@lru_cache(maxsize=1)
def _code_hash() -> bytes:
    """SHA-256 over the modules that shape the cached knowledge and index (this one, the
    normaliser, the knowledge loaders), so a code change invalidates the cache even when
    :data:`VERSION` was not bumped (several checkouts share one cache folder)."""
    here = Path(__file__).parent
    h = hashlib.sha256()
    for path in sorted([here / "index.py", here / "textnorm.py", *(here / "knowledge").rglob("*.py")]):
        h.update(path.read_bytes())
    return h.digest()


def content_hash(root: Path) -> str:
    """SHA-256 over every file of a knowledge folder (names and bytes), :data:`VERSION` and
    the code that builds from it."""
    h = hashlib.sha256(VERSION.encode())
    h.update(_code_hash())
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(root)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _read_cache(path: Path) -> object | None:
    collecting = gc.isenabled()
    gc.disable()  # unpickling ~10^6 small objects: the collector would run hundreds of times
    try:
        with path.open("rb") as f:
            data: object = pickle.load(f)
        return data
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, ImportError):
        return None
    finally:
        if collecting:
            gc.enable()


def _write_cache(cache_dir: Path, path: Path, value: object, prefix: str) -> None:
    try:
        cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in cache_dir.glob(f"{prefix}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as exc:  # a read-only cache folder only costs the next start some time
        log.warning("could not cache the search index in %s: %s", cache_dir, exc)


def load_index(kb: KnowledgeBase, norm: Normaliser, cache_dir: Path | None) -> Index:
    """The index of ``kb``: from ``cache_dir`` when a copy for the same knowledge content is
    there, else built (and written there). ``cache_dir=None`` always builds."""
    if cache_dir is None or not kb.root:
        return build_index(kb, norm)
    path = cache_dir / f"index-{content_hash(Path(kb.root))[:24]}.pickle"
    index = _read_cache(path)
    if isinstance(index, Index) and index.ids == list(kb.entries):
        return index
    index = build_index(kb, norm)
    _write_cache(cache_dir, path, index, "index")
    return index


def load_indexed(root: Path, cache_dir: Path | None,
                 load: Callable[[Path], KnowledgeBase]) -> tuple[KnowledgeBase, Index | None]:
    """The knowledge of ``root`` and its index, both from one cached file when the folder's
    content has not changed since it was written (start-up then skips parsing and indexing);
    else ``load(root)`` (which validates) and ``None`` for the index, to be built and saved
    with :func:`save_indexed`."""
    if cache_dir is None:
        return load(root), None
    path = cache_dir / f"kb-{content_hash(root)[:24]}.pickle"
    cached = _read_cache(path)
    if isinstance(cached, tuple) and len(cached) == 2 and isinstance(cached[1], Index):
        kb, index = cached
        if isinstance(kb, KnowledgeBase) and index.ids == list(kb.entries):
            return kb, index
    return load(root), None


def save_indexed(root: Path, cache_dir: Path | None, kb: KnowledgeBase, index: Index) -> None:
    """Write what :func:`load_indexed` reads back."""
    if cache_dir is not None:
        path = cache_dir / f"kb-{content_hash(root)[:24]}.pickle"
        # written beside start-up (the file appears whole, by rename, or not at all); the
        # interpreter waits for the thread at exit, so a one-shot command still leaves it
        threading.Thread(target=_write_cache, args=(cache_dir, path, (kb, index), "kb"),
                         name="cchc-index-cache").start()
