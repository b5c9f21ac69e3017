"""Transcripts for where questions whose best fit is an official record of another level (a
tax office's, a provincial department's): answered with the body the record names instead of
the fallback, when no entry filed at another place scores as close (bot/choosing.py's
``lone_record``)."""

from __future__ import annotations

import pytest

from bot.app import Core
from tests.transcript import code_of, say, settled


@pytest.mark.parametrize(("question", "code", "body"), [
    ("hộ kinh doanh như nhà tôi khai thuế thì nộp ở xã hay chỗ khác", "1.011022", "Thuế cơ sở"),
    ("Tôi là người Nhật có thẻ thường trú ở VN, muốn nhận con nuôi thì nộp ở cơ quan nào?",
     "1.003160", "Sở Tư pháp"),
])
def test_a_where_question_on_another_levels_record_names_its_body(core: Core, question: str,
                                                                  code: str, body: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert code_of(core, reply) == code and reply.field == "where"
    assert "không làm ở xã, phường" in reply.text and body in reply.text
