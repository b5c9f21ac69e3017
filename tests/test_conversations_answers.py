"""Transcripts for answers that carry the fact asked: every field a message asks for (also
after a story), the field named in a citizen's own words, short facts before long lists in a
summary, where to file with the online way, and curated lines with their sources."""

from __future__ import annotations

import pytest

from bot.app import Core
from bot.knowledge.records.extract import condition_lines
from tests.transcript import code_of, say, settled


def test_a_story_keeps_both_fields_its_question_asks(core: Core) -> None:
    settled(core)
    reply = say(core, "Bà ngoại tôi đang ở với tôi ở phường khác, bà cần giấy xác nhận tình trạng "
                      "hôn nhân để làm giấy tờ đất. Bà xin ở phường nơi đang ở với cháu được không, "
                      "và mấy ngày thì lấy được?")[0]
    assert code_of(core, reply) == "1.004873"
    assert reply.field == "where+time_limit"
    assert "Nơi nộp" in reply.text and "3 ngày làm việc" in reply.text


@pytest.mark.parametrize(("question", "code", "field", "fact"), [
    # how long one may stay is a condition (validity), not the time the office takes
    ("tạm trú được ở tối đa bao lâu vậy", "1.004194", "conditions", "tối đa 2 năm"),
    # whether one must live there is a question of where to file
    ("chứng thực chữ ký có cần là người ở phường đó không", "2.000884", "where",
     "không phụ thuộc nơi cư trú"),
    # "tính tiền" asks the fee
    ("chứng thực bản sao sổ đỏ 5 trang thì tính tiền thế nào", "2.000815", "fee", "1.000 đồng"),
])
def test_a_field_named_in_a_citizens_words(core: Core, question: str, code: str, field: str,
                                           fact: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert code_of(core, reply) == code and reply.field == field
    assert fact in reply.text


def test_papers_and_a_validity_asked_together_get_both(core: Core) -> None:
    settled(core)
    reply = say(core, "làm tạm trú thì mang giấy tờ gì, và tạm trú tối đa mấy năm")[0]
    assert code_of(core, reply) == "1.004194" and reply.field == "documents+conditions"
    assert "chỗ ở hợp pháp" in reply.text and "tối đa 2 năm" in reply.text


def test_bringing_only_the_original_is_a_question_about_the_papers(core: Core) -> None:
    settled(core)
    say(core, "chứng thực bản sao bằng tốt nghiệp ở đâu")
    reply = say(core, "chỉ mang bản chính thôi có được không")[0]
    assert code_of(core, reply) == "2.000815" and reply.field == "documents"
    assert "chụp" in reply.text


def test_a_summary_shows_the_fee_under_a_list_of_long_paper_names(core: Core) -> None:
    settled(core)
    reply = say(core, "thủ tục xin bản sao trích lục kết hôn")[0]
    assert code_of(core, reply) == "2.000635" and reply.field is None
    assert "8.000 đồng" in reply.text
    # the record names a provincial body; the card's sourced line says any commune does it
    assert "UBND xã, phường bất kỳ" in reply.text


def test_the_rest_of_a_paper_name_cut_in_the_list_is_quoted_when_it_holds_the_detail(core: Core) -> None:
    settled(core)
    reply = say(core, "làm lại bằng lái hạng A1 bị mất có phải đi khám sức khỏe không")[0]
    assert code_of(core, reply) == "3.000348"
    # the rest of the name, after the point where the list cut it
    assert "ℹ️ … chuẩn theo quy định" in reply.text
    assert "trừ người có giấy phép lái xe hạng A1" in reply.text


def test_a_condition_cut_in_the_answer_is_not_quoted_again_from_its_start(core: Core) -> None:
    settled(core)
    reply = say(core, "bán xe máy rồi thì chủ cũ phải khai báo thu hồi biển số trong bao lâu")[0]
    assert code_of(core, reply) == "1.013065"
    assert reply.text.count("Trong thời hạn 07 ngày làm việc, kể từ ngày xe hết niên hạn") == 1


def test_where_to_file_also_says_it_can_be_filed_online(core: Core) -> None:
    settled(core)
    reply = say(core, "đăng ký khai sinh cho con ở đâu")[0]
    assert code_of(core, reply) == "1.001193" and reply.field == "where"
    # the curated line's "chuyển trực tuyến" is the office's doing, not a way to file
    assert "Hoặc nộp trực tuyến trên Cổng Dịch vụ công quốc gia" in reply.text
    assert "bưu chính công ích" in reply.text


@pytest.mark.parametrize(("question", "code", "field", "fact"), [
    # the competent commune is named before the choice of another one
    ("ông tôi vừa mất, làm giấy khai tử ở xã nào", "1.000656", "where", "nơi cư trú cuối cùng"),
    ("đăng ký kết hôn ở xã nào vậy ad", "1.000894", "where", "một trong hai bên"),
    # a copy from the register is issued on request, not in up to 15 days
    ("xin bản sao trích lục kết hôn thì mấy ngày có", "2.000635", "time_limit",
     "Cấp ngay khi có yêu cầu"),
    # the papers of a marital-status certificate: identity number, a divorce judgment
    ("giấy xác nhận độc thân cần chuẩn bị những gì", "1.004873", "documents",
     "bản án, quyết định ly hôn"),
    ("giấy xác nhận độc thân cần chuẩn bị những gì", "1.004873", "documents",
     "số định danh cá nhân"),
    # the citizen's own deadline beside the office's
    ("xóa thường trú cho con đi nước ngoài định cư thì bao lâu phải làm, mấy ngày xong",
     "1.003197", "time_limit", "trong 7 ngày"),
    ("lý lịch tư pháp nộp ở đâu", "3.000333", "where", "ứng dụng VNeID"),
])
def test_a_sourced_card_line_gives_the_fact_asked(core: Core, question: str, code: str,
                                                  field: str, fact: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert code_of(core, reply) == code and field in (reply.field or "").split("+")
    assert fact in reply.text


def test_signing_in_person_is_said_beside_the_fee(core: Core) -> None:
    settled(core)
    reply = say(core, "chứng thực chữ ký giấy ủy quyền hết bao nhiêu, bố tôi có phải ký trước mặt "
                      "cán bộ không")[0]
    assert code_of(core, reply) == "2.000884"
    assert "10.000 đồng" in reply.text and "ký trước mặt người thực hiện chứng thực" in reply.text


@pytest.mark.parametrize("question", [
    "làm căn cước cho con 3 tuổi có phải đưa con đi không",
    "con em 2 tuoi lam can cuoc online thi co can dua be den cong an ko",
])
def test_a_child_under_six_need_not_be_brought(core: Core, question: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert code_of(core, reply) == "1.014062"
    assert "không cần đưa trẻ đến" in reply.text


@pytest.mark.parametrize(("question", "code", "fact"), [
    ("khai báo tạm vắng phải ghi những thông tin gì", "1.003677", "lý do tạm vắng"),
    ("nhập khẩu vào nhà đi thuê thì cần giấy tờ gì", "1.004222", "hợp đồng, văn bản cho thuê"),
    ("đăng ký tạm trú phòng trọ cần giấy tờ gì", "1.004194", "không bắt buộc công chứng"),
])
def test_a_curated_list_of_papers_keeps_the_papers_of_the_common_case(core: Core, question: str,
                                                                     code: str, fact: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert code_of(core, reply) == code and reply.field == "documents"
    assert fact in reply.text


@pytest.mark.parametrize(("first", "code", "then"), [
    ("đăng ký tạm trú cần giấy tờ gì", "1.004194", "làm ở công an phường hay ủy ban"),
    ("thủ tục đăng ký hộ kinh doanh bán tạp hoá", "1.001612", "giờ không còn huyện thì nộp ở đâu"),
])
def test_a_where_question_naming_only_offices_stays_on_the_procedure(core: Core, first: str,
                                                                     code: str, then: str) -> None:
    settled(core)
    assert code_of(core, say(core, first)[0]) == code
    reply = say(core, then)[0]
    assert code_of(core, reply) == code and reply.field == "where"


def test_a_where_question_naming_another_procedure_moves_on(core: Core) -> None:
    settled(core)
    say(core, "đăng ký tạm trú cần giấy tờ gì")
    reply = say(core, "còn chứng thực bản sao thì làm ở phường nào")[0]
    assert code_of(core, reply) == "2.000815"


def test_papers_a_certificate_is_for_are_not_a_question_about_papers(core: Core) -> None:
    settled(core)
    reply = say(core, "cấp giấy xác nhận tình trạng hôn nhân để làm hồ sơ vay vốn")[0]
    assert code_of(core, reply) == "1.004873" and reply.field is None
    assert "3 ngày làm việc" in reply.text


def test_a_fee_answer_shows_the_cases_its_description_names(core: Core) -> None:
    settled(core)
    # the last reply: a lost passport is reported first (leads: in conversation.yaml)
    reply = say(core, "mất hộ chiếu làm lại thì lệ phí bao nhiêu")[-1]
    assert code_of(core, reply) == "1.001456" and reply.field == "fee"
    assert "bị mất: 400.000đ/hộ chiếu" in reply.text
    # the ways with the same fee share one line
    assert "Trực tuyến, Bưu chính công ích: 160.000 đồng" in reply.text


def test_a_conditions_answer_says_each_sentence_once(core: Core) -> None:
    lines = condition_lines(core.kb.entries["tthc-dang-ky-khai-sinh"])
    text = " ".join(lines)
    assert text.count("phải đăng ký khai sinh cho con trong 60 ngày") == 1


@pytest.mark.parametrize(("question", "code"), [
    ("báo lưu trú cho bố mẹ lên chơi thì phải lên tận nơi hay gọi điện là được", "2.001159"),
    ("khai báo tạm vắng gọi điện được không", "1.003677"),
])
def test_whether_a_phone_call_will_do_asks_the_ways_of_filing(core: Core, question: str,
                                                             code: str) -> None:
    """"gọi điện là được", "phải lên tận nơi hay …" ask how the procedure may be done (in person,
    by phone, online): the answer leads with the ways of filing."""
    settled(core)
    reply = say(core, question)[0]
    assert code_of(core, reply) == code and reply.field == "online"
    if code == "2.001159":
        assert "điện thoại" in reply.text


def test_an_online_answer_says_what_filing_online_saves(core: Core) -> None:
    """Filing online costs less than at the desk (the card's sourced fee line for the permanent
    residence, the record's fee of each way for a passport): the online answer says so, and says
    it once when the fee is asked as well."""
    settled(core)
    reply = say(core, "đăng ký thường trú làm trên vneid được không")[0]
    assert code_of(core, reply) == "1.004222" and reply.field == "online"
    assert "10.000 đ nộp trực tuyến" in reply.text
    settled(core, "c2")
    reply = say(core, "làm lại hộ chiếu online được không", user="c2")[0]
    assert reply.field == "online" and "Trực tuyến" in reply.text and "160.000" in reply.text
    settled(core, "c3")
    reply = say(core, "đăng ký thường trú làm online được không, lệ phí bao nhiêu", user="c3")[0]
    assert reply.field == "online+fee" and reply.text.count("10.000 đ nộp trực tuyến") == 1
    settled(core, "c4")
    reply = say(core, "khai sinh cho con làm online được không", user="c4")[0]
    assert reply.field == "online" and "Lệ phí theo cách nộp" not in reply.text


@pytest.mark.parametrize(("question", "hotline"), [
    ("đăng ký tạm trú trên dịch vụ công đến bước thanh toán thì bị treo, giờ làm sao", True),
    ("nộp hồ sơ khai sinh trên mạng nhưng ứng dụng cứ báo lỗi", True),
    ("đăng ký tạm trú trên dịch vụ công được không", False),
])
def test_a_fault_of_the_portal_gets_its_hotline(core: Core, question: str, hotline: bool) -> None:
    """A fault of the portal or the app while filing online is told the portal's hotline
    (knowledge/localities.yaml, national hotlines); a plain online question is not."""
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "answered"
    assert ("18001096" in reply.text) is hotline


def test_a_file_sent_days_ago_asks_where_to_follow_it_not_how_to_send_it(core: Core) -> None:
    settled(core)
    reply = say(core, "tôi đã nộp hồ sơ online 10 ngày rồi mà chưa thấy ai gọi, tra cứu ở đâu")[0]
    assert reply.entry_id == "dvc-tra-cuu-ho-so"
