"""``knowledge/report.yaml``: the outreach forms staff record, the small-talk phrases, the
wording of the periodic report and each locality's own report settings (place name, recipients,
signer). Officials change the report's wording there without touching code; the layout itself
follows Nghị định 30/2020/NĐ-CP, Phụ lục I, and lives in :mod:`bot.reports.document`.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.errors import KnowledgeError, Problem
from bot.knowledge.model import Plan, PlanItem, Quota
from bot.knowledge.yamlfile import Checker, Node, read_yaml
from bot.textnorm import fold

FILE = "report.yaml"
#: The formats ``cchc-bot report`` and the dashboard write.
FORMATS = ("csv", "xlsx", "docx")
#: texts the renderer needs; a missing one is reported by ``load_report_config``
REQUIRED_TEXTS = (
    "doc_kind", "subject", "number", "date_line", "opening_plan", "opening_plan_other_year",
    "opening_no_plan", "opening_all", "plan_ref", "plan_ref_unknown", "h1", "h1_forms", "h1_items",
    "h1_quotas",
    "bot_form", "bot_satisfaction", "bot_no_rating", "bot_broadcasts", "form_activities",
    "participants", "form_none", "item_line", "item_bot", "item_activities", "items_without", "items_more",
    "quota_line", "quota_required_count", "quota_required_text", "quota_required_periodic",
    "quota_done_count", "quota_done_none", "quota_met", "quota_not_met", "h2", "h2_good", "good_bot",
    "good_quotas", "good_activities", "h2_weak", "weak_unanswered", "weak_quotas", "weak_items",
    "weak_none", "h2_cause", "cause_text", "h3", "next_quotas", "next_unanswered", "next_general",
    "h4", "proposal", "closing", "recipients_label", "appendix_label", "appendix_title", "appendix_ref",
)
DEFAULT_KEYS = ("authority", "signer_title", "symbol", "issuer_parent", "archive")


@dataclass(frozen=True)
class Form:
    """A form of outreach (radio, website post, panel…) and how to recognise it in a plan."""

    id: str
    title: str
    unit: str
    phrases: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()

    def matches(self, text: str) -> bool:
        folded = f" {fold(text)} "
        return any(f" {fold(p)} " in folded for p in self.phrases if p.strip())


@dataclass(frozen=True)
class LocalSettings:
    place: str | None = None
    recipients: tuple[str, ...] = ()
    signer: str | None = None
    signer_title: str | None = None
    authority: str | None = None


@dataclass(frozen=True)
class ReportConfig:
    forms: dict[str, Form]
    smalltalk: frozenset[str]
    fillers: frozenset[str]
    localities: dict[str, LocalSettings]
    defaults: dict[str, str]
    texts: dict[str, str] = field(default_factory=dict)

    def text(self, key: str, **values: Any) -> str:
        return self.texts[key].format(**values)

    def form_of_channel(self, channel: str) -> Form | None:
        return next((f for f in self.forms.values() if channel in f.channels), None)

    def forms_of(self, text: str) -> tuple[str, ...]:
        """Ids of the forms named in a plan's text (a quota, an item's forms)."""
        return tuple(f.id for f in self.forms.values() if f.matches(text))

    def forms_of_item(self, item: PlanItem) -> tuple[str, ...]:
        return self.forms_of(" ; ".join(item.forms) if item.forms else item.content)

    def forms_of_quota(self, quota: Quota) -> tuple[str, ...]:
        return self.forms_of(f"{quota.text} ; {quota.applies_to or ''} ; {quota.unit or ''}")

    def is_smalltalk(self, text: str) -> bool:
        """Greetings, thanks, "ok", emoji or punctuation only: an interaction, not a question."""
        words = [w for w in fold(text).split() if w not in self.fillers]
        return not words or " ".join(words) in self.smalltalk

    def local(self, code: str | None) -> LocalSettings:
        return self.localities.get(code or "", LocalSettings())

    def recipients(self, code: str | None, plan: Plan | None) -> tuple[str, ...]:
        """Nơi nhận: the locality's own list, else whom the plan says to report to, as the plan
        says it (a plan may still name a district office dissolved on 1/7/2025: the locality
        sets its real recipients in ``report.yaml``) — but never the issuing body itself (the
        plan's duties of its own units to report to it)."""
        own = self.local(code).recipients
        if own:
            return own
        if plan is None:
            return ()
        level = fold(plan.issuer).split()[:2]  # "ubnd xa"
        seen: dict[str, None] = {}
        for duty in plan.reporting:
            if duty.to and fold(duty.to).split()[:2] != level:
                seen.setdefault(duty.to, None)
        return tuple(seen)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@lru_cache(maxsize=8)
def load_report_config(root: str) -> ReportConfig:
    """Read and check ``report.yaml`` of the knowledge folder ``root``; KnowledgeError lists
    every problem with its line."""
    problems: list[Problem] = []
    c = Checker(FILE, problems)
    path = Path(root) / FILE
    data = read_yaml(path, FILE, problems) if path.exists() else None
    top = c.node(data, 1, "tệp") if data is not None else None
    if top is None:
        problems.append(Problem(FILE, 1, "thiếu hoặc hỏng tệp report.yaml (lời văn của báo cáo)"))
        raise KnowledgeError(problems)
    forms: dict[str, Form] = {}
    block = c.node(top.get("forms"), top.line_of("forms"), "'forms'") or Node(top.line)
    for form_id, raw in block.items():
        node = c.node(raw, block.line_of(form_id), f"'{form_id}'")
        if node is None:
            continue
        title, unit = node.get("title"), node.get("unit")
        if not isinstance(title, str) or not isinstance(unit, str):
            c.fail(node.line, f"hình thức '{form_id}' cần 'title' và 'unit'")
            continue
        forms[form_id] = Form(form_id, title, unit, c.texts(node, "phrases"),
                              c.texts(node, "channels") if "channels" in node else ())
    small = c.node(top.get("smalltalk"), top.line_of("smalltalk"), "'smalltalk'") or Node(top.line)
    texts = c.node(top.get("texts"), top.line_of("texts"), "'texts'") or Node(top.line)
    for key in REQUIRED_TEXTS:
        if not isinstance(texts.get(key), str):
            c.fail(top.line_of("texts"), f"thiếu câu '{key}' trong 'texts'")
    defaults = c.node(top.get("defaults"), top.line_of("defaults"), "'defaults'") or Node(top.line)
    for key in DEFAULT_KEYS:
        if not isinstance(defaults.get(key), str):
            c.fail(top.line_of("defaults"), f"thiếu '{key}' trong 'defaults'")
    localities: dict[str, LocalSettings] = {}
    for code, raw in (top.get("localities") or {}).items():
        node = c.node(raw, top.line_of("localities"), f"'{code}'")
        if node is not None:
            localities[code] = LocalSettings(
                node.get("place"), c.texts(node, "recipients") if "recipients" in node else (),
                node.get("signer"), node.get("signer_title"), node.get("authority"))
    if problems:
        raise KnowledgeError(problems)
    return ReportConfig(forms, frozenset(fold(p) for p in c.texts(small, "phrases")),
                        frozenset(fold(p) for p in c.texts(small, "fillers")),
                        localities, {k: str(v) for k, v in defaults.items()},
                        {k: str(v) for k, v in texts.items()})
