"""Transcripts for questions about conditions: who may, what is required or allowed, the
citizen's own deadlines, how long a paper is valid, fines, ages, whether both people must come,
whether a paper is still needed. The answer leads with the card's curated conditions and notes
and the record's own conditions; questions about papers, fees, time limits or places keep
their field."""

from __future__ import annotations

import pytest

from bot.app import Core
from bot.knowledge.records.answer import condition_lines
from tests.transcript import code_of, say, settled


def fields(core: Core, question: str) -> tuple[str, ...]:
    reader = core.dialogue.asker.reader
    return reader.fields_of(reader.norm.tokens(question))[0]


@pytest.mark.parametrize("question", [
    "tách hộ cần điều kiện gì",
    "không đăng ký tạm trú có bị phạt không",
    "giấy xác nhận độc thân có giá trị bao lâu",
    "có bắt buộc đổi thẻ căn cước không",
    "bao nhiêu tuổi thì phải làm căn cước",
    "ở trọ bao lâu thì phải đăng ký tạm trú",
    "mất hộ chiếu trong vòng bao lâu phải báo",
    "có cần đưa bé đi không",
    "một người đi đăng ký kết hôn được không",
    "ai được đăng ký giám hộ",
])
def test_a_question_about_conditions_is_read_as_such(core: Core, question: str) -> None:
    assert fields(core, question) == ("conditions",)


@pytest.mark.parametrize(("question", "field"), [
    ("đăng ký kết hôn cần giấy tờ gì", "documents"),
    ("có cần mang căn cước không", "documents"),  # "cần mang" asks what to bring
    ("có bắt buộc mang giấy kết hôn không", "documents"),
    ("làm căn cước mất bao lâu", "time_limit"),
    ("thời hạn giải quyết tạm trú", "time_limit"),
    ("lệ phí đăng ký thường trú bao nhiêu", "fee"),
    ("có phải về quê làm không", "where"),
    ("làm online được không", "online"),
])
def test_questions_about_other_fields_keep_them(core: Core, question: str, field: str) -> None:
    assert fields(core, question) == (field,)


def test_the_words_of_a_weak_condition_stay_in_the_question(core: Core) -> None:
    reader = core.dialogue.asker.reader
    asked, rest = reader.fields_of(reader.norm.tokens("đi một mình có được không"))
    assert asked == ("conditions",) and rest[-2:] == ["duoc", "khong"]


@pytest.mark.parametrize(("question", "asked"), [
    ("khai tử muộn có được không, lệ phí bao nhiêu", ("conditions", "fee")),
    ("làm trên VNeID được không, nộp online thì phí bao nhiêu", ("online", "fee")),
    ("làm ở xã khác được không, mất bao lâu", ("where", "time_limit")),
])
def test_a_condition_asked_in_its_own_part_of_the_question_counts(core: Core, question: str,
                                                                 asked: tuple[str, ...]) -> None:
    assert fields(core, question) == asked


@pytest.mark.parametrize(("question", "code", "fact"), [
    ("giấy xác nhận độc thân có thời hạn bao lâu", "1.004873", "6 tháng"),
    ("khai sinh quá 60 ngày có bị phạt không", "1.001193", "không bị phạt"),
    ("đăng ký kết hôn một người đi được không", "1.000894", "cùng có mặt"),
    ("ở trọ bao lâu thì phải đăng ký tạm trú", "1.004194", "30 ngày"),
    ("không đăng ký tạm trú thì bị phạt bao nhiêu", "1.004194", "500.000–1.000.000"),
    ("con 10 tuổi đổi tên có cần con đồng ý không", "1.004859", "đủ 9 tuổi"),
    ("đã đăng ký tạm trú nơi mới thì có phải khai báo tạm vắng không", "1.003677",
     "không phải khai báo tạm vắng"),
    ("tách hộ khẩu cần điều kiện gì", "1.010038", "chủ hộ"),
    ("đổi căn cước vì sáp nhập xã có bắt buộc không", "1.014063", "không bắt buộc"),
])
def test_a_conditions_answer_leads_with_what_the_law_asks(core: Core, question: str, code: str,
                                                           fact: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "answered" and code_of(core, reply) == code
    assert reply.field == "conditions"
    assert reply.text.splitlines()[1] == "Điều kiện, lưu ý:"
    assert fact in reply.text


def test_a_record_without_a_card_answers_with_its_own_conditions(core: Core) -> None:
    settled(core)
    reply = say(core, "người không còn tỉnh táo có chứng thực chữ ký được không")[0]
    assert code_of(core, reply) == "2.000884" and reply.field == "conditions"
    assert "không nhận thức và làm chủ được hành vi" in reply.text


def test_a_question_about_conditions_and_a_time_limit_gets_both(core: Core) -> None:
    settled(core)
    reply = say(core, "Tách hộ cần điều kiện gì và mất mấy ngày?")[0]
    assert code_of(core, reply) == "1.010038"
    assert set((reply.field or "").split("+")) == {"conditions", "time_limit"}
    assert "năng lực hành vi dân sự" in reply.text and "5 ngày làm việc" in reply.text


def test_a_follow_up_about_a_condition_stays_on_the_procedure(core: Core) -> None:
    settled(core)
    first = say(core, "làm căn cước cho bé 4 tuổi")[0]
    assert first.entry_id == "tthc-cap-can-cuoc-tre-duoi-6-tuoi"
    reply = say(core, "có cần đưa bé đi không")[0]
    assert reply.entry_id == "tthc-cap-can-cuoc-tre-duoi-6-tuoi" and reply.field == "conditions"
    assert "không cần đưa trẻ đến" in reply.text


def test_a_note_the_curated_condition_already_says_is_not_repeated(core: Core) -> None:
    lines = condition_lines(core.kb.entries["tthc-dang-ky-tam-tru"])
    assert sum("30 ngày" in line for line in lines) == 1


def test_a_record_that_says_nothing_of_conditions_is_summarised(core: Core) -> None:
    entry = next(e for e in core.kb.entries.values() if e.record is not None and not e.notes
                 and not e.amend and not e.record.conditions.strip())
    assert condition_lines(entry) == []
    body = core.dialogue.answers.render.answer(entry, "ky-lac", field="conditions").body
    assert "Điều kiện, lưu ý" not in body and body == core.dialogue.answers.render.answer(
        entry, "ky-lac").body
