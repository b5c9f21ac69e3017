"""Transcripts for what a person says a matter is not ("bị mất chứ không phải hết hạn"), for a
taking-back that only tells the case ("à nhầm, ý em là bị mất"), and for a follow-up that asks
"how about X" ("gia hạn thì sao")."""

from __future__ import annotations

import pytest

from bot.app import Core
from bot.denied import without_denied
from tests.transcript import code_of, say, settled


@pytest.mark.parametrize(("text", "kept"), [
    ("làm lại căn cước bị mất chứ không phải hết hạn", "làm lại căn cước bị mất"),
    ("lam lai the chu ko phai doi the thi mat bao lau", "lam lai the thi mat bao lau"),
    ("không phải kết hôn mà là ly hôn thì nộp ở đâu", "ly hôn thì nộp ở đâu"),
    # "không phải nộp phí mà vẫn …" says no fee is due: nothing is denied
    ("không phải nộp phí mà vẫn được cấp à", "không phải nộp phí mà vẫn được cấp à"),
    # nothing would be left
    ("chứ không phải hết hạn", "chứ không phải hết hạn"),
])
def test_the_words_denied_are_left_out(text: str, kept: str) -> None:
    assert without_denied(text) == kept


def test_a_question_that_denies_a_case_is_answered_on_the_case_meant(core: Core) -> None:
    settled(core)
    text = "Em cần làm lại thẻ căn cước bị mất chứ không phải đổi thẻ hết hạn thì mất bao nhiêu tiền"
    reply = say(core, text)[0]
    assert code_of(core, reply) == "1.014064" and reply.field == "fee"


def test_a_taking_back_that_tells_only_the_case_stays_on_the_matter_and_the_field(core: Core) -> None:
    # "bị mất" alone asks which paper was lost; after đổi căn cước, it is the card: the choice
    # that shares the matter's name, on the field asked before
    settled(core)
    assert code_of(core, say(core, "cấp đổi căn cước hết hạn hết bao nhiêu tiền")[0]) == "1.014063"
    reply = say(core, "à nhầm, ý em là bị mất chứ không phải hết hạn")[0]
    assert code_of(core, reply) == "1.014064" and reply.field == "fee"


def test_how_about_a_matter_of_the_same_kind_asks_the_field_asked_before(core: Core) -> None:
    settled(core)
    assert code_of(core, say(core, "đăng ký tạm trú có mất tiền không")[0]) == "1.004194"
    reply = say(core, "gia hạn thì sao")[0]
    assert code_of(core, reply) == "1.002755" and reply.field == "fee"
    assert say(core, "có nộp qua mạng được không")[0].field == "online"
    reply = say(core, "còn thường trú thì sao ạ")[0]
    assert code_of(core, reply) == "1.004222" and reply.field == "online"


def test_how_about_another_kind_of_matter_asks_what_to_do_about_it(core: Core) -> None:
    # after khai tử, "còn xoá thường trú" is not asked on khai tử's fee: its summary
    settled(core)
    assert code_of(core, say(core, "khai tử cho bố em có mất tiền không")[0]) == "1.000656"
    reply = say(core, "còn xoá đăng ký thường trú cho bố thì sao")[0]
    assert code_of(core, reply) == "1.003197" and reply.field is None
