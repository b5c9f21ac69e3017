"""Dashboard authentication: session cookie, CSRF tokens, login throttling.

* The session cookie is HttpOnly, SameSite=Strict, and Secure when ``CCHC_COOKIE_SECURE`` is
  set (behind HTTPS); sessions live server-side (``bot.accounts``).
* Every form carries a CSRF token: the session's for logged-in pages, a double-submit cookie
  for the login form. A POST without the right token gets 403 and changes nothing.
* Failed logins are limited per client address and per user name (5 in 15 minutes).
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections import defaultdict, deque

from starlette.requests import Request
from starlette.responses import Response

from bot.accounts import Accounts, WebSession

SESSION_COOKIE = "cchc_session"
LOGIN_CSRF_COOKIE = "cchc_login_csrf"
MAX_FAILURES = 5
FAILURE_WINDOW = 15 * 60.0


class LoginThrottle:
    """Failed attempts per key within a sliding window."""

    def __init__(self, limit: int = MAX_FAILURES, window: float = FAILURE_WINDOW) -> None:
        self.limit = limit
        self.window = window
        self._failures: dict[str, deque[float]] = defaultdict(deque)

    def _recent(self, key: str) -> deque[float]:
        times = self._failures[key]
        while times and times[0] < time.monotonic() - self.window:
            times.popleft()
        return times

    def blocked(self, *keys: str) -> bool:
        return any(len(self._recent(k)) >= self.limit for k in keys)

    def failed(self, *keys: str) -> None:
        for key in keys:
            self._recent(key).append(time.monotonic())

    def succeeded(self, *keys: str) -> None:
        for key in keys:
            self._failures.pop(key, None)


def same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a).encode(), str(b).encode())


class Auth:
    def __init__(self, accounts: Accounts, secure_cookies: bool) -> None:
        self.accounts = accounts
        self.secure = secure_cookies
        self.throttle = LoginThrottle()

    def session(self, request: Request) -> WebSession | None:
        return self.accounts.session(request.cookies.get(SESSION_COOKIE))

    def set_cookie(self, response: Response, name: str, value: str, max_age: int | None = None) -> None:
        response.set_cookie(name, value, max_age=max_age, httponly=True, samesite="strict",
                            secure=self.secure, path="/")

    def login_csrf(self, request: Request) -> str:
        return request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(24)
