"""Transcripts for a follow-up that asks how the procedure under discussion is filed, in the
words every procedure uses ("đăng ký online được không", "cấp thẻ ở đâu"): a pair of words
that name no procedure by themselves names none either (``bot/following.py``), so the answer
stays with the procedure under discussion."""

from __future__ import annotations

import pytest

from bot.app import Core
from tests.transcript import code_of, say, settled


@pytest.mark.parametrize(("first", "then", "code", "field"), [
    ("giấy xác nhận tình trạng hôn nhân cần những gì", "đăng ký online được ko", "1.004873", "online"),
    ("khai báo tạm vắng cần gì", "đăng ký qua mạng được không ạ", "1.003677", "online"),
])
def test_a_filing_verb_in_a_follow_up_keeps_the_procedure(core: Core, first: str, then: str,
                                                          code: str, field: str) -> None:
    settled(core)
    say(core, first)
    reply = say(core, then)[0]
    assert reply.status == "answered" and code_of(core, reply) == code and reply.field == field


def test_a_follow_up_that_names_another_procedure_still_moves_on(core: Core) -> None:
    settled(core)
    say(core, "khai tử cần giấy gì")
    reply = say(core, "còn đăng ký kết hôn thì sao")[0]
    assert code_of(core, reply) == "1.000894"
