"""How a ranking is read: a general entry that barely clears the bar is no clear fit when a
procedure record scores near it."""

from __future__ import annotations

import pytest

from bot.scoring import Thresholds, raw_rival

# each entry's code, or its id when it has none (a general entry), to the entry
CODES = {"faq-a": "faq-a", "faq-b": "faq-b", "1.000001": "tthc-x", "1.000002": "tthc-y"}


@pytest.mark.parametrize(("ranked", "contested"), [
    ([("faq-a", 55.0), ("tthc-x", 50.0)], True),   # a procedure within 7 of a general entry
    ([("faq-a", 55.0), ("tthc-x", 44.0)], False),  # … not within 7
    ([("faq-a", 55.0), ("faq-b", 48.0)], False),   # another general entry: the usual margin
    ([("faq-a", 62.0), ("tthc-x", 58.0)], False),  # above the confident bar
    ([("tthc-y", 55.0), ("tthc-x", 48.0)], False),  # a procedure leads: the usual margin
    ([("tthc-y", 55.0), ("tthc-x", 53.0)], True),
])
def test_a_rival_procedure_contests_an_answer_below_the_confident_bar(
        ranked: list[tuple[str, float]], contested: bool) -> None:
    assert raw_rival(ranked[0][0], ranked, CODES, Thresholds()) is contested
