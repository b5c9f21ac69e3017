"""Whether a message continues the procedure under discussion: the words a follow-up may use
("khi nào phải khai báo" after tạm vắng) and the ones that take the conversation elsewhere
("còn chứng thực chữ ký thì sao")."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import TYPE_CHECKING

from bot.chitchat import Chitchat
from bot.engine import ANSWERED, SUGGEST, Engine, Match
from bot.evidence import texts
from bot.knowledge.model import Entry
from bot.reading import Reader, Reading
from bot.scope import Scope
from bot.textnorm import accented_words, fold
from bot.variants import name_words

if TYPE_CHECKING:  # the asker imports this module
    from bot.asking import Part

#: A second question with at most this many words of its own besides the field it asks
#: ("bao lâu có quyết định?") asks about the first question's procedure.
OWN_WORDS = 2
#: A new answer scoring this much (0–100) is taken even in the words of the matter discussed.
CLEAR_ANSWER = 80.0
#: The folded words of a supposition: "nếu …" asks about a case of the matter under discussion.
SUPPOSING = frozenset({"neu", "lo"})


class FollowUps:
    """Reads a message against the procedure under discussion (see the module docstring)."""

    def __init__(self, engine: Engine, reader: Reader, scope: Scope) -> None:
        self.engine = engine
        self.reader = reader
        # the words of the offices a where question weighs ("công an xã hay ubnd")
        self.bodies = frozenset(t for p in engine.kb.conversation.get("bodies", ())
                                for t in engine.norm.tokens(p))
        # the words that ask a field ("phải đến trực tiếp", "đóng bao nhiêu"): they name no procedure
        fields = engine.kb.conversation.get("fields", {})
        asking = [engine.norm.tokens(p) for ps in fields.values() for p in ps]
        self.asked = frozenset(t for p in asking for t in p) | frozenset(
            " ".join(pair) for p in asking for pair in pairwise(p))
        self._said: dict[str, frozenset[str]] = {}
        self.scope = scope  # the asker's: a message off the subject is not read in a procedure's texts

    def said(self, entry: Entry) -> frozenset[str]:
        """The words ``entry`` uses (:meth:`Engine.words_of`) and those of its own texts (its
        conditions, notes, papers and curated lines, :func:`bot.evidence.texts`): a condition
        asked of a procedure is in the words its conditions are written in ("ủy quyền", "chủ
        sở hữu đồng ý"), which its name and phrasings need not use."""
        if entry.id not in self._said:
            own = {t for text in texts(entry) if text for t in self.engine.norm.tokens(text)}
            self._said[entry.id] = self.engine.words_of(entry.id) | own
        return self._said[entry.id]

    def results(self, entry: Entry) -> frozenset[str]:
        """The words of what ``entry``'s procedure gives ("Giấy chứng nhận đăng ký hộ kinh
        doanh"): "bao lâu có giấy chứng nhận" asks about its result, not another procedure's."""
        record = entry.record
        return frozenset(t for r in (record.results if record else ()) for t in self.engine.norm.tokens(r))

    def names_bodies(self, reading: Reading) -> bool:
        """A where question whose own words only name offices ("nộp ở công an xã hay ubnd",
        "nộp ở đâu, bây giờ không còn huyện nữa"): it asks where the procedure under
        discussion is filed, not about the offices in general."""
        return reading.fields == ("where",) and all(
            t in self.bodies or t in self.engine.stop or t in self.reader.fillers
            for t in reading.content)

    def names_none(self, reading: Reading, part: Part) -> bool:
        """A one-sentence question about a field or condition ("có cần chủ nhà đồng ý
        không") answered, not clearly, with another entry it does not name — no word of that
        entry's name is in it: it asks about the procedure under discussion."""
        if part.status != ANSWERED or part.entry is None or part.via_context \
                or len(reading.sentences) != 1 or not reading.fields or part.score >= CLEAR_ANSWER:
            return False
        return not name_words(self.engine, part.entry.id) & set(reading.content)

    def stays(self, reading: Reading, ctx_entry: Entry, part: Part) -> bool:
        """Whether a short message answered with another entry is rather about the procedure
        under discussion: every word of its own is one that procedure uses, and the other
        entry's name has none of them."""
        others = [part.entry] if part.status == ANSWERED and part.entry is not None else \
            list(part.suggestions) if part.status == SUGGEST else []
        if not others or part.via_context or len(reading.sentences) != 1 or (
                part.status == ANSWERED and others[0].id == ctx_entry.id) or (
                part.status == ANSWERED and part.score >= CLEAR_ANSWER):
            return False  # (an answer this clear is the new matter: "căn cước điện tử bị khoá")
        own = [t for t in reading.content if t not in self.engine.stop
               and t not in self.engine.generic and not t.isdigit()]
        if len(own) > OWN_WORDS + 1:
            return False
        if not own or not self.about(ctx_entry, own):
            # nothing of its own, or words the procedure does not use: only a weak other answer
            # that knows no more of the message stays ("làm online được không hay phải dẫn bé
            # đi" after căn cước for a child; not "bạn là ai")
            known = self.engine.words_of(ctx_entry.id)
            theirs = {t for e in others for t in own if t in self.engine.words_of(e.id)}
            if part.score >= self.engine.thresholds.confident or not theirs <= known:
                return False
        named = {t for e in others for t in self.engine.norm.tokens(e.title)} - set(
            self.engine.norm.tokens(ctx_entry.title)) - self.results(ctx_entry)
        asking = self.reader.question_tokens
        # "còn chứng thực chữ ký" names another procedure: it moves on
        return not any(t in named for t in reading.content if t not in asking)

    def kept(self, reading: Reading, ctx_id: object, match: Callable[[str], Match]) -> Entry | None:
        """The entry under discussion (of id ``ctx_id``), unless a one-sentence follow-up names
        another procedure (``match`` reads it alone): a word (or word pair) of its own that the
        procedure under discussion never uses is a name word of a procedure the message alone
        ranks among its first three (a national record, not a catalog line), no variant of the one
        discussed ("đóng thuế đất ở đâu" after chứng thực, "còn khai tử thì sao" after khai sinh;
        "gia hạn thì sao" after tạm trú stays with its variant). Words that only tell a situation
        ("thế một đứa đi nộp được không") name no procedure, and a paper asked about is one of
        the procedure's own papers; see :func:`_names` for how a word names."""
        ctx_entry = self.engine.kb.entries.get(str(ctx_id or ""))
        if ctx_entry is None or len(reading.sentences) != 1 \
                or {"documents", "conditions"} & set(reading.fields):
            return ctx_entry  # a paper asked about ("có phải mang sổ đỏ không") is one of its papers
        known = self.engine.words_of(ctx_entry.id)
        words = reading.content
        own = {t for t in words if t not in known and t not in self.engine.stop and t not in self.asked
               and t not in self.engine.generic and t not in self.reader.fillers and not t.isdigit()}
        # a pair of words that name no procedure ("đăng ký", "cấp thẻ") names none either
        own |= {p for p in map(" ".join, pairwise(words)) if p not in known and p not in self.asked
                and not set(p.split()) <= self.engine.generic}
        typed = accented_words(reading.text)
        first = [self.engine.kb.entries[eid] for eid, _ in match(reading.text).ranked[:3]] if own else []
        if any(e.id == ctx_entry.id or self.variant_words(ctx_entry, e) & set(words) for e in first):
            return ctx_entry  # a case of the matter discussed, named ("… là người Nhật thì sao")
        for other in first:
            title = self.engine.contrasts.title_tokens(other.id)  # its words, and word pairs ("khai tử")
            theirs = name_words(self.engine, other.id) | set(map(" ".join, pairwise(title)))
            if other.record is not None and _names(own & theirs, typed, accented_words(other.title)):
                return None
        return ctx_entry

    def short_case(self, reading: Reading, ctx_entry: Entry, most: int, chitchat: Chitchat) -> bool:
        """A message that matches nothing by itself and is a short follow-up in words the
        procedure under discussion uses (at most ``most`` of them: "10 trang thì sao"), or one
        of its conditions or cases (:meth:`condition_or_case`) — unless it is small talk ("bạn
        có người yêu chưa" after chứng thực, whose words "người yêu cầu" happens to use)."""
        if not reading.fields and chitchat.kind(reading.text) is not None:
            return False
        return (len(reading.content) <= most and self.about(ctx_entry, reading.content)) \
            or self.condition_or_case(reading, ctx_entry)

    def about(self, entry: Entry, words: tuple[str, ...] | list[str]) -> bool:
        """True when every word of a short follow-up (besides small words and numbers) is
        one ``entry`` uses ("10 trang" after chứng thực; not "giá vàng", "Messi")."""
        known = self.engine.words_of(entry.id)
        return all(t in known or t in self.engine.stop or t.isdigit() for t in words)

    def condition_of(self, reading: Reading, ctx_entry: Entry) -> bool:
        """A condition asked about the procedure under discussion that matches nothing by
        itself ("một đứa đi được không hay cả 2 phải có mặt" after kết hôn): one sentence, a few
        words of its own, at least half of them words the procedure uses."""
        if "conditions" not in reading.fields or len(reading.sentences) != 1:
            return False
        own = [t for t in reading.content if t not in self.engine.stop and not t.isdigit()]
        if not own or len(own) > 2 * OWN_WORDS + 2:
            return False
        # in the words of its texts too, unless it is plainly off the subject ("bóng đá … xem")
        known = self.engine.words_of(ctx_entry.id) if self.scope.plain(reading.text) else self.said(ctx_entry)
        return 2 * sum(t in known for t in own) >= len(own)

    def says_little(self, question: str) -> bool:
        """A question that names no matter of its own ("Tôi phải làm sao?", "Xin giấy này ở
        đâu?"): at most one word besides fields, fillers and words that name no procedure."""
        _, rest = self.reader.fields_of(self.engine.norm.tokens(question))
        own = [t for t in rest if t not in self.reader.fillers and t not in self.engine.generic]
        return len(own) <= 1

    def names_no_matter(self, question: str) -> bool:
        """A question whose words besides fields, fillers, stop words and words that name no
        procedure are at most two ("Anh ấy cần chuẩn bị những giấy tờ gì?", "Giờ không còn
        huyện thì nộp ở đâu?"): what it asks about is the story's matter."""
        _, rest = self.reader.fields_of(self.engine.norm.tokens(question))
        return len([t for t in rest if t not in self.reader.fillers and t not in self.engine.generic
                    and t not in self.engine.stop]) <= 2

    def condition_or_case(self, reading: Reading, ctx_entry: Entry) -> bool:
        """:meth:`condition_of` or :meth:`case_of`."""
        return self.condition_of(reading, ctx_entry) or self.case_of(reading, ctx_entry)

    def case_of(self, reading: Reading, ctx_entry: Entry) -> bool:
        """A case of the procedure under discussion, asked in one short sentence that matches
        nothing by itself: a condition ("… có làm được không") or a supposition ("nếu tối 11h30
        họ mới tới thì sao" after lưu trú) with a word the procedure uses (not "nếu trời mưa
        thì sao", "bóng đá tối nay có được xem không"). Its other words tell the person's
        situation ("trọ", "11h30"): they need not be the procedure's own, as
        :meth:`condition_of` requires; a message that moves on ("còn …") is not a case."""
        words = fold(reading.text).split()
        supposes = bool(SUPPOSING & set(words))
        if len(reading.sentences) != 1 or "con" in words[:2] or not (
                "conditions" in reading.fields or supposes):
            return False
        own = [t for t in reading.content if t not in self.engine.stop and not t.isdigit()]
        if not own or len(own) > 2 * OWN_WORDS + 2:
            return False
        known = self.engine.words_of(ctx_entry.id)  # (not its texts: one word would be too easy)
        # one of its words must be the procedure's ("bóng đá tối nay có được xem không" is not)
        return any(t in known for t in own)

    def new_case(self, reading: Reading, ctx_entry: Entry, part: Part,
                 match: Callable[[str], Match]) -> Match | None:
        """A one-sentence follow-up that tells a new case of the matter under discussion and
        is not answered by itself ("vợ sắp cưới của em là người Lào thì sao" after kết hôn):
        read with that procedure's name (``match``), it is answered with another procedure
        whose name has every name word of the one discussed and one the message says too
        (Đăng ký kết hôn có yếu tố nước ngoài: "nước ngoài"), a variant of it; else None."""
        if part.status == ANSWERED or len(reading.sentences) != 1:
            return None
        m = match(f"{ctx_entry.title} {reading.text}")
        if m.status != ANSWERED or m.entry is None or m.entry.id == ctx_entry.id \
                or m.entry.code is None:
            return None
        extra = self.variant_words(ctx_entry, m.entry)
        return m if extra & set(self.engine.norm.tokens(reading.text)) else None

    def variant_words(self, entry: Entry, other: Entry) -> frozenset[str]:
        """The name words ``other`` adds to ``entry``'s when its name has all of them (a case of
        the same matter: Đăng ký kết hôn có yếu tố nước ngoài of Đăng ký kết hôn); else none."""
        mine = name_words(self.engine, entry.id)
        theirs = name_words(self.engine, other.id)
        return theirs - mine if mine and mine <= theirs and other.id != entry.id else frozenset()


def _names(shared: set[str], typed: dict[str, str], title: dict[str, str]) -> bool:
    """Whether the words (and pairs) a message ``shared`` with a procedure's name name it: one
    typed with the diacritics the name writes it with ("thuế" is not "thuê", "mỗi" not "mới"),
    or two typed without any ("dong thue dat")."""
    def agrees(phrase: str) -> bool:
        return all(w not in typed or w not in title or typed[w] == title[w] for w in phrase.split())
    agreed = [p for p in shared if agrees(p)]
    said = {w for p in agreed for w in p.split()}
    return any(w in typed for w in said) or len(said) >= 2
