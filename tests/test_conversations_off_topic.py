"""Transcripts for questions off the subject altogether (``plain: true`` topics of
``out_of_scope:`` in knowledge/conversation.yaml): the reply says what the assistant answers,
never that the question was recorded for staff, and the question is not queued; a question next
to a procedure still gets the fallback that is queued, and a procedure that names the topic is
still answered."""

from __future__ import annotations

import pytest

from bot.app import Core
from tests.transcript import say, settled

RECORDED = "đã được ghi lại"


@pytest.mark.parametrize("question", [
    "mai ở Hải Phòng thời tiết có đẹp không ad",
    "tối qua tuyển Việt Nam thắng mấy bàn, tỉ số bao nhiêu",
    "cho hỏi ket qua xo so mien bac hom nay",
    "tối nay có trận bóng đá nào hay không ad",
    "ad biết ca sĩ nào hát hay nhất không",
])
def test_an_off_topic_question_is_told_the_assistants_subject_and_not_queued(core: Core,
                                                                            question: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "fallback"
    assert RECORDED not in reply.text and "thủ tục hành chính" in reply.text
    assert core.store.count("unanswered") == 0
    assert core.store.count("interactions", "status = 'fallback'") == 1  # still a question


def test_a_question_next_to_a_procedure_is_still_recorded_for_staff(core: Core) -> None:
    settled(core)
    reply = say(core, "xin visa sang Úc thăm con cần những gì")[0]
    assert reply.status == "fallback" and RECORDED in reply.text
    assert core.store.count("unanswered") == 1


def test_a_procedure_that_names_the_topic_is_answered(core: Core) -> None:
    settled(core)
    reply = say(core, "thủ tục cấp giấy chứng nhận đủ điều kiện kinh doanh đặt cược bóng đá quốc tế")[0]
    assert reply.status in ("answered", "suggest") and RECORDED not in reply.text
