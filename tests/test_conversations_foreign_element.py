"""Transcripts for where to go: a foreign party or a birth abroad told in the story makes the
civil-status question the procedure "có yếu tố nước ngoài" (done at the commune since 1/7/2025,
`situations:` in knowledge/conversation.yaml), while a partner from another province does not;
living in another city asks where."""

from __future__ import annotations

import pytest

from bot.app import Core
from tests.transcript import code_of, say, settled


@pytest.mark.parametrize(("message", "code"), [
    # a foreign spouse told before the question, which names only "đăng ký kết hôn"
    ("Vợ sắp cưới của tôi là người Lào, chúng tôi sống ở Sơn La. Đăng ký kết hôn làm ở đâu?",
     "2.000806"),
    # a child born abroad, brought home
    ("Cháu tôi sinh ra ở Hàn Quốc, mẹ cháu là người Việt. Giờ về nước thì đăng ký khai sinh "
     "cho cháu ở xã được không?", "2.000528"),
])
def test_a_foreign_element_in_the_story_makes_the_foreign_procedure(core: Core, message: str,
                                                                     code: str) -> None:
    settled(core)
    reply = say(core, message)[0]
    assert code_of(core, reply) == code
    assert "Nơi nộp" in reply.text and "Ủy ban nhân dân cấp xã" in reply.text


def test_a_partner_from_another_province_is_no_foreign_element(core: Core) -> None:
    settled(core)
    reply = say(core, "Người yêu tôi ở Nghệ An, tôi ở Hà Tĩnh. Đăng ký kết hôn làm ở xã nào?")[0]
    assert code_of(core, reply) == "1.000894"


def test_living_in_another_city_asks_where(core: Core) -> None:
    # "ở thành phố khác" asks whether another place will do, as "ở tỉnh khác" does
    settled(core)
    reply = say(core, "Tôi bị mất thẻ căn cước, giờ đang làm việc ở thành phố khác thì làm lại "
                      "có được không?")[0]
    assert code_of(core, reply) == "1.014064" and reply.field == "where"
    assert "không phụ thuộc nơi cư trú" in reply.text


@pytest.mark.parametrize("message", [
    "Bây giờ không còn huyện nữa thì đăng ký khai tử làm ở đâu?",
    "Huyện không còn rồi, vậy đăng ký khai tử làm ở đâu?",
])
def test_no_longer_is_not_a_second_question(core: Core, message: str) -> None:
    # "không còn" means "no longer": the sentence asks one thing, of the procedure it names
    settled(core)
    replies = say(core, message)
    assert [code_of(core, r) for r in replies if r.status] == ["1.000656"]
    assert replies[0].field == "where"
