"""Transcripts for messages that ask two things, each answered on its own matter: "thì"
closing a second question's matter names nothing, a message typed without diacritics divides
at its folded "còn", a full stop typed where the question mark goes still asks, and two
questions the same procedure answers get one reply with both fields."""

from __future__ import annotations

import pytest

from bot.apart import one_each, topic_match
from bot.app import Core
from bot.asked import closes_asking, half_asks
from bot.asking import Part
from bot.engine import ANSWERED, FALLBACK, Match
from tests.transcript import code_of, say, settled


def _answered(core: Core, text: str) -> list[tuple[str | None, str | None]]:
    settled(core)
    return [(code_of(core, r), r.field) for r in say(core, text) if r.status]


def test_a_second_question_whose_matter_closes_with_thi_is_about_that_matter(core: Core) -> None:
    # "khai tử thì" is a phrase of the extracts of civil status records ("… trích lục kết hôn,
    # khai tử thì xin ở xã nào?"): the second question asks where a death is registered
    assert _answered(core, "Đăng ký kết hôn cần mang những gì? Khai tử thì làm ở đâu?") == [
        ("1.000894", "documents"), ("1.000656", "where")]


def test_a_closing_thi_is_dropped_when_the_matter_reads_surer_without_it(core: Core) -> None:
    asker = core.dialogue.asker
    matched: list[str] = []

    def match(text: str) -> Match:
        matched.append(text)
        return asker.engine.match(text, None)
    assert topic_match(match, ["khai", "tu", "thi"]).entry == core.kb.entries["tthc-dang-ky-khai-tu"]
    assert matched == ["khai tu thi", "khai tu"]
    matched.clear()
    topic_match(match, ["tam", "tru"])  # no marker: read once, as typed
    assert matched == ["tam tru"]


def test_a_message_typed_without_diacritics_divides_at_its_folded_con(core: Core) -> None:
    # a comma is no diacritic: the folded "con" (còn) still divides two questions
    assert _answered(core, "dang ky ket hon can nhung giay to gi, con khai tu thi nop o dau") == [
        ("1.000894", "documents"), ("1.000656", "where")]


def test_a_full_stop_where_the_question_mark_goes_still_asks(core: Core) -> None:
    settled(core)
    replies = [r for r in say(core, "Tạm trú lệ phí bao nhiêu. Còn thường trú thì cần giấy gì") if r.status]
    assert [(code_of(core, r), r.field) for r in replies] == [("1.004194", "fee"), ("1.004222", "documents")]
    assert "15.000" in replies[0].text


@pytest.mark.parametrize(("sentence", "asks"), [
    ("Tạm trú lệ phí bao nhiêu.", True),
    ("Đăng ký kết hôn làm ở đâu ạ.", True),
    ("Em đi làm ở Hàn Quốc về được mấy tháng.", False),  # a story's statement goes on after "mấy"
    ("Cán bộ bảo em không đủ giấy.", False),
])
def test_a_sentence_closed_by_a_full_stop_asks_when_it_ends_on_its_question_word(
        core: Core, sentence: str, asks: bool) -> None:
    assert closes_asking(core.dialogue.asker.reader, sentence) is asks


def test_two_questions_answered_with_one_procedure_get_one_reply(core: Core) -> None:
    entry = core.kb.entries["tthc-dang-ky-khai-tu"]
    first = Part(ANSWERED, "khai tử cần gì", entry, "documents")
    second = Part(ANSWERED, "ở đâu", entry, "where")
    assert [p.field for p in one_each([first, second])] == ["documents+where"]
    other = Part(ANSWERED, "kết hôn ở đâu", core.kb.entries["tthc-dang-ky-ket-hon"], "where")
    assert one_each([first, other]) == [first, other]
    assert one_each([first, Part(FALLBACK, "giá vàng")]) == [first, Part(FALLBACK, "giá vàng")]


def test_a_second_half_naming_a_contact_detail_asks_for_it(core: Core) -> None:
    # no question word: "số điện thoại", "hotline", "địa chỉ" after "với lại", "và" ask for it
    settled(core)
    said = "Khai tử cho ông cần những giấy gì với lại số điện thoại của xã"
    replies = [r for r in say(core, said) if r.status]
    assert [(r.entry_id, r.field) for r in replies] == [
        ("tthc-dang-ky-khai-tu", "documents"), ("hotline-phan-anh-thu-tuc", None)]
    assert "18001096" in replies[1].text


@pytest.mark.parametrize(("half", "asks"), [
    ("hotline của phường", True),
    ("sdt ubnd xa", True),
    ("địa chỉ ủy ban xã", True),
    ("giấy khai sinh của con", False),  # a paper, not a contact detail: "cần giấy gì và …"
    ("số lượng bản sao", False),
])
def test_a_half_asks_by_a_question_word_or_by_naming_a_contact_detail(
        core: Core, half: str, asks: bool) -> None:
    assert half_asks(core.dialogue.asker.reader, half) is asks


def test_a_second_question_asking_when_the_procedures_paper_comes_asks_its_time(core: Core) -> None:
    # alone, "trích lục" finds the copies of extracts; beside khai tử it is the paper khai tử
    # issues (its record's result): when it comes is the time limit of khai tử
    settled(core)
    said = "Ông nội mất hôm kia. Làm khai tử cần giấy tờ gì? Bao lâu thì có trích lục?"
    replies = [r for r in say(core, said) if r.status]
    assert [(code_of(core, r), r.field) for r in replies] == [("1.000656", "documents+time_limit")]


@pytest.mark.parametrize(("said", "questions"), [
    ("muon sua ngay sinh cho con trong giay khai sinh thi lam o dau, bao lau",
     ("muon sua ngay sinh cho con trong giay khai sinh thi lam o dau", "bao lau")),
    ("lam the bhyt cua con o dau, mat bao lau", ("lam the bhyt cua con o dau", "mat bao lau")),
])
def test_a_folded_con_after_cho_or_cua_is_the_child_and_divides_nothing(
        core: Core, said: str, questions: tuple[str, ...]) -> None:
    assert core.dialogue.asker.reader.read(said).questions == questions
