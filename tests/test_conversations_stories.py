"""Transcripts for stories around a single question: the asking sentence's details win over
the story's, a sentence that only greets or announces the question is not the question, and
a story sentence about another matter does not pull away a question that answers by itself,
while one that names the question's case still does."""

from __future__ import annotations

from bot.app import Core
from tests.transcript import code_of, say, settled


def test_the_age_in_the_asking_sentence_wins_over_an_age_in_the_story(core: Core) -> None:
    reader = core.dialogue.asker.reader
    assert reader.read("Nhà có hai đứa, đứa nhỏ mới lên 4 tuổi. Đứa lớn 16 tuổi rồi, "
                       "làm căn cước cho nó ở đâu?").age == 16
    assert reader.read("Con gái tôi 8 tuổi. Làm căn cước cho cháu cần giấy gì?").age == 8


def test_the_writers_own_age_is_not_the_age_of_the_child_asked_about(core: Core) -> None:
    reader = core.dialogue.asker.reader
    assert reader.read("Tôi năm nay 72 tuổi rồi. Làm căn cước cho cháu nội cần gì?").age is None
    assert reader.read("Tôi năm nay 72 tuổi rồi. Đổi căn cước thì cần gì?").age == 72


def test_a_greeting_or_an_announced_question_is_not_the_question(core: Core) -> None:
    questions = core.dialogue.asker.reader.read(
        "Dạ chào anh chị. Cho mình hỏi chút ạ. đăng ký tạm trú cho người ở trọ nộp ở đâu").questions
    assert questions == ("đăng ký tạm trú cho người ở trọ nộp ở đâu",)


def test_a_story_about_another_matter_does_not_pull_a_question_that_answers_alone(
        core: Core) -> None:
    settled(core)
    reply = say(core, "Mình đang ở trọ gần khu chế xuất, quê tận tỉnh khác. "
                      "khai tu cho ong noi can giay to gi")[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.000656"


def test_a_story_that_names_the_case_still_turns_a_general_question(core: Core) -> None:
    settled(core)
    reply = say(core, "Bố tôi mất có để lại di chúc. Mấy anh em định lập văn bản thỏa thuận "
                      "phân chia di sản. Ủy ban xã có chứng thực được không?")[0]
    assert reply.status == "answered" and reply.entry_id == "tthc-chung-thuc-phan-chia-di-san"


def test_a_sentence_closed_by_a_full_stop_states_when_the_open_question_answers_alone(
        core: Core) -> None:
    reader = core.dialogue.asker.reader
    questions = reader.read("Chồng em đi làm ăn xa được mấy năm nay. "
                            "Giờ em muốn khai báo tạm vắng cho chồng có được không").questions
    assert questions == ("Giờ em muốn khai báo tạm vắng cho chồng có được không",)
    # an open question that names nothing by itself still reads the sentences before it
    assert len(reader.read("Cán bộ bảo hồ sơ của em không đủ giấy. Giờ làm sao ạ").questions) == 2


def test_opening_greetings_and_announcements_are_not_part_of_the_story(core: Core) -> None:
    settled(core)
    reading = core.dialogue.asker.reader.read("Dạ chào anh chị ạ. Em có việc muốn hỏi. "
                                              "Khai tử cho bà ngoại làm ở đâu")
    assert reading.sentences == ("Khai tử cho bà ngoại làm ở đâu",)
    reply = say(core, "Chào ad. Cho mình hỏi chút. Khai tử cho bà ngoại làm ở đâu")[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.000656"
    assert say(core, "Chào ad. Cảm ơn nhiều nhé")[0].status == "smalltalk"


def test_what_an_official_said_does_not_send_a_question_to_a_general_entry(core: Core) -> None:
    settled(core)
    reply = say(core, "Tuần trước em ra xã thì cán bộ bảo phải chuẩn bị thêm giấy. "
                      "Thành lập công ty cổ phần thì nộp hồ sơ ở đâu?")[0]
    assert reply.status == "answered" and code_of(core, reply) == "2.002043"


def test_without_an_asking_sentence_the_age_nearest_the_question_counts(core: Core) -> None:
    reader = core.dialogue.asker.reader
    assert reader.read("Bà năm nay 70 tuổi, nhờ cháu gõ hộ. "
                       "lam can cuoc cho thang chau 9 tuoi thi len dau").age == 9
