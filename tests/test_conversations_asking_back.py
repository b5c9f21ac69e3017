"""Transcripts for asking back within a family of procedures: a question back written for a
bare name is asked, a name that picks one choice is answered, and a field question whose two
best choices are a coin toss keeps the question back."""

from __future__ import annotations

import pytest

from bot.app import Core
from bot.messages import Reply
from tests.transcript import code_of, say, settled


def offered(reply: Reply) -> list[str]:
    return [c.entry_id for c in reply.choices if c.entry_id is not None]


@pytest.mark.parametrize(("question", "choices"), [
    # registering a guardian or ending the guardianship
    ("cho hỏi về việc giám hộ", {"tthc-dang-ky-giam-ho", "tthc-1-004845"}),
    # registering again what: a birth, a marriage, a death?
    ("tôi cần đăng ký lại", {"tthc-dang-ky-lai-khai-sinh", "tthc-dang-ky-lai-ket-hon",
                             "tthc-dang-ky-lai-khai-tu"}),
])
def test_a_bare_name_with_a_question_back_is_asked_back(core: Core, question: str,
                                                         choices: set[str]) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "suggest"
    assert choices <= set(offered(reply))


@pytest.mark.parametrize(("question", "code"), [
    ("cấp đổi thẻ căn cước", "1.014063"),
    ("làm lại thẻ căn cước bị mất", "1.014064"),
    ("đăng ký nghĩa vụ quân sự chuyển đi", "1.013134"),
    ("đăng ký lại khai tử cho ông", "1.005461"),
    ("chấm dứt giám hộ", "1.004845"),
])
def test_a_name_that_picks_one_choice_is_answered(core: Core, question: str, code: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert (reply.status, code_of(core, reply)) == ("answered", code)


def test_a_field_alone_does_not_tell_apart_two_kinds_of_certification(core: Core) -> None:
    settled(core)
    reply = say(core, "chứng thực ở đâu vậy ạ")[0]
    assert reply.status == "suggest"
    assert {"tthc-chung-thuc-ban-sao", "tthc-chung-thuc-chu-ky"} <= set(offered(reply))


def test_a_field_with_the_case_named_is_answered(core: Core) -> None:
    settled(core)
    reply = say(core, "chứng thực chữ ký ở đâu vậy ạ")[0]
    assert (reply.entry_id, reply.field) == ("tthc-chung-thuc-chu-ky", "where")


def test_the_choice_picked_after_asking_back_is_answered(core: Core) -> None:
    settled(core)
    say(core, "cho hỏi về việc giám hộ")
    reply = say(core, "chấm dứt")[0]
    assert (reply.status, code_of(core, reply)) == ("answered", "1.004845")


def test_a_case_the_question_names_excludes_a_card_named_for_another(core: Core) -> None:
    # the elderly card's official name lists "người khuyết tật nhẹ …" among its cases; its own
    # name says cao tuổi, so a question about a disabled person is the general allowance
    settled(core)
    reply = say(core, "trợ cấp xã hội hằng tháng cho người khuyết tật làm ở đâu vậy")[0]
    assert code_of(core, reply) == "1.001776"


@pytest.mark.parametrize(("question", "first"), [
    # "khai sinh" and "nhận con" side by side: the registration that joins both
    ("chưa làm khai sinh mà bố muốn nhận con luôn", "tthc-khai-sinh-nhan-cha-con"),
    # "cho con" names no recognition of a parent: the plain registration stays first
    ("đăng ký khai sinh cho con ở xã", "tthc-dang-ky-khai-sinh"),
])
def test_a_question_naming_both_joined_procedures_reads_as_the_joined_one(
        core: Core, question: str, first: str) -> None:
    tokens, _ = core.engine.analyse(question)
    ranked = [("tthc-dang-ky-khai-sinh", 60.0), ("tthc-cap-ban-sao-trich-luc-ho-tich", 55.0),
              ("tthc-khai-sinh-nhan-cha-con", 50.0)]
    assert core.engine.contrasts.kept(tokens, ranked)[0][0] == first


def test_a_reply_with_a_word_only_one_choice_says_picks_that_choice(core: Core) -> None:
    # both the pension and the social-pension choices say "hưởng … hưu"; only one says "lương"
    settled(core)
    back = say(core, "Cho tôi hỏi về tiền mai táng phí")[0]
    assert back.status == "suggest" and len(back.choices) >= 3
    reply = say(core, "mẹ tôi đang hưởng lương hưu")[0]
    pension = next(c.entry_id for c in back.choices if "lương hưu" in c.label)
    assert (reply.status, reply.entry_id) == ("answered", pension)
