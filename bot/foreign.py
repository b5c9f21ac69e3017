"""A foreign party or a foreign birth, marriage or death stated anywhere in a message makes its
civil-status question the procedure "… có yếu tố nước ngoài".

A citizen tells the foreign element in the story and asks in the plain words of the domestic
procedure: "Chồng em là người Hàn, tụi em sống ở Lào Cai. Đăng ký kết hôn làm ở xã được
không?", "Bé sinh bên Nhật, giờ về nước. Làm khai sinh ở đâu?". The question sentence alone
names "Đăng ký kết hôn"; the story says what makes it another procedure, with other papers and
(before 1/7/2025) another office. The synonyms already read a foreign country, nationality or
"Việt kiều" as "nước ngoài" (``knowledge/synonyms.yaml``).

The rule: when the message says "nước ngoài" and the part is answered with a procedure whose
name lacks it, while a procedure ranked for the whole message is named as that one plus only
"có yếu tố nước ngoài" ("Đăng ký khai tử" → "Đăng ký khai tử có yếu tố nước ngoài"), the
answer is that variant. It only moves an answer to a sibling the whole message ranks; it never
makes an answer of a question back or a fallback.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from bot.engine import ANSWERED, Engine
from bot.textnorm import phrase_starts
from bot.variants import name_words

if TYPE_CHECKING:  # the asker imports this module
    from bot.asking import Part

#: The folded words of "nước ngoài" as the normaliser writes a foreign element.
FOREIGN = ("nuoc", "ngoai")
#: The words a variant's name adds to its base's: "(có) yếu tố nước ngoài" — not "ở nước
#: ngoài" ("Nhập quốc tịch Việt Nam ở nước ngoài" is done abroad, not with a foreign party).
_MARKS = frozenset({"co", "yeu", "to", *FOREIGN})
_ELEMENT = frozenset({"yeu", "to", *FOREIGN})
#: How many of the whole message's ranked entries are looked at for the variant.
_DEPTH = 12
#: Words shortly before "nước ngoài" that make it a party or an event of the civil-status
#: matter: a spouse or partner ("chồng", "vợ", "bạn gái", "người yêu"), a birth, death or
#: marriage there ("sinh", "mất", "chết", "kết hôn"), a nationality or residence ("quốc tịch",
#: "định cư").
_PARTY = frozenset({"chong", "vo", "gai", "trai", "yeu", "sinh", "mat", "chet", "hon", "tich", "cu", "kieu"})
#: … and words that do so only right before it: "người nước ngoài", "là nước ngoài" (not
#: "người Việt ở nước ngoài về", the citizen's own stay).
_NEXT_TO = frozenset({"nguoi", "la"})
#: … unless a journey or a stay for work or study comes between ("đi làm ở Hàn về", "đi du
#: học nước ngoài"): the citizen's own travel is no foreign element of the matter.
_TRAVEL = frozenset({"di", "hoc", "lam", "dong", "tac", "ve"})
#: How many words before "nước ngoài" are read.
_BEFORE = 3


def says_foreign(tokens: list[str]) -> bool:
    """Whether normalised ``tokens`` state a foreign party or event: "nước ngoài" (a foreign
    country, person or birth) right after a word of :data:`_NEXT_TO`, or shortly after a word
    of :data:`_PARTY` with no word of travel between."""
    for at in phrase_starts(tokens, FOREIGN):
        if at and tokens[at - 1] in _NEXT_TO:
            return True
        before = tokens[max(0, at - _BEFORE):at]
        for word in reversed(before):
            if word in _TRAVEL:
                break
            if word in _PARTY:
                return True
    return False


def foreign_variant(engine: Engine, text: str, part: Part, locality: str | None) -> Part:
    """``part`` answered with the foreign-element variant of its procedure when ``text`` states
    a foreign element (see the module docstring); else ``part``."""
    entry = part.entry
    if part.status != ANSWERED or entry is None or entry.options or entry.code is None:
        return part
    base = name_words(engine, entry.id)
    if not base or base & set(FOREIGN):
        return part
    tokens, _ = engine.analyse(text)
    if not says_foreign(tokens):
        return part
    ranked = engine.rank(tokens, locality, story=True)
    for eid, score in ranked[:_DEPTH]:
        other = engine.kb.entries[eid]
        if other.options or other.code is None or other.code == entry.code:
            continue
        words = name_words(engine, eid)
        extra = words - base
        if base < words and _ELEMENT <= extra <= _MARKS:
            return replace(part, entry=other, score=score,
                           ranked=tuple([(eid, score), *[r for r in ranked[:5] if r[0] != eid]]))
    return part
