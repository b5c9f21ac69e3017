"""Vietnamese text normalisation for display and for matching.

Two outputs:

* :func:`clean` — what we store and show: NFC, no zero-width or control characters,
  whitespace collapsed, length bounded.
* :class:`Normaliser` — what we match on: lower case, diacritics folded (``đ`` → ``d``),
  teencode and abbreviations expanded (``ko`` → ``khong``, ``dvc`` → ``dich vu cong``),
  synonyms rewritten to one canonical phrase, repeated letters squeezed,
  ``y``/``i`` spelling variants unified.  The tables come from ``knowledge/synonyms.yaml``.
  A synonym written with diacritics rewrites a word typed with other diacritics only when the
  word was typed without any: "sổ đỏ" is rewritten, "cơ sở do" and "giấy đó" are not.
  A life event told in citizens' words ("bố tôi mất hôm qua") also reads the name of the
  procedure that registers it (``told`` in ``knowledge/conversation.yaml``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache

MAX_CHARS = 2000
#: Pieces of text whose tokens a normaliser remembers (the bundled knowledge has ~5,000).
CHUNK_CACHE = 1 << 16

_INVISIBLE = re.compile(r"[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
                        r"\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")  # and lone surrogates
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_REPEAT = re.compile(r"([a-z])\1{2,}")
#: Full-width forms (a Japanese or Chinese input method: "ＣＣＣＤ", "１００") as ASCII.
_WIDE = {0xFF01 + i: 0x21 + i for i in range(94)} | {0x3000: 0x20}
#: Cyrillic and Greek letters that look like Latin ones (lower case, as :func:`fold` sees them):
#: a message pasted from elsewhere or typed on a phone with another keyboard ("lаm cаn cuоc").
_LOOKALIKE = str.maketrans(_WIDE | {ord(k): v for k, v in {
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "һ": "h",
    "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "μ": "m", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x"}.items()})
# A syllable whose only vowel is "y" is spelt with "i" as well: ký/kí, lý/lí, mỹ/mĩ.
_Y_SYLLABLE = re.compile(r"^(b|c|ch|d|g|gh|h|k|kh|l|m|n|ng|ngh|nh|p|ph|qu|r|s|t|th|tr|v|x)y$")


def clean(text: str, limit: int = MAX_CHARS) -> str:
    """Text fit to store and display: NFC, no invisible characters, bounded length."""
    text = unicodedata.normalize("NFC", text).translate(_WIDE)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    text = "\n".join(line for line in lines if line)
    return text[:limit]


def clip(text: str, limit: int = MAX_CHARS) -> str:
    """A message longer than ``limit`` as its beginning and its end, cut at spaces, a line
    apart: a long story puts its question last, a long question its matter first."""
    if len(text) <= limit:
        return text
    half = (limit - 1) // 2
    head, tail = text[:half], text[-half:]
    head = head.rsplit(None, 1)[0] if len(head.split(None, 1)) > 1 else head
    tail = tail.split(None, 1)[1] if len(tail.split(None, 1)) > 1 else tail
    return f"{head}\n{tail}"


def fold(text: str) -> str:
    """Lower case ASCII skeleton: diacritics removed, đ → d, full-width and look-alike letters
    as the Latin ones, punctuation → spaces."""
    text = unicodedata.normalize("NFD", text.lower().translate(_LOOKALIKE))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("đ", "d").replace("\u0111", "d")
    return _NON_WORD.sub(" ", text).strip()


@lru_cache(maxsize=1 << 16)
def _fold_chunk(chunk: str) -> tuple[str, ...]:
    """The folded words of one whitespace-free piece of text: syllables repeat so much that
    folding each piece once saves most of the work of folding whole texts."""
    return tuple(fold(chunk).split())


@lru_cache(maxsize=1 << 16)
def _chunk_marks(chunk: str) -> tuple[str, ...]:
    """The accent key of each folded word of :func:`_fold_chunk` (its diacritics, sorted, as in
    :func:`accented_words`; empty for a word typed without any)."""
    out: list[str] = []
    marks: list[str] = []
    inside = False
    for ch in unicodedata.normalize("NFD", chunk.lower().translate(_LOOKALIKE)):
        if unicodedata.combining(ch):
            marks.append(ch)
        elif ch == "đ" or ("0" <= ch <= "9") or ("a" <= ch <= "z"):
            inside = True
        elif inside:
            out.append("".join(sorted(marks)))
            marks, inside = [], False
        else:
            marks = []
    if inside:
        out.append("".join(sorted(marks)))
    return tuple(out)


@lru_cache(maxsize=1 << 16)
def squeeze(token: str) -> str:
    """A folded word as the index spells it: letters repeated three times or more once, "dd"
    opening it once, "y" alone after its onset as "i", a number without leading zeros."""
    if token.isdigit():  # "09 số", "05 ngày" as the records write them: "9 số", "5 ngày"
        return token.lstrip("0") or "0"
    token = _REPEAT.sub(r"\1", token)
    if token.startswith("dd") and len(token) > 2:  # Telex typed without an input method: "ddang"
        token = token[1:]
    return _Y_SYLLABLE.sub(r"\1i", token)


#: Mends misspelt words of a token list (and their accent keys): :class:`bot.typos.Speller`.
Mender = Callable[[list[str], list[str]], tuple[list[str], list[str]]]
#: A synonym rule: folded source words, the accent key each was written with (empty: any),
#: and the canonical words it becomes.
_Rule = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def _agree(typed: Sequence[str], wanted: Sequence[str]) -> bool:
    """Whether words typed with accent keys ``typed`` may be the rule's words written with
    ``wanted``: a word with no diacritics on either side agrees with any."""
    return all(not t or not w or t == w for t, w in zip(typed, wanted, strict=False))


#: Where a clause ends, for the life events a message tells.
_CLAUSE = re.compile(r"([.,;:!?…\n]+)")  # (kept by split: the text stays as typed)
#: Words (a possessive, "đã", "vừa", "bị tai nạn") that may stand between the person and the event told.
TOLD_GAP = 4
#: Folded words before a person that make them the owner of a thing ("của em"), and before an
#: ambiguous event word that make it a loss ("bị mất", "làm mất", "đánh mất").
_OWNING, _LOSING = frozenset({"cua"}), frozenset({"bi", "lam", "danh", "lo"})
#: Words a message telling a life event may say besides it, its asking and filling words: a
#: place or a time ("ở quê", "sáng nay"), not a matter of its own ("mai táng", "giám hộ").
TOLD_OTHER = 2


class Told:
    """One life event told in citizens' words (see :meth:`Normaliser.telling`)."""

    def __init__(self, who: Sequence[tuple[list[str], list[str]]],
                 event: Sequence[tuple[list[str], list[str]]], ambiguous: frozenset[str],
                 then: frozenset[str], means: str, quiet: frozenset[str],
                 named: tuple[tuple[str, ...], ...] = ()) -> None:
        self.who, self.event, self.ambiguous, self.then, self.means = who, event, ambiguous, then, means
        self.quiet = quiet  # words a message telling the event may say besides it
        self.named = named  # phrases that already name the procedure: nothing to add

    @staticmethod
    def _at(words: Sequence[str], marks: Sequence[str], i: int,
            phrases: Sequence[tuple[list[str], list[str]]]) -> tuple[str, int] | None:
        for src, want in phrases:
            n = len(src)
            if n and list(words[i:i + n]) == src and _agree(marks[i:i + n], want):
                return " ".join(src), n
        return None

    def tells(self, words: Sequence[str], marks: Sequence[str]) -> bool:
        """Whether the clause of ``words`` (typed with accent keys ``marks``) tells the event."""
        for i in range(len(words)):
            who = self._at(words, marks, i, self.who)
            if who is None or (i and words[i - 1] in _OWNING):
                continue  # "thẻ căn cước của em bị mất": the person owns what is lost
            start = i + who[1]
            for j in range(start, min(start + TOLD_GAP + 1, len(words))):
                event = self._at(words, marks, j, self.event)
                if event is None:
                    continue
                after = j + event[1]
                if event[0] in self.ambiguous and words[j - 1] in _LOSING:
                    continue  # "bị mất", "làm mất": a thing lost
                if event[0] not in self.ambiguous or after == len(words) or words[after] in self.then:
                    return True
        return False


