"""Transcripts for wrong confident answers whose cause is the case of a procedure: the story
around the question says what makes a variant (a foreign fiancé named in one sentence, the
question asked in another), so the variant is answered, not the base procedure the asking
sentence alone names; a story that says no such case keeps the base procedure."""

from __future__ import annotations

import pytest

from bot.app import Core
from tests.transcript import say, settled


@pytest.mark.parametrize("story", [
    "Con gái tôi sắp cưới một anh người Nhật. Nghe nói trước phải lên huyện, giờ bỏ huyện rồi "
    "thì đăng ký kết hôn ở đâu?",
    "Anh ấy quốc tịch Canada, bọn em sắp cưới. Bây giờ đăng ký kết hôn thì nộp hồ sơ ở đâu?",
])
def test_a_foreign_partner_told_in_the_story_gets_the_foreign_marriage(core: Core, story: str) -> None:
    settled(core)
    assert say(core, story)[0].entry_id == "tthc-ket-hon-nuoc-ngoai"


def test_a_story_without_the_case_keeps_the_base_procedure(core: Core) -> None:
    settled(core)
    story = ("Con gái tôi sắp cưới một anh ở tỉnh bên. Nghe nói trước phải lên huyện, giờ bỏ huyện "
             "rồi thì đăng ký kết hôn ở đâu?")
    assert say(core, story)[0].entry_id == "tthc-dang-ky-ket-hon"


def choices(core: Core, story: str) -> tuple[str, str | None, list[str]]:
    settled(core)
    reply = say(core, story)[0]
    return reply.status, reply.entry_id, [c.entry_id for c in reply.choices if c.entry_id]


@pytest.mark.parametrize("story", [
    "Giấy khai sinh của tôi bị ghi lệch năm sinh so với học bạ. Tôi muốn làm cho khớp. "
    "Làm mất mấy ngày?",
    "Giấy khai sinh gốc của tôi bị thất lạc khi chuyển nhà. Giờ đi làm hồ sơ xin việc thì cần "
    "giấy khai sinh, tôi phải làm sao?",
])
def test_a_paper_in_hand_is_not_its_first_registration(core: Core, story: str) -> None:
    """The story says the birth certificate exists (written wrong, lost): the first
    registration is done, so the question back about the paper is asked without it."""
    status, _, offered = choices(core, story)
    assert status == "suggest"
    assert "tthc-dang-ky-khai-sinh" not in offered
    assert {"tthc-thay-doi-cai-chinh-ho-tich", "tthc-dang-ky-lai-khai-sinh"} <= set(offered)


def test_the_story_answers_the_question_back_in_a_choices_own_words(core: Core) -> None:
    story = ("Năm 1980 tôi sinh ở quê, giấy khai sinh bản gốc bị mối xông mất rồi. Lên xã hỏi thì "
             "sổ gốc lưu năm ấy cũng mất. Tôi cần làm thủ tục gì?")
    assert choices(core, story)[1] == "tthc-dang-ky-lai-khai-sinh"


def test_asking_to_register_names_the_first_registration_itself(core: Core) -> None:
    story = "Con tôi sinh ở nhà, chưa có giấy tờ gì. Tôi muốn đăng ký khai sinh cho cháu thì cần gì?"
    assert choices(core, story)[1] == "tthc-dang-ky-khai-sinh"


@pytest.mark.parametrize(("question", "entry"), [
    ("đăng ký thường trú cho con có cần mang giấy khai sinh của cháu không", "tthc-dang-ky-thuong-tru"),
    ("Chuyển đi làm xa, tôi đã đăng ký tạm trú ở nơi ở mới, vậy có cần khai báo tạm vắng ở quê "
     "nữa không?", "tthc-khai-bao-tam-vang"),
])
def test_a_paper_asked_of_a_named_procedure_is_asked_of_that_procedure(core: Core, question: str,
                                                                       entry: str) -> None:
    """"Does procedure X need paper P?" is about X when the question names X and calls P a
    paper ("giấy …"); a procedure done ("đã đăng ký tạm trú") is no goal of the question."""
    settled(core)
    assert say(core, question)[0].entry_id == entry
