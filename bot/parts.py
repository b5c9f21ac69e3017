"""The second question of a message that asks two things: another field of the first one's
procedure, or a question about a procedure of its own.

* "Đổi căn cước có mất phí không, làm ở công an xã nào cũng được chứ?": the second question
  names no procedure; alone it would be matched on "công an xã" (which a driving licence's
  phrasings also use), but it asks where the first procedure is done.
* "Tạm trú lệ phí bao nhiêu, còn thường trú thì nộp ở đâu?": the second question has few words
  of its own, but they name another procedure (the title of the one it finds alone has
  "thường", which the first's title lacks): it is answered apart.
* "Khai sinh cần giấy gì, còn khai tử thì sao?": a second question that asks no field ("X thì
  sao") is about X, on the first one's field: its fillers ("thì sao", "còn") say nothing of
  the matter, so it is matched on its other words ("sao" is not "bản sao").

The rules compare words after normalisation (:class:`~bot.textnorm.Normaliser`), the engine's
stop and generic words, and the reader's field and filler lists; they never look at answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.engine import ANSWERED, FALLBACK, SUGGEST, Engine, Match
from bot.knowledge.model import Entry
from bot.reading import Reader
from bot.variants import name_words

#: The close of "X thì sao?", "X thế nào?" (with or without diacritics): it asks the same as the
#: question before it, about X.
_HOW_ABOUT = re.compile(r"\s+(?:(?:thì|thế|thi|the)\s+sao|(?:(?:thì|thi)\s+)?(?:thế nào|như thế nào|ra sao"
                        r"|the nao|nhu the nao))(?:\s+(?:ạ|nhỉ|vậy|nhé|a|nhi|vay|nhe))?\s*[?.!]*\s*$",
                        re.IGNORECASE)

#: the fields a procedure's summary (the answer to a question that asks none) says
SUMMARY_FIELDS = frozenset({"documents", "time_limit", "fee", "where"})

if TYPE_CHECKING:  # the asker imports this module
    from bot.asking import Part


def also_fields(part: Part, more: str | None) -> Part:
    """``part`` also answering the fields ``more`` ("documents+fee") asked in another part of
    the message, when it answers."""
    return with_fields(part, more.split("+")) if more and part.status == ANSWERED else part


def with_fields(first: Part, fields: tuple[str, ...] | list[str]) -> Part:
    """``first`` also answering ``fields`` (asked by a second question about the same)."""
    asked = [f for f in (first.field or "").split("+") if f]
    if not asked and set(fields) <= SUMMARY_FIELDS:
        # "sửa tên thế nào? Thêm nữa là có mất tiền không?": the summary a question that asks
        # no field gets says the field too
        return first
    merged = list(dict.fromkeys([*asked, *fields]))
    # an answer leads with two fields: of three, "where" yields to "online" (see :func:`joined`)
    if len(merged) > 2 and "online" in merged and "where" in merged:
        merged.remove("where")
    return replace(first, field="+".join(merged) or None)


#: how much surer (score points) the whole "A với B" must find the procedure one half finds
#: alone for the halves to be one matter: more than the few points field words move a score
ONE_MATTER_GAIN = 5.0


def one_matter(whole: Part, halves: list[Match]) -> bool:
    """Whether the two halves of "A với B" name one matter: the whole message is answered with
    the procedure one half finds alone, clearly surer than that half alone finds it — the
    other half's words add to it ("kết hôn với người Trung Quốc" is one procedure, kết hôn có
    yếu tố nước ngoài, not kết hôn and another); two procedures each read no better together
    ("thường trú với tạm trú phí bao nhiêu")."""
    return whole.entry is not None and any(
        m.entry is not None and m.entry.id == whole.entry.id
        and whole.score >= m.score + ONE_MATTER_GAIN for m in halves)


def named_pair(whole: Part, entries: list[Entry], halves: list[Match]) -> list[Entry] | None:
    """The two procedures the halves of "A và B" find alone (``entries``), when they are two and
    the whole message found one of them, not one matter (:func:`one_matter`); compared by
    procedure, with the whole's card for that one (the card for the age told: "căn cước cho con
    3 tuổi và tạm trú cho cả nhà"). None otherwise."""
    lead = whole.entry
    # a half asked back among cases of the lead ("thủ tục tạm trú") finds the lead
    same = [lead.code or lead.id if lead is not None and any(o == lead.id for _, o in e.options)
            else e.code or e.id for e in entries]
    if len(entries) != 2 or same[0] == same[1] or lead is None \
            or (lead.code or lead.id) not in same or one_matter(whole, halves):
        return None
    return [lead if k == (lead.code or lead.id) else e for e, k in zip(entries, same, strict=True)]


