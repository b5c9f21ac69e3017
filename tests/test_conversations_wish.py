"""Transcripts for a wish told in a story: the words after "muốn" name the goal, not the paper
the story mentions on the way (bot/wish.py)."""

from __future__ import annotations

import pytest

from bot.app import Core
from tests.transcript import code_of, say, settled


@pytest.mark.parametrize("story", [
    "Con gái tôi khai sinh theo dân tộc Kinh của chồng, nay muốn xác định lại theo dân tộc Mường "
    "của tôi. Làm ở đâu?",
    "Hai đứa nhỏ khai sinh theo dân tộc của ba, giờ tụi tôi muon xác định lại theo dân tộc của má. "
    "Nộp ở đâu ạ?",
])
def test_the_wish_not_the_paper_names_the_procedure(core: Core, story: str) -> None:
    settled(core)
    reply = say(core, story)[0]
    assert code_of(core, reply) == "1.004859" and reply.field == "where"


def test_a_wish_that_names_the_answered_procedure_keeps_the_case_the_story_tells(core: Core) -> None:
    settled(core)
    reply = say(core, "Con tôi mới 4 tuổi. Giờ tôi muốn làm thẻ căn cước cho con thì làm ở đâu?")[0]
    assert code_of(core, reply) == "1.014062"
