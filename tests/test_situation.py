"""The phrases a story states its situation by (bot.textnorm.says, with bot.situation.GAP)."""

from __future__ import annotations

import pytest

from bot.situation import GAP
from bot.textnorm import says


@pytest.mark.parametrize(("tokens", "said"), [
    ("chau sinh nuoc ngoai", True),  # side by side
    ("be sinh ra o nuoc ngoai", True),  # two words between
    ("sinh be ben nuoc ngoai nam ngoai", True),
    ("toi sinh nam 1990 di lao dong nuoc ngoai ve", False),  # a birth year, a job abroad
    ("nuoc ngoai sinh", False),  # in order only
])
def test_a_gap_spans_at_most_two_words(tokens: str, said: bool) -> None:
    assert GAP == 2
    assert says(tokens.split(), (("sinh",), ("nuoc", "ngoai")), GAP) is said


def test_a_phrase_without_gaps_is_said_only_side_by_side() -> None:
    phrase = (("la", "nuoc", "ngoai"),)
    assert says(str.split("chong em la nuoc ngoai"), phrase, GAP)
    assert not says(str.split("chong em la nguoi viet o nuoc ngoai"), phrase, GAP)
    assert not says([], (("la",),), GAP)