def field_kept(part: Part, asked: object) -> Part:
    """A taking-back's answer ("à không, ý tôi là kết hôn với người Trung Quốc" after "đăng ký
    kết hôn cần những giấy gì") on the field ``asked`` before, when it asks none itself: the
    person corrects the case of the matter, not the question."""
    if part.status != ANSWERED or part.field or not asked:
        return part
    return replace(part, field=str(asked))


def settle(first: Part, second: str, own: list[str], read: Callable[[str], Part]) -> Part:
    """``first`` as the whole sentence reads it (``read``) when its ``second`` half asks only a
    field (no words of its own, ``own``) and ``first`` offers choices (see :func:`settled`)."""
    if own or first.status != SUGGEST:
        return first
    return settled(first, read(f"{first.question}, {second}"))


def settled(first: Part, whole: Part) -> Part:
    """A first question that offers choices, settled by a second question of the same sentence
    that asks only a field ("Bản sao giấy khai sinh bị mất xin lại ở đâu, có làm online được
    không?"): ``whole``, both read as one, when it answers one of those choices."""
    if whole.status == ANSWERED and whole.entry is not None \
            and any(e.id == whole.entry.id for e in first.suggestions):
        return replace(whole, question=first.question, field=first.field)
    return first


def joined(fields: tuple[str, ...] | list[str]) -> str | None:
    """The fields a question asks, as a part carries them ("fee+where"): up to three (the
    answer gives each), but with "online" and "where" among three or more ("làm online chỗ
    nào, phí bao nhiêu"), "where" yields, since the answer on filing online also says where to
    file in person."""
    asked = list(fields)
    if len(asked) > 2 and "online" in asked and "where" in asked:
        asked.remove("where")
    return "+".join(asked[:3]) or None


def settles(topic: Match, whole: Match) -> bool:
    """Whether the question as typed settles a choice its topic alone leaves open: without
    its field words it offers procedures, with them it answers one of those ("đổi căn cước
    … có mất phí không": a card's phrasings ask about its fee in those words)."""
    return topic.status == SUGGEST and whole.status == ANSWERED and whole.entry is not None \
        and whole.entry.code is not None and any(e.id == whole.entry.id for e in topic.suggestions)


def first_entries(first: Part) -> list[Entry]:
    """The procedures the first question is about: its answer, or the choices offered."""
    if first.status == ANSWERED and first.entry is not None:
        return [first.entry]
    return list(first.suggestions) if first.status == SUGGEST else []


def own_words(engine: Engine, reader: Reader, question: str) -> list[str]:
    """The words of ``question`` that may name a matter: not field words nor fillers
    (stop words stay: "ký" of "chữ ký" is one)."""
    _, rest = reader.fields_of(engine.norm.tokens(question))
    return [t for t in rest if t not in reader.fillers]


def names_another(engine: Engine, first: list[Entry], own: list[str], second: Part) -> bool:
    """Whether the second question names a procedure other than the first's: alone it is
    answered with (or offered) a procedure (an entry with a national code; a general entry
    names none) whose title has one of its own words that none of the first question's titles
    has ("thường trú" after "tạm trú")."""
    others = [second.entry] if second.status == ANSWERED and second.entry is not None \
        else list(second.suggestions) if second.status == SUGGEST else []
    mine = {t for e in first for t in engine.contrasts.title_tokens(e.id)}
    return any(t in own and t not in mine for e in others
               if e.code is not None and all(e.id != f.id for f in first)
               for t in engine.contrasts.title_tokens(e.id)) \
        or another_general(engine, first, own, second)


def another_general(engine: Engine, first: list[Entry], own: list[str], second: Part) -> bool:
    """Whether a second question asks about another general matter than the first's general
    entry ("nộp lệ phí online thế nào, và theo dõi hồ sơ ở đâu"): alone it is answered with
    another general entry, and it names something the first entry never uses."""
    other = second.entry if second.status == ANSWERED else None
    if other is None or other.code is not None or not first \
            or any(e.code is not None or e.id == other.id for e in first):
        return False
    named = [t for t in own if t not in engine.stop and t not in engine.generic and not t.isdigit()]
    return any(t not in procedure_words(engine, e) for e in first for t in named)


def asks_first(engine: Engine, first: list[Entry], own: list[str], second: Part) -> bool:
    """Whether a second question that asks a field is about the first question's procedure
    though alone it finds another entry: it names nothing of its own that the first
    procedure does not use (its phrasings, record and answer), and no other procedure."""
    if not first or names_another(engine, first, own, second):
        return False
    # stop words, words that name no procedure and numbers say nothing of the matter
    named = [t for t in own if t not in engine.stop and t not in engine.generic and not t.isdigit()]
    return bool(named) and any(all(t in procedure_words(engine, e) for t in named) for e in first)


