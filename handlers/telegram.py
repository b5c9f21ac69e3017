"""Telegram adapter on python-telegram-bot: updates in, ``bot.messages`` replies out.

It only translates. The dialogue (menus, locality, feedback, de-duplication) is the core's;
this module turns an update into an :class:`~bot.messages.Incoming`, and each
:class:`~bot.messages.Reply` into HTML messages with inline buttons, split under 4,096
characters. In groups the bot speaks only when mentioned, replied to, or sent a command.
"""

from __future__ import annotations

import asyncio
import html
import logging
import os
from collections.abc import Awaitable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx
from telegram import (
    BotCommand,
    CallbackQuery,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot.app import Core
from bot.errors import ConfigError
from bot.messages import Channel, Choice, Incoming, Rate, Reply, parse_payload
from bot.replies import Replies
from bot.storage.reply_outbox import ReplyOutbox
from handlers.answering import Answerer
from handlers.chatpool import CONCURRENCY, ChatPool
from handlers.http_transport import fast_transport
from handlers.startup import ChannelStates, until_ready
from handlers.telegram_send import make_json_reply_sender, use_timedelta
from handlers.textsplit import split_text

log = logging.getLogger(__name__)

CHANNEL: Channel = "telegram"
MESSAGE_LIMIT = 4096
CALLBACK_LIMIT = 64  # bytes of callback_data Telegram accepts
#: Commands shown in Telegram's menu (setMyCommands); descriptions come from the knowledge.
COMMANDS = ("start", "help", "menu", "hotline", "diaphuong", "dangky", "huydangky", "gopy",
            "dulieu", "xoadulieu")
#: Updates received and not yet handed to the pool (beyond it, the webhook's answer waits and
#: long polling stops fetching).
UPDATE_QUEUE = 16


@dataclass(frozen=True)
class TelegramSettings:
    """Telegram settings, read once from the environment."""

    token: str
    api_url: str = "https://api.telegram.org"
    webhook_url: str | None = None
    webhook_secret: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, webhook: bool = False) -> TelegramSettings:
        env = os.environ if env is None else env
        token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
        if not token:
            raise ConfigError("thiếu TELEGRAM_BOT_TOKEN (lấy từ @BotFather)")
        settings = cls(token=token,
                       api_url=(env.get("TELEGRAM_API_URL") or cls.api_url).rstrip("/"),
                       webhook_url=env.get("TELEGRAM_WEBHOOK_URL") or None,
                       webhook_secret=env.get("TELEGRAM_WEBHOOK_SECRET") or None)
        if webhook and not (settings.webhook_url and settings.webhook_secret):
            raise ConfigError("chế độ webhook cần TELEGRAM_WEBHOOK_URL và TELEGRAM_WEBHOOK_SECRET")
        if settings.webhook_secret is not None and not 1 <= len(settings.webhook_secret) <= 256:
            raise ConfigError("TELEGRAM_WEBHOOK_SECRET phải dài 1–256 ký tự")
        return settings


# --- rendering -------------------------------------------------------------------------------
Markup = dict[str, list[list[dict[str, str]]]]


def keyboard(choices: tuple[Choice, ...]) -> Markup | None:
    """Choices as inline buttons (Bot API JSON): one per row, the 👍/👎 pair side by side."""
    rows: list[list[dict[str, str]]] = []
    ratings: list[dict[str, str]] = []
    for choice in choices:
        if len(choice.payload.encode()) > CALLBACK_LIMIT:
            log.warning("callback data too long, button dropped: %s", choice.payload[:20])
            continue
        button = {"text": choice.label, "callback_data": choice.payload}
        if choice.is_rating:
            ratings.append(button)
        else:
            rows.append([button])
    if ratings:
        rows.append(ratings)
    return {"inline_keyboard": rows} if rows else None


def render(reply: Reply) -> list[tuple[str, Markup | None]]:
    """HTML messages for one reply; the buttons go with the last one."""
    chunks = split_text(html.escape(reply.text, quote=False), MESSAGE_LIMIT) or ["…"]
    markup = keyboard(reply.choices)
    return [(chunk, markup if i == len(chunks) - 1 else None) for i, chunk in enumerate(chunks)]


