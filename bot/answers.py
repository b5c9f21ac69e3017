"""The replies to questions and to picked entries: small talk in kind, an answer with its
next choices (other fields of a procedure record, follow-ups, 👍/👎), a question back, or the
fallback; each logged as an interaction of the turn's message (:meth:`Answers.log`)."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

from bot.asking import SMALLTALK, Asker, Part
from bot.case_papers import CasePapers
from bot.engine import ANSWERED, FALLBACK, SUGGEST, Engine
from bot.evidence import Evidence
from bot.knowledge.model import Entry, KnowledgeBase
from bot.knowledge.records.extract import case_label
from bot.knowledge.records.where import portal_fault, portal_how, post_how
from bot.leads import Leads
from bot.messages import Choice, PickCase, PickEntry, PickField, Rate, Reply, Status
from bot.papers import Papers
from bot.papers_asked import PapersAsked
from bot.reading import FIELDS
from bot.render import Renderer
from bot.storage.store import Store
from bot.turn import Turn


class Answers:
    """Questions and picked entries to replies (used by the dialogue and ``cchc-bot ask``)."""

    def __init__(self, kb: KnowledgeBase, engine: Engine, renderer: Renderer, store: Store,
                 asker: Asker) -> None:
        self.kb = kb
        self.engine = engine
        self.render = renderer
        self.store = store
        self.asker = asker
        self.evidence = Evidence(engine.norm.tokens, engine.weight, engine.stop)
        self.cases = CasePapers(engine.norm.tokens, engine.weight, engine.stop,
                                renderer.records.document_lines, kb.text)  # the case asked's papers
        self.papers = Papers(kb.text)
        self.leads = Leads(kb)  # an answer that comes before another (khai tử before cắt khẩu)
        conv = kb.conversation  # a yes/no question whether a paper is needed: the papers first
        self.papers_asked = PapersAsked(conv.get("requiring", ()), conv.get("papers", ()))

    def answer_parts(self, text: str, locality: str | None, *, turn: Turn | None = None) -> list[Reply]:
        """The replies to a free-text message: small talk in kind, an answer (or a question
        back, or the fallback) per question it asks; logged when the message's turn is given,
        and the procedure answered becomes the conversation's context."""
        started = time.perf_counter()
        context = dict(turn.session.context) if turn is not None else {}
        parts = self.leads.parts(text, self.asker.ask(text, locality, context or None))
        latency = (time.perf_counter() - started) * 1000
        replies = [self._part(turn, p, text=text if i == 0 else p.question, latency=latency,
                              locality=p.named_locality or locality) for i, p in enumerate(parts)]
        if turn is not None and context.get("options") and len(parts) > 1 \
                and all(p.via_context for p in parts):
            # each choice of the question back answered (bot.pending): the question still stands
            turn.move(context=context)
            again = tuple(Choice(label, str(PickEntry(eid))) for label, eid in
                          zip(context.get("labels") or (), context["options"], strict=False))
            again_reply = Reply(self.kb.text("choices_again"), again)
            replies = [*(replace(r, choices=()) for r in replies), again_reply]
        return replies

    def _part(self, turn: Turn | None, p: Part, *, text: str, latency: float,
               locality: str | None) -> Reply:
        if p.status == SMALLTALK:
            self.log(turn, kind="question", text=text, status=SMALLTALK, latency=latency, locality=locality)
            return Reply(self.kb.conversation.get("replies", {}).get(p.smalltalk or "ok", "")
                         or self.kb.text("suggest"), status=SMALLTALK)
        if p.status == ANSWERED and p.entry is not None:
            return self.answer(turn, p.entry, text=text, score=p.score, latency=latency, locality=locality,
                                tokens=p.tokens, field=self.papers_asked.field(p.question, p.field))
        off_topic = p.status == FALLBACK and self.asker.scope.plain(text)
        iid = self.log(turn, kind="question", text=text, status=p.status, score=p.score, latency=latency,
                        locality=locality, queue=not off_topic)
        if p.status == FALLBACK:
            body = self.render.fill(self.kb.text("fallback_off_topic" if off_topic else "fallback"), locality)
            return Reply(body, interaction_id=iid, status=FALLBACK, score=p.score)
        choices = tuple(Choice(e.title, str(PickEntry(e.id))) for e in p.suggestions)
        question = self.kb.text("suggest" if choices or p.entry is not None else "which_procedure")
        if p.entry is not None and p.entry.options:  # a curated question back
            question = self.render.fill(p.entry.answer, locality)
            listed = {eid for _, eid in p.entry.options}
            offered = {e.id for e in p.suggestions} & listed or listed
            choices = tuple(Choice(label, str(PickEntry(eid))) for label, eid in p.entry.options
                            if eid in self.kb.entries and eid in offered)  # a case done: not offered
        if turn is not None and choices:  # the reply may name one of them in words
            turn.move(context={"options": [c.entry_id for c in choices],
                               "labels": [c.label for c in choices]})
        elif turn is not None and p.field:  # "thế còn phí?" asked of no procedure: the next names it
            turn.move(context={"field": p.field})
        return Reply(question, choices, interaction_id=iid, status=SUGGEST, score=p.score)

    def answer(self, turn: Turn | None, entry: Entry, *, text: str | None,
                score: float | None = None, latency: float | None = None,
                locality: str | None = None, tokens: tuple[str, ...] = (),
                field: str | None = None, case: int | None = None) -> Reply:
        locality = locality or (turn.session.locality if turn else None)
        # records answer by field, and catalog cards with sourced lines (Entry.amend)
        field = field if entry.record is not None or (entry.catalog and entry.amend) else None
        if text is None:  # picked from a menu or a suggestion
            tokens = tuple(self.engine.analyse(entry.title)[0])
        rendered = self.render.answer(entry, locality, tokens, field, case)
        papers: list[str] = []
        quotes: list[str] = []
        if text is not None and entry.record is not None and case is None:
            # the paper asked about, in the record's words; its sentences on the detail asked
            papers = self.papers.lines(entry, text, rendered.text)
            papers += self.cases.lines(entry, text, field)
            quotes = self.evidence.quotes(entry, text, "\n".join([rendered.text, *papers]))
            quotes += post_how(entry.record, text, rendered.text, self.kb.text)  # the post asked of
            quotes += portal_fault(entry.record, text, rendered.text,  # the portal's hotline
                                   ((h.name, h.number) for h in self.kb.national_hotlines), self.kb.text)
            quotes += portal_how(entry.record, text, rendered.text, self.kb.text)  # track, pay online
        if papers or quotes:
            rendered = replace(rendered, body="\n".join([rendered.body, *papers,
                                                           *(f"ℹ️ {q}" for q in quotes)]))
        iid = self.log(turn, kind="question" if text is not None else "choice",
                        text=text if text is not None else entry.title, status=ANSWERED,
                        entry_id=entry.id, score=score, latency=latency, locality=locality)
        if turn is not None:
            context: dict[str, Any] = {"entry": entry.id, "field": field}
            before = turn.session.context
            if entry.record is None and (before.get("procedure") or before.get("entry")):
                # a general answer in the middle ("không còn huyện nữa thì nộp ở đâu") keeps the
                # procedure under discussion for the next field question ("mất mấy ngày")
                context["procedure"] = before.get("procedure") or before.get("entry")
            turn.move(context=context)
        t = self.kb.text
        more: list[Choice] = []
        if entry.record is not None:
            asked = set((field or "").split("+"))
            more = [Choice(t(f"field_{f}"), str(PickField(entry.id, f))) for f in FIELDS if f not in asked]
            if field == "documents" or case is not None:
                for i, name in self.render.records.other_cases(entry.record)[:3]:
                    if i == case:
                        continue
                    label, is_case = case_label(name)
                    more.append(Choice(t("field_case", case=label) if is_case else label,
                                       str(PickCase(entry.id, i))))
        follow = [Choice(e.title, str(PickEntry(e.id))) for e in self.engine.titles(entry.follow_up)]
        rating = [Choice(t("rate_up_label"), str(Rate(iid, up=True))),
                  Choice(t("rate_down_label"), str(Rate(iid, up=False)))] if iid is not None else []
        return Reply(rendered.text, (*more, *follow, *rating), interaction_id=iid, status=ANSWERED,
                     entry_id=entry.id, score=score, source=rendered.source, field=field)

    def log(self, turn: Turn | None, *, kind: str, text: str, status: Status | None = None,
             entry_id: str | None = None, score: float | None = None, latency: float | None = None,
             locality: str | None = None, queue: bool = True) -> int | None:
        """Record one interaction of the turn's message (nothing without a turn: ``ask``);
        ``queue``: a fallback enters the staff's queue of unanswered questions."""
        if turn is None:
            return None
        entry = self.kb.entries.get(entry_id or "")
        return self.store.log_interaction(
            channel=turn.msg.channel, user_key=turn.session.user_key,
            locality=locality or turn.session.locality, kind=kind, text=text, status=status,
            entry_id=entry_id, score=score, latency_ms=latency, topic=entry.topic if entry else None,
            queue=queue)
