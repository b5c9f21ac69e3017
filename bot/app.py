"""Wiring the core together from settings: one function, nothing at import time."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
from dataclasses import dataclass
from pathlib import Path

from bot.config import Settings
from bot.dialogue import Dialogue
from bot.engine import Engine
from bot.index import Index, load_indexed, save_indexed
from bot.knowledge.load import load_knowledge
from bot.knowledge.model import KnowledgeBase
from bot.planqa import PlanAnswerer
from bot.render import Renderer
from bot.storage.outbox import Outbox
from bot.storage.store import Store

log = logging.getLogger(__name__)


@dataclass
class Core:
    """Everything an adapter needs: knowledge, engine, store and the shared dialogue."""

    settings: Settings
    kb: KnowledgeBase
    engine: Engine
    renderer: Renderer
    store: Store
    dialogue: Dialogue
    outbox: Outbox

    def close(self) -> None:
        self.store.close()


def build_engine(kb: KnowledgeBase, cache_dir: Path | None = None,
                 index: Index | None = None) -> tuple[Engine, Renderer]:
    engine = Engine(kb, cache_dir=None if index else cache_dir, index=index)
    return engine, Renderer(kb, PlanAnswerer(kb, engine.norm))


def load_engine(settings: Settings) -> tuple[KnowledgeBase, Engine, Renderer]:
    """The knowledge, its engine and renderer: from the cache of an unchanged knowledge folder
    (see :func:`bot.index.load_indexed`), else loaded, validated, indexed and cached."""
    kb, index = load_indexed(settings.knowledge_dir, settings.cache_dir, load_knowledge)
    if kb.root != str(settings.knowledge_dir):  # cached from a folder with the same content
        kb = dataclasses.replace(kb, root=str(settings.knowledge_dir))
    engine, renderer = build_engine(kb, None, index)
    if index is None:
        save_indexed(settings.knowledge_dir, settings.cache_dir, kb, engine.index)
    return kb, engine, renderer


def build_core(settings: Settings) -> Core:
    """Load the knowledge (from the index cache when the folder is unchanged, see
    :func:`load_engine`), open the store; raises CchcError subclasses on failure."""
    kb, engine, renderer = load_engine(settings)
    store = Store(settings.db_path, settings.secret)
    outbox = Outbox(store)
    dialogue = Dialogue(kb, engine, renderer, store, settings.secret, settings.retention_days, outbox)
    return Core(settings, kb, engine, renderer, store, dialogue, outbox)


async def maintain(core: Core, stop: asyncio.Event, every: float = 24 * 3600) -> None:
    """Housekeeping for long-running processes: delete records past the retention period, at
    start and then daily."""
    while not stop.is_set():
        removed = await asyncio.to_thread(core.store.purge, core.settings.retention_days)
        if removed:
            log.info("retention: %d expired records deleted", removed)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=every)
