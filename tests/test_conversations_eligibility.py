"""Transcripts for questions about who may and on what terms: the age the person gives picks
the card for that age (and a card for another age is not offered), a question that asks a
bound ("tối đa", "ít nhất") is answered with the sentence stating it, a question with "mấy
tuổi" about a procedure is not small talk about the assistant, and a citizen's word for the
procedure ("nhận nuôi") finds its record."""

from __future__ import annotations

import pytest

from bot.app import Core
from bot.figures import FIGURE_WEIGHT, figure_bonus
from tests.transcript import code_of, say, settled


@pytest.mark.parametrize(("question", "entry_id"), [
    ("con trai tôi 16 tuổi có phải làm căn cước không", "tthc-cap-the-can-cuoc"),
    ("cháu tôi 10 tuổi có cần làm căn cước không", "tthc-cap-can-cuoc-tre-6-den-14-tuoi"),
    ("bé nhà tôi 3 tuổi có bắt buộc làm căn cước không", "tthc-cap-can-cuoc-tre-duoi-6-tuoi"),
])
def test_whether_a_person_of_an_age_needs_a_card_is_asked_of_the_card_for_that_age(
        core: Core, question: str, entry_id: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "answered" and reply.entry_id == entry_id


def test_a_card_for_another_age_is_not_offered(core: Core) -> None:
    settled(core)
    reply = say(core, "người trên 60 tuổi có phải đi đổi thẻ căn cước không")[0]
    offered = [c.entry_id for c in reply.choices]
    assert "tthc-cap-can-cuoc-tre-duoi-6-tuoi" not in offered
    assert "tthc-cap-can-cuoc-tre-6-den-14-tuoi" not in offered


def test_how_long_at_most_is_answered_with_the_bound() -> None:
    bonus, alone = figure_bonus("ở trọ thì đăng ký được tối đa bao lâu")
    assert alone and bonus("thời hạn tạm trú tối đa 2 năm.") == FIGURE_WEIGHT
    assert bonus("Giải quyết trong 3 ngày làm việc.") == 0.0


def test_a_bound_asked_is_quoted_under_the_answer(core: Core) -> None:
    settled(core)
    reply = say(core, "đăng ký tạm trú thì mỗi lần được ở tối đa bao lâu")[0]
    assert code_of(core, reply) == "1.004194" and "tối đa 2 năm" in reply.text


@pytest.mark.parametrize("question", [
    "người muốn nhận nuôi một đứa bé thì phải lớn hơn đứa bé mấy tuổi",
    "vợ chồng tôi muốn xin nuôi một đứa bé thì cần điều kiện gì",
])
def test_adopting_in_everyday_words_is_answered_with_its_conditions(core: Core, question: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "answered" and code_of(core, reply) == "2.001263"
    assert "20 tuổi" in reply.text


@pytest.mark.parametrize("question", ["ad mấy tuổi rồi", "bot năm nay bao nhiêu tuổi rồi"])
def test_asking_the_assistants_age_is_still_small_talk(core: Core, question: str) -> None:
    settled(core)
    assert say(core, question)[0].status == "smalltalk"


def test_the_age_to_marry_is_in_the_marriage_conditions(core: Core) -> None:
    settled(core)
    reply = say(core, "nữ bao nhiêu tuổi thì được đăng ký kết hôn")[0]
    assert code_of(core, reply) == "1.000894" and reply.field == "conditions"
    assert "nữ từ đủ 18 tuổi" in reply.text and "nam từ đủ 20 tuổi" in reply.text


@pytest.mark.parametrize("question", [
    "cháu nhà tôi có đủ tuổi thi chưa",
    "em chưa đủ tuổi thì làm được không",
])
def test_old_enough_is_a_condition(core: Core, question: str) -> None:
    reader = core.dialogue.asker.reader
    assert reader.fields_of(reader.norm.tokens(question))[0] == ("conditions",)


@pytest.mark.parametrize(("story", "entry_id"), [
    ("Nhà tôi có cháu trai 15 tuổi, năm nay vào lớp 10. Nhà trường bảo phải có căn cước. "
     "Cháu có bắt buộc phải làm không?", "tthc-cap-the-can-cuoc"),
    ("Con gái tôi 8 tuổi, tháng sau cả nhà đi du lịch bằng máy bay. Cháu có cần làm căn cước không?",
     "tthc-cap-can-cuoc-tre-6-den-14-tuoi"),
])
def test_a_story_giving_the_childs_age_is_answered_for_that_age(core: Core, story: str,
                                                                entry_id: str) -> None:
    settled(core)
    reply = say(core, story)[0]
    assert reply.status == "answered" and reply.entry_id == entry_id
