"""What a story states steers its answer: rules over a message that tells a situation.

A citizen's story often names two procedures: the one they mean to do, and one they mention
on the way. Two stated facts tell which one the question is about:

* **A paper needed for a goal.** "Chúng tôi định đăng ký kết hôn. Có cần xin giấy xác nhận
  độc thân không?" names the paper of one procedure (the XNTTHN) and asks whether another
  (kết hôn, the goal) needs it. When the question asks whether something is needed or true
  ("có cần … không", "phải … có đúng không", "cần thêm giấy gì nữa"), the rest of the message
  names another procedure, and that procedure's own card speaks of the paper, the question is
  about the goal: its card says whether the paper is needed.
* **Already done.** "Tôi đã đăng ký hộ kinh doanh, giờ ốm phải nghỉ mấy tháng thì sao?" states
  that the procedure the words point to is done: the question is about what comes after it.
  The question back written for that matter (an entry with ``options``) is asked without the
  case already done; a stated length of time ("3 tháng", "một thời gian") picks its temporary
  case ("tạm ngừng", "tạm vắng") when exactly one option is temporary.

* **A field asked of the story.** "Chồng tôi là người Nhật, … đăng ký kết hôn. Anh ấy cần
  chuẩn bị những giấy tờ gì?": a question that asks a field and names nothing more, answered
  with a general entry (no procedure), asks it of the procedure the whole story ranks first.
* **A situation stated** ("con sinh bên Nhật") picks the sibling named for it
  (:mod:`bot.situation`).
* **A question that names its procedure** by a name no close rival shares stays with it
  (:func:`names`): the story around it does not turn it elsewhere.

These rules only move an answer the asker gave to an entry the knowledge relates to it; they
never make an answer of a fallback.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise
from typing import TYPE_CHECKING

from bot.engine import ANSWERED, FALLBACK, SUGGEST, Engine
from bot.knowledge.model import Entry
from bot.situation import case_told, in_situation
from bot.textnorm import fold, phrase_starts
from bot.wish import wished

if TYPE_CHECKING:  # the asker imports this module
    from bot.asking import Part

#: A question that asks whether something is needed or true: a word of need …
_NEED = re.compile(r"\b(can|phai|bat buoc|yeu cau|doi hoi)\b")
#: … asked yes or no ("… không", "có đúng không", "hay là bỏ rồi"), or asking what more is needed.
_YES_NO = re.compile(r"(\b(khong|chua)(\s+(a|ha|nhi|vay|nhe|nha|ta))*\s*$|\bco dung\b|\bdung khong\b"
                     r"|\bdung vay\b|\bbo roi\b|\bnua khong\b|\b(them|nua)\b)")
#: Words that state a procedure done ("đã đăng ký", "có đăng ký", "đăng ký … rồi", "đã có").
_DONE = re.compile(r"(?<!khong )(?<!chua )\b(da|co|tung)\s+(dang ky|co|duoc cap|giay phep)\b")
#: A stated length of time: the case asked is a temporary one.
_SPAN = re.compile(r"\b(\d+|mot|hai|ba|bon|nam|sau|vai|may|it|nua)\s+(ngay|tuan|thang|nam)\b"
                   r"|\bmot thoi gian\b|\bca thang\b")
#: The goal is one of the whole message's first this many procedures (the paper is another).
_NAMED = 3
#: Fields whose question after a procedure done asks about that very one ("đã đăng ký tạm trú
#: hôm qua, bao lâu thì có?"): it is waited for, not done.
_WAITING = frozenset({"time_limit", "fee"})
#: How many words after a marker of a procedure done are read for its name.
_NEAR = 8
#: How many of a question's ranked entries may share the name it gives its procedure.
_RIVALS = 5
#: The weight (IDF) of a word rare enough to name a matter ("hộ chiếu", not "con", "giấy").
_RARE = 4.0
#: The folded word that marks a temporary case in an option's label or title.
_TEMPORARY = "tam"


def _core(engine: Engine, entry: Entry) -> list[str]:
    """The (normalised) words that name an entry's paper or matter: its title without the
    generic words ("Cấp Giấy xác nhận tình trạng hôn nhân" → "xác nhận tình trạng hôn nhân")."""
    return [t for t in engine.norm.tokens(entry.title) if t not in engine.generic]


def _without(tokens: Sequence[str], phrase: Sequence[str]) -> list[str] | None:
    """``tokens`` with the first run of ``phrase`` cut out, or None when it is not there."""
    at = phrase_starts(tokens, phrase)
    return [*tokens[:at[0]], *tokens[at[0] + len(phrase):]] if at else None


def asks_need(question: str) -> bool:
    """True when ``question`` asks whether something is needed or true ("có cần … không",
    "phải xin … trước, có đúng không", "cần thêm giấy gì nữa")."""
    folded = fold(question).strip()
    return bool(_NEED.search(folded) and _YES_NO.search(folded))


def for_goal(engine: Engine, text: str, question: str, part: Part,
             locality: str | None) -> Part:
    """``part`` about the goal procedure the message names when it asks whether the goal
    needs the paper ``part`` answers (see the module docstring); else ``part``."""
    paper = part.entry
    if part.status != ANSWERED or paper is None or paper.code is None or paper.options \
            or not asks_need(question):
        return part
    core = _core(engine, paper)
    asked = engine.norm.tokens(question)
    at = phrase_starts(asked, core)
    inside = {i for a in at for i in range(a, a + len(core))}
    need = next((i for i, t in enumerate(asked) if _NEED.fullmatch(t) and i not in inside),
                len(asked))
    if any(a < need for a in at):  # "xin giấy X có cần mang …", "làm X có phải về quê": X's own
        return part
    tokens, _ = engine.analyse(text)
    rest = _without(tokens, core) if len(core) >= 2 else None
    if not rest:
        return part
    ranked = [r for r in engine.rank(rest, locality, story=True)
              if not engine.kb.entries[r[0]].options]  # questions back choose nothing here
    if not ranked:
        return part
    goal, score = engine.kb.entries[ranked[0][0]], ranked[0][1]
    # another procedure, which the whole message names too: among its first procedures
    whole = [eid for eid, _ in engine.rank(tokens, locality, story=True)
             if not engine.kb.entries[eid].options][:_NAMED]
    if goal.code in (None, paper.code) or goal.id not in whole:
        return part
    if not (set(_core(engine, goal)) - set(core)) & set(rest):
        return part  # the story names no goal ("đi làm xa 1 năm": the paper's own situation)
    if goal.ages is not None and paper.ages is not None:
        # cards for several ages of one procedure (căn cước under 6, 6 to 13, from 14) are one
        # matter, not a goal and its paper: the card for the age told (bot.ages) stays
        return part
    pairs = {f"{a} {b}" for a, b in pairwise(core)}
    if not pairs <= engine.words_of(goal.id):  # the goal's card does not speak of the paper
        return part
    field = part.field if part.field in ("documents", "conditions") else "conditions"
    return replace(part, entry=goal, field=field, score=score, ranked=tuple(ranked[:5]))


def _names(engine: Engine, entry: Entry) -> set[tuple[str, ...]]:
    """The names of an entry: its title's and phrasings' words but generic ones ("hộ kinh
    doanh"), in words of its title (a copy's phrasing "giấy kết hôn" names the paper it copies)."""
    names = {tuple(t for t in engine.norm.tokens(q) if t not in engine.generic and t not in engine.stop)
             for q in (entry.title, *entry.questions)}
    own = set(_core(engine, entry))
    return {n for n in names if len(n) >= 2 and set(n) <= own}


def names(engine: Engine, question: str, entry: Entry | None,
          ranked: Sequence[tuple[str, float]] = (), story: Sequence[tuple[str, float]] = ()) -> bool:
    """Whether ``question`` names ``entry`` by one of its :func:`_names` ("Đăng ký kết hôn cần
    mang giấy gì?") that no other procedure of ``ranked`` (the question's own ranking) is also
    named by ("chứng thực" names several), nor the title of the entry the whole ``story`` ranks
    first (a case of the same matter: "… từ bé không có giấy khai sinh … có đăng ký khai sinh
    được không" is the late registration): then a story around it does not turn it elsewhere."""
    if entry is None or entry.options:
        return False
    shared = {n for eid, _ in ranked[:_RIVALS] if eid in engine.kb.entries
              and engine.kb.entries[eid].code != entry.code
              for n in _names(engine, engine.kb.entries[eid])}
    told = _core(engine, engine.kb.entries[story[0][0]]) if story and story[0][0] in engine.kb.entries \
        else []
    asked = [t for t in engine.norm.tokens(question) if t not in engine.generic]
    if any(phrase_starts(asked, n) and not phrase_starts(told, n) for n in _names(engine, entry) - shared):
        return True
    # … or by a rare word of its own the story's first entry never uses ("Mất hộ chiếu thì
    # trình báo ở đâu?" after a relative's visit: "hộ chiếu" is no word of the stay notice)
    if not story or story[0][0] not in engine.kb.entries or story[0][0] == entry.id:
        return False
    mine, theirs = engine.words_of(entry.id), engine.words_of(story[0][0])
    return any(t in mine and t not in theirs for t in asked
               if t not in engine.stop and engine.weight(t) >= _RARE)


def _done(engine: Engine, sentences: Sequence[str], question: str, entry: Entry) -> bool:
    """Whether a sentence states ``entry`` done: a marker ("đã đăng ký") followed at once by
    one of its :func:`_names` — and the question does not name it itself ("Đăng ký hộ kinh
    doanh cần giấy gì?" after "đã đăng ký hộ kinh doanh" asks about that very procedure)."""
    if names(engine, question, entry):
        return False
    own = _names(engine, entry)
    for sentence in sentences:
        folded = fold(sentence)
        for m in _DONE.finditer(folded):
            after = [t for t in engine.norm.tokens(folded[m.end():])[:_NEAR]
                     if t not in engine.generic]
            if any(tuple(after[:len(n)]) == n for n in own):
                return True
    return False


def after_done(engine: Engine, sentences: Sequence[str], text: str, question: str, part: Part,
               clarifiers: dict[str, list[Entry]]) -> Part:
    """``part`` as the question back of its matter without the case the story states done
    (see the module docstring); ``clarifiers``: the questions back listing each entry."""
    entry = part.entry
    if part.status == FALLBACK or entry is None or len(sentences) < 2 or part.field in _WAITING:
        return part
    if entry.options:  # the question back itself: without the case done
        clarifier = entry
        done = {eid for _, eid in entry.options if eid in engine.kb.entries
                and _done(engine, sentences, question, engine.kb.entries[eid])}
    elif part.status == ANSWERED and entry.id in clarifiers and _done(engine, sentences, question, entry):
        clarifier, done = min(clarifiers[entry.id], key=lambda c: len(c.options)), {entry.id}
    else:
        return part
    options = [engine.kb.entries[eid] for _, eid in clarifier.options
               if eid not in done and eid in engine.kb.entries]
    if not done or not options:
        return part
    labels = {eid: label for label, eid in clarifier.options}
    temporary = [e for e in options if _TEMPORARY in fold(f"{labels[e.id]} {e.title}").split()]
    if len(temporary) == 1 and _SPAN.search(fold(text)):
        return replace(part, status=ANSWERED, entry=temporary[0], suggestions=())
    ranked = [eid for eid, _ in part.ranked[:5]]
    if len(options) == 1 and options[0].id not in ranked:
        # the one case left is no case of what the message is about ("đã có giấy xác nhận độc
        # thân" in a marriage story does not make it a question about residence): the best
        # entry the message ranks that is not done
        rest = [eid for eid in ranked if eid not in done and eid != clarifier.id]
        return part if not rest else replace(part, status=ANSWERED, entry=engine.kb.entries[rest[0]],
                                              suggestions=())
    if len(options) == 1:
        return replace(part, status=ANSWERED, entry=options[0], suggestions=())
    return replace(part, status=SUGGEST, entry=clarifier, suggestions=tuple(options))


def clarifiers_of(entries: Sequence[Entry]) -> dict[str, list[Entry]]:
    """For each entry id, the questions back (entries with ``options``) that offer it."""
    out: dict[str, list[Entry]] = {}
    for e in entries:
        for _, eid in e.options:
            out.setdefault(eid, []).append(e)
    return out


def story_procedure(engine: Engine, text: str, part: Part, little: bool,
                    locality: str | None) -> Part:
    """``part`` about the procedure the whole story ranks first when its question asks a field
    and names nothing more (``little``: "Anh ấy cần chuẩn bị những giấy tờ gì?") and was
    answered with a general entry (no procedure: "what to bring to the one-stop desk"): the
    papers, the place, the fee asked are the story's procedure's."""
    entry = part.entry
    if not little or part.status != ANSWERED or entry is None or entry.code is not None \
            or entry.options or not part.field:
        return part
    ranked = [r for r in engine.rank(engine.analyse(text)[0], locality, story=True)
              if not engine.kb.entries[r[0]].options]
    if not ranked or ranked[0][0] == entry.id or engine.kb.entries[ranked[0][0]].code is None:
        return part
    return replace(part, entry=engine.kb.entries[ranked[0][0]], score=ranked[0][1],
                   ranked=tuple(ranked[:5]))


def steer(engine: Engine, clarifiers: dict[str, list[Entry]], text: str, question: str,
          sentences: Sequence[str], part: Part, locality: str | None, little: bool = False) -> Part:
    """``part`` after both rules of the module docstring; ``question`` is read as typed in its
    sentence (the reader drops a tail that asks to confirm: "…, có đúng không?")."""
    start = question.rstrip(" ?").strip()[:24]
    asked = next((s for s in sentences if start and start in s), question)
    part = wished(engine, text, for_goal(engine, text, asked, part, locality), locality)
    if len(sentences) > 1:
        part = story_procedure(engine, text, part, little, locality)
    part = after_done(engine, sentences, text, asked, part, clarifiers)
    part = case_told(engine, sentences, asked, part)  # "… cần bản sao …": that case of chứng thực
    return in_situation(engine, text, part)  # "con sinh bên Nhật": the foreign-element case
