"""Short forms of everyday words spelled out before a message is read (``spelled_out`` in
``conversation.yaml``: "vs" → "với", "j" → "gì", "k" → "không", "v" → "vậy").

The normaliser already expands them for matching, token by token; the reading's own rules look
at the words as typed — whether a sentence asks (a question word typed with its diacritics),
where two questions divide ("… vs lại …") — and missed them. Only words whose meaning does not
depend on the sentence belong here ("bn" is "bạn" or "bao nhiêu": not here). In a message typed
without diacritics the full word is put without them too, so the message still reads as typed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.textnorm import fold, has_diacritics


class SpelledOut:
    """Spells out the short forms of ``table`` (short form → full word) in a message."""

    def __init__(self, table: Mapping[str, str]) -> None:
        self._table = {k.lower(): v for k, v in table.items()}
        words = sorted(self._table, key=len, reverse=True)
        self._pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, words)) + r")(?!\w)",
                                   re.IGNORECASE) if words else None

    def __call__(self, text: str) -> str:
        """``text`` with each short form standing alone replaced by its full word."""
        if self._pattern is None:
            return text
        plain = not has_diacritics(text)
        return self._pattern.sub(
            lambda m: (fold if plain else str)(self._table[m.group(1).lower()]), text)
