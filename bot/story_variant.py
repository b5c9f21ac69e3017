"""A variant of the procedure answered that the story around the question names.

In a story the question sentence is often matched alone ("Em muốn đăng ký khai sinh cho bé ở
xã thì xã có làm không?"), while what makes the case a variant of that procedure is told in
another sentence ("Con em sinh ở Nhật, chồng em là người Nhật."). The engine's variant rule
(:func:`bot.variants.variant_asked`) only sees the question; this rule applies the same test
to the whole message: when the story says the very words that make a close variant's name
differ from the answered procedure's ("nước ngoài"), the variant is the case asked about.
Only a variant that qualifies the procedure's name (the name, then "có yếu tố nước ngoài")
is taken from the story: one that names another action on it ("Xóa đăng ký thường trú",
"Gia hạn tạm trú") is a different request, which the question itself must say.
It only moves an answer to a variant of the same procedure name; it never answers a question
back or a fallback.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from bot.scoring import ANSWERED
from bot.textnorm import accented_words
from bot.variants import variant_asked

if TYPE_CHECKING:  # the asker imports this module
    from bot.asking import Part
    from bot.engine import Engine


def story_variant(engine: Engine, text: str, part: Part, locality: str | None) -> Part:
    """``part`` answered with the variant of its procedure that the whole of ``text`` names,
    or ``part`` unchanged."""
    if part.status != ANSWERED or part.entry is None or part.via_context:
        return part
    tokens, named = engine.analyse(text)
    accents = accented_words(text)
    ranked = engine.rank(tokens, named or locality, accents, story=True)
    lead = part.entry.id
    scores = dict(ranked)
    if lead not in scores:
        return part
    # the answered procedure leads; the story's own ranking orders its rivals
    ordered = [(lead, scores[lead]), *[r for r in ranked if r[0] != lead]]
    variant = variant_asked(engine, lead, tokens, ordered, accents)
    if variant is None or not _qualifies(engine, lead, variant):
        return part
    return replace(part, entry=engine.kb.entries[variant], score=max(part.score, scores[variant]))


def _qualifies(engine: Engine, lead: str, variant: str) -> bool:
    """Whether ``variant``'s name is ``lead``'s name followed by more words."""
    def named(eid: str) -> list[str]:  # the name's words that say what it is, in order
        return [t for t in engine.contrasts.title_tokens(eid)
                if t not in engine.stop and t not in engine.generic]
    base, other = named(lead), named(variant)
    return len(other) > len(base) and other[:len(base)] == base
