"""Citizens' words for procedures whose official names differ (``knowledge/synonyms.yaml`` and
the cards of ``knowledge/procedures/ngoai-xa.yaml``), on the bundled knowledge."""

import pytest

from bot.engine import Engine
from bot.knowledge.model import KnowledgeBase
from bot.render import Renderer


@pytest.fixture
def engine(bundled: tuple[KnowledgeBase, Engine, Renderer]) -> Engine:
    return bundled[1]


@pytest.mark.parametrize(("question", "code"), [
    ("rút bhxh 1 lần nộp ở đâu", "1.001613"),  # hưởng bảo hiểm xã hội một lần
    ("lam ma so thue ca nhan o dau", "1.008498"),  # đăng ký thuế lần đầu
    ("mất thông báo MST xin cấp lại", "1.008501"),
    ("quyết toán thuế TNCN ở đâu", "2.002233"),
    ("thôi quốc tịch việt nam cần giấy tờ gì", "2.002036"),  # in the country, not abroad
    ("mất cà vẹt xe máy làm lại ở đâu", "1.013082"),  # cấp lại chứng nhận đăng ký xe
    ("đổi bằng lái ô tô sắp hết hạn", "3.000347"),  # giấy phép lái xe
    ("ghi chú ly hôn ở nước ngoài về Việt Nam làm ở đâu", "2.000554"),
    ("bìa đỏ bị mất làm lại ở đâu", "1.115621"),  # sổ đỏ
])
def test_citizens_words_reach_the_official_procedure(engine: Engine, question: str,
                                                      code: str) -> None:
    match = engine.match(question)
    assert match.status == "answered", (question, match.status, match.ranked[:3])
    assert match.entry is not None and match.entry.code == code


@pytest.mark.parametrize("question", [
    "bao gio thi duoc linh luong huu thang nay",  # a payday, not a procedure
    "xin giấy đó ở đâu",  # "giấy đó" folds like "giấy đỏ" but is no land certificate
])
def test_words_that_only_look_alike_reach_no_such_procedure(engine: Engine, question: str) -> None:
    match = engine.match(question)
    pension_or_land = {"1.014171", "1.001742", "1.013978", "1.115621", "1.115468"}
    assert match.status != "answered" or match.entry is None or match.entry.code not in pension_or_land


def test_numbers_written_with_a_leading_zero_are_the_same_number() -> None:
    from bot.textnorm import Normaliser
    n = Normaliser()
    assert n.tokens("CMND 09 số, 05 ngày, 0 đồng") == n.tokens("CMND 9 số, 5 ngày, 0 đồng")
