"""The bundled national procedure records as knowledge entries.

``knowledge/records/procedures.jsonl`` (full records, written by ``cchc-bot kb
import-procedures``) and ``knowledge/records/catalog.jsonl`` (the whole catalog) are read with
the C JSON parser — thousands of lines in a fraction of a second, where the YAML parser would
take tens of seconds. Each record becomes an entry answered from the record; each catalog code
without a full record becomes a short entry that says where the procedure is done (one entry
per distinct name: the catalog repeats a name under several provinces' codes). A curated card
in ``procedures/*.yaml`` with a ``code:`` takes the record instead of getting a second entry.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from bot.errors import Problem
from bot.knowledge.model import Entry
from bot.knowledge.records.model import CatalogItem, Record
from bot.textnorm import fold

RECORDS = "records/procedures.jsonl"
CATALOG = "records/catalog.jsonl"
#: The day the catalog was crawled (../shared/data/tthc/README.md, portal-api/catalog.jsonl),
#: used when a catalog line does not carry its own.
CATALOG_SNAPSHOT = "2026-07-18"
#: Records' fields (lĩnh vực) → the topic their entries are listed under.
FIELD_TOPICS = {"hộ tịch": "ho-tich", "chứng thực": "chung-thuc", "đăng ký, quản lý cư trú": "cu-tru",
                "cư trú": "cu-tru", "căn cước": "can-cuoc", "cấp, quản lý căn cước": "can-cuoc",
                "định danh và xác thực điện tử": "can-cuoc"}
DEFAULT_TOPIC = "thu-tuc-khac"


def entry_id(code: str) -> str:
    """The knowledge id of a record or catalog entry: ``1.001193`` → ``tthc-1-001193``."""
    return "tthc-" + "-".join(fold(code).split())


def _lines(root: Path, rel: str, problems: list[Problem]) -> Iterator[tuple[int, dict[str, object]]]:
    path = root / rel
    if not path.exists():
        return
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(Problem(rel, n, f"dòng không phải JSON hợp lệ ({exc.msg}) — chạy lại "
                                        "cchc-bot kb import-procedures"))
                continue
            if not isinstance(data, dict):
                problems.append(Problem(rel, n, "mỗi dòng phải là một đối tượng JSON"))
                continue
            yield n, data


def load_records(root: Path, problems: list[Problem]) -> tuple[dict[str, Record], dict[str, CatalogItem]]:
    """The bundled records and catalog of knowledge folder ``root`` (empty when absent);
    a broken line is reported with its file and line and left out."""
    records: dict[str, Record] = {}
    for n, data in _lines(root, RECORDS, problems):
        try:
            record = Record.from_dict(data)
        except (KeyError, TypeError, ValueError) as exc:
            problems.append(Problem(RECORDS, n, f"bản ghi thiếu hoặc sai trường {exc} — chạy lại "
                                    "cchc-bot kb import-procedures"))
            continue
        if record.code in records:
            problems.append(Problem(RECORDS, n, f"mã thủ tục {record.code} xuất hiện hai lần"))
            continue
        records[record.code] = record
    catalog: dict[str, CatalogItem] = {}
    for n, data in _lines(root, CATALOG, problems):
        try:
            item = CatalogItem.from_json(json.dumps(data))
        except (KeyError, TypeError, ValueError) as exc:
            problems.append(Problem(CATALOG, n, f"dòng danh mục thiếu hoặc sai trường {exc}"))
            continue
        catalog.setdefault(item.code, item)
    for code in misplaced(records, catalog):
        del records[code]  # the catalog line stays: it names the procedure right
    for code, record in records.items():
        if code in catalog:
            records[code] = with_departments(record, catalog[code])
    return records, catalog


def misplaced(records: dict[str, Record], catalog: dict[str, CatalogItem]) -> list[str]:
    """Codes whose record is another page crawled under them: the same name under three or
    more codes, none of which the catalog gives that name (the page snapshot files ten Bộ Công
    an codes under "Hỗ trợ phát triển sản xuất cộng đồng.")."""
    by_name: dict[str, list[str]] = {}
    for code, r in records.items():
        by_name.setdefault(name_key(r.name), []).append(code)
    return [code for codes in by_name.values() if len(codes) >= 3 for code in codes
            if code in catalog and overlap(records[code].name, catalog[code].name) < 0.3]


def with_departments(record: Record, item: CatalogItem) -> Record:
    """``record`` with the executing bodies its catalog line adds (the portal's page of a
    chứng thực names the notaries, its catalog line also the commune People's Committee).
    A province's own line (SPECIFIC) only fills a record that names none: its lists keep
    bodies of the district level that no longer exists."""
    if item.type == "SPECIFIC" and record.authority:
        return record
    have = {fold(" ".join(a.split())).strip(" .,;") for a in record.authority}
    extra = tuple(d for d in item.departments
                  if d.strip() and fold(" ".join(d.split())).strip(" .,;") not in have)
    return replace(record, authority=record.authority + extra) if extra else record


def topic_for(field: str, topics: set[str]) -> str:
    topic = FIELD_TOPICS.get(field.strip().lower(), DEFAULT_TOPIC)
    return topic if topic in topics else DEFAULT_TOPIC


def overlap(a: str, b: str) -> float:
    """Share (0–1) of the words of the longer of two names that the other has too."""
    wa, wb = set(fold(a).split()), set(fold(b).split())
    return len(wa & wb) / max(len(wa), len(wb), 1)


#: Characters of a name that tell procedures apart (some catalog names run to a paragraph).
NAME_KEY_CHARS = 240
_LEVEL_NOTE = re.compile(r"\s*(?:1 trinh tu thuc hien|thuc hien tai cap xa|thuoc tham quyen cap xa|"
                         r"cap xa)$")


@lru_cache(maxsize=1 << 14)
def name_key(name: str) -> str:
    """A procedure name as publications of one procedure share it: folded (no punctuation),
    without a trailing "(cấp xã)", "(thực hiện tại cấp xã)", "thuộc thẩm quyền cấp xã" and the
    source's stray "(1) Trình tự thực hiện:"."""
    key = " ".join(fold(name[:NAME_KEY_CHARS]).split())
    while True:
        shorter = _LEVEL_NOTE.sub("", key)
        if shorter == key:
            return key
        key = shorter


def names_to_codes(records: dict[str, Record], catalog: dict[str, CatalogItem]) -> dict[str, set[str]]:
    """The codes published under each name (:func:`name_key`), from the catalog and the records."""
    by_name: dict[str, set[str]] = {}
    for code, item in catalog.items():
        by_name.setdefault(name_key(item.name), set()).add(code)
    for code, r in records.items():
        by_name.setdefault(name_key(r.name), set()).add(code)
    return by_name


def _same_procedure(a: str, b: str) -> bool:
    """Two names of one procedure (the sources word names slightly differently)."""
    return overlap(a, b) >= 0.6


def _day(iso: str) -> date:
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return date(2026, 1, 1)


def record_entries(records: dict[str, Record], catalog: dict[str, CatalogItem],
                   claimed: set[str], topics: set[str],
                   claimed_catalog: set[str] | None = None) -> list[Entry]:
    """Entries for every record and catalog name not already answered by a curated card
    (``claimed``: the codes whose record a card answers from; ``claimed_catalog``: whose
    catalog line)."""
    out: list[Entry] = []
    for code in sorted(records):
        if code in claimed:
            continue
        r = records[code]
        source = f"Cơ sở dữ liệu quốc gia về TTHC, mã {code}"
        out.append(Entry(id=entry_id(code), topic=topic_for(r.field, topics), questions=(),
                         answer="", source=source, reviewed=_day(r.source.snapshot),
                         kind="record", record=r, file=r.source.path, line=1,
                         tier=1 if r.commune else 2))
    claimed_catalog = claimed_catalog or set()
    seen = {fold(r.name) for r in records.values()}
    taken = {e.id for e in out}
    ordered = sorted(catalog.values(), key=lambda i: (i.type == "SPECIFIC", i.code))
    for item in ordered:
        name = fold(item.name)
        if item.code in claimed or item.code in claimed_catalog or name in seen:
            continue
        record = records.get(item.code)
        if record is not None and _same_procedure(record.name, item.name):
            continue
        # the catalog and a page snapshot sometimes give one code to two procedures: keep both
        eid = entry_id(item.code) if entry_id(item.code) not in taken else entry_id(item.code) + "-dm"
        taken.add(eid)
        seen.add(name)
        source = f"Danh mục TTHC quốc gia, mã {item.code}"
        out.append(Entry(id=eid, topic=topic_for(next(iter(item.fields), ""), topics),
                         questions=(), answer="", source=source,
                         reviewed=_day(item.extra.get("snapshot", CATALOG_SNAPSHOT)), kind="catalog",
                         catalog=item, file=CATALOG, line=1,
                         tier=2 if any("xã" in d.lower() for d in item.departments) else 3))
    return out
