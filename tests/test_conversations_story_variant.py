"""Transcripts for wrong confident answers. Told as stories: what makes the case a variant of
the procedure asked about is told in another sentence than the question ("chồng tôi người
Hàn" … "đăng ký kết hôn ở đâu?"); the variant is answered (`situations:`). Also: a person
without a pension is not sent to the pension procedure, the funeral-allowance question back
names every scheme, and a card for children under 6 does not answer for an older child."""

from __future__ import annotations

import pytest

from bot.app import Core
from tests.transcript import say, settled


@pytest.mark.parametrize(("story", "entry"), [
    ("Bạn gái tôi quốc tịch Hàn Quốc. Hai đứa muốn cưới vào tháng sau. "
     "Đăng ký kết hôn thì nộp ở xã nào ạ?", "tthc-ket-hon-nuoc-ngoai"),
    ("Cháu nhà tôi được sinh ra bên Úc, bố cháu là người Úc. Giờ mẹ con về quê ở hẳn. "
     "Làm giấy khai sinh cho cháu ở xã có được không?", "tthc-khai-sinh-nuoc-ngoai"),
])
def test_a_variant_told_in_the_story_is_answered(core: Core, story: str, entry: str) -> None:
    settled(core)
    assert say(core, story)[0].entry_id == entry


@pytest.mark.parametrize(("story", "entry"), [
    ("Hai đứa tôi cùng quê, làm công nhân ở Bình Dương. Sắp cưới rồi. "
     "Đăng ký kết hôn thì làm ở đâu ạ?", "tthc-dang-ky-ket-hon"),
])
def test_the_base_procedure_stays_when_the_story_names_no_variant(core: Core, story: str,
                                                                  entry: str) -> None:
    settled(core)
    assert say(core, story)[0].entry_id == entry


def test_a_person_without_a_pension_is_not_answered_with_the_pension_procedure(core: Core) -> None:
    settled(core)
    reply = say(core, "Cụ nhà tôi 81 tuổi rồi, cả đời làm ruộng nên không có lương hưu. "
                      "Xin trợ cấp hằng tháng cho cụ thì làm ở đâu?")[0]
    assert reply.entry_id != "tthc-huong-luong-huu"


def test_the_funeral_allowance_question_back_names_every_scheme(core: Core) -> None:
    settled(core)
    reply = say(core, "Gia đình có người mất được nhận tiền mai táng không?")[0]
    offered = [c.entry_id for c in reply.choices]
    assert offered == ["tthc-mai-tang-phi-bao-tro-xa-hoi", "tthc-mai-tang-phi-huu-tri-xa-hoi",
                       "tthc-nguoi-co-cong-tu-tran", "tthc-1-014177"]


def test_a_child_of_six_or_more_is_not_answered_with_the_under_six_procedure(core: Core) -> None:
    settled(core)
    reply = say(core, "Cháu nhà tôi 7 tuổi mà vẫn chưa có giấy khai sinh, bây giờ đi làm được không?")[0]
    assert reply.entry_id != "tthc-lien-thong-khai-sinh-thuong-tru-bhyt"
