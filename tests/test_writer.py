"""The one write path: a write is one transaction; a batch makes a thread's writes one."""

import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from bot.errors import StoreError
from bot.storage.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "cchc.sqlite3")
    yield s
    s.close()


def add_lease(name: str) -> Callable[[Database], int]:
    return lambda db: db.execute("INSERT INTO leases (name, owner, expires) VALUES (?, 'o', 'x')",
                                 [name]).rowcount


def leases(store: Store) -> list[str]:
    return store.read(lambda db: [r[0] for r in db.execute("SELECT name FROM leases ORDER BY name")])


def test_a_write_commits_when_its_function_returns(store: Store, tmp_path: Path) -> None:
    assert store.write(add_lease("a")) == 1
    other = sqlite3.connect(tmp_path / "cchc.sqlite3")  # another connection sees it: committed
    assert other.execute("SELECT name FROM leases").fetchall() == [("a",)]
    other.close()


def test_a_write_that_raises_leaves_nothing(store: Store) -> None:
    def half(db: Database) -> None:
        add_lease("a")(db)
        raise ValueError("failed half-way")
    with pytest.raises(ValueError):
        store.write(half)
    assert leases(store) == []


def test_a_write_function_may_not_commit_itself(store: Store) -> None:
    def commits(db: Database) -> None:
        add_lease("a")(db)
        db.conn.commit()
    with pytest.raises(StoreError, match="ended its transaction itself"):
        store.write(commits)


def test_a_batch_commits_every_write_together_or_none(store: Store) -> None:
    with store.writer.batch():
        store.write(add_lease("a"))
        store.write(add_lease("b"))
    assert leases(store) == ["a", "b"]
    with pytest.raises(RuntimeError), store.writer.batch():
        store.write(add_lease("c"))
        store.write(add_lease("d"))
        raise RuntimeError("the message failed after two writes")
    assert leases(store) == ["a", "b"]


def test_a_read_function_that_writes_is_an_error(store: Store) -> None:
    with pytest.raises(StoreError, match="writes go through write"):
        store.read(add_lease("a"))


def test_reads_inside_a_batch_see_its_writes(store: Store) -> None:
    with store.writer.batch():
        store.write(add_lease("a"))
        assert leases(store) == ["a"]


def test_a_write_that_raises_inside_a_batch_is_undone_alone(store: Store) -> None:
    with store.writer.batch():
        store.write(add_lease("a"))
        with pytest.raises(sqlite3.IntegrityError):
            store.write(lambda db: [add_lease("b")(db), add_lease("a")(db)])  # "a" again: refused
    assert leases(store) == ["a"]


def test_what_on_begin_raises_ends_the_batch_with_nothing_written(store: Store) -> None:
    def refuse(db: Database) -> None:
        add_lease("first")(db)
        raise LookupError("handled meanwhile")
    with pytest.raises(LookupError), store.writer.batch(refuse):
        store.write(add_lease("a"))
    assert leases(store) == []


def test_a_batch_holds_no_lock_before_its_first_write(store: Store) -> None:
    done = threading.Event()
    with store.writer.batch():
        other = threading.Thread(target=lambda: (store.write(add_lease("other")), done.set()))
        other.start()
        other.join(timeout=30)  # would wait for the batch to end if the batch held the writer
        assert done.is_set()
        store.write(add_lease("mine"))
    assert leases(store) == ["mine", "other"]


def test_batches_do_not_nest(store: Store) -> None:
    with store.writer.batch(), pytest.raises(StoreError), store.writer.batch():
        pass
