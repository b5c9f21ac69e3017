"""The record's own sentence on the detail a question asks, quoted under the answer."""

from __future__ import annotations

from bot.app import Core
from bot.engine import Engine
from bot.evidence import Evidence
from bot.knowledge.model import KnowledgeBase
from bot.messages import Incoming
from bot.render import Renderer


def evidence(engine: Engine) -> Evidence:
    return Evidence(engine.norm.tokens, engine.weight, engine.stop)


def test_a_detail_no_field_holds_is_quoted_from_the_note(
        bundled: tuple[KnowledgeBase, Engine, Renderer]) -> None:
    kb, engine, _ = bundled
    quotes = evidence(engine).quotes(kb.entries["tthc-dang-ky-tam-tru"],
                                     "Tạm trú thì có thời hạn tối đa bao lâu ạ?", "")
    assert any("tối đa 2 năm" in q for q in quotes)


def test_the_procedure_name_alone_quotes_nothing(
        bundled: tuple[KnowledgeBase, Engine, Renderer]) -> None:
    kb, engine, _ = bundled
    assert evidence(engine).quotes(kb.entries["tthc-dang-ky-tam-tru"], "đăng ký tạm trú", "") == []


def test_a_sentence_already_in_the_answer_is_not_quoted_again(
        bundled: tuple[KnowledgeBase, Engine, Renderer]) -> None:
    kb, engine, _ = bundled
    entry = kb.entries["tthc-dang-ky-tam-tru"]
    question = "Tạm trú thì có thời hạn tối đa bao lâu ạ?"
    shown = "\n".join(evidence(engine).quotes(entry, question, ""))
    assert not any("tối đa 2 năm" in q for q in evidence(engine).quotes(entry, question, shown))


def test_a_newborn_s_permanent_residence_answer_quotes_the_60_days(core: Core) -> None:
    core.dialogue.handle(Incoming("zalo", "e1", "", "loc:ky-lac", address="e1"))
    reply = core.dialogue.handle(Incoming(
        "zalo", "e1", "Đăng ký thường trú cho con mới sinh thì trong bao lâu ạ?", None, address="e1"))[0]
    assert reply.entry_id == "tthc-dang-ky-thuong-tru"
    assert "60 ngày" in reply.text


def test_a_sentence_is_not_cut_where_a_lower_case_word_goes_on() -> None:
    from bot.evidence import _joined, _split
    text = ("Trường hợp nộp trực tuyến, công chức tư pháp - hộ tịch kiểm tra hồ sơ tại Trung\n"
            "tâm Phục vụ hành chính công.\n- Nếu hồ sơ đủ thì tiếp nhận; + Nếu thiếu thì hướng dẫn")
    assert list(_joined(_split(text))) == [
        "Trường hợp nộp trực tuyến, công chức tư pháp - hộ tịch kiểm tra hồ sơ tại Trung\n"
        "tâm Phục vụ hành chính công.".replace("\n", " "),
        "Nếu hồ sơ đủ thì tiếp nhận", "Nếu thiếu thì hướng dẫn"]


def test_a_clause_after_a_semicolon_stays_with_its_sentence() -> None:
    from bot.evidence import _joined, _split
    text = "Người nộp điền tờ khai điện tử và đính kèm bản chụp giấy tờ; thanh toán lệ phí qua cổng."
    assert list(_joined(_split(text))) == [text]


def test_a_numbered_list_is_quoted_whole_not_item_by_item() -> None:
    from bot.evidence import _joined, _split
    text = ("Không chứng thực văn bản là giao dịch, trừ văn bản ủy quyền: (1) nộp hộ hồ sơ; "
            "(2) nhận hộ lương hưu; (3) trông nhà.\nNgười ký phải có mặt.")
    assert list(_joined(_split(text))) == [
        "Không chứng thực văn bản là giao dịch, trừ văn bản ủy quyền: (1) nộp hộ hồ sơ; "
        "(2) nhận hộ lương hưu; (3) trông nhà.", "Người ký phải có mặt."]


def test_separate_sentences_after_a_semicolon_are_still_split() -> None:
    from bot.evidence import _joined, _split
    assert list(_joined(_split("Nộp tại xã; Trả kết quả trong ngày."))) == [
        "Nộp tại xã", "Trả kết quả trong ngày."]


def test_a_fragment_that_cannot_stand_alone_is_never_quoted() -> None:
    from bot.evidence import _reads_alone
    assert not _reads_alone("chuyển hồ sơ cho cán bộ hộ tịch xử lý")
    assert not _reads_alone("Người nộp hồ sơ trực tuyến gửi kèm các giấy tờ sau:")
    assert _reads_alone("Người nộp hồ sơ trực tuyến gửi kèm bản chụp giấy tờ.")
    assert _reads_alone("01 ngày làm việc kể từ khi nhận đơn.")


def test_every_quote_under_a_birth_answer_reads_as_a_sentence(core: Core) -> None:
    core.dialogue.handle(Incoming("zalo", "q1", "", "loc:ky-lac", address="q1"))
    for question in ("Khai sinh cho bé qua mạng làm sao?", "Làm khai sinh online có phải trả tiền không?",
                     "Khai sinh cho con thì mang theo những gì?"):
        reply = core.dialogue.handle(Incoming("zalo", "q1", question, None, address="q1"))[0]
        notes = [line[2:].strip() for line in reply.text.splitlines() if line.startswith("ℹ️")]
        assert all(n[:1].isupper() or n[:1].isdigit() or n.startswith("…") for n in notes), notes
        assert not any(n.endswith(":") for n in notes), notes
        assert "Trung nộp hồ sơ" not in reply.text
