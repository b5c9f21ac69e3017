"""Transcripts for a broad topic announced with a lead-in ("cho mình hỏi về …"): the lead-in
names nothing, so the message gets what its bare topic gets — a numbered question back —
rather than the fallback; a message that names a procedure is not read as a bare topic."""

from __future__ import annotations

import pytest

from bot.app import Core
from bot.topic_lead import bare_of, topic_of
from tests.transcript import say, settled


@pytest.mark.parametrize(("text", "topic"), [
    ("Cho mình hỏi về trợ cấp ạ?", "trợ cấp"),  # the closing particle says nothing of it
    ("em cần tìm hiểu về đất đai", "đất đai"),
    ("thủ tục về nhà đất", "nhà đất"),
    ("về hộ nghèo", "hộ nghèo"),  # what is left once the reader has cut "cho em hỏi"
])
def test_a_lead_in_before_ve_announces_its_topic(text: str, topic: str) -> None:
    assert topic_of(text) == topic


@pytest.mark.parametrize("text", [
    "trợ cấp",  # no lead-in
    "con tôi học về kinh tế muốn hỏi",  # the words before "về" are not a lead-in
    "cho hỏi về việc chuyển hộ khẩu từ tỉnh này sang tỉnh khác",  # a long topic: a question
])
def test_other_messages_have_no_announced_topic(text: str) -> None:
    assert topic_of(text) is None


@pytest.mark.parametrize("question", ["mình muốn hỏi về trợ cấp ạ", "Em hỏi về trợ cấp"])
def test_a_broad_topic_after_a_lead_in_is_asked_back(core: Core, question: str) -> None:
    settled(core)
    bare = say(core, "trợ cấp")[0]
    reply = say(core, question, user="c2")[0]
    assert bare.status == "suggest"
    assert reply.status == "suggest"
    assert {c.entry_id for c in reply.choices} == {c.entry_id for c in bare.choices}


@pytest.mark.parametrize(("text", "bare"), [
    ("xin đất đai thì làm sao ạ", "đất đai"),
    ("em muốn xin trợ cấp làm thế nào vậy", "trợ cấp"),
])
def test_a_bare_name_asked_how_is_cut_from_its_asking_words(text: str, bare: str) -> None:
    assert bare_of(text) == bare


@pytest.mark.parametrize("text", [
    "tôi là người cao tuổi",  # a story's sentence tells, it does not ask how
    "trợ cấp",  # nothing to cut
    "muốn đăng ký cho con gái đang học đại học ở xa làm sao",  # no bare name
])
def test_other_messages_have_no_bare_name(text: str) -> None:
    assert bare_of(text) is None


def test_a_bare_topic_asked_how_is_offered_not_answered(core: Core) -> None:
    settled(core)
    reply = say(core, "muốn xin trợ cấp thì phải làm sao ạ")[0]
    assert reply.status == "suggest"
    assert len([c for c in reply.choices if c.entry_id is not None]) >= 2


@pytest.mark.parametrize("question", ["đăng ký cư trú thì nộp ở đâu", "đăng ký cư trú mất bao lâu"])
def test_a_field_that_ranks_none_of_the_choices_keeps_the_question_back(core: Core,
                                                                       question: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "suggest" and reply.text.startswith("Cư trú có mấy thủ tục")
    assert {"tthc-dang-ky-thuong-tru", "tthc-dang-ky-tam-tru"} <= {c.entry_id for c in reply.choices}


@pytest.mark.parametrize("text", ["chứng thực ở xã", "lam chung thuc o phuong"])
def test_certifying_at_the_commune_without_saying_what_asks_which_kind(core: Core, text: str) -> None:
    # "chứng thực ở xã" is also said inside the amended-transaction card's phrasing; the bare
    # matter still asks which kind: a copy, a signature or a contract
    settled(core)
    reply = next(r for r in say(core, text) if r.status)
    assert reply.status == "suggest" and reply.text.startswith("Ở xã có mấy loại chứng thực")


def test_certifying_a_named_kind_at_the_commune_is_answered(core: Core) -> None:
    settled(core)
    reply = next(r for r in say(core, "chứng thực bản sao ở xã") if r.status)
    assert reply.status == "answered" and "Chứng thực bản sao" in reply.text
