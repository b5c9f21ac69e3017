"""A word typed with one letter too few or too many, read as the known word it misspells.

People typing on a phone drop a letter or hit one twice: "khng", "bao nhêu", "chng thực",
"onlne", "passort", "trực tuyyến". The engine already forgives such typos when it scores entries,
but the words are read before that — by the synonyms ("bao nhiêu tiền" → "lệ phí"), the
abbreviations ("passport" → "hộ chiếu") and the reader's field and question words — and a
misspelt word passes all of them by. :class:`Speller` mends the words first, inside
:meth:`bot.textnorm.Normaliser.tokens`, so every reader of the message sees the same words.

The rule, for a folded word that nothing in the knowledge, its synonyms, abbreviations or
conversation lists uses (a known word, typed as the knowledge writes it, is never touched):

* the candidates are the known words one letter longer or one letter shorter, with the same
  first letter (a dropped or doubled letter rarely is the first);
* a word that cannot be a Vietnamese syllable ("khng", "onlne") becomes its most common
  candidate (lowest IDF);
* the candidate that forms the most common known two-word term with a neighbour wins ("bao
  nhêu" → "bao nhiêu", not "bao nếu");
* a known word typed with diacritics the knowledge never writes it with ("ngời" for "người",
  "lưng hưu" for "lương hưu") is mended the same way, but only into such a term;
* with no such term, a word that cannot be a Vietnamese syllable ("khng", "onlne") becomes its
  most common candidate (lowest IDF), and one that could be ("nheu", "bong") stays as typed:
  a real word the knowledge does not know stays unknown and keeps its question out of scope.

Before those, a word typed in raw Telex (the input method switched off, or left behind by it:
"chuwngs thuwcj", "ddawng kys", "khai sinhf") is read as the known word its letters spell once
the Telex keys are taken out (:func:`untelex`): Vietnamese never writes "w", never ends a
syllable in s, f, r, x or j, and doubles no vowel but the "oo" of a few loan words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from itertools import pairwise
from string import ascii_lowercase
from typing import Any

from bot.knowledge.model import KnowledgeBase
from bot.regional import Regional
from bot.textnorm import accented_words, fold, squeeze

#: A well-formed (folded) Vietnamese syllable: optional onset, one to three vowels, optional coda.
SYLLABLE = re.compile(r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}"
                      r"(ch|ng|nh|[cmnpt])?$")
#: Shortest word mended: shorter ones are too often other words (or abbreviations) already.
MIN_LENGTH = 4
INF = float("inf")
#: Telex keys: a tone (s f r x j) ending the word or just after its vowels, "w" of ư ơ ă.
_TONE_END = re.compile(r"(?<=[a-z])[sfrxjw]{1,2}$")
_TONE_INSIDE = re.compile(r"(?<=[aeiouy])[sfrxj](?=(ch|ng|nh|[cmnpt])$)")
_MARK_W = re.compile(r"(?<=[aou])w")
_DOUBLED = re.compile(r"([aeo])\1")


def untelex(word: str) -> str:
    """The folded word the letters of raw Telex ``word`` spell: "chuwngs" → "chung", "kys" →
    "ky", "nguwowif" → "nguoi", "ddawng" → "ddang"; a word without Telex keys as it is."""
    plain = _TONE_END.sub("", word)
    plain = _MARK_W.sub("", plain).replace("w", "u")  # "uw" / "ow" / "aw"; a lone "w" is ư
    return _DOUBLED.sub(r"\1", _TONE_INSIDE.sub("", plain))


class Speller:
    """Mends misspelt words against ``known`` folded words and ``pairs`` (known two-word terms,
    space-joined), each with its IDF (lower is more common); see the module docstring."""

    def __init__(self, known: Mapping[str, float], pairs: Mapping[str, float],
                 accents: Mapping[str, frozenset[str]] | None = None,
                 regional: Regional | None = None) -> None:
        self._regional = regional  # the regions' question words, read once the words are mended
        self._known = dict(known)
        self._pairs = dict(pairs)
        self._accents = dict(accents or {})
        self._options = lru_cache(maxsize=1 << 14)(self._candidates)

    def _strange(self, word: str, mark: str) -> bool:
        """A known folded word typed with diacritics the knowledge never writes it with
        ("ngời", "lưng hưu", "hưng trợ cấp"): a known word misspelt into another."""
        keys = self._accents.get(word)
        return bool(mark) and keys is not None and mark not in keys

    def _keeps(self, mark: str, word: str) -> bool:
        """Whether ``word`` is written somewhere with every diacritic of ``mark`` (and more)."""
        typed = Counter(mark)
        return any(not typed - Counter(key) for key in self._accents.get(word, ()))

    def _candidates(self, word: str) -> tuple[str, ...]:
        """Known words one letter longer or shorter than ``word``, most common first."""
        if len(word) < MIN_LENGTH or not word.isalpha() or not word.isascii():
            return ()
        found = {word[:i] + word[i + 1:] for i in range(1, len(word))}
        found |= {word[:i] + c + word[i:] for i in range(1, len(word) + 1) for c in ascii_lowercase}
        hits = [w for w in found if w in self._known]
        return tuple(sorted(hits, key=lambda w: (self._known[w], w)))

    def _telex(self, word: str) -> str | None:
        """The known word raw Telex ``word`` spells (see :func:`untelex`), if any."""
        if not word.isascii() or not word.isalpha():
            return None
        plain = squeeze(untelex(word))
        return plain if plain != word and plain in self._known else None

    def mend(self, tokens: list[str], marks: list[str]) -> tuple[list[str], list[str]]:
        """``tokens`` (and their accent keys) with misspelt words mended; a mended word's accent
        key is empty (it agrees with any synonym's)."""
        out: list[str] = []
        keys: list[str] = []
        for i, token in enumerate(tokens):
            plain = self._telex(token) if not marks[i] and token not in self._known else None
            if plain is not None:  # raw Telex: "ddawng kys" → "dang ki"
                out.append(plain)
                keys.append("")
                continue
            strange = token in self._known and self._strange(token, marks[i])
            options = self._options(token) if strange or token not in self._known else ()
            if strange:  # a letter dropped, the marks typed kept: "ngời" → "người" ("nhắm" stays)
                options = tuple(w for w in options if len(w) > len(token) and self._keeps(marks[i], w))
            pick = None
            if options:
                prev = out[-1] if out else None
                nxt = tokens[i + 1] if i + 1 < len(tokens) else None
                # a strange word that forms a known pair as typed competes with its candidates
                fits = [(min(self._pairs.get(f"{prev} {w}", INF), self._pairs.get(f"{w} {nxt}", INF)),
                         k, w) for k, w in enumerate((token, *options) if strange else options)]
                best = min(fits)
                # the candidate in the most common known pair, else (not a syllable) the most common
                pick = best[2] if best[0] < INF else None if strange or SYLLABLE.match(token) \
                    else options[0]
            pick = None if pick == token else pick
            out.append(pick or token)
            keys.append("" if pick else marks[i])
        return self._regional.read(out, keys) if self._regional is not None else (out, keys)


def _strings(value: Any) -> Iterator[str]:
    """Every string inside a YAML value (the conversation lists and their tables)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for k, v in value.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(value, list | tuple | set | frozenset):
        for v in value:
            yield from _strings(v)


def speller_of(kb: KnowledgeBase, words: Callable[[str], list[str]], idf: Mapping[str, float],
               max_idf: float, accents: Iterable[Mapping[str, frozenset[str]]] = ()) -> Speller:
    """The speller of a knowledge base: its indexed words and word pairs (``idf``), and the
    words of its synonyms, abbreviations, stop words and conversation lists as ``words`` reads
    them (folded, before the synonyms); ``accents``: the diacritics each folded word is written
    with in the entries (:attr:`bot.index.Index.accents`), and in those lists."""
    known = {f: w for f, w in idf.items() if " " not in f}
    pairs = {f: w for f, w in idf.items() if " " in f}
    phrases = [*kb.synonyms, *kb.synonyms.values(), *kb.abbreviations.values(),
               *_strings(kb.conversation)]
    written: dict[str, set[str]] = {}
    for entry in accents:
        for word, keys in entry.items():
            written.setdefault(word, set()).update(keys)
    for phrase in phrases:
        for word, key in accented_words(phrase).items():
            written.setdefault(word, set()).add(key)
        tokens = words(phrase)
        for t in tokens:
            known.setdefault(t, max_idf)
        for a, b in pairwise(tokens):
            pairs.setdefault(f"{a} {b}", max_idf)
    for word in (*kb.stopwords, *(fold(k) for k in kb.abbreviations)):
        known.setdefault(word, max_idf)
    return Speller(known, pairs, {w: frozenset(k) for w, k in written.items()},
                   Regional(kb.regional, words=kb.regional_words))
