"""Transcripts for questions typed with a letter dropped or doubled: the misspelt word is read
as the word it misspells, so the question gets the answer it gets typed right."""

from __future__ import annotations

import pytest

from bot.app import Core
from tests.transcript import say, settled


@pytest.mark.parametrize(("typed", "entry", "field"), [
    ("chứng thực bản sao mất bao nhêu tiền", "tthc-chung-thuc-ban-sao", "fee"),
    ("đăng ký tạm trú làm onlne được khng", "tthc-dang-ky-tam-tru", "online"),
    ("gia hạn tạm trú cần nhng giấy tờ gì", "tthc-gia-han-tam-tru", "documents"),
    ("dang ky ket hon can nhung giay to gi, mat bao nheu tien", "tthc-dang-ky-ket-hon", "documents+fee"),
    ("đăng ký tạm trú làm onnline được không", "tthc-dang-ky-tam-tru", "online"),
])
def test_a_misspelt_word_gets_the_answer_of_the_word_spelt_right(core: Core, typed: str, entry: str,
                                                                  field: str) -> None:
    settled(core)
    reply = say(core, typed)[0]
    assert (reply.status, reply.entry_id, reply.field) == ("answered", entry, field)


def test_a_real_word_the_knowledge_does_not_know_is_not_mended_into_scope(core: Core) -> None:
    settled(core)
    assert say(core, "tối qua bóng đá tỉ số bao nhiêu")[0].status == "fallback"
