"""Every labelled conversation set parses, names only procedures of the national catalog and has a
source for every row that expects an answer or a question back (the writers' sources files).

Only the sets' shape is checked here; their figures come from ``cchc-bot eval`` and
``benchmarks/dev_sets.py``.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from bot.evaluation.conversations import is_conversation_file, read_turns

DATA = Path(__file__).parent / "data"
CATALOG = Path(__file__).parent.parent / "knowledge" / "records" / "catalog.jsonl"
SETS = sorted(p for p in DATA.glob("*.tsv") if not p.name.endswith("_sources.tsv")
              and is_conversation_file(p))


def catalog_codes() -> set[str]:
    with CATALOG.open(encoding="utf-8") as lines:
        return {json.loads(line)["code"] for line in lines if line.strip()}


def test_the_sets_are_found() -> None:
    assert {"dev.tsv", "dev14.tsv", "dev15.tsv", "real.tsv"} <= {p.name for p in SETS}
    assert {"dev3.tsv", "dev4.tsv", "dev14.tsv", "dev15.tsv"} <= {p.name for p in SETS if line_sourced(p)}


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_a_set_parses_in_nfc_with_catalog_codes(path: Path) -> None:
    text = path.read_text("utf-8")
    assert unicodedata.normalize("NFC", text) == text
    turns = read_turns(path)
    assert turns
    known = catalog_codes()
    unknown = sorted({(t.line, c) for t in turns for c in t.codes if c not in known})
    assert not unknown, f"{path.name}: codes outside the catalog {unknown[:5]}"


def line_sourced(path: Path) -> bool:
    """True when the set has a writer's sources file keyed by the set's line numbers."""
    sources = DATA / f"{path.stem}_sources.tsv"
    if not sources.exists():
        return False
    header = next(r for r in sources.read_text("utf-8").splitlines() if not r.startswith("#"))
    return header.startswith("line\tcodes\t")


@pytest.mark.parametrize("path", [p for p in SETS if line_sourced(p)], ids=lambda p: p.name)
def test_every_answer_row_has_a_source(path: Path) -> None:
    sourced = set()
    for raw in (DATA / f"{path.stem}_sources.tsv").read_text("utf-8").splitlines():
        cols = raw.split("\t")
        if len(cols) >= 3 and cols[0].strip().isdigit() and any(c.strip() for c in cols[2:]):
            sourced.add(int(cols[0]))
    missing = [t.line for t in read_turns(path) if t.expect in ("answer", "clarify") and t.codes
               and t.line not in sourced]
    assert not missing, f"{path.name}: rows without a source {missing[:10]}"


def test_the_development_scripts_refuse_the_held_out_sets() -> None:
    from bot.evaluation.held_out import DEVELOPMENT, HELD_OUT, chosen_sets
    assert chosen_sets([], ("dev", "dev2")) == ("dev", "dev2")
    assert chosen_sets(["--sets", "dev3,dev12"], ("dev",)) == ("dev3", "dev12")
    with pytest.raises(ValueError, match=r"real\.tsv"):
        chosen_sets(["--sets", "dev,real"], ("dev",))
    assert {"real", "dev17", "dev20", "dev21"} <= HELD_OUT
    assert not HELD_OUT & set(DEVELOPMENT)
