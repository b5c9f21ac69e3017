"""Transcripts for questions that used to get a confident answer of the wrong procedure of a
family: a household asking to be recognised as poor files the regular request (thường xuyên,
1.011607), not the commune's periodic review (định kỳ, 1.011606) unless it names that review;
a lost passport is reported at the commune police (1.010386), not applied for anew (1.001456)."""

from __future__ import annotations

import pytest

from bot.app import Core
from tests.transcript import code_of, say, settled


@pytest.mark.parametrize("question", [
    "gia đình tôi muốn đăng ký hộ cận nghèo thì mất mấy ngày",
    "nhà khó khăn xin xét hộ nghèo nộp đơn ở đâu ạ",
])
def test_a_household_asking_to_be_poor_gets_the_regular_procedure(core: Core, question: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.011607"


def test_the_regular_procedure_answers_with_its_time_limit(core: Core) -> None:
    settled(core)
    reply = say(core, "gia đình tôi muốn đăng ký hộ cận nghèo thì mất mấy ngày")[0]
    assert reply.field == "time_limit" and "15" in reply.text


def test_the_periodic_review_named_is_the_periodic_procedure(core: Core) -> None:
    settled(core)
    reply = say(core, "đợt xét hộ nghèo định kỳ cuối năm của xã cần giấy gì")[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.011606"


@pytest.mark.parametrize("question", [
    "làm rơi mất passport rồi giờ làm sao",
    "hộ chiếu bị trộm mất thì báo ở đâu",
    "mất hộ chiếu thì trong mấy ngày phải đi trình báo",
])
def test_a_lost_passport_is_reported_not_applied_for(core: Core, question: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.010386"


def test_a_new_passport_is_still_the_passport_procedure(core: Core) -> None:
    settled(core)
    reply = say(core, "làm hộ chiếu lần đầu cần giấy gì")[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.001456"


def test_a_new_passport_after_a_loss_is_told_to_report_the_loss_first(core: Core) -> None:
    settled(core)
    replies = [r for r in say(core, "hộ chiếu của tôi bị mất, làm cái mới hết bao nhiêu tiền")
               if r.status == "answered"]
    assert [code_of(core, r) for r in replies] == ["1.010386", "1.001456"]


@pytest.mark.parametrize("question", [
    "Giấy khai sinh của con ghi ngày sinh mùng 5 nhưng học bạ lại ghi mùng 15, làm thủ tục gì?",
    "tên tôi trong khai sinh với bằng đại học không khớp nhau, sửa mất mấy ngày",
])
def test_papers_that_disagree_are_a_correction(core: Core, question: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.004859"
