"""Which citizens a province's own procedure is offered to (bot/provincial.py)."""

from __future__ import annotations

from dataclasses import replace

from bot.engine import Engine
from bot.knowledge.model import KnowledgeBase
from bot.provincial import home_province, national_names, offered_in, province_of, restricted
from bot.render import Renderer


def test_a_provincial_record_names_its_province_and_a_ministrys_none(
        bundled: tuple[KnowledgeBase, Engine, Renderer]) -> None:
    kb = bundled[0]
    assert province_of(kb.entries["tthc-1-115458"]) == "bac ninh"  # Tách thửa, UBND tỉnh Bắc Ninh
    assert province_of(kb.entries["tthc-dang-ky-tam-tru"]) is None  # Bộ Công an


def test_a_provincial_record_with_a_national_namesake_goes_only_to_its_province(
        bundled: tuple[KnowledgeBase, Engine, Renderer]) -> None:
    kb = bundled[0]
    national = national_names(kb)
    split = kb.entries["tthc-1-115458"]  # the ministry publishes "Tách thửa hoặc hợp thửa đất" too
    ha_tinh = kb.localities["ky-lac"]
    assert not offered_in(split, ha_tinh, national)
    assert not offered_in(split, None, national)
    assert offered_in(split, replace(ha_tinh, province="Bắc Ninh"), national)
    assert offered_in(split, replace(ha_tinh, province="Tỉnh Bắc Ninh"), national)


def test_a_provincial_record_nothing_national_answers_is_offered_to_all(
        bundled: tuple[KnowledgeBase, Engine, Renderer]) -> None:
    kb = bundled[0]
    own = kb.entries["tthc-1-115748"]  # Lạng Sơn's first land registration for households
    assert province_of(own) == "lang son"
    assert offered_in(own, kb.localities["ky-lac"], national_names(kb))


def test_the_entries_kept_to_their_province_are_those_offered_in_says(
        bundled: tuple[KnowledgeBase, Engine, Renderer]) -> None:
    kb = bundled[0]
    kept = restricted(kb)
    assert kept["tthc-1-115458"] == "bac ninh"
    assert "tthc-1-115748" not in kept and "tthc-dang-ky-tam-tru" not in kept
    national, elsewhere = national_names(kb), kb.localities["ky-lac"]
    for eid, province in list(kept.items())[:300]:  # kept to Hà Tĩnh's people: offered in Kỳ Lạc
        assert offered_in(kb.entries[eid], elsewhere, national) == (province == home_province(elsewhere))
