"""Data-subject rights over every table: erasure reaches delivery, export lists everything,
retention purges every table, delivery addresses are sealed at rest, the file is private."""

from __future__ import annotations

import asyncio
import sqlite3
import stat
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlite_utils import Database
from telegram import Bot

from bot.app import Core
from bot.broadcast.delivery import Broadcaster, RateLimit
from bot.config import load_settings
from bot.messages import Incoming
from bot.privacy import pseudonym
from bot.storage.reply_outbox import ReplyOutbox
from bot.storage.rights import NOT_PERSONAL, PERSONAL
from bot.storage.store import Store
from handlers.telegram_send import make_sender
from tests.fake_telegram import TOKEN, FakeTelegram

PERSON, NEIGHBOUR = "777001", "777002"
_update_ids = iter(range(1, 10_000))


def say(core: Core, user: str, text: str = "", payload: str | None = None) -> str:
    replies = core.dialogue.handle(Incoming("telegram", user, text, payload, address=user,
                                            message_id=str(next(_update_ids))))
    return "\n".join(r.text for r in replies)


def everything(core: Core) -> str:
    """Every value of every row of every table, as one text."""
    db = core.store.db
    return "\n".join(repr(row) for table in db.table_names()
                     for row in db.execute(f"SELECT * FROM [{table}]"))


def file_bytes(core: Core) -> bytes:
    core.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = Path(core.settings.db_path)
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def deliver(core: Core, fake: FakeTelegram, bid: int) -> Counter[str]:
    """Run the real broadcast engine against the fake Bot API until broadcast ``bid`` is done."""
    async def main() -> None:
        engine = Broadcaster(core.outbox, {"telegram": make_sender(Bot(TOKEN, base_url=f"{fake.url}/bot"))},
                             {"telegram": RateLimit(per_second=100)}, backoff=0.05, idle=0.05)
        stop = asyncio.Event()
        task = asyncio.create_task(engine.run(stop))
        for _ in range(400):
            if core.outbox.status(bid)["status"] in ("done", "cancelled"):  # type: ignore[index]
                break
            await asyncio.sleep(0.05)
        stop.set()
        await task
    asyncio.run(main())
    return Counter(str(p["chat_id"]) for p in fake.sent())


def test_every_table_is_declared_personal_or_not() -> None:
    store = Store(":memory:")
    assert set(store.db.table_names()) == set(PERSONAL) | NOT_PERSONAL
    for table, time_column in PERSONAL.items():
        assert {"user_key", time_column} <= set(store.db[table].columns_dict), table


def test_erasing_a_person_reaches_every_table_and_delivery(core: Core) -> None:
    key = pseudonym(core.settings.secret, "telegram", PERSON)
    for user in (PERSON, NEIGHBOUR):
        say(core, user, "/start")
        say(core, user, payload="loc:ky-lac")  # a contact, subscribed to general announcements
    say(core, PERSON, "thủ tục đăng ký khai sinh")
    say(core, PERSON, "giá vàng hôm nay thế nào")  # unanswered
    say(core, PERSON, "/gopy Phòng một cửa đông quá, số tôi 0912345678")
    core.outbox.add_officer("telegram", key)
    say(core, PERSON, "/thongbao")
    say(core, PERSON, "Thông báo thử của cán bộ.")
    say(core, PERSON, payload="bc:topic:thong-bao-chung")
    say(core, PERSON, payload="bc:loc:ky-lac")
    say(core, PERSON, payload="bc:send")  # a broadcast the officer created …
    core.outbox.start_due()  # … now pending for both subscribers
    assert key in everything(core) and core.store.count("outbox", "status = 'pending'") == 2

    assert say(core, PERSON, payload="cmd:xoadulieu-ok").startswith("Đã xóa")

    assert key not in everything(core) and key[:12] not in everything(core)
    assert PERSON not in everything(core)
    assert key.encode() not in file_bytes(core)
    assert not any(core.store.export_user(key).values())
    with FakeTelegram() as fake:
        assert deliver(core, fake, 1) == Counter([NEIGHBOUR])
    assert core.outbox.status(1)["reach"]["cancelled"] == 1  # type: ignore[index]


def test_no_raw_chat_id_of_a_subscriber_is_in_the_database_file(core: Core) -> None:
    chat_ids = [str(5_550_001_000 + i) for i in range(20)]
    for chat_id in chat_ids:
        say(core, chat_id, "/start")
        say(core, chat_id, payload="loc:ky-lac")
    core.outbox.create(text="Lịch tiếp công dân", topic="thong-bao-chung", locality="ky-lac", created_by="t")
    core.outbox.start_due()
    raw = file_bytes(core)
    assert core.store.count("contacts") == 20 and core.store.count("outbox") == 20
    assert [c for c in chat_ids if c.encode() in raw] == []
    assert {r["address"][:6] for r in core.store.db["contacts"].rows} == {"gAAAAA"}  # Fernet tokens
    assert core.store.contact(pseudonym(core.settings.secret, "telegram", chat_ids[0]))["address"] == \
        chat_ids[0]  # type: ignore[index]


def test_export_lists_outbox_officer_and_handled_update_rows(core: Core) -> None:
    key = pseudonym(core.settings.secret, "telegram", PERSON)
    say(core, PERSON, "/start")
    say(core, PERSON, payload="loc:ky-lac")
    core.outbox.add_officer("telegram", key)
    core.outbox.create(text="Thông báo", topic="thong-bao-chung", locality="ky-lac", created_by="t")
    core.outbox.start_due()
    exported = core.store.export_user(key)
    outbox = [(r["broadcast_id"], r["status"], r["address"]) for r in exported["outbox"]]
    assert outbox == [(1, "pending", PERSON)]
    assert exported["contacts"][0]["address"] == PERSON
    assert len(exported["officers"]) == 1 and len(exported["processed"]) == 2


