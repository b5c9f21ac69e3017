"""Who a broadcast can reach, said before it is scheduled: no channel able to send it, or no
subscriber on the channels that can. The dashboard, the CLI and the chat compose all ask here."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from bot.knowledge.model import KnowledgeBase
from bot.storage.outbox import CHANNELS, Outbox

#: the adapters' token settings: a channel is configured where its token is set
TOKENS = {"telegram": "TELEGRAM_BOT_TOKEN", "zalo": "ZALO_BOT_TOKEN"}


def configured_channels(env: Mapping[str, str] | None = None) -> set[str]:
    """Channels whose bot token is set in ``env`` (default ``os.environ``)."""
    env = os.environ if env is None else env
    return {channel for channel, key in TOKENS.items() if (env.get(key) or "").strip()}


@dataclass(frozen=True)
class Reach:
    count: int  # recipients on the channels that can send
    warnings: tuple[str, ...]  # what to tell the person scheduling it (Vietnamese)


def reach(kb: KnowledgeBase, outbox: Outbox, *, topic: str, locality: str | None,
          channels: list[str] | None = None, configured: set[str]) -> Reach:
    """How many people a broadcast would reach now, and why it might reach nobody. A channel can
    send if this process has a sender for it or some running process held its lease lately."""
    able = (configured | outbox.live_senders()) & set(channels or CHANNELS)
    if not able:
        return Reach(0, (kb.text("bc_no_channel"),))
    count = outbox.recipients(topic, locality, sorted(able))
    return Reach(count, () if count else (kb.text("bc_no_recipients"),))
