"""How an entry's score is made and read: the signals, their mix, the thresholds that turn a
ranking into *answered*, *suggest* or *fallback*, and what a match carries (used by
:mod:`bot.engine`, tuned by :mod:`bot.evaluation.questions`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from bot.knowledge.model import Entry
from bot.messages import Status

ANSWERED: Final = "answered"
SUGGEST: Final = "suggest"
FALLBACK: Final = "fallback"


@dataclass(frozen=True)
class Signals:
    """What the score of one entry is made of, each in 0–1."""

    phrasing: float  # best phrasing's weighted F-measure of coverage
    union: float     # share of the query covered by all the entry's phrasings together
    answer: float    # share of the query found in the answer text
    fuzzy: float     # rapidfuzz.token_set_ratio with the best phrasing
    accent: float = 0.0  # share of the query whose diacritics contradict the entry's words
    key: float = 0.0     # rarity (IDF, 0–1) of the rarest word pair the query shares with the entry
    prior: float = 1.0   # the entry's tier prior (curated 1 … catalog line 0)
    cover: float = 0.0   # like ``union``, over the query's content words only (no particles)
    covered: frozenset[str] = frozenset()  # the query's content features the entry's phrasings use


@dataclass(frozen=True)
class Mix:
    """Weights of the signals in the final score (they sum to 1); tuned with ``eval --tune``."""

    phrasing: float = 0.35
    union: float = 0.15
    answer: float = 0.10
    fuzzy: float = 0.40
    accent: float = 0.30  # a penalty: subtracted
    key: float = 0.05
    prior: float = 0.05


def combine(signals: list[tuple[str, Signals]], mix: Mix,
            words: Mapping[str, int] | None = None) -> list[tuple[str, float]]:
    """Scores (0–100) from signals, best first; ties broken by the fewer ``words`` of an
    entry's name (the plain procedure before its special case: "Cấp đổi thẻ căn cước" before
    "… do sáp nhập đơn vị hành chính"), then by id so results are stable."""
    ranked = [(eid, round(min(100.0, max(0.0, 100 * (
                  mix.phrasing * s.phrasing + mix.union * s.union + mix.answer * s.answer
                  + mix.fuzzy * s.fuzzy - mix.accent * s.accent + mix.key * s.key
                  + mix.prior * (s.prior - 1)))), 2))
              for eid, s in signals]
    ranked.sort(key=lambda r: (-r[1], words.get(r[0], 0) if words else 0, r[0]))
    return ranked


@dataclass(frozen=True)
class Thresholds:
    """Score cut-offs (0–100), tuned on ``tests/data/eval.tsv`` with ``cchc-bot eval --tune``."""

    answer: float = 53.0
    suggest: float = 53.0
    margin: float = 3.0  # below ``confident``, a runner-up this close turns an answer into suggestions
    confident: float = 60.0
    #: a procedure held back by its tier's bar (a catalog line, a record of another level) but
    #: scoring this much is offered as a choice rather than dropped for the fallback
    offer: float = 58.0


def decide(t: Thresholds, ranked: list[tuple[str, float]]) -> Status:
    """answered, suggest or fallback for a ranking (best first) under thresholds ``t``."""
    if not ranked or ranked[0][1] < t.suggest:
        return FALLBACK
    top = ranked[0][1]
    runner = ranked[1][1] if len(ranked) > 1 else 0.0
    close = top < t.confident and top - runner < t.margin
    return ANSWERED if top >= t.answer and not close else SUGGEST


@dataclass(frozen=True)
class Match:
    """What the engine found for one question."""

    status: Status
    entry: Entry | None
    score: float
    suggestions: tuple[Entry, ...] = ()
    ranked: tuple[tuple[str, float], ...] = ()
    named_locality: str | None = None
    tokens: tuple[str, ...] = ()
    #: a question back because another procedure is as good a reading of the question (the
    #: rival rules of :meth:`bot.engine.Engine.match`, or several procedures fitting a bare name
    #: equally): no later step turns it into an answer
    contested: bool = False


#: Points (0–100) a procedure may trail a general entry (no national record: how the portal,
#: the one-stop desk, VNeID work) by and still make it no clear fit below ``confident``: a general
#: entry that barely clears the bar shares the question's common words ("ở đâu", "nộp hồ sơ",
#: "tuổi"), while a procedure near it shares the words that name the matter.
GENERAL_GAP: Final = 7.0


def raw_rival(lead: str, ranked: list[tuple[str, float]], codes: dict[str, str],
              t: Thresholds) -> bool:
    """Whether another procedure scores (before the tiers' bars) within ``t.margin`` of the
    entry about to be answered, while that is below ``t.confident`` — within
    :data:`GENERAL_GAP` when that entry is a general one and the other a procedure record
    (``codes`` maps each entry's code, or its id when it has none, to the entry)."""
    scores = dict(ranked)
    top = scores.get(lead, 0.0)
    if top >= t.confident:
        return False
    procedures = {eid for key, eid in codes.items() if key != eid}
    gap = GENERAL_GAP if codes.get(lead) == lead else t.margin
    return any(eid != lead and eid in codes.values()
               and s >= top - (gap if eid in procedures else t.margin)
               for eid, s in ranked[:4])
