"""Which sentences of a message ask: a question mark says so, but citizens often leave it off
one of two questions ("Đăng ký kết hôn cần giấy gì. Thêm nữa khai tử làm ở đâu?").

A sentence without a question mark, before the last one that has it, still asks when it ends
as a question does (but for particles such as "ạ", "vậy": "không" or "chưa" last, "… có mất
phí không"; another question word among its last four words, "… cần giấy gì ạ", "… bao nhiêu
tiền 1 trang", "… ở đâu cũng được"), asks about a field in words and names a matter of its own
(two words besides fields and fillers). The sentences of a story around a question end
otherwise ("Tôi nghe nói làm trên mạng thì không phải xin nghỉ.", "Nhà em ở xa ủy ban quá.").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.textnorm import fold

if TYPE_CHECKING:  # the reader calls this module
    from bot.reading import Reader

#: words of its own (besides fields and fillers) a sentence needs to be a question of its own
MATTER_WORDS = 2
#: the folded words a question without its mark ends with ("… ở đâu", "… gì"), but for a few
#: words after them ("… bao nhiêu tiền", "… mấy ngày", "… ở đâu cũng được")
ENDING_WORDS = frozenset({"dau", "gi", "j", "nao", "sao", "lau", "nhieu", "may", "ai", "bn"})
#: "không", "chưa" ask only as the very last word ("… có mất phí không"); before other words
#: they deny ("… thì không phải đi lại")
LAST_WORDS = frozenset({"khong", "ko", "k", "hong", "chua"})
#: how many of its last words a sentence's question word may be among
ENDING = 4
#: particles that may follow the question word ("… gì ạ", "… ở đâu vậy ad")
ENDING_PARTICLES = frozenset({"a", "ak", "ah", "ad", "admin", "vay", "z", "the", "ha", "nhi",
                              "nhe", "nha", "oi", "ban", "em", "anh", "chi", "ca", "nua"})


#: where a sentence typed without punctuation may divide into two questions: after the word
#: that closes the first ("… cần giấy gì kết hôn thì làm ở đâu"); read as strictly as a bare
#: comma (both halves ask a field in words and name a matter of their own). Not after "nhiêu"
#: or "lâu", which field phrases go on from ("bao nhiêu tiền", "bao lâu xong"), and not before
#: "hay", "hoặc": "… không hay chỗ nào cũng được" offers the other answer to the same question.
AFTER_ASKING = "(?:" + "|".join(f"(?<=\\b{w})" for w in (
    "gì", "gi", "đâu", "dau", "không", "khong", "ko")) + r")\s+(?!(?:hay|hoặc|hoac)\b)(?=\w)"
#: Where a sentence may ask two things: "và", "với lại", a comma, :data:`AFTER_ASKING`, or a
#: "còn" that turns to another matter ("tạm trú mất bao lâu, còn thường trú thì sao") — not after
#: "không" or "vẫn", where it means "no longer" or "still" ("giờ không còn huyện thì làm ở đâu"),
#: nor the folded "con" after "cho", "của": typed without diacritics that is the child ("doi ten
#: cho con tren giay khai sinh").
SPLIT_TWO = re.compile(r"\s*(?:,\s*)?\b(?:và cả|với cả|và|với lại|(?<!không )(?<!vẫn )còn|thêm nữa|"
                       r"ngoài ra|va ca|voi ca|va|voi lai|(?<!khong )(?<!van )(?<!cho )(?<!cua )con)\b\s+"
                       r"|\s*,\s*|" + AFTER_ASKING, re.IGNORECASE)


def asking_sentences(reader: Reader, sentences: list[str]) -> list[str]:
    """The sentences of a message that ask, in order (see the module docstring); without any
    question mark, those with question words."""
    marked = [i for i, s in enumerate(sentences) if "?" in s]
    if not marked and len(sentences) > 1 and not reader.is_question(sentences[-1]) \
            and names_a_field(reader, sentences[-1]):
        # none marked, the last asks a field in words but has no question word ("… thì tính
        # tiền sao ad"): it asks, and a sentence before it only if it too asks a field ("Em
        # hỏi mấy chỗ rồi mà chưa ai chỉ." has question words, "chưa", "ai", but is the story)
        return [s for s in sentences[:-1] if reader.is_question(s) and names_a_field(reader, s)] \
            + [sentences[-1]]
    if not marked:
        return [s for s in sentences if reader.is_question(s)]
    return [s for i, s in enumerate(sentences)
            if "?" in s or (i < marked[-1] and asks_unmarked(reader, s))
            or (i < marked[-1] and "?" in sentences[i + 1] and opens_another(sentences[i + 1])
                and asks_before_another(reader, s))
            or (i > marked[-1] and (asks_field_only(reader, s) or requests(reader, s)
                                    or asks_after(reader, s)))]


def asks_after(reader: Reader, sentence: str) -> bool:
    """A sentence after the last question mark that is a question of its own, its mark left
    off as citizens most often do with the last one: it ends as a question does and names a
    matter (:func:`asks_unmarked`: "…? còn gia hạn thì phải làm trước mấy ngày", "…? cần giấy
    gì bên anh ấy"), or opens as one more question and asks ("…? còn nghỉ hẳn thì sao")."""
    return asks_unmarked(reader, sentence) \
        or (opens_another(sentence) and asks_before_another(reader, sentence))


def closes_asking(reader: Reader, sentence: str) -> bool:
    """A sentence closed by a full stop that still asks: its very last word but particles is a
    question word ("… lệ phí bao nhiêu.", "… làm ở đâu.", "… có mất phí không."), where a
    story's statement goes on after one ("… về được mấy tháng."), and it asks a field of a
    matter it names (:func:`asks_unmarked`)."""
    words = fold(sentence).split()
    while words and words[-1] in ENDING_PARTICLES:
        words.pop()
    return bool(words) and (words[-1] in ENDING_WORDS or words[-1] in LAST_WORDS) \
        and asks_unmarked(reader, sentence)


def asks_unmarked(reader: Reader, sentence: str) -> bool:
    """A sentence without a question mark that asks a field of a matter it names."""
    words = fold(sentence).split()
    while words and words[-1] in ENDING_PARTICLES:
        words.pop()
    if not words or (words[-1] not in LAST_WORDS and not any(w in ENDING_WORDS for w in words[-ENDING:])):
        return False
    fields, rest = reader.fields_of(reader.norm.tokens(sentence))
    # … or fewer words that still name a matter the knowledge answers ("lam can cuoc mat bao
    # lau thi co": folded, the "can" of căn cước is the filler "cần")
    return bool(fields) and (len([t for t in rest if t not in reader.fillers]) >= MATTER_WORDS
                             or reader.names_matter(sentence))


#: The words that open a sentence as one more question ("Thêm nữa …", "Ngoài ra …", "Còn …",
#: "Với lại …"), with diacritics or folded where the folded form is no other word ("con" is a
#: child, "va" is no "và" for sure).
_ANOTHER = re.compile(r"^(?:(?:vậy|thế|vay|the)\s+)?(?:còn|thêm nữa|them nua|với lại|voi lai|ngoài ra"
                      r"|ngoai ra|với cả|voi ca|hơn nữa|hon nua)\b", re.IGNORECASE)


def opens_another(sentence: str) -> bool:
    """True when ``sentence`` opens with words that add one more question to the one before
    ("Thêm nữa khai tử làm ở đâu?")."""
    return _ANOTHER.match(sentence.strip()) is not None


def asks_before_another(reader: Reader, sentence: str) -> bool:
    """A sentence without a question mark, right before one that opens as one more question
    ("Đăng ký kết hôn cần giấy gì. Thêm nữa khai tử làm ở đâu?"), asks when it asks (a field
    phrase of its own or a question word) and names a matter: two words besides fields and
    fillers, or one the knowledge answers alone. :func:`asks_unmarked` also wants the ending of
    a question; here "thêm nữa", "ngoài ra" say a question came before, however it ended
    ("… giờ làm ở xã hay lên tỉnh.", "… thì mấy ngày được cấp giấy chứng nhận.")."""
    if not (names_a_field(reader, sentence) or reader.is_question(sentence)):
        return False
    fields, rest = reader.fields_of(reader.norm.tokens(sentence))
    return (bool(fields) and len([t for t in rest if t not in reader.fillers]) >= MATTER_WORDS) \
        or reader.names_matter(sentence)


def ends_asking(reader: Reader, sentence: str) -> bool:
    """True when a question word is among the last words of ``sentence`` but for particles
    (see the module docstring), as typed or as normalised ("bao nhiu" is "bao nhiêu" misspelt).
    Not "không" last: where a sentence typed without marks is divided after it, it may deny
    ("Chỉ mang bản chính đi, không | photo sẵn …")."""
    for words in (fold(sentence).split(), reader.norm.tokens(sentence)):
        while words and words[-1] in ENDING_PARTICLES:
            words.pop()
        if any(w in ENDING_WORDS for w in words[-ENDING:]):
            return True
    return False


#: The folded words that open a request ("Cho mình xin số điện thoại của xã", "Xin cho biết
#: …", "Chỉ giúp em …"): it asks without a question word or mark.
_REQUEST = re.compile(r"^(?:(?:da|vay|the)\s+)?(?:(?:cho|xin|nho)\s+(?:(?:em|minh|toi|chau|con|e|t|tui)\s+)?"
                      r"(?:xin|biet|hoi)|xin|chi\s+(?:giup|dum|gium|giup|cho))\b")


def requests(reader: Reader, sentence: str) -> bool:
    """A sentence after the last question mark that asks by a request ("Khai tử cần giấy gì?
    Cho mình xin số điện thoại của phường.") and names a matter the knowledge answers alone."""
    return _REQUEST.match(fold(sentence.strip()).lower()) is not None and reader.names_matter(sentence)


def asks_field_only(reader: Reader, sentence: str) -> bool:
    """A sentence after the last question mark that asks a field by a phrase of its own and
    names nothing else ("… ở xã hay ở tỉnh? mất bao lâu", "… có mất tiền không? làm qua đâu"):
    the last question mark is the one citizens most often leave off, and a field phrase with no
    matter beside it can only ask about the question before it."""
    fields, rest = reader.fields_of(reader.norm.tokens(sentence))
    return bool(fields) and names_a_field(reader, sentence) \
        and not [t for t in rest if t not in reader.fillers]


def comma_asks(reader: Reader, left: str, right: str, left_field: bool, right_field: bool) -> bool:
    """Whether a sentence asks two things at a bare comma: both halves ask a field in words
    ("lệ phí … bao nhiêu, chứng thực chữ ký thì bao nhiêu"; the first also by a field phrase
    alone), or the first does and the second
    is a question that names a matter of its own, one the knowledge answers alone ("đăng ký tạm
    trú ở đâu, số điện thoại của xã là gì": the commune's hotline, asked beside the procedure)."""
    # the first half asks by a question word, or by a field phrase of its own and the ending of
    # a question ("… mất bao nhiu ngày", "… bn tiền 1 trang vậy": misspelt, teencode)
    if not (left_field and (reader.is_question(left) or (names_a_field(reader, left)
                                                         and ends_asking(reader, left)))
            and half_asks(reader, right)):
        return False
    return right_field or reader.names_matter(right)


#: The folded words that name a contact detail of the commune's office ("số điện thoại",
#: "sđt", "hotline", "đường dây nóng", "địa chỉ", "giờ làm việc"): a second half that opens
#: with one asks for it without a question word ("… cần gì và số điện thoại của xã", "…, với
#: lại địa chỉ ủy ban"), as a request does (:data:`_REQUEST`).
_CONTACT = re.compile(r"^(?:(?:cho|xin)\s+(?:(?:em|minh|toi|e|t)\s+)?(?:xin\s+)?)?(?:so\s+)?"
                      r"(?:dien thoai|sdt|dt|hotline|duong day nong|tong dai|dia chi|gio lam viec)\b")


def half_asks(reader: Reader, half: str) -> bool:
    """Whether the second half of a sentence that may ask two things asks: by a question
    word, or by naming a contact detail (:data:`_CONTACT`) the knowledge answers alone."""
    return reader.is_question(half) or (_CONTACT.match(fold(half.strip())) is not None
                                        and reader.names_matter(half))


def halves_named(reader: Reader, halves: tuple[str, str], rests: tuple[Sequence[str], Sequence[str]],
                 least: int, marked: bool) -> bool:
    """Whether both halves of a sentence that asks two things name a matter of their own:
    ``least`` words each besides fields and fillers (``rests``: their words but field words).
    The first may have fewer when it is answered alone and the halves are divided by a mark or
    a word (``marked``): "căn cước bị mất làm lại online được không, …" (folded, "căn" is the
    filler "cần"), but not where a sentence without marks is divided after a question word
    ("Chỉ mang bản chính đi, không | photo sẵn …" is one question). The second may have none
    when it asks only a field (:func:`field_of_first`: "…, mất bao lâu")."""
    (left, right), (lrest, rrest) = halves, rests
    own = [len([t for t in rest if t not in reader.fillers]) for rest in (lrest, rrest)]
    return (own[0] >= least or (marked and reader.names_matter(left))) \
        and (own[1] >= least or field_of_first(reader, right))


def first_question(reader: Reader, sentence: str) -> str | None:
    """The first of two questions one sentence asks (see :meth:`Reader.questions`), or None."""
    halves = reader._two_in_one(sentence)
    return halves[0] if halves else None


def field_of_first(reader: Reader, half: str) -> bool:
    """The second half of a sentence that asks only a field, in words, and names nothing
    ("…, mất bao lâu", "… và làm ở đâu ạ"): it asks that field of the first half's matter."""
    fields, rest = reader.fields_of(reader.norm.tokens(half))
    return bool(fields) and reader.is_question(half) and not [t for t in rest if t not in reader.fillers]


def names_a_field(reader: Reader, sentence: str) -> bool:
    """A sentence with a phrase that asks a field by itself ("tính tiền", "lấy luôn", "ở
    đâu"), not only a noun that may name one ("giấy tờ", "hồ sơ") or a condition's "được không"."""
    tokens = reader.norm.tokens(sentence)
    return any(reader._strong_at(tokens, j) for j in range(len(tokens)))


#: The words that open a second question and say only that it is one ("Còn …", "Thêm nữa là
#: …", "Với lại …"), as typed with diacritics: without them, "con" is a child.
_LEAD = re.compile(r"^(?:(?:vậy|thế)\s+)?(?:còn|thêm nữa(?:\s+là)?|với lại|ngoài ra|và|với cả)\s+",
                   re.IGNORECASE)


def without_lead(questions: list[str]) -> list[str]:
    """The question sentences of a message, the second and later without the words that open
    them ("Còn đăng ký kết hôn có mất phí không?" is matched without "Còn", which folds to the
    "con" of a child)."""
    return questions[:1] + [_LEAD.sub("", q, count=1) or q for q in questions[1:]]


def names_state(tokens: Sequence[str], i: int) -> bool:
    """True when the field phrase at ``tokens[i]`` only goes on from "hết" ("… hết hạn [mất]
    bao lâu", "hết hạn sử dụng"): "hết hạn" says the paper has expired, it does not ask how long
    it is valid; the words after it are read on their own ("bao lâu": the time limit)."""
    return tokens[i] == "han" and i > 0 and tokens[i - 1] == "het"
