"""Transcripts for a message after an answer that is not about the procedure answered: small
talk whose words the procedure happens to use is not read as a follow-up."""

from __future__ import annotations

from bot.app import Core
from tests.transcript import code_of, say, settled


def _first(core: Core, text: str) -> tuple[str | None, str | None]:
    replies = [r for r in say(core, text) if r.status]
    return replies[0].status, code_of(core, replies[0])


def test_small_talk_after_an_answer_is_small_talk(core: Core) -> None:
    # "người yêu" shares "người yêu cầu" with chứng thực chữ ký: it is still small talk
    settled(core)
    assert _first(core, "chứng thực chữ ký cần mang gì") == ("answered", "2.000884")
    assert _first(core, "bạn có người yêu chưa") == ("smalltalk", None)


def test_a_condition_of_the_procedure_under_discussion_still_follows(core: Core) -> None:
    settled(core)
    assert _first(core, "Em có con ngoài giá thú, bố cháu muốn nhận con thì làm gì")[0] == "answered"
    assert _first(core, "có phải xét nghiệm ADN không") == ("answered", "1.001022")


def test_going_back_to_an_earlier_matter_reads_the_matter_named(core: Core) -> None:
    # "quay lại chuyện …" takes the conversation back: the words after it are the question
    settled(core)
    assert _first(core, "đăng ký khai sinh cần gì") == ("answered", "1.001193")
    assert _first(core, "quay lại vụ kết hôn, hai đứa có phải cùng có mặt không") == (
        "answered", "1.000894")


def test_a_market_price_after_an_answer_is_out_of_scope(core: Core) -> None:
    # the fee of the procedure under discussion is not the price of gold
    settled(core)
    assert _first(core, "chứng thực chữ ký cần mang gì") == ("answered", "2.000884")
    assert _first(core, "giá vàng hôm nay bao nhiêu") == ("fallback", None)


def test_the_paper_a_procedure_gives_asked_after_it_stays_with_it(core: Core) -> None:
    # the household business's result is a "giấy chứng nhận"; so is a land title, which the
    # words alone would find (bot.following.FollowUps.results)
    settled(core)
    first = say(core, "mở hộ kinh doanh cần những giấy tờ gì")[0]
    reply = say(core, "khi nào thì nhận được giấy chứng nhận")[0]
    assert (reply.status, reply.entry_id) == ("answered", first.entry_id)
