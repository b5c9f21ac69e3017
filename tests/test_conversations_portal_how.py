"""Transcripts for following a file sent online and paying online (reference/facts.md, Online
services: Track and Pay): a question about a procedure that may be filed online that asks how to
follow the file or how to pay online is told how, and a question that asks neither is not."""

from __future__ import annotations

import pytest

from bot.app import Core
from tests.transcript import code_of, say, settled

TRACK = "Tra cứu hồ sơ"
PAY = "Nền tảng thanh toán quốc gia"


@pytest.mark.parametrize(("question", "code"), [
    ("gửi hồ sơ đăng ký tạm trú qua mạng hôm qua rồi, giờ muốn biết xử lý đến đâu thì xem ở đâu", "1.004194"),
    ("khai sinh cho bé nộp trên dịch vụ công rồi, tra cứu tình trạng thế nào", "1.001193"),
])
def test_following_a_file_sent_online(core: Core, question: str, code: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert code_of(core, reply) == code
    assert TRACK in reply.text and "mã hồ sơ" in reply.text


def test_paying_online(core: Core) -> None:
    settled(core)
    reply = say(core, "đăng ký tạm trú trực tuyến thì trả tiền lệ phí bằng cách nào")[0]
    assert code_of(core, reply) == "1.004194"
    assert PAY in reply.text


@pytest.mark.parametrize(("question", "code"), [
    ("đăng ký tạm trú làm online được không", "1.004194"),
    ("xin xác nhận tình trạng hôn nhân qua mạng được không", "1.004873"),  # a state, not the file's
])
def test_a_question_that_asks_neither_is_not_told(core: Core, question: str, code: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert code_of(core, reply) == code
    assert TRACK not in reply.text and PAY not in reply.text
