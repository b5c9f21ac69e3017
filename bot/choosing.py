"""Choosing among a match's candidates when its first is not the answer to give: a question
back (an entry with ``options``) the question is more specific than, general entries ahead
of the one procedure record a field question needs, a question back whose choices all give
the same answer to the field asked, or a where question's lone record of another level held
back only by its tier's bar (used by :mod:`bot.asking`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Final

from bot.engine import ANSWERED, FALLBACK, NAMELESS, SUGGEST, Engine, Match, decide
from bot.knowledge.model import Entry
from bot.textnorm import Normaliser, fold
from bot.variants import name_words

#: Points (0–100) a procedure may trail a general answer by and still answer a field question.
FIELD_GAP: Final = 6.0
#: Points (0–100) within which a question back's two best choices are a coin toss: less than the
#: spread between phrasings of one meaning, so nothing in the question tells them apart.
TOSS_GAP: Final = 2.0


def without_clarifiers(engine: Engine, m: Match) -> Match:
    """``m`` with the best entry that is not a question back in place of its first."""
    ranked = [(eid, s) for eid, s in m.ranked if not engine.kb.entries[eid].options]
    if not ranked:
        return replace(m, status=FALLBACK, entry=None)
    eid, score = ranked[0]
    runner = ranked[1][1] if len(ranked) > 1 else 0.0
    status = decide(engine.thresholds, [(eid, score), ("", runner)])
    entry = engine.kb.entries[eid]
    if status == ANSWERED:
        return replace(m, status=ANSWERED, entry=entry, score=score, suggestions=(),
                       ranked=tuple(ranked))
    if status == SUGGEST:
        return replace(m, status=SUGGEST, entry=None, score=score, ranked=tuple(ranked),
                       suggestions=tuple(engine.kb.entries[e] for e, _ in ranked[:3]))
    return replace(m, status=FALLBACK, entry=None, score=score, ranked=tuple(ranked))

def undecided(clarifier: Entry, ranked: Sequence[tuple[str, float]]) -> bool:
    """Whether the two best-scored choices of question back ``clarifier`` are within
    :data:`TOSS_GAP` of each other in ``ranked``: "chứng thực ở đâu", "làm lại giấy khai sinh bị
    mất ở đâu" fit a copy and a new registration alike, and where or how much does not choose."""
    choices = {eid for _, eid in clarifier.options}
    scores = [s for eid, s in ranked if eid in choices][:2]
    if not scores:  # "đăng ký cư trú ở đâu": the field ranks none of the choices, so chooses none
        return True
    return len(scores) == 2 and scores[0] - scores[1] < TOSS_GAP


def field_procedure(engine: Engine, m: Match) -> Match:
    """A question back on a field question ("… bao lâu thì lấy được giấy") answered by
    the one procedure record among the choices, when it is close to the best and clearly
    ahead of any other record: general entries have no time limit or fee."""
    records = [(eid, s) for eid, s in m.ranked if engine.kb.entries[eid].record is not None]
    t = engine.thresholds
    if m.contested or not records or records[0][1] < max(t.answer, m.score - FIELD_GAP):
        return m
    if len(records) > 1 and records[1][1] > records[0][1] - t.margin:
        return m
    return replace(m, status=ANSWERED, entry=engine.kb.entries[records[0][0]],
                   score=records[0][1], suggestions=())


def nameless(m: Match) -> Match:
    """``m`` for a question made only of the words that ask a field ("có phải về quê không",
    "làm online được không") with no procedure under discussion: such words name no procedure,
    so a procedure is not answered on them (a general entry about the field still is)."""
    if m.status == ANSWERED and m.entry is not None and m.entry.code is not None:
        return replace(m, status=FALLBACK, entry=None)
    return m


def _place(e: Entry) -> tuple[str, ...] | None:
    """What a where answer of ``e`` says: the card's sourced where line, or the record's bodies
    (and whether the commune does it); None for an entry that is no procedure record."""
    if e.record is None or e.options:
        return None
    curated = e.amend.get("where")
    if curated is not None and curated.known:
        return ("card", fold(str(curated.value)))
    return ("record", str(e.record.commune), *sorted(fold(a) for a in e.record.authority))


