"""The record's own sentence that answers the detail a question asks.

A question often asks a detail no field holds ("tạm trú có thời hạn tối đa bao lâu", "có cần
cả hai người có mặt không", "trẻ mới sinh thì đăng ký thường trú trong bao lâu"), while the
record says it in a note, a condition, a step or the name of a paper. :class:`Evidence` finds
the sentences of the entry's own texts (the card's notes and curated lines, the record's notes,
conditions, steps, papers, ways of filing and results) that share the most weight of the
question's words, leaving out the words of the procedure's name (every sentence of the record
is about it), a long sentence damped, one that gives the figure the question asks
(:mod:`bot.figures`) weighing more, and quotes the best one or two under the answer: an
extract, never a new fact.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from bot.figures import figure_bonus
from bot.index import features
from bot.knowledge.model import Entry

_SENTENCE = re.compile(r"\n+|(?<=[.;!?])\s+|\s+-\s+|\s+\+\s+|(?:^|\s)[-+•]\s*")
#: A time limit stated in a sentence ("không quá 20 ngày làm việc", "trong 03 ngày").
_DURATION = re.compile(r"\b\d+\s*(?:ngày|giờ|tháng)", re.IGNORECASE)
#: Shortest and longest sentence quoted (characters); a longer one is cut around its match.
MIN_CHARS, MAX_CHARS = 25, 240
#: How many sentences are quoted at most, and the least weight of question words one must share.
MAX_QUOTES = 2
MIN_WEIGHT = 6.0
#: Words of a sentence past which its weight is damped (by the square root of the excess ratio).
LONG = 24
#: Share of the shorter sentence's words that makes two quotes the same rule said twice.
SAME = 0.8


def texts(entry: Entry) -> Iterator[str]:
    """The entry's own texts a quote may come from: the card's notes and curated lines, the
    record's notes, conditions, steps, papers, ways of filing and results."""
    return _sentences(entry)


def _sentences(entry: Entry) -> Iterator[str]:
    for note in entry.notes:
        if note.known:
            yield str(note.value)
    for fact in entry.amend.values():  # the curated, sourced lines an answer may have cut
        if fact.known:
            yield str(fact.value)
    r = entry.record
    if r is None:
        return
    yield from _joined(list(r.notes))
    yield r.conditions
    yield r.steps
    for group in r.documents:  # a paper that announces a list is read with its first item
        yield from _joined([d.name for d in group.documents])
    # the time limit each way's description states is not quoted when the card's sourced line
    # replaces it (the law changed after the record)
    for way in dict.fromkeys(m.note for m in r.methods if m.note):  # each way's description
        yield way if "time_limit" not in entry.amend else \
            "\n".join(p for p in _split(way) if not _DURATION.search(p))
    yield from r.results


class Evidence:
    """Quotes sentences of an entry's texts; ``tokens`` normalises, ``weight`` weighs a feature
    (stop words little), ``stop`` are the words that cannot make a sentence relevant alone."""

    def __init__(self, tokens: Callable[[str], list[str]], weight: Callable[[str], float],
                 stop: frozenset[str]) -> None:
        self.tokens = tokens
        self.weight = weight
        self.stop = stop

    def _without(self, text: str, named: set[str]) -> list[str]:
        return [t for t in self.tokens(text) if t not in named]

    def quotes(self, entry: Entry, question: str, shown: str) -> list[str]:
        """Up to :data:`MAX_QUOTES` sentences of ``entry`` that answer details of ``question``,
        best first, none already in the answer text ``shown``."""
        named = set(self.tokens(entry.title))
        asked = {f: self.weight(f) for f in features(self._without(question, named))}
        if not any(f not in self.stop for f in asked):
            return []
        seen = " ".join(shown.split()).lower()
        bonus, alone = figure_bonus(question)
        scored: list[tuple[float, int, str]] = []
        for text in _sentences(entry):
            for sentence in _joined(_split(text or "")):
                if len(sentence) < MIN_CHARS or not _reads_alone(sentence):
                    continue
                done = _shown(sentence.lower(), seen)
                if done >= len(sentence) or len(sentence) - done < MIN_CHARS:
                    continue
                if done:  # the answer cut it: the rest of it, where the detail may be
                    sentence = "… " + sentence[done:].lstrip(" ,;")
                own = self._without(sentence, named)
                has = set(features(own))
                words = [f for f in asked if f in has and " " not in f and f not in self.stop]
                extra = bonus(sentence)
                # a long sentence shares words by chance: its weight is damped past LONG words
                score = (sum(w for f, w in asked.items() if f in has) + extra) \
                    / max(1.0, len(own) / LONG) ** 0.5
                if (words or (alone and extra)) and score >= MIN_WEIGHT:
                    scored.append((score, len(sentence), sentence))
        scored.sort(key=lambda s: (-s[0], s[1]))
        out: list[str] = []
        kept: list[set[str]] = []
        said = [set(self.tokens(line)) for line in shown.splitlines() if line.strip()]
        for _, _, sentence in scored:
            if len(out) == MAX_QUOTES:
                break
            mine = set(self.tokens(sentence))
            # the same rule said twice (a card's note and its curated line): once, and not
            # again when a line of the answer already says it in other words
            if any(len(mine & k) >= SAME * min(len(mine), len(k)) for k in kept) \
                    or any(len(mine & line) >= SAME * len(mine) for line in said):
                continue
            kept.append(mine)
            out.append(sentence if len(sentence) <= MAX_CHARS
                       else sentence[:MAX_CHARS].rsplit(" ", 1)[0] + " …")
        return out



