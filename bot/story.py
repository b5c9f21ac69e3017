"""Reading a story around a question: which of its details belong to the question.

A citizen's story gives details of the person the question is about — an age, a situation —
but also of the writer and of others ("Năm nay tôi 67 tuổi … làm căn cước cho cháu 10 tuổi").
These rules say which detail the question takes; they choose nothing themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from bot.denied import without_denied
from bot.textnorm import fold

#: Where a sentence ends (as :mod:`bot.reading` splits them).
_OPENING = re.compile(r"(?<=[.!?;…\n])\s+|\n+")
#: Words naming a child the question may be about ("cho con", "bé", "cháu", "trẻ").
_CHILD = frozenset({"con", "be", "chau", "tre"})
#: Words by which writers name themselves.
_SELF = frozenset({"toi", "em", "minh", "tao", "tui"})


def asked_age(age_of: Callable[[str], int | None], questions: Sequence[str],
              sentences: Sequence[str], text: str) -> int | None:
    """The age of the person a message asks about: the one its asking sentence gives ("làm
    căn cước cho con 15 tuổi" after "có một cháu 3 tuổi"); else the one the story gives
    nearest the question, but not the writer's own ("năm nay tôi 67 tuổi") when the question
    is about a child."""
    for q in questions:
        if len(_OPENING.split(q.strip())) == 1 and (age := age_of(q)) is not None:
            return age
    if len(sentences) < 2:
        return age_of(text)
    about_child = any(_CHILD & set(fold(q).split()) for q in questions)
    for s in reversed(sentences):
        words = set(fold(s).split())
        if (age := age_of(s)) is not None and not (about_child and words & _SELF
                                                   and not words & _CHILD):
            return age
    return None


#: The words of a sentence that only announces a question ("Em có việc muốn hỏi ạ.", "Cho
#: mình hỏi chút"): pronouns, politeness and the asking itself, folded.
_ANNOUNCING = frozenset({
    "em", "toi", "minh", "anh", "chi", "ban", "ad", "admin", "a", "da", "co", "viec", "muon",
    "hoi", "cho", "xin", "chut", "ti", "xiu", "voi", "nhe", "nha", "can", "duoc", "giup",
    "vay", "ve", "van", "de", "sau", "day", "nay", "mot", "may", "cau", "lam", "on", "moi",
    "nguoi"})


def announces(sentence: str) -> bool:
    """True when ``sentence`` only greets or announces that a question follows ("Dạ em chào
    anh chị.", "Em có việc muốn hỏi ạ."): it names nothing the question could be about."""
    words = fold(sentence).split()
    return bool({"hoi", "chao"} & set(words)) and set(words) <= _ANNOUNCING | {"chao"}


def after_announcing(text: str) -> str:
    """``text`` without the sentences that open it by only greeting or announcing a question
    ("Dạ em chào anh chị. Em có việc muốn hỏi ạ. …"), when something is left."""
    sentences = _OPENING.split(text.strip())
    cut = 0
    while cut < len(sentences) - 1 and announces(sentences[cut]):
        cut += 1
    return " ".join(sentences[cut:]) if cut else text


def open_questions(asking: list[str], names_matter: Callable[[str], bool],
                   closes_asking: Callable[[str], bool] = lambda s: False) -> list[str]:
    """Among sentences that ask by their words alone (no question mark in the message), the
    ones left open: a sentence closed by a full stop states ("Em đi lao động ở nước ngoài về
    được mấy tháng.", "Cán bộ bảo em không đủ giấy.") when the one left open last asks and
    is answered by itself (``names_matter``); one that is not ("Làm lại ở đâu ạ") keeps them.
    A full stop typed where the question mark goes still asks when the sentence ends on its
    question word (``closes_asking``: "Tạm trú lệ phí bao nhiêu. Còn thường trú …")."""
    left_open = [s for s in asking if not s.rstrip().endswith((".", "…")) or closes_asking(s)]
    if len(asking) < 2 or not left_open or len(left_open) == len(asking) \
            or left_open[-1] != asking[-1] or not names_matter(left_open[-1]):
        return asking
    return left_open


#: Where the last sentence of a message starts after a sentence that states (not one that asks).
_LAST_AFTER_STATEMENT = re.compile(r"(?<=[.!;…])\s+(?=[^.!?;…\n]+[?!.…]*\s*$)|\n+(?=[^\n]+$)")
#: Particles around a confirmation ("Có đúng không ạ?", "Đúng vậy không ad?"), folded.
_CONFIRM_PARTICLES = frozenset({"a", "ah", "ak", "ad", "admin", "vay", "nhi", "ha", "the", "z",
                                "chu", "nhe", "nha", "oi"})


def with_confirmed(text: str, tokens: Callable[[str], list[str]],
                   confirming: frozenset[tuple[str, ...]]) -> str:
    """``text`` whose last sentence only asks to confirm the statement before it ("Tôi nghe nói
    phải xin giấy X trước rồi mới đăng ký được. Có đúng không ạ?") as one sentence with it
    ("… đăng ký được, có đúng không ạ?"): what is asked is that statement. ``confirming`` are
    the normalised confirmation phrases (``conversation.yaml``), ``tokens`` the normaliser."""
    parts = _LAST_AFTER_STATEMENT.split(text.strip())
    if len(parts) < 2:
        return text
    head, last = " ".join(parts[:-1]), parts[-1]
    said = tokens(last)
    while said and said[-1] in _CONFIRM_PARTICLES:  # "… không ạ", "… không vậy ad"
        said = said[:-1]
    while said and said[0] in _CONFIRM_PARTICLES | {"da", "vay"}:  # "Dạ, vậy có đúng không"
        said = said[1:]
    if tuple(said) not in confirming and tuple([*said, "khong"]) not in confirming:
        return text
    return f"{head.rstrip(' .!;…')}, {last[:1].lower()}{last[1:]}"


#: Words that may follow "hỏi" in an opening that only announces the question ("cho em hỏi
#: chút là …", "cho mình hỏi với, …"), folded.
_AFTER_ASK = frozenset({"chut", "ti", "xiu", "voi", "la", "a", "nhe", "nha", "ad", "admin"})


def without_asking_lead(text: str) -> str:
    """``text`` without the words that open a sentence by only announcing a question ("Cho em
    hỏi thủ tục khai tử cần giấy gì?" → "thủ tục khai tử cần giấy gì?"): they name nothing, and
    the procedure's words weigh less among them. Unchanged when fewer than two words would remain,
    or when "về" follows: "cho hỏi về giám hộ" names a bare topic, as its question back is phrased."""
    out = []
    for sentence in _OPENING.split(text.strip()):
        words = sentence.split()
        folded = [fold(w).strip(",:;") for w in words]
        ask = folded.index("hoi") if "hoi" in folded[:4] else -1
        if ask > 0 and folded[0] in ("cho", "xin", "da") and set(folded[:ask]) <= _ANNOUNCING:
            cut = ask + 1
            while cut < len(words) and folded[cut] in _AFTER_ASK:
                cut += 1
            if len(words) - cut >= 2 and folded[cut] != "ve":  # "cho hỏi về giám hộ": a bare topic
                sentence = " ".join(words[cut:])
        out.append(sentence)
    return " ".join(out) if len(out) > 1 or out[0] != text.strip() else text


#: A message of one sentence told in this many comma-separated clauses, or more, is a story:
#: each clause is one of its sentences (people who write long on a phone often use only commas).
STORY_CLAUSES = 5
#: … and of at least this many words (a list of papers or places is shorter).
STORY_WORDS = 30


def clauses_as_sentences(text: str) -> str:
    """``text`` of one long sentence of many comma clauses ("Dạ em chào anh chị, em sinh năm
    2001, lúc nhỏ …, giờ em cần bản sao …, em đang ở Đồng Nai thì xin ở phường em được không?")
    with each clause a sentence of its own, so that the clause that asks is its question and the
    others its story; any other text unchanged."""
    stripped = text.strip()
    if len(_OPENING.split(stripped)) > 1 or len(stripped.split()) < STORY_WORDS:
        return text
    clauses = [c.strip() for c in stripped.split(",") if c.strip()]
    if len(clauses) < STORY_CLAUSES:
        return text
    return " ".join(c if c[-1] in ".!?…" else f"{c}." for c in clauses)


def as_asked(text: str, tokens: Callable[[str], list[str]],
             confirming: frozenset[tuple[str, ...]]) -> str:
    """``text`` as its questions are read: without the sentences and words that only announce
    a question (:func:`after_announcing`, :func:`without_asking_lead`), a last sentence that
    only confirms joined to its statement (:func:`with_confirmed`), without what it denies
    ("… bị mất chứ không phải hết hạn": :func:`bot.denied.without_denied`)."""
    return with_confirmed(without_asking_lead(after_announcing(clauses_as_sentences(without_denied(text)))),
                          tokens, confirming)


#: Any punctuation: a message with commas but no full stop is one sentence as typed.
_MARKS = re.compile(r"[.,!?;:…\n]")
#: Words after which a capitalised word is a name, not a sentence's opening ("ở Nhật", "quê
#: Huế", "tên Hoa", "sang Lào"), folded.
_BEFORE_NAME = frozenset({"o", "tai", "que", "nguoi", "ten", "la", "tinh", "huyen", "xa", "phuong",
                          "sang", "ve", "den", "tu", "nuoc", "thanh", "pho", "thi"})
#: Words that open the question of a story typed in one run, in any case ("cho em hỏi", "xin
#: hỏi", "em muốn hỏi"), folded.
_ASKING_OPENERS = frozenset({f"cho {p} hoi" for p in ("em", "minh", "toi", "e", "chau", "con")}
                            | {f"{p} muon hoi" for p in ("em", "minh", "toi", "e", "chau", "con")}
                            | {"xin hoi", "xin cho hoi", "cho hoi", "hoi la"})
#: Words beyond which a message typed without one sentence mark is read for its capitals.
UNMARKED_LONG = 12


def capital_breaks(text: str) -> str:
    """A long message typed without any punctuation, with a semicolon before each word that
    opens a sentence by its capital: a capitalised word ("Giờ", "Bé") after a word that is not
    and is no place word (:data:`_BEFORE_NAME`), and before one that is not capitalised either
    (so "Nghệ An", "Hà Nội", "ở Nhật", "CCCD" and "VNeID" are no openings). People who skip the
    full stop still capitalise the next sentence; in any case, words that announce the question
    ("cho em hỏi", "xin hỏi", :data:`_ASKING_OPENERS`) open one too."""
    words = text.split(" ")
    if len(words) <= UNMARKED_LONG or _MARKS.search(text):
        return text
    out = words[:1]
    folded = [fold(w) for w in words]
    for i, (prev, word, nxt) in enumerate(zip(words, words[1:], [*words[2:], ""], strict=False), 1):
        opens = word[:1].isupper() and word[1:].islower() and not prev[:1].isupper() \
            and bool(nxt) and not nxt[:1].isupper() and folded[i - 1] not in _BEFORE_NAME
        opens = opens or (i > 2 and (" ".join(folded[i:i + 3]) in _ASKING_OPENERS
                                     or " ".join(folded[i:i + 2]) in _ASKING_OPENERS))
        out.append(f"; {word}" if opens else f" {word}")  # ";" ends a sentence, states nothing
    return "".join(out)