def test_purge_removes_old_rows_of_every_table_and_keeps_what_is_pending(core: Core) -> None:
    for user in (PERSON, NEIGHBOUR):
        say(core, user, "/start")
        say(core, user, payload="loc:ky-lac")
    core.outbox.create(text="Thông báo", topic="thong-bao-chung", locality="ky-lac", created_by="t")
    core.outbox.start_due()
    def deliver_one_block_one(db: Database) -> None:
        db.execute("UPDATE outbox SET status = 'sent' WHERE id = 1")
        db.execute("UPDATE contacts SET active = 0 WHERE user_key = ?",
                   [pseudonym(core.settings.secret, "telegram", NEIGHBOUR)])
    core.store.write(deliver_one_block_one)
    later = datetime.now(UTC) + timedelta(days=400)
    core.store.purge(365, now=later)
    assert [r["status"] for r in core.store.db["outbox"].rows] == ["pending"]
    assert core.store.count("contacts") == 1 and core.store.count("subscriptions") == 1
    for table in ("interactions", "sessions", "processed"):
        assert core.store.count(table) == 0, table


def test_an_address_sealed_with_another_secret_is_never_sent(core: Core, tmp_path: Path) -> None:
    other = Store(core.settings.db_path, b"another-secret-0123456789")
    other.upsert_contact("k1", "telegram", "123456", "ky-lac")
    other.subscribe("k1", "thong-bao-chung")
    other.close()
    core.outbox.create(text="Thông báo", topic="thong-bao-chung", locality="ky-lac", created_by="t")
    core.outbox.start_due()
    assert core.outbox.claim("telegram", 10) == []
    assert [r["status"] for r in core.store.db["outbox"].rows] == ["failed"]


def test_addresses_stored_in_clear_by_an_older_version_are_sealed_on_opening(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    Store(path, b"secret-0123456789abc").close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO contacts (user_key, channel, address, locality, active, created) "
                     "VALUES ('k1', 'telegram', '5550009999', 'ky-lac', 1, '2026-01-01')")
    store = Store(path, b"secret-0123456789abc")
    assert store.db["contacts"].get("k1")["address"].startswith("gAAAAA")
    assert store.contact("k1")["address"] == "5550009999"  # type: ignore[index]
    store.close()


def test_database_file_and_data_folder_are_private(env: dict[str, str], tmp_path: Path) -> None:
    settings = load_settings({**env, "CCHC_SECRET": ""})  # generates the key in the data folder
    store = Store(tmp_path / "fresh" / "cchc.sqlite3", settings.secret)
    store.log_interaction(channel="web", user_key="k", locality=None, kind="question", text="hỏi")
    for path in (tmp_path / "fresh" / "cchc.sqlite3", tmp_path / "fresh" / "cchc.sqlite3-wal",
                 settings.data_dir / "secret.key"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    for folder in (tmp_path / "fresh", settings.data_dir):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    store.close()


def test_a_person_erased_while_their_message_waits_for_its_turn_gets_nothing(core: Core) -> None:
    for user in (PERSON, NEIGHBOUR):
        say(core, user, "/start")
        say(core, user, payload="loc:ky-lac")
    bid = core.outbox.create(text="Thông báo", topic="thong-bao-chung", locality="ky-lac", created_by="t")

    async def main(fake: FakeTelegram) -> None:
        bot = Bot(TOKEN, base_url=f"{fake.url}/bot")
        engine = Broadcaster(core.outbox, {"telegram": make_sender(bot)},
                             {"telegram": RateLimit(per_second=1)}, backoff=0.05, idle=0.05)
        stop = asyncio.Event()
        task = asyncio.create_task(engine.run(stop))
        while not fake.sent():  # the first recipient got it; the second waits its turn (1/s)
            await asyncio.sleep(0.01)
        waiting = NEIGHBOUR if str(fake.sent()[0]["chat_id"]) == PERSON else PERSON
        await asyncio.to_thread(core.store.delete_user, pseudonym(core.settings.secret, "telegram", waiting))
        while core.outbox.status(bid)["status"] != "done":  # type: ignore[index]
            await asyncio.sleep(0.02)
        stop.set()
        await task
        assert [str(p["chat_id"]) for p in fake.sent()] == [PERSON if waiting == NEIGHBOUR else NEIGHBOUR]

    with FakeTelegram() as fake:
        asyncio.run(main(fake))


def test_replies_waiting_for_their_platform_are_sealed_kept_in_order_and_erased(core: Core) -> None:
    replies = ReplyOutbox(core.store)
    key = pseudonym(core.settings.secret, "telegram", PERSON)
    replies.enqueue("telegram", PERSON, key, [{"text": "một"}, {"text": "hai"}], 600)
    replies.enqueue("telegram", NEIGHBOUR, None, [{"text": "ba"}], 600)
    assert PERSON.encode() not in file_bytes(core) and NEIGHBOUR.encode() not in file_bytes(core)
    claimed = replies.claim(["telegram"], 10)
    assert sorted((r.address, r.payload["text"]) for r in claimed) == [(PERSON, "một"), (NEIGHBOUR, "ba")]
    replies.delivered(next(r for r in claimed if r.address == PERSON))
    assert [(r.address, r.payload["text"]) for r in replies.claim(["telegram"], 10, address=PERSON)] == \
        [(PERSON, "hai")]
    core.store.delete_user(key)
    assert "hai" not in everything(core) and key not in everything(core)
