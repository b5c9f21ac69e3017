"""Personal-data hygiene (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15): pseudonyms and scrubbing.

* Platform user ids are never stored: :func:`pseudonym` keys them with a secret (HMAC-SHA256).
* E-mail addresses (also written ``a @ b.com``, ``a＠b．com``, ``a [at] b [dot] com``), phone
  numbers (found by ``phonenumbers`` for the Vietnamese region, whatever the separators, with
  the ``+84``, ``(+84)`` and ``+84 (0)`` forms) and ID-card numbers (12-digit CCCD, 9-digit
  CMND, with spaces, dots, dashes or underscores) are replaced by tags in any text we store
  (:func:`scrub`). Public service numbers (1800/1900 lines, fees, dates, procedure codes such
  as ``1.000894``, decision numbers such as ``163/QĐ-BTP``) stay.
"""

from __future__ import annotations

import hashlib
import hmac
import re

import phonenumbers
from phonenumbers import PhoneNumberMatcher, PhoneNumberType

EMAIL_TAG, PHONE_TAG, ID_TAG, NUMBER_TAG = "[email]", "[số điện thoại]", "[số giấy tờ]", "[số]"

_AT = r"(?:\s*[@＠]\s*|\s*[\[({<]\s*(?:at|a còng|@)\s*[\])}>]\s*|\s+at\s+)"
_DOT = r"(?:[.．。]|\s*[\[({<]\s*(?:dot|chấm|\.)\s*[\])}>]\s*|\s+(?:dot|chấm)\s+)"
# Bounded repetitions starting at a word's beginning keep the scan linear in the text's length.
_LOCAL = r"(?<![\w.+-])[\w.+-]{0,63}\w"
_EMAIL = re.compile(rf"{_LOCAL}{_AT}[\w-]{{1,63}}(?:{_DOT}[\w-]{{1,63}}){{0,6}}{_DOT}[a-z]{{2,12}}\b",
                    re.IGNORECASE)
_EMAIL_SPACED_DOT = re.compile(rf"{_LOCAL}\s*[@＠]\s*[\w-]{{1,63}}(?:\s*\.\s*[\w-]{{1,63}}){{0,6}}\s*\.\s*"
                               r"(?:com|vn|net|org|edu|gov|info|biz)\b", re.IGNORECASE)
_SEP = r"[ \t.\-_·]{0,3}"
_MONEY = r"(?!\s*(?:đ|đồng|dong|vnđ|vnd|d\b|nghìn|ngàn|triệu|tỷ|%))"
# 12 digits (CCCD) in any grouping, or 9 digits (CMND) as 9 or as three groups of three.
_ALONE_BEFORE, _ALONE_AFTER = r"(?<!\w)(?<!\d[.,])", r"(?!\d|[.,]\d)"
_ID_CARD = re.compile(rf"{_ALONE_BEFORE}(?:\d{_SEP}){{11}}\d{_ALONE_AFTER}{_MONEY}"
                      rf"|{_ALONE_BEFORE}\d{{3}}{_SEP}\d{{3}}{_SEP}\d{{3}}{_ALONE_AFTER}{_MONEY}",
                      re.IGNORECASE)
_LONG_NUMBER = re.compile(r"(?<!\d)(?!1[89]00)\d{8,}(?!\d)")  # public 1800/1900 lines stay
_PUBLIC = {PhoneNumberType.TOLL_FREE, PhoneNumberType.SHARED_COST, PhoneNumberType.PREMIUM_RATE,
           PhoneNumberType.UAN}
_UNDERSCORE_IN_NUMBER = re.compile(r"(?<=\d)_(?=\d)")


def pseudonym(secret: bytes, channel: str, user_id: str) -> str:
    """Stable pseudonymous key of a platform user: keyed hash, not reversible without the secret."""
    return hmac.new(secret, f"{channel}:{user_id}".encode(), hashlib.sha256).hexdigest()[:32]


def _phones(text: str) -> str:
    """``text`` with every valid Vietnamese (or +country) personal phone number tagged."""
    probe = _UNDERSCORE_IN_NUMBER.sub(" ", text)  # same length: spans stay valid
    spans = [(m.start, m.end) for m in PhoneNumberMatcher(probe, "VN", leniency=phonenumbers.Leniency.VALID)
             if phonenumbers.number_type(m.number) not in _PUBLIC]
    for start, end in reversed(spans):
        text = text[:start] + PHONE_TAG + text[end:]
    return text


def scrub(text: str) -> str:
    """``text`` with e-mail addresses, phone numbers and ID-card numbers replaced by tags."""
    text = _EMAIL.sub(EMAIL_TAG, text)
    text = _EMAIL_SPACED_DOT.sub(EMAIL_TAG, text)
    text = _phones(text)
    text = _ID_CARD.sub(ID_TAG, text)
    return _LONG_NUMBER.sub(NUMBER_TAG, text)
