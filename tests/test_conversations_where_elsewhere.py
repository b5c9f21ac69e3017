"""Transcripts for procedures done above the commune, and for online answers that name where to
file in person (``bot/knowledge/records/where.py``): the place the record's steps say the file
is handed in, and a card's sourced where line over a record whose bodies are out of date."""

from __future__ import annotations

import pytest

from bot.app import Core
from bot.knowledge.model import Entry
from bot.knowledge.records.where import filed_at
from tests.transcript import code_of, say, settled


def _record_entry(core: Core, code: str) -> Entry:
    return next(e for e in core.kb.entries.values() if e.record is not None and e.code == code)


def test_an_online_answer_names_the_cards_place_not_the_records_outdated_body(core: Core) -> None:
    settled(core)
    reply = say(core, "bản sao giấy khai sinh xin trên mạng được không ạ")[0]
    assert code_of(core, reply) == "2.000635" and reply.field == "online"
    # the record lists Sở Tư pháp; the card's sourced line: any commune's People's Committee
    assert "Nộp trực tiếp: " in reply.text and "UBND xã, phường bất kỳ" in reply.text
    assert "Nộp trực tiếp thì đến: Sở Tư pháp" not in reply.text


def test_an_online_answer_keeps_the_records_bodies_when_they_name_the_commune(core: Core) -> None:
    settled(core)
    reply = say(core, "giấy xác nhận cư trú làm qua mạng được không")[0]
    assert code_of(core, reply) == "1.010041" and reply.field == "online"
    assert "Nộp trực tiếp thì đến: Công an xã, phường" in reply.text


def test_a_where_answer_quotes_where_the_steps_say_the_file_goes_in(core: Core) -> None:
    settled(core)
    reply = say(core, "khôi phục hộ chiếu nộp ở đâu")[0]
    assert code_of(core, reply) in {"1.010384", "1.010382"} and reply.field == "where"
    assert "không làm ở xã" in reply.text
    assert "hồ sơ nộp tại: " in reply.text and "xuất nhập cảnh" in reply.text.lower()


@pytest.mark.parametrize(("code", "quoted"), [
    ("1.115714", "Trung tâm phục vụ hành chính công"),  # decided by the land office, filed at the desk
    ("1.010384", "Quản lý xuất nhập cảnh Công an cấp tỉnh"),
])
def test_the_steps_place_is_quoted_when_the_bodies_do_not_name_it(core: Core, code: str,
                                                                  quoted: str) -> None:
    r = _record_entry(core, code).record
    assert r is not None and not r.commune
    lines = filed_at(r, ["Thủ tục này không làm ở xã, phường; nơi thực hiện:"], core.kb.text)
    assert len(lines) == 1 and quoted in lines[0]


@pytest.mark.parametrize("code", [
    "1.001193",  # the commune does it: the where answer names the commune body and desk
    "2.002036",  # the steps' place (Sở Tư pháp) is the body the answer names already
])
def test_no_steps_place_is_quoted_when_it_adds_nothing(core: Core, code: str) -> None:
    r = _record_entry(core, code).record
    assert r is not None
    assert filed_at(r, [", ".join(r.authority)], core.kb.text) == []


