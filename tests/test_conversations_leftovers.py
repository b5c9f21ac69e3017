"""Transcripts for a tester's reports: a death and its residence registration (khai tử leads,
xóa đăng ký thường trú follows), "nhân thân" that is not "thân nhân", and the 2019 record of the
linked birth / residence / health-card service, whose household-book papers and 20-day time
limit are superseded (the card's sourced lines say what is in force)."""

from __future__ import annotations

import pytest

from bot.app import Core
from tests.transcript import code_of, say, settled

KHAI_TU, XOA_THUONG_TRU = "1.000656", "1.003197"


@pytest.mark.parametrize("question", [
    "ông nội tôi qua đời tuần rồi, cắt hộ khẩu cho ông thế nào",
    "bà ngoại mất rồi thì cắt khẩu cho bà ở đâu",
    "chồng chị ấy từ trần, giờ xóa thường trú cho anh ấy cần giấy gì",
])
def test_residence_of_a_person_who_died_is_answered_with_khai_tu_first(core: Core, question: str) -> None:
    settled(core)
    replies = [r for r in say(core, question) if r.status == "answered"]
    assert [code_of(core, r) for r in replies] == [KHAI_TU, XOA_THUONG_TRU]


@pytest.mark.parametrize("question", [
    "cắt khẩu mất bao lâu",                          # "mất" of a duration is no death
    "cắt hộ khẩu cho con đi định cư nước ngoài ở đâu",
])
def test_residence_deleted_for_another_reason_is_answered_alone(core: Core, question: str) -> None:
    settled(core)
    replies = [r for r in say(core, question) if r.status == "answered"]
    assert [code_of(core, r) for r in replies] == [XOA_THUONG_TRU]


@pytest.mark.parametrize("question", [
    "làm giấy xác nhận nhân thân ở đâu",
    "xin giấy xác nhận nhân thân cần mang gì",
])
def test_nhan_than_is_not_the_relatives_of_people_with_merit(core: Core, question: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert code_of(core, reply) != "1.010833"
    assert "người có công" not in reply.text


def test_the_relatives_of_people_with_merit_are_still_found(core: Core) -> None:
    settled(core)
    reply = say(core, "xin giấy xác nhận thân nhân người có công ở xã")[0]
    assert code_of(core, reply) == "1.010833"


def test_the_linked_service_for_young_children_says_the_household_book_is_superseded(core: Core) -> None:
    settled(core)
    reply = say(core, "làm liên thông khai sinh, nhập khẩu và thẻ bảo hiểm y tế cho bé 2 tháng tuổi "
                      "thì phải chuẩn bị giấy gì")[0]
    assert code_of(core, reply) == "2.000986"
    assert "số định danh cá nhân" in reply.text and "nay không nộp" in reply.text
    assert "20 ngày" not in reply.text  # the record's old time limit is not quoted


def test_the_linked_service_time_is_the_one_in_force(core: Core) -> None:
    settled(core)
    reply = say(core, "liên thông khai sinh thường trú bhyt cho con mất mấy ngày")[0]
    assert code_of(core, reply) == "2.000986"
    assert "3 ngày làm việc" in reply.text and "20 ngày" not in reply.text
