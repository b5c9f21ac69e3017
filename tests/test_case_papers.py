"""A documents question naming a case of the record gets that case's papers too
(bot/case_papers.py)."""

from __future__ import annotations

from bot.app import Core
from tests.transcript import code_of, say, settled


def test_a_case_named_in_the_question_adds_its_papers_under_the_common_list(core: Core) -> None:
    settled(core)
    reply = say(core, "người gốc Việt định cư ở nước ngoài xin cấp sổ đỏ lần đầu cần giấy tờ gì")[0]
    assert code_of(core, reply) == "1.013978" and reply.field == "documents"
    common, _, case = reply.text.partition("Hồ sơ — ")
    assert "1. Đơn đăng ký đất đai" in common
    assert "người gốc Việt Nam định cư ở nước" in case
    assert "Thông báo xác nhận kết quả đăng ký đất đai" in case


def test_a_plain_documents_question_gets_only_the_common_list(core: Core) -> None:
    settled(core)
    reply = say(core, "xin cấp sổ đỏ lần đầu cần giấy tờ gì")[0]
    assert "Hồ sơ — " not in reply.text
