"""Reading a citizen's message before looking for an answer.

A message may be small talk ("cảm ơn", "ok", "👍", "=))"), a follow-up about the procedure
under discussion ("thế còn phí?"), a taking-back ("à không, ý tôi là …"), a story with the
question at the end, or two questions at once. :class:`Reader` tells which, from the word lists
in ``knowledge/conversation.yaml``; it never decides on an answer (that is the engine's job).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot import asked as rules
from bot.asked import SPLIT_TWO, asking_sentences, comma_asks, halves_named, names_state, without_lead
from bot.messages import Rate, parse_payload
from bot.numbers_said import LAST, measure_at, ordinal, school_age, validity_asked
from bot.places import drop_asking_co, place_fields, place_words
from bot.spelling import SpelledOut
from bot.story import announces, as_asked, asked_age, capital_breaks, open_questions
from bot.textnorm import Normaliser, fold, has_diacritics

#: Answer fields, in the order the choices offer them.
FIELDS = ("documents", "time_limit", "fee", "where", "online")
#: Every field a question may ask about: also its conditions (who may, what is required or
#: allowed, the citizen's own deadlines, validity, fines, ages), which no choice offers.
ASKED_FIELDS = (*FIELDS, "conditions")
#: Small-talk kinds, strongest first: a message with thanks and "ok" is thanks.
SMALLTALK_ORDER = ("insult", "thanks", "bye", "who", "greeting", "feeling", "ok", "laugh", "unclear")
#: Particles that may surround small talk without making it a question ("cảm ơn ad nhé").
_PARTICLES = {"a", "nhe", "nha", "ne", "ad", "admin", "ban", "em", "anh", "chi", "nhieu", "lam",
              "qua", "nhen", "nhi", "minh", "bot", "ha", "roi", "vay", "thoi", "ok", "the", "nghen",
              "hen", "chut", "xiu", "voi"}
_ONE_WORD_KINDS = frozenset({"thanks", "laugh", "bye", "feeling"})
#: kinds that make small talk of a longer message: a greeting or an "ok" leads into a question,
#: and words of an insult ("linh tinh", "như không") are ordinary words in a longer one
_WITHIN_KINDS = ("thanks", "bye", "feeling", "laugh")
_WORD = re.compile(r"\w+")
#: A web address in a message: only its site is read ("dichvucong.gov.vn"); the path's words
#: ("p home dvc trang chu html") would drown the question around it.
_URL = re.compile(r"\b(?:https?://|www\.)(?:www\.)?([\w-]+(?:\.[\w-]+)*)(?::\d+)?(?:[/?#]\S*?)?"
                  r"(?=[.,;:!?)\]]*(?:\s|$))", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?;…\n])\s+|\n+")
_AGE = re.compile(r"\b(\d{1,3})\s*(tuoi|t|thang|thang tuoi)\b")
_NEWBORN = re.compile(r"\b(so sinh|moi sinh|moi de|vua sinh|vua de)\b")
#: Weak fields whose words stay in the question (the topic the procedure is found by).
_KEEP_WEAK = frozenset({"conditions"})
#: The folded word that ends one part of a question ("… có được không, …").
_END = "khong"
@dataclass(frozen=True)
class Reading:
    """What a message is."""

    text: str  # the message (after a taking-back phrase, the rest)
    smalltalk: str | None = None  # its small-talk kind, if it is only that
    fields: tuple[str, ...] = ()  # fields asked about, in the order they appear
    questions: tuple[str, ...] = ()  # the question parts to answer, most important first
    restart: bool = False  # "à không, ý tôi là …": forget the procedure under discussion
    content: tuple[str, ...] = ()  # folded words that are neither field words nor fillers
    ordinal: int | None = None  # "cái thứ hai" → 2
    age: int | None = None  # "con tôi 14 tuổi" → 14 (years; months count as 0)
    sentences: tuple[str, ...] = ()  # the message's sentences, in order

    @property
    def field(self) -> str | None:
        return self.fields[0] if self.fields else None

    @property
    def follow_up(self) -> bool:
        """Asks about a field and names nothing else ("thế còn phí?", "mất bao lâu")."""
        return bool(self.fields) and not self.content


def _phrases(norm: Normaliser, items: Sequence[str]) -> list[tuple[str, ...]]:
    out = {tuple(norm.tokens(p)) for p in items}
    return sorted((p for p in out if p), key=len, reverse=True)


def _field_phrases(norm: Normaliser, items: Sequence[str]) -> list[tuple[str, ...]]:
    """The phrases of a field, normalised, and also only folded: a word typed with other
    diacritics than a synonym's ("mất mấy ngầy") is not rewritten by it, and must still be
    read as the field ("mất mấy ngày" is normalised to "mất bao lâu")."""
    out = set(_phrases(norm, items)) | {tuple(fold(p).split()) for p in items}
    return sorted((p for p in out if p), key=len, reverse=True)


def _is_symbolic(text: str) -> bool:
    return not any(ch.isalnum() for ch in text)


class Reader:
    """Reads messages with the lists of ``conversation.yaml`` (see the module docstring)."""

    def __init__(self, norm: Normaliser, *, smalltalk: Mapping[str, Sequence[str]],
                 fields: Mapping[str, Sequence[str]], fillers: Sequence[str],
                 restart: Sequence[str], question_words: Sequence[str],
                 weak_fields: Mapping[str, Sequence[str]] | None = None,
                 confirming: Sequence[str] = (), spelled: Mapping[str, str] | None = None) -> None:
        self.norm = norm
        self.spell = SpelledOut(spelled or {})
        self.names_matter: Callable[[str], bool] = bool  # set by the asker: answered alone
        self._confirming = frozenset(_phrases(norm, confirming))
        # a bare noun that names a field only when nothing else is asked ("nộp hồ sơ ở đâu")
        self._weak = {(p, name) for name, items in (weak_fields or {}).items()
                      for p in _field_phrases(norm, items)}
        self._small = {kind: _phrases(norm, items) for kind, items in smalltalk.items()}
        self._fields = [(p, name) for name, items in fields.items() for p in _field_phrases(norm, items)]
        self._fields.sort(key=lambda pf: -len(pf[0]))
        # the same phrases by their first word, longest first: a message is read in one pass
        self._fields_at: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, name in self._fields:
            self._fields_at.setdefault(phrase[0], []).append((phrase, name))
        self.fillers = frozenset(t for p in _phrases(norm, fillers) for t in p)
        self._restart = _phrases(norm, restart)
        self._qwords = _phrases(norm, question_words)
        self._qfold = sorted({fold(q) for q in question_words} - {""}, key=len, reverse=True)
        self._qraw = sorted({" ".join(_WORD.findall(unicodedata.normalize("NFC", q).lower()))
                             for q in question_words} - {""}, key=len, reverse=True)

    @property
    def question_tokens(self) -> frozenset[str]:
        """The folded words of the question words ("ai", "đâu", "bao", "nhiêu")."""
        return frozenset(t for p in self._qwords for t in p)

    @classmethod
    def of_conversation(cls, norm: Normaliser, conv: Mapping[str, Any]) -> Reader:
        """A reader of the lists in ``conversation.yaml`` (as loaded: ``kb.conversation``)."""
        return cls(norm, smalltalk=conv.get("smalltalk", {}), fields=conv.get("fields", {}),
                   fillers=conv.get("follow_up_fillers", ()), restart=conv.get("restart", ()),
                   question_words=conv.get("question_words", ()),
                   weak_fields=conv.get("weak_fields", {}),
                   confirming=conv.get("confirming", ()), spelled=conv.get("spelled_out", {}))

    # --- pieces ---------------------------------------------------------------------------
    def smalltalk_kind(self, text: str) -> str | None:
        """The small-talk kind of a whole message, or None if it says anything more."""
        stripped = "".join(ch for ch in text if not ch.isspace())
        if not stripped:
            return None
        if _is_symbolic(stripped):
            if "?" in stripped:
                return "unclear"
            if any(ch in stripped for ch in ")(:;=") or any(
                    unicodedata.category(ch) == "So" and ch in "😂🤣😆😄😁😅😹" for ch in stripped):
                return "laugh"
            return "ok"
        tokens = self.norm.tokens(text)
        found: list[str] = []
        i = 0
        while i < len(tokens):
            for kind in SMALLTALK_ORDER:
                hit = next((p for p in self._small.get(kind, ()) if tuple(tokens[i:i + len(p)]) == p),
                           None)
                if hit is not None:  # a particle after a phrase says nothing: "đúng không ạ"
                    found += [] if found and len(hit) == 1 and hit[0] in _PARTICLES else [kind]
                    i += len(hit)
                    break
            else:
                if tokens[i] in _PARTICLES and (found or i + 1 < len(tokens)):
                    i += 1
                    continue
                return None
        if not found:
            return None
        return min(found, key=SMALLTALK_ORDER.index)

    def smalltalk_within(self, text: str) -> str | None:
        """The small-talk kind of a message that is not a question but says more than small
        talk ("ok cảm ơn, hoá ra cũng dễ", "xếp hàng 2 tiếng chưa tới lượt, chán ghê"): the
        strongest kind among the phrases it contains. Only for a message nothing else fits."""
        if "?" in text or self.is_question(text):
            return None
        tokens = self.norm.tokens(text)
        # a one-word phrase counts only where it cannot be a folded ordinary word ("vâng" folds
        # to "vàng"): thanks, laughter and goodbyes typed in their own words ("thanks", "haha")
        found = {kind for kind in _WITHIN_KINDS
                 for p in self._small.get(kind, ())
                 if len(p) > 1 or (kind in _ONE_WORD_KINDS and p[0] not in _PARTICLES
                                   and len(p[0]) > 2)  # "ty" (thank you) is also "tỷ"
                 for i in range(len(tokens) - len(p) + 1) if tuple(tokens[i:i + len(p)]) == p
                 and (i <= 1 or i + len(p) >= len(tokens) - 2)}  # it opens or closes the message
        return min(found, key=SMALLTALK_ORDER.index) if found else None

    def fields_of(self, tokens: Sequence[str]) -> tuple[tuple[str, ...], list[str]]:
        """The fields asked about, in order, and the tokens left (not a place asked of: place_words).
        A weak phrase ("hồ sơ" in "nộp hồ sơ ở đâu") counts only when no other field is asked — a
        condition, when none is in its own part ("có phải dẫn bé đi không, có mất phí không")."""
        places = place_words(tokens)
        fields: list[str] = []
        strong: set[str] = set()
        named: set[int] = set()  # the parts of the question that name a field strongly
        weak_in: list[tuple[str, int]] = []
        rest: list[tuple[str, str | None]] = []  # each token left, with the weak field it named
        part = i = 0
        while i < len(tokens):
            for phrase, name in self._fields_at.get(tokens[i], ()) if not names_state(tokens, i) else ():
                if tuple(tokens[i:i + len(phrase)]) == phrase:
                    weak = (phrase, name) in self._weak
                    if weak and any(self._strong_at(tokens, j) for j in range(i + 1, i + len(phrase))):
                        # "có cần mang …": the weak "có cần" yields to the strong "cần mang"
                        i += 1
                        break
                    if weak and name == "documents" and "de" in tokens[max(i - 2, 0):i]:
                        # "… để làm hồ sơ đi nước ngoài": the papers it is for, not asked
                        rest.append((tokens[i], None))
                        i += 1
                        break
                    if name not in fields:
                        fields.append(name)
                    if weak:
                        rest.extend((t, "where" if i + k in places else name) for k, t in enumerate(phrase))
                        weak_in.append((name, part))
                    else:
                        strong.add(name)
                        named.add(part)
                        drop_asking_co(rest, tokens[i:])  # "có [nộp online] được không"
                    part += _END in phrase
                    i += len(phrase)
                    break
            else:
                said, field = measure_at(tokens, i + 1)
                if field is not None:  # "hết 100 nghìn", "mất 15 ngày": what it costs, takes
                    fields += [] if field in fields else [field]
                    strong.add(field)
                    named.add(part)
                    i += 1 + said
                    continue
                rest.append((tokens[i], "where" if i in places else None))
                part += tokens[i] == _END
                i += 1
        if strong:
            alone = {name for name, p in weak_in if name in _KEEP_WEAK and p not in named}
            fields = [f for f in fields if f in strong or f in alone]
        fields = validity_asked(tokens, place_fields(tokens, fields, strong))  # where, validity
        # the weak words of a condition ("có phải", "được không", "điều kiện") stay in the
        # question, asked or not: the procedure is found as it would be without them
        return tuple(fields), [t for t, w in rest if w is None or w in _KEEP_WEAK]

    def _strong_at(self, tokens: Sequence[str], j: int) -> bool:
        """True when a field phrase that is not weak starts at ``tokens[j]``."""
        return any(tuple(tokens[j:j + len(p)]) == p and (p, name) not in self._weak
                   for p, name in self._fields_at.get(tokens[j], ()))

    def _starts_with(self, tokens: list[str], phrases: list[tuple[str, ...]]) -> int:
        for p in phrases:
            if tuple(tokens[:len(p)]) == p:
                return len(p)
        return 0

    def is_question(self, sentence: str) -> bool:
        """A sentence that asks: a question mark, or a question word. Typed with diacritics,
        the words are compared with them ("bản sao" does not ask, "làm sao" does)."""
        if "?" in sentence:
            return True
        lowered = unicodedata.normalize("NFC", sentence).lower()
        if has_diacritics(lowered):  # (not punctuation: "lam o dau, co mat phi khong")
            words = f" {' '.join(_WORD.findall(lowered))} "
            return any(f" {p} " in words for p in self._qraw)
        toks = self.norm.tokens(sentence)
        joined = f" {' '.join(toks)} "
        # a synonym may rewrite a question word away ("giay to gi" → "ho so"): the words as typed
        folded = f" {fold(sentence)} "
        return any(f" {' '.join(p)} " in joined for p in self._qwords) or \
            any(f" {p} " in folded for p in self._qfold)

    @staticmethod
    def age(text: str) -> int | None:
        """The age a message gives, in years ("10 tuổi" → 10, "5 tháng" → 0, "sơ sinh" → 0, "lớp 3" → 8)."""
        folded = fold(text)
        m = _AGE.search(folded)
        if m:
            if m.group(2).startswith("thang"):
                return 0
            years = int(m.group(1))
            return max(years - 1, 0) if folded[:m.start()].rstrip().endswith("duoi") else years
        return 0 if _NEWBORN.search(folded) else school_age(folded)

    def ordinal(self, text: str) -> int | None:
        """The position a person names ("cái thứ hai", "số 2", "chọn 3"), :data:`LAST` for "cái
        cuối", or None."""
        return ordinal(text)

    def choice(self, text: str, payloads: Sequence[str]) -> int | None:
        """Which of the offered choices (their ``payloads``, 1-based) ``text`` names by position:
        also the last ("cái cuối", not counting rating buttons), and after a taking-back ("à
        không, cái thứ hai"): the numbered choices are all that a position can name."""
        nth = ordinal(text)
        if nth is None and payloads:
            tokens = self.norm.tokens(text)
            while skip := self._starts_with(tokens, self._restart):
                tokens = tokens[skip:]
            nth = ordinal(" ".join(tokens)) if len(tokens) < len(self.norm.tokens(text)) else None
        if nth == LAST:
            nth = sum(1 for p in payloads if not isinstance(parse_payload(p), Rate))
        return nth if nth is not None and 1 <= nth <= len(payloads) else None

    # --- the whole message ----------------------------------------------------------------
    def questions(self, text: str) -> tuple[str, ...]:
        """The question parts of a message: the sentences that ask (the last one first when a
        story leads up to it), or two halves of one sentence that asks two things."""
        sentences = [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]
        sentences = [s for s in sentences if not announces(s)] or sentences  # "Cho em hỏi."
        asking = asking_sentences(self, sentences)  # by question marks, else question words
        if not any("?" in s for s in sentences):  # statements closed by a full stop do not ask
            asking = open_questions(asking, self.names_matter, lambda s: rules.closes_asking(self, s))
        if len(asking) >= 2:
            return tuple(self.unconfirmed(q) for q in without_lead(asking[-2:]))  # a story leads up to them
        one = asking[0] if asking else " ".join(sentences)
        return self._two_in_one(one) or (self.unconfirmed(one),)

    def unconfirmed(self, sentence: str) -> str:
        """``sentence`` without a tail that asks to confirm it ("… 2 triệu có đúng không ạ?" →
        "… 2 triệu?"): its matter is what it states. Unchanged when two words would not remain."""
        words = sentence.split()
        end = len(words)
        while end > 0 and fold(words[end - 1]) in _PARTICLES:
            end -= 1
        for n in range(min(5, end - 2), 1, -1):
            if tuple(self.norm.tokens(" ".join(words[end - n:end]))) in self._confirming:
                head = " ".join(words[:end - n]).rstrip(" ,;:-")
                return head + "?" if sentence.rstrip().endswith("?") else head
        return sentence

    def _two_in_one(self, sentence: str) -> tuple[str, str] | None:
        accented = has_diacritics(sentence)  # not by folding: it also drops the punctuation
        for m in SPLIT_TWO.finditer(sentence):
            word = m.group(0).strip(" ,").lower()
            if accented and word and word == fold(word):
                continue  # typed with diacritics, "con" is a child, not "còn"
            left, right = sentence[:m.start()].strip(" ,"), sentence[m.end():].strip(" ,")
            lf, lrest = self.fields_of(self.norm.tokens(left))
            rf, rrest = self.fields_of(self.norm.tokens(right))
            # both halves ask something and name a topic of their own; at a bare comma both
            # must ask in words ("lệ phí … bao nhiêu, chứng thực chữ ký thì bao nhiêu")
            comma = not m.group(0).strip(" ,")
            asks = comma_asks(self, left, right, bool(lf), bool(rf)) if comma \
                else (lf or self.is_question(left)) and (rf or rules.half_asks(self, right))
            # a topic of its own: two words at a bare comma, one beside a word that divides
            # ("làm căn cước mất bao lâu, còn tạm trú thì cần gì": "căn" folds to filler "cần")
            least = 2 if comma else 1
            # … or fewer (see halves_named: "căn cước bị mất …", "…, mất bao lâu")
            if asks and halves_named(self, (left, right), (lrest, rrest), least, bool(m.group(0).strip())):
                return left, right
        return None

    def asking_clause(self, sentence: str) -> str | None:
        """The last comma-separated clause of ``sentence`` that asks, when the sentence has
        more than one and that clause names a topic of its own ("Bố em mới mất tuần trước,
        khai tử cho bố thì làm ở đâu?" → "khai tử cho bố thì làm ở đâu?"); else None."""
        clauses = [c.strip() for c in sentence.split(",") if c.strip()]
        if len(clauses) < 2:
            return None
        for clause in reversed(clauses):
            fields, rest = self.fields_of(self.norm.tokens(clause))
            if fields or self.is_question(clause):
                return clause if len(self._content(rest)) >= 2 else None
        return None

    def _content(self, tokens: Sequence[str]) -> list[str]:
        return [t for t in tokens if t not in self.fillers]

    def read(self, text: str) -> Reading:
        """Read one message (see :class:`Reading`)."""
        text = capital_breaks(self.spell(_URL.sub(r"\1", text)))  # unmarked sentences
        kind = self.smalltalk_kind(text)
        if kind is not None:
            return Reading(text, smalltalk=kind)
        text = as_asked(text, self.norm.tokens, self._confirming)  # "Dạ em chào anh chị. Cho em hỏi …"
        ordinal = self.ordinal(text)
        tokens = self.norm.tokens(text)
        restart = False
        skip = self._starts_with(tokens, self._restart)
        if skip:
            restart = True
            words = text.split()
            # drop as many leading words of the original text as the phrase had tokens
            cut = 0
            seen = 0
            while cut < len(words) and seen < skip:
                seen += max(1, len(self.norm.tokens(words[cut])))
                cut += 1
            text = " ".join(words[cut:]).lstrip(" ,.:-") or text
            while True:  # "à không, ý tôi là …": several markers in a row
                tokens = self.norm.tokens(text)
                more = self._starts_with(tokens, self._restart)
                if not more:
                    break
                words = text.split()
                text = " ".join(words[max(1, more):]).lstrip(" ,.:-") or text
                if not words[max(1, more):]:
                    break
        fields, rest = self.fields_of(self.norm.tokens(text))
        sentences = tuple(x.strip() for x in _SENTENCE.split(text) if x and x.strip())
        return Reading(text, None, fields, (q := self.questions(text)), restart, tuple(self._content(rest)),
                       ordinal, asked_age(self.age, q, sentences, text), sentences)
