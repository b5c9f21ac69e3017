"""Transcripts for questions typed carelessly: a letter dropped or doubled (the misspelt word is
read as the word it misspells), and a story without full stops (its capitals open sentences),
so the question gets the answer it gets typed with care."""

from __future__ import annotations

import pytest

from bot.app import Core
from bot.story import capital_breaks
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


def test_a_story_typed_without_full_stops_is_read_by_the_capitals_of_its_sentences(core: Core) -> None:
    settled(core)
    reply = say(core, "Vợ chồng em cưới nhau được ba năm ở quê chồng Giờ em muốn chuyển hộ khẩu "
                      "từ quê em về nhà chồng thì cần giấy tờ gì")[0]
    assert (reply.status, reply.entry_id, reply.field) == ("answered", "tthc-dang-ky-thuong-tru",
                                                           "documents")


@pytest.mark.parametrize(("typed", "read"), [
    ("Em quê Nghệ An nhưng ở trọ Hà Nội đã ba năm nay Giờ làm lại căn cước ở đâu",
     "Em quê Nghệ An nhưng ở trọ Hà Nội đã ba năm nay; Giờ làm lại căn cước ở đâu"),
    ("Em mất CCCD tuần trước lúc đi làm về muộn VNeID vẫn còn thì làm lại ở đâu",
     "Em mất CCCD tuần trước lúc đi làm về muộn VNeID vẫn còn thì làm lại ở đâu"),
    ("Con em sinh ở Nhật về nước được hai tháng thì đăng ký khai sinh ở đâu",
     "Con em sinh ở Nhật về nước được hai tháng thì đăng ký khai sinh ở đâu"),
    ("Nhà em ở xa, Giờ em muốn hỏi làm lại thẻ căn cước ở đâu thì tiện nhất",
     "Nhà em ở xa, Giờ em muốn hỏi làm lại thẻ căn cước ở đâu thì tiện nhất"),
    ("nha em o xa uy ban lam di lai kho khan lam cho em hoi lam lai the can cuoc o dau",
     "nha em o xa uy ban lam di lai kho khan lam; cho em hoi lam lai the can cuoc o dau"),
    ("Nhà em ở xa. Giờ em muốn hỏi làm lại thẻ căn cước ở đâu thì tiện nhất",
     "Nhà em ở xa. Giờ em muốn hỏi làm lại thẻ căn cước ở đâu thì tiện nhất"),
])
def test_capitals_open_sentences_only_in_a_long_message_without_sentence_marks(typed: str,
                                                                               read: str) -> None:
    assert capital_breaks(typed) == read
