"""Text clean-up shared by the three readers: NFC, stray characters, empty markers, lists,
fees, time limits and the "is this done by a commune body" test.

Every string a reader puts into a :class:`~bot.knowledge.records.model.Record` goes through
:func:`text` (multi-line) or :func:`line` (one line), so user-visible text is NFC and free of
zero-width marks, non-breaking spaces and the portal's "Không có thông tin" placeholder.
"""

from __future__ import annotations

import re
import unicodedata

from bot.knowledge.records.model import Fee, Way

#: What the portal writes for an empty cell.
EMPTY = {"không có thông tin", "không có", "không", "--", "-", "null", "none"}
_INVISIBLE = re.compile("[\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u3000]+")
_BULLET = re.compile(r"^\s*(?:[-+*•–]\s*)+")

#: The portal's names of the ways to file (page text, .doc tables) and its API enum.
WAY_NAMES: dict[str, Way] = {"trực tiếp": "truc_tiep", "trực tuyến": "truc_tuyen",
                             "dịch vụ bưu chính": "buu_chinh", "bưu chính": "buu_chinh",
                             "DIRECT": "truc_tiep", "ONLINE": "truc_tuyen", "POSTAL": "buu_chinh"}

# A body of the commune itself (the brief's four, as the three sources spell them).
_COMMUNE_BODY = re.compile(
    r"(?:ủy|uỷ) ban nhân dân (?:cấp )?(?:xã|phường)|ubnd (?:cấp )?(?:xã|phường)"
    r"|công an (?:cấp )?(?:xã|phường)|ban chỉ huy quân sự (?:cấp )?(?:xã|phường)"
    r"|trung tâm phục vụ hành chính công (?:cấp )?(?:xã|phường)"
    r"|bộ phận (?:tiếp nhận và trả kết quả|một cửa) (?:cấp )?(?:xã|phường)"
    r"|cơ quan (?:đăng ký kinh doanh|quản lý đất đai|chuyên môn[^,.;]{0,40}) cấp xã")
# Vertical (central) bodies that have a base-level office: "Cấp xã" in their records means
# that office, not the commune.
_VERTICAL = re.compile(r"thuế|hải quan|bảo hiểm xã hội|kho bạc|biên phòng|cảng vụ|ngân hàng"
                       r"|kiểm dịch|cục |chi cục")
_VERTICAL_FIELD = re.compile(r"^(?:thuế|hải quan|kho bạc|quản lý thuế|thu bhxh|chi trả các chế độ bhxh"
                             r"|thực hiện chính sách bh|cấp sổ bhxh|bảo hiểm)")
_PROVINCE_FEE = re.compile(r"hội đồng nhân dân|hđnd")
_FREE = re.compile(r"^(?:miễn|không thu|không)\b|^0\s*(?:đồng|vnđ|việt nam đồng)?$")
#: Words that say nothing but "no fee": "Phí: 0 Đồng", "Lệ phí: Không Đồng", "Miễn phí.".
_NIL = re.compile(r"^(?:(?:lệ )?phí\s*:\s*)?(?:(?:0|không)\s*(?:đồng|vnđ|việt nam đồng)?"
                  r"|miễn (?:phí|lệ phí)|không thu (?:phí|lệ phí))\s*\.?$")
#: A leading amount the description repeats ("160,000 Việt Nam Đồng (…)").
_LEADING_AMOUNT = re.compile(r"^\d[\d.,]*\s*(?:việt nam đồng|vnđ|đồng|đ)\b\s*", re.I)


def text(value: object) -> str:
    """NFC text with invisible characters removed, spaces collapsed, lines trimmed; "" for the
    portal's empty markers."""
    if value is None:
        return ""
    s = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    s = _INVISIBLE.sub("", s)
    lines = [_SPACES.sub(" ", x).strip() for x in s.split("\n")]
    s = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return "" if s.casefold() in EMPTY else s


def line(value: object) -> str:
    """:func:`text` on one line."""
    return " ".join(text(value).split())


#: The marks of the portal's nested lists inside a name ("…: +++ Tờ khai …"), not words.
_NESTED_MARK = re.compile(r"(?:^|(?<=\s))\+{2,}\s+")
#: A choice whose first alternative the portal lost ("Đối với hoặc cá nhân …"): the gap is
#: shown, not filled.
_LOST_ALTERNATIVE = re.compile(r"\b(đối với|trường hợp) (hoặc)\b", re.IGNORECASE)


def name(value: object) -> str:
    """A document or group name: one line, without leading bullets, nested list marks or a
    trailing ";"; a choice that lost its first alternative shows the gap ("Đối với … hoặc")."""
    s = _NESTED_MARK.sub("", _BULLET.sub("", line(value)))
    s = _LOST_ALTERNATIVE.sub(r"\1 … \2", s)
    s = re.sub(r"\s*[;,]\s*$", "", s)
    s = re.sub(r"\s+([.,;:)])", r"\1", s)
    return s.strip()


def group(value: object) -> str:
    """A document group ("* Giấy tờ phải nộp:") as a case label ("Giấy tờ phải nộp")."""
    return re.sub(r"\s*:\s*$", "", name(value)).strip()


def is_note_group(label: str) -> bool:
    """A group that holds remarks ("* Lưu ý:"), not papers; also the remark a table opens with
    ("Trường hợp không quy định rõ bản chính thì có thể nộp bản sao hợp lệ")."""
    return re.match(r"^(?:lưu ý\b|trường hợp không quy định (?:rõ |là )*bản chính)",
                    label.casefold()) is not None


