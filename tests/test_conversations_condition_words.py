"""Transcripts for a condition asked of the procedure under discussion in the words its own
texts use (its conditions, notes, papers, curated lines) rather than its name: "nhờ người
khác nộp", "một mình", "chủ nhà không đồng ý" are read against that procedure, not as a new
question that finds nothing. A yes/no question whether a paper is required ("có cần sổ hộ khẩu
không") is answered with the papers first, then the conditions, neither cut to a bare "…"."""

from __future__ import annotations

import pytest

from bot.app import Core
from tests.transcript import code_of, say, settled


@pytest.mark.parametrize(("first", "then", "code", "fact"), [
    # the guardianship record's papers say it may be filed by an authorised person or by post
    ("đăng ký giám hộ cho cháu ở đâu", "nhờ chồng tôi nộp giúp được không", "1.004837",
     "ủy quyền"),
    # the marriage card's conditions say both must be present
    ("đăng ký kết hôn cần gì", "một mình tôi lên được không hay phải đi cả hai", "1.000894",
     "cùng có mặt"),
    # the temporary residence card speaks of who must agree
    ("đăng ký tạm trú cần gì", "nếu chủ nhà không đồng ý thì có làm được không", "1.004194",
     "đồng ý"),
])
def test_a_condition_in_the_procedures_own_words_stays_with_it(
        core: Core, first: str, then: str, code: str, fact: str) -> None:
    settled(core)
    assert code_of(core, say(core, first)[0]) == code
    reply = say(core, then)[0]
    assert code_of(core, reply) == code and reply.field == "conditions"
    assert fact in reply.text


def test_words_no_text_of_the_procedure_uses_still_fall_back(core: Core) -> None:
    settled(core)
    say(core, "đăng ký kết hôn cần gì")
    reply = say(core, "tối nay xem phim ở rạp nào được không")[0]
    assert reply.status == "fallback"


@pytest.mark.parametrize(("question", "code", "fact"), [
    ("đăng ký thường trú có cần sổ hộ khẩu không", "1.004222", "Tờ khai thay đổi thông tin cư trú"),
    ("đăng ký kết hôn có cần ảnh không", "1.000894", "Chỉ cần tờ khai"),
])
def test_whether_a_paper_is_needed_is_answered_with_the_papers(
        core: Core, question: str, code: str, fact: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert code_of(core, reply) == code and reply.field == "documents+conditions"
    assert fact in reply.text
    label = core.kb.text("rec_conditions")
    assert label in reply.text and f"{label}:\n…" not in reply.text
