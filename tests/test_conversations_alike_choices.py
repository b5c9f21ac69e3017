"""Transcripts for close siblings: a message that names the case (hộ nghèo định kỳ) is answered
with it, a bare name still asks back, and a card named before the verb is the card itself."""

from __future__ import annotations

from bot.app import Core
from tests.transcript import code_of, say, settled


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
