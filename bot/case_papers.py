"""The papers of the case a documents question names.

Many records list their papers per case ("Đăng ký thường trú … người được chăm sóc, nuôi
dưỡng", "Gia hạn tạm trú theo danh sách", "Trường hợp ủy quyền …"), and a documents answer
shows the common case's. A question that names another case in the words of its heading ("đăng
ký thường trú cho người được nuôi dưỡng cần giấy gì") gets that case's papers too, under the
common list, headed by the case: an extract of the record, never a new fact. The case must
share at least :data:`MIN_WEIGHT` of the question's words beyond the procedure's name (the
weight :class:`bot.evidence.Evidence` asks of a quoted sentence) and more than the common
case's heading does.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.knowledge.model import Entry
from bot.knowledge.records.extract import cut, main_group

#: The least weight of question words (beyond the procedure's name) a case's heading must share.
MIN_WEIGHT = 6.0
#: How many of the case's papers are listed, and the longest heading (characters).
MAX_CASE_PAPERS, MAX_HEADING = 6, 140

Text = Callable[..., str]
Lines = Callable[..., list[str]]


class CasePapers:
    """``tokens`` normalises, ``weight`` weighs a word, ``stop`` cannot name a case alone;
    ``document_lines(record, group, limit=…)`` lists a group's papers (RecordAnswers)."""

    def __init__(self, tokens: Callable[[str], list[str]], weight: Callable[[str], float],
                 stop: frozenset[str], document_lines: Lines, text: Text) -> None:
        self.tokens = tokens
        self.weight = weight
        self.stop = stop
        self.document_lines = document_lines
        self.t = text

    def lines(self, entry: Entry, question: str, field: str | None) -> list[str]:
        """The heading and papers of the case ``question`` names, when a documents question
        on a record without a curated list of papers names one; else none."""
        r = entry.record
        if r is None or field is None or "documents" not in field.split("+") or "documents" in entry.amend:
            return []
        named = set(self.tokens(entry.title))
        asked = {t for t in self.tokens(question) if t not in named and t not in self.stop}
        if not asked:
            return []
        main = main_group(r)

        def weight(heading: str) -> float:
            return sum(self.weight(t) for t in asked & set(self.tokens(heading)))

        floor = max(MIN_WEIGHT, weight(main.case) if main is not None and main.case else 0.0)
        shown = {d.name for d in main.documents} if main is not None else set()
        best = max(((weight(g.case), -i) for i, g in enumerate(r.documents)  # ties: the first
                    if g.documents and g.case.strip(" :*") and not {d.name for d in g.documents} <= shown),
                   default=(0.0, 1))
        if best[0] <= floor:
            return []
        group = r.documents[-best[1]]
        papers = self.document_lines(r, group, limit=MAX_CASE_PAPERS)
        heading = cut(group.case.strip(" :*"), MAX_HEADING)
        return [f"{self.t('rec_documents')} — {heading}:", *papers] if papers else []
