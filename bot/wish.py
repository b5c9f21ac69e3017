"""A wish told in a story names the goal, not the paper the story mentions on the way.

"Con tôi khai sinh theo dân tộc Kinh của bố, giờ muốn xác định lại theo dân tộc của mẹ. Làm ở
đâu?" names a birth registration (what the paper says) and, after "muốn", what the person wants
done (a civil-status correction). The words after the last "muốn" (up to the end of their
sentence) are what the question is about when, matched alone, they answer a procedure the whole
message also ranks high, and do not name the procedure answered: the answer moves to it (used
by :mod:`bot.steering`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.engine import ANSWERED, Engine

if TYPE_CHECKING:
    from bot.asking import Part

#: "muốn" (typed with or without its diacritics) that tells a wish; "muốn hỏi" only announces
#: the question.
_WISH = re.compile(r"\bmu(?:ốn|on)\b(?!\s+h(?:ỏ|o)i\b)", re.IGNORECASE)
#: Where a sentence or a clause that asks ends.
_END = re.compile(r"[.?!\n;]")
#: Content words a wish needs to name a procedure by itself.
MIN_WORDS = 3
#: A wish that ranks the answered procedure among its first this many names it too: the story's
#: other words (an age, a case) then choose among its variants better than the wish alone.
RIVALS = 3


def wished(engine: Engine, text: str, part: Part, locality: str | None) -> Part:
    """``part`` about the procedure the last wish of ``text`` names (see the module docstring),
    when that is another procedure among the whole message's best ranked; else ``part``."""
    if part.status != ANSWERED or part.entry is None or not part.ranked:
        return part
    found = list(_WISH.finditer(text))
    if not found:
        return part
    start = found[-1].end()
    end = _END.search(text, start)
    clause = text[start:end.start() if end else len(text)].strip(" ,")
    if sum(1 for t in engine.norm.tokens(clause) if t not in engine.stop) < MIN_WORDS:
        return part
    m = engine.match(clause, locality)
    ranked = {eid for eid, _ in part.ranked}
    if m.status != ANSWERED or m.entry is None or m.entry.id == part.entry.id \
            or m.entry.id not in ranked or m.entry.code is None \
            or part.entry.id in {eid for eid, _ in m.ranked[:RIVALS]}:
        return part  # (a wish that also names the answer's procedure does not move it)
    return replace(part, entry=m.entry, score=m.score)
