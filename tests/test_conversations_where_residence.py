"""Transcripts for a where question that names the place by the person's residence ("ở phường
nơi tạm trú", "ở xã nơi em đang ở"): those words say which place, not which procedure
(``bot/places.py``), and a weak "giấy tờ" or "hồ sơ" beside a place asked of is what is
handed in there, not the documents asked about."""

from __future__ import annotations

import pytest

from bot.app import Core
from tests.transcript import code_of, say, settled


@pytest.mark.parametrize("question", [
    "chứng thực giấy tờ ở phường nơi tạm trú được không",
    "chứng thực giấy tờ ở xã nơi em đang ở được không ạ",
])
def test_the_residence_that_names_the_place_does_not_name_the_procedure(core: Core, question: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "answered" and (reply.entry_id or "").startswith("tthc-chung-thuc")
    assert reply.field == "where" and "không phụ thuộc nơi cư trú" in reply.text


@pytest.mark.parametrize(("question", "content"), [
    ("sao y bằng tốt nghiệp ở phường nơi tạm trú được không", ("chung", "thuc", "bang", "tot", "nghiep")),
    ("xin trích lục ở xã nơi mình tạm trú được không", ("trich", "luc")),
    ("làm lại căn cước ở công an nơi em đang ở được không", ("cuoc",)),
    ("khai tử ở đâu ạ, xã nơi mẹ mất hay xã nơi mẹ sống", ("khai", "tu")),
])
def test_the_words_of_a_place_named_by_residence_are_left_out(core: Core, question: str,
                                                             content: tuple[str, ...]) -> None:
    reading = core.dialogue.asker.reader.read(question)
    assert reading.fields == ("where",) and reading.content == content


def test_a_weak_paper_word_beside_a_place_asked_of_asks_where(core: Core) -> None:
    settled(core)
    reply = say(core, "chứng thực giấy tờ ở phường được không")[0]
    assert (reply.entry_id or "").startswith("tthc-chung-thuc") and reply.field == "where"


def test_the_residence_procedure_is_still_found_when_it_is_the_one_asked(core: Core) -> None:
    settled(core)
    reply = say(core, "đăng ký thường trú ở xã nơi đang tạm trú được không")[0]
    assert code_of(core, reply) == "1.004222" and reply.field == "where"


def test_papers_handed_in_at_another_commune_ask_where(core: Core) -> None:
    settled(core)
    reply = say(core, "nộp hồ sơ khai sinh cho con ở xã khác được không")[0]
    assert code_of(core, reply) == "1.001193" and reply.field == "where"
    assert "nơi khác" in reply.text


def test_papers_asked_for_are_still_the_documents(core: Core) -> None:
    settled(core)
    reply = say(core, "đăng ký khai tử cần giấy tờ gì")[0]
    assert code_of(core, reply) == "1.000656" and reply.field == "documents"


@pytest.mark.parametrize("question", [
    "đăng ký kết hôn ở xã của ai cũng được hả",
    "đăng ký kết hôn làm ở xã bên nào cũng được à",
    "khai sinh cho con ở xã bên vợ cũng được chứ",
])
def test_a_place_that_will_do_as_well_asks_where(core: Core, question: str) -> None:
    assert core.dialogue.asker.reader.read(question).fields == ("where",)


@pytest.mark.parametrize("question", [
    "quê em ở Hải Dương, giờ làm lại căn cước ở Bình Dương được không",
    "trích lục kết hôn xin ở Quảng Nam được không ạ",
])
def test_a_province_by_its_name_before_the_merger_is_a_place_asked_of(core: Core, question: str) -> None:
    assert core.dialogue.asker.reader.read(question).fields == ("where",)