# --- translating updates ---------------------------------------------------------------------
def _addressed_text(message: Message, username: str, bot_id: int) -> str | None:
    """The text the bot should handle, or None when a group message is not for the bot."""
    text = message.text or message.caption or ""
    if message.chat.type == ChatType.PRIVATE:
        return text
    mention = f"@{username}".lower()
    if text.startswith("/"):
        command = text.split()[0]
        if "@" in command and command.lower().split("@", 1)[1] != username.lower():
            return None  # a command for another bot
        return text
    if mention in text.lower():
        start = text.lower().index(mention)
        return (text[:start] + text[start + len(mention):]).strip()
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        return text
    return None


class TelegramAdapter:
    """Handlers for python-telegram-bot, bound to one core."""

    def __init__(self, core: Core, replies: Replies, answer: Answerer | None = None) -> None:
        self.core = core
        self.replies = replies
        self.answer = answer or Answerer(core)

    async def _handle(self, msg: Incoming) -> list[Reply]:
        return await self.answer(msg)

    async def on_message(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A citizen's text, command or other message: the dialogue's replies."""
        message = update.effective_message
        user = update.effective_user
        if message is None or user is None or user.is_bot:
            return
        text = _addressed_text(message, context.bot.username, context.bot.id)
        if text is None:
            return
        private = message.chat.type == ChatType.PRIVATE
        replies = await self._handle(Incoming(
            CHANNEL, str(user.id), text, address=str(message.chat.id) if private else None,
            message_id=str(update.update_id), group=not private))
        if not private:  # never flood a group: one message, answering the person
            replies = replies[:1]
        public: list[Reply] = []
        for reply in replies:
            if not private and reply.private and await self._tell_privately(context, user.id, reply):
                continue
            public.append(reply)
        await self.send(str(user.id), message, public, quote=not private)

    async def send(self, user_id: str, message: Message, replies: list[Reply], quote: bool) -> int:
        """The replies, through the durable reply queue, in order (quoting in groups)."""
        payloads = [{"text": text_part, "markup": markup,
                     "quote": message.message_id if quote else None}
                    for reply in replies for text_part, markup in render(reply)]
        return await self.replies.deliver(CHANNEL, user_id, str(message.chat.id), payloads)

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A button press: ratings are acknowledged in place, other choices answered."""
        query = update.callback_query
        user = update.effective_user
        if query is None or user is None or not query.data:
            return
        message = update.effective_message
        private = message is not None and message.chat.type == ChatType.PRIVATE
        replies = await self._handle(Incoming(
            CHANNEL, str(user.id), payload=query.data,
            address=str(message.chat.id) if private and message else None,
            message_id=str(update.update_id), group=not private))
        if isinstance(parse_payload(query.data), Rate):
            await acknowledge(query, replies[0].text if replies else None)
            return
        await acknowledge(query)
        if message is None:
            return
        await self.send(str(user.id), message, replies if private else replies[:1], quote=False)

    @staticmethod
    async def _tell_privately(context: ContextTypes.DEFAULT_TYPE, user_id: int, reply: Reply) -> bool:
        """Send ``reply`` to the person's private chat; False if the bot cannot (never started)."""
        try:
            for text_part, markup in render(reply):
                await context.bot.send_message(user_id, text_part, parse_mode=ParseMode.HTML,
                                               reply_markup=InlineKeyboardMarkup.de_json(markup, context.bot)
                                               if markup else None)
        except TelegramError:
            return False
        return True

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log the failure; tell the person something went wrong if we can."""
        log.error("error while handling a Telegram update", exc_info=context.error)
        if isinstance(update, Update) and update.effective_message is not None:
            try:
                await update.effective_message.reply_text(self.core.kb.text("error"))
            except TelegramError:
                log.warning("could not send the error message")


async def acknowledge(query: CallbackQuery, text: str | None = None) -> None:
    """Answer a button press; one answered too late ("query is too old") is let go silently,
    since its action has already been carried out."""
    try:
        await query.answer(text)
    except BadRequest as exc:
        if not any(h in exc.message.lower() for h in ("query is too old", "query id is invalid")):
            raise
        log.info("button press acknowledged too late: %s", exc.message)


async def register_commands(application: Application) -> None:  # type: ignore[type-arg]
    """Optional start-up call (setMyCommands): a failure is logged and the bot keeps running."""
    core: Core = application.bot_data["core"]
    try:
        await application.bot.set_my_commands(
            [BotCommand(c, core.kb.ui.get(f"command_{c}", c)) for c in COMMANDS])
    except TelegramError as exc:
        log.warning("setMyCommands failed (the bot keeps running): %s", exc)


def build_application(core: Core, settings: TelegramSettings, *, webhook: bool = False,
                      transport: httpx.AsyncBaseTransport | None = None,
                      answer: Answerer | None = None,
                      pool: ChatPool | None = None) -> Application:  # type: ignore[type-arg]
    """The python-telegram-bot Application wired to ``core`` (no network until started)."""
    use_timedelta()
    # a connection for every update being answered at once, and a few for broadcasts
    connections = CONCURRENCY + 8
    shared = transport if transport is not None else fast_transport(connections)
    request = HTTPXRequest(connection_pool_size=connections, pool_timeout=10,
                           httpx_kwargs={"transport": shared})
    kwargs = {"transport": transport} if transport is not None else {}
    # replies go straight to sendMessage as JSON, on the same connections
    http = httpx.AsyncClient(transport=shared, timeout=httpx.Timeout(10.0, connect=5.0))

    async def close_http(application: Application) -> None:  # type: ignore[type-arg]
        await http.aclose()
    updates_request = HTTPXRequest(connection_pool_size=1, read_timeout=40, httpx_kwargs=kwargs)
    builder = (ApplicationBuilder().token(settings.token)
               .base_url(f"{settings.api_url}/bot").base_file_url(f"{settings.api_url}/file/bot")
               .request(request).get_updates_request(updates_request)
               .update_queue(asyncio.Queue(maxsize=UPDATE_QUEUE))
               .concurrent_updates(OrderedUpdates(pool or ChatPool()))
               .post_shutdown(close_http))
    if webhook:
        builder = builder.updater(None)
    application = builder.build()
    application.bot_data["core"] = core
    replies = Replies(ReplyOutbox(core.store),
                      {CHANNEL: make_json_reply_sender(http, settings.api_url, settings.token)},
                      core.settings.secret, core.settings.reply_retry_seconds)
    application.bot_data["replies"] = replies
    adapter = TelegramAdapter(core, replies, answer)
    application.add_handler(CallbackQueryHandler(adapter.on_button))
    application.add_handler(MessageHandler(filters.ALL & ~filters.StatusUpdate.ALL, adapter.on_message))
    application.add_error_handler(adapter.on_error)
    return application


# --- concurrency ---------------------------------------------------------------------------
def conversation(update: object) -> Hashable:
    """The key whose updates must be handled in order: the person (their dialogue state is
    theirs in every chat), else the chat; an update with neither has no order to keep."""
    if isinstance(update, Update):
        if update.effective_user is not None:
            return ("user", update.effective_user.id)
        if update.effective_chat is not None:
            return ("chat", update.effective_chat.id)
    return object()


class OrderedUpdates(BaseUpdateProcessor):
    """python-telegram-bot's update processor on a :class:`~handlers.chatpool.ChatPool`: the
    application hands over one update at a time, in order; the pool runs different people's
    updates concurrently and one person's in order, and makes the hand-over wait when full."""

    def __init__(self, pool: ChatPool) -> None:
        super().__init__(1)
        self.pool = pool

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        await self.pool.submit(conversation(update), lambda: coroutine)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


async def stop_application(application: Application) -> None:  # type: ignore[type-arg]
    """Stop taking updates, then finish the ones accepted (before the bot's client closes)."""
    await application.stop()
    processor = application.update_processor
    if isinstance(processor, OrderedUpdates):
        await processor.pool.drain()


def replies_of(application: Application) -> Replies:  # type: ignore[type-arg]
    """The reply queue :func:`build_application` attached to the application."""
    replies: Replies = application.bot_data["replies"]
    return replies


async def run_polling(application: Application, stop: asyncio.Event,  # type: ignore[type-arg]
                      states: ChannelStates | None = None) -> None:
    """Long polling until ``stop`` is set: getMe, deleteWebhook, then getUpdates — each start-up
    call retried with backoff while Telegram is unreachable — and the reply queue's retries."""
    updater = application.updater
    assert updater is not None
    if not await until_ready(CHANNEL, application.initialize, stop, states):
        return
    worker = asyncio.create_task(replies_of(application).run(stop))
    try:
        await register_commands(application)
        await application.start()
        if await until_ready(CHANNEL, lambda: updater.start_polling(allowed_updates=Update.ALL_TYPES),
                             stop, states):
            await stop.wait()
    finally:
        if updater.running:
            await updater.stop()
        if application.running:
            await stop_application(application)
        await application.shutdown()
        await worker
