"""Small talk in people's own words, which no phrase list names whole: a social word (thanks,
greetings, feelings, complaints, compliments, apologies, insults, questions about the assistant)
in a message nothing in the knowledge fits. It is answered kindly and never queued; questions out
of scope keep the polite fallback (bot/chitchat.py)."""

from __future__ import annotations

import pytest

from bot.app import Core
from tests.transcript import say, settled


def unanswered(core: Core) -> int:
    return core.store.count("unanswered")


@pytest.mark.parametrize("text", [
    "trời hôm nay nóng quá ad ơi",
    "xin lỗi, em gõ nhầm",
    "bot trả lời nhanh ghê, 10 điểm",
    "ra xã 2 lần rồi mà vẫn thiếu giấy, nản ghê",
    "cam on xa nhieu nhe",
    "kính chào các anh chị cán bộ phường",
    "thu tuc gi ma phuc tap the",
    "hihihi",
    "chúc mừng năm mới cả nhà",
    "ad ăn cơm chưa",
    "bot này ngáo thật",
    "xin chào ủy ban xã",                       # "xin" opens a greeting, it does not ask
    "nhắn hỏi mấy lần rồi mà vẫn chưa thấy ai, nản thật",
    "dm tra loi nhu cc",                        # "cc" of an insult is not căn cước
    "bot trả lời linh tinh",
])
def test_social_words_make_small_talk_that_is_never_queued(core: Core, text: str) -> None:
    settled(core)
    replies = say(core, text)
    assert replies and replies[0].status == "smalltalk", (text, replies[0].status)
    assert unanswered(core) == 0
    assert core.store.count("interactions") >= 1


@pytest.mark.parametrize("text", [
    "giá xăng hôm nay bao nhiêu",
    "Bị đau dạ dày nên ăn gì",
    "lich cup dien tuan nay",
    "ca sĩ Mỹ Tâm có người yêu chưa",
    "mất ngủ kéo dài thì nên làm gì",
])
def test_out_of_scope_questions_with_look_alike_words_keep_the_fallback(core: Core, text: str) -> None:
    settled(core)
    replies = say(core, text)
    assert replies[0].status == "fallback", (text, replies[0].status)


@pytest.mark.parametrize(("text", "status"), [
    ("ngày mai ở quê em có mưa k ad", "fallback"),      # "k" asks like "không"
    ("bot là người thật hay máy v", "smalltalk"),        # "v" is "vậy"
    ("cấp đổi căn cước cho bà 70 tuổi có mất phí k", "answered"),
])
def test_teencode_for_khong_and_vay_reads_as_the_words_typed_in_full(core: Core, text: str,
                                                                     status: str) -> None:
    settled(core)
    assert say(core, text)[0].status == status


def test_short_forms_are_spelled_out_before_the_message_is_read(core: Core) -> None:
    settled(core)  # "vs" divides two matters as "với" does; "bnh" asks the fee as "bao nhiêu"
    replies = say(core, "Chứng thực chữ ký vs chứng thực bản sao lệ phí bnh")
    answered = {r.entry_id for r in replies if r.status == "answered"}
    assert {"tthc-chung-thuc-chu-ky", "tthc-chung-thuc-ban-sao"} <= answered


def test_spelling_out_keeps_a_message_typed_without_diacritics_plain() -> None:
    from bot.spelling import SpelledOut
    spell = SpelledOut({"vs": "với", "k": "không"})
    assert spell("dang ky tam tru vs thuong tru co mat phi k") == \
        "dang ky tam tru voi thuong tru co mat phi khong"
    assert spell("đăng ký xe 5k vs lại phí k") == "đăng ký xe 5k với lại phí không"


@pytest.mark.parametrize(("text", "kind"), [
    ("cho tui hỏi chút", "greeting"),           # leave to ask, with the asker's own pronoun
    ("cho cháu hỏi với", "greeting"),           # not a question about guardianship
    ("con chào chú", "greeting"),
    ("mắc cười ghê", "laugh"),                 # Southern for "buồn cười"
    ("ừa", "ok"),
    ("vậy hen", "ok"),
    ("thôi để bữa khác tui hỏi", "ok"),
    ("bữa giờ nhắn hổng ai trả lời", "feeling"),
    ("chúc cán bộ mạnh khỏe", "feeling"),
])
def test_older_and_southern_ways_of_small_talk_are_answered_kindly(core: Core, text: str, kind: str) -> None:
    settled(core)
    replies = say(core, text)
    assert replies[0].status == "smalltalk", (text, replies[0].status)
    assert unanswered(core) == 0
    plain = {"greeting": "xin chào", "laugh": "haha", "ok": "ok", "feeling": "mệt quá"}[kind]
    assert replies[0].text == say(core, plain)[0].text, (text, replies[0].text)


@pytest.mark.parametrize("text", ["cho con hỏi làm khai sinh cần gì", "hỏi xíu làm tạm trú mất bao lâu"])
def test_leave_to_ask_before_a_question_keeps_the_question(core: Core, text: str) -> None:
    settled(core)
    replies = say(core, text)
    assert replies[0].status == "answered", (text, replies[0].status)