def _split(text: str) -> list[str]:
    """The pieces of ``text`` at line breaks, after ". ; ! ?" and at list marks ("- ", "+ ",
    "•"), but not where a lower-case word goes on with the sentence: a dash between two words
    of one name ("công chức tư pháp - hộ tịch") or a line the record broke in the middle of a
    sentence ("… tại Trung\ntâm …")."""
    pieces: list[str] = []
    start = 0
    for m in _SENTENCE.finditer(text):
        mark = m.group().strip(" \t")
        going_on = m.start() > 0 and text[m.start() - 1] not in ".;:!?" \
            and text[m.end():m.end() + 1].islower()
        if going_on and (mark in ("-", "+") or mark.strip("\n") == ""):
            continue
        pieces.append(text[start:m.start()])
        start = m.end()
    return _whole([*pieces, text[start:]])


#: The start of a list's later item, "(2) …", "(3) …" ("(1)" opens the list).
_LATER_ITEM = re.compile(r"\((?:[2-9]|1\d)\)\s")


def _whole(pieces: list[str]) -> list[str]:
    """Pieces cut at a ";" put back together where the next goes on with the same sentence:
    a clause in lower case ("…; nộp phí, lệ phí …") or a list's later item ("…: (1) …; (2) …"),
    so that a quote is a whole sentence, never a clause without its subject or an item without
    its list."""
    out: list[str] = []
    for piece in pieces:
        head = piece.lstrip()
        if out and out[-1].rstrip().endswith(";") and (head[:1].islower() or _LATER_ITEM.match(head)):
            out[-1] = f"{out[-1].rstrip()} {head}"
            continue
        out.append(piece)
    return out


def _reads_alone(sentence: str) -> bool:
    """Whether a sentence can be quoted on its own: not a clause that starts in lower case (the
    record's text began in the middle of a sentence) and not one that announces a list ("… các
    giấy tờ sau:") with nothing after it."""
    return not sentence[:1].islower() and not sentence.endswith(":")


def _joined(pieces: list[str]) -> Iterator[str]:
    """The sentences of a text, a sentence that announces a list ("Đối với giấy tờ gửi kèm …
    trực tuyến:") with the list's first item: alone it says nothing."""
    clean = [" ".join(p.split()).strip(" ;,-+•") for p in pieces if p and p.strip(" ;,-+•")]
    for i, piece in enumerate(clean):
        if piece.endswith(":") and i + 1 < len(clean):
            yield f"{piece} {clean[i + 1]}"
        else:
            yield piece


def _shown(sentence: str, seen: str) -> int:
    """How many characters of ``sentence`` the answer text ``seen`` (spaces collapsed, lower
    case) already shows: all of it, none, or its start up to where the answer cut it with
    "…" (a paper's name cut before the words asked about)."""
    if sentence in seen:
        return len(sentence)
    at = seen.find(sentence[:60])
    if at < 0:
        return 0
    cut = seen.find("…", at, at + len(sentence) + 2)
    if cut < 0:
        return len(sentence)
    shown = seen[at:cut].rstrip()
    return len(shown.rsplit(" ", 1)[0]) if len(shown) > 60 else 0
