"""Turning a knowledge entry into the text a citizen receives, for their locality."""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.model import Entry, Fact, KnowledgeBase, Locality
from bot.knowledge.records.answer import RecordAnswers
from bot.knowledge.records.bundle import CATALOG_SNAPSHOT
from bot.planqa import PlanAnswerer


@dataclass(frozen=True)
class Rendered:
    """An answer's body and the line that names its source and review date."""

    body: str
    source: str

    @property
    def text(self) -> str:
        return f"{self.body}\n\n{self.source}"


class Renderer:
    """Fills placeholders and formats procedure cards and plan answers."""

    def __init__(self, kb: KnowledgeBase, plans: PlanAnswerer) -> None:
        self.kb = kb
        self.plans = plans
        self.records = RecordAnswers(kb.text)

    def locality(self, code: str | None) -> Locality | None:
        return self.kb.localities.get(code or "")

    def desk(self, code: str | None) -> str:
        loc = self.locality(code)
        facts = loc.desk if loc else {}
        name = facts.get("name")
        if name is None or not name.known:
            return self.kb.text("desk_unknown")
        parts = [str(name.value)]
        for key in ("address", "hours"):
            fact = facts.get(key)
            if fact is not None and fact.known:
                parts.append(str(fact.value))
        if len(parts) == 1:
            return self.kb.text("desk_details_unknown", name=parts[0])
        return " — ".join(parts)

    def hotlines(self, code: str | None, compact: bool = False) -> str:
        """The locality's hotlines and the national ones; ``compact`` (inside an answer) keeps
        only the first clause of each note ("Miễn phí", "Theo thông tin công khai")."""
        loc = self.locality(code)
        lines: list[str] = []
        if loc is not None:
            if loc.hotlines:
                lines.append(self.kb.text("hotlines_title", name=loc.name))
                lines.extend(f"• {h.name}: {h.number}" for h in loc.hotlines)
            else:
                lines.append(self.kb.text("no_local_hotline", name=loc.name))
        lines.append(self.kb.text("national_hotlines_title"))
        for h in self.kb.national_hotlines:
            text = h.note.split(";")[0].rstrip(". ") if compact and h.note else h.note
            note = f" ({text})" if text else ""
            lines.append(f"• {h.name}: {h.number}{note}")
        return "\n".join(lines)

    def local_hotlines(self, code: str | None) -> str:
        """Only the locality's own hotlines (a complaint about a commune's staff is not for the
        support lines of VNeID or the post), or where to find them."""
        loc = self.locality(code)
        if loc is None:
            return self.kb.text("local_hotline_unchosen")
        if not loc.hotlines:
            return self.kb.text("no_local_hotline", name=loc.name)
        return "\n".join([self.kb.text("hotlines_title", name=loc.name),
                          *(f"• {h.name}: {h.number}" for h in loc.hotlines)])

    def website(self, code: str | None) -> str:
        loc = self.locality(code)
        if loc is not None and loc.website.known:
            return str(loc.website.value)
        return self.kb.text("website_unknown")

    def fill(self, template: str, code: str | None) -> str:
        loc = self.locality(code)
        fields = {
            "locality": loc.name if loc else "địa phương của bạn",
            "desk": self.desk(code),
            "hotlines": self.hotlines(code, compact=True),
            "local_hotlines": self.local_hotlines(code),
            "website": self.website(code),
        }
        return template.format(**fields)

    def source_line(self, source: str, entry: Entry) -> str:
        return self.kb.text("source_line", source=source, reviewed=entry.reviewed.strftime("%d/%m/%Y"))

    def _fact(self, fact: Fact) -> str:
        if not fact.known:
            return self.kb.text("unknown_fact")
        if isinstance(fact.value, tuple):
            return "\n" + "\n".join(f"  - {v}" for v in fact.value)
        return str(fact.value)

    def procedure(self, entry: Entry) -> str:
        proc = entry.procedure
        assert proc is not None
        t = self.kb.text
        lines = [f"📋 {proc.name}", "", f"• {t('proc_authority')}: {self._fact(proc.authority)}",
                 f"• {t('proc_ways')}:"]
        for key, label in (("in_person", "proc_in_person"), ("online", "proc_online"),
                           ("post", "proc_post")):
            lines.append(f"  - {t(label)}: {self._fact(proc.ways.get(key, Fact(None)))}")
        lines.append(f"• {t('proc_documents')}: {self._fact(proc.documents)}")
        lines.append(f"• {t('proc_time_limit')}: {self._fact(proc.time_limit)}")
        lines.append(f"• {t('proc_fee')}: {self._fact(proc.fee)}")
        if proc.link.known:
            lines.append(f"• {t('proc_link')}: {proc.link.value}")
        if proc.notes.known:
            lines.extend(["", f"{t('proc_notes')}: {proc.notes.value}"])
        return "\n".join(lines)

    def answer(self, entry: Entry, code: str | None, tokens: list[str] | tuple[str, ...] = (),
               field: str | None = None, case: int | None = None) -> Rendered:
        """The answer to ``entry`` for a person in locality ``code``; for an official record,
        ``field`` (documents, time_limit, fee, where, online) leads and ``case`` picks a
        document group."""
        if entry.record is not None:
            body = self.records.body(entry, field, self.locality(code), self.desk(code), case)
            return Rendered(body, self.records.source_line(entry.record))
        if entry.catalog is not None:
            return Rendered(self.records.catalog_body(entry, field),
                            self.records.catalog_source(entry, entry.catalog.extra.get(
                                "snapshot", CATALOG_SNAPSHOT)))
        if entry.procedure is not None:
            return Rendered(self.procedure(entry), self.source_line(entry.source, entry))
        if entry.kind and entry.kind.startswith("plan-"):
            plan = self.kb.plan_for(code)
            if plan is not None:
                body, source = self.plans.answer(plan, entry.kind, tokens)
                return Rendered(body, self.source_line(source, entry))
            loc = self.locality(code)
            missing = self.kb.text("plan_missing", name=loc.name if loc else "địa phương của bạn")
            return Rendered(f"{missing}\n\n{self.fill(entry.answer, code)}",
                            self.source_line(entry.source, entry))
        return Rendered(self.fill(entry.answer, code), self.source_line(entry.source, entry))
