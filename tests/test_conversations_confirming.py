"""Transcripts for a story that ends by asking to confirm what it just said ("… rồi mới làm
được. Có đúng không ạ?"): the statement before the confirmation is what is asked."""

from __future__ import annotations

import pytest

from bot.app import Core
from bot.story import with_confirmed
from tests.transcript import code_of, say, settled


@pytest.mark.parametrize(("message", "read"), [
    ("Tôi nghe nói phải có sổ hộ khẩu mới làm được. Đúng không ad?",
     "Tôi nghe nói phải có sổ hộ khẩu mới làm được, đúng không ad?"),
    ("Cán bộ bảo em phải về quê làm.\nCó phải vậy không ạ",
     "Cán bộ bảo em phải về quê làm, có phải vậy không ạ"),
    # a last sentence that asks something of its own, or a question before it: unchanged
    ("Em mới chuyển nhà. Có cần báo công an không?", "Em mới chuyển nhà. Có cần báo công an không?"),
    ("Làm ở đâu? Có đúng không?", "Làm ở đâu? Có đúng không?"),
])
def test_a_last_sentence_that_only_confirms_joins_the_statement(core: Core, message: str,
                                                                read: str) -> None:
    norm = core.engine.norm
    confirming = frozenset(tuple(norm.tokens(p)) for p in core.kb.conversation["confirming"])
    assert with_confirmed(message, norm.tokens, confirming) == read


def test_a_story_asking_to_confirm_a_rumour_gets_the_goals_conditions(core: Core) -> None:
    settled(core)
    reply = say(core, "Em với anh ấy định cưới sau Tết. Em ở Nam Định, anh ấy ở Thái Bình. "
                      "Em đọc trên mạng là phải về xã xin giấy xác nhận độc thân trước rồi mới "
                      "đăng ký kết hôn được. Có đúng không ạ?")[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.000894"
    assert reply.field == "conditions"
