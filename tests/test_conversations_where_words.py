"""Transcripts for where and online asked in citizens' own words without "ở đâu"
(``bot/places.py``): two places to choose from, a place one must go to, "nộp … cho ai", an office
asked of, and the ways of saying "without going there" and "which site". The place a question
names is where to go, not the procedure: the procedure is found without its words."""

from __future__ import annotations

import pytest

from bot.app import Core
from bot.places import place_words
from bot.textnorm import fold
from tests.transcript import code_of, say, settled


@pytest.mark.parametrize(("question", "code"), [
    ("đăng ký khai tử cho ông ở xã hay ở tỉnh", "1.000656"),
    ("xin xác nhận tình trạng hôn nhân ở phường cũ hay phường mới", "1.004873"),
    ("giấy xác nhận cư trú thì ra công an hay ra ủy ban", "1.010041"),
    ("nhập hộ khẩu cho vợ có phải lên huyện không", "1.004222"),
    ("làm lại căn cước bị mất có cần ra tận tỉnh không", "1.014064"),
    ("đăng ký tạm vắng nộp giấy cho ai", "1.003677"),
    ("đăng ký khai tử cho bà thì xã hay tỉnh làm", "1.000656"),
    ("đăng ký thường trú cho con ở phường hay phải về quê", "1.004222"),
    ("chứng thực chữ ký ở phường hay phải lên tỉnh", "2.000884"),
    ("đăng ký biển số xe máy công an xã hay công an tỉnh", "1.013067"),
])
def test_where_asked_without_the_word_dau(core: Core, question: str, code: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "answered" and code_of(core, reply) == code
    assert reply.field == "where"
    assert "Nơi nộp:" in reply.text


def test_an_office_asked_of_is_where_not_the_matter(core: Core) -> None:
    settled(core)
    reply = say(core, "sang tên xe máy ở công an phường được không")[0]
    assert code_of(core, reply) == "1.013076" and reply.field == "where"


def test_must_i_go_there_in_a_conversation_asks_where_the_procedure_is_filed(core: Core) -> None:
    settled(core)
    first = say(core, "đăng ký kết hôn cần giấy tờ gì")[0]
    assert code_of(core, first) == "1.000894"
    reply = say(core, "có phải về tận quê vợ không")[0]
    assert code_of(core, reply) == "1.000894" and reply.field == "where"
    assert "nơi cư trú của một trong hai bên" in reply.text


def test_a_place_where_something_is_to_be_done_there_asks_whether_one_must() -> None:
    # "có phải lên công an xã cắt hộ khẩu không" asks whether one must do it, not where
    assert not place_words(fold("có phải lên công an xã cắt hộ khẩu không").split(), asked_only=True)
    assert place_words(fold("có phải lên công an xã không").split(), asked_only=True) == set(range(7))


def test_the_one_stop_desk_stays_in_the_question() -> None:
    # the desk is itself what many entries are about ("Trung tâm phục vụ hành chính công là gì")
    tokens = fold("làm ở trung tâm phục vụ hành chính công được không").split()
    assert place_words(tokens) == set()


@pytest.mark.parametrize(("question", "code"), [
    ("đăng ký tạm trú mà không phải đi có được không", "1.004194"),
    ("gia hạn tạm trú không cần ra công an thì làm sao", "1.002755"),
])
def test_without_going_there_asks_online(core: Core, question: str, code: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert code_of(core, reply) == code and "online" in (reply.field or "")
    assert "Cổng Dịch vụ công quốc gia" in reply.text


def test_which_site_after_an_answer_is_the_online_way_of_that_procedure(core: Core) -> None:
    settled(core)
    say(core, "đăng ký hộ kinh doanh cần những gì")
    reply = say(core, "làm online thì vào web nào")[0]
    assert code_of(core, reply) == "1.001612" and reply.field == "online"
    assert "dichvucong.gov.vn" in reply.text


@pytest.mark.parametrize(("question", "code"), [
    ("đăng ký lại khai tử thì tới đâu", "1.005461"),
    ("đăng ký giám hộ cho cháu thì liên hệ ai", "1.004837"),
    ("ai cấp giấy phép xây dựng nhà ở", "1.013225"),
    ("phường có nhận hồ sơ tạm trú không", "1.004194"),
    ("ủy ban xã có chứng thực di chúc không", "2.001019"),
])
def test_an_office_asked_whether_it_does_the_procedure_asks_where(core: Core, question: str,
                                                                  code: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert code_of(core, reply) == code and reply.field == "where"


def test_whether_one_must_come_in_person_asks_online(core: Core) -> None:
    settled(core)
    reply = say(core, "xin bản sao trích lục khai sinh có phải đến trực tiếp không")[0]
    assert code_of(core, reply) == "2.000635" and reply.field == "online"
    assert "bưu chính công ích" in reply.text


def test_the_place_described_after_it_is_the_place_not_the_matter(core: Core) -> None:
    # "quê nơi đăng ký khai sinh": the words after "nơi" say which place, not what procedure
    settled(core)
    first = say(core, "trích lục khai sinh bản sao xin ở đâu")[0]
    assert code_of(core, first) == "2.000635"
    reply = say(core, "vậy có phải về quê nơi làm khai sinh lúc nhỏ không")[0]
    assert code_of(core, reply) == "2.000635" and reply.field == "where"
    assert "không phụ thuộc nơi cư trú" in reply.text


def test_words_that_only_ask_where_name_no_procedure(core: Core) -> None:
    # asked first, with nothing under discussion: no procedure is answered on them
    settled(core)
    reply = say(core, "có phải về quê nơi mình sinh ra không")[0]
    assert code_of(core, reply) is None  # a general entry about where to file, at most


def test_a_question_about_the_post_is_told_how_the_post_takes_the_file(core: Core) -> None:
    settled(core)
    reply = say(core, "xin giấy xác nhận tình trạng hôn nhân nhờ bưu điện nộp giúp được không")[0]
    assert code_of(core, reply) == "1.004873" and reply.field == "online"
    assert "niêm phong trước mặt bạn" in reply.text and "QĐ 45/2016/QĐ-TTg" in reply.text


def test_the_post_line_is_said_only_when_the_post_is_asked_of(core: Core) -> None:
    settled(core)
    reply = say(core, "xin giấy xác nhận tình trạng hôn nhân làm online được không")[0]
    assert code_of(core, reply) == "1.004873" and "niêm phong" not in reply.text