@pytest.mark.parametrize(("question", "code", "field"), [
    ("giấy khai sinh cho cháu nộp vào đâu", "1.001193", "where"),
    ("đăng ký tạm trú thì gửi đâu", "1.004194", "where"),
    ("chứng thực bản sao làm ở mô", "2.000815", "where"),  # "mô": where, in the central dialect
    ("đăng ký kết hôn đi mô làm", "1.000894", "where"),
    ("làm lại căn cước bị mất thì ghé đâu", "1.014064", "where"),
    ("khai sinh cho con thì tìm ai để làm", "1.001193", "where"),
    ("đăng ký tạm trú làm qua máy tính được không", "1.004194", "online"),
    ("khai tử cho ông làm qua zalo được không", "1.000656", "online"),
    ("đăng ký kết hôn có cần lên tận nơi không", "1.000894", "online"),
    # the ways of filing are what an online answer lists (in person, online, by post)
    ("khai báo tạm vắng nộp bằng những hình thức nào", "1.003677", "online"),
    ("chứng thực bản sao có mấy cách nộp", "2.000815", "online"),
])
def test_more_ways_of_asking_where_and_online(core: Core, question: str, code: str, field: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "answered" and code_of(core, reply) == code
    assert (reply.field or "").split("+")[0] == field  # led with it ("online+where": both asked)


def _entries(core: Core, *ids: str) -> tuple[Entry, ...]:
    return tuple(core.kb.entries[i] for i in ids)


def test_a_choice_between_procedures_filed_at_the_same_place_answers_where(core: Core) -> None:
    from bot import choosing
    from bot.engine import Match
    engine = core.dialogue.answers.engine
    cards = _entries(core, "tthc-cap-can-cuoc-tre-duoi-6-tuoi", "tthc-cap-the-can-cuoc",
                     "tthc-cap-can-cuoc-tre-6-den-14-tuoi")  # one sourced where line for all three
    m = Match("suggest", None, 58.0, cards, tuple((e.id, 58.0 - i) for i, e in enumerate(cards)),
              tokens=("lam", "can", "cuoc", "o", "dau"))
    got = choosing.same_place(engine, m, ["where"])
    # the procedure itself, not a variant whose name adds words the question does not say
    assert got.status == "answered" and got.entry is not None and got.entry.id == "tthc-cap-the-can-cuoc"
    assert choosing.same_place(engine, m, ["documents"]) is m  # papers differ between them
    assert choosing.same_place(engine, m, ["where", "fee"]) is m


def test_a_choice_between_places_stays_a_question_back(core: Core) -> None:
    from bot import choosing
    from bot.engine import Match
    engine = core.dialogue.answers.engine
    choices = _entries(core, "tthc-dang-ky-tam-tru", "tthc-cap-the-can-cuoc")
    m = Match("suggest", None, 55.0, choices, tuple((e.id, 55.0) for e in choices), tokens=("o", "dau"))
    assert choosing.same_place(engine, m, ["where"]) is m


def test_a_where_question_on_either_kind_of_poor_household_is_answered(core: Core) -> None:
    settled(core)
    reply = say(core, "đơn xin hộ cận nghèo thì nộp ở đâu vậy")[0]
    assert reply.status == "answered" and code_of(core, reply) in {"1.011606", "1.011607"}
    assert reply.field == "where" and "UBND xã, phường" in reply.text


@pytest.mark.parametrize(("text", "asks"), [
    ("xin ban sao o ha noi duoc khong", True),
    ("lam can cuoc tai tp ho chi minh duoc khong", True),
    ("ve hue lam duoc khong", True),
    ("em o ha noi muon lam can cuoc", False),  # a place told, nothing asked of it
])
def test_a_province_or_city_asked_of_is_a_place(text: str, asks: bool) -> None:
    from bot.places import asks_a_place
    assert asks_a_place(text.split()) is asks


def test_whether_a_city_will_do_is_a_where_question(core: Core) -> None:
    settled(core)
    reply = say(core, "em đang làm việc ở Đà Nẵng, xin bản sao giấy khai sinh ở Đà Nẵng được không")[0]
    assert code_of(core, reply) == "2.000635" and reply.field == "where"
    assert "không phụ thuộc nơi cư trú" in reply.text


def test_the_foreign_civil_status_answer_offers_the_foreign_procedures_next(core: Core) -> None:
    settled(core)
    reply = say(core, "việc hộ tịch với người nước ngoài giờ còn phải lên tỉnh không")[0]
    assert reply.entry_id == "tthc-ho-tich-yeu-to-nuoc-ngoai"
    labels = [c.label for c in reply.choices]
    assert "Đăng ký kết hôn có yếu tố nước ngoài" in labels
    assert "Đăng ký kết hôn" not in labels  # the domestic one is not what was asked about


@pytest.mark.parametrize(("text", "office"), [
    ("dang ki thue co lam o xa duoc khong", False),  # the tax registered, not the tax office
    ("quyet toan thue co lam o phuong duoc khong", False),
    ("thue co nhan ho so nay khong", True),  # the tax office asked whether it takes it
])
def test_an_office_after_a_verb_is_what_is_done(text: str, office: bool) -> None:
    from bot.places import place_words
    tokens = text.split()
    assert (tokens.index("thue") in place_words(tokens)) is office


def test_whether_the_commune_registers_a_tax_number_is_no_residence_question(core: Core) -> None:
    settled(core)
    reply = say(core, "đăng ký mã số thuế có làm ở xã được không")[0]
    assert code_of(core, reply) != "1.004222"  # not "Đăng ký thường trú": "thuế" is the matter
    assert any("thuế" in c.label for c in reply.choices) or "thuế" in reply.text
