"""Delivery addresses (platform chat ids) encrypted at rest.

An announcement can only be delivered to a chat id, so the store must keep one per
subscriber; it keeps it sealed with Fernet (AES-128-CBC with HMAC-SHA256, from the maintained
``cryptography`` package). The Fernet key is derived by HKDF-SHA256 from ``CCHC_SECRET`` with
its own ``info`` label, so it is never the pseudonymisation key itself and rotating the secret
makes old addresses unreadable (people are re-added when they next write).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

PREFIX = "gAAAAA"  # every Fernet token starts so (version byte 0x80, then a timestamp)
_INFO = b"cchc-bot delivery address encryption v1"
_TAG_INFO = b"cchc-bot chat tag v1"


class AddressSeal:
    """Seal and open delivery addresses with a key derived from the configured secret."""

    def __init__(self, secret: bytes | None = None) -> None:
        material = secret if secret is not None else secrets.token_bytes(32)
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(material)
        self._fernet = Fernet(base64.urlsafe_b64encode(key))
        self._tag_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_TAG_INFO).derive(material)

    def tag(self, address: str) -> str:
        """A stable keyed hash of an address: tells rows of the same chat apart without opening
        them (a sealed address differs each time it is sealed)."""
        return hmac.new(self._tag_key, address.encode(), hashlib.sha256).hexdigest()[:32]

    def seal(self, address: str) -> str:
        return self._fernet.encrypt(address.encode()).decode("ascii")

    def open(self, sealed: str | None) -> str | None:
        """The address, or None when missing or sealed with another key."""
        if not sealed:
            return None
        try:
            return self._fernet.decrypt(sealed.encode("ascii")).decode()
        except (InvalidToken, UnicodeError):
            return None

    @staticmethod
    def is_sealed(value: str | None) -> bool:
        return value is None or value.startswith(PREFIX)
