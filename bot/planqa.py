"""Answers to officials' questions about their locality's outreach plan.

The engine decides *what* is asked (an entry of ``kind: plan-…``); this module finds *which*
content item of the plan the question is about — by weighted word overlap between the
question and each item's content, forms and lead agency — and formats the answer from the
plan's structured data.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from bot.knowledge.model import KnowledgeBase, Plan, PlanItem
from bot.textnorm import Normaliser, ngrams

MAX_LISTED = 6
MAX_ITEMS = 15
SHORT = 110
_NUMBERED_SECTION = re.compile(r"^[IVX0-9]+[.)]?")


def short(text: str, limit: int = SHORT) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


class PlanAnswerer:
    def __init__(self, kb: KnowledgeBase, norm: Normaliser) -> None:
        self.kb = kb
        self.norm = norm

    def _item_features(self, item: PlanItem) -> set[str]:
        toks = self.norm.tokens(" ".join([item.content, *item.forms, item.lead or ""]))
        return {*toks, *ngrams(toks, 2)}

    def relevant_items(self, plan: Plan, tokens: Sequence[str]) -> list[PlanItem]:
        """Items the question is about, best first; empty if it names none in particular."""
        feats = [self._item_features(i) for i in plan.items]
        if not feats:
            return []
        df = Counter(f for fs in feats for f in fs)
        n = len(feats)
        query = {t for t in tokens if t not in self.kb.stopwords} | set(ngrams(list(tokens), 2))
        scores = []
        for item, fs in zip(plan.items, feats, strict=True):
            s = sum(math.log(1 + n / df[f]) * (1.5 if " " in f else 1.0) for f in query & fs)
            scores.append((s, item))
        best = max(s for s, _ in scores)
        if best < 1.0:
            return []
        return [i for s, i in sorted(scores, key=lambda x: -x[0]) if s >= 0.75 * best][:4]

    def _section(self, item: PlanItem) -> str:
        if not item.section:
            return ""
        label = f"mục {item.section}" if _NUMBERED_SECTION.match(item.section) else item.section
        return self.kb.text("plan_item_section", section=label)

    def _items(self, plan: Plan, tokens: Sequence[str], template: str, field: str) -> list[str]:
        t = self.kb.text
        items = self.relevant_items(plan, tokens)
        listed = items or list(plan.items[:MAX_LISTED])
        lines: list[str] = []
        for item in listed:
            value = getattr(item, field) or t("plan_not_stated")
            lines.append(t(template, content=short(item.content), **{field: value}) + self._section(item))
            if field == "lead" and item.partners:
                lines.append(t("plan_item_partners", partners=", ".join(item.partners)))
            if items and item.forms:
                lines.append(t("plan_item_forms", forms=", ".join(item.forms)))
        if not items and len(plan.items) > MAX_LISTED:
            lines.append(t("plan_items_more", count=str(len(plan.items) - MAX_LISTED)))
        return lines

    def answer(self, plan: Plan, kind: str, tokens: Sequence[str]) -> tuple[str, str]:
        """The answer body and its source for a ``plan-…`` question."""
        t = self.kb.text
        lines = [t("plan_intro", title=plan.title)]
        if kind == "plan-lead":
            lines += self._items(plan, tokens, "plan_item_lead", "lead")
        elif kind == "plan-timing":
            lines += self._items(plan, tokens, "plan_item_timing", "timing")
        elif kind == "plan-items":
            lines += [f"{n}. {short(i.content, 90)}{self._section(i)}"
                      for n, i in enumerate(plan.items[:MAX_ITEMS], 1)]
            if len(plan.items) > MAX_ITEMS:
                lines.append(t("plan_items_more", count=str(len(plan.items) - MAX_ITEMS)))
        elif kind == "plan-forms":
            forms = list(dict.fromkeys(f for i in plan.items for f in i.forms))
            lines += [f"• {f}" for f in forms] or [t("plan_not_stated")]
        elif kind == "plan-quota":
            lines += [f"• {q.text}" + (f" (mục {q.section})" if q.section else "") for q in plan.quotas]
            if not plan.quotas:
                lines.append(t("plan_no_quota"))
        elif kind == "plan-reporting":
            names = dict(p.split("=", 1) for p in t("plan_periods").split(";"))
            for r in plan.reporting:
                periods = ", ".join(names.get(p, p) for p in r.periods) or t("plan_not_stated")
                section = f" (mục {r.section})" if r.section else ""
                lines.append(t("plan_reporting_line", periods=periods, text=r.text) + section)
            if not plan.reporting:
                lines.append(t("plan_no_reporting"))
        elif kind == "plan-objectives":
            lines += [f"• {o}" for o in (*plan.objectives, *plan.requirements)] or [t("plan_not_stated")]
        elif kind == "plan-audience":
            lines += [f"• {a}" for a in plan.audiences] or [t("plan_not_stated")]
        elif kind == "plan-budget":
            lines.append(plan.budget or t("plan_not_stated"))
        else:  # plan-overview
            lines = [t("plan_overview", title=plan.title, issuer=plan.issuer,
                       number=plan.number or t("plan_no_number"), date=plan.date or t("plan_no_date"),
                       year=str(plan.year), period=f" ({plan.period})" if plan.period else "",
                       count=str(len(plan.items)))]
        return "\n".join(lines), f"{plan.title} — {plan.source}"
