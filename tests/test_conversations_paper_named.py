"""Transcripts for citizens' words that the synonyms rewrite to the official term: the term
keeps the paper the citizen names ("sửa lại giấy khai sinh" is "cải chính khai sinh", not a bare
"cải chính"); "đổi sang dân tộc …" is "xác định lại dân tộc"; "bổ sung tên bố" is "nhận cha, con"."""

from __future__ import annotations

from bot.app import Core
from tests.transcript import code_of, say, settled


def test_correcting_a_birth_certificate_keeps_the_birth_certificate(core: Core) -> None:
    assert core.engine.norm.tokens("sửa lại giấy khai sinh") == ["cai", "chinh", "khai", "sinh"]


def test_correcting_a_birth_certificate_is_answered_with_its_time_limit(core: Core) -> None:
    settled(core)
    reply = say(core, "bố tôi muốn sửa lại giấy khai sinh vì sai ngày tháng, làm mất mấy ngày")[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.004859"
    assert reply.field == "time_limit"


def test_taking_the_other_parents_ethnicity_is_determining_it_again(core: Core) -> None:
    settled(core)
    reply = say(core, "Ông xã tôi người Kinh, tôi người Mường. Con trai 16 tuổi muốn đổi sang "
                      "dân tộc Mường. Làm ở đâu ạ?")[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.004859"


def test_adding_the_fathers_name_to_a_birth_paper_is_acknowledging_the_child(core: Core) -> None:
    settled(core)
    reply = say(core, "con tôi 3 tuổi, khai sinh chưa có tên bố vì hồi đó chưa cưới. "
                      "Giờ muốn bổ sung tên bố vào thì làm thủ tục gì")[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.001022"
