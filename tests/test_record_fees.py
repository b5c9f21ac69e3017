"""A record's fee is free only when its words say so, and an answer shows what the words add."""

from __future__ import annotations

import pytest

from bot.knowledge.records import clean
from bot.knowledge.records.answer import RecordAnswers
from bot.knowledge.records.model import Fee


@pytest.mark.parametrize("words", [
    "",
    "Miễn phí",
    "Phí: 0 Đồng",
    "Lệ phí: Không Đồng",
    "(Miễn lệ phí. Phí cấp bản sao Trích lục kết hôn thực hiện theo Thông tư số 281/2016/TT-BTC.)",
])
def test_zero_is_free_when_the_words_say_so(words: str) -> None:
    assert clean.fee(words, 0).free


@pytest.mark.parametrize("words", [
    # the portal's 0 beside words that give the amounts
    "Lệ phí cấp giấy chứng nhận: - Mức thu áp dụng đối với cá nhân tại các phường: + Cấp mới "
    "25.000 đồng/GCN; miễn lệ phí đối với hộ nghèo",
    # a rule that halves fees "miễn một số khoản phí" for some, not free for this one
    "Từ ngày 01/7/2025 đến hết ngày 31/12/2026 áp dụng theo quy định tại Thông tư số "
    "64/2025/TT-BTC quy định mức thu, miễn một số khoản phí, lệ phí",
    # whom a rule exempts
    "Trường hợp công dân thuộc diện được miễn phí theo quy định tại Điều 4 Thông tư số "
    "75/2022/TT-BTC thì phải xuất trình giấy tờ chứng minh",
])
def test_zero_beside_other_words_is_not_free(words: str) -> None:
    fee = clean.fee(words, 0)
    assert not fee.free and fee.amount is None and fee.text == words


def _answers() -> RecordAnswers:
    return RecordAnswers(lambda key, **fields: {"rec_fee_free": "Miễn phí (không mất tiền)"}[key])


def test_free_says_it_once() -> None:
    text = _answers().fee_text(Fee(text="Phí: 0 Đồng", amount=0, free=True), None, "1.013133")
    assert text == "Miễn phí (không mất tiền)"
    cell = Fee(text="Miễn phí (Không quy định.)", amount=0, free=True)
    assert _answers().fee_text(cell, None, "x") == "Miễn phí (không mất tiền): Không quy định."


def test_the_amount_is_not_repeated_in_its_description() -> None:
    answers = _answers()
    fee = Fee(text="200,000 Việt Nam Đồng (200.000đ/ hộ chiếu. Trường hợp cấp lại: 400.000đ)",
              amount=200000)
    assert answers.fee_text(fee, None, "1.001456") == (
        "200.000 đồng (200.000đ/ hộ chiếu. Trường hợp cấp lại: 400.000đ)")
    unit = Fee(text="50,000 Việt Nam Đồng (/di chúc)", amount=50000)
    assert answers.fee_text(unit, None, "2.001019") == "50.000 đồng/di chúc"
    plain = Fee(text="20.000 đồng/bản", amount=20000)
    assert answers.fee_text(plain, None, "x") == "20.000 đồng/bản"


def test_only_brackets_around_the_whole_description_are_taken_off() -> None:
    fee = Fee(text="20,000 Việt Nam Đồng (a) bản chính, (b)", amount=20000)
    assert clean.fee_description(fee) == "(a) bản chính, (b)"
    nested = Fee(text="20,000 Việt Nam Đồng ((áp dụng từ 1/1/2025))", amount=20000)
    assert clean.fee_description(nested) == "áp dụng từ 1/1/2025"
