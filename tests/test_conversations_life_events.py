"""Transcripts for messages a tester found by hand: a death told with no procedure word is
about đăng ký khai tử (``told`` in knowledge/conversation.yaml), while a lost paper or a story
about another matter is not; a bare "đăng ký" is a citizen's question (asked back) and only
"/dangky" subscribes; a follow-up that names another procedure's words leaves
the procedure under discussion, one that asks about its papers or tells a situation stays."""

from __future__ import annotations

import pytest

from bot.app import Core
from bot.messages import Reply
from tests.transcript import code_of, say, settled

DEATH = "1.000656"  # Thủ tục đăng ký khai tử


def _first(core: Core, text: str) -> Reply:
    return next(r for r in say(core, text) if r.status)


@pytest.mark.parametrize("text", [
    "Ông ngoại tôi vừa qua đời sáng nay, nhà tôi phải làm những giấy tờ gì?",
    "me toi mat roi thi lam thu tuc gi",
    "Chồng chị ấy bị tai nạn mất tuần trước. Giờ cần giấy tờ gì ạ?",
])
def test_a_death_told_without_a_procedure_word_is_about_khai_tu(core: Core, text: str) -> None:
    settled(core)
    reply = _first(core, text)
    assert reply.status == "answered" and code_of(core, reply) == DEATH
    assert "Nguồn:" in reply.text


@pytest.mark.parametrize("text", [
    "Thẻ căn cước của tôi bị mất hôm qua, làm lại ở đâu?",
    "con tôi làm mất giấy khai sinh rồi, giờ sao",
    "làm khai sinh mất bao lâu",
])
def test_a_lost_paper_or_a_time_taken_is_no_death(core: Core, text: str) -> None:
    settled(core)
    reply = _first(core, text)
    assert code_of(core, reply) != DEATH
    assert all(core.kb.entries[c.entry_id].code != DEATH for c in reply.choices
               if c.entry_id in core.kb.entries)


def test_a_death_in_a_story_about_another_matter_stays_that_matter(core: Core) -> None:
    settled(core)
    reply = _first(core, "Bà tôi đang hưởng trợ cấp hưu trí xã hội, bà mất hôm kia, "
                         "gia đình có được nhận tiền mai táng không?")
    assert code_of(core, reply) != DEATH


@pytest.mark.parametrize("text", ["đăng ký", "Đăng kí", "dang ky"])
def test_a_bare_dang_ky_is_a_question_not_the_subscription_command(core: Core, text: str) -> None:
    settled(core)
    reply = _first(core, text)
    assert reply.status == "suggest" and reply.choices
    assert not any(c.payload.startswith("sub:") for c in reply.choices)


def test_the_slash_command_still_subscribes(core: Core) -> None:
    settled(core)
    reply = say(core, "/dangky")[0]
    assert not reply.text.startswith("Bạn muốn đăng ký việc gì?")
    assert any(c.payload.startswith("sub:") for c in reply.choices)


@pytest.mark.parametrize(("first", "then", "left"), [
    ("chứng thực bản sao cần mang gì", "nộp thuế đất ở đâu", "2.000815"),
    ("đăng ký khai sinh cho con cần gì", "còn khai tử thì sao", "1.001193"),
])
def test_a_follow_up_naming_another_procedure_leaves_the_one_discussed(
        core: Core, first: str, then: str, left: str) -> None:
    settled(core)
    assert code_of(core, _first(core, first)) == left
    assert code_of(core, _first(core, then)) != left


@pytest.mark.parametrize(("first", "then", "code", "field"), [
    ("xin bản sao giấy khai sinh ở đâu", "mỗi bản bao nhiêu tiền", "2.000635", "fee"),
    ("đăng ký tạm trú cần giấy tờ gì", "gia hạn thì sao", "1.002755", None),
    ("chứng thực hợp đồng mua bán xe ở đâu", "có phải mang sổ đỏ theo không", "2.001035", "documents"),
])
def test_a_follow_up_about_the_procedure_discussed_stays_with_it(
        core: Core, first: str, then: str, code: str, field: str | None) -> None:
    settled(core)
    _first(core, first)
    reply = _first(core, then)
    assert code_of(core, reply) == code
    if field is not None:
        assert reply.field == field

