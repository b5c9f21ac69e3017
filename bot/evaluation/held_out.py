"""Which labelled sets are held out: read only through ``cchc-bot eval``'s aggregate figures,
never row by row, so that they measure how the bot does on messages nobody tuned it to.

The development scripts under ``benchmarks/`` (``dev_misses.py``, ``story_battery.py``,
``spelling_battery.py``) refuse them; the README's data table says when a set was opened for
development.
"""

from __future__ import annotations

from collections.abc import Sequence

#: The held-out sets, by file stem under ``tests/data``.
HELD_OUT = frozenset({"real", "dev17", "dev20", "dev21", "dev22", "dev23"})
#: The development sets of questions in citizens' words (file stems under ``tests/data``) that
#: the development scripts play by default: every conversation set opened for development but the
#: small-talk one (dev13), and the records' field questions.
DEVELOPMENT = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11",
               "dev12", "dev14", "dev15", "dev16", "dev18", "dev19", "eval_records")


def chosen_sets(argv: Sequence[str], default: tuple[str, ...]) -> tuple[str, ...]:
    """The sets ``--sets a,b`` names (``default`` without it). Raises ``ValueError`` naming
    the held-out ones when it names any."""
    sets = tuple(argv[list(argv).index("--sets") + 1].split(",")) if "--sets" in argv else default
    refused = sorted(HELD_OUT & set(sets))
    if refused:
        raise ValueError(f"{', '.join(s + '.tsv' for s in refused)}: held out, read only through "
                         "`cchc-bot eval`'s figures")
    return sets
