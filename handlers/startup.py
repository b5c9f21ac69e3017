"""Starting a channel while its platform may be down: retry with backoff, logged, and say
where each channel stands (``/healthz``). The web chat and the dashboard never wait for it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)

#: channel → "connecting" | "retrying: <error>" | "ready"
ChannelStates = dict[str, str]


async def until_ready(channel: str, start: Callable[[], Awaitable[object]], stop: asyncio.Event,
                      states: ChannelStates | None = None, *, first: float = 1.0,
                      longest: float = 60.0) -> bool:
    """Call ``start`` until it succeeds (True) or ``stop`` is set (False), backing off from
    ``first`` to ``longest`` seconds between attempts."""
    states = {} if states is None else states
    states[channel] = "connecting"
    delay = first
    while not stop.is_set():
        try:
            await start()
        except Exception as exc:  # any platform or network error: the platform is not there yet
            states[channel] = f"retrying: {type(exc).__name__}"
            log.warning("%s: start-up failed (%s: %s); retrying in %.0f s", channel,
                        type(exc).__name__, exc, delay)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=delay)
            delay = min(delay * 2, longest)
            continue
        states[channel] = "ready"
        log.info("%s: ready", channel)
        return True
    return False
