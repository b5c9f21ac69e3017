"""The place a citizen names when asked for their locality, among the configured localities.

Since 1/7/2025 local government has two tiers: the province and the commune (xã, phường,
đặc khu). A citizen picks or types their commune. The former districts that issued some seed
plans stay in ``localities.yaml`` (level ``huyen``) as those plans' issuers, for reports; they
are never offered in the picker, and a citizen who types one is told it is no longer a tier of
government.

:meth:`Places.find` reads what was typed at the locality prompt ("xã kỳ lạc", "phuong ben
nghe", "Tôi ở phường Bến Nghé"): a configured commune (with or without diacritics, small typos
forgiven), a place that is not served yet, or ``None`` when the text does not read as a place
name (a question typed instead, say). A place never becomes an unanswered question.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from bot.knowledge.model import KnowledgeBase, Locality
from bot.textnorm import clean, fold

#: Levels of the communes a citizen picks (two-tier local government).
COMMUNE_LEVELS = frozenset({"xa", "phuong", "dac-khu"})
#: Folded words that name a level of government, longest first.
LEVEL_WORDS = ("dac khu", "thi tran", "thi xa", "thanh pho", "xa", "phuong", "huyen", "quan",
               "tinh", "tp")
#: Folded lead-ins before a place name ("tôi ở …").
LEAD_INS = ("toi song o", "toi dang o", "nha toi o", "toi o", "em o", "minh o", "o tai", "tai", "o")
#: Folded words that make a text a question rather than a place name.
QUESTION_WORDS = frozenset({"nao", "gi", "dau", "khong", "ko", "giup", "hoi", "duoc", "nhieu"})
MAX_NAME_WORDS = 5
FUZZY = 88.0  # rapidfuzz ratio for a typo in a longer name ("dan tin")


@dataclass(frozen=True)
class Place:
    """What a person typed at the locality prompt."""

    code: str | None  # the configured commune, or None (national information)
    note: str | None = None  # what to tell the person before the locality is set


@dataclass(frozen=True)
class _Name:
    words: tuple[str, ...]  # the name without its level word, lower case, NFC
    folded: str
    locality: Locality


def _words(text: str) -> list[str]:
    """The words of ``text`` (NFC, case kept, punctuation dropped)."""
    text = unicodedata.normalize("NFC", clean(text, 200))
    return "".join(ch if ch.isalnum() else " " for ch in text).split()


def _same_words(typed: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """Folded alike, and every word typed with diacritics written as in the name."""
    return len(typed) == len(name) and all(
        fold(t) == fold(n) and (fold(t) == t or t == n) for t, n in zip(typed, name, strict=True))


def _strip(words: list[str], heads: tuple[str, ...]) -> tuple[str | None, list[str]]:
    """The head (one of ``heads``, folded) the words start with, and the words after it."""
    folded = [fold(w) for w in words]
    for head in heads:
        size = len(head.split())
        if " ".join(folded[:size]) == head and len(words) > size:
            return head, words[size:]
    return None, words


def _typo(typed: str, name: str) -> bool:
    """A name typed with a slip: close by rapidfuzz's ratio, or one letter off in a name of
    five letters or more ("ki lak" for "ki lac", whose ratio is only 83)."""
    return fuzz.ratio(typed, name) >= FUZZY or (len(name) >= 5 and Levenshtein.distance(typed, name) <= 1)


class Places:
    """The configured localities as places a citizen can name."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.names: list[_Name] = []
        for loc in kb.localities.values():
            if loc.example:
                continue
            for name in dict.fromkeys((loc.name, *loc.aliases)):
                _, core = _strip([w.lower() for w in _words(name)], LEVEL_WORDS)
                self.names.append(_Name(tuple(core), " ".join(fold(w) for w in core), loc))

    def pickable(self) -> list[Locality]:
        """The communes offered in the locality picker."""
        return [loc for loc in self.kb.localities.values()
                if loc.level in COMMUNE_LEVELS and not loc.example]

    def find(self, text: str) -> Place | None:
        """The place ``text`` names, or None when it does not read as a place name."""
        _, words = _strip(_words(text), LEAD_INS)
        level, core = _strip(words, LEVEL_WORDS)
        if not core or len(core) > MAX_NAME_WORDS:
            return None
        typed = tuple(w.lower() for w in core)
        folded = " ".join(fold(w) for w in typed).replace("y", "i")
        exact = [n for n in self.names if _same_words(typed, n.words)]
        close = exact or [n for n in self.names if len(n.words) == len(typed)
                          and _typo(folded, n.folded.replace("y", "i"))]
        if close:
            return self._known(close, level)
        proper = all(w[:1].isupper() for w in core)  # "Bến Nghé" typed without "phường"
        if (level is None and not proper) or QUESTION_WORDS & {fold(w) for w in typed}:
            return None
        return Place(None, self.kb.text("locality_not_served", name=" ".join(words)))

    def _known(self, names: list[_Name], level: str | None) -> Place:
        """The locality among ``names`` (the typed level decides between namesakes)."""
        def rank(n: _Name) -> tuple[bool, bool]:
            same_level = level is not None and n.locality.level.replace("-", " ") == level
            return (not same_level, n.locality.level not in COMMUNE_LEVELS)
        best = sorted(names, key=rank)[0].locality
        if best.level in COMMUNE_LEVELS:
            return Place(best.code)
        return Place(None, self.kb.text("locality_former_district", name=best.name))
