"""Words of the regions read as the standard words they stand for.

The South writes "tui" (tôi) and "má" (mẹ): ``regional_words`` in ``knowledge/synonyms.yaml``,
read wherever they stand, but only typed with exactly their own diacritics (a bare "tui" only in
a message typed with diacritics elsewhere: in one typed without any it may be "túi"). They are
read in the message only, never in the knowledge ("móc túi" in a record stays a pocket).

The Centre asks "cần chi" (gì), "ở mô" (đâu), "làm răng" (sao), "rứa" (vậy); each of those is
also another word ("chi phí", "mô tả", "đau răng", "chị" typed without diacritics). The table
(``regional`` in ``knowledge/synonyms.yaml``) is read only where the word can be nothing else:

* typed with exactly the diacritics the table writes it with ("mô", not "mở" or a bare "mo");
  a word the table writes bare ("chi") only in a message typed with diacritics elsewhere (in one
  typed without any, "chi" may be "chị");
* asking: the last word of the message, or followed by a word that ends a question or joins
  another (:data:`ENDING`) or by another regional word ("cần chi ạ", "ở mô rứa", "mang theo chi
  và"), not by a word of its own ("chi phí", "mô tả") nor by a preposition ("được chi từ ngân
  sách", where "chi" is to spend); a word standing for "đâu" also after a word of going or
  being somewhere (:data:`TOWARDS`: "lên mô xin", "ở mô làm").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bot.textnorm import accented_words, fold, squeeze

#: Folded words that end a question (ạ, à, hả, nhé, nhỉ, vậy, thế, không, chưa, rồi, nữa, đây,
#: đi, nè, hết, cả; "ak", "ad", "admin" of chat) or join another one (và, với, hay, hoặc, thêm, còn).
ENDING = frozenset({"a", "ha", "nhe", "nha", "nhi", "vay", "the", "khong", "chua", "roi", "nua",
                    "day", "di", "ne", "het", "ca", "va", "voi", "hay", "hoac", "them", "con",
                    "ak", "ah", "ad", "admin"})
#: Folded words after which a word standing for "đâu" asks for a place wherever it stands
#: ("lên mô xin", "ở mô làm"): ở, lên, đi, về, tới, đến, qua, tại, ra, vô, sang, nơi.
TOWARDS = frozenset({"o", "len", "di", "ve", "toi", "den", "qua", "tai", "ra", "vo", "sang", "noi"})


def _key(word: str) -> str:
    """The accent key of one word as :func:`bot.textnorm.accented_words` writes it ("" bare)."""
    return next(iter(accented_words(word).values()), "")


class Regional:
    """Reads ``table`` (regional question word → the one standard word it stands for) in a
    token list, ``particles``: the folded words after which such a word still asks; and
    ``words`` (regional word → standard word) wherever they stand."""

    def __init__(self, table: Mapping[str, str], particles: Iterable[str] = ENDING,
                 words: Mapping[str, str] | None = None) -> None:
        self._rules = {squeeze(fold(word)): (_key(word), squeeze(fold(standard)), True)
                       for word, standard in table.items()}
        self._after = frozenset(particles) | set(self._rules)
        self._rules |= {squeeze(fold(word)): (_key(word), squeeze(fold(standard)), False)
                        for word, standard in (words or {}).items()}

    def read(self, tokens: list[str], marks: list[str]) -> tuple[list[str], list[str]]:
        """``tokens`` (and their accent keys) with the regional words read as standard words."""
        if not self._rules or not any(t in self._rules for t in tokens):
            return tokens, marks
        typed = any(marks)
        out: list[str] = []
        keys: list[str] = []
        for i, (token, mark) in enumerate(zip(tokens, marks, strict=True)):
            rule = self._rules.get(token)
            if rule is None or mark != rule[0] or not (mark or typed):
                out.append(token)
                keys.append(mark)
                continue
            place = rule[1] == "dau" and i > 0 and tokens[i - 1] in TOWARDS
            if not rule[2] or place or i + 1 == len(tokens) or tokens[i + 1] in self._after:
                out.append(rule[1])
                keys.append("")
            else:
                out.append(token)
                keys.append(mark)
        return out, keys
