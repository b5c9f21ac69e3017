"""Transcripts for where to file and whether it can be done online or by post, answered from the
records by rules over all of them (``bot/knowledge/records/where.py``): the commune bodies in
citizens' words and first, the online channels the record names, the NĐ 120/2025 choice of
commune for civil status, and a curated online line that keeps the record's post."""

from __future__ import annotations

import pytest

from bot.app import Core
from bot.knowledge.records.where import spoken_authorities
from tests.transcript import code_of, say, settled


@pytest.mark.parametrize(("question", "code", "body"), [
    ("xin giấy xác nhận thông tin cư trú thì ra đâu", "1.010041", "Công an xã, phường"),
    ("đăng ký nghĩa vụ quân sự lần đầu nộp chỗ nào", "1.013133", "Ban Chỉ huy quân sự xã, phường"),
    ("xin công nhận hộ cận nghèo thường xuyên nộp ở đâu", "1.011607", "UBND xã, phường"),
])
def test_a_where_answer_names_the_commune_body_as_citizens_say_it(core: Core, question: str,
                                                                  code: str, body: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "answered" and code_of(core, reply) == code and reply.field == "where"
    assert body in reply.text
    assert "cấp Xã" not in reply.text  # the record's capital letter is not shown


def test_the_commune_police_come_first_when_the_record_lists_the_province_first(core: Core) -> None:
    settled(core)
    reply = say(core, "xe máy mới mua đăng ký biển số ở đâu")[0]
    assert code_of(core, reply) == "1.013067" and reply.field == "where"
    line = next(x for x in reply.text.splitlines() if "Công an tỉnh" in x)
    assert line.index("Công an xã, phường") < line.index("Công an tỉnh")


def test_a_civil_status_where_answer_says_another_commune_will_do(core: Core) -> None:
    settled(core)
    reply = say(core, "chấm dứt giám hộ thì nộp ở đâu")[0]
    assert code_of(core, reply) == "1.004845" and reply.field == "where"
    assert "xã, phường khác" in reply.text and "NĐ 120/2025" in reply.text


def test_online_answers_name_the_vneid_app_only_where_the_record_does(core: Core) -> None:
    settled(core)
    shop = say(core, "đăng ký hộ kinh doanh có nộp trên mạng được không")[0]
    assert code_of(core, shop) == "1.001612" and shop.field == "online"
    # the portal is reached with a VNeID login (NĐ 69/2024); the record names no app
    assert "tài khoản VNeID" in shop.text and "ứng dụng VNeID" not in shop.text
    settled(core, user="c2")
    police = say(core, "giấy xác nhận cư trú làm online được không", user="c2")[0]
    assert code_of(core, police) == "1.010041" and police.field == "online"
    assert "ứng dụng VNeID" in police.text and "Cổng dịch vụ công Bộ Công an" in police.text


@pytest.mark.parametrize(("question", "code"), [
    ("làm căn cước cho bé 4 tuổi gửi bưu điện được không", "1.014062"),
    ("đăng ký kết hôn làm trực tuyến được không", "1.000894"),
])
def test_a_curated_online_line_keeps_the_records_post(core: Core, question: str, code: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert code_of(core, reply) == code and reply.field == "online"
    assert "bưu chính" in reply.text


def test_a_procedure_without_an_online_way_is_not_said_to_have_one(core: Core) -> None:
    settled(core)
    reply = say(core, "xin công nhận hộ cận nghèo thường xuyên làm online được không")[0]
    assert code_of(core, reply) == "1.011607" and reply.field == "online"
    assert "chưa nộp trực tuyến" in reply.text and "bưu chính" in reply.text


def test_every_commune_record_names_its_bodies_in_citizens_words(core: Core) -> None:
    t = core.kb.text
    records = [e.record for e in core.kb.entries.values() if e.record is not None and e.record.commune]
    assert len(records) > 400
    for r in records:
        said = spoken_authorities(r, t)
        if any(a.strip(" .").lower() == "công an cấp xã" for a in r.authority):
            assert said.startswith(t("rec_body_police")), r.code
        assert "cấp Xã" not in said, r.code
        assert len(said.split(", ")) >= 1 and said.count(t("rec_body_people_committee")) <= 1, r.code


@pytest.mark.parametrize(("question", "code"), [
    ("công chứng bản sao bằng đại học tại phường em đang thuê trọ có được không", "2.000815"),
    ("đăng ký kết hôn ở quê chồng có được không", "1.000894"),
])
def test_whether_a_place_will_do_is_a_where_question(core: Core, question: str, code: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert code_of(core, reply) == code and reply.field == "where"


@pytest.mark.parametrize(("text", "asks"), [
    ("chung thuc o phuong khac duoc khong", True),
    ("lam o que co duoc khong", True),
    ("nop tai xa khac co duoc khong", True),
    ("co phai khai bao tam vang o que khong", False),  # whether one must: a condition
    ("con di lam o xa co lam ho duoc khong", False),  # "xa" is far here
    ("o phuong moi chuyen den co phai dang ky tam tru khong", False),
])
def test_a_place_asked_about_is_told_from_a_place_told(text: str, asks: bool) -> None:
    from bot.places import asks_a_place
    assert asks_a_place(text.split()) is asks


def test_a_summary_says_how_the_record_may_be_filed_when_it_fits(core: Core) -> None:
    render = core.dialogue.answers.render
    entry = next(e for e in core.kb.entries.values() if e.record is not None
                 and e.record.code == "1.013133")  # in person and online, no post
    body = render.answer(entry, "ky-lac").body
    assert "Cách nộp: trực tiếp, trực tuyến" in body and "bưu chính" not in body


@pytest.mark.parametrize(("question", "code"), [
    ("khai sinh có gửi bưu điện được không", "1.001193"),
    ("đăng ký khai tử có gửi qua bưu điện được không", "1.000656"),
])
def test_the_co_of_co_khong_before_the_way_asked_is_not_a_name(core: Core, question: str,
                                                              code: str) -> None:
    # "có" also opens "… có yếu tố nước ngoài": here it only asks
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "answered" and code_of(core, reply) == code and reply.field == "online"
    assert "bưu chính" in reply.text


@pytest.mark.parametrize(("rest", "after", "left"), [
    (["khai", "tu", "co"], ["buu", "chinh", "duoc", "khong"], ["khai", "tu"]),
    (["khai", "tu", "co", "nop"], ["buu", "chinh", "duoc", "khong"], ["khai", "tu", "nop"]),
    # "giấy phép xây dựng có thời hạn … mất bao lâu": the name's "có", no "không" closes it
    (["giay", "phep", "co"], ["thoi", "han", "cho", "nha", "o", "bao", "lau"], ["giay", "phep", "co"]),
])
def test_the_asking_co_is_dropped_only_before_a_closing_khong(rest: list[str], after: list[str],
                                                              left: list[str]) -> None:
    from bot.places import drop_asking_co
    tagged: list[tuple[str, None]] = [(t, None) for t in rest]
    drop_asking_co(tagged, after)
    assert [t for t, _ in tagged] == left


def test_a_record_naming_the_commune_police_is_not_said_to_be_done_elsewhere(core: Core) -> None:
    render = core.dialogue.answers.render
    renewal = next(e for e in core.kb.entries.values() if e.record is not None
                   and e.record.code == "3.000347")  # Công an cấp Xã beside the province
    assert not renewal.record.commune  # type: ignore[union-attr]
    for field in ("where", None):
        body = render.answer(renewal, "ky-lac", field=field).body
        assert "không làm ở xã" not in body and "Công an xã, phường" in body


def test_a_where_answer_names_the_post_of_a_record_not_filed_online(core: Core) -> None:
    settled(core)
    reply = say(core, "xin công nhận hộ cận nghèo thường xuyên nộp ở đâu")[0]
    assert code_of(core, reply) == "1.011607" and reply.field == "where"
    assert "bưu chính" in reply.text and "trực tuyến" not in reply.text
