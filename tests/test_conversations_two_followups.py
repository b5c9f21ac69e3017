"""Transcripts for two questions typed as citizens type them (the last question mark left off,
no punctuation, no diacritics, "A với B" naming one matter) and for follow-ups that name a new
case of the matter under discussion or take the case back."""

from __future__ import annotations

import pytest

from bot.app import Core
from tests.transcript import code_of, say, settled


def _answers(core: Core, text: str, user: str = "c1") -> list[tuple[str | None, str | None]]:
    return [(code_of(core, r), r.field) for r in say(core, text, user=user) if r.status]


def test_a_field_asked_after_the_last_question_mark_is_asked_too(core: Core) -> None:
    settled(core)
    assert _answers(core, "Khai tử làm ở xã nào? mất bao nhiêu ngày") == [
        ("1.000656", "where+time_limit")]


@pytest.mark.parametrize("text", [
    "dang ky tam tru het nhieu tien mat may ngay",
    "đăng ký tạm trú hết bao nhiêu tiền mất mấy ngày",
])
def test_two_fields_without_punctuation_are_both_asked(core: Core, text: str) -> None:
    # "hết nhiêu tiền" (without "bao") asks the fee: its "hết" is not the "hết hạn" of gia hạn
    settled(core)
    assert _answers(core, text) == [("1.004194", "fee+time_limit")]


def test_three_fields_asked_in_two_questions_are_all_answered(core: Core) -> None:
    settled(core)
    replies = [r for r in say(core, "đăng ký thường trú online thì phí bao nhiêu, mất bao lâu?")
               if r.status]
    assert [(code_of(core, r), r.field) for r in replies] == [
        ("1.004222", "online+fee+time_limit")]
    text = replies[0].text
    assert "Lệ phí" in text and "Thời hạn giải quyết" in text and "10.000" in text


def test_a_second_question_in_words_of_its_own_keeps_its_own_field(core: Core) -> None:
    # "… trước mấy giờ" asks when it must be done: it does not take the first question's fee
    settled(core)
    assert _answers(core, "Đăng ký kết hôn hết bao nhiêu tiền, còn báo lưu trú cho khách trước mấy giờ?") == [
        ("1.000894", "fee"), ("2.001159", "time_limit")]


def test_a_with_b_naming_one_matter_is_one_procedure(core: Core) -> None:
    # "với người Hàn Quốc" says who one marries, not a second procedure
    settled(core)
    assert _answers(core, "Thủ tục kết hôn với người Hàn Quốc cần gì") == [("2.000806", "documents")]


def test_a_with_b_naming_two_procedures_answers_both(core: Core) -> None:
    settled(core)
    assert _answers(core, "thường trú với tạm trú phí bao nhiêu") == [
        ("1.004222", "fee"), ("1.004194", "fee")]


def test_a_follow_up_naming_a_new_case_moves_to_that_case(core: Core) -> None:
    settled(core)
    assert _answers(core, "Đăng ký kết hôn hết bao nhiêu tiền") == [("1.000894", "fee")]
    # the case told, on the field asked before; the next question is about the new case
    assert _answers(core, "chồng sắp cưới của tôi là người Nhật thì sao") == [("2.000806", "fee")]
    assert _answers(core, "thế bao lâu xong") == [("2.000806", "time_limit")]


def test_taking_back_the_case_keeps_the_question(core: Core) -> None:
    settled(core)
    assert _answers(core, "đăng ký kết hôn cần giấy gì") == [("1.000894", "documents")]
    assert _answers(core, "à nhầm, ý em là kết hôn với người Hàn Quốc") == [("2.000806", "documents")]


def test_taking_back_the_matter_asks_anew(core: Core) -> None:
    # another procedure altogether: what it needs was not asked of it
    settled(core)
    assert _answers(core, "đăng ký kết hôn cần giấy gì") == [("1.000894", "documents")]
    assert _answers(core, "à không, ý tôi là xin bản sao giấy khai sinh") == [("2.000635", None)]


def test_a_sentence_asking_two_things_is_read_by_its_first_beside_another_sentence(core: Core) -> None:
    # the first sentence as a whole hesitates between two cards; its first question does not
    settled(core)
    assert _answers(core, "Gia hạn tạm trú online ở đâu vậy, trên ứng dụng VNeID có mục đó không? "
                          "Ngoài ra hồ sơ cần những gì?") == [("1.002755", "online+documents")]


@pytest.mark.parametrize(("text", "second"), [
    ("đăng ký tạm trú ở đâu, số điện thoại xã là gì", "hotline-phan-anh-thu-tuc"),
    ("dang ky tam tru can giay to gi, uy ban xa o dia chi nao", "mot-cua-dia-chi-gio-lam-viec"),
])
def test_a_locality_question_after_a_comma_is_answered_too(core: Core, text: str, second: str) -> None:
    settled(core)
    replies = [r for r in say(core, text) if r.status]
    assert [code_of(core, r) for r in replies] == ["1.004194", None]
    assert replies[1].entry_id == second


@pytest.mark.parametrize("text", [
    "dang ky khai tu can giay gi ket hon thi lam o dau",
    "đăng ký khai tử cần giấy gì kết hôn thì làm ở đâu",
])
def test_two_questions_run_on_without_a_mark_divide_after_the_first_ones_close(
        core: Core, text: str) -> None:
    settled(core)
    assert _answers(core, text) == [("1.000656", "documents"), ("1.000894", "where")]


def test_an_alternative_after_the_close_is_the_same_question(core: Core) -> None:
    # "… không hay ở đâu cũng được" offers the other answer: it is not a second question
    reader = core.dialogue.asker.reader
    assert len(reader.read("lam the can cuoc co phai ve xa noi thuong tru khong hay cho nao cung duoc")
               .questions) == 1


def test_three_fields_asked_in_one_sentence_are_all_answered(core: Core) -> None:
    settled(core)
    assert _answers(core, "đăng ký hộ kinh doanh ở đâu vậy, giấy tờ cần những gì, bao lâu có giấy phép") == [
        ("1.001612", "where+documents+time_limit")]


@pytest.mark.parametrize(("text", "answers"), [
    ("lam can cuoc mat bao lau thi co. Thêm nữa đăng ký kết hôn cần giấy gì?",
     [("1.014061", "time_limit"), ("1.000894", "documents")]),
    ("lam can cuoc o dau vay, co phai ve que ko. Thêm nữa khai tử cần giấy gì?",
     [("1.014061", "where"), ("1.000656", "documents")]),
])
def test_an_unmarked_first_question_without_diacritics_still_asks(
        core: Core, text: str, answers: list[tuple[str, str]]) -> None:
    # folded, the "can" of căn cước is the filler "cần": the matter is one word, but it answers
    settled(core)
    assert _answers(core, text) == answers


def test_a_second_question_telling_a_situation_asks_what_to_do_not_the_first_field(core: Core) -> None:
    # "… thì sửa thế nào" after an online question asks how to correct it, not whether online
    settled(core)
    assert _answers(core, "Đăng ký thường trú online được không, còn họ của con trong giấy khai sinh "
                          "bị ghi nhầm thì sửa thế nào?") == [("1.004222", "online"), ("1.004859", None)]
