"""What a re-import changes, per code, for an official to review before the files are replaced:
new and retired codes, and for kept codes a changed decision, documents, fee or time limit.

The values are language-neutral (the way codes, figures, the record's own words); the command
line prints them with Vietnamese labels.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from bot.knowledge.records.model import CatalogItem, Fee, Record

Kind = Literal["new", "retired", "decision", "documents", "fee", "time_limit"]
KINDS: tuple[Kind, ...] = ("new", "retired", "decision", "documents", "fee", "time_limit")


@dataclass(frozen=True)
class Change:
    """One change of one code. For ``documents``, ``before`` holds the papers no longer listed
    and ``after`` the papers newly listed; for the others the old and the new values."""

    code: str
    kind: Kind
    name: str
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()


def _decision(r: Record) -> tuple[str, ...]:
    if r.decision is None:
        return ()
    return tuple(x for x in (r.decision.number, r.decision.date or "") if x)


def _fee(f: Fee) -> str:
    if f.province:
        return "province" + (f" {f.amount}" if f.amount else "")
    if f.free:
        return "0"
    return str(f.amount) if f.amount is not None else f.text


def _fees(r: Record) -> tuple[str, ...]:
    return tuple(f"{m.way}: {', '.join(_fee(f) for f in m.fees) or '-'}" for m in r.methods)


def _times(r: Record) -> tuple[str, ...]:
    return tuple(f"{m.way}: {m.time_limit or '-'}" for m in r.methods)


def _papers(r: Record) -> list[str]:
    return [f"{d.name} [{d.original or 0}/{d.copy or 0}]" for g in r.documents for d in g.documents]


def compare(old: Iterable[Record], new: Iterable[Record]) -> list[Change]:
    """Every change between two record sets, sorted by code then kind."""
    before = {r.code: r for r in old}
    after = {r.code: r for r in new}
    out: list[Change] = []
    for code in sorted(before.keys() | after.keys()):
        a, b = before.get(code), after.get(code)
        if a is None and b is not None:
            out.append(Change(code, "new", b.name, (), _decision(b)))
        elif b is None and a is not None:
            out.append(Change(code, "retired", a.name, _decision(a), ()))
        elif a is not None and b is not None:
            if _decision(a) != _decision(b):
                out.append(Change(code, "decision", b.name, _decision(a), _decision(b)))
            pa, pb = _papers(a), _papers(b)
            gone = tuple(x for x in pa if x not in pb)
            added = tuple(x for x in pb if x not in pa)
            if gone or added:  # the same papers in another order are no change
                out.append(Change(code, "documents", b.name, gone, added))
            if _fees(a) != _fees(b):
                out.append(Change(code, "fee", b.name, _fees(a), _fees(b)))
            if _times(a) != _times(b):
                out.append(Change(code, "time_limit", b.name, _times(a), _times(b)))
    return out


def compare_catalog(old: Iterable[CatalogItem], new: Iterable[CatalogItem]) -> tuple[list[str], list[str]]:
    """Codes added to and removed from the catalog."""
    a, b = {c.code for c in old}, {c.code for c in new}
    return sorted(b - a), sorted(a - b)
