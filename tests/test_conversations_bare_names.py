"""Transcripts for a matter named bare (``bare:`` in conversation.yaml, bot/bare.py): the words of
a matter with several cases and nothing that picks one are asked back; a word that picks a case,
a choice's whole name, a field asked, or "thủ tục" with a procedure's own name are answered."""

from __future__ import annotations

from bot.app import Core
from tests.transcript import code_of, say, settled


def _offered(core: Core, text: str) -> set[str]:
    settled(core)
    return {c.entry_id for c in say(core, text)[0].choices if c.entry_id}


def test_removing_a_registration_bare_asks_which(core: Core) -> None:
    offered = _offered(core, "bác muốn cắt hộ khẩu")
    assert {"tthc-xoa-dang-ky-thuong-tru", "tthc-xoa-dang-ky-tam-tru"} <= offered


def test_the_household_book_bare_asks_which_residence(core: Core) -> None:
    offered = _offered(core, "hỏi thủ tục hộ khẩu với ạ")
    assert {"tthc-dang-ky-thuong-tru", "tthc-dang-ky-tam-tru"} <= offered


def test_temporary_residence_bare_offers_its_procedures(core: Core) -> None:
    offered = _offered(core, "Tạm trú thì sao ạ")
    assert {"tthc-dang-ky-tam-tru", "tthc-gia-han-tam-tru", "tthc-xoa-dang-ky-tam-tru"} <= offered


def test_making_a_card_again_asks_change_or_loss(core: Core) -> None:
    offered = _offered(core, "muốn làm lại căn cước")
    assert offered == {"tthc-cap-doi-the-can-cuoc", "tthc-cap-lai-the-can-cuoc"}


def test_a_word_of_the_case_is_answered(core: Core) -> None:
    settled(core)
    reply = say(core, "xin gia hạn tạm trú")[0]
    assert code_of(core, reply) == "1.002755"


def test_a_choice_named_whole_is_answered(core: Core) -> None:
    settled(core)
    assert code_of(core, say(core, "đăng ký tạm trú")[0]) == "1.004194"
    settled(core, "c2")
    assert code_of(core, say(core, "cho tôi hỏi đăng ký kết hôn", user="c2")[0]) == "1.000894"


def test_the_procedure_of_a_name_is_that_procedure(core: Core) -> None:
    settled(core)
    assert code_of(core, say(core, "thủ tục tạm trú")[0]) == "1.004194"


def test_a_field_asked_is_answered_by_the_main_procedure(core: Core) -> None:
    settled(core)
    reply = say(core, "tạm trú thì hết bao nhiêu tiền")[0]
    assert code_of(core, reply) == "1.004194" and reply.field == "fee"


def test_a_person_named_says_more_than_the_bare_name(core: Core) -> None:
    # "cho bà nội" after a death: the removal of the permanent registration, not a question back
    settled(core)
    reply = say(core, "bà nội em mất rồi, có phải xóa hộ khẩu cho bà không")[0]
    assert not reply.choices or all(c.entry_id != "tthc-xoa-dang-ky-tam-tru" for c in reply.choices)


def test_a_field_carried_from_the_conversation_is_not_asked_back(core: Core) -> None:
    settled(core)
    say(core, "khai sinh cần giấy tờ gì")
    reply = say(core, "còn tạm trú")[0]
    assert code_of(core, reply) == "1.004194"


def test_every_bare_name_leads_to_a_question_back(core: Core) -> None:
    bare = core.kb.conversation["bare"]
    assert bare and all(core.kb.entries[eid].options for eid in bare)


def test_a_word_left_out_of_the_bare_names_can_pick_the_case(core: Core) -> None:
    settled(core)
    reply = say(core, "chứng thực bản sao")[0]
    assert code_of(core, reply) == "2.000815"
