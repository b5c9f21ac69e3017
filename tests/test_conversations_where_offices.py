"""Transcripts for where questions whose words name an office or a tax rather than the
procedure's official name: the citizen's word is matched to the national record's name through
``knowledge/synonyms.yaml`` ("thuế khoán" of a household business is declared through the record
"Khai thuế đối với hộ kinh doanh, cá nhân kinh doanh", 1.011022, at the tax office)."""

from __future__ import annotations

import pytest

from bot.app import Core
from tests.transcript import code_of, say, settled


@pytest.mark.parametrize("question", [
    "nhà tôi có quán nước, nộp thuế khoán hộ kinh doanh ở đâu",
    "hộ kinh doanh đóng thuế khoán thì đi đâu đóng",
    "hộ kinh doanh kê khai thuế ở cơ quan nào",
])
def test_household_business_tax_asked_in_citizens_words(core: Core, question: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.011022"
    assert "Thuế cơ sở" in reply.text


def test_land_income_tax_keeps_its_own_card(core: Core) -> None:
    settled(core)
    reply = say(core, "bán mảnh đất thì khai thuế thu nhập cá nhân ở đâu")[0]
    assert reply.status == "answered" and code_of(core, reply) != "1.011022"


@pytest.mark.parametrize("question", [
    "xin giấy xác nhận số CMND cũ ở đâu",
    "Ngân hàng đòi giấy xác nhận số CMND cũ của tôi. Xin giấy này ở đâu?",
    "xác nhận số chứng minh thư 9 số thì lên đâu làm",
])
def test_old_identity_number_confirmed_by_the_commune_police(core: Core, question: str) -> None:
    """The old card's number is confirmed by the record 1.012566 (Công an cấp xã), not by the
    confirmation of residence that "giấy xác nhận" alone pulls toward."""
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.012566"
    assert "Công an" in reply.text


def test_changing_the_old_card_stays_with_the_new_card(core: Core) -> None:
    settled(core)
    reply = say(core, "đổi CMND cũ sang thẻ căn cước ở đâu")[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.014063"
