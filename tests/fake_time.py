"""A fake monotonic time for code that takes a ``clock`` and a ``sleep`` (the broadcast rate
limiters): it moves only when the code under test sleeps, so waits cost nothing and every
instant is exact."""

from __future__ import annotations

import asyncio


class FakeTime:
    def __init__(self, start: float = 0.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(seconds, 1e-9)  # always forward: a rounding remainder cannot spin
        await asyncio.sleep(0)
