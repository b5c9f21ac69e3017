"""Transcripts for a paper asked about as a document of the procedure named before it: "đăng ký
thường trú … có cần giấy khai sinh không" is a thường trú question (the birth paper is what the
registration may ask for), not a khai sinh one; and for citizens' words that name a case:
a spouse named by nationality ("chồng Hàn") is a foreign spouse, "thường chú" is "thường trú";
a household business passed to a new owner is a change of its registration; a paper confirming
one's residence ("giấy xác nhận tạm trú / hộ khẩu") is the residence confirmation (1.010041)."""

from __future__ import annotations

import pytest

from bot.app import Core
from tests.transcript import code_of, say, settled


@pytest.mark.parametrize("question", [
    "đăng ký thường trú cho con gái có phải nộp giấy khai sinh không",
    "nhập hộ khẩu cho con có cần giấy khai sinh không",
])
def test_a_paper_asked_about_belongs_to_the_procedure_named_before_it(core: Core, question: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.004222"


def test_a_paper_that_names_no_procedure_leaves_the_answer_alone(core: Core) -> None:
    settled(core)
    reply = say(core, "xin trích lục khai sinh có cần mang căn cước không")[0]
    assert reply.status == "answered" and code_of(core, reply) == "2.000635"


@pytest.mark.parametrize("spouse", ["chồng Hàn", "vợ Tây", "chong Nhat"])
def test_a_spouse_named_by_nationality_is_a_foreign_spouse(core: Core, spouse: str) -> None:
    settled(core)
    reply = say(core, f"đăng ký kết hôn với {spouse} mất bao lâu")[0]
    assert reply.status == "answered" and code_of(core, reply) == "2.000806"


def test_tr_typed_ch_is_still_permanent_residence(core: Core) -> None:
    assert core.engine.norm.tokens("đăng ký thường chú") == core.engine.norm.tokens("đăng ký thường trú")


@pytest.mark.parametrize("question", [
    "bố tôi già rồi muốn sang tên hộ kinh doanh cho tôi thì làm thế nào",
    "muốn đổi người đứng tên hộ kinh doanh cần giấy gì",
])
def test_a_new_owner_of_a_household_business_is_a_change_of_its_registration(
        core: Core, question: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "answered" and code_of(core, reply) == "2.000720"


@pytest.mark.parametrize("question", [
    "giấy xác nhận thường trú xin ở đâu",
    "cần giấy xác nhận hộ khẩu để nộp hồ sơ đi làm, xin ở đâu",
])
def test_a_paper_confirming_residence_is_the_residence_confirmation(core: Core, question: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.010041"
