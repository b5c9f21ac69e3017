"""Transcripts for questions next to the procedures that no procedure answers (``out_of_scope:``
in knowledge/conversation.yaml): they get the polite fallback, not the procedure whose words they
share, while the same words about a procedure of ours still get its answer; and for a bare matter
with several cases, which is asked back unless the question names the case."""

from __future__ import annotations

import pytest

from bot.app import Core
from bot.messages import Reply
from tests.transcript import code_of, say, settled


@pytest.mark.parametrize("question", [
    "xin visa sang Hàn Quốc du lịch cần những giấy gì",       # not the passport
    "muốn gia hạn visa cho bạn đi Nhật thì làm sao",
    "mua bảo hiểm xe máy bắt buộc ở đâu rẻ",                  # not household health insurance
    "xe ô tô nhà tôi sắp hết hạn đăng kiểm, đi đăng kiểm ở đâu",  # not the driving licence
    "ở Nhật đi đổi bằng lái xe thì làm sao",                  # a foreign country's own procedure
    "bên Mỹ làm đám cưới thì có cần đăng ký gì không",
    "luật nước ngoài cho kết hôn năm mấy tuổi",
    "cho em xin sđt chủ tịch phường với",                     # an official's own number
    "tháng này nên mua cổ phiếu ngân hàng không",              # investment advice
])
def test_a_question_next_to_a_procedure_gets_the_fallback(core: Core, question: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "fallback"


@pytest.mark.parametrize(("question", "code"), [
    ("làm hộ chiếu lần đầu ở đâu", "1.001456"),
    ("đăng ký kết hôn với người Hàn Quốc nộp ở đâu", "2.000806"),
    # back home: papers issued abroad, a person returning, an event abroad registered here
    ("bằng tốt nghiệp cấp ở nước ngoài có chứng thực bản sao ở xã được không", "2.000815"),
    ("con sinh ở Nhật, về nước thì đăng ký khai sinh ở đâu", "2.000528"),
])
def test_the_same_words_about_one_of_our_procedures_are_answered(core: Core, question: str,
                                                                 code: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "answered" and code_of(core, reply) == code


def test_a_story_set_abroad_is_read_whole(core: Core) -> None:
    settled(core)
    reply = say(core, "Em đang đi xuất khẩu lao động. Ở Nhật muốn đổi bằng lái xe thì làm thế "
                      "nào ạ?")[0]
    assert reply.status == "fallback"


@pytest.mark.parametrize(("question", "code"), [
    # abroad, but not where the thing asked is done
    ("Chồng tôi đang làm việc ở nước ngoài. Tôi muốn đăng ký tạm trú cho mẹ chồng thì cần gì?",
     "1.004194"),
    ("làm giấy khai sinh cho con cần gì? còn visa đi Nhật thì làm ở đâu?", "1.001193"),
])
def test_a_place_abroad_that_is_not_where_the_matter_is_done(core: Core, question: str,
                                                             code: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "answered" and code_of(core, reply) == code


def offered(reply: Reply) -> list[str]:
    return [c.entry_id for c in reply.choices if c.entry_id is not None]


@pytest.mark.parametrize(("question", "choices"), [
    # lost: a copy of the extract, or registering again when the register is lost too
    ("con em làm mất giấy khai sinh rồi, giờ làm sao",
     {"tthc-cap-ban-sao-trich-luc-ho-tich", "tthc-dang-ky-lai-khai-sinh"}),
    # a household business: opening, changing, pausing or closing
    ("hỏi chút về hộ kinh doanh", {"tthc-ho-kinh-doanh", "tthc-tam-ngung-ho-kinh-doanh",
                                   "tthc-cham-dut-ho-kinh-doanh"}),
])
def test_a_bare_matter_with_several_cases_is_asked_back(core: Core, question: str,
                                                        choices: set[str]) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "suggest" and choices <= set(offered(reply))


@pytest.mark.parametrize(("question", "code"), [
    ("xin thêm bản sao giấy khai sinh cho con ở đâu", "2.000635"),   # "bản sao" picks the copy
    ("thủ tục đăng ký khai sinh cho con mới sinh cần gì", "1.001193"),  # named whole
])
def test_a_question_that_picks_a_case_is_answered(core: Core, question: str, code: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "answered" and code_of(core, reply) == code


def test_one_already_registered_is_not_answered_with_the_first_registration(core: Core) -> None:
    settled(core)
    reply = say(core, "Cháu đã đăng ký nghĩa vụ quân sự ở quê rồi, nay lên tỉnh khác học thì "
                      "có phải làm gì không")[0]
    assert reply.entry_id != "tthc-nghia-vu-quan-su-lan-dau"


@pytest.mark.parametrize("question", [
    "giấy khai sinh của cháu bị ghi nhầm ngày sinh, muốn sửa thì làm ở đâu",
    "sửa lại tên trong giấy khai sinh mất mấy ngày",
])
def test_correcting_a_birth_record_is_not_registering_a_birth(core: Core, question: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.004859"


def test_recognising_a_father_alone_is_not_the_joint_birth_registration(core: Core) -> None:
    settled(core)
    reply = say(core, "làm thủ tục nhận cha con thì cần mang gì")[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.001022"


def test_an_id_card_for_a_child_of_no_given_age_asks_which_age(core: Core) -> None:
    settled(core)
    reply = say(core, "làm căn cước cho con thì cần gì")[0]
    assert reply.status == "suggest"
    assert {"tthc-cap-can-cuoc-tre-duoi-6-tuoi", "tthc-cap-can-cuoc-tre-6-den-14-tuoi"} <= set(offered(reply))
    picked = say(core, "cháu được 4 tuổi")[0]
    assert picked.entry_id == "tthc-cap-can-cuoc-tre-duoi-6-tuoi"


def test_an_id_card_question_with_no_child_named_is_the_adults(core: Core) -> None:
    settled(core)
    reply = say(core, "làm căn cước ở đâu vậy")[0]
    assert reply.entry_id == "tthc-cap-the-can-cuoc"


def test_a_visa_for_a_foreigner_coming_here_is_not_the_out_of_scope_visa(core: Core) -> None:
    settled(core)
    reply = say(core, "thủ tục gia hạn visa cho người nước ngoài đang ở Việt Nam")[0]
    assert reply.status != "fallback"


@pytest.mark.parametrize("question", [
    "ly hôn thuận tình nộp đơn ở đâu",
    "ly hon don phuong nop o dau",
    "vợ chồng muốn ly hôn thì làm ở ủy ban xã được không",
])
def test_a_divorce_is_sent_to_the_court_not_the_commune(core: Core, question: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "answered" and "Tòa án nhân dân khu vực" in reply.text
    assert "không phải thủ tục hành chính ở UBND xã" in reply.text
