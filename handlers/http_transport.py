"""The channels' outgoing HTTP: httpx's interface on aiohttp's connections.

Every reply is an HTTP request to the platform, and under a burst these requests are a large
part of the server's CPU: httpx's own connection pool (httpcore on anyio) spends about 0.6 ms
of CPU per request, python-telegram-bot's ``sendMessage`` over it about 1.2 ms. aiohttp's
connection handling (its HTTP parser is C) does the same for a fraction of that. The code keeps
talking httpx — python-telegram-bot's ``HTTPXRequest``, the Zalo client, ``httpx.MockTransport``
in tests — and only the transport underneath is aiohttp's (the ``httpx-aiohttp`` package).
"""

from __future__ import annotations

import aiohttp
import httpx
from httpx_aiohttp import AiohttpTransport


class ReopeningTransport(AiohttpTransport):
    """aiohttp under httpx, opening a new aiohttp session when used again after being closed
    (python-telegram-bot closes its client at shutdown and may initialise it again)."""

    def __init__(self, connections: int) -> None:
        super().__init__(limits=httpx.Limits(max_connections=connections))
        self.connections = connections

    def get_client(self) -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(limit=self.connections, ssl=self.ssl_context,
                                         keepalive_timeout=self.limits.keepalive_expiry or 5.0)
        return aiohttp.ClientSession(connector=connector)

    async def aclose(self) -> None:
        await super().aclose()
        self.client = None


def fast_transport(connections: int = 40) -> httpx.AsyncBaseTransport:
    """A transport for an ``httpx.AsyncClient`` with at most ``connections`` open at once."""
    return ReopeningTransport(connections)
