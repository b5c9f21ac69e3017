"""The project's web server (``cchc-bot serve``): channel webhooks on one Starlette app.

Zalo's webhook accepts the bare update and the ``{ok, result}`` wrapped form, answers as soon as
the adapter's pool (``handlers/chatpool.py``) has taken the update, and the pool handles it on
the same loop.

Telegram's webhook shares the event loop with python-telegram-bot, the way
python-telegram-bot's ``customwebhookbot/starlettebot.py`` example does: the route checks the
secret header in constant time, parses the update and puts it on the application's queue.

The server answers at once even when a platform is down: each channel starts in the background
(getMe, setWebhook…) and retries with backoff until the platform answers; ``/healthz`` says
where each channel stands. Each channel's reply queue retries undelivered replies alongside.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from telegram import Update
from telegram.ext import Application

from bot.app import Core, maintain
from bot.broadcast.delivery import Broadcaster
from bot.storage.accounts import Accounts
from handlers.answering import Answerer
from handlers.startup import ChannelStates, until_ready
from handlers.telegram import register_commands, replies_of, stop_application
from handlers.web_activities import ActivityPages
from handlers.web_admin import Admin
from handlers.web_auth import Auth
from handlers.web_chat import WebChat
from handlers.web_guard import SecurityHeaders
from handlers.zalo import ZaloAdapter, start, unwrap

log = logging.getLogger(__name__)

MAX_BODY = 1_000_000  # bytes; a Telegram update is far smaller


@dataclass(frozen=True)
class TelegramWebhook:
    """A started-with-the-server python-telegram-bot application and its webhook settings."""

    application: Application  # type: ignore[type-arg]
    url: str
    secret: str


def secret_ok(given: str | None, expected: str) -> bool:
    """Constant-time comparison of a webhook secret header."""
    return hmac.compare_digest((given or "").encode(), expected.encode())


async def read_json(request: Request) -> object | None:
    """The JSON body, or None when it is missing, too large or malformed."""
    body = await request.body()
    if not body or len(body) > MAX_BODY:
        return None
    try:
        parsed: object = json.loads(body)
        return parsed
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):  # RecursionError: [[[[…
        return None


@dataclass(frozen=True)
class ZaloWebhook:
    """The Zalo adapter and its webhook settings."""

    adapter: ZaloAdapter
    url: str
    secret: str


def create_app(core: Core, *, telegram: TelegramWebhook | None = None,
               zalo: ZaloWebhook | None = None, broadcaster: Broadcaster | None = None,
               secure_cookies: bool = False, answer: Answerer | None = None) -> Starlette:
    """The web application: public chat at /, the staff dashboard at /admin, the webhooks of
    the configured channels, a health check."""
    auth = Auth(Accounts(core.store), secure_cookies)
    admin = Admin(core, auth, dict(broadcaster.senders) if broadcaster else {})
    answer = answer or Answerer(core)
    chat = WebChat(core, auth, answer)
    states: ChannelStates = {}

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "entries": len(core.kb.entries), "channels": states})

    async def telegram_webhook(request: Request) -> Response:
        assert telegram is not None
        if not secret_ok(request.headers.get("X-Telegram-Bot-Api-Secret-Token"), telegram.secret):
            return PlainTextResponse("forbidden", status_code=403)
        data = await read_json(request)
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            return PlainTextResponse("malformed update", status_code=400)
        try:
            update = Update.de_json(data, telegram.application.bot)
        except Exception:  # any shape PTB cannot read ("message": "hi") is malformed
            log.warning("malformed Telegram update rejected")
            return PlainTextResponse("malformed update", status_code=400)
        await telegram.application.update_queue.put(update)
        return Response(status_code=200)

    async def zalo_webhook(request: Request) -> Response:
        assert zalo is not None
        if not secret_ok(request.headers.get("X-Bot-Api-Secret-Token"), zalo.secret):
            return PlainTextResponse("forbidden", status_code=403)
        update = unwrap(await read_json(request))
        if update is None:
            return PlainTextResponse("malformed update", status_code=400)
        await zalo.adapter.submit(update)
        return JSONResponse({"ok": True})

    async def run_zalo(stop: asyncio.Event) -> None:
        assert zalo is not None
        worker = asyncio.create_task(zalo.adapter.replies.run(stop))
        await until_ready("zalo", lambda: start(zalo.adapter, (zalo.url, zalo.secret)), stop, states)
        await worker
        await zalo.adapter.pool.drain()  # the updates accepted before the stop

    async def run_telegram(stop: asyncio.Event) -> None:
        assert telegram is not None
        application = telegram.application

        async def start_telegram() -> None:
            await application.initialize()  # getMe
            await application.bot.set_webhook(url=telegram.url, secret_token=telegram.secret,
                                              allowed_updates=Update.ALL_TYPES)

        if not await until_ready("telegram", start_telegram, stop, states):
            return
        await register_commands(application)
        await application.start()
        try:
            await replies_of(application).run(stop)
        finally:
            await stop_application(application)
            await application.shutdown()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        stop = asyncio.Event()
        background = [asyncio.create_task(maintain(core, stop))]
        if broadcaster is not None:
            background.append(asyncio.create_task(broadcaster.run(stop)))
        if zalo is not None:
            background.append(asyncio.create_task(run_zalo(stop)))
        if telegram is not None:
            background.append(asyncio.create_task(run_telegram(stop)))
        try:
            yield
        finally:
            stop.set()
            for result in await asyncio.gather(*background, return_exceptions=True):
                if isinstance(result, Exception):
                    log.error("a background task failed", exc_info=result)
            if zalo is not None:  # the Zalo connections (its replies and broadcasts are done)
                await zalo.adapter.client.aclose()
            # last, after the channels finished their updates (uvicorn ends the process on
            # SIGTERM right after the lifespan, before serve's own clean-up)
            await asyncio.to_thread(answer.close)

    routes = [Route("/healthz", health), *chat.routes(), *admin.routes(), *ActivityPages(admin).routes()]
    if telegram is not None:
        routes.append(Route("/webhook/telegram", telegram_webhook, methods=["POST"]))
    if zalo is not None:
        routes.append(Route("/webhook/zalo", zalo_webhook, methods=["POST"]))
    return Starlette(routes=routes, lifespan=lifespan, middleware=[Middleware(SecurityHeaders)])