def split_list(value: object) -> tuple[str, ...]:
    """ "A, B (x, y), C" → ("A", "B (x, y)", "C"): a comma splits only outside brackets and
    before a capital, so "Ủy ban nhân dân xã, phường, thị trấn" stays whole."""
    s = line(value)
    out: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(s):
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if ch == "," and depth == 0 and s[i + 1:].lstrip()[:1].isupper():
            out.append(s[start:i])
            start = i + 1
    out.append(s[start:])
    return tuple(dict.fromkeys(x for x in (name(p).rstrip(".") for p in out) if x))


def level(value: str) -> str:
    """ "Cấp Xã" → "Cấp xã" (the three sources capitalise differently)."""
    s = line(value)
    return s[:1].upper() + s[1:].lower() if s.lower().startswith("cấp ") else s


def commune_body(value: str) -> bool:
    """True when the text names a commune body (UBND / Công an / BCH quân sự / TTPVHCC xã)."""
    return _COMMUNE_BODY.search(line(value).casefold()) is not None


def is_commune(levels: tuple[str, ...], bodies: tuple[str, ...], field: str, text_: str) -> bool:
    """Decide from the level, the executing bodies, the field and the record's own text (steps,
    ways of filing) whether a commune body carries the procedure out.

    The level must include "Cấp xã". A commune body among the executing bodies settles it.
    Otherwise a vertical body (tax, customs, social insurance, treasury, border guard) or a
    vertical field means its base-level office, not the commune; failing both, the record's
    text must name a commune body (chứng thực lists only "Tổ chức hành nghề công chứng" but its
    fee row reads "Tại Ủy ban nhân dân cấp xã")."""
    if not any(lv.casefold() == "cấp xã" for lv in levels):
        return False
    if any(commune_body(b) for b in bodies):
        return True
    joined = " ".join(bodies).casefold()
    if _VERTICAL.search(joined) or _VERTICAL_FIELD.match(field.casefold()):
        return False
    return commune_body(text_)


def province_fee(words: str) -> bool:
    """The record says the amount is set by the provincial People's Council."""
    return _PROVINCE_FEE.search(words.casefold()) is not None


def fee(words: str, amount: int | None, kind: str = "") -> Fee:
    """One fee from the record's words and figure. 0 is free only when the words are empty or
    say so ("Miễn …"): not when the province sets it, nor when they give another rule."""
    words = line(words)
    if province_fee(words):
        return Fee(text=words, amount=amount or None, kind=kind, province=True)
    low = words.casefold().lstrip("(-+ ")
    if amount == 0:
        # the portal's 0 is also its "not filled in": free only when the words say so first
        # ("Miễn lệ phí. Phí cấp bản sao…"), not when they list amounts or whom a rule exempts
        # ("… mức thu, miễn một số khoản phí", "Trường hợp … được miễn phí theo …")
        if not words or _FREE.match(low) or _NIL.match(low):
            return Fee(text=words, amount=0, kind=kind, free=True)
        return Fee(text=words, amount=None, kind=kind)
    if amount is None and _FREE.match(low):
        return Fee(text=words, amount=0, kind=kind, free=True)
    return Fee(text=words, amount=amount, kind=kind)


_TIME = re.compile(r"^(?:không quá |trong (?:thời hạn )?|tối đa )?(\d+(?:[.,]\d+)?)\s*"
                   r"(ngày làm việc|ngày|giờ làm việc|giờ|tháng|năm|phút|tuần)?\b", re.I)


def time_limit(words: str) -> tuple[str, float | None, str]:
    """ "7 Ngày làm việc" → ("7 Ngày làm việc", 7.0, "ngày làm việc"); free text keeps its
    words with a number only when it starts with one ("Không quá 03 ngày làm việc…")."""
    words = line(words)
    m = _TIME.match(words)
    if not m:
        return words, None, ""
    days = float(m.group(1).replace(",", "."))
    unit = (m.group(2) or "").lower()
    return words, days, unit


def money(digits: str) -> int | None:
    """ "70,000" / "70.000" → 70000; None when it is not a whole number."""
    s = digits.replace(",", "").replace(".", "").strip()
    return int(s) if s.isdigit() else None


def fee_description(fee: Fee) -> str:
    """What a fee's words add to its amount or to "free": "" for words that only restate it
    ("Phí: 0 Đồng", "Miễn phí"); without the "Miễn phí" or the amount they repeat ("Miễn phí
    (Không quy định.)" → "Không quy định.", "160,000 Việt Nam Đồng (+ …)" → "+ …") and without
    the brackets around the rest."""
    words = fee.text.lstrip("-+ ")
    if fee.free:
        if _NIL.match(words.casefold()) or not words:
            return ""
        if words.casefold().startswith("miễn phí ("):  # the portal's cell and its description
            return words[len("miễn phí ("):].removesuffix(")").strip()
    if fee.amount:
        rest = _LEADING_AMOUNT.sub("", words, count=1)
        while _enclosed(rest):
            rest = rest[1:-1].strip()
        words = rest.lstrip("-+ ") if rest != words else words
    return words


def _enclosed(text: str) -> bool:
    """Whether the bracket ``text`` opens with is the one it ends with: "(a (b))", not "(a) (b)"."""
    if not (text.startswith("(") and text.endswith(")")):
        return False
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if depth == 0:
            return i == len(text) - 1
    return False
