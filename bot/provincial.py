"""Procedures a province publishes for itself, and who may be offered them.

The national catalog holds, beside the ministries' procedures, those a province's People's
Committee publishes for its own territory (type SPECIFIC, "UBND tỉnh Bắc Ninh", "UBND Thành phố
Hải Phòng", "Trung tâm phục vụ hành chính công Thành phố Hà Nội"): their offices, time limits
and forms are that province's. Such a record or catalog line is offered only to a citizen whose
locality (``localities.yaml``) is in that province when a ministry publishes a procedure of the
same name (:func:`national_names`): anyone else gets the ministry's procedure. A province's
procedure with no national namesake is offered to everyone (nothing else answers it). A curated
card is always offered: its editors chose the record it answers from.
"""

from __future__ import annotations

import re

from bot.knowledge.model import Entry, KnowledgeBase, Locality
from bot.textnorm import fold

__all__ = ["home_province", "national_names", "offered_in", "province_of", "restricted"]

#: The province in a publisher's name: "UBND tỉnh Bắc Ninh", "… Thành phố Hà Nội".
_PROVINCE = re.compile(r"\b(?:tỉnh|thành phố)\s+(.+)$", re.IGNORECASE)


def province_of(entry: Entry) -> str | None:
    """The (folded) province that published ``entry``'s record or catalog line, or None for a
    ministry's procedure."""
    publisher = entry.catalog.promulgator if entry.catalog is not None else \
        entry.record.issuer if entry.record is not None else ""
    if not publisher or publisher.lower().startswith("bộ"):
        return None
    m = _PROVINCE.search(publisher)
    return fold(m.group(1)).strip() if m else None


#: Words that do not tell two publications' names apart ("Tách thửa, hợp thửa đất" is "Tách
#: thửa hoặc hợp thửa đất").
_FILLER = frozenset({"hoac", "va", "thu", "tuc", "cap", "xa", "doi", "voi"})
#: How many words of a name are compared (some catalog names run to a paragraph).
NAME_WORDS = 30


def _name(entry: Entry) -> frozenset[str]:
    name = entry.record.name if entry.record is not None else \
        entry.catalog.name if entry.catalog is not None else ""
    return frozenset(re.findall(r"\w+", fold(name))[:NAME_WORDS]) - _FILLER


def national_names(kb: KnowledgeBase) -> frozenset[frozenset[str]]:
    """The names (as word sets) of the procedures the ministries publish."""
    return frozenset(_name(e) for e in kb.entries.values()
                     if (e.record is not None or e.catalog is not None) and province_of(e) is None)


def offered_in(entry: Entry, locality: Locality | None,
               national: frozenset[frozenset[str]]) -> bool:
    """Whether ``entry`` may be offered to a citizen of ``locality`` (None: not known);
    ``national``: :func:`national_names`."""
    if entry.tier == 0:
        return True
    province = province_of(entry)
    return province is None or _name(entry) not in national or home_province(locality) == province


def restricted(kb: KnowledgeBase) -> dict[str, str]:
    """{entry id: folded province} of the entries :func:`offered_in` keeps to one province's
    citizens, computed once for a knowledge base (the engine asks for every candidate)."""
    national = national_names(kb)
    return {eid: p for eid, e in kb.entries.items() if e.tier != 0
            and (p := province_of(e)) is not None and _name(e) in national}


def home_province(locality: Locality | None) -> str:
    """The folded province of ``locality`` without "tỉnh" / "thành phố" ("" when unknown)."""
    home = fold(locality.province or "") if locality is not None else ""
    return re.sub(r"^(?:tinh|thanh pho)\s+", "", home).strip()
