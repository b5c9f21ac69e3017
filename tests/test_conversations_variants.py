"""Transcripts for wrong confident answers: a question that says what makes a variant of a
procedure (a foreign spouse, a child born abroad) gets the variant, not the base procedure
whose name sits wholly inside the question; words that only look alike do not count."""

from __future__ import annotations

import pytest

from bot.app import Core
from bot.reading import Reader
from tests.transcript import say, settled


@pytest.mark.parametrize(("question", "entry"), [
    ("Vợ sắp cưới của tôi là người Nhật, chúng tôi đăng ký kết hôn ở đâu?",
     "tthc-ket-hon-nuoc-ngoai"),
    ("Bé nhà tôi sinh bên Singapore, về Việt Nam làm khai sinh cho bé ở đâu ạ?",
     "tthc-khai-sinh-nuoc-ngoai"),
])
def test_a_variant_named_in_the_question_is_answered(core: Core, question: str, entry: str) -> None:
    settled(core)
    assert say(core, question)[0].entry_id == entry


@pytest.mark.parametrize(("question", "entry"), [
    ("Người yêu tôi ở quê, đăng ký kết hôn có cần cả hai cùng đến không?", "tthc-dang-ky-ket-hon"),
    ("Làm khai sinh cho con mới sinh ở đâu?", "tthc-dang-ky-khai-sinh"),
    # two cards of one code score alike: the plain one, not the merger's special case
    ("doi cccd", "tthc-cap-doi-the-can-cuoc"),
    ("cấp đổi căn cước ở đâu", "tthc-cap-doi-the-can-cuoc"),
])
def test_the_base_procedure_stays_when_no_variant_is_said(core: Core, question: str,
                                                          entry: str) -> None:
    settled(core)
    assert say(core, question)[0].entry_id == entry


@pytest.mark.parametrize(("story", "base", "variant"), [
    ("Hôm trước đi chợ tôi bị móc túi mất cả ví lẫn thẻ căn cước. Tôi 30 tuổi, quê Nam Định "
     "nhưng đang ở trọ Hải Phòng. Làm lại thẻ có phải về quê không ạ?",
     "tthc-dang-ky-tam-tru", "tthc-cap-lai-the-can-cuoc"),
    ("Giấy khai sinh bản gốc của tôi bị mất từ lâu. Hỏi xã thì sổ hộ tịch năm đó cũng không còn "
     "do lụt. Giờ tôi cần giấy khai sinh để làm hồ sơ, tôi phải làm thủ tục gì?",
     "tthc-dang-ky-khai-sinh", "tthc-dang-ky-lai-khai-sinh"),
])
def test_a_story_is_ranked_by_how_much_of_it_an_entry_covers(core: Core, story: str, base: str,
                                                             variant: str) -> None:
    engine = core.engine
    tokens = engine.analyse(story)[0]
    plain = [eid for eid, _ in engine.rank(tokens, None)]
    told = [eid for eid, _ in engine.rank(tokens, None, story=True)]
    assert plain.index(base) < plain.index(variant)  # a short name wholly inside the story
    assert told[0] == variant


def offered(core: Core, question: str) -> tuple[str, list[str]]:
    settled(core)
    reply = say(core, question)[0]
    return reply.status, [c.entry_id for c in reply.choices if c.entry_id is not None]


@pytest.mark.parametrize("question", [
    "Vợ chồng tôi làm mất giấy đăng ký kết hôn rồi, giờ phải làm sao?",
    "Giấy kết hôn bị thất lạc rồi thì sao?",
])
def test_a_lost_marriage_certificate_asks_whether_the_register_survives(core: Core,
                                                                        question: str) -> None:
    status, choices = offered(core, question)
    assert status == "suggest"
    assert choices[:2] == ["tthc-cap-ban-sao-trich-luc-ho-tich", "tthc-dang-ky-lai-ket-hon"]


def test_a_question_back_yields_to_a_field_asked_of_one_of_its_procedures(core: Core) -> None:
    settled(core)
    reply = say(core, "Bị mất bản chính giấy khai sinh, xin cấp bản sao mất bao nhiêu tiền?")[0]
    assert (reply.entry_id, reply.field) == ("tthc-cap-ban-sao-trich-luc-ho-tich", "fee")


def test_a_child_named_with_diacritics_does_not_split_a_question(core: Core) -> None:
    reader = Reader.of_conversation(core.engine.norm, core.kb.conversation)
    text = "Em muốn làm căn cước cho con gái đã đủ 14 tuổi, thủ tục thế nào"
    assert reader.read(text).questions == (text,)  # "con" (child) is not "còn" (and … ?)


def test_con_typed_without_diacritics_still_divides_two_questions(core: Core) -> None:
    reader = Reader.of_conversation(core.engine.norm, core.kb.conversation)
    assert reader.read("dang ky tam tru mat bao lau con thuong tru thi mat bao lau").questions == (
        "dang ky tam tru mat bao lau", "thuong tru thi mat bao lau")


def test_gia_hang_is_the_southern_spelling_of_gia_han(core: Core) -> None:
    settled(core)
    assert say(core, "gia hạng tạm trú trên mạng được không ạ")[0].entry_id == "tthc-gia-han-tam-tru"


@pytest.mark.parametrize("question", [
    "Giấy đăng ký kết hôn nhà tôi bị ngập nước nát hết, sổ lưu ở xã vẫn còn, tôi xin lại thế nào?",
    "Giấy chứng tử của bố tôi bị cháy, sổ hộ tịch ở xã vẫn còn lưu, giờ làm sao?",
])
def test_a_paper_lost_while_the_register_survives_is_a_copy(core: Core, question: str) -> None:
    settled(core)
    assert say(core, question)[0].entry_id == "tthc-cap-ban-sao-trich-luc-ho-tich"
