"""Transcripts for a situation a story states that picks the case of its procedure: a child
born abroad or a foreign parent or spouse is the registration with a foreign element
(records 2.000528 and 2.000806), where the question alone names the plain one."""

from __future__ import annotations

import pytest

from bot.app import Core
from tests.transcript import code_of, say, settled


@pytest.mark.parametrize(("story", "code"), [
    ("Con gái tôi sinh bé bên Hàn, bố bé là người Hàn. Giờ hai mẹ con về ở với ông bà ngoại "
     "ở Huế. Làm khai sinh cho bé ở đâu?", "2.000528"),
    ("Vợ tôi người Lào, chúng tôi muốn đăng ký kết hôn. Cần giấy tờ gì?", "2.000806"),
])
def test_a_foreign_element_in_the_story_picks_its_registration(core: Core, story: str,
                                                                code: str) -> None:
    settled(core)
    assert code_of(core, say(core, story)[0]) == code


@pytest.mark.parametrize("story", [
    # a parent abroad for work says where he is, not that the birth has a foreign element
    "Chồng tôi đang ở nước ngoài chưa về. Tôi đi làm khai sinh cho con một mình được không?",
    "Tôi sinh năm 1992, mấy năm đi lao động nước ngoài. Giờ về làm khai sinh cho con thì cần gì?",
])
def test_a_story_that_only_mentions_abroad_keeps_the_plain_registration(core: Core, story: str) -> None:
    settled(core)
    assert code_of(core, say(core, story)[0]) == "1.001193"
