"""The SQLite store: schema by migrations, scrubbing, ratings once, data-subject rights, retention."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.storage.store import Redelivered, Store, migrations


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "db" / "cchc.sqlite3")
    yield s
    s.close()


def log(store: Store, user: str = "u1", **kw: object) -> int:
    fields = {"channel": "telegram", "user_key": user, "locality": "ky-lac", "kind": "question",
              "text": "hỏi", "status": "answered", "entry_id": "x", "score": 80.0}
    fields.update(kw)
    return store.log_interaction(**fields)  # type: ignore[arg-type]


def test_creates_file_in_wal_mode_with_migrations_recorded(tmp_path: Path) -> None:
    s = Store(tmp_path / "new" / "cchc.sqlite3")
    assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {"m004_dashboard", "m005_personal_data"} <= {m.name for m in migrations.applied(s.db)}
    s.close()
    again = Store(tmp_path / "new" / "cchc.sqlite3")  # reopening applies nothing twice
    assert again.count("interactions") == 0
    again.close()


def test_stored_text_is_scrubbed(store: Store) -> None:
    iid = log(store, text="cccd 001203004567, gọi 0912345678")
    assert store.interaction(iid)["text"] == "cccd [số giấy tờ], gọi [số điện thoại]"  # type: ignore[index]


def test_fallback_enters_the_unanswered_queue(store: Store) -> None:
    log(store, status="fallback", entry_id=None, text="giá vàng")
    log(store, status="answered")
    assert [r["text"] for r in store.db["unanswered"].rows] == ["giá vàng"]


def test_rating_is_recorded_once_and_only_by_the_asker(store: Store) -> None:
    iid = log(store)
    assert store.rate(iid, "someone-else", 1) is False
    assert store.rate(iid, "u1", 1) is True
    assert store.rate(iid, "u1", -1) is False
    assert store.interaction(iid)["rating"] == 1  # type: ignore[index]


def test_feedback_gets_increasing_reference_numbers(store: Store) -> None:
    a = store.add_feedback(channel="zalo", user_key="u1", locality=None, text="chậm")
    b = store.add_feedback(channel="zalo", user_key="u2", locality=None, text="số 0912345678")
    assert b == a + 1
    assert store.db["feedback"].get(b)["text"] == "số [số điện thoại]"


def test_export_and_delete_touch_only_one_person(store: Store) -> None:
    log(store, user="u1", status="fallback", entry_id=None)
    log(store, user="u2")
    store.add_feedback(channel="web", user_key="u1", locality=None, text="góp ý")
    exported = store.export_user("u1")
    assert len(exported["interactions"]) == 1 and len(exported["feedback"]) == 1
    assert store.delete_user("u1") == 3  # interaction, its unanswered row, feedback
    assert not any(store.export_user("u1").values())
    assert store.count("interactions") == 1


def test_purge_removes_only_expired_records(store: Store) -> None:
    old = (datetime.now(UTC) - timedelta(days=400)).isoformat()
    log(store, ts=old, status="fallback", entry_id=None)
    log(store)
    assert store.purge(365) == 2
    assert store.count("interactions") == 1 and store.count("unanswered") == 0


def test_subscriptions_and_contacts_are_erased_with_the_person(store: Store) -> None:
    assert store.upsert_contact("u1", "telegram", "42", "ky-lac") is True
    assert store.upsert_contact("u1", "telegram", "42", "ky-lac") is False
    assert store.subscribe("u1", "thong-bao-chung") is True
    assert store.subscribe("u1", "thong-bao-chung") is False
    assert store.delete_user("u1") == 2
    assert store.subscriptions("u1") == []


def test_an_update_id_is_first_time_only_once_per_channel(store: Store) -> None:
    assert store.first_time("telegram", "7") is True
    assert store.first_time("telegram", "7") is False
    assert store.first_time("zalo", "7") is True


def test_a_message_handled_meanwhile_elsewhere_writes_nothing(store: Store) -> None:
    with store.message("telegram", "7", "u1"):
        log(store)
    assert store.handled("telegram", "7") and store.count("interactions") == 1
    with pytest.raises(Redelivered), store.message("telegram", "7", "u1"):
        log(store)  # the other process recorded the update first: this one is rolled back
    assert store.count("interactions") == 1
