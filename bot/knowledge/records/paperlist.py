"""The whole list of papers that answers a question about a procedure's documents.

A citizen who asks what papers a procedure needs gets every paper the record lists for the
common case, the conditional ones too ("Trường hợp cha hoặc mẹ là người nước ngoài thì phải
nộp văn bản thỏa thuận …"), said plainly ("Nếu cha hoặc mẹ là người nước ngoài: văn bản thỏa
thuận …", template ``rec_document_if``), instead of the first few and a count of the others:
the paper left out is often the one the person's own case needs. When the list is long, the
names are cut shorter rather than papers left out. A line that only introduces the list
("… thực hiện việc nộp/xuất trình … các giấy tờ sau:") names no paper and is left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.knowledge.records.extract import MAX_NAME, cut
from bot.knowledge.records.model import Document, DocumentGroup

#: Characters the list of papers may take in all (a phone screen or two; Zalo takes 2,000
#: per message, with the title and the source line).
LIST_BUDGET = 1200
#: Shortest a paper's name is cut to in a long list (the paper must still be recognisable).
MIN_NAME = 90
#: Room a line takes besides its name: the number, the counts of originals and copies.
_LINE_EXTRA = 24
#: "Trường hợp <case> thì [phải] [nộp|có|kèm theo|thay thế bằng] <paper>".
_CASE = re.compile(r"^trường hợp\s+(?P<case>.{3,}?),?\s+thì\s+(?:phải\s+)?"
                   r"(?:(?:nộp|có|kèm theo|gửi kèm|thay thế bằng)\s*:?\s+)?(?P<paper>.+)$",
                   re.IGNORECASE | re.DOTALL)

#: A two-word phrase typed twice in a row ("Đơn yêu cầu yêu cầu hòa giải", "Tờ khai Tờ khai",
#: "đăng ký đăng ký thuế"): the portal's typo. Longer repeats can be meant ("cho người nhận
#: con nuôi nhận con nuôi trước đó") and stay.
_TWICE = re.compile(r"\b(\w+ \w+) \1\b", re.IGNORECASE)

Text = Callable[..., str]


def once(name: str) -> str:
    """``name`` without a two-word phrase typed twice in a row."""
    return _TWICE.sub(r"\1", name)


def introduces(d: Document) -> bool:
    """A line that introduces the papers after it ("… các giấy tờ sau:"), not a paper."""
    return d.name.rstrip().endswith(":")


def plainly(name: str, text: Text) -> str:
    """A conditional paper ("Trường hợp X thì phải nộp Y") as "Nếu X: Y"; other names as they are."""
    name = once(" ".join(name.split()).strip(" -+•*"))
    m = _CASE.match(name)
    if m is None:
        return name
    paper = m.group("paper")
    return str(text("rec_document_if", case=m.group("case"), paper=paper[:1].upper() + paper[1:]))


def name_limit(count: int) -> int:
    """How long each of ``count`` papers' names may be for the list to fit :data:`LIST_BUDGET`."""
    return max(MIN_NAME, min(MAX_NAME, LIST_BUDGET // max(count, 1) - _LINE_EXTRA))


def every_paper(group: DocumentGroup, text: Text, counts: Callable[[Document], str]) -> list[str]:
    """The numbered lines of every paper of ``group``; ``counts`` gives a paper's " (1 bản
    chính)" tail."""
    papers = [d for d in group.documents if not introduces(d)] or list(group.documents)
    limit = name_limit(len(papers))
    return [f"{i}. {cut(plainly(d.name, text), limit)}{counts(d)}" for i, d in enumerate(papers, 1)]
