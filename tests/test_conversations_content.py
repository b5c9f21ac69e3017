"""Transcripts for the words citizens use for official terms (how long, at home, Saturday,
certified copies), a word that only asks naming no rival procedure, a child's school year as
an age, and answers that carry the sourced fact the question is about."""

from __future__ import annotations

import pytest

from bot.app import Core
from bot.scoring import ANSWERED
from tests.transcript import code_of, say, settled


@pytest.mark.parametrize(("question", "entry"), [
    # "tận nhà" is "tại nhà": the result sent home by post
    ("có nhận kết quả về tận nhà được không ạ", "buu-chinh-nhan-ket-qua-tai-nha"),
    # "thứ 7" is "thứ bảy"
    ("thứ 7 có nộp hồ sơ được không", "mot-cua-dia-chi-gio-lam-viec"),
    # "công chứng" a diploma or a school record is a certified copy
    ("công chứng học bạ cho con ở ủy ban xã có được không", "tthc-chung-thuc-ban-sao"),
    # an acronym, a typo of a known word, and everyday names of the official procedures
    ("xin giấy XNTTHN để làm hồ sơ vay vốn ở đâu", "tthc-xac-nhan-tinh-trang-hon-nhan"),
    ("đi đăng ký kết hôm mang theo những gì", "tthc-dang-ky-ket-hon"),
    ("mua nhà mới rồi muốn chuyển khẩu về đó thì làm sao", "tthc-dang-ky-thuong-tru"),
    ("trường bắt nộp giấy chứng minh nơi ở thì xin ở đâu", "tthc-xac-nhan-cu-tru"),
    # the monthly social allowance names its beneficiaries: a disabled person is not sent to
    # the card for people over 75 (whose record's long name also mentions disability)
    ("trợ cấp xã hội hàng tháng dành cho người bị khuyết tật xin ở đâu",
     "tthc-tro-cap-xa-hoi-hang-thang"),
])
def test_a_citizens_word_meets_the_official_term(core: Core, question: str, entry: str) -> None:
    m = core.engine.match(question)
    assert m.status == ANSWERED and m.entry is not None and m.entry.id == entry


@pytest.mark.parametrize("how_long", ["bao nhiêu lâu", "trong bao nhiêu lâu", "trong bao nhiêu ngày",
                                      "trong mấy ngày"])
def test_how_long_said_otherwise_is_bao_lau(core: Core, how_long: str) -> None:
    assert core.engine.analyse(f"giấy chứng tử {how_long}")[0] == ["khai", "tu", "bao", "lau"]


def test_a_word_that_only_asks_names_no_rival_procedure(core: Core) -> None:
    # "lâu" of "bao lâu" is also in a phrasing of đăng ký lại khai sinh ("mất từ lâu"): the
    # question asks the time of the birth registration, not a choice between the two
    m = core.engine.match("đăng ký khai sinh nộp rồi bao lâu thì nhận")
    assert m.status == ANSWERED and m.entry is not None and m.entry.code == "1.001193"


def test_a_childs_school_year_picks_the_card_for_its_age(core: Core) -> None:
    settled(core)
    reply = say(core, "bé nhà tôi học lớp 2 rồi, làm căn cước cho bé ở đâu")[0]
    assert reply.entry_id == "tthc-cap-can-cuoc-tre-6-den-14-tuoi"


@pytest.mark.parametrize(("question", "code", "field", "facts"), [
    # facts-2026 B22: a card changed only because of the merger is free on VNeID
    ("sáp nhập tỉnh rồi đi đổi thẻ căn cước có tốn tiền không", "1.014063", "fee",
     ["miễn phí khi làm trên VNeID"]),
    # record 1.001570: a pause of 15 days or more is filed 3 working days before
    ("hộ kinh doanh muốn tạm ngừng buôn bán một tháng thì có phải báo trước không",
     "1.001570", "conditions", ["15 ngày trở lên", "3 ngày làm việc"]),
    # record 1.004222: living on a boat needs the commune's note of where it is moored
    ("gia đình sống trên thuyền thì đăng ký thường trú được không, điều kiện gì", "1.004222",
     "conditions", ["đậu, đỗ"]),
    # record 1.003677 sets no fee
    ("khai tạm vắng có phải nộp lệ phí không", "1.003677", "fee",
     ["không quy định phí, lệ phí"]),
    # "nhiều tiền" asks the fee; from page 3 on a page costs less
    ("chứng thực bản sao 8 trang có nhiều tiền không", "2.000815", "fee",
     ["từ trang thứ 3 trở đi 1.000 đồng"]),
    # "sog" is teencode for "xong"; "bao lâu thì xong" asks the time limit
    ("giấy chứng tử làm bao lâu thì sog vậy", "1.000656", "time_limit", ["15 giờ"]),
    # record 2.001263: relatives adopting a nephew or a stepchild pay no fee and need no
    # 20-year age gap
    ("dì ruột muốn nhận cháu làm con nuôi thì có mất lệ phí không", "2.001263", "fee",
     ["Miễn lệ phí", "cô, cậu, dì, chú, bác ruột nhận cháu"]),
    ("bố dượng nhận con riêng của vợ làm con nuôi có cần hơn con 20 tuổi không", "2.001263",
     "conditions", ["không áp dụng khi cha dượng"]),
    # "trước mấy giờ" asks the time limit
    ("có khách đến ngủ lại thì báo lưu trú trước mấy giờ", "2.001159", "time_limit",
     ["trước 23 giờ"]),
    # facts-2026 A2: the parents' marriage certificate is no longer asked for (whether a paper
    # is needed: the papers first, bot/papers_asked.py)
    ("đi làm giấy khai sinh cho cháu có phải đem theo giấy kết hôn của bố mẹ nó không",
     "1.001193", "documents+conditions", ["Không cần giấy đăng ký kết hôn của cha mẹ"]),
    ("làm khai sinh cho con cần những giấy tờ gì, có cần giấy kết hôn không",
     "1.001193", "documents+conditions", ["Không cần giấy đăng ký kết hôn của cha mẹ"]),
])
def test_the_answer_carries_the_sourced_fact_asked(core: Core, question: str, code: str,
                                                   field: str, facts: list[str]) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert code_of(core, reply) == code and reply.field == field
    for fact in facts:
        assert fact in reply.text
