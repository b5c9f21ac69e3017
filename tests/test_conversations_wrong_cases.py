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
