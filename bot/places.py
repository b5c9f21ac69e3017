"""A question whether a place will do asks where: "chứng thực ở phường em đang ở được không",
"làm ở quê có được không", "nộp tại xã khác được không".

The weak words of a condition ("được không", "có được") ask whether something is allowed; when
what they ask about is a place — a word that moves or locates ("ở", "tại", "về", "ra", "lên",
"đến", "sang") followed by a place ("phường", "quê", "tỉnh", "huyện", "quận", or "xã", "chỗ",
"nơi" with a word that makes them one: "xã khác", "chỗ nhà chồng", "nơi tạm trú") — the answer
is where the procedure may be filed, which the where answers say (another commune, any commune,
not bound to the place of residence). Tokens are folded, so "xa" (far), "cho" (for), "noi"
(say) count only with such a word after them.

The "có" of "có … không" before the way asked ("khai tử có [nộp qua bưu điện] được không", "có
[làm online] không") asks of that field, as "có" does in "có mất phí không": it is not the "có"
of a name ("khai tử có yếu tố nước ngoài") and is left out of the words the procedure is found by.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

#: Words that move or locate, then the places after them (folded).
_TO = frozenset({"o", "tai", "ve", "ra", "len", "den", "sang"})
_PLACE = frozenset({"phuong", "que", "tinh", "huyen", "quan"})
#: "xã", "chỗ", "nơi" are places only with one of these after them (folded, they are also
#: "far", "for", "say").
_PLACE_IF = frozenset({"xa", "cho", "noi"})
_MAKES_PLACE = frozenset({"khac", "nha", "minh", "do", "nay", "dang", "o", "thuong", "tam", "cu",
                          "lam", "sinh", "chong", "vo", "bo", "me", "nao"})


#: How close the "được" that asks must follow the place (the same clause).
_NEAR = 6


def asks_a_place(tokens: Sequence[str]) -> bool:
    """True when ``tokens`` (folded) ask whether a place will do: a place ("o phuong", "ve
    que", "tai xa khac") and, a few words on, the "được" of "được không" ("có phải khai báo
    tạm vắng ở quê không" asks whether one must, not where)."""
    for i in range(len(tokens) - 1):
        if tokens[i] not in _TO:
            continue
        word = tokens[i + 1]
        if (word in _PLACE or (word in _PLACE_IF and i + 2 < len(tokens)
                               and tokens[i + 2] in _MAKES_PLACE)) \
                and "duoc" in tokens[i + 2:i + 2 + _NEAR]:
            return True
    return False


def place_fields(tokens: Sequence[str], fields: list[str], strong: set[str]) -> list[str]:
    """``fields`` with "where" for "conditions" when the condition was asked only in weak
    words and what is asked about is a place (see the module docstring)."""
    if fields == ["conditions"] and "conditions" not in strong and asks_a_place(tokens):
        return ["where"]
    return fields


#: Verbs that may stand between that "có" and the field ("có nộp qua bưu điện được không").
_FILING = frozenset({"nop", "gui", "lam", "xin", "khai", "bao"})
#: How near the "không" that closes the question must follow the start of the field phrase.
_CLOSE = 8


def drop_asking_co(rest: list[tuple[str, T]], after: Sequence[str]) -> None:
    """Drop from ``rest`` (the tokens left before a field phrase, each with a tag) the "có"
    that asks of the field: right before it, or before a filing verb right before it, when a
    "không" closes the question a few words on (``after``: the tokens from the phrase on)."""
    if "khong" not in after[:_CLOSE]:
        return
    at = len(rest) - 1
    if at >= 1 and rest[at][0] in _FILING:
        at -= 1
    if at >= 0 and rest[at][0] == "co":
        del rest[at]
