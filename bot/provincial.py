"""Procedures a province publishes for itself, and who may be offered them.

The national catalog holds, beside the ministries' procedures, those a province's People's
Committee publishes for its own territory (type SPECIFIC, "UBND tỉnh Bắc Ninh", "UBND Thành phố
Hải Phòng", "Trung tâm phục vụ hành chính công Thành phố Hà Nội"): their offices, time limits
and forms are that province's. Such a record or catalog line is offered only to a citizen whose
locality (``localities.yaml``) is in that province; anyone else gets the ministry's procedure
of the same name, or nothing from another province. A curated card is always offered: its
editors chose the record it answers from.
"""

from __future__ import annotations

import re

from bot.knowledge.model import Entry, Locality
from bot.textnorm import fold

__all__ = ["offered_in", "province_of"]

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


def offered_in(entry: Entry, locality: Locality | None) -> bool:
    """Whether ``entry`` may be offered to a citizen of ``locality`` (None: not known)."""
    if entry.tier == 0:
        return True
    province = province_of(entry)
    if province is None:
        return True
    home = fold(locality.province or "") if locality is not None else ""
    home = re.sub(r"^(?:tinh|thanh pho)\s+", "", home).strip()
    return home == province
