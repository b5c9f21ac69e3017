"""Transcripts for a situation a story states that picks the case of its procedure: a child
born abroad or a foreign parent or spouse is the registration with a foreign element
(records 2.000528 and 2.000806); a register lost with the original is a registration made
again (1.004884, 1.004746), where the question alone names the plain one."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.app import Core
from tests.transcript import code_of, say, settled


@pytest.mark.parametrize(("story", "code"), [
    ("Con gái tôi sinh bé bên Hàn, bố bé là người Hàn. Giờ hai mẹ con về ở với ông bà ngoại "
     "ở Huế. Làm khai sinh cho bé ở đâu?", "2.000528"),
    ("Vợ tôi người Lào, chúng tôi muốn đăng ký kết hôn. Cần giấy tờ gì?", "2.000806"),
    ("Cháu tôi được sinh ra ở Úc, giờ về Việt Nam sống. Đăng ký khai sinh cho cháu cần giấy gì?",
     "2.000528"),
])
def test_a_foreign_element_in_the_story_picks_its_registration(core: Core, story: str,
                                                                code: str) -> None:
    settled(core)
    assert code_of(core, say(core, story)[0]) == code


@pytest.mark.parametrize("story", [
    # a parent abroad for work says where he is, not that the birth has a foreign element
    "Chồng tôi đang ở nước ngoài chưa về. Tôi đi làm khai sinh cho con một mình được không?",
    "Tôi sinh năm 1992, mấy năm đi lao động nước ngoài. Giờ về làm khai sinh cho con thì cần gì?",
])
def test_a_story_that_only_mentions_abroad_keeps_the_plain_registration(core: Core, story: str) -> None:
    settled(core)
    assert code_of(core, say(core, story)[0]) == "1.001193"


@pytest.mark.parametrize(("story", "code"), [
    ("Tôi sinh năm 1980, giấy khai sinh bị thất lạc khi chuyển nhà. Lên xã hỏi thì sổ hộ tịch "
     "năm đó cũng không còn lưu. Giờ tôi phải làm thủ tục gì?", "1.004884"),
    ("Giấy chứng nhận kết hôn của bố mẹ tôi bị cháy, sổ hộ tịch ở xã cũng bị cháy theo. Bố mẹ "
     "tôi đăng ký kết hôn lại được không?", "1.004746"),
])
def test_a_register_lost_with_the_original_is_registered_again(core: Core, story: str,
                                                                code: str) -> None:
    settled(core)
    assert code_of(core, say(core, story)[0]) == code


def test_a_register_still_kept_is_not_a_reason_to_register_again(core: Core) -> None:
    settled(core)
    reply = say(core, "Giấy khai sinh của tôi bị mất khi chuyển nhà, xã bảo sổ vẫn còn lưu. "
                      "Giờ tôi phải làm thủ tục gì?")[0]
    assert code_of(core, reply) != "1.004884"


def test_an_old_person_without_a_pension_is_not_asking_for_one(core: Core) -> None:
    # "không có lương hưu" states the case of the social allowance, not the pension procedure
    settled(core)
    reply = say(core, "Ông tôi 85 tuổi, sống một mình, không có lương hưu. Cần giấy tờ gì để xin "
                      "trợ cấp?")[0]
    assert code_of(core, reply) == "1.001776"


def test_a_story_that_names_one_case_of_a_question_back_answers_it(core: Core) -> None:
    # "Ra phường chứng thực thì tốn bao nhiêu?" alone asks which chứng thực; the story said "bản sao"
    settled(core)
    reply = say(core, "Tôi đang làm hồ sơ xin việc, bên tuyển dụng cần bản sao bằng tốt nghiệp có "
                      "chứng thực, 3 bản. Ra phường chứng thực thì tốn bao nhiêu?")[0]
    assert code_of(core, reply) == "2.000815" and reply.field == "fee"


def test_a_story_that_names_no_case_keeps_the_question_back(core: Core) -> None:
    settled(core)
    reply = say(core, "Tôi đang làm hồ sơ xin việc ở một công ty gần nhà. Ra phường chứng thực "
                      "thì tốn bao nhiêu?")[0]
    offered = {code_of(core, replace(reply, entry_id=c.entry_id)) for c in reply.choices}
    assert {"2.000815", "2.000884"} <= offered  # bản sao, chữ ký … still offered