def procedure_words(engine: Engine, entry: Entry) -> frozenset[str]:
    """The words an entry uses: its phrasings and answer, and for a procedure record also who
    does it, where, for whom, its steps and conditions ("công an" for a căn cước)."""
    words = set(engine.words_of(entry.id))
    r = entry.record
    if r is not None:
        for text in (*r.authority, *r.levels, *r.subjects, r.steps, r.conditions):
            words.update(engine.norm.tokens(text))
    return frozenset(words)


#: "X thì sao" asks the first question's field of X when X names a matter in this many words
#: at most ("còn thường trú thì sao"); a longer X tells a situation and asks what to do about
#: it ("tên trong giấy khai sinh bị sai một chữ, sửa thế nào")
NAMED_MATTER = 4


def matter_of(question: str) -> str | None:
    """A second question that asks no field, without its closing "… thì sao?" ("khai tử thì
    sao?" → "khai tử"), or None when it has no such close or nothing would be left."""
    m = _HOW_ABOUT.search(question)
    if m is None or not question[:m.start()].strip(" ,"):
        return None
    return question[:m.start()].strip(" ,")


#: A story's first entry must lead its second by this many points (0–100) …
STORY_LEAD = 3.0
#: … and a sentence read with the question must score it at least this much, a little below
#: the bar of an answer: the two readings agreeing make up for the few points.
STORY_FLOOR = 50.0


def story_agrees(entries: Mapping[str, Entry], story: dict[str, float],
                 readings: list[Part]) -> Part | None:
    """In a story whose question says little ("Thủ tục này làm ở đâu?"), when neither the
    question alone nor any sentence read with it is answered: the procedure the whole story
    ranks first, clearly ahead of the second, that one of those readings also ranks first,
    nearly at the bar of an answer (a reading that offers choices has weighed them: it
    stands) — only a procedure (a national code), never a question back or a general entry.
    ``story`` is the whole text's ranking (best first); ``readings`` the sentences' parts."""
    ranked = list(story.items())
    if not ranked or (len(ranked) > 1 and ranked[0][1] - ranked[1][1] < STORY_LEAD):
        return None
    lead = entries[ranked[0][0]]
    if lead.code is None or lead.options:
        return None
    for part in readings:
        if part.status == FALLBACK and part.ranked and part.ranked[0][0] == lead.id \
                and part.ranked[0][1] >= STORY_FLOOR:
            return replace(part, status=ANSWERED, entry=lead, score=part.ranked[0][1],
                           suggestions=())
    return None


def same_procedure(engine: Engine, first: Part, words: list[str], alone: Part, few: bool) -> bool:
    """Whether a second question asking a field asks it of the first one's procedure: a few
    words of its own (``few``) that name no other procedure, or words that procedure uses and
    no other's name. ``words`` are its own words (:func:`own_words`), ``alone`` its own part."""
    entries = first_entries(first)
    if alone.field == "time_limit" and names_result(engine, entries, words):
        return True  # "Khai tử cần gì? Mấy ngày thì có trích lục?"
    if few:
        return not names_another(engine, entries, words, alone)
    return asks_first(engine, entries, words, alone)


def names_result(engine: Engine, first: list[Entry], words: list[str]) -> bool:
    """Whether a second question's own ``words`` name only the paper the first question's
    procedure issues (its record's results: "trích lục" of Trích lục khai tử, "giấy chứng
    nhận" of kết hôn): asked with the time limit ("bao lâu thì có trích lục"), it asks when
    that paper comes, the time of the same procedure (other fields of a paper, "bản sao …
    xin ở đâu", may be another procedure's: a copy of an extract)."""
    named = [t for t in words if t not in engine.stop and t not in engine.generic and not t.isdigit()]
    return bool(named) and any(
        e.record is not None and set(named) <= {t for r in e.record.results for t in engine.norm.tokens(r)}
        for e in first)


#: how far (score points) the whole story must rank another entry above the question's own
#: answer for the story's sentences to be read again with the question
STORY_GAP = 10.0


def disagrees(story: list[tuple[str, float]], part: Part) -> bool:
    """Whether the whole story (its ranking, best first) ranks another entry well above the one
    its question alone found ("… chưa khai sinh cho cháu … Vậy tôi có bị phạt không?" is not
    about tạm trú)."""
    if part.entry is None or not story:
        return False
    own = dict(story).get(part.entry.id, 0.0)
    return story[0][0] != part.entry.id and story[0][1] - own >= STORY_GAP


