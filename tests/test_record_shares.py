"""The room an answer on two fields gives each one (bot/knowledge/records/shares.py)."""

from __future__ import annotations

from bot.app import Core
from bot.knowledge.records.answer import fit
from bot.knowledge.records.shares import fit_conditions, fit_parts, shares
from bot.textnorm import fold
from tests.transcript import say, settled


def test_each_part_gets_an_equal_share_and_what_shorter_ones_leave() -> None:
    assert shares([100, 100], 700) == [350, 350]
    assert shares([900, 100], 700) == [600, 350]
    assert shares([900, 900], 700) == [350, 350]
    assert shares([], 700) == []


def test_a_long_condition_is_cut_under_its_label_not_left_out() -> None:
    papers = ["Hồ sơ:", "• " + "pp " * 190]
    conditions = ["Điều kiện, lưu ý:", "• " + "cc " * 200]
    text = fit_conditions("📋 Thủ tục", [papers, conditions], 1100, 640, fit)
    assert "Điều kiện, lưu ý:\n• cc cc" in text and "Điều kiện, lưu ý:\n…" not in text


def test_a_long_first_part_leaves_the_second_its_share() -> None:
    first = ["Làm trực tuyến được:", "x" * 400, "y" * 200]
    second = ["Lệ phí:", "• 35.000 đ"]
    text = fit_parts("📋 Thẻ", [first, second], 500, fit)
    assert text.endswith("Lệ phí:\n• 35.000 đ") and "y" * 200 not in text


def test_the_fee_asked_after_filing_online_is_in_the_answer(core: Core) -> None:
    # the ways to file online are long; the fee asked beside them is still said
    settled(core)
    reply = say(core, "Cấp lại căn cước bị mất làm trên VNeID được không, với lại lệ phí bao nhiêu?")[0]
    assert reply.field == "online+fee"
    assert "vneid" in fold(reply.text).lower() and "35.000" in reply.text
