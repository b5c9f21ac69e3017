"""Small talk that no phrase of ``smalltalk`` names: social words in a message that asks nothing.

The phrase lists of ``conversation.yaml`` recognise a message that is *only* small talk ("cảm ơn
ad nhé"). People say more: "đi lại 3 lần rồi vẫn chưa xong, nản thật sự", "xin lỗi ad, con em nó
bấm linh tinh", "chúc mừng năm mới ủy ban 🎉". ``smalltalk_cues`` lists, for each small-talk kind,
single words and short phrases that mark such a social act: thanks, greetings, goodbyes,
feelings and complaints, compliments, insults, apologies, acknowledgements, questions about the
assistant itself (beside a word for it, ``smalltalk_assistant``). They are compared as typed,
without synonyms: a word typed with diacritics must be the cue's, one typed without them its
skeleton; a one-word cue counts where it opens or closes the message, and typed without its
diacritics only in a message of three words or fewer ("ngu" is also "ngủ"). A message asks
when it has a question mark or an asking phrase (``asking``, ``smalltalk_asks``: "ở đâu", "bao
nhiêu"); the wider question words ("chưa", "xin", "ai") are said in small talk too. Two rules:

* :meth:`Chitchat.covers`: every word of a message that does not ask is a cue, a way of
  addressing someone (``smalltalk_address``: ủy ban, xã, cán bộ, cháu…) or a particle — small
  talk whatever the knowledge would match ("xin chào ủy ban", "ok để mai em ra xã");
* :meth:`Chitchat.kind`: for a message nothing in the knowledge fits, a cue makes it small
  talk when the message does not ask; when it asks, only a short one whose cue is an insult or
  is about the assistant itself ("bot gì mà ngáo thế", "ad mấy tuổi rồi"). Out-of-scope
  questions ("giá vàng hôm nay bao nhiêu") carry no cue and keep the polite fallback.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any, Final

from bot.textnorm import fold, has_diacritics

#: Small-talk kinds, strongest first (as ``reading.SMALLTALK_ORDER``).
_ORDER: Final = ("insult", "thanks", "bye", "who", "greeting", "feeling", "ok", "laugh", "unclear")
#: Cue kinds that make small talk of a short message even when it asks.
_IN_QUESTIONS: Final = frozenset({"insult", "who"})
#: The longest asking message (in words) read as small talk by an insult or "who" cue.
_SHORT: Final = 8
#: The longest message (in words) in which a one-word cue typed without its diacritics counts:
#: folded, "ngu" is also "ngủ", "dien" "điện", "vang" "vàng" ("lich cup dien tuan nay").
_BARE_ONE_WORD: Final = 3
_WORD: Final = re.compile(r"\w+")
#: Laughter typed freely: "kakaka", "hihihi", "kkkk", "hahah".
_LAUGH: Final = re.compile(r"(?:(?:h|k)[aeio]){2,}h?|k{2,}|(?:he){2,}|(?:hi){2,}|(?:ho){2,}")
_PARTICLES: Final = frozenset({
    "a", "ad", "admin", "ban", "bot", "em", "anh", "chi", "minh", "nhe", "nha", "nhen", "ne", "nhi",
    "nhieu", "lam", "qua", "ha", "roi", "vay", "thoi", "the", "day", "do", "nay", "di", "luon",
    "that", "su", "ghe", "oi", "cai", "ma", "thi", "la"})


def _words(text: str) -> list[str]:
    """The words of ``text`` in lower case, as typed (diacritics kept)."""
    return _WORD.findall(unicodedata.normalize("NFC", text).lower().replace("_", " "))


def _phrases(items: Sequence[str]) -> list[tuple[str, ...]]:
    return sorted({tuple(_words(i)) for i in items} - {()}, key=len, reverse=True)


def _exact(typed: str, cue: str) -> bool:
    return typed == cue


def _same(typed: str, cue: str) -> bool:
    """A word typed with diacritics must be the cue's; one typed without them, its skeleton."""
    return typed == cue or (not has_diacritics(typed) and typed == fold(cue))


class Chitchat:
    """Finds small talk by its cue words (see the module docstring)."""

    def __init__(self, cues: Mapping[str, Sequence[str]], address: Sequence[str],
                 assistant: Sequence[str], asking: Sequence[str]) -> None:
        self._cues = {kind: _phrases(items) for kind, items in cues.items()}
        self._address = frozenset(fold(t) for p in _phrases(address) for t in p)
        self._assistant = frozenset(t for p in _phrases(assistant) for t in p)
        self._asking = _phrases(asking)

    @classmethod
    def of_conversation(cls, conv: Mapping[str, Any]) -> Chitchat:
        """The cues of ``conversation.yaml`` (``smalltalk_cues``, ``smalltalk_address``,
        ``smalltalk_assistant``) and what asks (``asking``, ``smalltalk_asks``)."""
        return cls(conv.get("smalltalk_cues", {}), conv.get("smalltalk_address", ()),
                   conv.get("smalltalk_assistant", ()),
                   (*conv.get("asking", ()), *conv.get("smalltalk_asks", ())))

    def _asks(self, text: str, words: list[str]) -> bool:
        """A question mark or a phrase that asks for something ("ở đâu", "làm gì", "được
        không"); the wider question words ("chưa", "xin", "ai") are also said in small talk."""
        return "?" in text or any(
            all(_same(w, c) for w, c in zip(words[i:i + len(p)], p, strict=True))
            for p in self._asking for i in range(len(words) - len(p) + 1))

    def _found(self, words: list[str]) -> tuple[list[str], set[int]]:
        """The kinds of the cues in ``words`` and the positions the cues take."""
        kinds: list[str] = []
        taken: set[int] = set()
        for i, word in enumerate(words):
            if _LAUGH.fullmatch(fold(word)) and len(word) >= 4:
                kinds.append("laugh")
                taken.add(i)
        for kind, phrases in self._cues.items():
            if kind == "who" and not any(_same(w, a) for w in words for a in self._assistant):
                # "Sơn Tùng có người yêu chưa" is not about the assistant; a word typed with
                # diacritics is the assistant's only as typed ("mấy tuổi" is not "máy", "bán" not "bạn")
                continue
            for p in phrases:
                if len(p) == 1 and has_diacritics(p[0]) and len(words) > _BARE_ONE_WORD:
                    same = _exact
                else:
                    same = _same
                for i in range(len(words) - len(p) + 1):
                    if len(p) == 1 and 1 < i < len(words) - 2:
                        continue  # one word counts where it opens or closes: not "đau dạ dày"
                    if all(same(w, c) for w, c in zip(words[i:i + len(p)], p, strict=True)) \
                            and not taken & set(range(i, i + len(p))):
                        kinds.append(kind)
                        taken.update(range(i, i + len(p)))
        return kinds, taken

    def covers(self, text: str) -> str | None:
        """The kind of a message that asks nothing and says only cues, ways of addressing
        and particles; None otherwise."""
        words = _words(text)
        if not words or self._asks(text, words):
            return None
        kinds, taken = self._found(words)
        rest = [fold(w) for i, w in enumerate(words) if i not in taken]
        if not kinds or any(w not in _PARTICLES and w not in self._address for w in rest):
            return None
        return min(kinds, key=_ORDER.index)

    def kind(self, text: str) -> str | None:
        """The kind of a message nothing in the knowledge fits, if its cues make it small talk."""
        words = _words(text)
        kinds, _ = self._found(words)
        if self._asks(text, words):
            kinds = [k for k in kinds if k in _IN_QUESTIONS] if len(words) <= _SHORT else []
        return min(kinds, key=_ORDER.index) if kinds else None
