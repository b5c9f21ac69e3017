"""Variants of a procedure: the sibling whose name is the procedure's name and more.

At catalog scale a base procedure ("Đăng ký tạm trú", "Đăng ký kết hôn") has variants named
after it ("Gia hạn tạm trú", "Đăng ký kết hôn có yếu tố nước ngoài"). The words that make the
variant ("gia hạn", "nước ngoài") are common across the catalog, so they weigh little, and the
base name, wholly inside the question, wins on every signal. When the question says the very
words that make a close variant's name different, the variant is what was asked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.scoring import ANSWERED, SUGGEST

if TYPE_CHECKING:  # the engine imports this module
    from bot.engine import Engine

#: a variant scoring this many points (0–100) below the base may still be what was asked
VARIANT_GAP = 15.0
#: the question's words that make the variant must weigh this much together (IDF)
VARIANT_WORDS = 3.5
#: how many of the best-ranked entries are looked at
VARIANT_DEPTH = 6


def name_words(engine: Engine, eid: str) -> frozenset[str]:
    """The words of an entry's name that say what it is (no particles, no generic verbs)."""
    return frozenset(t for t in engine.contrasts.title_tokens(eid)
                     if t not in engine.stop and t not in engine.generic and not t.isdigit())


def variant_asked(engine: Engine, lead: str, tokens: list[str] | tuple[str, ...],
                  ranked: list[tuple[str, float]] | tuple[tuple[str, float], ...],
                  accents: dict[str, str] | None = None) -> str | None:
    """The close variant of ``lead`` whose name adds to ``lead``'s name words the question
    says ("gia hạn" + "tạm trú" → Gia hạn tạm trú, not Đăng ký tạm trú), or None. ``accents``
    are the question's words typed with diacritics: a word typed otherwise than the variant's
    name writes it is not said ("người yêu" does not say the "yếu tố" of "có yếu tố nước
    ngoài")."""
    entries = engine.kb.entries
    base = entries[lead]
    if base.code is None and base.record is None:
        return None
    own = name_words(engine, lead)
    if len(own) < 2:  # "khai tử" is one word here: too little to be varied on
        return None
    asked = frozenset(tokens)
    known = engine.index.union[engine._row[lead]]
    scores = dict(ranked)
    top = scores.get(lead, 0.0)
    best: tuple[float, str] | None = None
    for eid, score in list(ranked)[:VARIANT_DEPTH]:
        other = entries[eid]
        if eid == lead or score < top - VARIANT_GAP or other.options \
                or (other.code is not None and other.code == base.code):
            continue
        if (other.code is None and other.record is None) or other.tier > base.tier:
            continue
        words = name_words(engine, eid)
        if not own < words:
            continue
        # the words that make the variant, said in the question and unknown to the base's
        # phrasings (a "mẹ", "con" the base's own questions use names no variant)
        spelt = engine.index.accents[engine._row[eid]]
        extra = frozenset(t for t in (words - own) & asked if t not in known
                          and not (accents and t in accents and accents[t] not in spelt.get(t, ())))
        said = sum(engine.weight(t) for t in extra)
        if said < VARIANT_WORDS or any(
                e not in (lead, eid) and entries[e].code is not None
                and len(name_words(engine, e)) > 0 and name_words(engine, e) <= extra
                for e, _ in list(ranked)[:VARIANT_DEPTH]):
            continue  # ("thường trú" is a procedure of its own: "khai sinh và thường trú" is two)
        if best is None or said > best[0]:
            best = (said, eid)
    return best[1] if best else None


def variant_decided(engine: Engine, status: str, judged: list[tuple[str, float]],
                    tokens: list[str], ranked: list[tuple[str, float]],
                    accents: dict[str, str]) -> str | None:
    """The variant of the procedure about to be answered that the question names
    (:func:`variant_asked`); also when the question back would only have been between a
    procedure and that variant of it (``judged``: the best entry of each procedure)."""
    if status == ANSWERED:
        return variant_asked(engine, ranked[0][0], tokens, ranked, accents)
    t = engine.thresholds
    if status != SUGGEST or len(judged) < 2 or judged[0][1] < t.answer or (
            len(judged) > 2 and judged[2][1] >= judged[0][1] - t.margin):
        return None
    (a, _), (b, _) = judged[:2]
    return b if variant_asked(engine, a, tokens, ranked, accents) == b else \
        a if variant_asked(engine, b, tokens, ranked, accents) == a else None