class Normaliser:
    """Turns text into the token sequence the engine matches on.

    ``abbreviations`` maps one folded token to its expansion (``"ko": "khong"``);
    ``synonyms`` maps a folded phrase to its canonical phrase (``"online": "truc tuyen"``),
    applied longest phrase first, after abbreviations.
    """

    def __init__(self, abbreviations: Mapping[str, str] | None = None,
                 synonyms: Mapping[str, str] | None = None,
                 told: Sequence[Mapping[str, Sequence[str]]] = (),
                 stopwords: Iterable[str] = ()) -> None:
        self._abbrev = {fold(k): [squeeze(t) for t in fold(v).split()]
                        for k, v in (abbreviations or {}).items()}
        # the tokens and accent keys of each whitespace-separated piece, once per normaliser
        self._chunks: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        pairs = dict(synonyms or {})
        canonical = set(pairs.values())
        pairs.update({v: v for v in canonical})  # a canonical phrase stays whole
        rules: list[_Rule] = []
        for k, v in pairs.items():
            src, marks = self._marked(k)
            if src:  # a canonical phrase matches whatever its diacritics
                rules.append((tuple(src), () if k in canonical else tuple(marks),
                              tuple(self._tokens(v))))
        rules.sort(key=lambda r: -len(r[0]))
        self._rules: dict[str, list[_Rule]] = {}
        for rule in rules:
            self._rules.setdefault(rule[0][0], []).append(rule)
        self._told = [Told(tuple(self._marked(p) for p in t["who"]),
                           tuple(self._marked(p) for p in t["event"]),
                           frozenset(fold(p) for p in t.get("ambiguous", ())),
                           frozenset(fold(p) for p in t.get("then", ())), str(t["means"]),
                           frozenset(w for key in ("quiet", "who", "event", "then") for p in t.get(key, ())
                                     for w in self._marked(p)[0]) | set(stopwords),
                           tuple(tuple(fold(p).split()) for p in (str(t["means"]), *t.get("named", ()))))
                      for t in told]
        #: set once the knowledge's words are known (:class:`bot.engine.Engine`): misspelt
        #: words are mended before the synonyms read them
        self.speller: Mender | None = None

    def _marked(self, text: str) -> tuple[list[str], list[str]]:
        """Folded tokens and the accent key each was typed with ("" when unknown: typed without
        diacritics, or part of an abbreviation's expansion)."""
        out: list[str] = []
        marks: list[str] = []
        for chunk in text.split():
            hit = self._chunks.get(chunk)
            if hit is None:
                hit = self._chunk(chunk)
                if len(self._chunks) < CHUNK_CACHE:
                    self._chunks[chunk] = hit
            out.extend(hit[0])
            marks.extend(hit[1])
        return out, marks

    def _chunk(self, chunk: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        words, keys = _fold_chunk(chunk), _chunk_marks(chunk)
        if len(keys) != len(words):  # a character folding would read otherwise
            keys = ("",) * len(words)
        out: list[str] = []
        marks: list[str] = []
        for raw, mark in zip(words, keys, strict=True):
            expansion = self._abbrev.get(raw) or self._abbrev.get(squeeze(raw))
            out.extend(expansion or [squeeze(raw)])
            marks.extend([""] * len(expansion) if expansion else [mark])
        return tuple(out), tuple(marks)

    def _tokens(self, text: str) -> list[str]:
        return self._marked(text)[0]

    def words(self, text: str) -> list[str]:
        """Folded words of ``text``, abbreviations spelt out, before synonyms and mending."""
        return self._marked(text[:MAX_CHARS])[0]

    def tokens(self, text: str) -> list[str]:
        """Canonical folded tokens of ``text``."""
        if not self._rules and self.speller is None:
            return self._tokens(text[:MAX_CHARS])
        tokens, marks = self._marked(self.telling(text[:MAX_CHARS]))
        if self.speller is not None:
            tokens, marks = self._mended(tokens, marks)
        out: list[str] = []
        i = 0
        while i < len(tokens):
            for src, want, dst in self._rules.get(tokens[i], ()):
                n = len(src)
                if tuple(tokens[i:i + n]) == src and _agree(marks[i:i + n], want):
                    out.extend(dst)
                    i += n
                    break
            else:
                out.append(tokens[i])
                i += 1
        return out

    def telling(self, text: str) -> str:
        """``text`` with, after each clause that tells a life event (``told``), the name of the
        procedure that registers it: one of ``who`` followed, at most :data:`TOLD_GAP` words
        later, by one of ``event``; an ``ambiguous`` event word ("mất" is also to lose, and
        "mất bao lâu" asks how long) counts only at the clause's end or before a ``then`` word.
        Only in a message that says at most :data:`TOLD_OTHER` words besides the event and the
        rule's ``quiet`` words (asking, filling): a story that names another matter ("… bà mất,
        nhà có được hỗ trợ mai táng không") is about that matter; one that names the procedure
        already (``means`` or one of ``named``: "báo tử") needs nothing added."""
        if not self._told:
            return text
        words = self._marked(text)[0]
        rules = [t for t in self._told if sum(w not in t.quiet for w in words) <= TOLD_OTHER
                 and not any(phrase_starts(words, n) for n in t.named)]
        if not rules:
            return text
        out: list[str] = []  # clauses and the marks between them, as typed
        for piece in _CLAUSE.split(text):
            out.append(piece)
            told = next((t for t in rules if t.tells(*self._marked(piece))), None)
            if told is not None:
                out.append(f" {told.means}")
        return "".join(out)

    def _mended(self, tokens: list[str], marks: list[str]) -> tuple[list[str], list[str]]:
        """The speller's mended words, a mended abbreviation spelt out ("passort" → "hộ chiếu")."""
        assert self.speller is not None
        mended, keys = self.speller(tokens, marks)
        if mended == tokens:
            return tokens, marks
        out: list[str] = []
        out_keys: list[str] = []
        for old, new, key in zip(tokens, mended, keys, strict=True):
            expansion = self._abbrev.get(new) if new != old else None
            out.extend(expansion or [new])
            out_keys.extend([""] * len(expansion) if expansion else [key])
        return out, out_keys

    def text(self, text: str) -> str:
        """Canonical folded string of ``text``."""
        return " ".join(self.tokens(text))


def has_diacritics(text: str) -> bool:
    """True if ``text`` carries any Vietnamese diacritic (so it was typed with an input method)."""
    decomposed = unicodedata.normalize("NFD", text)
    return any(unicodedata.combining(ch) for ch in decomposed) or "đ" in text.lower()


def phrase_starts(tokens: Sequence[str], phrase: Sequence[str]) -> list[int]:
    """Where the run of words ``phrase`` starts in ``tokens`` (none for an empty phrase)."""
    n, wanted = len(phrase), list(phrase)
    return [i for i in range(len(tokens) - n + 1) if n and list(tokens[i:i + n]) == wanted]


def says(tokens: Sequence[str], runs: Sequence[Sequence[str]], gap: int) -> bool:
    """Whether ``tokens`` say the runs of words ``runs`` in order, the first anywhere, each next
    one at most ``gap`` words after the one before ("sinh … nước ngoài"); False for no runs."""
    def from_run(k: int, start: int) -> bool:
        if k == len(runs):
            return True
        run = tuple(runs[k])
        end = len(tokens) - len(run) + 1
        end = end if k == 0 else min(end, start + gap + 1)
        return any(tuple(tokens[i:i + len(run)]) == run and from_run(k + 1, i + len(run))
                   for i in range(start, end))
    return bool(runs) and from_run(0, 0)


def ngrams(tokens: Sequence[str], n: int = 2) -> Iterable[str]:
    """Space-joined n-grams of ``tokens``."""
    return (" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1 << 16)
def _accent(word: str) -> tuple[str, str] | None:
    if not has_diacritics(word):
        return None
    marks = sorted(ch for ch in unicodedata.normalize("NFD", word.replace("đ", "d"))
                   if unicodedata.combining(ch))
    return squeeze(fold(word)), "".join(marks)


def accented_words(text: str) -> dict[str, str]:
    """Words of ``text`` that carry diacritics, as {folded syllable: accent key}.

    The accent key is the set of marks a word carries (tone and vowel marks), wherever they
    sit, so "Đăng kí" and "đăng ký", or the old and new tone placement "khóa" / "khoá",
    "hòa" / "hoà", "thủy" / "thuỷ" agree, while "cười" (laugh) and "cưới" (wed) differ.
    """
    out: dict[str, str] = {}
    for word in _WORD.findall(unicodedata.normalize("NFC", text.lower())):
        found = _accent(word)
        if found is not None:
            out[found[0]] = found[1]
    return out
