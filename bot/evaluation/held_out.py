"""Which labelled sets are held out: read only through ``cchc-bot eval``'s aggregate figures,
never row by row, so that they measure how the bot does on messages nobody tuned it to.

The development scripts under ``benchmarks/`` (``dev_misses.py``, ``story_battery.py``,
``spelling_battery.py``) refuse them; the README's data table says when a set was opened for
development.
"""

from __future__ import annotations

from collections.abc import Sequence

#: The held-out sets, by file stem under ``tests/data``.
HELD_OUT = frozenset({"real", "dev15", "dev16", "dev17", "dev20", "dev21"})


def chosen_sets(argv: Sequence[str], default: tuple[str, ...]) -> tuple[str, ...]:
    """The sets ``--sets a,b`` names (``default`` without it). Raises ``ValueError`` naming
    the held-out ones when it names any."""
    sets = tuple(argv[list(argv).index("--sets") + 1].split(",")) if "--sets" in argv else default
    refused = sorted(HELD_OUT & set(sets))
    if refused:
        raise ValueError(f"{', '.join(s + '.tsv' for s in refused)}: held out, read only through "
                         "`cchc-bot eval`'s figures")
    return sets
