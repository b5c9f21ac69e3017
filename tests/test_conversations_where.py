"""Transcripts for questions about where to file: whether another commune, another police
station or a notary will do (the curated ``amend.where`` line of the card, with its source),
which body after 1/7/2025, and answers that read well on a phone (no line twice)."""

from __future__ import annotations

import pytest

from bot.app import Core
from tests.transcript import code_of, say, settled


@pytest.mark.parametrize(("question", "code", "fact"), [
    ("đăng ký giám hộ cho cháu có phải về xã nơi cháu ở không", "1.004837",
     "nơi cư trú hoặc nơi khác"),
    ("cải chính họ tên trong giấy khai sinh làm ở xã khác được không", "1.004859",
     "nơi cư trú hoặc nơi khác"),
    ("chứng thực bản sao có phải về xã nơi mình thường trú không", "2.000815",
     "không phụ thuộc nơi cư trú"),
    ("công chứng bản sao giấy tờ ở xã nào cũng được à", "2.000815", "bất kỳ"),
    ("mất căn cước làm lại ở tỉnh khác được không", "1.014064", "không phụ thuộc nơi cư trú"),
    ("đăng ký tạm trú ra công an nào", "1.004194", "nơi bạn dự kiến tạm trú"),
    ("đăng ký hộ kinh doanh nộp ở xã khác được không", "1.001612", "trong cùng tỉnh"),
    ("xin trích lục khai sinh có phải về tận nơi đăng ký không", "2.000635", "không phụ thuộc nơi cư trú"),
    ("khai tử cho bố có phải làm ở xã nơi bố mất không", "1.000656", "nơi cư trú hoặc nơi khác"),
    ("chứng thực chữ ký ở phường đang tạm trú được không", "2.000884", "không phụ thuộc nơi cư trú"),
])
def test_a_where_question_says_whether_another_place_will_do(core: Core, question: str,
                                                            code: str, fact: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "answered" and code_of(core, reply) == code
    assert reply.field == "where"
    assert fact in reply.text


def test_a_follow_up_about_another_commune_stays_on_the_copy(core: Core) -> None:
    settled(core)
    first = say(core, "chứng thực bản sao giấy tờ hết bao nhiêu tiền")[0]
    assert code_of(core, first) == "2.000815"
    reply = say(core, "phải ra đúng phường nơi mình ở hay sao")[0]
    assert code_of(core, reply) == "2.000815" and reply.field == "where"
    assert "không phụ thuộc nơi cư trú" in reply.text


def test_every_curated_where_answer_reads_once_and_fits_a_phone(core: Core) -> None:
    render = core.dialogue.answers.render
    cards = [e for e in core.kb.entries.values()
             if e.record is not None and "where" in e.amend and e.amend["where"].known]
    assert len(cards) >= 30
    for entry in cards:
        body = render.answer(entry, "ky-lac", field="where").body
        lines = [line for line in body.splitlines() if line.strip()]
        assert len(lines) == len(set(lines)), entry.id
        assert str(entry.amend["where"].value) in body, entry.id
        assert len(body) <= 900, entry.id
