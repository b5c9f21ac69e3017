"""Clean-up of a whole record after it is read, whatever its source format.

The portal sometimes lists one paper twice in a group, the second time with other punctuation
or another last sentence ("Phiếu CC01 … ký xác nhận. Trường hợp …" and "Phiếu CC01 … ký xác
nhận.Trường hợp …"): a citizen would read two papers where there is one. A paper is named by
its first sentence and its counts; a later paper of the same group with the same first
sentence and counts is the same paper said again: it is listed once, in the longer wording.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.knowledge.records.model import Document, DocumentGroup, Record

#: Where a paper's first sentence ends: a stop or ";" before a capital, glued or spaced
#: (not a list number's stop: "2. Đối với …").
_FIRST_SENTENCE = re.compile(r"(?<!^\d)(?<!^\d\d)[.;](?=\s*[A-ZĐÀ-Ỹ])")
#: Fewest words a first sentence needs to name a paper on its own.
MIN_WORDS = 4


def _key(d: Document) -> tuple[object, ...]:
    words = re.findall(r"\w+", _FIRST_SENTENCE.split(d.name, maxsplit=1)[0].casefold())
    return (d.original, d.copy, *words) if len(words) >= MIN_WORDS else ()


def _once(group: DocumentGroup) -> DocumentGroup:
    """The group with each paper once, where it first comes, under its longer wording."""
    first: dict[tuple[object, ...], int] = {}
    kept: list[Document] = []
    for d in group.documents:
        key = _key(d)
        if key and key in first:
            at = first[key]
            if len(d.name) > len(kept[at].name):
                kept[at] = d
            continue
        if key:
            first[key] = len(kept)
        kept.append(d)
    return group if len(kept) == len(group.documents) else replace(group, documents=tuple(kept))


def tidy(record: Record) -> Record:
    """``record`` with each paper listed once per group."""
    groups = tuple(_once(g) for g in record.documents)
    return record if groups == record.documents else replace(record, documents=groups)
