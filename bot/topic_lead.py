"""A broad topic announced with a lead-in ("cho tôi hỏi về đất đai", "muốn hỏi về trợ cấp",
"thủ tục về đất đai"): the words before "về" only announce that a question about the topic
follows. They name nothing, yet they dilute the topic's few words, so that the whole message
may fall below the suggestion bar while the bare topic word alone gets the numbered question
back. Such a message is read as its topic: when the whole falls back, the topic alone decides.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.engine import ANSWERED, FALLBACK, SUGGEST, Match
from bot.textnorm import fold

#: Folded words that may open a lead-in before "về": pronouns, politeness, asking, wanting,
#: and "thủ tục" / "thông tin" / "tìm hiểu" (what the person asks about, not which one).
LEAD_WORDS = frozenset({
    "em", "toi", "minh", "anh", "chi", "ban", "ad", "admin", "a", "da", "co", "muon", "hoi",
    "cho", "xin", "chut", "ti", "xiu", "nhe", "can", "giup", "check", "thu", "tuc", "thong",
    "tin", "tim", "hieu", "cac", "nhung", "viec", "van", "de", "oi", "la"})
#: Folded particles that close a message and say nothing of its topic ("ạ", "nhé", "ad ơi").
PARTICLES = frozenset({"a", "nhe", "nha", "oi", "ad", "admin", "vay", "nhen", "nghen", "ha"})
#: The words that turn the lead-in to its topic ("về", folded; "vấn đề về" too).
_ABOUT = "ve"
#: A lead-in is short; the topic after it is a bare name of at most this many words.
MAX_TOPIC_WORDS = 4


def _words(text: str) -> tuple[list[str], list[str]]:
    """The words of ``text`` (without its closing marks) and their folded forms."""
    words = text.strip().rstrip("?.!… ").split()
    return words, [fold(w).strip(",:;") for w in words]


def topic_of(text: str) -> str | None:
    """The topic a message announces with a lead-in ending in "về" ("Cho tôi hỏi về đất đai
    ạ" → "đất đai ạ"), or None when the message is not of that shape: the words before "về"
    must all announce, one of them must ask ("hỏi", "thủ tục", "tìm hiểu", "thông tin"), and
    the topic after it must be short. A message that starts with "về" is the rest of one whose
    lead-in the reader has already cut."""
    words, folded = _words(text)
    if _ABOUT not in folded:
        return None
    cut = folded.index(_ABOUT)
    lead = set(folded[:cut])
    topic = words[cut + 1:]
    while topic and fold(topic[-1]).strip(",:;") in PARTICLES:  # "về trợ cấp ạ" is "trợ cấp"
        topic = topic[:-1]
    # nothing before "về": the reader has already cut the lead-in ("mình muốn hỏi | về …")
    if lead and (not lead <= LEAD_WORDS or not lead & {"hoi", "tuc", "hieu", "tin"}):
        return None
    if not 0 < len(topic) <= MAX_TOPIC_WORDS:
        return None
    return " ".join(topic)


#: Folded words that only ask how, at the end of a message ("… thì làm thế nào ạ").
TAIL_WORDS = PARTICLES | frozenset({
    "thi", "lam", "the", "nao", "sao", "nhu", "ra", "giup", "voi", "duoc", "khong", "ko", "di",
    "phai", "can", "gi", "nhung"})


def bare_of(text: str) -> str | None:
    """The bare name a short message asks about once the words that only announce or ask
    how are cut from both ends ("xin trợ cấp thì làm thế nào ạ" → "trợ cấp"), or None when
    the message does not end by asking how, or nothing or more than :data:`MAX_TOPIC_WORDS`
    words would remain."""
    words, folded = _words(text)
    start, end = 0, len(words)
    while start < end and folded[start] in LEAD_WORDS:
        start += 1
    while end > start and folded[end - 1] in TAIL_WORDS:
        end -= 1
    # only a message that ends by asking how ("… làm sao", "… thế nào", "cần làm gì"): a sentence of a
    # story ("tôi là người cao tuổi") tells, it does not ask about a bare name
    if not 0 < end - start <= MAX_TOPIC_WORDS or not {"sao", "nao", "gi"} & set(folded[end:]):
        return None
    return " ".join(words[start:end])


def read_as_topic(text: str, whole: Match, match: Callable[[str], Match]) -> Match:
    """``whole`` (the match of ``text``), or, when it does not answer and ``text`` only
    announces a bare topic, the match of the topic alone if that does not fall back. A bare name cut
    from a message without "về" only offers: it gets the numbered choices, never an answer."""
    if whole.status == ANSWERED:
        return whole
    topic = topic_of(text)
    if topic is not None:  # the lead-in dilutes a question back too: the topic's choices
        alone = match(topic)
        return alone if alone.status != FALLBACK else whole
    if whole.status != FALLBACK:
        return whole
    bare = bare_of(text)
    if bare is None:
        return whole
    alone = match(bare)
    offers = alone.status == SUGGEST or (alone.entry is not None and bool(alone.entry.options))
    return alone if offers else whole
