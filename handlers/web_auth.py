"""Dashboard authentication: session cookie, CSRF tokens, login throttling.

* The session cookie is HttpOnly, SameSite=Strict, and Secure when ``CCHC_COOKIE_SECURE`` is
  set (behind HTTPS); sessions live server-side (``bot.storage.accounts``).
* Every form carries a CSRF token: the session's for logged-in pages, a double-submit cookie
  for the login form. A POST without the right token gets 403 and changes nothing.
* Login attempts are limited per client address and per user name (5 failures in 15
  minutes). An attempt takes its slot before the password is checked and gives it back only
  when it succeeds, so 40 concurrent wrong passwords get at most 5 checks.
"""

from __future__ import annotations

import hmac
import secrets

from starlette.requests import Request
from starlette.responses import Response

from bot.storage.accounts import Accounts, WebSession
from handlers.web_guard import SlidingLimit

SESSION_COOKIE = "cchc_session"
LOGIN_CSRF_COOKIE = "cchc_login_csrf"
MAX_FAILURES = 5
FAILURE_WINDOW = 15 * 60.0


class LoginThrottle:
    """Login attempts per key within a sliding window, counted before the password is checked."""

    def __init__(self, limit: int = MAX_FAILURES, window: float = FAILURE_WINDOW) -> None:
        self._limit = SlidingLimit(limit, window)

    def blocked(self, *keys: str) -> bool:
        return self._limit.full(*keys)

    def attempt(self, *keys: str) -> bool:
        """Take a slot for one attempt (counted as a failure until it succeeds); False when the
        keys are locked."""
        return self._limit.take(*keys)

    def succeeded(self, *keys: str) -> None:
        self._limit.clear(*keys)


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
