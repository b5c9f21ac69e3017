"""What kind of figure a question asks for, and whether a sentence gives one.

"phải thường trú bao lâu", "giấy này có thời hạn không", "mấy tuổi thì được", "bao nhiêu mét
vuông" ask for a duration, a validity, an age or an area: of the record's sentences that share
the question's words, the one that gives such a figure ("từ 05 năm trở lên", "có giá trị 6
tháng", "đủ 14 tuổi", "8 m²") is the answer, so it weighs more (:func:`figure_bonus`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.textnorm import fold

#: What a sentence giving the asked figure adds to its weight: about one content word.
FIGURE_WEIGHT = 6.0
_DURATION = r"\b\d+\s*(?:\([^)]*\)\s*)?(?:nam|thang|ngay|gio|tuan)\b"


def _threshold(units: str) -> str:
    """A figure of ``units`` said as a threshold: "từ đủ 14 tuổi", "dưới 6 tuổi", "từ 12
    tháng trở lên", "không quá 30 ngày"."""
    figure = rf"\d+\s*(?:\([^)]*\)\s*)?(?:{units})\b"
    return (rf"\b(?:tu du|tu|du|duoi|tren|qua|chua du|it nhat|toi thieu|toi da|khong qua)\s+{figure}"
            rf"|\b{figure}\s+(?:tro len|tro xuong|lien tuc)")


#: (what the folded question says, what the folded sentence must say, whether such a sentence
#: answers without sharing another word of the question) per kind of figure: a validity or an
#: area is said in words only such a sentence has; an age or a duration in many sentences.
KINDS: tuple[tuple[re.Pattern[str], re.Pattern[str], bool], ...] = (
    # a bound: "được tối đa bao lâu", "ít nhất mấy người", "nhiều nhất mấy bản": only a
    # sentence stating a bound with its figure ("tối đa 2 năm", "không quá 30 ngày") says it
    (re.compile(r"\b(?:toi da|toi thieu|it nhat|nhieu nhat|lau nhat|khong qua|gioi han)\b"),
     re.compile(r"\b(?:toi da|toi thieu|it nhat|khong qua|khong duoi|khong vuot qua)\s+"
                r"(?:la\s+|\w+\s+)?\d+"), True),
    # validity: "có thời hạn không", "hết hạn chưa", "dùng mãi", "có giá trị bao lâu"
    (re.compile(r"\b(?:thoi han su dung|het han|han su dung|dung mai|vinh vien|gia tri|hieu luc"
                r"|co thoi han|thoi han (?:ko|khong|k|bao lau))\b"),
     re.compile(r"\b(?:gia tri|hieu luc|thoi han su dung|het han)\b.*" + _DURATION
                + r"|" + _DURATION + r".*\b(?:gia tri|hieu luc)\b"), True),
    # age: "bao nhiêu tuổi", "mấy tuổi", "đủ tuổi"
    (re.compile(r"\b(?:bao nhieu tuoi|may tuoi|du tuoi|tuoi nao|tu tuoi)\b"),
     re.compile(r"\b\d+\s*tuoi\b|\bdu tuoi\b|\bthanh nien\b"), False),
    # area: "bao nhiêu mét vuông", "m2", "diện tích"
    (re.compile(r"\b(?:met vuong|m2|dien tich)\b"),
     re.compile(r"\b\d+(?:[.,]\d+)?\s*(?:m2|m|met vuong)\b"), True),
    # a duration: "bao lâu", "mấy năm", "trong bao lâu", "bao nhiêu tháng"
    (re.compile(r"\b(?:bao lau|may nam|may thang|may ngay|bao nhieu (?:nam|thang|ngay))\b"),
     re.compile(_DURATION), False),
    # an age or a duration the person states ("con 14 tuổi", "nghỉ 2 tháng"): the rule that
    # sets a threshold of the same unit ("từ đủ 14 tuổi", "từ 15 ngày trở lên") decides
    (re.compile(r"\b\d+\s*tuoi\b"), re.compile(_threshold("tuoi")), False),
    (re.compile(r"\b\d+\s*(?:nam|thang|ngay|tuan)\b"), re.compile(_threshold("nam|thang|ngay|tuan")),
     False),
)


def figure_bonus(question: str) -> tuple[Callable[[str], float], bool]:
    """A function giving :data:`FIGURE_WEIGHT` to a sentence with a figure of the kind the
    ``question`` asks for (the first kind it asks), 0 to any other; and whether such a
    sentence answers alone (a validity, an area)."""
    q = fold(question)
    want = next(((has, alone) for asks, has, alone in KINDS if asks.search(q)), None)
    if want is None:
        return (lambda sentence: 0.0), False
    pattern, alone = want
    return (lambda sentence: FIGURE_WEIGHT if pattern.search(fold(sentence.replace("²", "2")))
            else 0.0), alone
