"""Transcripts for the paper a person shows at the desk ("Giấy tờ phải xuất trình" of a record):
an answer on the papers names the identity paper to bring, also beside a second field asked in
the same message, and never repeats a paper the list already names."""

from __future__ import annotations

from bot.app import Core
from bot.knowledge.records.shown import shown_paper, with_shown
from tests.transcript import code_of, say, settled


def test_an_answer_on_the_papers_names_the_identity_paper_to_show(core: Core) -> None:
    settled(core)
    reply = say(core, "Ông nội mất rồi, đi báo tử cho ông thì phải chuẩn bị những giấy tờ gì?")[0]
    assert code_of(core, reply) == "1.000656" and reply.field == "documents"
    shown = [line for line in reply.text.splitlines() if line.startswith("Mang theo để xuất trình")]
    assert len(shown) == 1 and "căn cước" in shown[0].lower()


def test_the_paper_to_show_stays_beside_a_second_field(core: Core) -> None:
    # "where" and "documents" share the answer's room: the list of papers is shortened, the
    # paper shown comes before the pointer to the others and is not the line left out
    settled(core)
    reply = say(core, "Muốn xin thêm bản sao trích lục kết hôn thì tới đâu, đem theo giấy gì?")[0]
    fields = set((reply.field or "").split("+"))
    assert code_of(core, reply) == "2.000635" and fields == {"where", "documents"}
    assert "Mang theo để xuất trình: Hộ chiếu" in reply.text


def test_a_record_whose_papers_are_those_shown_gets_no_second_line(core: Core) -> None:
    # chứng thực chữ ký lists only papers to show: the list already says them
    record = core.kb.entries["tthc-chung-thuc-chu-ky"].record
    assert record is not None and shown_paper(record) is None
    lines = ["1. Giấy tờ A", "2. Giấy tờ B"]
    assert with_shown(record, lines, core.kb.text) == lines


def test_the_paper_shown_goes_before_the_pointer_to_the_other_papers(core: Core) -> None:
    record = core.kb.entries["tthc-dang-ky-khai-tu"].record
    assert record is not None
    lines = with_shown(record, ["1. Tờ khai", "2. Giấy báo tử", "… và 2 giấy tờ khác"], core.kb.text)
    assert lines[2].startswith("Mang theo để xuất trình") and lines[3].startswith("… và")