def unless_second(parts: list[Part], told: Part) -> Part:
    """The first question's part as the whole story reads it (``told``), unless the message's
    second question is answered with that very procedure while the first question was answered
    with another ("Đăng ký kết hôn xong bao lâu thì lấy được giấy? Còn tạm ngừng hộ kinh doanh
    có mất phí không?": the longer second question weighs most in the whole text, but the
    first asks about kết hôn)."""
    first = parts[0]
    if len(parts) == 2 and first.status == ANSWERED and first.entry is not None \
            and parts[1].status == ANSWERED and parts[1].entry is not None \
            and told.entry is not None and told.entry.id == parts[1].entry.id != first.entry.id:
        return first
    return told


def asks_procedure(question: Part, reading: Part) -> bool:
    """Whether a story's ``reading`` (a sentence read with the question) finds a procedure (an
    entry with a national code) for a ``question`` that asks a field: a fee, a time limit,
    papers are a procedure's, and a general entry ("what to bring to the one-stop desk")
    answers such a question only when no sentence of the story names a procedure."""
    return bool(question.field) and reading.entry is not None and reading.entry.code is not None


#: name words (:func:`bot.variants.name_words`: no stop, generic or filler words) a choice must
#: share with the procedure taken back, more than any other choice, to be another case of the
#: same matter ("cước" of thẻ căn cước: "thẻ" and "căn" are not name words)
SIBLING_WORDS = 1


def sibling_taken(engine: Engine, taken_back: Entry, part: Part, asked: object) -> Part:
    """A taking-back that offers choices ("à không, ý tôi là bị mất luôn rồi" after "đổi căn
    cước hết hạn": lost what?), answered with the choice that names the same matter as the
    procedure taken back: the one sharing most of its name words, at least
    :data:`SIBLING_WORDS`, alone (Cấp lại thẻ căn cước bị mất, not a lost birth certificate);
    on the field asked before when it asks none: the person corrects the case, not the
    question. ``part`` unchanged otherwise."""
    if part.status != SUGGEST:
        return part
    mine = name_words(engine, taken_back.id)
    shared = sorted(((len(mine & name_words(engine, e.id)), e) for e in part.suggestions
                     if e.id != taken_back.id and e.record is not None), key=lambda se: -se[0])
    if not shared or shared[0][0] < SIBLING_WORDS or (len(shared) > 1 and shared[1][0] == shared[0][0]):
        return part
    return replace(part, status=ANSWERED, entry=shared[0][1], suggestions=(),
                   field=part.field or (str(asked) if asked else None))


#: A follow-up that asks "how about X" ("gia hạn thì sao?", "còn thường trú?", "thế còn khai tử
#: thì sao"): it opens with "còn" (typed with its diacritics: "con" is a child) or closes with
#: "thì sao", and X is a few words.
_HOW_ABOUT_OPEN = re.compile(r"^(?:(?:vậy|thế|vay|the)\s+)?còn\s", re.IGNORECASE)
_HOW_ABOUT_CLOSE = re.compile(r"\s(?:thì|thi)\s+sao(?:\s+(?:ạ|nhỉ|vậy|nhé|a|nhi|vay|nhe|ad))?\s*[?.!]*\s*$",
                              re.IGNORECASE)


def how_about(engine: Engine, text: str, under: Entry | None, part: Part) -> bool:
    """Whether a follow-up asks "how about X" (see :data:`_HOW_ABOUT_OPEN`), X in at most
    :data:`NAMED_MATTER` words besides the opening and closing ones, answered (``part``) with a
    procedure of the same kind as the one ``under`` discussion (their names share a name word:
    gia hạn tạm trú, thường trú after tạm trú): it asks of X what was asked before (the fee,
    where), as "X thì sao?" does after a first question in one message. Of another kind ("còn
    cắt khẩu cho mẹ thì sao" after khai tử) it asks what to do about X: its summary."""
    words = _HOW_ABOUT_CLOSE.sub("", _HOW_ABOUT_OPEN.sub("", text.strip())).split()
    said = _HOW_ABOUT_OPEN.match(text.strip()) is not None or _HOW_ABOUT_CLOSE.search(text) is not None
    return said and 0 < len(words) <= NAMED_MATTER and under is not None and part.entry is not None \
        and bool(name_words(engine, under.id) & name_words(engine, part.entry.id))


def keeps_field(engine: Engine, text: str, context: Mapping[str, object], part: Part) -> bool:
    """Whether a message answered alone (``part``) takes the field asked before from the
    conversation ``context``: a field asked of no procedure, or "X thì sao?" (:func:`how_about`)
    after one (``context["entry"]``)."""
    under = context.get("entry")
    return not under or how_about(engine, text, engine.kb.entries.get(str(under)), part)
