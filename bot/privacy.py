"""Personal-data hygiene (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15): pseudonyms and scrubbing.

* Platform user ids are never stored: :func:`pseudonym` keys them with a secret (HMAC-SHA256).
* ID-card numbers (12 digits; old 9-digit CMND), phone numbers and e-mail addresses are
  replaced by tags in any text we store (:func:`scrub`).
"""

from __future__ import annotations

import hashlib
import hmac
import re

_PHONE = re.compile(r"(?<!\d)(?:\+?84|0)(?:[\s.\-]?\d){8,10}(?!\d)")
_ID_CARD = re.compile(r"(?<!\d)(?:\d[\s.]?){11}\d(?!\d)|(?<!\d)\d{9}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LONG_NUMBER = re.compile(r"(?<!\d)(?!1[89]00)\d{8,}(?!\d)")  # public 1800/1900 lines stay


def pseudonym(secret: bytes, channel: str, user_id: str) -> str:
    """Stable pseudonymous key of a platform user: keyed hash, not reversible without the secret."""
    return hmac.new(secret, f"{channel}:{user_id}".encode(), hashlib.sha256).hexdigest()[:32]


def scrub(text: str) -> str:
    """``text`` with ID-card numbers, phone numbers and e-mail addresses replaced by tags."""
    text = _EMAIL.sub("[email]", text)
    text = _ID_CARD.sub("[số giấy tờ]", text)
    text = _PHONE.sub("[số điện thoại]", text)
    return _LONG_NUMBER.sub("[số]", text)
