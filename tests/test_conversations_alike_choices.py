"""Transcripts for a question back whose choices give the same answer to what is asked: the
papers, the place or the fee of both ways to be recognised as a poor household are the same,
so the procedure itself is answered (not its yearly-review variant, not a question back) —
unless the message names the case, and a bare name still asks back."""

from __future__ import annotations

import pytest

from bot.app import Core
from tests.transcript import code_of, say, settled


@pytest.mark.parametrize(("question", "field"), [
    ("Đăng ký hộ cận nghèo cần những giấy tờ gì", "documents"),
    ("hộ nghèo xét ở đâu vậy", "where"),
    ("xét hộ nghèo có mất tiền không", "fee"),
])
def test_a_field_both_choices_answer_alike_answers_the_procedure_itself(
        core: Core, question: str, field: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert code_of(core, reply) == "1.011607" and reply.field == field


def test_the_case_named_in_the_message_chooses(core: Core) -> None:
    settled(core)
    reply = say(core, "hộ nghèo định kỳ cần giấy gì")[0]
    assert code_of(core, reply) == "1.011606" and reply.field == "documents"


def test_a_bare_name_still_asks_back(core: Core) -> None:
    settled(core)
    reply = say(core, "hộ nghèo")[0]
    offered = {c.entry_id for c in reply.choices}
    assert {"tthc-ho-ngheo-dinh-ky", "tthc-ho-ngheo-thuong-xuyen"} <= offered


def test_the_card_named_before_the_verb_is_the_card_itself(core: Core) -> None:
    # "căn cước làm ở đâu": the words of "làm lại căn cước" in another order say no loss
    settled(core)
    reply = say(core, "Căn cước làm ở phường nào cũng được hay phải về quê?")[0]
    assert code_of(core, reply) == "1.014061" and reply.field == "where"
