"""Words that tell sibling procedures apart and exclude each other ("khai sinh" / "khai tử",
"tạm trú" / "tạm vắng"): a question that says one of them is not about an entry whose name
says another of the same group and not the one asked.

The groups are data (``contrasts:`` in ``knowledge/conversation.yaml``); compared folded, as
the normaliser writes tokens.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise

from bot.index import features
from bot.knowledge.model import KnowledgeBase
from bot.scoring import Signals
from bot.textnorm import Normaliser

#: Points a question back may trail one of its own choices by and still be asked (the spread of
#: scores between phrasings of one meaning: "mất giấy khai sinh rồi làm sao" scores 77 on the
#: copy's card and 68 on the question back written for it).
ASK_BACK_GAP = 10.0
#: "kết hợp đăng ký" in an entry's name joins two registrations; words that name neither alone.
JOINED = ("ket", "hop", "dang", "ki")
COMMON = frozenset({"dang", "ki", "cap", "thu", "tuc", "giay", "lam", "va", "cho", "ve", "viec"})
#: ... unless the choice covers a word of the question of this weight (IDF) that it does not.
TELLING = 4.0
#: How far down the ranking a combined entry the question names both halves of is looked for.
JOINED_LOOK = 8
#: ... and the points it goes ahead of the half it joins by (no tie for the ranking to break).
AHEAD = 0.01


def _has(tokens: Sequence[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(tokens[i:i + n]) == phrase for i in range(len(tokens) - n + 1))


class Contrasts:
    """The contrast groups of a knowledge base, and entries' names as tokens (tokenised when
    first asked: the variants and second-question rules read them too)."""

    def __init__(self, kb: KnowledgeBase, norm: Normaliser,
                 phrasings: Callable[[str], Sequence[Sequence[str]]]) -> None:
        self.groups = [tuple(tuple(norm.tokens(p)) for p in group)
                       for group in kb.conversation.get("contrasts", ()) if len(group) > 1]
        self.marked = [(tuple(tuple(norm.tokens(p)) for p in m["name"]),
                        tuple(tuple(norm.tokens(p)) for p in m["asked"]))
                       for m in kb.conversation.get("marked", ())]
        self._kb, self._norm, self._phrasings = kb, norm, phrasings
        self._names: dict[str, tuple[str, ...]] = {}
        self._own: dict[str, tuple[tuple[str, ...], ...]] = {}

    def title_tokens(self, eid: str) -> tuple[str, ...]:
        """The normalised tokens of entry ``eid``'s title."""
        if eid not in self._names:
            self._names[eid] = tuple(self._norm.tokens(self._kb.entries[eid].title))
        return self._names[eid]

    def kept(self, tokens: Sequence[str],
             ranked: list[tuple[str, float]]) -> list[tuple[str, float]]:
        """``ranked`` without the entries a contrast excludes: an entry whose name says a word
        of a group the question says another word of, while neither its name nor any of its
        phrasings says the question's own ("trích lục khai tử" is asked of a card named for
        copies of khai sinh, and its phrasings say khai tử)."""
        ranked = self._joined_first(tokens, [r for r in ranked if self._both_halves(r[0], tokens)
                                             and not self._unasked(r[0], tokens)])
        said = [(group, [p for p in group if _has(tokens, p)]) for group in self.groups]
        said = [(group, asked) for group, asked in said if asked and len(asked) < len(group)]
        if not said:
            return ranked
        return [r for r in ranked if not self._contradicted(r[0], said)]

    def _joined_first(self, tokens: Sequence[str],
                      ranked: list[tuple[str, float]]) -> list[tuple[str, float]]:
        """``ranked`` with a combined entry first, just ahead of the best score, when the best
        procedure is one of the two its name joins and the question names each of them by two words
        side by side ("chưa làm khai sinh mà bố muốn nhận con luôn": "khai sinh" and "nhận
        con" are the birth registration joined with the recognition of a parent)."""
        first = next((eid for eid, _ in ranked if not self._kb.entries[eid].options), None)
        if first is None:
            return ranked
        lead = set(self.title_tokens(first)) - COMMON
        asked = set(pairwise(tokens))
        for eid, _ in ranked[:JOINED_LOOK]:
            name = self.title_tokens(eid)
            cut = next((i for i in range(len(name) - 3) if name[i:i + 4] == JOINED), None)
            if cut is None:
                continue
            halves = [set(name[:cut]) - COMMON, set(name[cut + 2:]) - COMMON]
            if lead and any(lead <= h for h in halves) and all(
                    any(a in h and b in h for a, b in asked) for h in halves):
                return [(eid, ranked[0][1] + AHEAD), *[r for r in ranked if r[0] != eid]]
        return ranked

    def _unasked(self, eid: str, tokens: Sequence[str]) -> bool:
        """Whether entry ``eid``'s name says who it is for ("… cho người nước ngoài") and the
        question says no word of that group (``marked:`` in conversation.yaml): a tenant's
        temporary residence is not a foreigner's."""
        name = self.title_tokens(eid)
        return any(any(_has(name, p) for p in said) and not any(_has(tokens, p) for p in asked)
                   for said, asked in self.marked)

    def _both_halves(self, eid: str, tokens: Sequence[str]) -> bool:
        """Whether the question says a word of each procedure a combined entry's name joins
        ("Đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con"): "nhận cha cho con" alone is
        the recognition of a parent, not the birth registration joined with it."""
        name = self.title_tokens(eid)
        cut = next((i for i in range(len(name) - 3) if name[i:i + 4] == JOINED), None)
        if cut is None:
            return True
        asked = set(tokens)
        return all(asked & (set(half) - COMMON) for half in (name[:cut], name[cut + 2:]))

    def _contradicted(self, eid: str,
                      said: list[tuple[tuple[tuple[str, ...], ...], list[tuple[str, ...]]]]) -> bool:
        name = self.title_tokens(eid)
        for group, asked in said:
            if any(_has(name, p) for p in group) and not any(
                    _has(t, p) for t in (name, *self._curated(eid)) for p in asked):
                return True
        return False

    def _curated(self, eid: str) -> Sequence[Sequence[str]]:
        """An entry's own phrasings: a card's curated questions, not the official name of its
        record, whose long list of cases ("… người khuyết tật nhẹ là thế hệ thứ ba …") says
        words of other procedures' cases."""
        entry = self._kb.entries[eid]
        source = entry.record or entry.catalog
        if not entry.questions or source is None:
            return self._phrasings(eid)
        if eid not in self._own:
            official = tuple(self._norm.tokens(source.name))
            official = official[2:] if official[:2] == ("thu", "tuc") else official
            self._own[eid] = tuple(t for t in (tuple(self._norm.tokens(q)) for q in entry.questions)
                                   if t != official)
        return self._own[eid]

    def asked_back(self, tokens: Sequence[str], ranked: list[tuple[str, float]],
                   signals: Mapping[str, Signals], weight: Callable[[str], float]) -> list[tuple[str, float]]:
        """``ranked`` with a question back written for the lead's ambiguity first: when the
        lead procedure is one of the choices of a question back ("mất giấy khai sinh": a copy,
        or registering again) that scores within :data:`ASK_BACK_GAP` points of it, the
        question reads as that ambiguity — unless it names the lead whole ("đăng ký khai
        sinh"), or the lead's phrasings cover a telling word of it that the question back's do
        not: a rare one, or one of the lead's name or choice label ("bản sao" picks the copy)."""
        if not ranked or self._kb.entries[ranked[0][0]].options:
            return ranked
        lead, top = ranked[0]
        name = self.title_tokens(lead)
        if _has(tokens, tuple(t for t in name if t not in ("thu", "tuc"))):
            return ranked
        for eid, score in ranked[1:6]:
            entry = self._kb.entries[eid]
            labels = [label for label, o in entry.options if o == lead]
            if score < top - ASK_BACK_GAP or not labels:
                continue
            own = set(features(name)) | {f for label in labels for f in features(self._norm.tokens(label))}
            extra = signals[lead].covered - signals[eid].covered if eid in signals else frozenset()
            if not any(f in own or weight(f) >= TELLING for f in extra):
                return [(eid, top), *[r for r in ranked if r[0] != eid]]
        return ranked
