"""Transcripts for what a story states: a paper asked about as a condition of the procedure
the person means to do is that procedure's question, and a procedure the story says is done
is not the answer — the question back of its matter is, without that case (a stated length
of time picks the temporary case)."""

from __future__ import annotations

import pytest

from bot.app import Core
from bot.steering import asks_need
from tests.transcript import code_of, say, settled


@pytest.mark.parametrize("question", [
    "Có cần xin giấy xác nhận độc thân không?",
    "Ông bà dặn phải xin giấy đó trước rồi mới làm được, có đúng vậy không?",
    "Bên đó còn cần thêm giấy gì nữa?",
])
def test_a_question_of_need_asks_whether_something_is_required(question: str) -> None:
    assert asks_need(question)


@pytest.mark.parametrize("question", [
    "Xin giấy xác nhận độc thân ở đâu?",
    "Giấy này có giá trị bao lâu?",
])
def test_a_question_of_where_or_how_long_is_no_question_of_need(question: str) -> None:
    assert not asks_need(question)


@pytest.mark.parametrize("story", [
    "Hai đứa tôi tính tổ chức đám cưới cuối năm, sẽ đăng ký kết hôn ở phường tôi. "
    "Tôi có cần xin giấy xác nhận tình trạng hôn nhân không?",
    "Tôi và vợ sắp cưới ở hai tỉnh khác nhau. Bố tôi dặn phải xin giấy xác nhận độc thân "
    "trước rồi mới đăng ký kết hôn được, có đúng vậy không?",
])
def test_the_single_status_paper_asked_as_a_condition_of_a_marriage_is_the_marriage_question(
        core: Core, story: str) -> None:
    settled(core)
    reply = say(core, story)[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.000894"
    assert "Không phải nộp Giấy xác nhận tình trạng hôn nhân" in reply.text


def test_the_single_status_paper_asked_for_itself_stays_its_own_procedure(core: Core) -> None:
    settled(core)
    reply = say(core, "Tôi định sang Hàn Quốc kết hôn với bạn trai bên đó. "
                      "Giấy xác nhận độc thân xin ở đâu?")[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.004873"
    reply = say(core, "Xin giấy xác nhận độc thân có cần mang căn cước không?")[0]
    assert code_of(core, reply) == "1.004873"


def test_a_card_asked_where_to_make_is_not_read_as_a_need_of_another_procedure(core: Core) -> None:
    settled(core)
    reply = say(core, "làm căn cước có phải về nơi thường trú không")[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.014061"


def test_a_business_already_registered_and_a_break_of_some_months_is_a_temporary_stop(
        core: Core) -> None:
    settled(core)
    reply = say(core, "Nhà tôi mở tiệm sửa xe, đã đăng ký hộ kinh doanh. "
                      "Giờ tôi bị ốm nằm viện cả tháng thì sao?")[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.001570"


def test_a_business_already_registered_without_a_stated_time_asks_which_case(core: Core) -> None:
    settled(core)
    reply = say(core, "Cửa hàng tạp hóa của tôi đã đăng ký hộ kinh doanh từ lâu. "
                      "Giờ tôi phải làm thủ tục gì?")[0]
    assert reply.status == "suggest"
    labels = " ".join(c.label for c in reply.choices)
    assert "Tạm ngừng" in labels and "Đăng ký mở" not in labels


def test_a_procedure_waited_for_is_not_a_procedure_done(core: Core) -> None:
    settled(core)
    reply = say(core, "Tôi đã đăng ký hộ kinh doanh tuần trước. Bao lâu thì có giấy?")[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.001612"


def test_a_question_that_names_the_procedure_done_asks_about_it(core: Core) -> None:
    settled(core)
    reply = say(core, "Cửa hàng tạp hóa của tôi đã đăng ký hộ kinh doanh từ lâu. "
                      "Đăng ký hộ kinh doanh cần giấy gì?")[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.001612"


def test_a_story_about_another_matter_does_not_turn_a_question_that_names_its_procedure(
        core: Core) -> None:
    settled(core)
    reply = say(core, "Nhà tôi bán tạp hóa, đã đăng ký hộ kinh doanh mấy năm nay. "
                      "Đăng ký kết hôn cần mang những giấy tờ gì? Phường tôi mới sáp nhập nên "
                      "tôi chưa rõ lắm.")[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.000894"


def test_a_field_asked_in_a_story_is_the_storys_procedures_not_a_general_answers(
        core: Core) -> None:
    settled(core)
    reply = say(core, "Chồng tôi là người Nhật, chúng tôi muốn đăng ký kết hôn ở xã tôi. "
                      "Anh ấy cần chuẩn bị những giấy tờ gì?")[0]
    assert reply.status == "answered" and code_of(core, reply) == "2.000806"


def test_a_story_does_not_turn_a_question_naming_a_matter_its_entry_never_mentions(
        core: Core) -> None:
    settled(core)
    reply = say(core, "Tuần trước bà dì ở quê lên thăm, ngủ lại nhà tôi mấy đêm. "
                      "Mất hộ chiếu thì trình báo ở đâu?")[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.010386"


def test_a_paper_already_had_leaves_the_matter_of_the_story_not_a_sibling_of_the_paper(
        core: Core) -> None:
    # the single-status paper is done; the one other case of its question back (residence)
    # is nothing the story is about: the marriage is
    settled(core)
    reply = say(core, "Tôi là người Việt, vợ sắp cưới là người Nhật. Cô ấy đã có giấy xác nhận "
                      "độc thân do Nhật cấp. Ngoài hộ chiếu thì cô ấy cần thêm giấy gì?")[0]
    assert code_of(core, reply) != "1.010041"
    assert reply.entry_id is not None and "ket-hon" in reply.entry_id
