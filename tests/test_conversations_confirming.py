"""Transcripts for the words around a story's question: a last sentence that only asks to confirm
("… rồi mới làm được. Có đúng không ạ?") asks the statement before it; an opening that only
announces the question ("Cho em hỏi …") is not read as part of it; a long story told in commas is
read clause by clause."""

from __future__ import annotations

import pytest

from bot.app import Core
from bot.story import clauses_as_sentences, with_confirmed, without_asking_lead
from tests.transcript import code_of, say, settled


@pytest.mark.parametrize(("message", "read"), [
    ("Tôi nghe nói phải có sổ hộ khẩu mới làm được. Đúng không ad?",
     "Tôi nghe nói phải có sổ hộ khẩu mới làm được, đúng không ad?"),
    ("Cán bộ bảo em phải về quê làm.\nCó phải vậy không ạ",
     "Cán bộ bảo em phải về quê làm, có phải vậy không ạ"),
    # a last sentence that asks something of its own, or a question before it: unchanged
    ("Em mới chuyển nhà. Có cần báo công an không?", "Em mới chuyển nhà. Có cần báo công an không?"),
    ("Làm ở đâu? Có đúng không?", "Làm ở đâu? Có đúng không?"),
])
def test_a_last_sentence_that_only_confirms_joins_the_statement(core: Core, message: str,
                                                                read: str) -> None:
    norm = core.engine.norm
    confirming = frozenset(tuple(norm.tokens(p)) for p in core.kb.conversation["confirming"])
    assert with_confirmed(message, norm.tokens, confirming) == read


def test_a_story_asking_to_confirm_a_rumour_gets_the_goals_conditions(core: Core) -> None:
    settled(core)
    reply = say(core, "Em với anh ấy định cưới sau Tết. Em ở Nam Định, anh ấy ở Thái Bình. "
                      "Em đọc trên mạng là phải về xã xin giấy xác nhận độc thân trước rồi mới "
                      "đăng ký kết hôn được. Có đúng không ạ?")[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.000894"
    assert reply.field == "conditions"


@pytest.mark.parametrize(("message", "read"), [
    ("Cho em hỏi thủ tục khai tử cần giấy gì ạ?", "thủ tục khai tử cần giấy gì ạ?"),
    ("Nhà em mới có cháu. cho mình hỏi chút là làm khai sinh ở đâu",
     "Nhà em mới có cháu. làm khai sinh ở đâu"),
    ("Cho em hỏi với", "Cho em hỏi với"),  # nothing would be left
    ("cho con đi học hỏi ở đâu", "cho con đi học hỏi ở đâu"),  # not an opening
    ("Cho em hỏi về tạm trú", "Cho em hỏi về tạm trú"),  # a bare topic, as questions back are phrased
])
def test_an_opening_that_only_announces_the_question_is_not_read(message: str, read: str) -> None:
    assert without_asking_lead(message) == read


def test_a_question_opened_by_cho_em_hoi_is_answered_like_the_question(core: Core) -> None:
    settled(core)
    reply = say(core, "Cho mình hỏi thủ tục khai tử cần những giấy tờ gì ạ?")[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.000656"


def test_a_long_story_told_in_commas_is_read_clause_by_clause(core: Core) -> None:
    settled(core)
    reply = say(core, "Dạ chào anh chị, chuyện là vầy, tôi sinh năm 1999, hồi nhỏ ba mẹ làm khai sinh "
                      "cho tôi ngoài Huế, sau đó cả nhà vô Bình Dương ở, giờ tôi cần bản sao giấy khai "
                      "sinh để nộp hồ sơ thi mà bản chính mất lâu rồi, ba tôi nói phải về Huế xin nhưng "
                      "xa quá, tôi ở Bình Dương thì xin ở phường tôi đang ở được không?")[0]
    assert reply.status == "answered" and code_of(core, reply) == "2.000635" and reply.field == "where"


def test_a_short_sentence_with_commas_stays_one_sentence() -> None:
    listed = "Khai sinh, kết hôn, khai tử, tạm trú, thường trú làm ở đâu?"
    assert clauses_as_sentences(listed) == listed
