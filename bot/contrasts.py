"""Words that tell sibling procedures apart and exclude each other ("khai sinh" / "khai tử",
"tạm trú" / "tạm vắng"): a question that says one of them is not about an entry whose name
says another of the same group and not the one asked.

The groups are data (``contrasts:`` in ``knowledge/conversation.yaml``); compared folded, as
the normaliser writes tokens.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.knowledge.model import KnowledgeBase
from bot.textnorm import Normaliser


def _has(tokens: Sequence[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(tokens[i:i + n]) == phrase for i in range(len(tokens) - n + 1))


class Contrasts:
    """The contrast groups of a knowledge base, and each entry's name tokens."""

    def __init__(self, kb: KnowledgeBase, norm: Normaliser,
                 phrasings: Callable[[str], Sequence[Sequence[str]]]) -> None:
        self.groups = [tuple(tuple(norm.tokens(p)) for p in group)
                       for group in kb.conversation.get("contrasts", ()) if len(group) > 1]
        self._names = {eid: tuple(norm.tokens(e.title)) for eid, e in kb.entries.items()} \
            if self.groups else {}
        self._phrasings = phrasings

    def contradicted(self, tokens: Sequence[str], eid: str) -> bool:
        """Whether entry ``eid``'s name says a word of a group the question says another
        word of, and neither its name nor any of its phrasings says the question's own
        ("trích lục khai tử" is asked of a card named for copies of khai sinh)."""
        name = self._names.get(eid, ())
        for group in self.groups:
            asked = [p for p in group if _has(tokens, p)]
            if not asked or len(asked) == len(group) or not any(_has(name, p) for p in group):
                continue
            if not any(_has(t, p) for t in (name, *self._phrasings(eid)) for p in asked):
                return True
        return False
