"""Shared fixtures. Any attempt to reach a non-loopback address fails the test."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app import Core, build_engine, load_engine
from bot.config import BUNDLED_KNOWLEDGE, load_settings
from bot.dialogue import Dialogue
from bot.engine import Engine
from bot.knowledge.load import load_knowledge
from bot.knowledge.model import KnowledgeBase
from bot.render import Renderer
from bot.storage.outbox import Outbox
from bot.storage.store import Store
from tests.fake_telegram import FakeTelegram

HOTLINE = "0239 3888 999"  # configured by the operator for a test locality

_real_connect = socket.socket.connect


def _guarded_connect(self: socket.socket, address: object) -> None:
    host = address[0] if isinstance(address, tuple) else address
    if self.family in (socket.AF_INET, socket.AF_INET6) and host not in ("127.0.0.1", "::1", "localhost"):
        raise RuntimeError(f"test tried to reach the network: {address!r}")
    _real_connect(self, address)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    """A fake Telegram Bot API on 127.0.0.1 (tests/fake_telegram.py)."""
    with FakeTelegram() as server:
        yield server


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the browser tests save their screenshots: ``CCHC_TEST_SCREENSHOTS`` when set (.ci/run
    keeps them as artifacts in build/), else a temporary folder: a test run writes nothing into
    the repository."""
    given = os.environ.get("CCHC_TEST_SCREENSHOTS")
    folder = Path(given) if given else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def index_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One search-index cache for the whole run (entries are keyed by the knowledge's hash)."""
    return tmp_path_factory.mktemp("index-cache")


#: Where the tests' databases go when the machine has it: tmpfs, so that a commit waits on no
#: disk flush (a test that writes a thousand subscribers takes 0.5 s instead of 8 s). The database
#: behaves the same (WAL, locks, several processes); only durability across a power cut differs.
TMPFS = Path("/dev/shm")


@pytest.fixture
def db_dir(tmp_path: Path) -> Iterator[Path]:
    """A fresh folder for a test's database: on tmpfs when there is one (removed after the test),
    else tmp_path."""
    if not (TMPFS.is_dir() and os.access(TMPFS, os.W_OK)):
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(prefix="cchc-test-", dir=TMPFS))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def env(tmp_path: Path, db_dir: Path, index_cache: Path) -> dict[str, str]:
    """Settings for an isolated run: a fresh database (in ``db_dir``) and data dir under tmp_path."""
    return {"CCHC_DATA_DIR": str(tmp_path / "data"), "CCHC_DB": str(db_dir / "cchc.sqlite3"),
            "CCHC_SECRET": "test-secret-0123456789", "HOME": str(tmp_path),
            "CCHC_CACHE_DIR": str(index_cache)}


@pytest.fixture(scope="session")
def bundled(index_cache: Path) -> tuple[KnowledgeBase, Engine, Renderer]:
    """The bundled knowledge, loaded and indexed once for the whole run (it is immutable), the
    way the program starts: the run's cache then serves every command and process it starts."""
    return load_engine(load_settings({"CCHC_CACHE_DIR": str(index_cache), "CCHC_SECRET": "x" * 16,
                                      "CCHC_DATA_DIR": str(index_cache / "data")}))


@pytest.fixture
def core(env: dict[str, str], bundled: tuple[KnowledgeBase, Engine, Renderer]) -> Iterator[Core]:
    """The core on the bundled knowledge with a fresh, empty store."""
    settings = load_settings(env)
    kb, engine, renderer = bundled
    store = Store(settings.db_path, settings.secret)
    outbox = Outbox(store)
    dialogue = Dialogue(kb, engine, renderer, store, settings.secret, settings.retention_days, outbox)
    c = Core(settings, kb, engine, renderer, store, dialogue, outbox)
    yield c
    c.close()


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled knowledge folder, to break on purpose."""
    dest = tmp_path / "knowledge"
    shutil.copytree(BUNDLED_KNOWLEDGE, dest)
    return dest


def _with_operator_settings(dest: Path) -> None:
    """The bundled knowledge in ``dest``, with an operator-configured hotline for Xã Kỳ Lạc and
    one very long entry."""
    shutil.copytree(BUNDLED_KNOWLEDGE, dest)
    loc = dest / "localities.yaml"
    text = loc.read_text("utf-8")
    marker = "  - code: ky-lac\n"
    assert marker in text
    start = text.index(marker)
    block_end = text.index("\n  - code:", start + 1)
    block = text[start:block_end].replace(
        "    hotlines: []",
        f'    hotlines:\n      - {{name: "Đường dây nóng UBND xã", number: "{HOTLINE}", '
        'source: "Quyết định công bố của UBND xã (thử nghiệm)"}')
    loc.write_text(text[:start] + block + text[block_end:], "utf-8")
    long_answer = "\\n\\n".join(f"Đoạn {i}: " + "nội dung hướng dẫn rất dài " * 12 for i in range(20))
    (dest / "faq" / "zz-long.yaml").write_text(
        "entries:\n  - id: thu-nghiem-dai\n    topic: cchc\n"
        "    questions: [Hướng dẫn thật dài về kiểm thử Telegram, Kiểm thử tin nhắn dài, Tin dài]\n"
        f'    answer: "{long_answer}"\n    source: Thử nghiệm\n    reviewed: 2026-11-22\n', "utf-8")


@pytest.fixture(scope="session")
def operator_knowledge(tmp_path_factory: pytest.TempPathFactory,
                       index_cache: Path) -> tuple[Path, KnowledgeBase, Engine, Renderer]:
    """The operator's knowledge (see :func:`_with_operator_settings`), loaded and indexed once for
    the whole run; tests never change it (an engine setting is changed with ``monkeypatch``)."""
    root = tmp_path_factory.mktemp("operator") / "knowledge"
    _with_operator_settings(root)
    kb = load_knowledge(root)
    engine, renderer = build_engine(kb, index_cache)
    return root, kb, engine, renderer


@pytest.fixture
def op_core(env: dict[str, str],
            operator_knowledge: tuple[Path, KnowledgeBase, Engine, Renderer]) -> Iterator[Core]:
    """The core on the operator's knowledge with a fresh, empty store."""
    root, kb, engine, renderer = operator_knowledge
    settings = load_settings({**env, "CCHC_KNOWLEDGE": str(root)})
    store = Store(settings.db_path, settings.secret)
    outbox = Outbox(store)
    dialogue = Dialogue(kb, engine, renderer, store, settings.secret, settings.retention_days, outbox)
    c = Core(settings, kb, engine, renderer, store, dialogue, outbox)
    yield c
    c.close()
