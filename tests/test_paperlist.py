"""A documents answer lists every paper of the common case: conditional ones said plainly
("Nếu …: …"), names cut shorter in a long list, the line that introduces the list left out."""

from __future__ import annotations

from typing import Any

import pytest

from bot.knowledge.records.model import Document, DocumentGroup
from bot.knowledge.records.paperlist import MIN_NAME, every_paper, name_limit, once, plainly


def text(key: str, **fields: Any) -> str:
    assert key == "rec_document_if"
    return "Nếu {case}: {paper}".format(**fields)


def no_counts(d: Document) -> str:
    return f" ({d.original} bản chính)" if d.original else ""


@pytest.mark.parametrize(("name", "said"), [
    ("Trường hợp người nộp là người được ủy quyền thì phải nộp văn bản ủy quyền",
     "Nếu người nộp là người được ủy quyền: Văn bản ủy quyền"),
    ("Trường hợp mất giấy tờ gốc, thì thay thế bằng: bản cam kết của người yêu cầu",
     "Nếu mất giấy tờ gốc: Bản cam kết của người yêu cầu"),
    ("Trường hợp nhà ở thuê thì có hợp đồng thuê nhà", "Nếu nhà ở thuê: Hợp đồng thuê nhà"),
    ("Giấy chứng nhận quyền sử dụng đất", "Giấy chứng nhận quyền sử dụng đất"),
    ("Bản sao giấy tờ trong trường hợp ủy quyền", "Bản sao giấy tờ trong trường hợp ủy quyền"),
])
def test_a_conditional_paper_is_said_plainly(name: str, said: str) -> None:
    assert plainly(name, text) == said


def test_every_paper_is_listed_and_the_introducing_line_left_out() -> None:
    group = DocumentGroup("", (
        Document("Tờ khai theo mẫu", original=1),
        Document("Người yêu cầu nộp hoặc xuất trình các giấy tờ sau:"),
        *(Document(f"Giấy tờ số {i} của hồ sơ") for i in range(2, 10)),
        Document("Trường hợp người yêu cầu là người nước ngoài thì nộp bản dịch hộ chiếu", original=1),
    ))
    lines = every_paper(group, text, no_counts)
    assert len(lines) == 10
    assert lines[0] == "1. Tờ khai theo mẫu (1 bản chính)"
    assert lines[-1] == "10. Nếu người yêu cầu là người nước ngoài: Bản dịch hộ chiếu (1 bản chính)"
    assert not any("sau:" in line for line in lines)


def test_a_long_list_cuts_names_not_papers() -> None:
    assert name_limit(4) > name_limit(12) >= MIN_NAME
    long_name = "Giấy tờ chứng minh " + "rất dài " * 40
    lines = every_paper(DocumentGroup("", tuple(Document(long_name) for _ in range(12))), text, no_counts)
    assert len(lines) == 12
    assert all(len(line) <= MIN_NAME + 6 and line.endswith("…") for line in lines)


@pytest.mark.parametrize(("name", "said"), [
    ("Tờ khai Tờ khai đề nghị gia hạn", "Tờ khai đề nghị gia hạn"),
    ("Bản sao giấy chứng nhận đăng ký đăng ký thuế", "Bản sao giấy chứng nhận đăng ký thuế"),
    ("quyết định cho người nhận con nuôi nhận con nuôi trước đó",  # meant: three words
     "quyết định cho người nhận con nuôi nhận con nuôi trước đó"),
])
def test_a_two_word_phrase_typed_twice_is_said_once(name: str, said: str) -> None:
    assert once(name) == said
