"""Transcripts for a question about one paper of a procedure's file ("… có cần <giấy> không",
a case named: "ủy quyền cho …"): the answer quotes that item of the record whole, with its case
and its counts, even when the list cuts it or lists it only under another case; a paper's long
name does not drown the procedure's; nothing is claimed for a paper the file does not list."""

from __future__ import annotations

import pytest

from bot.app import Core
from bot.papers import asked_paper, without_paper
from tests.transcript import code_of, say, settled


@pytest.mark.parametrize(("question", "paper"), [
    ("làm khai tử cho ông có cần cả giấy báo tử không ạ", ("giay", "bao", "tu")),
    ("khai sinh cho bé phải mang theo giấy chứng sinh ko", ("giay", "chung", "sinh")),
    ("chung thuc chu ky co phai nop ban sao can cuoc khong", ("ban", "sao", "can", "cuoc")),
    ("làm căn cước có cần phải đi sớm không", ()),  # "đi sớm" is no paper
    ("tạm trú có cần gia hạn không", ()),
])
def test_the_paper_a_question_asks_about(question: str, paper: tuple[str, ...]) -> None:
    assert asked_paper(question) == paper


def test_the_question_without_its_paper_is_a_documents_question() -> None:
    assert without_paper("nhận nuôi bé có phải nộp giấy khám sức khỏe không") \
        == "nhan nuoi be can giay to gi"
    assert without_paper("có cần giấy khám sức khỏe không") is None  # nothing before it


def test_a_paper_the_list_cuts_is_quoted_whole(core: Core) -> None:
    settled(core)
    reply = say(core, "làm khai tử cho ông có cần cả giấy báo tử không ạ")[0]
    assert code_of(core, reply) == "1.000656"
    line = next(x for x in reply.text.splitlines() if x.startswith("📎"))
    # past where the list of papers cuts the item: when it need not be filed
    assert "Giấy báo tử" in line and "dữ liệu điện tử có ký số" in line and "1 bản chính" in line


def test_a_case_named_gets_its_paper(core: Core) -> None:
    settled(core)
    reply = say(core, "ủy quyền cho em trai đi làm khai tử thì cần thêm giấy gì")[0]
    assert code_of(core, reply) == "1.000656"
    assert any(x.startswith("📎") and "Văn bản ủy quyền" in x for x in reply.text.splitlines())


def test_a_paper_of_another_case_is_quoted_with_its_case(core: Core) -> None:
    settled(core)
    reply = say(core, "nhận nuôi bé có phải nộp giấy khám sức khỏe không")[0]
    # the paper's long name no longer leaves the question unanswered
    assert reply.status == "answered" and code_of(core, reply) == "2.001263"
    line = next(x for x in reply.text.splitlines() if x.startswith("📎"))
    assert "Hồ sơ của người nhận con nuôi" in line and "Giấy khám sức khỏe" in line


def test_a_paper_the_file_does_not_list_is_not_claimed(core: Core) -> None:
    settled(core)
    reply = say(core, "đăng ký tạm trú có cần hợp đồng thuê nhà không")[0]
    assert code_of(core, reply) == "1.004194"
    assert "📎" not in reply.text


def test_a_card_with_a_curated_papers_line_is_not_contradicted(core: Core) -> None:
    settled(core)
    # the law dropped this paper after the record: the card's line holds, no item is quoted
    reply = say(core, "cưới vợ có cần xin giấy xác nhận tình trạng hôn nhân nữa không")[0]
    assert "📎" not in reply.text


def test_a_documents_answer_lists_every_paper_with_the_conditional_ones_plainly(core: Core) -> None:
    settled(core)
    reply = say(core, "vợ tôi người Hàn, con sinh ở Hàn, giờ khai sinh cho con ở VN cần những giấy gì")[0]
    assert code_of(core, reply) == "2.000528"
    # the last paper of the list, for a foreign parent: once left out as "… và 3 giấy tờ khác"
    assert "Nếu cha hoặc mẹ hoặc cả cha, mẹ là người nước ngoài: Văn bản thỏa thuận" in reply.text
    assert "giấy tờ khác (chọn" not in reply.text and "các giấy tờ sau:" not in reply.text


def test_a_paper_lacking_is_answered_with_what_the_file_takes_instead(core: Core) -> None:
    settled(core)
    reply = say(core, "Ông tôi mất năm 1995, hồi đó chưa khai tử, giờ không có giấy báo tử thì làm sao?")[0]
    assert code_of(core, reply) == "1.000656"
    line = next(x for x in reply.text.splitlines() if x.startswith("📎"))
    assert "người chết đã lâu, không có Giấy báo tử" in line
