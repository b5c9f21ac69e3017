"""Transcripts for deciding between answering and asking back: siblings of one procedure are
no rivals, a close distinct procedure is, two procedures named at once are both served, a field
question goes to the one procedure among the choices, and an age card needs an age."""

from __future__ import annotations

from bot.app import Core
from bot.messages import Reply
from tests.transcript import say, settled


def offered(reply: Reply) -> list[str]:
    return [c.entry_id for c in reply.choices if c.entry_id is not None]


def test_a_plain_birth_registration_question_is_not_read_as_re_registration(core: Core) -> None:
    settled(core)
    reply = say(core, "Làm giấy khai sinh cần những gì ạ?")[0]
    assert (reply.entry_id, reply.field) == ("tthc-dang-ky-khai-sinh", "documents")


def test_two_procedures_named_at_once_are_both_offered_and_one_picked_by_number(core: Core) -> None:
    settled(core)
    reply = say(core, "Cho mình hỏi về thủ tục tạm trú và khai sinh")[0]
    assert reply.status == "suggest"
    assert offered(reply)[0] == "tthc-dang-ky-tam-tru"
    assert "khai-sinh" in offered(reply)[1]
    picked = say(core, "cái thứ 2")[0]
    assert "tthc-dang-ky-khai-sinh" in offered(picked) or picked.entry_id == "tthc-dang-ky-khai-sinh"


def test_two_procedures_with_one_field_are_both_answered_on_it(core: Core) -> None:
    settled(core)
    replies = say(core, "Đăng ký thường trú với tạm trú phí mỗi loại bao nhiêu vậy ad")
    assert [(r.entry_id, r.field) for r in replies] == [
        ("tthc-dang-ky-thuong-tru", "fee"), ("tthc-dang-ky-tam-tru", "fee")]


def test_a_field_question_goes_to_the_one_procedure_among_the_choices(core: Core) -> None:
    settled(core)
    reply = say(core, "Đăng ký kết hôn xong bao lâu thì lấy được giấy ạ?")[0]
    assert (reply.entry_id, reply.field) == ("tthc-dang-ky-ket-hon", "time_limit")


def test_close_distinct_procedures_ask_back(core: Core) -> None:
    settled(core)
    reply = say(core, "Thủ tục cho người mất")[0]
    assert reply.status == "suggest"
    assert "tthc-dang-ky-khai-tu" in offered(reply)


def test_without_an_age_the_card_for_adults_answers_and_going_home_is_not_needed(core: Core) -> None:
    settled(core)
    reply = say(core, "lam can cuoc o dau vay ad, co can ve que ko")[0]
    assert (reply.entry_id, reply.field) == ("tthc-cap-the-can-cuoc", "where")
    assert "không phụ thuộc vào nơi cư trú" in reply.text


def test_getting_the_paper_at_once_is_a_time_limit_follow_up(core: Core) -> None:
    settled(core)
    say(core, "Chứng thực bản sao giấy tờ ở đâu?")
    reply = say(core, "lấy ngay được không")[0]
    assert (reply.entry_id, reply.field) == ("tthc-chung-thuc-ban-sao", "time_limit")


def test_thu_tuc_names_nothing_that_keeps_the_question_back_away(core: Core) -> None:
    settled(core)
    reply = say(core, "Cho em hỏi thủ tục giấy tờ cho con ạ")[0]
    assert reply.status == "suggest"
    assert "tthc-dang-ky-khai-sinh" in offered(reply)


def test_a_procedure_held_back_by_its_tier_is_offered_rather_than_dropped(core: Core) -> None:
    settled(core)
    reply = say(core, "chứng thực bản dịch tiếng anh ở đâu")[0]  # only the catalog names it
    assert reply.status == "suggest" and "tthc-2-000757" in offered(reply)
    assert say(core, "cách nấu phở bò")[0].status == "fallback"


def test_taking_back_an_answer_and_naming_a_choice_by_position_picks_it(core: Core) -> None:
    settled(core)
    first = say(core, "chứng thực hợp đồng mua bán đất ở đâu")[0]
    second = first.choices[1]
    picked = say(core, "à không, cái thứ hai")[0]
    assert picked.status == "answered" and picked.entry_id == first.entry_id
    assert picked.field == second.payload.rsplit(":", 1)[1]  # the second choice: a field of it


def test_two_procedures_one_told_with_an_age_are_both_offered(core: Core) -> None:
    settled(core)
    reply = say(core, "lam the can cuoc cho con 3 tuoi va dang ky tam tru cho ca nha")[0]
    assert reply.status == "suggest"
    assert offered(reply)[:2] == ["tthc-cap-can-cuoc-tre-duoi-6-tuoi", "tthc-dang-ky-tam-tru"]
