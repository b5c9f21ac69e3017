"""Procedure cards (``procedures/*.yaml``) and their link to the national records.

A card either carries its own sourced facts (the older format: ``authority``, ``ways``,
``documents``, ``time_limit``, ``fee``, ``link``) or names a national code (``code:``) and
adds citizens' phrasings, notes and per-field amendments; :func:`attach_records` gives such a
card its record (or catalog line) and adds an entry for every other record and catalog name
(:mod:`bot.knowledge.records.bundle`). Problems are reported like every loader's (file, line, what
to fix, in Vietnamese).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bot.errors import Problem
from bot.knowledge.model import Entry, Fact, Procedure
from bot.knowledge.records.bundle import (
    CATALOG,
    RECORDS,
    load_records,
    name_key,
    names_to_codes,
    overlap,
    record_entries,
)
from bot.knowledge.yamlfile import Checker, Node, Seq, yaml_files

WAYS = ("in_person", "online", "post")


AMEND_FIELDS = ("summary", "documents", "time_limit", "fee", "where", "online", "conditions")


def _card_with_code(c: Checker, node: Node, line: int, code: str) -> Entry | None:
    """A curated card over an official record: its questions, notes and per-field
    amendments; the record (attached in :func:`load_knowledge`) gives the facts."""
    pid, group = c.ident(node), c.ident(node, "group")
    questions = c.texts(node, "questions", minimum=2)
    reviewed = c.day(node, "reviewed")
    notes: list[Fact] = []
    raw = node.get("notes")
    if isinstance(raw, Seq):
        for i, _ in enumerate(raw):
            holder = Node(node.line_of("notes"))
            holder["n"] = raw[i]
            notes.append(c.fact(holder, "n"))
    elif raw is not None:
        notes.append(c.fact(node, "notes"))
    amend: dict[str, Fact] = {}
    block = c.node(node.get("amend"), node.line_of("amend"), "'amend'") if "amend" in node else None
    for key in block or {}:
        assert block is not None
        if key not in AMEND_FIELDS:
            c.fail(block.line_of(key), f"'amend' chỉ nhận {', '.join(AMEND_FIELDS)}")
            continue
        amend[key] = c.fact(block, key)
    if not (pid and group and reviewed and questions):
        return None
    ages = None
    raw_ages = node.get("ages")
    if raw_ages is not None:
        if (isinstance(raw_ages, Seq) and len(raw_ages) == 2
                and all(isinstance(a, int) and 0 <= a <= 200 for a in raw_ages)
                and raw_ages[0] <= raw_ages[1]):
            ages = (int(raw_ages[0]), int(raw_ages[1]))
        else:
            c.fail(node.line_of("ages"), "'ages' là [tuổi nhỏ nhất, tuổi lớn nhất], ví dụ [6, 13]")
    sources = dict.fromkeys(f.source for f in [*notes, *amend.values()] if f.source)
    return Entry(id=pid, topic=group, questions=questions, answer="",
                 source="; ".join(s for s in sources if s) or code, reviewed=reviewed,
                 follow_up=c.texts(node, "follow_up"), kind="record", file=c.path, line=line,
                 notes=tuple(notes), amend=amend, ref=code, ages=ages)


def load_procedures(root: Path, problems: list[Problem]) -> list[Entry]:
    entries: list[Entry] = []
    for c, top in yaml_files(root, "procedures", problems):
        seq = c.seq(top, "procedures")
        for node, line in c.records(seq, "mỗi thủ tục"):
            code = node.get("code")
            if code is not None:
                card = _card_with_code(c, node, line, str(code))
                if card is not None:
                    entries.append(card)
                continue
            pid, name, group = c.ident(node), c.text(node, "name"), c.ident(node, "group")
            questions = c.texts(node, "questions", minimum=2)
            ways_raw = node.get("ways")
            ways: dict[str, Fact] = {}
            ways_node = c.node(ways_raw, node.line_of("ways"), "'ways'") if ways_raw is not None else None
            if ways_raw is None:
                c.fail(line, "thiếu 'ways:' (in_person / online / post)")
            elif ways_node is not None:
                for k in ways_node:
                    if k not in WAYS:
                        c.fail(ways_node.line_of(k), f"cách thực hiện '{k}' không hợp lệ — dùng "
                               "in_person, online hoặc post")
                ways = {k: c.fact(ways_node, k) for k in WAYS}
            facts = {k: c.fact(node, k) for k in ("authority", "documents", "time_limit", "fee", "link")}
            notes = c.fact(node, "notes", required=False)
            reviewed = c.day(node, "reviewed")
            sources = dict.fromkeys(part.strip() for f in [*facts.values(), *ways.values(), notes]
                                    if f.source for part in f.source.split(";"))
            if pid and name and group and reviewed:
                proc = Procedure(name=name, ways=ways, notes=notes, **facts)
                entries.append(Entry(
                    id=pid, topic=group, questions=(name, *questions), answer="",
                    source="; ".join(sources) or "—", reviewed=reviewed,
                    follow_up=c.texts(node, "follow_up"), kind="procedure", procedure=proc,
                    file=c.path, line=line))
    return entries


def attach_records(root: Path, entries: dict[str, Entry], topics: set[str],
                    problems: list[Problem]) -> None:
    """Give curated cards with a ``code`` their record (or catalog line) and add an entry for
    every other record and catalog name (:mod:`bot.knowledge.records.bundle`)."""
    records, catalog = load_records(root, problems)
    claimed: set[str] = set()  # codes whose record a card answers from
    claimed_catalog: set[str] = set()  # codes whose catalog line a card answers from
    for eid, e in list(entries.items()):
        if e.ref is None:
            continue
        code = e.ref
        record, item = records.get(code), catalog.get(code)
        if record is not None and item is not None and overlap(e.questions[0], item.name) > \
                overlap(e.questions[0], record.name):
            record = None  # one code, two procedures in two snapshots: the card names which
        (claimed if record is not None else claimed_catalog).add(code)
        if record is None and item is None:
            problems.append(Problem(e.file, e.line, f"mã thủ tục '{code}' của '{eid}' không có trong "
                                    f"{RECORDS} hay {CATALOG} — kiểm tra mã hoặc nhập lại dữ liệu"))
        entries[eid] = replace(e, record=record, catalog=None if record else item,
                               tier=0)
    for e in record_entries(records, catalog, claimed, topics, claimed_catalog):
        if e.id in entries:
            problems.append(Problem(e.file, e.line, f"mã '{e.id}' trùng với một mục đã có"))
            continue
        entries[e.id] = e
    by_name = names_to_codes(records, catalog)
    for eid, e in list(entries.items()):
        name = e.record.name if e.record is not None else e.catalog.name if e.catalog else None
        if e.code is not None and name is not None:
            same = by_name.get(name_key(name), set()) - {e.code}
            if same:
                entries[eid] = replace(e, same=tuple(sorted(same)))
