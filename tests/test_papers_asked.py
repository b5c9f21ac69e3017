"""A yes/no question whether a paper is required is answered with the papers first."""

from __future__ import annotations

import pytest

from bot.papers_asked import PAPERS_FIRST, PapersAsked

ASKED = PapersAsked(["có cần", "có phải", "bắt buộc"],
                    ["giấy", "sổ", "ảnh", "sổ hộ khẩu", "hợp đồng", "bản sao", "công chứng"])


@pytest.mark.parametrize("question", [
    "làm hộ chiếu có cần sổ hộ khẩu không",
    "xin giấy phép có phải mang theo bản sao không",
    "thuê nhà có bắt buộc hợp đồng không",
    "nhập hộ khẩu có cần ảnh không",
    "dang ky tam tru co can hop dong thue khong",  # typed without diacritics: two-word papers
])
def test_a_paper_after_the_requiring_words_asks_for_the_papers(question: str) -> None:
    assert ASKED.field(question, "conditions") == PAPERS_FIRST


@pytest.mark.parametrize(("question", "field"), [
    ("giấy xác nhận có giá trị bao lâu", "conditions"),  # a paper's validity, not whether needed
    ("có cần đưa con đi cùng không", "conditions"),  # no paper
    ("co can anh trai di cung khong", "conditions"),  # "anh" without diacritics is a brother
    ("có cần giấy gì", "documents"),  # already the papers
    ("có cần phải đợi lâu không, cuối cùng mới ký giấy", "conditions"),  # too far apart
])
def test_other_questions_keep_their_field(question: str, field: str) -> None:
    assert ASKED.field(question, field) == field
