"""A small async client for the Zalo Bot Platform API, on one injected ``httpx.AsyncClient``.

Errors (caught by the adapter at its edge):

    ZaloError
    ├── ZaloApiError        the API answered {ok: false, error_code, description}, or a 4xx
    │   └── ZaloRateLimited  429 (HTTP or error_code), with the seconds to wait
    └── ZaloNetworkError    timeouts, connection failures and 5xx, after the retries ran out

Network errors and 5xx are retried with exponential backoff; 429 waits as long as the
platform says; any other 4xx is never retried. The token is part of every URL: the httpx
logger must stay at WARNING (``bot.__main__`` sets it) and errors never include the URL.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Any

import httpx

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://bot-api.zaloplatforms.com"
TEXT_LIMIT = 2000
THROTTLING_CODES = {429}


class ZaloError(Exception):
    """Base class of the Zalo client's errors."""


class ZaloApiError(ZaloError):
    """The API refused the call."""

    def __init__(self, method: str, error_code: int, description: str) -> None:
        self.method = method
        self.error_code = error_code
        self.description = description
        super().__init__(f"{method}: {error_code} {description}")


class ZaloRateLimited(ZaloApiError):
    """Too many requests; ``retry_after`` seconds to wait."""

    def __init__(self, method: str, description: str, retry_after: float) -> None:
        super().__init__(method, 429, description)
        self.retry_after = retry_after


class ZaloNetworkError(ZaloError):
    """The call did not get through (timeout, connection error, 5xx) after retries."""


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4
    backoff: float = 0.5         # seconds before the first retry, doubled each time
    max_wait: float = 30.0       # longest wait honoured for a 429
    timeout: float = 10.0        # seconds per ordinary call
    poll_timeout: int = 30       # seconds getUpdates may hold the connection


Sleep = Callable[[float], Awaitable[None]]


class ZaloClient:
    """``await client.send_message(chat_id, text)`` and friends; one instance per bot."""

    def __init__(self, token: str, http: httpx.AsyncClient, api_url: str = DEFAULT_API_URL,
                 policy: RetryPolicy | None = None, *, sleep: Sleep = asyncio.sleep,
                 base: str | None = None) -> None:
        self._base = base or f"{api_url.rstrip('/')}/bot{token}"
        self._http = http
        self.policy = policy or RetryPolicy()
        self._sleep = sleep

    async def aclose(self) -> None:
        """Close the connections (of every client sharing them)."""
        await self._http.aclose()

    def once(self) -> ZaloClient:
        """The same bot on the same connection pool, trying each call once (for callers that
        own their retries: the broadcast engine and the reply queue)."""
        return ZaloClient("", self._http, "", replace(self.policy, attempts=1), sleep=self._sleep,
                          base=self._base)

    async def call(self, method: str, payload: dict[str, Any] | None = None,
                   timeout: float | None = None) -> Any:
        """POST ``payload`` to ``method``; the ``result`` of a successful answer."""
        policy = self.policy
        last: Exception | None = None
        for attempt in range(policy.attempts):
            try:
                response = await self._http.post(f"{self._base}/{method}", json=payload or {},
                                                 timeout=timeout or policy.timeout)
            except httpx.TransportError as exc:  # timeouts, refused connections, resets
                last = exc
                log.warning("Zalo %s: %s (attempt %d)", method, type(exc).__name__, attempt + 1)
                await self._sleep(policy.backoff * 2 ** attempt)
                continue
            try:
                return self._result(method, response)
            except ZaloRateLimited as exc:
                last = exc
                wait = min(exc.retry_after, policy.max_wait)
                log.warning("Zalo %s: rate limited, waiting %.1f s", method, wait)
                await self._sleep(wait)
            except ZaloNetworkError as exc:
                last = exc
                log.warning("Zalo %s: %s (attempt %d)", method, exc, attempt + 1)
                await self._sleep(policy.backoff * 2 ** attempt)
        if isinstance(last, ZaloRateLimited):
            raise last
        raise ZaloNetworkError(f"{method}: gave up after {policy.attempts} attempts ({last})")

    @staticmethod
    def _result(method: str, response: httpx.Response) -> Any:
        if response.status_code >= 500:
            raise ZaloNetworkError(f"HTTP {response.status_code}")
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            if response.status_code >= 400:
                raise ZaloApiError(method, response.status_code, response.reason_phrase)
            raise ZaloNetworkError(f"unreadable answer (HTTP {response.status_code})")
        code = int(body.get("error_code") or response.status_code)
        description = str(body.get("description") or response.reason_phrase)
        if response.status_code == 429 or (body.get("ok") is False and code in THROTTLING_CODES):
            params = body.get("parameters")
            given = params.get("retry_after") if isinstance(params, dict) else None
            retry = given or response.headers.get("Retry-After") or 1
            try:
                retry_after = float(retry)
            except (TypeError, ValueError):
                retry_after = 1.0
            raise ZaloRateLimited(method, description, retry_after)
        if response.status_code >= 400 or body.get("ok") is not True:
            raise ZaloApiError(method, code, description)
        return body.get("result")

    # --- the documented methods -------------------------------------------------------------
    async def get_me(self) -> dict[str, Any]:
        result = await self.call("getMe")
        return result if isinstance(result, dict) else {}

    async def get_updates(self) -> list[dict[str, Any]]:
        """The next update(s) by long polling; [] when none arrived in time."""
        wait = self.policy.poll_timeout
        try:
            result = await self.call("getUpdates", {"timeout": str(wait)}, timeout=wait + 10)
        except ZaloApiError as exc:
            if exc.error_code == 408:  # the poll simply timed out
                return []
            raise
        if isinstance(result, list):
            return [u for u in result if isinstance(u, dict)]
        return [result] if isinstance(result, dict) and result else []

    async def set_webhook(self, url: str, secret_token: str) -> Any:
        return await self.call("setWebhook", {"url": url, "secret_token": secret_token})

    async def delete_webhook(self) -> Any:
        return await self.call("deleteWebhook")

    async def get_webhook_info(self) -> Any:
        return await self.call("getWebhookInfo")

    async def send_message(self, chat_id: str, text: str) -> Any:
        if not 1 <= len(text) <= TEXT_LIMIT:
            raise ValueError(f"Zalo text must be 1–{TEXT_LIMIT} characters, got {len(text)}")
        return await self.call("sendMessage", {"chat_id": chat_id, "text": text})

    async def send_photo(self, chat_id: str, photo: str, caption: str | None = None) -> Any:
        payload = {"chat_id": chat_id, "photo": photo}
        if caption:
            payload["caption"] = caption[:TEXT_LIMIT]
        return await self.call("sendPhoto", payload)

    async def send_chat_action(self, chat_id: str, action: str = "typing") -> Any:
        return await self.call("sendChatAction", {"chat_id": chat_id, "action": action})
