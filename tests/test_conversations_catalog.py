"""Transcripts for commune procedures the national records have only a catalog line for (no
details record): the card's sourced lines (``amend``) answer the documents, where and time
questions, and what no line covers is still sent to the portal or the one-stop desk."""

from __future__ import annotations

import pytest

from bot.app import Core
from bot.knowledge.records.catalog_card import is_commune
from tests.transcript import code_of, say, settled

PORTAL_ONLY = "Hồ sơ, thời hạn, lệ phí: xem trên Cổng Dịch vụ công"
LABELS = {"documents": "Hồ sơ", "where": "Nơi nộp", "time_limit": "Thời hạn giải quyết"}


@pytest.mark.parametrize(("question", "code", "field", "fact"), [
    ("mẹ tôi 77 tuổi không có lương hưu, xin trợ cấp người cao tuổi cần giấy tờ gì",
     "1.012822", "documents", "Mẫu số 01"),
    ("ông tôi không có lương hưu, xin trợ cấp người cao tuổi nộp ở đâu",
     "1.012822", "where", "nơi người đề nghị cư trú"),
    ("làm hồ sơ xin trợ cấp cho người cao tuổi bao lâu thì có kết quả",
     "1.012822", "time_limit", "10 ngày làm việc"),
    ("con tôi khuyết tật nặng, làm trợ cấp xã hội hằng tháng phải nộp giấy tờ gì",
     "1.001776", "documents", "Tờ khai"),
    ("hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội cần hồ sơ gì",
     "1.001731", "documents", "giấy chứng tử"),
])
def test_a_catalog_card_answers_the_field_from_its_sourced_lines(
        core: Core, question: str, code: str, field: str, fact: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "answered" and code_of(core, reply) == code
    # "chi phí mai táng" also reads as the fee: the field asked is among those read
    assert field in (reply.field or "").split("+")
    assert f"{LABELS[field]}:" in reply.text and fact in reply.text
    assert PORTAL_ONLY not in reply.text
    assert "Căn cứ:" in reply.text  # the legal basis of the curated line, beside the catalog


def test_a_field_no_line_covers_is_sent_to_the_desk(core: Core) -> None:
    settled(core)
    reply = say(core, "xin trợ cấp người cao tuổi có phải đóng lệ phí không")[0]
    assert code_of(core, reply) == "1.012822"
    assert "Lệ phí: xem trên Cổng Dịch vụ công" in reply.text
    assert "Nơi nộp:" in reply.text


def test_a_catalog_card_without_sourced_lines_keeps_the_portal_line(core: Core) -> None:
    render = core.dialogue.answers.render
    bare = [e for e in core.kb.entries.values()
            if e.catalog is not None and e.record is None and not e.amend
            and is_commune(", ".join(e.catalog.departments))]
    assert bare
    for entry in bare:
        assert PORTAL_ONLY in render.answer(entry, "ky-lac", field="documents").body, entry.id


def test_a_social_insurance_office_is_not_read_as_a_commune(core: Core) -> None:
    entry = core.kb.entries["tthc-huong-luong-huu"]  # done by Bảo hiểm xã hội tỉnh
    assert entry.catalog is not None and "xã hội" in ", ".join(entry.catalog.departments)
    body = core.dialogue.answers.render.answer(entry, "ky-lac").body
    assert "không làm ở xã, phường" in body and PORTAL_ONLY not in body


def test_a_follow_up_field_stays_on_the_catalog_card(core: Core) -> None:
    settled(core)
    first = say(core, "mẹ tôi 77 tuổi không có lương hưu, xin trợ cấp người cao tuổi cần giấy tờ gì")[0]
    assert code_of(core, first) == "1.012822"
    reply = say(core, "thế mất bao lâu thì có kết quả")[0]
    assert code_of(core, reply) == "1.012822"
    assert "10 ngày làm việc" in reply.text