def same_place(engine: Engine, m: Match, fields: Sequence[str]) -> Match:
    """A question back on a where question ("làm căn cước có phải về nơi thường trú không",
    "xét hộ nghèo nộp ở đâu") answered when every choice is filed at the same place (the same
    sourced where line, or the same bodies): which of them the person means does not change the
    answer to what was asked. Only where is asked: the papers, fees and time limits of the
    choices differ. The choice answered is the one whose name adds least to the question's words
    (the procedure itself before its variants: "Làm thẻ căn cước" before "… cho trẻ dưới 6
    tuổi"), the best ranked of those."""
    if m.status != SUGGEST or list(fields) != ["where"] or len(m.suggestions) < 2:
        return m
    places = {_place(e) for e in m.suggestions}
    if len(places) != 1 or None in places:
        return m
    said = set(m.tokens)
    first = min(m.suggestions, key=lambda e: len(name_words(engine, e.id) - said))
    score = next((s for eid, s in m.ranked if eid == first.id), m.score)
    return replace(m, status=ANSWERED, entry=first, score=score, suggestions=())


def bare_name(engine: Engine, clarifiers: Mapping[str, Sequence[Entry]], question: str,
              m: Match) -> Match:
    """``m`` as the question back written for its procedure when the question names only what
    that question back is about and asks nothing of it ("làm căn cước", "thủ tục nghĩa vụ quân
    sự"): every word of it but stop words is a word of the question back's own
    phrasings and none names only some of its choices, so nothing in it tells them apart (a
    number neither: it gives the age or the day). ``clarifiers``: for each entry id, the
    questions back that offer it."""
    named = [t for t in engine.norm.tokens(question) if t not in engine.stop and t not in NAMELESS]
    if m.status != ANSWERED or m.entry is None or not named or any(c.isdigit() for c in question):
        return m  # a number says which case ("thứ 7", "14 tuổi")
    for c in clarifiers.get(m.entry.id, ()):
        known = {t for q in c.questions for t in engine.norm.tokens(q)}
        titles = [set(engine.norm.tokens(engine.kb.entries[e].title)) for _, e in c.options
                  if e in engine.kb.entries]
        # a word in the name of some of its choices but not all names one ("chữ ký")
        telling = set[str]().union(*titles) - titles[0].intersection(*titles[1:]) if titles else set()
        if all(t in known for t in named) and not any(
                t in telling and t not in engine.generic for t in engine.norm.tokens(question)):
            return replace(m, entry=c, suggestions=())
    return m


def field_asked(engine: Engine, m: Match, fields: Sequence[str]) -> Match:
    """A field question left unanswered: a question back answered by its one procedure record
    or the one place of its choices; a fallback by the lone record of another level."""
    if m.status == SUGGEST:
        return same_place(engine, field_procedure(engine, m), fields)
    return lone_record(engine, m, fields)


def lone_record(engine: Engine, m: Match, fields: Sequence[str]) -> Match:
    """A where question left unanswered only because its best entry is an official record of
    another level (a tax office's, the provincial police's: the bar its tier must clear above
    the thresholds), while it scores as an answer would: answered with that record (which names
    its executing body, sourced) when no entry filed at another place scores within the margin of
    it — then which body files it is what was asked, and no other reading gives another one."""
    if m.status == ANSWERED or m.contested or "where" not in fields or not m.ranked:
        return m
    eid, score = m.ranked[0]
    entry = engine.kb.entries[eid]
    place = _place(entry)
    if place is None or score < engine.thresholds.answer or any(
            _place(engine.kb.entries[e]) != place for e, s in m.ranked[1:]
            if s > score - engine.thresholds.margin):
        return m
    return replace(m, status=ANSWERED, entry=entry, score=score, suggestions=())


def named_alone(words: set[str], labels: list[str], norm: Normaliser) -> int | None:
    """The index of the only choice of a question back whose label has one of ``words`` (the
    reply's) that no other label has: "mẹ tôi đang hưởng lương hưu" names "Đang hưởng lương
    hưu, trợ cấp bảo hiểm xã hội", not "Đang hưởng trợ cấp hưu trí xã hội", though both say
    "hưởng … hưu". None when no label or several do."""
    said = [set(norm.tokens(label)) for label in labels]
    hit = [i for i, own in enumerate(said)
           if words & own.difference(*(other for j, other in enumerate(said) if j != i))]
    return hit[0] if len(hit) == 1 else None
