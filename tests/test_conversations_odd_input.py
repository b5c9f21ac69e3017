"""Transcripts for messages typed oddly: full-width characters from another keyboard, Cyrillic
letters that look Latin, a pasted web address, a message too long to read whole, and replies
to a question back that name their choice in words ("chọn 3", "cái đầu tiên", "cái cuối")."""

from __future__ import annotations

import pytest

from bot.app import Core
from tests.transcript import code_of, say, settled


def test_full_width_letters_are_read_as_the_ascii_ones(core: Core) -> None:
    settled(core)
    reply = say(core, "ＣＣＣＤ làm lại mất bao nhiêu tiền")[0]
    assert (reply.status, reply.entry_id, reply.field) == ("answered", "tthc-cap-lai-the-can-cuoc", "fee")


def test_cyrillic_look_alike_letters_are_read_as_latin(core: Core) -> None:
    settled(core)
    reply = say(core, "l\u0430m c\u0430n cu\u043ec \u043e d\u0430u")[0]  # а, о typed in Cyrillic
    assert (reply.status, reply.entry_id, reply.field) == ("answered", "tthc-cap-the-can-cuoc", "where")


def test_a_pasted_web_address_does_not_drown_the_question(core: Core) -> None:
    settled(core)
    reply = say(core, "làm giấy khai sinh ở đâu vậy, em xem trên "
                      "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html thấy khó quá")[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.001193"
    assert reply.field is not None and "where" in reply.field.split("+")


def test_a_story_too_long_to_read_whole_is_answered_by_its_question_at_the_end(core: Core) -> None:
    settled(core)
    story = ("Nhà em ở quê, vợ em mới sinh cháu được hai tuần, em đi làm ca suốt, mẹ em già rồi, "
             "hàng xóm mỗi người nói một kiểu nên em cũng không biết nghe ai. ") * 25
    replies = say(core, story + "Giờ em muốn hỏi làm giấy khai sinh cho con ở đâu ạ?")
    assert replies[0].text.startswith("Tin nhắn quá dài") and "phần cuối" in replies[0].text
    answer = replies[1]
    assert answer.status == "answered" and code_of(core, answer) == "1.001193"
    assert answer.field is not None and answer.field.startswith("where")


@pytest.mark.parametrize(("reply", "entry"), [
    ("chọn 3", "tthc-cap-lai-the-can-cuoc"),
    ("em chọn cái thứ hai ạ", "tthc-cap-doi-the-can-cuoc"),
    ("cái đầu tiên", "tthc-cap-the-can-cuoc"),
    ("cái cuối", "tthc-cap-can-cuoc-tre-6-den-14-tuoi"),
    ("２", "tthc-cap-doi-the-can-cuoc"),
])
def test_a_choice_named_in_words_or_full_width_is_picked(core: Core, reply: str, entry: str) -> None:
    settled(core)
    assert say(core, "căn cước")[0].status == "suggest"
    answer = say(core, reply)[0]
    assert (answer.status, answer.entry_id) == ("answered", entry)


def test_a_word_that_is_also_a_number_is_not_taken_for_a_choice(core: Core) -> None:
    reader = core.dialogue.asker.reader
    assert reader.ordinal("sau") is None and reader.ordinal("tạm") is None
    assert reader.ordinal("cái thứ sáu") == 6


@pytest.mark.parametrize("question", ["lệ phí làm sổ đỏ có đúng không", "lệ phí làm sổ đỏ phải không ạ?",
                                      "lệ phí làm sổ đỏ đúng ko"])
def test_a_tail_that_asks_to_confirm_does_not_drown_the_question(core: Core, question: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert (reply.status, reply.entry_id, reply.field) == ("answered", "tthc-so-do-lan-dau", "fee")


def test_a_confirming_tail_alone_is_kept(core: Core) -> None:
    reader = core.dialogue.asker.reader
    assert reader.unconfirmed("đúng không") == "đúng không"
    assert reader.unconfirmed("làm ở xã nào cũng được, đúng không ạ?") == "làm ở xã nào cũng được?"


@pytest.mark.parametrize(("question", "entry", "field"), [
    ("làm khai sinh cho con hết 50.000đ phải không", "tthc-dang-ky-khai-sinh", "fee"),
    ("làm hộ chiếu mất 200 nghìn hả", "tthc-ho-chieu", "fee"),
    ("đăng ký kết hôn mất 15 ngày à", "tthc-dang-ky-ket-hon", "time_limit"),
])
def test_a_sum_or_a_time_heard_asks_about_that_field(core: Core, question: str, entry: str,
                                                     field: str) -> None:
    # "mất 15 ngày" is what it takes, not a lost marriage certificate ("mất giấy kết hôn")
    settled(core)
    reply = say(core, question)[0]
    assert (reply.status, reply.entry_id, reply.field) == ("answered", entry, field)


def test_a_date_or_an_age_is_no_sum_or_time_limit(core: Core) -> None:
    reader = core.dialogue.asker.reader
    norm = core.dialogue.asker.engine.norm
    assert reader.fields_of(norm.tokens("từ 1/7/2025 đăng ký khai sinh ở đâu"))[0] == ("where",)
    assert reader.fields_of(norm.tokens("con 2 tháng tuổi làm căn cước được không"))[0] != ("time_limit",)


@pytest.mark.parametrize("message", ["phải không", "đúng không ạ", "thật không"])
def test_a_bare_is_that_right_is_asked_what_it_is_about(core: Core, message: str) -> None:
    # alone, "đúng không" had been answered "Có. Thủ tục hành chính phải được niêm yết …"
    settled(core)
    reply = say(core, message)[0]
    assert reply.status == "smalltalk" and reply.entry_id is None
    assert reply.text.startswith("Bạn muốn hỏi gì")


def test_a_taking_back_that_names_a_choice_of_the_question_back_picks_it(core: Core) -> None:
    settled(core)
    assert say(core, "căn cước")[0].status == "suggest"
    reply = say(core, "à không, cái thứ hai")[0]
    assert (reply.status, reply.entry_id) == ("answered", "tthc-cap-doi-the-can-cuoc")


@pytest.mark.parametrize(("question", "code"), [
    ("khai xinh cần gì", "1.001193"),           # s/x, typed with diacritics ("xinh" is a word)
    ("đăng ký tạm chú cần gì", "1.004194"),     # tr/ch
    ("giấy sác nhận độc thân", "1.004873"),
])
def test_a_misspelt_procedure_name_is_still_found(core: Core, question: str, code: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "answered" and code_of(core, reply) == code


@pytest.mark.parametrize(("question", "entry", "field"), [
    ("thủ tục 1.001193", "tthc-dang-ky-khai-sinh", None),
    ("mã 1.014063 nộp ở đâu", "tthc-cap-doi-the-can-cuoc", "where"),
])
def test_a_procedure_code_copied_from_the_portal_finds_its_procedure(core: Core, question: str,
                                                                    entry: str, field: str | None) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert (reply.status, reply.entry_id, reply.field) == ("answered", entry, field)
    assert reply.source is not None
