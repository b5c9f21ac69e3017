"""Transcripts for procedures citizens ask about by their own names while the national record
names them otherwise (a long official title, a level in brackets): a card with the citizens'
words answers from the record, so the question no longer falls back or lands on a neighbour."""

from __future__ import annotations

import pytest

from bot.app import Core
from tests.transcript import code_of, say, settled


@pytest.mark.parametrize(("question", "code"), [
    ("công an phường phạt tôi sai, tôi muốn khiếu nại thì nộp đơn ở đâu", "1.004335"),
    ("khieu nai cong an xa thi bao lau co ket qua", "1.004335"),
    ("muốn tố cáo cán bộ công an xã đòi tiền thì gửi đơn cho ai", "1.004327"),
    ("tôi đánh rơi hộ chiếu ngoài chợ, phải đi báo mất ở đâu", "1.010386"),
    ("hộ chiếu báo mất rồi nay lại tìm được, muốn dùng tiếp thì làm gì", "1.010384"),
    ("vợ tôi người Hàn muốn xin thẻ thường trú ở Việt Nam thì nộp ở đâu", "1.001010"),
    ("muốn mua nhà ở xã hội thì xin xã xác nhận những gì", "1.014632"),
    ("con của liệt sĩ xin giấy xác nhận thân nhân ở đâu", "1.010833"),
    ("sổ tiết kiệm còn ghi số cmnd cũ, xin giấy xác nhận số đó ở đâu", "1.012566"),
    ("nhà tôi thất lạc quyển hộ khẩu, muốn xin cấp lại sổ hộ khẩu thì đi đâu", "1.010041"),
])
def test_a_procedure_asked_by_its_everyday_name_is_answered(core: Core, question: str,
                                                            code: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "answered"
    assert code_of(core, reply) == code


def test_the_passport_loss_answer_says_how_soon_to_report(core: Core) -> None:
    settled(core)
    reply = say(core, "làm mất hộ chiếu thì trong mấy ngày phải đi báo")[0]
    assert code_of(core, reply) == "1.010386"
    assert "02 ngày làm việc" in reply.text


def test_the_permanent_residence_card_fee_comes_from_its_record(core: Core) -> None:
    settled(core)
    reply = say(core, "người nước ngoài làm thẻ thường trú hết bao nhiêu tiền")[0]
    assert code_of(core, reply) == "1.001010"
    assert "100 USD" in reply.text


@pytest.mark.parametrize("question", [
    "khiếu nại ở đâu",
    "gửi phản ánh về thủ tục hành chính ở đâu",
])
def test_a_complaint_naming_no_police_stays_with_feedback(core: Core, question: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert code_of(core, reply) not in ("1.004335", "1.004327")


def test_the_smallest_plot_one_may_split_off_is_set_by_the_province(core: Core) -> None:
    settled(core)
    reply = say(core, "đất vườn muốn tách thửa thì mỗi thửa phải rộng tối thiểu bao nhiêu")[0]
    assert code_of(core, reply) == "1.012784"
    assert "Ủy ban nhân dân cấp tỉnh" in reply.text


def test_a_bare_confirmation_asked_at_the_commune_is_not_social_housing(core: Core) -> None:
    # folded, "ở xã" is also the "ở xã hội" of social housing's name
    settled(core)
    reply = say(core, "xin giay xac nhan o xa can gi")[0]
    assert reply.entry_id != "tthc-dang-ky-nha-o-xa-hoi"
