"""Transcripts for a message that asks two things and for a bare name that needs a question back:
a second question typed after the first one's mark without its own is answered with its own
procedure and field (or adds its field to the first one's procedure), a second general matter
gets its own answer, comparing two procedures' times answers both, and a name that says nothing
of which case gets the question back written for it — unless a word or a number names the case,
or a field is asked."""

from __future__ import annotations

import pytest

from bot.app import Core
from bot.messages import Reply
from tests.transcript import code_of, say, settled


def answered(core: Core, replies: list[Reply]) -> list[tuple[str | None, str | None]]:
    return [(code_of(core, r), r.field) for r in replies if r.status == "answered"]


@pytest.mark.parametrize(("message", "parts"), [
    # "còn …" after the mark opens a second question about another procedure
    ("Đăng ký kết hôn cần giấy gì? còn trích lục khai sinh thì mất bao nhiêu tiền",
     [("1.000894", "documents"), ("2.000635", "fee")]),
    ("tạm trú làm ở đâu? còn xoá tạm trú thì bao lâu xong",
     [("1.004194", "where"), ("1.010028", "time_limit")]),
])
def test_a_second_question_left_without_its_mark_is_answered(core: Core, message: str,
                                                             parts: list[tuple[str, str]]) -> None:
    settled(core)
    assert answered(core, say(core, message)) == parts


def test_the_fee_of_the_second_procedure_is_in_its_answer(core: Core) -> None:
    settled(core)
    replies = say(core, "Đăng ký kết hôn cần giấy gì? còn trích lục khai sinh thì mất bao nhiêu tiền")
    assert "8.000" in replies[1].text


def test_a_second_unmarked_field_of_the_same_procedure_is_added_to_its_answer(core: Core) -> None:
    settled(core)
    assert answered(core, say(core, "khai tử làm ở đâu? cần mang giấy gì theo ạ")) == [
        ("1.000656", "where+documents")]


def test_two_general_matters_in_one_sentence_get_an_answer_each(core: Core) -> None:
    settled(core)
    replies = [r for r in say(core, "quên mật khẩu tài khoản dịch vụ công thì làm sao, và tra cứu "
                                    "hồ sơ ở đâu") if r.status == "answered"]
    assert [r.entry_id for r in replies] == ["dvc-khong-dang-nhap-duoc", "dvc-tra-cuu-ho-so"]


def test_which_of_two_named_procedures_is_quicker_answers_both_time_limits(core: Core) -> None:
    settled(core)
    assert answered(core, say(core, "chứng thực chữ ký với chứng thực bản sao cái nào nhanh hơn")) == [
        ("2.000884", "time_limit"), ("2.000815", "time_limit")]


@pytest.mark.parametrize(("message", "choices"), [
    ("tôi muốn làm căn cước", {"tthc-cap-the-can-cuoc", "tthc-cap-doi-the-can-cuoc",
                               "tthc-cap-lai-the-can-cuoc", "tthc-cap-can-cuoc-tre-6-den-14-tuoi"}),
    ("thủ tục nghĩa vụ quân sự", {"tthc-nghia-vu-quan-su-lan-dau", "tthc-nvqs-chuyen-di",
                                   "tthc-nvqs-chuyen-den", "tthc-nvqs-tam-vang"}),
])
def test_a_bare_name_of_several_cases_is_asked_back(core: Core, message: str,
                                                     choices: set[str]) -> None:
    settled(core)
    reply = say(core, message)[0]
    assert reply.status == "suggest"
    assert {c.entry_id for c in reply.choices if c.entry_id is not None} == choices


@pytest.mark.parametrize(("message", "code"), [
    ("làm căn cước cho bé 5 tuổi", "1.014062"),  # the age names the case
    ("đổi thẻ căn cước", "1.014063"),  # "đổi" is in one choice's name only
    ("làm căn cước ở đâu", "1.014061"),  # a field asked: answered
])
def test_a_name_with_its_case_or_a_field_is_answered(core: Core, message: str, code: str) -> None:
    settled(core)
    reply = say(core, message)[0]
    assert (reply.status, code_of(core, reply)) == ("answered", code)


def test_a_question_about_both_matters_told_before_it_answers_each(core: Core) -> None:
    settled(core)
    replies = say(core, "Mẹ tôi cần xin giấy xác nhận tình trạng hôn nhân, còn tôi phải làm lại căn "
                        "cước bị mất. Cả hai việc làm ở đâu?")
    assert answered(core, replies) == [("1.004873", "where"), ("1.014064", "where")]


def test_a_question_about_one_matter_after_a_story_stays_one_answer(core: Core) -> None:
    settled(core)
    replies = say(core, "Mẹ tôi cần xin giấy xác nhận tình trạng hôn nhân, còn tôi phải làm lại căn "
                        "cước bị mất. Giấy xác nhận làm ở đâu?")
    assert [r for r in replies if r.status == "answered"][1:] == []
