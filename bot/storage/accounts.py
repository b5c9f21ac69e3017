"""Staff accounts and dashboard sessions (a storage module).

Passwords are hashed with scrypt (a memory-hard KDF from the standard library) and a random
salt; sessions are random tokens stored server-side with an expiry and a CSRF token.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlite_utils

from bot.errors import InputError
from bot.storage.store import Store, now_iso

SCRYPT = {"n": 2**14, "r": 8, "p": 1, "maxmem": 64 * 1024 * 1024, "dklen": 32}
USERNAME_RE = re.compile(r"^[a-z0-9._-]{3,40}$")
MIN_PASSWORD = 10
SESSION_HOURS = 8


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, **SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, salt, _ = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    return hmac.compare_digest(hash_password(password, bytes.fromhex(salt)), stored)


@dataclass(frozen=True)
class WebSession:
    token: str
    username: str
    csrf: str


class Accounts:
    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, username: str, password: str) -> None:
        if not USERNAME_RE.match(username):
            raise InputError("tên đăng nhập gồm 3–40 chữ thường không dấu, số, dấu chấm, gạch")
        if len(password) < MIN_PASSWORD:
            raise InputError(f"mật khẩu cần ít nhất {MIN_PASSWORD} ký tự")
        row = {"username": username, "password_hash": hash_password(password), "created": now_iso()}

        def add(db: sqlite_utils.Database) -> None:
            if db.execute("SELECT 1 FROM staff WHERE username = ?", [username]).fetchone():
                raise InputError(f"tài khoản '{username}' đã có")
            db.table("staff").insert(row)
        self.store.write(add)

    def remove(self, username: str) -> bool:
        def remove(db: sqlite_utils.Database) -> bool:
            db.execute("DELETE FROM web_sessions WHERE username = ?", [username])
            return db.execute("DELETE FROM staff WHERE username = ?", [username]).rowcount == 1
        return self.store.write(remove)

    def list(self) -> list[tuple[str, str]]:
        return self.store.read(lambda db: [(r[0], r[1]) for r in db.execute(
            "SELECT username, created FROM staff ORDER BY username").fetchall()])

    def login(self, username: str, password: str) -> WebSession | None:
        row = self.store.read(lambda db: db.execute(
            "SELECT password_hash FROM staff WHERE username = ?", [username]).fetchone())
        stored = row[0] if row else hash_password("x" * MIN_PASSWORD)  # same work when unknown
        if not check_password(password, stored) or row is None:
            return None
        session = WebSession(secrets.token_urlsafe(32), username, secrets.token_urlsafe(32))
        expires = (datetime.now(UTC) + timedelta(hours=SESSION_HOURS)).isoformat()
        def login(db: sqlite_utils.Database) -> None:
            db.execute("DELETE FROM web_sessions WHERE expires < ?", [now_iso()])
            db.table("web_sessions").insert({"token": session.token, "username": username,
                                             "csrf": session.csrf, "expires": expires})
        self.store.write(login)
        return session

    def session(self, token: str | None) -> WebSession | None:
        if not token:
            return None
        row = self.store.read(lambda db: db.execute(
            "SELECT username, csrf FROM web_sessions WHERE token = ? AND expires > ?",
            [token, now_iso()]).fetchone())
        return WebSession(token, row[0], row[1]) if row else None

    def logout(self, token: str) -> None:
        self.store.write(lambda db: db.execute("DELETE FROM web_sessions WHERE token = ?", [token]))
