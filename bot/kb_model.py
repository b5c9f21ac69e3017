"""The knowledge base as typed, immutable objects (built by :mod:`bot.kb_load`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


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

    @property
    def title(self) -> str:
        return self.procedure.name if self.procedure else self.questions[0]


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
    root: str = ""

    def plan_for(self, locality: str | None) -> Plan | None:
        loc = self.localities.get(locality or "")
        return self.plans.get(loc.plan) if loc and loc.plan else None

    def text(self, key: str, **values: str) -> str:
        """A user-facing string from ``ui.yaml``, with ``{name}`` fields filled."""
        template = self.ui[key]
        return template.format(**values) if values else template
