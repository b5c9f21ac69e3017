"""Whether a yes/no question about a procedure asks about one of its papers.

"Đăng ký thường trú có cần sổ hộ khẩu không", "kết hôn có phải nộp ảnh không", "thuê nhà có
bắt buộc hợp đồng công chứng không": the words of a condition ("có cần", "có phải", "bắt
buộc") ask whether a paper is required, and the list of papers answers it (the paper is on it,
or it is not). Such a question is answered with the papers first, then the conditions
(``documents+conditions``). A question about a paper's validity ("giấy xác nhận có giá trị bao
lâu") is not one: only the requiring words, followed within a few words by a paper
(``conversation.yaml``, key ``papers``), make it so.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from bot.textnorm import fold, has_diacritics, says

#: Words that may stand between the requiring words and the paper ("có cần mang theo sổ").
GAP = 3
#: The field a question about a required paper is answered with.
PAPERS_FIRST = "documents+conditions"


def _words(text: str) -> list[str]:
    return "".join(ch if ch.isalnum() else " " for ch in unicodedata.normalize("NFC", text.lower())).split()


class PapersAsked:
    """Reads the requiring words and the papers of ``conversation.yaml`` (``requiring``,
    ``papers``); a one-word paper counts only as typed with its diacritics ("sổ", "ảnh": without
    them, "so" and "anh" are other words)."""

    def __init__(self, requiring: Sequence[str], papers: Sequence[str]) -> None:
        self.requiring = [tuple(_words(p)) for p in requiring if p.strip()]
        self.papers = [tuple(_words(p)) for p in papers if p.strip()]
        self.folded_requiring = [tuple(fold(p).split()) for p in requiring if p.strip()]
        self.folded_papers = [tuple(fold(p).split()) for p in papers if len(p.split()) > 1]

    def field(self, question: str, field: str | None) -> str | None:
        """``field`` (as read), or :data:`PAPERS_FIRST` for a conditions question that asks
        whether a paper is required."""
        if field != "conditions" or not self.papers:
            return field
        if has_diacritics(question):
            words, requiring, papers = _words(question), self.requiring, self.papers
        else:
            words, requiring, papers = fold(question).split(), self.folded_requiring, self.folded_papers
        if any(says(words, (r, p), GAP) for r in requiring for p in papers):
            return PAPERS_FIRST
        return field
