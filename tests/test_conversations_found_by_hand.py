"""Transcripts for wrong procedures and wrong facts a tester found by hand: a procedure named for
foreigners or for a young child answers only a question that names one; a province's own
procedure is not offered to another province's citizen; người có công words reach that group's
procedures; a catalog line never names its publisher as the office; how long a stay may last is
a condition; a child's age picks the case's ways; a record's district body and a portal "free"
that gives figures are not repeated as they stand."""

from __future__ import annotations

import pytest

from bot.app import Core
from bot.messages import Reply
from tests.transcript import code_of, say, settled

#: Provinces whose own land records used to be offered to anyone (not the test commune's).
OTHER_PROVINCES = ("Bắc Ninh", "Lạng Sơn", "Hải Phòng", "Gia Lai", "Thanh Hóa", "Lào Cai")


def offered(core: Core, reply: Reply) -> set[str | None]:
    """The national codes a reply answers with or offers as choices."""
    entries = [core.kb.entries.get(c.entry_id or "") for c in reply.choices]
    return {code_of(core, reply)} | {e.code for e in entries if e is not None}


@pytest.mark.parametrize("question", [
    "tôi ở trọ, muốn làm tạm trú qua mạng có được không",
    "dang ky tam tru online cho sinh vien o tro",
])
def test_a_tenants_temporary_residence_is_not_the_foreigners(core: Core, question: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert code_of(core, reply) == "1.004194" and reply.field == "online"
    assert "VNeID" in reply.text and "nước ngoài" not in reply.text


def test_a_foreigner_still_reaches_the_foreigners_procedures(core: Core) -> None:
    settled(core)
    reply = say(core, "khai báo tạm trú cho khách người nước ngoài ở nhà mình")[0]
    assert "1.000253" in offered(core, reply)


def test_a_health_card_for_a_poor_household_is_not_the_newborns(core: Core) -> None:
    settled(core)
    reply = say(core, "thẻ bảo hiểm y tế cho hộ nghèo có mất tiền không")[0]
    assert code_of(core, reply) != "2.000986"
    assert "dưới 6 tuổi" not in reply.text


@pytest.mark.parametrize(("question", "code"), [
    ("bố mẹ cho con mảnh đất thì sang tên thế nào", "1.013831"),
    ("tách thửa đất làm ở đâu", "1.012784"),
])
def test_land_questions_get_the_ministrys_procedure_and_no_other_province(
        core: Core, question: str, code: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert code_of(core, reply) == code
    assert "Văn phòng đăng ký đất đai" in reply.text
    assert not any(p in reply.text for p in OTHER_PROVINCES)


def test_the_land_transfer_card_says_the_post_takes_it(core: Core) -> None:
    settled(core)
    reply = say(core, "sang tên đất cho con gửi qua bưu điện được không")[0]
    assert code_of(core, reply) == "1.013831" and "bưu chính công ích" in reply.text


@pytest.mark.parametrize(("question", "code"), [
    ("ông tôi là thương binh, ông mới qua đời, gia đình cần làm thủ tục gì", "1.010824"),
    ("bà nội là thân nhân liệt sĩ, sắp chuyển về tỉnh khác ở với con, hồ sơ trợ cấp chuyển thế nào",
     "1.010827"),
])
def test_nguoi_co_cong_words_reach_that_groups_procedures(core: Core, question: str, code: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert code_of(core, reply) == code
    assert "bảo trợ xã hội" not in reply.text


def test_a_catalog_line_never_names_its_publisher_as_the_office(core: Core) -> None:
    settled(core)
    reply = say(core, "xác định mức độ khuyết tật cho con làm ở đâu")[0]
    assert code_of(core, reply) == "1.001699"
    assert "Bộ Y tế" not in reply.text and "bộ phận một cửa" in reply.text


@pytest.mark.parametrize("question", [
    "đăng ký tạm trú thì được ở bao lâu",
    "thời hạn tạm trú dài nhất là bao lâu",
])
def test_how_long_a_stay_may_last_is_not_the_processing_time(core: Core, question: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert code_of(core, reply) == "1.004194" and reply.field == "conditions"
    assert "tối đa 2 năm" in reply.text


def test_the_processing_time_is_still_the_time_limit(core: Core) -> None:
    settled(core)
    reply = say(core, "làm tạm trú bao lâu thì có")[0]
    assert code_of(core, reply) == "1.004194" and reply.field == "time_limit"


def test_a_child_of_nine_cannot_get_the_card_wholly_online(core: Core) -> None:
    settled(core)
    reply = say(core, "con gái tôi 9 tuổi, làm căn cước trên vneid được không")[0]
    assert code_of(core, reply) == "1.014062" and reply.field == "online"
    assert "Làm trực tuyến được" not in reply.text and "vân tay" in reply.text


def test_a_district_body_of_a_record_is_said_to_be_gone(core: Core) -> None:
    settled(core)
    reply = say(core, "rút bảo hiểm xã hội một lần nộp ở đâu")[0]
    assert code_of(core, reply) == "1.001613"
    assert "không còn cấp huyện" in reply.text


def test_a_first_land_certificate_is_not_said_to_be_free(core: Core) -> None:
    settled(core)
    reply = say(core, "làm sổ đỏ lần đầu mất bao nhiêu tiền")[0]
    assert code_of(core, reply) == "1.013978" and reply.field == "fee"
    assert "Miễn phí" not in reply.text and "HĐND" in reply.text


def test_closing_a_household_book_is_removing_the_permanent_residence(core: Core) -> None:
    settled(core)
    reply = say(core, "xin khóa hộ khẩu làm ở đâu")[0]
    assert code_of(core, reply) == "1.003197"


def test_asking_to_join_the_poor_households_is_not_leaving_them(core: Core) -> None:
    settled(core)
    reply = say(core, "nhà tôi khó khăn quá, muốn xin vào diện hộ nghèo")[0]
    assert "1.011608" not in offered(core, reply)  # Công nhận hộ thoát nghèo
