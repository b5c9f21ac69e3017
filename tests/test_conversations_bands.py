"""Transcripts for near-identical siblings: an age band that excludes the age a message gives
sends the question to the procedure of every age, and the poverty review named by its year-end
round gets the periodic recognition."""

from __future__ import annotations

import pytest

from bot.app import Core
from tests.transcript import say, settled


@pytest.mark.parametrize("text", [
    "Ông tôi 71 tuổi, không có lương hưu, muốn xin trợ cấp hằng tháng thì nộp ở đâu?",
    "Bà tôi 88 tuổi, xin trợ cấp người cao tuổi ở xã thế nào",
    # the adult căn cước card is for 80 too, but it is no sibling of the allowance
    "trợ cấp cho người 80 tuổi làm ở đâu",
])
def test_an_age_outside_the_elderly_band_gets_the_allowance_of_every_case(
        core: Core, text: str) -> None:
    settled(core)
    reply = say(core, text)[0]
    assert reply.entry_id == "tthc-tro-cap-xa-hoi-hang-thang"


@pytest.mark.parametrize("text", [
    "Ông tôi 77 tuổi, xin trợ cấp người cao tuổi ở xã thế nào",
    "Xin trợ cấp người cao tuổi ở xã",
])
def test_an_age_inside_the_band_or_no_age_keeps_the_elderly_card(core: Core, text: str) -> None:
    settled(core)
    reply = say(core, text)[0]
    assert reply.entry_id == "tthc-tro-cap-nguoi-cao-tuoi"


def test_the_year_end_round_named_gets_the_periodic_recognition(core: Core) -> None:
    settled(core)
    reply = say(core, "Đợt rà soát hộ nghèo cuối năm nộp đơn ở đâu")[0]
    assert (reply.entry_id, reply.field) == ("tthc-ho-ngheo-dinh-ky", "where")
