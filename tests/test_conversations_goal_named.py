"""Transcripts for the "paper needed for a goal" steering rule (:mod:`bot.steering`): the goal is
a procedure the message names beyond the paper; a situation alone ("đi làm xa 6 tháng") names
no goal, so "… có cần khai báo tạm vắng không" stays with khai báo tạm vắng."""

from __future__ import annotations

from bot.app import Core
from tests.transcript import code_of, say, settled


def test_a_situation_alone_names_no_goal(core: Core) -> None:
    settled(core)
    reply = say(core, "đi làm xa 6 tháng có cần khai báo tạm vắng không")[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.003677"


def test_a_named_goal_still_takes_the_question(core: Core) -> None:
    settled(core)
    reply = say(core, "Tháng sau hai đứa em đăng ký kết hôn. "
                      "Có cần xin giấy xác nhận độc thân trước không?")[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.000894"


def test_military_service_named_keeps_its_own_absence_notice(core: Core) -> None:
    settled(core)
    reply = say(core, "Con trai tôi 19 tuổi đi làm ăn xa nửa năm, "
                      "có phải đăng ký tạm vắng nghĩa vụ quân sự không")[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.013138"
