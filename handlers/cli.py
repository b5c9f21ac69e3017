"""The ``cchc-bot`` program: the core's commands plus the commands that start a channel."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from bot.broadcast.delivery import Broadcaster, RateLimit, Send
from bot.cli.main import Command
from bot.cli.main import main as core_main
from bot.config import load_settings
from bot.errors import CchcError, ConfigError

if TYPE_CHECKING:  # the knowledge and the engine are imported by the commands that start a
    from bot.app import Core  # channel, so the store-only commands start at once
    from handlers.answering import Answerer

#: Settings of the adapters (the core's are in bot.config.SETTINGS); the README documents each.
SETTINGS = {
    "TELEGRAM_BOT_TOKEN": "token from @BotFather",
    "TELEGRAM_API_URL": "Bot API server root",
    "TELEGRAM_WEBHOOK_URL": "public HTTPS URL of /webhook/telegram",
    "TELEGRAM_WEBHOOK_SECRET": "secret Telegram sends back in X-Telegram-Bot-Api-Secret-Token",
    "ZALO_BOT_TOKEN": "token from Zalo Bot Manager",
    "ZALO_API_URL": "Zalo Bot API server root",
    "ZALO_WEBHOOK_URL": "public HTTPS URL of /webhook/zalo",
    "ZALO_WEBHOOK_SECRET": "secret Zalo sends back in X-Bot-Api-Secret-Token",
    "TELEGRAM_BROADCAST_RATE": "broadcast messages per second on Telegram",
    "ZALO_BROADCAST_RATE": "broadcast messages per second on Zalo",
    "CCHC_BROADCAST_LEASE_SECONDS": "how long a broadcast sender's lease lasts unrenewed",
    "CCHC_COOKIE_SECURE": "mark dashboard cookies Secure (set it behind HTTPS)",
    "CCHC_HOST": "address cchc-bot serve listens on",
    "CCHC_PORT": "port cchc-bot serve listens on",
    "CCHC_ANSWER_PROCESSES": "processes that compute answers (0: a thread of the main process)",
}


def _rate(name: str, default: float) -> float:
    raw = os.environ.get(name) or str(default)
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} phải là một số, nhận được {raw!r}") from None
    if value <= 0:
        raise ConfigError(f"{name} phải lớn hơn 0")
    return value


def answerer(core: Core) -> Answerer:
    """Where the long-running commands compute answers (``CCHC_ANSWER_PROCESSES``), started."""
    raw = (os.environ.get("CCHC_ANSWER_PROCESSES") or "0").strip()
    if not raw.isdigit() or int(raw) > 64:
        raise ConfigError(f"CCHC_ANSWER_PROCESSES phải là số nguyên 0–64, nhận được {raw!r}")
    from handlers.answering import Answerer

    answer = Answerer(core, int(raw))
    answer.warm_up()
    return answer


def broadcaster(core: Core, senders: dict[str, Send]) -> Broadcaster:
    """The broadcast engine for the channels this process serves, at their rate limits."""
    limits = {
        "telegram": RateLimit(per_second=_rate("TELEGRAM_BROADCAST_RATE", 30.0),
                              is_group=lambda address: address.startswith("-")),
        "zalo": RateLimit(per_second=_rate("ZALO_BROADCAST_RATE", 5.0)),
    }
    lease = _rate("CCHC_BROADCAST_LEASE_SECONDS", 20.0)  # a send and a margin fit in a renewal period
    return Broadcaster(core.outbox, senders, limits, lease_ttl=lease, send_timeout=min(10.0, lease / 2),
                       margin=min(2.0, lease / 10))


def _configure_chat(p: argparse.ArgumentParser) -> None:
    p.add_argument("--locality", help="mã địa phương (bỏ qua bước chọn địa phương)")


def _run_chat(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    """A conversation in the terminal, with the same dialogue as every channel."""
    from bot.app import build_core
    from handlers.console import run_console

    core = build_core(load_settings())
    try:
        if args.locality and args.locality not in core.kb.localities:
            raise CchcError(f"không có địa phương mã '{args.locality}'")
        return run_console(core.dialogue, args.locality, stdin=stdin, stdout=out)
    finally:
        core.close()


def _no_options(p: argparse.ArgumentParser) -> None:
    return None


def _run_telegram(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    """Telegram long polling until interrupted."""
    from bot.app import build_core
    from handlers.telegram import TelegramSettings, build_application, replies_of, run_polling
    from handlers.telegram_send import make_sender

    settings = TelegramSettings.from_env()
    core = build_core(load_settings())
    answer = answerer(core)

    async def run(stop: asyncio.Event) -> None:
        application = build_application(core, settings, answer=answer)
        engine = broadcaster(core, {"telegram": make_sender(application.bot)})
        replies_of(application).on_send = engine.note_send
        await _alongside(core, stop, run_polling(application, stop), engine)

    try:
        return _poll_until_signal(core, out, "Telegram", run)
    finally:
        answer.close()


def _run_zalo(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    """Zalo long polling until interrupted."""
    import httpx

    from bot.app import build_core
    from handlers.http_transport import fast_transport
    from handlers.zalo import ZaloAdapter, ZaloSettings, make_sender, run_polling
    from handlers.zalo_api import RetryPolicy, ZaloClient

    settings = ZaloSettings.from_env()
    core = build_core(load_settings())
    answer = answerer(core)

    async def run(stop: asyncio.Event) -> None:
        async with httpx.AsyncClient(transport=fast_transport()) as http:
            adapter = ZaloAdapter(core, ZaloClient(settings.token, http, settings.api_url),
                                  answer=answer)
            # the broadcast engine owns its retries: its client tries each call once
            once = ZaloClient(settings.token, http, settings.api_url, RetryPolicy(attempts=1))
            engine = broadcaster(core, {"zalo": make_sender(once)})
            adapter.replies.on_send = engine.note_send
            await _alongside(core, stop, run_polling(adapter, stop), engine)

    try:
        return _poll_until_signal(core, out, "Zalo", run)
    finally:
        answer.close()


async def _alongside(core: Core, stop: asyncio.Event, polling: Awaitable[None],
                     engine: Broadcaster) -> None:
    """A channel's polling, with broadcast delivery and housekeeping running beside it."""
    from bot.app import maintain

    await asyncio.gather(polling, engine.run(stop), maintain(core, stop))


