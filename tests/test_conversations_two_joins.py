"""Transcripts for two questions joined the ways citizens join them: the first left without
its question mark before a sentence that opens as one more question ("… Ngoài ra …?")."""

from __future__ import annotations

import pytest

from bot.app import Core
from tests.transcript import code_of, say, settled


def _answers(core: Core, text: str, user: str = "c1") -> list[tuple[str | None, str | None]]:
    return [(code_of(core, r), r.field) for r in say(core, text, user=user) if r.status]


@pytest.mark.parametrize(("text", "answers"), [
    # the first ends as a statement would ("… thì mấy ngày xong."), yet it asks
    ("Đăng ký khai tử cho ông thì mấy ngày xong. Thêm nữa đăng ký tạm trú cần giấy tờ gì?",
     [("1.000656", "time_limit"), ("1.004194", "documents")]),
    # a "how" question without a field phrase, named by what it asks about
    ("Muốn khoá tài khoản VNeID thì làm sao. Ngoài ra làm căn cước cho con 10 tuổi ở đâu?",
     [("3.000283", None), ("1.014062", "where")]),
    # a choice between two offices, as a statement: "hay" offers the other answer
    ("Đăng ký kết hôn làm ở xã hay lên tỉnh. Với lại đăng ký giám hộ có mất phí không?",
     [("1.000894", "where"), ("1.004837", "fee")]),
])
def test_a_first_question_without_its_mark_before_one_more_question_is_answered(
        core: Core, text: str, answers: list[tuple[str, str | None]]) -> None:
    settled(core)
    assert _answers(core, text) == answers


def test_a_story_sentence_before_one_more_question_is_not_a_question(core: Core) -> None:
    # it names a matter but asks nothing: the story of the one question that follows
    settled(core)
    assert _answers(core, "Em mới chuyển về ở với bố mẹ. Ngoài ra đăng ký tạm trú cần giấy tờ gì?") == [
        ("1.004194", "documents")]


@pytest.mark.parametrize(("text", "answers"), [
    # the first half's question word misspelt ("bao nhiu"), or in teencode ("bn")
    ("đăng ký khai tử mất bao nhiu ngày, đăng ký tạm trú cần giấy tờ gì?",
     [("1.000656", "time_limit"), ("1.004194", "documents")]),
    ("chung thuc chu ky bn tien vay, gia hạn tạm trú cần giấy tờ gì?",
     [("2.000884", "fee"), ("1.002755", "documents")]),
    # folded, the "can" of căn cước is the filler "cần": one word of its own, but it answers
    ("Làm lại căn cước bị mất có làm online được không, đăng ký kết hôn mất mấy ngày?",
     [("1.014064", "online"), ("1.000894", "time_limit")]),
])
def test_two_questions_at_a_comma_are_both_answered(
        core: Core, text: str, answers: list[tuple[str, str | None]]) -> None:
    settled(core)
    assert _answers(core, text) == answers


def test_a_clause_that_states_before_the_question_is_no_question(core: Core) -> None:
    # "chỉ mang bản chính" is a field phrase, but the clause ends as no question does, and
    # "không" before more words denies: one question about a copy's certification
    settled(core)
    text = "Chỉ mang bản chính đi, không photo trước thì xã có chứng thực được không"
    assert [code for code, _ in _answers(core, text)] == ["2.000815"]


@pytest.mark.parametrize(("text", "second"), [
    ("Khai tử cần giấy gì? Cho mình xin số hotline của phường", "hotline-phan-anh-thu-tuc"),
    ("Đăng ký kết hôn mất bao lâu? Chỉ giúp em giờ làm việc của xã", "mot-cua-dia-chi-gio-lam-viec"),
])
def test_a_request_after_the_question_is_asked_too(core: Core, text: str, second: str) -> None:
    # "cho mình xin …", "chỉ giúp em …" ask without a question word or mark
    settled(core)
    replies = [r for r in say(core, text) if r.status]
    assert [r.entry_id for r in replies][1:] == [second]
    assert code_of(core, replies[0]) in ("1.000656", "1.000894")


def test_thanks_after_the_question_is_no_request(core: Core) -> None:
    settled(core)
    assert _answers(core, "Đăng ký tạm trú cần giấy gì? Xin cảm ơn ad nhiều.") == [("1.004194", "documents")]
