"""Transcripts for a field asked while a question back is pending (bot/pending.py): each choice
is answered with the field, and the question back still stands for a pick by number, ordinal
or name."""

from __future__ import annotations

from bot.app import Core
from tests.transcript import code_of, say, settled


def test_a_field_asked_of_the_choices_answers_each_and_offers_them_again(core: Core) -> None:
    settled(core)
    back = say(core, "chứng thực ở đâu vậy ạ")[0]
    assert back.status == "suggest"
    offered = [c.entry_id for c in back.choices]
    replies = say(core, "thế mất phí bao nhiêu")
    answered = [r for r in replies if r.status == "answered"]
    assert [r.entry_id for r in answered] == offered[:len(answered)] and len(answered) == len(offered)
    assert all(r.field == "fee" and "Lệ phí" in r.text and not r.choices for r in answered)
    assert [c.entry_id for c in replies[-1].choices] == offered
    picked = say(core, "cái thứ hai")[0]
    assert (picked.status, picked.entry_id) == ("answered", offered[1])


def test_a_number_after_the_choices_answered_picks_the_choice(core: Core) -> None:
    settled(core)
    back = say(core, "chứng thực ở đâu vậy ạ")[0]
    say(core, "mất mấy ngày")
    picked = say(core, "1")[0]
    assert picked.entry_id == back.choices[0].entry_id


def test_a_new_question_after_a_question_back_is_read_as_new(core: Core) -> None:
    settled(core)
    say(core, "chứng thực ở đâu vậy ạ")
    reply = say(core, "làm giấy khai sinh cho con mất mấy ngày")[0]
    assert (reply.status, code_of(core, reply)) == ("answered", "1.001193")
