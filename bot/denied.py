"""What a message says something is not: "bị mất chứ không phải hết hạn", "không phải kết hôn
mà là ly hôn". The words denied name the matter the person does NOT mean; matched with the
rest, they pull the answer towards it ("hết hạn": đổi căn cước, when the card was lost). They
are left out of the text the question is read from (only when something is left)."""

from __future__ import annotations

import re

#: "… chứ không phải Y", "… chứ ko phải Y" (with or without diacritics): Y, up to the end of
#: its clause or a "thì" that goes on to the question, is denied.
_BUT_NOT = re.compile(r"\s*,?\s*\b(?:chứ|chu|chớ)\s+(?:không|khong|ko|k|hông|hong)\s+(?:phải|phai)\b"
                      r"(?:(?!\s(?:thì|thi)\b)[^.,;!?…\n])*", re.IGNORECASE)
#: "không phải X mà là Y": X is denied, Y is meant ("không phải nộp phí mà vẫn …" is not: it
#: says no fee is due).
_NOT_BUT = re.compile(r"\b(?:không|khong|ko|hông|hong)\s+(?:phải|phai)\b[^.,;!?…\n]*?"
                      r"\s(?:mà|ma)\s+(?:là|la)\s+", re.IGNORECASE)


def without_denied(text: str) -> str:
    """``text`` without the words it denies (see the module docstring), or unchanged when
    nothing would be left of it."""
    kept = _NOT_BUT.sub("", _BUT_NOT.sub("", text)).strip(" ,")
    return kept if len(kept.split()) >= 2 else text
