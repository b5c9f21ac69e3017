"""A situation a story states picks the case of its procedure.

A citizen's story tells the case before it asks: "Con em sinh bên Nhật, chồng em là người
Nhật. … Đăng ký khai sinh cho bé ở xã được không?" asks about registering a birth, and the
story says which registration: the one with a foreign element. The question alone ranks the
plain procedure first; its sibling named for the situation ("Đăng ký khai sinh có yếu tố nước
ngoài") is the one that answers.

The situations are data (``situations:`` in ``knowledge/conversation.yaml``): the words an
entry's name adds to its sibling's (``name``) and the phrases of a message that state the case
(``said``), in which "…" stands for up to :data:`GAP` other words, or ``within`` ("sinh … nước
ngoài" is said by "sinh ra ở nước ngoài" and, through the synonyms, by "sinh bé bên Đài Loan").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from itertools import pairwise
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from bot.engine import ANSWERED, SUGGEST, Engine
from bot.knowledge.model import Entry
from bot.textnorm import says

if TYPE_CHECKING:  # the asker imports this module's caller
    from bot.asking import Part

#: How many other words "…" in a ``said`` phrase stands for ("sinh cháu bên [nước ngoài]"): a
#: verb and its place within one short clause, not a word at one end of a sentence and a place
#: at the other ("sinh năm 1990, đi lao động nước ngoài về" says no birth abroad).
GAP = 2
#: Words an entry's name may open with that say nothing of its case.
_OPENING = ("thu", "tuc")

#: The runs of a ``said`` phrase, between its gaps (read by :func:`bot.textnorm.says`).
Phrase = tuple[tuple[str, ...], ...]

#: The situations of each engine's knowledge, built when first asked.
_BUILT: WeakKeyDictionary[Engine, Situations] = WeakKeyDictionary()


class Situations:
    """The situations of a knowledge base, with each entry's sibling for each of them."""

    def __init__(self, engine: Engine, items: Sequence[Mapping[str, Any]]) -> None:
        self._engine = engine
        norm = engine.norm
        self._said: list[tuple[Phrase, ...]] = []
        self._gaps = [int(item.get("within") or GAP) for item in items]
        self._siblings: list[dict[tuple[str, ...], Entry]] = []
        names = [tuple(tuple(norm.tokens(p)) for p in item.get("name", ())) for item in items]
        for item in items:
            self._said.append(tuple(tuple(tuple(norm.tokens(run)) for run in p.split("…") if run.strip())
                                    for p in item.get("said", ())))
            self._siblings.append({})
        # an entry whose name says a situation's words is the sibling, for that situation, of
        # the entry named by the rest ("Đăng ký khai tử" + "có yếu tố nước ngoài", "Đăng ký
        # [lại] khai sinh"); of two with one name, the curated card (the lowest tier)
        for entry in sorted(engine.kb.entries.values(), key=lambda e: (e.tier, e.id), reverse=True):
            if entry.options or not entry.code:
                continue
            title = self._title(entry)
            for marks_of, siblings in zip(names, self._siblings, strict=True):
                for mark in marks_of:
                    for i in range(1, len(title) - len(mark) + 1):  # never the name's first word
                        if title[i:i + len(mark)] == mark:  # the rest read again ("kết hôn")
                            rest = " ".join(title[:i] + title[i + len(mark):])
                            siblings[tuple(norm.tokens(rest))] = entry

    def _title(self, entry: Entry) -> tuple[str, ...]:
        title = tuple(self._engine.norm.tokens(entry.title))
        return title[len(_OPENING):] if title[:len(_OPENING)] == _OPENING else title

    @classmethod
    def of(cls, engine: Engine) -> Situations:
        """The situations of ``engine``'s knowledge (``kb.conversation``), built once."""
        if engine not in _BUILT:
            _BUILT[engine] = cls(engine, engine.kb.conversation.get("situations", ()))
        return _BUILT[engine]

    def sibling(self, text: str, entry: Entry) -> Entry | None:
        """The sibling of ``entry`` for a situation ``text`` states, or None."""
        if entry.options or not entry.code:
            return None
        title = self._title(entry)
        tokens: list[str] | None = None
        for said, siblings, gap in zip(self._said, self._siblings, self._gaps, strict=True):
            other = siblings.get(title)
            if other is None or other.code == entry.code:
                continue
            tokens = tokens if tokens is not None else self._engine.norm.tokens(text)
            if any(says(tokens, p, gap) for p in said):
                return other
        return None


def in_situation(engine: Engine, text: str, part: Part) -> Part:
    """``part`` answered with the sibling of its entry for the situation the message states
    (see the module docstring); else ``part``."""
    if part.status != ANSWERED or part.entry is None:
        return part
    other = Situations.of(engine).sibling(text, part.entry)
    return part if other is None else replace(part, entry=other)


def _pairs(tokens: Sequence[str]) -> set[tuple[str, str]]:
    return set(pairwise(tokens))


def case_told(engine: Engine, sentences: Sequence[str], question: str, part: Part) -> Part:
    """``part`` answered with the one choice of its question back that the story's other
    sentences name: "… cần bản sao bằng tốt nghiệp có chứng thực. Ra phường chứng thực thì
    tốn bao nhiêu?" asks which chứng thực only in ``question``; the story said "bản sao". A
    choice is named by two words side by side of its label that no other choice's label says,
    nor the question back's own name or phrasings (single words are too loose: "bản" folds to
    "bạn"); when the story names none, or more than one, the question back stays."""
    clarifier = part.entry
    if part.status != SUGGEST or clarifier is None or not clarifier.options or len(sentences) < 2:
        return part
    norm = engine.norm
    offered = {e.id for e in part.suggestions} or {eid for _, eid in clarifier.options}
    # words the question back's own name and phrasings say name its matter, not a case
    # ("hộ kinh doanh" in every choice about a business)
    matter = set().union(*(_pairs(norm.tokens(q)) for q in (clarifier.title, *clarifier.questions)))
    labels = [(_pairs(norm.tokens(label)) - matter, eid) for label, eid in clarifier.options
              if eid in engine.kb.entries and eid in offered]
    told = set().union(*(_pairs(norm.tokens(s)) for s in sentences if s != question))
    named = [eid for i, (pairs, eid) in enumerate(labels)
             if (pairs - set().union(*(p for j, (p, _) in enumerate(labels) if j != i))) & told]
    if len(named) != 1:
        return part
    return replace(part, status=ANSWERED, entry=engine.kb.entries[named[0]], suggestions=())
