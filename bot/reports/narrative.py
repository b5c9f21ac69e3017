"""The text of the report (opening, sections I–IV, closing), pre-written from the figures with
the wording of ``knowledge/report.yaml`` for the official to edit before signing.

The body is a list of :class:`Block` — headings numbered in order (I, II, III, IV; 1, 2, 3;
a, b, c), paragraphs and dash lines — so the DOCX writer only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.model import Plan
from bot.reports.config import ReportConfig
from bot.reports.data import ReportData
from bot.reports.quota import BOT_FORM, QuotaProgress
from bot.reports.tables import CHANNEL_NAMES, dmy, no_emoji, pct_text

LETTERS = "abcdefghiklmnopqrstuvxy"  # Vietnamese order, no j/w/z
IDLE_SHOWN = 6  # plan items without activity named in the text (all are in the appendix)


@dataclass(frozen=True)
class Block:
    kind: str  # "h1" (I. …), "h2" (1. …), "para", "dash"
    text: str


def issuer_short(r: ReportData) -> str:
    """"UBND xã Kỳ Lạc" — the issuing body as named in running text."""
    if r.locality is None:
        return "các địa phương sử dụng Trợ lý CCHC"
    return f"UBND {r.locality.name[0].lower()}{r.locality.name[1:]}"


def plan_ref(config: ReportConfig, plan: Plan) -> str:
    if plan.number and plan.date:
        return config.text("plan_ref", number=plan.number, date=dmy(plan.date), issuer=plan.issuer)
    return config.text("plan_ref_unknown", issuer=plan.issuer)


def opening(r: ReportData, config: ReportConfig) -> list[str]:
    dates = {"period": r.period.label, "start": dmy(r.period.start), "end": dmy(r.period.last),
             "issuer_short": issuer_short(r)}
    if r.locality is None:
        return [config.text("opening_all", **dates)]
    where = r.locality.name
    if r.plan is None:
        return [config.text("opening_no_plan", locality=where, **dates)]
    title = r.plan.title[0].upper() + r.plan.title[1:]
    lines = [config.text("opening_plan", plan_title=title, plan_ref=plan_ref(config, r.plan), **dates)]
    if not r.plan_exact:
        lines.append(config.text("opening_plan_other_year", year=r.period.start.year, locality=where,
                                 plan_title=title, plan_ref=plan_ref(config, r.plan)))
    return lines


def _channels(r: ReportData) -> str:
    return ", ".join(f"{CHANNEL_NAMES.get(c, c)} {n}" for c, n in r.by_channel.items()) or "chưa có"


def _forms(r: ReportData, config: ReportConfig) -> list[Block]:
    blocks: list[Block] = []
    for n, fr in enumerate(r.forms):
        label = f"{LETTERS[n]}) {fr.form.title}"
        parts: list[str] = []
        if fr.form.id == BOT_FORM:
            satisfaction = config.text("bot_satisfaction", rated=r.rated, positive=r.positive,
                                       share=pct_text(r.positive / r.rated)) if r.rated else \
                config.text("bot_no_rating")
            parts.append(config.text(
                "bot_form", form=label, total=r.total, channels=_channels(r), questions=r.questions,
                answered=r.answered, answered_pct=pct_text(r.share(r.answered) / 100),
                suggested=r.suggested, fallback=r.fallback, satisfaction=satisfaction).strip())
            if r.delivered:
                parts.append(config.text("bot_broadcasts", count=r.delivered, sent=r.reach))
        if fr.activities:
            people = config.text("participants", n=fr.participants) if fr.participants else ""
            details = "; ".join(a.description.rstrip(".") for a in fr.activities[:5])
            prefix = "Cán bộ ghi nhận" if fr.form.id == BOT_FORM else label
            parts.append(config.text("form_activities", form=prefix, quantity=fr.quantity, unit=fr.form.unit,
                                     participants=people, details=f" ({details})" if details else ""))
        blocks.append(Block("para", " ".join(parts)))
    if len(r.forms) == 1 and not r.forms[0].activities:
        blocks.append(Block("para", config.text("form_none")))
    return blocks


def _short(text: str, limit: int = 160) -> str:
    text = text.rstrip(".")
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _items(r: ReportData, config: ReportConfig) -> list[Block]:
    blocks: list[Block] = []
    idle: list[str] = []
    forms = config.forms
    for item, n in r.by_item:
        done: list[str] = []
        if n:
            done.append(config.text("item_bot", n=n))
        by_form: dict[str, int] = {}
        for a in r.item_activities.get(item.id, []):
            by_form[a.form] = by_form.get(a.form, 0) + a.quantity
        for form_id, q in by_form.items():
            form = forms.get(form_id)
            done.append(config.text("item_activities", quantity=q, unit=form.unit if form else "",
                                    form=form.title if form else form_id))
        if done:
            blocks.append(Block("dash", config.text("item_line", content=_short(item.content),
                                                    done="; ".join(done))))
        else:
            idle.append(f"«{_short(item.content, 80)}»")
    if idle:
        shown = idle[:IDLE_SHOWN]
        if len(idle) > IDLE_SHOWN:
            shown.append(config.text("items_more", n=len(idle) - IDLE_SHOWN))
        blocks.append(Block("para", config.text("items_without", items="; ".join(shown))))
    return blocks


def _quota_text(config: ReportConfig, q: QuotaProgress) -> str:
    if q.kind == "count":
        required = config.text("quota_required_count", n=q.required, unit=q.unit)
    elif q.kind == "share":
        required = config.text("quota_required_text", text=f"{q.quota.count} {q.unit}")
    else:
        required = config.text("quota_required_periodic")
    if q.achieved is None:
        done = config.text("quota_done_none")
    else:
        verdict = "" if q.met is None else ", " + config.text("quota_met" if q.met else "quota_not_met")
        extent = f" ({pct_text(q.share)}{verdict})" if q.share is not None else verdict
        done = config.text("quota_done_count", n=q.achieved, unit=q.unit, share=extent)
    return config.text("quota_line", quota=_short(q.quota.text, 200), required=required, done=done)


def body(r: ReportData, config: ReportConfig) -> list[Block]:
    """Sections I–IV and the closing sentence."""
    t = config.text
    blocks = [Block("h1", t("h1")), Block("h2", f"1. {t('h1_forms')}"), *_forms(r, config)]
    n = 2
    if r.plan is not None:
        blocks += [Block("h2", f"{n}. {t('h1_items')}"), *_items(r, config)]
        n += 1
        if r.quotas:
            blocks.append(Block("h2", f"{n}. {t('h1_quotas')}"))
            blocks += [Block("dash", _quota_text(config, q)) for q in r.quotas]
    unmet = [_short(q.quota.text, 90) for q in r.quotas if q.met is False]
    measured = [q for q in r.quotas if q.met is not None]
    topics = ", ".join(f"«{no_emoji(text)}»" for text, _ in r.unanswered_top[:3])
    blocks += [Block("h1", t("h2")), Block("h2", f"1. {t('h2_good')}")]
    channels = ", ".join(CHANNEL_NAMES.get(c, c) for c in r.by_channel) or "Zalo, Telegram, trang web"
    blocks.append(Block("dash", t("good_bot", channels=channels,
                                  answered_pct=pct_text(r.share(r.answered) / 100))))
    if measured:
        blocks.append(Block("dash", t("good_quotas", met=sum(1 for q in measured if q.met),
                                      measured=len(measured))))
    staff_forms = [fr.form.title for fr in r.forms if fr.activities]
    if staff_forms:
        blocks.append(Block("dash", t("good_activities", forms="; ".join(staff_forms))))
    blocks.append(Block("h2", f"2. {t('h2_weak')}"))
    weak: list[str] = []
    if r.fallback:
        weak.append(t("weak_unanswered", fallback=r.fallback, topics=topics or "—",
                      fallback_pct=pct_text(r.share(r.fallback) / 100)))
    if unmet:
        weak.append(t("weak_quotas", quotas="; ".join(unmet)))
    idle = sum(1 for item, n in r.by_item if not n and not r.item_activities.get(item.id))
    if idle:
        weak.append(t("weak_items", n=idle))
    blocks += [Block("dash", w) for w in weak] or [Block("para", t("weak_none"))]
    blocks += [Block("h2", f"3. {t('h2_cause')}"), Block("para", t("cause_text"))]
    blocks.append(Block("h1", t("h3")))
    if unmet:
        blocks.append(Block("dash", t("next_quotas", quotas="; ".join(unmet))))
    if topics:
        blocks.append(Block("dash", t("next_unanswered", topics=topics)))
    blocks.append(Block("dash", t("next_general")))
    blocks += [Block("h1", t("h4")), Block("para", t("proposal"))]
    blocks.append(Block("para", t("closing", period=r.period.label, issuer_short=issuer_short(r))))
    return [Block(b.kind, no_emoji(b.text)) for b in blocks]
