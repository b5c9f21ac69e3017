import asyncio
from datetime import UTC, datetime, timedelta

from bot.app import Core, maintain


def test_long_running_processes_purge_expired_records_at_start(core: Core) -> None:
    old = (datetime.now(UTC) - timedelta(days=core.settings.retention_days + 1)).isoformat()
    core.store.log_interaction(channel="zalo", user_key="u", locality=None, kind="question",
                               text="cũ", ts=old)
    core.store.log_interaction(channel="zalo", user_key="u", locality=None, kind="question", text="mới")

    async def purged() -> None:
        while core.store.count("interactions") > 1:
            await asyncio.sleep(0.02)

    async def main() -> None:
        stop = asyncio.Event()
        task = asyncio.create_task(maintain(core, stop))
        await asyncio.wait_for(purged(), timeout=10)  # at start, not after a day
        stop.set()
        await task
    asyncio.run(main())
    assert [r["text"] for r in core.store.db["interactions"].rows] == ["mới"]
