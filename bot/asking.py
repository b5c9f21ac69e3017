"""From a message to what to answer: small talk, the entry (and field) of each question in it,
a question back, or nothing — using the conversation so far. :class:`Asker` puts
:class:`~bot.reading.Reader` and :class:`~bot.engine.Engine` together:

* small talk is answered in kind;
* a follow-up ("thế còn phí?", "làm online được không") is read against the procedure under
  discussion (``context["entry"]``); a short question that names a new aspect ("gia hạn thì
  sao") is matched together with that procedure's name;
* in a story, the sentence that asks is matched first and the whole text only if that fails;
* a message that asks two things gives two parts; an entry with ``options`` asks back, and a
  field asked of its choices answers each (:mod:`bot.pending`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Final

from bot import apart, bare, both, choosing, papers, pending, steering, topic_lead
from bot import parts as two
from bot.ages import by_age, for_age
from bot.asked import first_question
from bot.chitchat import Chitchat
from bot.engine import ANSWERED, FALLBACK, NAMELESS, SUGGEST, Engine, Match
from bot.following import OWN_WORDS as _OWN_WORDS
from bot.following import FollowUps
from bot.knowledge.model import Entry
from bot.messages import Status
from bot.reading import Reader, Reading
from bot.scope import Scope

SMALLTALK: Final = "smalltalk"
#: Where a message naming two procedures divides ("tạm trú và khai sinh").
_AND = re.compile(r"\s+(?:và|với|hoặc|va|voi|hoac)\s+", re.IGNORECASE)
#: A match must beat the plain reading by this much (0–100) to replace it.
_BETTER = 2.0
#: A reply to a question back names one of the choices in a few words, by this much ahead.
_REPLY_WORDS = 6
_CLEARLY = 1.5
#: A national procedure code as the portal shows it ("1.001193", "2.000815").
_CODE = re.compile(r"(?<![\d.])\d\.\d{6}(?![\d.]|\.\d)")


@dataclass(frozen=True)
class Part:
    """What to answer for one question of a message."""

    status: Status
    question: str
    entry: Entry | None = None
    field: str | None = None
    score: float = 0.0
    suggestions: tuple[Entry, ...] = ()
    tokens: tuple[str, ...] = ()
    named_locality: str | None = None
    smalltalk: str | None = None
    via_context: bool = False
    ranked: tuple[tuple[str, float], ...] = ()


class Asker:
    """See the module docstring."""

    def __init__(self, engine: Engine, reader: Reader) -> None:
        self.scope = Scope(engine)  # topics no procedure answers
        self.follow = FollowUps(engine, reader, self.scope)
        reader.names_matter = lambda q: self._match(q).status == ANSWERED  # answers alone
        self.engine = engine
        self.reader = reader
        self.kb = engine.kb
        self.chitchat = Chitchat.of_conversation(self.kb.conversation)
        self._memo: dict[tuple[str, str | None, str | None], Match] = {}  # one message's matches
        # the entry a procedure code copied from the portal stands for: its curated card, the
        # general one of several ("Cấp đổi thẻ căn cước", not "… do sáp nhập đơn vị hành chính")
        self._by_code: dict[str, Entry] = {}
        self._clarifiers = steering.clarifiers_of(list(self.kb.entries.values()))
        self._bare = bare.BareNames(engine, bare.phrases(self.kb.conversation), reader.fields_of)
        for e in sorted(self.kb.entries.values(), key=lambda e: (e.tier, len(e.title), e.id)):
            if e.code:
                self._by_code.setdefault(e.code, e)

    def ask(self, text: str, locality: str | None,
            context: dict[str, Any] | None = None) -> list[Part]:
        """The parts to answer for ``text`` asked from ``locality`` (see the module docstring).
        ``context`` is the conversation state: ``{"entry": id, "field": name}``; a part that
        answers sets what the next message is read against."""
        self._memo.clear()  # a message's readings often match the same text twice
        self._carried = bool((context or {}).get("field"))  # a field asked before goes on
        reading = self.reader.read(text)
        small = reading.smalltalk or self.chitchat.covers(reading.text)
        if small:
            return [Part(SMALLTALK, text, smalltalk=small)]
        ctx_entry = None
        if context and not reading.restart:
            ctx_entry = self.follow.kept(reading, context.get("entry"), self._match)
        offered = [self.kb.entries[e] for e in (context or {}).get("options") or ()
                   if e in self.kb.entries] if not reading.restart else []
        labels = list((context or {}).get("labels") or ())
        picked = (self._pick(reading, offered, labels) or by_age(offered, reading.age)) if offered else None
        if picked is not None:  # the reply to a question back: "làm mới cho con mới sinh"
            status: Status = SUGGEST if picked.options else ANSWERED
            options = tuple(self.kb.entries[e] for _, e in picked.options if e in self.kb.entries)
            return [Part(status, reading.text, picked, "+".join(reading.fields[:2]) or None, 100.0,
                         options, via_context=True)]
        if offered and picked is None and (each := pending.each_choice(reading, offered, self.follow)):
            return each
        procedure = self.kb.entries.get(str((context or {}).get("procedure") or ""))
        if ctx_entry is not None and ctx_entry.record is None and procedure is not None \
                and procedure.record is not None:
            ctx_entry = procedure  # a field question after a general answer: the procedure's
        if ctx_entry is not None and reading.fields and (
                all(t in self.engine.stop for t in reading.content)
                or (len(reading.sentences) == 1 and self.follow.says_little(reading.text))
                or (ctx_entry.record is not None and self.follow.names_bodies(reading))):
            # "thế còn phí?", "bao lâu thì xong": a field of the procedure under discussion
            return [Part(ANSWERED, reading.text, ctx_entry, "+".join(reading.fields[:2]), 100.0,
                         via_context=True)]
        coded = [self._by_code[c] for c in _CODE.findall(reading.text) if c in self._by_code]
        if len(coded) == 1:  # "thủ tục 1.001193 cần gì": the procedure of that code
            return [Part(ANSWERED, reading.text, coded[0], "+".join(reading.fields[:2]) or None, 100.0)]
        parts: list[Part] = []
        for q in reading.questions:
            fields, rest = self.reader.fields_of(self.engine.norm.tokens(q))
            own = [t for t in rest if t not in self.reader.fillers]
            matter = two.matter_of(q) if parts and not fields else None
            part = for_age(self.kb, self._one(matter or q, reading.text, locality, ctx_entry,
                                              reading.age is not None), reading.age)
            if parts and fields and two.same_procedure(self.engine, parts[0], own, part,
                                                       len(own) <= _OWN_WORDS):
                # "… cần giấy gì? Với lại có mất tiền không?": the same procedure, another field
                parts[0] = two.with_fields(two.settle(parts[0], q, own, lambda t: self._one(
                    t, reading.text, locality, ctx_entry)), fields)  # its words may settle a choice
                continue
            if matter is not None and part.status == ANSWERED and part.field is None \
                    and len(own) <= two.NAMED_MATTER:
                # "tạm trú mất bao lâu, còn thường trú thì sao?": the same aspect of another
                part = replace(part, field=parts[0].field)
            parts.append(part)
        if len(reading.sentences) > 1:
            question = reading.questions[0]
            # the question's own answer stands if it names its matter and answers alone
            keep = parts[0].status == ANSWERED and not self.follow.says_little(question) \
                and self._match(question, locality).status == ANSWERED
            # the whole story's ranking, ranked once: to check the answer kept, or to choose
            story = None if keep and len(reading.questions) != 1 else \
                self.engine.rank(self.engine.analyse(reading.text)[0], locality, story=True)
            if not keep or (story is not None and two.disagrees(story, parts[0])
                            and not steering.names(self.engine, question, parts[0].entry,
                                                   parts[0].ranked, story)):
                parts[0] = two.unless_second(parts, self._story(reading, locality, parts[0], keep,
                                                                dict(story or ())))
        case = self.follow.new_case(reading, ctx_entry, parts[0], lambda t: self._match(t, locality)) \
            if ctx_entry is not None and len(parts) == 1 else None
        if case is not None and case.entry is not None:  # "vợ em là người Lào thì sao" after kết hôn
            field = "+".join(reading.fields[:2]) or str((context or {}).get("field") or "") or None
            return [Part(ANSWERED, reading.text, case.entry, field, case.score, via_context=True)]
        if (ctx_entry is not None and len(parts) == 1 and parts[0].status == FALLBACK
                and self.follow.short_case(reading, ctx_entry, _OWN_WORDS + 1, self.chitchat)):
            # a short follow-up that matches nothing by itself ("10 trang thì sao", "có cần cả
            # hai người đi không"), in words the knowledge knows ("giá vàng hôm nay" is not):
            # the procedure under discussion, on the aspect asked before
            field = "+".join(reading.fields[:2]) or str((context or {}).get("field") or "") or None
            return [Part(ANSWERED, reading.text, ctx_entry, field, parts[0].score,
                         via_context=True)]
        if ctx_entry is not None and len(parts) == 1 and (
                self.follow.stays(reading, ctx_entry, parts[0])
                or self.follow.names_none(reading, parts[0])):
            # "khi nào phải khai báo" after tạm vắng: words of the procedure under discussion
            # that name no other one ("gia hạn thì sao" names gia hạn tạm trú: it moves on)
            field = "+".join(reading.fields[:2]) or None
            return [Part(ANSWERED, reading.text, ctx_entry, field, parts[0].score, via_context=True)]
        if all(p.status == FALLBACK for p in parts):
            kind = self.reader.smalltalk_within(reading.text) or self.chitchat.kind(reading.text)
            if kind is not None:  # thanks or a feeling with more words, asking nothing
                return [Part(SMALLTALK, reading.text, smalltalk=kind)]
            if ctx_entry is None and reading.follow_up:  # "thế còn phí?" first: of which procedure
                return [Part(SUGGEST, reading.text, field="+".join(reading.fields[:2]))]
        taken_back = self.kb.entries.get(str((context or {}).get("entry") or "")) \
            if reading.restart else None
        if taken_back is not None and len(parts) == 1 and parts[0].status != ANSWERED:
            # "à nhầm, ý em là bạn gái người Hàn …": another case of the matter, read with its name
            m = self._match(f"{taken_back.title} {reading.text}", locality)
            if m.status == ANSWERED and m.entry is not None and m.entry.id != taken_back.id:
                parts = [Part(ANSWERED, reading.text, m.entry, "+".join(reading.fields[:2]) or None,
                              m.score, ranked=m.ranked)]
            parts = [two.sibling_taken(self.engine, taken_back, parts[0], (context or {}).get("field"))]
        if len(parts) == 1 and parts[0].status == ANSWERED and not parts[0].via_context:
            parts = self._two_named(reading, locality, parts[0])
        if taken_back is not None and len(parts) == 1 and parts[0].entry is not None \
                and self.follow.variant_words(taken_back, parts[0].entry):
            # "à không, ý tôi là [kết hôn] với người Trung Quốc": the case corrected, not the question
            parts = [two.field_kept(parts[0], (context or {}).get("field"))]
        if len(parts) == 2:
            a, b = parts
            same = a.entry is not None and b.entry is not None and a.entry.id == b.entry.id
            if a.status == ANSWERED and b.status == SUGGEST and b.suggestions and not same:
                parts = [a, b]  # answer the first, offer the choices for the second
            elif same or b.status != ANSWERED:
                parts = [two.also_fields(a, b.field)] if a.status != FALLBACK or b.status == FALLBACK \
                    else [two.also_fields(b, a.field)]
            elif a.status == FALLBACK:
                parts = [b]
        if parts and reading.questions:  # what the story states: a goal's paper, a case done
            parts[0] = steering.steer(self.engine, self._clarifiers, reading.text, reading.questions[0],
                                      reading.sentences, parts[0], locality,
                                      self.follow.names_no_matter(reading.questions[0]))
        if context and len(parts) == 1 and two.keeps_field(self.engine, reading.text, context, parts[0]):
            parts = [two.field_kept(parts[0], context.get("field"))]  # of none, or "X thì sao?"
        if len(parts) == 1 and len(reading.questions) == 1:  # "… Hai việc này làm ở đâu?"
            parts = both.each_matter(reading.questions[0], reading.sentences, reading.fields, parts[0],
                                     lambda t: self._match(t, locality)) or parts
        return self.scope.parts(reading.text if len(reading.questions) == 1 else None, apart.one_each(parts))

    def _match(self, text: str, locality: str | None = None, typed: str | None = None) -> Match:
        key = (text, locality, typed)
        if key not in self._memo:
            self._memo[key] = topic_lead.read_as_topic(  # "cho hỏi về đất đai": the topic
                text, self.engine.match(text, locality, typed), lambda t: self.engine.match(t, locality))
        return self._memo[key]

    def _two_named(self, reading: Reading, locality: str | None, part: Part) -> list[Part]:
        """A message naming two procedures at once ("thủ tục tạm trú và khai sinh", "thường
        trú với tạm trú phí bao nhiêu"): each half answered alone names a procedure of its own,
        the whole matched only one. With a field asked, both are answered; else both offered."""
        halves = [h.strip(" ,?.") for h in _AND.split(reading.text)]
        if len(halves) != 2 or len(reading.sentences) != 1 or self.follow.says_little(halves[1]) \
                or self.follow.says_little(halves[0]):
            return [part]
        found = [self._match(h, locality) for h in halves]
        entries = [m.entry for m in found if m.status == ANSWERED and m.entry is not None
                   and (m.entry.record is not None or m.entry.options)]
        pair = two.named_pair(part, entries, found)
        if pair is None:
            return [part]
        entries = pair
        if part.field and all(e.record is not None for e in entries):
            return [replace(part, entry=e, question=h) for e, h in zip(entries, halves, strict=True)]
        return [Part(SUGGEST, reading.text, None, None, part.score, tuple(entries),
                     ranked=part.ranked)]

    def _story(self, reading: Reading, locality: str | None, plain: Part, keep: bool,
               story: dict[str, float]) -> Part:
        """In a story whose question says little by itself ("làm lại thế nào?"), the sentence
        that names the matter, read with the question, asking the fields of ``plain`` (the
        question's own answer, a candidate when ``keep``); ``story``: the whole text's ranking."""
        question = reading.questions[0]
        best: Part | None = plain if keep else None
        # each sentence read with the question proposes a procedure; the whole story decides
        # between them ("… chưa khai sinh cho cháu. Nay mới về quê … bị phạt … Vậy tôi có bị
        # phạt không?" is about khai sinh, not about the "về quê … phạt" of tạm trú)

        def key(p: Part) -> tuple[bool, float, float]:  # a field is asked of a procedure
            return two.asks_procedure(plain, p), story.get(p.entry.id, 0.0) if p.entry else 0.0, p.score

        readings: list[Part] = []
        for sentence in reading.sentences:
            if sentence == question:
                continue
            part = for_age(self.kb, self._one(f"{sentence} {question}", reading.text, locality,
                                              None), reading.age)
            readings.append(part)
            if part.status == ANSWERED and (best is None or key(part) > key(best)):
                best = part
        if best is None and plain.status != ANSWERED and self.follow.says_little(question):
            best = two.story_agrees(self.kb.entries, story, readings)
        return replace(best, question=question, field=plain.field or best.field) if best else plain

    def _pick(self, reading: Reading, offered: list[Entry], labels: list[str]) -> Entry | None:
        """The offered entry a short reply to a question back names: the one sharing the
        most weight of its words (its choice's label, title, phrasings) with the reply,
        clearly ahead of the others."""
        _, rest = self.reader.fields_of(self.engine.norm.tokens(reading.text))
        words = {t for t in rest if t not in self.engine.stop and t not in self.engine.generic}
        if not words or len(words) > _REPLY_WORDS:
            return None
        norm = self.engine.norm

        def score(i: int, e: Entry) -> float:  # the label the person saw counts double
            label = {w for q in labels[i:i + 1] for w in norm.tokens(q)}
            named = {w for q in (e.title, *e.questions) for w in norm.tokens(q)}
            return sum(self.engine.weight(t) * ((t in label) * 2 + (t in named)) for t in words)
        scored = sorted(((score(i, e), i) for i, e in enumerate(offered)), reverse=True)
        best, i = scored[0]
        runner = scored[1][0] if len(scored) > 1 else 0.0
        alone = choosing.named_alone(words, labels, norm)  # a word only one choice's label says
        return offered[i] if best > 0 and best >= _CLEARLY * runner else \
            offered[alone] if alone is not None and alone < len(offered) else None

    def _more_specific(self, clarifier: Entry, words: list[str], rest: set[str],
                       ranked: tuple[tuple[str, float], ...] = ()) -> bool:
        """True when the question names something its clarifying entry does not ("xoá đăng
        ký thường trú" is not the bare "cắt khẩu", "làm giấy khai sinh cần gì" not the bare
        "giấy khai sinh"): then it is about one of the procedures. ``rest``: the words that
        are not field words (field words count even when they are stop words)."""
        norm = self.engine.norm
        known = {t for q in clarifier.questions for t in norm.tokens(q)} | NAMELESS
        beyond = {t for t in words if t not in known and (t not in self.engine.stop or t not in rest)}
        best = next((eid for eid, _ in ranked if not self.kb.entries[eid].options), None)
        if best is None:
            return bool(beyond)
        if beyond <= set(words) - rest and choosing.undecided(clarifier, ranked):
            return False  # "chứng thực ở đâu": a field names no case of the question back
        # a story's own words ("vợ chồng tôi", "khi chuyển nhà") that the best procedure does
        # not know either choose nothing
        known_best = self.engine.words_of(best)
        return any(t in known_best or t not in rest for t in beyond)

    def _one(self, question: str, whole: str, locality: str | None,
             ctx_entry: Entry | None, aged: bool = False) -> Part:
        fields, rest = self.reader.fields_of(self.engine.norm.tokens(question))
        has_topic = any(t not in self.reader.fillers for t in rest)  # its matter, without field words
        best = apart.topic_match(lambda t: self._match(t, locality, question), rest) if fields and has_topic \
            else self._match(question, locality, question)
        if fields and not has_topic and ctx_entry is None:
            best = choosing.nameless(best)  # "có phải về quê không" names no procedure
        if fields and has_topic:
            # a general entry may be about the field itself ("nộp lệ phí online"): the whole question
            # decides when it answers one — unless the rest names a procedure ("khai tử … bưu điện")
            whole_q = self._match(question, locality)
            named = best.ranked and self.kb.entries[best.ranked[0][0]].code
            # … and only an entry that knows every other word of it ("Messi bao nhiêu tuổi"
            # is not the VNeID age entry)
            if whole_q.status == ANSWERED and whole_q.entry is not None and not named \
                    and not whole_q.entry.code and apart.sureness(whole_q) > apart.sureness(best) \
                    and self.follow.about(whole_q.entry, [t for t in rest
                                                          if t not in self.reader.fillers]):
                best = whole_q
            elif whole_q.status == ANSWERED and best.status == ANSWERED and whole_q.entry is not None \
                    and best.entry is not None and whole_q.entry.tier == 0 and best.entry.tier > 0 \
                    and whole_q.entry.code != best.entry.code:
                # the topic alone fits an official record's long name ("tạm trú cho người …
                # nước ngoài"), the whole question a curated card: the card, read whole
                best = whole_q
            best = whole_q if two.settles(best, whole_q) else best
        # the last clause that asks, or the first of a sentence that asks two things ("Gia hạn
        # tạm trú online ở đâu ạ, trên app VNeID có mục đó không?" read with another sentence)
        clauses = (self.reader.asking_clause(question), first_question(self.reader, question)) \
            if best.status != ANSWERED else ()
        for clause in (c for c in clauses if c is not None):
            c_fields, c_rest = self.reader.fields_of(self.engine.norm.tokens(clause))
            c_match = self._match(" ".join(c_rest) if c_fields else clause, locality, clause)
            # the clause alone decides only among what the whole sentence ranks high
            if c_match.status == ANSWERED and c_match.entry is not None and \
                    best.ranked and c_match.entry.id == best.ranked[0][0]:
                best = c_match
                fields = fields or c_fields
                break
        if best.status != ANSWERED and question != whole:
            whole_match = self._match(whole, locality)
            if apart.sureness(whole_match) > apart.sureness(best):
                best = whole_match
                fields = fields or self.reader.fields_of(self.engine.norm.tokens(whole))[0]
        best = papers.refit(question, best, lambda q: self._match(q, locality))
        via = False
        if ctx_entry is not None and best.status != ANSWERED:
            # a short question about another aspect of the procedure under discussion
            # ("gia hạn thì sao" after tạm trú): only a short question, and only when it leads
            # to another procedure or asks about a field — the procedure's own name must not
            # carry any question ("giá vàng hôm nay" after khai sinh); numbers name nothing
            own = [t for t in rest if t not in self.reader.fillers and not t.isdigit()]
            joined = self._match(f"{ctx_entry.title} {question}", locality)
            if (len(own) <= 3 and joined.status == ANSWERED and joined.entry is not None
                    and (joined.entry.id != ctx_entry.id or fields or aged)
                    and joined.score >= best.score + _BETTER):
                best, via = joined, True
        clarifier = next((e for e in best.suggestions if e.options), None)
        if best.status == SUGGEST and clarifier is not None and not self._more_specific(
                clarifier, self.engine.norm.tokens(question), set(rest)):
            # "hộ nghèo": the question back written for it, not a list that contains it
            best = replace(best, status=ANSWERED, entry=clarifier, suggestions=())
        if best.entry is not None and best.entry.options and self._more_specific(
                best.entry, self.engine.norm.tokens(question), set(rest), best.ranked):
            best = choosing.without_clarifiers(self.engine, best)
        if fields and has_topic and best.status == ANSWERED and best.entry is not None \
                and best.entry.record is None and not best.entry.options:
            # a question about a fee, a time limit… is about a procedure, if one is close
            procedure = next(((eid, s) for eid, s in best.ranked
                              if self.kb.entries[eid].record is not None
                              and s >= best.score - choosing.FIELD_GAP), None)
            if procedure is not None:
                best = replace(best, entry=self.kb.entries[procedure[0]], score=procedure[1])
        if fields and has_topic and best.status != ANSWERED:
            best = choosing.field_asked(self.engine, best, fields)
        best = best if fields or self._carried or question != whole else self._bare.match(
            question, best, self._clarifiers)  # "làm căn cước", "cắt khẩu"
        entry = best.entry
        field = two.joined(fields)
        if best.status == ANSWERED and entry is not None and entry.options:
            options = tuple(self.kb.entries[eid] for _, eid in entry.options
                            if eid in self.kb.entries)
            return Part(SUGGEST, question, entry, field, best.score, options, best.tokens,
                        best.named_locality, via_context=via, ranked=best.ranked)
        return Part(best.status, question, entry, field, best.score, best.suggestions, best.tokens,
                    best.named_locality, via_context=via, ranked=best.ranked)
