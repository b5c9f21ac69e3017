"""Transcripts for field words citizens use that read as something else: "mất lệ phí" is what a
procedure costs (not a lost paper), "qua những cách nào" asks the ways to file, "hết hạn" says a
paper has expired (the "bao lâu" after it asks the time limit), "hạn dùng bao lâu" asks how long
a paper is valid."""

from __future__ import annotations

import pytest

from bot.app import Core
from tests.transcript import code_of, say, settled


@pytest.mark.parametrize(("message", "fields"), [
    ("khai tử cho bà có mất lệ phí không", ("fee",)),
    ("làm tạm trú thì tốn phí không ạ", ("fee",)),
    ("khai báo tạm vắng qua những cách nào", ("online",)),
    ("hộ chiếu hết hạn mất bao lâu mới làm lại được", ("time_limit",)),
    ("hộ chiếu hết hạn khi nào", ("conditions",)),
    ("phiếu lý lịch tư pháp có hạn dùng bao lâu", ("conditions",)),
    ("giấy xác nhận cư trú hạn sử dụng bao lâu", ("conditions",)),
])
def test_the_field_a_phrase_asks(core: Core, message: str, fields: tuple[str, ...]) -> None:
    assert core.dialogue.asker.reader.read(message).fields == fields


def test_what_a_wedding_registration_costs_is_not_a_lost_certificate(core: Core) -> None:
    settled(core)
    reply = say(core, "cho hoi dang ky ket hon co mat le phi khong")[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.000894" and reply.field == "fee"


def test_a_card_that_expired_asks_its_time_limit_and_fee(core: Core) -> None:
    settled(core)
    reply = say(core, "em muốn đổi thẻ căn cước hết hạn mất bao lâu và hết bao nhiêu tiền")[0]
    assert reply.status == "answered" and reply.field == "time_limit+fee"
