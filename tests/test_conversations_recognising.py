"""Transcripts for questions the bot used to fall back on or only offer choices for: field words
that are the very topic of the question, English words citizens mix in, everyday words for a
procedure. Questions about something else still fall back, small talk is still small talk."""

from __future__ import annotations

import pytest

from bot.app import Core
from tests.transcript import say, settled


@pytest.mark.parametrize(("question", "entry"), [
    ("tình trạng hồ sơ online xem chỗ nào", "dvc-tra-cuu-ho-so"),
    ("cước gửi hồ sơ qua bưu điện bao nhiêu", "buu-chinh-cuoc-phi"),
])
def test_a_question_whose_topic_is_a_field_word_is_answered(core: Core, question: str,
                                                            entry: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert (reply.status, reply.entry_id) == ("answered", entry)


@pytest.mark.parametrize(("english", "vietnamese"), [
    ("làm ID card cho kid", "làm căn cước cho trẻ em"),
    ("birth certificate của con", "giấy khai sinh của con"),
    ("foreigner kết hôn ở commune", "người nước ngoài kết hôn ở xã"),
    ("process gia hạn tạm trú khi expire", "thủ tục gia hạn tạm trú khi hết hạn"),
])
def test_english_words_read_as_the_vietnamese_terms(core: Core, english: str,
                                                    vietnamese: str) -> None:
    norm = core.engine.norm
    assert norm.tokens(english) == norm.tokens(vietnamese)


def test_a_question_with_english_words_finds_its_procedure(core: Core) -> None:
    settled(core)
    reply = say(core, "process làm căn cước cho kid 4 tuổi thế nào")[0]
    assert (reply.status, reply.entry_id) == ("answered", "tthc-cap-can-cuoc-tre-duoi-6-tuoi")


def test_someone_staying_a_few_days_is_the_residence_notice(core: Core) -> None:
    settled(core)
    reply = say(core, "em gái ở quê lên chơi nhà mình mấy hôm thì có phải khai báo không")[0]
    assert (reply.status, reply.entry_id) == ("answered", "tthc-thong-bao-luu-tru")


def test_a_shop_closing_for_a_while_is_a_pause_of_the_household_business(core: Core) -> None:
    settled(core)
    reply = say(core, "quán nhà tôi tạm nghỉ để sửa thì có phải báo không")[0]
    assert (reply.status, reply.entry_id) == ("answered", "tthc-tam-ngung-ho-kinh-doanh")
    where = say(core, "báo ở đâu")[0]
    assert (where.entry_id, where.field) == ("tthc-tam-ngung-ho-kinh-doanh", "where")


@pytest.mark.parametrize("question", ["giá vàng online hôm nay bao nhiêu",
                                      "đặt vé xem bóng đá online ở đâu",
                                      "thời tiết mai thế nào"])
def test_questions_about_something_else_still_fall_back(core: Core, question: str) -> None:
    settled(core)
    assert say(core, question)[0].status == "fallback"


def test_thanks_with_english_words_is_still_small_talk(core: Core) -> None:
    settled(core)
    assert say(core, "ok thanks nhé")[0].status == "smalltalk"
