"""The knowledge base as typed, immutable objects (built by :mod:`bot.knowledge.load`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.knowledge.records.model import CatalogItem, Record
from bot.textnorm import fold


@dataclass(frozen=True)
class Fact:
    """One sourced fact; ``value is None`` means the fact is explicitly unknown."""

    value: str | tuple[str, ...] | None
    source: str | None = None

    @property
    def known(self) -> bool:
        return self.value is not None


UNKNOWN = Fact(None)


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    menu: str  # main | topic | procedures | hidden
    plan_items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Announcement:
    """A topic of announcements people can subscribe to."""

    id: str
    title: str
    default: bool = False


@dataclass(frozen=True)
class Procedure:
    name: str
    authority: Fact
    ways: dict[str, Fact]
    documents: Fact
    time_limit: Fact
    fee: Fact
    link: Fact
    notes: Fact


@dataclass(frozen=True)
class Entry:
    """A question the bot can answer: a FAQ entry or a procedure card."""

    id: str
    topic: str
    questions: tuple[str, ...]
    answer: str
    source: str
    reviewed: date
    follow_up: tuple[str, ...] = ()
    localities: tuple[str, ...] = ()
    kind: str | None = None
    procedure: Procedure | None = None
    file: str = ""
    line: int = 0
    record: Record | None = None  # the official record this entry answers from
    catalog: CatalogItem | None = None  # a catalog line only: where it is done, its portal page
    notes: tuple[Fact, ...] = ()  # curated notes beside a record (e.g. a 2026 change in the law)
    amend: dict[str, Fact] = field(default_factory=dict)  # per answer field: a curated line
    options: tuple[tuple[str, str], ...] = ()  # a clarifying entry: (label, entry id) choices
    ref: str | None = None  # the national code a curated card answers from (``code:``)
    ages: tuple[int, int] | None = None  # the ages (in years, inclusive) a card is for
    tier: int = 0  # 0 curated, 1 commune record, 2 other record, 3 catalog line (a prior)
    same: tuple[str, ...] = ()  # codes of the same procedure published again (another province)

    @property
    def code(self) -> str | None:
        """The national procedure code (mã thủ tục) the entry answers, if any."""
        if self.record is not None:
            return self.record.code
        return self.catalog.code if self.catalog is not None else None

    @property
    def codes(self) -> tuple[str, ...]:
        """The national code answered and the codes of the same procedure published again under
        the same name (a province's copy of a national procedure: ``same``)."""
        return (self.code, *self.same) if self.code else ()

    @property
    def title(self) -> str:
        if self.procedure is not None:
            return self.procedure.name
        if self.record is not None and not self.questions:
            return short_name(self.record.name)
        if self.catalog is not None and not self.questions:
            return short_name(self.catalog.name)
        return self.questions[0] if self.questions else self.id

    @property
    def phrasings(self) -> tuple[str, ...]:
        """What questions are matched against: the questions, and a procedure's name."""
        names: list[str] = []
        if self.record is not None:
            names.append(short_name(self.record.name))
        elif self.catalog is not None:
            names.append(short_name(self.catalog.name))
        return (*self.questions, *names)


def short_name(name: str) -> str:
    """A procedure name without its leading "Thủ tục" (the portal prefixes many names)."""
    text = name.strip()
    for prefix in ("Thủ tục ", "thủ tục ", "TTHC ", "Thủ tục: "):
        if text.startswith(prefix):
            text = text[len(prefix):].strip()
            break
    return text[:1].upper() + text[1:] if text else name


@dataclass(frozen=True)
class Hotline:
    name: str
    number: str
    source: str
    note: str | None = None


@dataclass(frozen=True)
class Locality:
    code: str
    name: str
    level: str
    province: str | None
    aliases: tuple[str, ...] = ()
    note: str | None = None
    desk: dict[str, Fact] = field(default_factory=dict)
    hotlines: tuple[Hotline, ...] = ()
    website: Fact = UNKNOWN
    plan: str | None = None
    example: bool = False
    fees: dict[str, Fact] = field(default_factory=dict)  # provincial fees by procedure code
    province_note: str | None = None  # how the province is known, or why it is not


@dataclass(frozen=True)
class PlanItem:
    id: str
    content: str
    forms: tuple[str, ...]
    lead: str | None
    partners: tuple[str, ...]
    timing: str | None
    section: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class Quota:
    text: str
    count: int | None
    unit: str | None
    per: str | None
    applies_to: str | None
    section: str | None = None


@dataclass(frozen=True)
class Reporting:
    periods: tuple[str, ...]
    to: str | None
    text: str
    section: str | None = None


@dataclass(frozen=True)
class Plan:
    id: str
    locality: str
    title: str
    issuer: str
    number: str | None
    date: str | None
    year: int
    period: str | None
    source: str
    objectives: tuple[str, ...]
    requirements: tuple[str, ...]
    audiences: tuple[str, ...]
    items: tuple[PlanItem, ...]
    quotas: tuple[Quota, ...]
    reporting: tuple[Reporting, ...]
    budget: str | None


@dataclass(frozen=True)
class Mapping:
    """Which content items of a plan an activity counts toward (``knowledge/mapping.yaml``):
    phrases per topic and per channel, and per-plan overrides (item ids)."""

    topics: dict[str, tuple[str, ...]] = field(default_factory=dict)
    channels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    broadcasts: tuple[str, ...] = ()
    overrides: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    @staticmethod
    def _matches(item: PlanItem, phrases: tuple[str, ...]) -> bool:
        text = f" {fold(' '.join([item.content, *item.forms]))} "
        return any(f" {fold(p)} " in text for p in phrases if p.strip())

    def _items(self, plan: Plan, key: str, phrases: tuple[str, ...]) -> list[PlanItem]:
        pinned = self.overrides.get(plan.id, {}).get(key)
        if pinned is not None:
            return [i for i in plan.items if i.id in pinned]
        return [i for i in plan.items if self._matches(i, phrases)]

    def items_for_topic(self, plan: Plan, topic: str) -> list[PlanItem]:
        return self._items(plan, f"topic:{topic}", self.topics.get(topic, ()))

    def items_for_channel(self, plan: Plan, channel: str) -> list[PlanItem]:
        return self._items(plan, f"channel:{channel}", self.channels.get(channel, ()))

    def items_for_broadcasts(self, plan: Plan) -> list[PlanItem]:
        return self._items(plan, "broadcasts", self.broadcasts)


@dataclass(frozen=True)
class KnowledgeBase:
    topics: dict[str, Topic]
    entries: dict[str, Entry]
    localities: dict[str, Locality]
    national_hotlines: tuple[Hotline, ...]
    plans: dict[str, Plan]
    ui: dict[str, str]
    abbreviations: dict[str, str]
    synonyms: dict[str, str]
    stopwords: frozenset[str] = frozenset()
    announcements: dict[str, Announcement] = field(default_factory=dict)
    mapping: Mapping = field(default_factory=Mapping)
    conversation: dict[str, Any] = field(default_factory=dict)  # conversation.yaml (bot.reading)
    regional: dict[str, str] = field(default_factory=dict)  # synonyms.yaml (bot.regional)
    regional_words: dict[str, str] = field(default_factory=dict)  # synonyms.yaml (bot.regional)
    root: str = ""

    def plan_for(self, locality: str | None) -> Plan | None:
        loc = self.localities.get(locality or "")
        return self.plans.get(loc.plan) if loc and loc.plan else None

    def text(self, key: str, **values: str) -> str:
        """A user-facing string from ``ui.yaml``, with ``{name}`` fields filled."""
        template = self.ui[key]
        return template.format(**values) if values else template
