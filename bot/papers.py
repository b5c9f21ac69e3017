"""The record's own line for the paper a question asks about ("… có cần bản sao sổ hộ khẩu
không", "… phải mang giấy chứng sinh không", "ủy quyền cho người khác thì cần giấy gì").

A documents answer lists the first papers of the common case, each name cut short, so the paper
a citizen asks about may be hidden after the "…", cut before the words asked, or listed only
under another case (trường hợp ủy quyền, người nước ngoài…). :class:`Papers` reads the paper
named after "có cần / phải nộp / phải mang …" (or a case the question names), finds the item
of the record's file (any group) whose name holds those words, and quotes it whole with its
case and its counts of originals and copies: the record's words, never a new fact. Nothing is
quoted for an entry whose card has a curated documents line (the law changed after the record:
the card's line is what holds), nor for a paper the answer already shows whole, nor when no
item holds the words (the answer then says nothing of it rather than guessing).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import pairwise

from bot.engine import ANSWERED, Match
from bot.knowledge.model import Entry
from bot.knowledge.records.extract import cut
from bot.knowledge.records.model import Document
from bot.textnorm import fold

#: The words that introduce the paper asked about, longest first ("có cần mang theo …").
TRIGGERS = tuple(tuple(t.split()) for t in sorted((
    "co can phai co", "co can mang theo", "co can mang", "co can nop", "co phai nop",
    "co phai mang theo", "co phai mang", "co phai co", "co phai xuat trinh", "co bat buoc",
    "co can", "can phai co", "can mang theo", "can mang", "can nop", "phai nop", "phai mang",
    "phai co", "can co", "phai xuat trinh", "can xuat trinh", "nop kem", "bat buoc"),
    key=lambda t: -len(t.split())))
#: Words that end the paper's name in the question ("… không", "… hay không", "… nữa không").
ENDS = frozenset({"khong", "ko", "k", "hok", "khg", "hong", "chua", "hay", "nua", "ha", "a",
                  "vay", "nhi", "nhe"})
#: The first word of a paper's name: a paper is asked about only when the phrase starts so.
HEADS = frozenset({"giay", "don", "to", "ban", "van", "hop", "so", "the", "can", "ho", "quyet",
                   "bien", "du", "phieu", "chung", "anh", "hinh", "photo", "trich", "bang",
                   "hoc", "tai"})
#: Words skipped before the paper's name ("có cần cả giấy …", "phải nộp thêm …").
LEADING = frozenset({"ca", "them", "luon", "theo", "lai", "kem", "cai", "mot", "1", "2", "hai"})
#: Words too common to make an item match alone.
WEAK = frozenset({"giay", "to", "ban", "cua", "cho", "ve", "la", "thi", "voi", "va", "co",
                  "nguoi", "tai", "lieu"})
#: A case a question may name, whose papers an answer must show ("trường hợp ủy quyền").
CASES = (("uy", "quyen"), ("nuoc", "ngoai"), ("doi", "chieu"), ("chua", "thanh", "nien"),
         ("giam", "ho"))
#: Share of the asked paper's words an item's name must hold, and the words of it read.
SHARE = 0.75
NAME_WORDS = 40
#: Longest quoted item, in characters.
MAX_CHARS = 240
#: Words after which a paper's name goes on with whose or what for ("giấy khai sinh của bé").
OWNER = frozenset({"cua", "cho", "de"})

Text = Callable[..., str]
_WORD = re.compile(r"[0-9a-z]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def asked_span(question: str) -> tuple[int, tuple[str, ...]]:
    """Where the words before the paper asked about end (the trigger's first word) and the
    paper's words, folded, in ``question``; ``(0, ())`` when it asks about none."""
    words = _words(question)
    for i in range(len(words)):
        for trigger in TRIGGERS:
            if tuple(words[i:i + len(trigger)]) != trigger:
                continue
            rest = words[i + len(trigger):]
            while rest and rest[0] in LEADING:
                rest = rest[1:]
            phrase: list[str] = []
            for w in rest:
                if w in ENDS:
                    break
                phrase.append(w)
            if phrase and phrase[0] in HEADS and len(phrase) <= 12:
                return i, tuple(phrase)
            return 0, ()
    return 0, ()


def asked_paper(question: str) -> tuple[str, ...]:
    """The words of the paper ``question`` asks about after "có cần / phải nộp …", folded;
    empty when it asks about none."""
    return asked_span(question)[1]


#: The words that say a paper is lacking ("… không có giấy báo tử thì làm sao").
LACKING = ("khong", "co")
#: Words that end the lacking paper's name ("… thì làm sao", "… nên …", "… mà …").
LACK_ENDS = frozenset({"thi", "nen", "ma", "de", "lam", "duoc", "phai", "can"})
#: Most words of a lacking paper's name read, and of an item's name searched for that case
#: (the case comes late: "Giấy tờ … chứng minh sự kiện chết đối với trường hợp … không có Giấy báo tử").
LACK_WORDS = 6
LACK_READ = 80


def lacked_paper(question: str) -> tuple[str, ...]:
    """The words that say a paper is lacking and the paper's, folded ("không có giấy báo tử
    thì làm sao" → khong co giay bao tu): the item of the file for that case names both (what
    replaces the paper); empty when the question says no paper is lacking."""
    words = _words(question)
    for i in range(len(words) - 2):
        if tuple(words[i:i + 2]) != LACKING or words[i + 2] not in HEADS:
            continue
        phrase: list[str] = []
        for w in words[i + 2:i + 2 + LACK_WORDS]:
            if w in ENDS or w in LACK_ENDS:
                break
            phrase.append(w)
        return (*LACKING, *phrase) if len(phrase) >= 2 else ()
    return ()


def without_paper(question: str) -> str | None:
    """``question`` as a documents question on what precedes the paper it asks about ("nhận
    con nuôi có cần giấy khám sức khỏe không" → "nhan con nuoi can giay to gi"): the paper's
    long name no longer dilutes the procedure's; None when it names no paper or nothing before."""
    at, phrase = asked_span(question)
    before = _words(question)[:at]
    return f"{' '.join(before)} can giay to gi" if phrase and len(before) >= 2 else None


def _case_words(question: str) -> tuple[str, ...]:
    words = _words(question)
    for case in CASES:
        if any(tuple(words[i:i + len(case)]) == case for i in range(len(words))):
            return case
    return ()


def _bigrams(words: list[str] | tuple[str, ...]) -> set[tuple[str, str]]:
    return set(pairwise(words))


def _items(entry: Entry) -> Iterator[tuple[int, str, Document]]:
    r = entry.record
    assert r is not None
    for n, group in enumerate(r.documents):
        for i, d in enumerate(group.documents):
            yield n * 100 + i, group.case.strip(" :*"), d


def find_item(entry: Entry, asked: tuple[str, ...], read: int = NAME_WORDS) -> tuple[str, Document] | None:
    """The (case, paper) of ``entry``'s record whose name holds the words ``asked`` among its
    first ``read`` words."""
    strong = [w for w in asked if w not in WEAK]
    if entry.record is None or not strong:
        return None
    pairs = _bigrams(asked)
    best: tuple[float, int, int, str, Document] | None = None
    for order, case, d in _items(entry):
        have = _words(d.name)[:read]
        share = sum(w in have for w in strong) / len(strong)
        joined = len(pairs & _bigrams(have))
        if share < SHARE or (len(asked) > 1 and not joined):
            continue
        key = (share, joined, -order, case, d)
        if best is None or key[:3] > best[:3]:
            best = key
    return None if best is None else (best[3], best[4])


def refit(question: str, best: Match, match: Callable[[str], Match]) -> Match:
    """``best`` for a question that names a paper of a procedure ("nhận con nuôi có cần giấy
    khám sức khỏe không"), when it found no single entry: what precedes the paper matched
    alone answers, if that procedure's file holds the paper (the paper's long name diluted the
    procedure's words; the paper in the file confirms the reading)."""
    text = without_paper(question)
    if text is None:
        return best
    if best.status == ANSWERED:
        return _paper_not_procedure(question, best, match(text))
    alone = match(text)
    if alone.status == ANSWERED and alone.entry is not None \
            and find_item(alone.entry, asked_paper(question)) is not None:
        return alone
    return best


def _paper_not_procedure(question: str, best: Match, alone: Match) -> Match:
    """``alone`` (what precedes the paper, matched alone) in place of an answer ``best`` about
    the paper itself: a paper asked about is a document of the procedure named before it
    ("đăng ký thường trú có cần giấy khai sinh không" is about thường trú, not khai sinh) when
    the answer's name is the paper's and the words before the paper answer another procedure
    (its file may not list the paper: records say "thông tin … khai thác" for data on file)."""
    paper = asked_paper(question)
    if best.entry is None or alone.status != ANSWERED or alone.entry is None \
            or alone.entry.code is None or alone.entry.code == best.entry.code:
        return best
    named = set(_words(best.entry.title))
    whose = next((i for i, w in enumerate(paper) if w in OWNER), len(paper))
    strong = [w for w in paper[:whose] if w not in WEAK]  # "giấy khai sinh [của bé]"
    return alone if strong and all(w in named for w in strong) else best


class Papers:
    """Quotes the item of a record's file that a question asks about (labels from ``text``)."""

    def __init__(self, text: Text) -> None:
        self.t = text

    def lines(self, entry: Entry, question: str, shown: str) -> list[str]:
        """At most one line quoting the paper ``question`` asks about from ``entry``'s record,
        unless the answer text ``shown`` already shows it whole."""
        curated = entry.amend.get("documents")
        if entry.record is None or (curated is not None and curated.known):
            return []
        lacked = lacked_paper(question)  # the case of a paper lacking: said anywhere in the item
        found = find_item(entry, asked_paper(question) or _case_words(question)) if not lacked \
            else find_item(entry, lacked, LACK_READ)
        if found is None:
            return []
        case, d = found
        seen = " ".join(fold(shown).split())
        if fold(" ".join(d.name.split())) in seen:
            return []
        counts = [self.t("rec_original", n=str(d.original))] if d.original else []
        counts += [self.t("rec_copy", n=str(d.copy))] if d.copy else []
        name = cut(d.name.lstrip("-+• "), MAX_CHARS) + (f" ({', '.join(counts)})" if counts else "")
        if case:
            return [self.t("rec_paper_case", case=cut(case, 80), paper=name)]
        return [self.t("rec_paper", paper=name)]
