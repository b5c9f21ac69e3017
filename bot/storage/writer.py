"""The one way to read and write the store, in the shape of datasette's ``execute_write_fn``.

A write is a function of the database, ``fn(db)``, handed to :meth:`Writer.write`: it runs
inside one transaction (``BEGIN IMMEDIATE``), which commits when ``fn`` returns and rolls back
when it raises — ``fn`` never commits itself (sqlite-utils' own ``atomic()`` blocks nest inside
as savepoints). There is one writer per store: one connection, and a lock that lets one
thread's transaction run at a time (other processes wait for SQLite's write lock, up to the
busy timeout). A read is ``fn(db)`` handed to :meth:`Writer.read`, under the same lock.

Both are synchronous and block: async code calls the storage methods through a thread
(``await asyncio.to_thread(outbox.claim, ...)``), never on the event loop. (datasette runs
write functions on a thread of its own because its callers are coroutines; ours already run
on worker threads, so the writer is a lock and the caller's thread runs the function.)

:meth:`Writer.batch` makes every write a thread makes until the block ends one transaction:
how one incoming message is handled (the processed update, its interactions, the unanswered
question, the feedback, the session …: all of it or nothing). The transaction opens at the
batch's first write, so the work before it (matching the question) holds no lock; from then
on, until the batch ends, the thread holds the writer: its reads see its own writes, other
threads wait. Each write inside a batch is a savepoint, so a write that raises and is caught
leaves nothing.

    store.write(lambda db: db.execute("DELETE FROM leases WHERE name = ?", [name]).rowcount)

    with store.message("telegram", update_id, user_key):   # a batch (bot.storage.store)
        ...  # every store.write on this thread joins one transaction
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import sqlite_utils

from bot.errors import StoreError

T = TypeVar("T")


class _Batch:
    """The transaction of one :meth:`Writer.batch`, opened at its first write."""

    def __init__(self, writer: Writer, on_begin: Callable[[sqlite_utils.Database], None] | None) -> None:
        self.writer = writer
        self.on_begin = on_begin
        self.began = False

    def begin(self) -> None:
        if self.began:
            return
        self.writer.lock.acquire()
        self.began = True
        self.writer.db.conn.execute("BEGIN IMMEDIATE")
        if self.on_begin is not None:
            self.on_begin(self.writer.db)


class Writer:
    """One connection, one lock: every transaction of the store goes through here."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self.lock = threading.RLock()
        self._local = threading.local()  # the batch open on this thread, if any

    @classmethod
    def connect(cls, path: str) -> Writer:
        """The writer of the SQLite file at ``path`` (WAL mode, foreign keys, secure delete)."""
        # One connection for the store's threads (asyncio.to_thread), serialised by the lock;
        # SQLite's own check would refuse any thread but the creator's.
        db = sqlite_utils.Database(sqlite3.connect(path, check_same_thread=False), execute_plugins=False)
        db.conn.execute("PRAGMA busy_timeout = 5000")  # another process's transaction: wait for it
        if path != ":memory:":
            db.enable_wal()
        # WAL with NORMAL: a commit does not wait for the disk (fsync at checkpoints), and a
        # crash of the process loses nothing; a power cut may lose the last commits
        db.conn.execute("PRAGMA synchronous = NORMAL")
        db.conn.execute("PRAGMA foreign_keys = ON")
        db.conn.execute("PRAGMA secure_delete = ON")
        return cls(db)

    def read(self, fn: Callable[[sqlite_utils.Database], T]) -> T:
        """``fn(db)`` under the lock (inside an open batch: sees the batch's writes). A read
        function that changed rows raises StoreError: the mistake shows in the tests."""
        with self.lock:
            changes = self.db.conn.total_changes
            result = fn(self.db)
            if self.db.conn.total_changes != changes:
                raise StoreError("a read function wrote: writes go through write()")
            return result

    def write(self, fn: Callable[[sqlite_utils.Database], T]) -> T:
        """``fn(db)`` in one transaction (or, inside a batch, in the batch's); its result."""
        batch: _Batch | None = getattr(self._local, "batch", None)
        if batch is not None:
            batch.begin()
            with self.db.atomic():  # a savepoint: a write that raises leaves nothing behind
                return fn(self.db)
        with self.lock:
            conn = self.db.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = fn(self.db)
                self._check_open()
                conn.commit()
            except BaseException:
                conn.rollback()
                raise
            return result

    @contextmanager
    def batch(self, on_begin: Callable[[sqlite_utils.Database], None] | None = None) -> Iterator[None]:
        """Every write this thread makes inside the block, as one transaction: committed when
        the block ends, rolled back when it raises. ``on_begin(db)`` runs first in the
        transaction (at the latest when the block ends); what it raises ends the batch."""
        if getattr(self._local, "batch", None) is not None:
            raise StoreError("a batch is already open on this thread")
        batch = _Batch(self, on_begin)
        self._local.batch = batch
        try:
            yield
            if on_begin is not None:
                batch.begin()
            if batch.began:
                self._check_open()
                self.db.conn.commit()
        except BaseException:
            if batch.began:
                self.db.conn.rollback()
            raise
        finally:
            self._local.batch = None
            if batch.began:
                self.lock.release()

    def _check_open(self) -> None:
        if not self.db.conn.in_transaction:  # something committed half-way: a bug, say so
            raise StoreError("a write function ended its transaction itself")