def _poll_until_signal(core: Core, out: TextIO, channel: str,
                       run: Callable[[asyncio.Event], Awaitable[None]]) -> int:
    """Announce, run until SIGINT or SIGTERM, then close the core."""
    try:
        out.write(f"Trợ lý đang nhận tin nhắn {channel} (long polling). Ctrl+C để dừng.\n")
        out.flush()
        asyncio.run(_until_signal(run))
        return 0
    finally:
        core.close()


async def _until_signal(run: Callable[[asyncio.Event], Awaitable[None]]) -> None:
    """Run a long-running coroutine until SIGINT or SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await run(stop)


def _port() -> int:
    raw = os.environ.get("CCHC_PORT") or "8080"
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise ConfigError(f"CCHC_PORT phải là số cổng 1–65535, nhận được {raw!r}")
    return int(raw)


def _run_serve(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    """The web server: webhooks of the configured channels."""
    import httpx
    import uvicorn

    from bot.app import build_core
    from handlers.http_transport import fast_transport
    from handlers.telegram import TelegramSettings, build_application, replies_of
    from handlers.telegram_send import make_sender as telegram_sender
    from handlers.web import TelegramWebhook, ZaloWebhook, create_app
    from handlers.zalo import ZaloAdapter, ZaloSettings
    from handlers.zalo import make_sender as zalo_sender
    from handlers.zalo_api import RetryPolicy, ZaloClient

    core = build_core(load_settings())
    answer = answerer(core)
    http = httpx.AsyncClient(transport=fast_transport())
    try:
        telegram = zalo = None
        senders: dict[str, Send] = {}
        if os.environ.get("TELEGRAM_BOT_TOKEN"):
            tg = TelegramSettings.from_env(webhook=True)
            assert tg.webhook_url and tg.webhook_secret
            application = build_application(core, tg, webhook=True, answer=answer)
            telegram = TelegramWebhook(application, tg.webhook_url, tg.webhook_secret)
            senders["telegram"] = telegram_sender(application.bot)
        if os.environ.get("ZALO_BOT_TOKEN"):
            za = ZaloSettings.from_env(webhook=True)
            assert za.webhook_url and za.webhook_secret
            zalo = ZaloWebhook(ZaloAdapter(core, ZaloClient(za.token, http, za.api_url), answer=answer),
                               za.webhook_url, za.webhook_secret)
            once = ZaloClient(za.token, http, za.api_url, RetryPolicy(attempts=1))
            senders["zalo"] = zalo_sender(once)
        host = os.environ.get("CCHC_HOST") or "127.0.0.1"
        port = _port()
        out.write(f"Trợ lý đang chạy tại http://{host}:{port}/ — hỏi đáp tại /, quản trị tại /admin "
                  "(Ctrl+C để dừng)\n")
        out.flush()
        secure = (os.environ.get("CCHC_COOKIE_SECURE") or "").lower() in ("1", "true", "yes")
        engine = broadcaster(core, senders)
        if telegram is not None:
            replies_of(telegram.application).on_send = engine.note_send
        if zalo is not None:
            zalo.adapter.replies.on_send = engine.note_send
        app = create_app(core, telegram=telegram, zalo=zalo, broadcaster=engine, secure_cookies=secure,
                         answer=answer)
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return 0
    finally:
        answer.close()
        core.close()


COMMANDS = {
    "chat": Command("trò chuyện với trợ lý trong cửa sổ dòng lệnh", _configure_chat, _run_chat),
    "telegram": Command("chạy bot Telegram (long polling)", _no_options, _run_telegram),
    "zalo": Command("chạy bot Zalo (long polling)", _no_options, _run_zalo),
    "serve": Command("chạy máy chủ web (webhook các kênh)", _no_options, _run_serve),
}


def main(argv: Sequence[str] | None = None, out: TextIO | None = None,
         stdin: TextIO | None = None) -> int:
    """Entry point of ``cchc-bot`` and ``python -m handlers``."""
    return core_main(argv, out or sys.stdout, stdin or sys.stdin, extra=COMMANDS)
