"""Answers built from an official procedure record, short enough for a phone.

A question about one field ("… phí bao nhiêu", "… cần giấy tờ gì", "… mất bao lâu",
"… nộp ở đâu", "… làm online được không") gets that field first, in a few lines; a question
about the procedure as a whole gets a summary under about 700 characters. A field the record
leaves empty is left out, never printed as "chưa có thông tin". Every answer ends with one
source line: the code, the publishing decision, the portal link and the snapshot date.

The labels come from ``knowledge/ui.yaml`` (keys ``rec_*``); curated lines (``Entry.notes``,
``Entry.amend``: changes in the law after the snapshot, see ``reference/facts-2026.md``) are
added where they belong.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from bot.knowledge.model import Entry, Locality
from bot.knowledge.records.catalog_card import catalog_lines
from bot.knowledge.records.clean import fee_description
from bot.knowledge.records.extract import (
    CONDITIONS_BODY,
    MAX_CONDITION_LINE,
    MAX_NAME,
    condition_lines,
    cut,
    fact_line,
    main_group,
    step_deadlines,
    units_said,
)
from bot.knowledge.records.model import Document, DocumentGroup, Fee, Method, Record, portal_url
from bot.knowledge.records.paperlist import LIST_BUDGET, every_paper, once
from bot.knowledge.records.shares import fit_conditions, fit_parts
from bot.knowledge.records.shown import listed, with_shown
from bot.knowledge.records.timecases import by_way, way_time_cases
from bot.knowledge.records.where import (
    any_commune_line,
    filed_at,
    in_person_place,
    names_commune,
    online_channels,
    online_fee,
    record_ways,
    spoken_authorities,
    ways_line,
)

__all__ = ["RecordAnswers", "authorities", "condition_lines", "fact_line", "fit", "main_group"]

#: How many documents the first answer lists before offering the rest.
MAX_DOCUMENTS = 6
#: Longest fee description in an answer about the fee (a summary cuts its fee line shorter).
FEE_CASES = 220
#: Longest document name in a summary (the documents answer shows more of it).
SUMMARY_NAME = 80
#: Longest line, and longest answer body, in characters (a phone screen or two).
MAX_LINE = 420
MAX_BODY = 700
#: A documents answer's room: the whole list of papers (paperlist.LIST_BUDGET) and its title.
LIST_BODY = LIST_BUDGET + 200
#: the room (characters) a third field asked in one message adds to the answer
THIRD_FIELD = 300
WAY_KEYS = {"truc_tiep": "rec_way_in_person", "truc_tuyen": "rec_way_online",
            "buu_chinh": "rec_way_post"}

Text = Callable[..., str]


def _iso_to_vn(day: str | None) -> str | None:
    if not day:
        return None
    try:
        return date.fromisoformat(day[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return day


def authorities(r: Record) -> str:
    """The executing bodies once each, without the stray punctuation of the source."""
    seen: dict[str, str] = {}
    for name in r.authority:
        clean = " ".join(name.split()).strip(" .,;")
        if clean:
            seen.setdefault(clean.lower(), clean)
    return ", ".join(seen.values())


def fit(lines: list[str], limit: int = MAX_BODY, longest: int = MAX_LINE, *,
        skip: bool = False) -> str:
    """``lines`` joined, each cut at ``longest`` characters, stopping before ``limit``
    characters (the first line, the title, always stays); with ``skip``, a line that does not
    fit is left out and the shorter ones after it still come (a summary's fee after a long
    time limit), a "…" closing the text."""
    out: list[str] = []
    size = 0
    left_out = False
    for i, line in enumerate(lines):
        line = cut(line, longest) if len(line) > longest else line
        if i and size + len(line) + 1 > limit:
            left_out = True
            if skip and not line.startswith(" "):  # never half a list
                continue
            break
        out.append(line)
        size += len(line) + 1
    return "\n".join([*out, "…"] if left_out else out)


#: Words of a where line that already say it can be filed online ("chuyển trực tuyến đến xã
#: có thẩm quyền" does not: it is the office that sends the file on).
_SAYS_ONLINE = re.compile(r"vneid|dịch vụ công|online|(?:nộp|hoặc|làm|gửi)\s+trực tuyến"
                          r"|trực tuyến\s+(?:trên|qua)")
_POLICE = re.compile(r"công an|cảnh sát")


class RecordAnswers:
    """Formats record answers with the texts of ``ui.yaml`` (``text(key, **fields)``)."""

    def __init__(self, text: Text) -> None:
        self.t = text

    # --- single facts ---------------------------------------------------------------------
    def _counts(self, d: Document) -> str:
        counts: list[str] = []
        if d.original:
            counts.append(self.t("rec_original", n=str(d.original)))
        if d.copy:
            counts.append(self.t("rec_copy", n=str(d.copy)))
        return f" ({', '.join(counts)})" if counts else ""

    def _document(self, d: Document, name_limit: int = MAX_NAME) -> str:
        return f"{cut(once(d.name), name_limit)}{self._counts(d)}"

    def fee_text(self, fee: Fee, locality: Locality | None, code: str, desc_limit: int = 90) -> str:
        """One fee, short: the amount in đồng with ``desc_limit`` characters of its
        description, the province's figure (or where to ask), or "free"."""
        if fee.province:
            configured = locality.fees.get(code) if locality is not None else None
            if configured is not None and configured.known and locality is not None:
                return self.t("rec_fee_local", value=str(configured.value), name=locality.name)
            return self.t("rec_fee_province")
        desc = cut(fee_description(fee), desc_limit) if fee.text else ""
        if fee.amount:
            amount = f"{fee.amount:,}".replace(",", ".") + " đồng"
            if desc.startswith("/"):  # "50,000 Việt Nam Đồng (/di chúc)": the amount's unit
                return f"{amount}{desc}"
            return f"{amount} ({desc})" if desc and len(desc) > 3 else amount
        if fee.free:
            return f"{self.t('rec_fee_free')}: {desc}" if desc else self.t("rec_fee_free")
        return desc

    def _way_label(self, m: Method) -> str:
        return self.t(WAY_KEYS[m.way])

    def time_lines(self, r: Record) -> list[str]:
        """The time limit of each way, then what the steps say of it when they give another
        figure (the steps often carry the real one: "Trong thời hạn 03 ngày làm việc…")."""
        timed = by_way([m for m in r.methods if m.time_limit and not m.time_limit.strip().isdigit()])
        values = {m.time_limit for m in timed}
        if len(values) == 1:
            lines = [cut(units_said(timed[0].time_limit), 240)]
        else:  # one line per way (none when no way gives a time)
            lines = [f"{self._way_label(m)}: {cut(units_said(m.time_limit), 200)}" for m in timed]
        known = {(int(m.days), m.unit.split(" ")[0].lower()) for m in timed
                 if m.days is not None and m.unit}
        lines += [self.t("rec_time_case", text=c) for c in way_time_cases(r, "\n".join(lines))]
        return lines + [self.t("rec_time_steps", text=cut(s, 130))
                        for s in step_deadlines(r.steps, known)]

    def fee_lines(self, r: Record, locality: Locality | None, desc_limit: int = 90) -> list[str]:
        """The fee of each way, the ways with the same fee on one line ("Trực tuyến, Bưu chính
        công ích: …"); ``desc_limit`` characters of each fee's description (its cases: "cấp lại
        do bị mất: 400.000đ")."""
        per_way: dict[str, list[str]] = {}
        for m in r.methods:
            fees = "; ".join(dict.fromkeys(self.fee_text(f, locality, r.code, desc_limit)
                                           for f in m.fees))
            if fees:
                per_way.setdefault(fees, []).append(self._way_label(m))
        if len(per_way) == 1:
            return list(per_way)
        return [f"{', '.join(labels)}: {value}" for value, labels in per_way.items()]

    def where_lines(self, r: Record, desk: str) -> list[str]:
        lines = [spoken_authorities(r, self.t)] if r.authority else []
        police = bool(r.authority) and all(_POLICE.search(a.lower()) for a in r.authority)
        if r.commune and not police:  # the police take their files at their own offices
            lines.append(self.t("rec_desk", desk=desk))
        elif r.authority and not names_commune(r):  # (with one among them, not "không làm ở xã")
            lines.insert(0, self.t("rec_not_commune"))
        return lines

    def online_lines(self, r: Record, place: str | None = None) -> list[str]:
        """Whether and where to file online, and where in person: ``place`` (a card's where
        line, :func:`in_person_place`) or the record's bodies."""
        ways = {m.way for m in r.methods}
        where = place or spoken_authorities(r, self.t) or self.t("rec_where_desk")
        suffix = "_place" if place else ""
        if "truc_tuyen" in ways:
            kind = f" ({r.online})" if r.online else ""
            post = [self.t("rec_post_yes")] if "buu_chinh" in ways else []
            return [self.t("rec_online_yes" + suffix, kind=kind, url=portal_url(r.code),
                           channels=online_channels(r, self.t, login=True), where=where), *post]
        if ways:
            names = ", ".join(self.t(WAY_KEYS[w]).lower() for w in ("truc_tiep", "buu_chinh") if w in ways)
            return [self.t("rec_online_no" + suffix, ways=names, where=where)]
        return []

    def document_lines(self, r: Record, group: DocumentGroup | None = None,
                       limit: int | None = MAX_DOCUMENTS, name_limit: int = MAX_NAME) -> list[str]:
        """The numbered papers of ``group`` (the common case's): the first ``limit``, or every
        one (``None``: paperlist.every_paper)."""
        group = group or main_group(r)
        if group is None:
            return []
        if limit is None:
            return every_paper(group, self.t, self._counts)
        docs = [self._document(d, name_limit) for d in group.documents]
        lines = [f"{i}. {d}" for i, d in enumerate(docs[:limit], 1)]
        if len(docs) > limit:
            lines.append(self.t("rec_more_documents", n=str(len(docs) - limit)))
        return lines

    def other_cases(self, r: Record) -> list[tuple[int, str]]:
        """The document groups besides the common one, as (index, case name)."""
        main = main_group(r)
        shown = {d.name for d in main.documents} if main else set()
        return [(i, g.case) for i, g in enumerate(r.documents)
                if g.documents and g.case and not {d.name for d in g.documents} <= shown]

    # --- whole answers --------------------------------------------------------------------
    def source_line(self, r: Record) -> str:
        decision = ""
        if r.decision is not None:
            day = _iso_to_vn(r.decision.date)
            number = r.decision.number  # "QĐ/0001-BTP" already says QĐ: not "QĐ QĐ/0001-BTP"
            decision = (number if number.startswith("QĐ") else self.t("rec_decision", number=number)) \
                + (f" ({day})" if day else "")
        snapshot = _iso_to_vn(r.source.snapshot) or r.source.snapshot
        parts = [self.t("rec_code", code=r.code), decision, portal_url(r.code),
                 self.t("rec_snapshot", day=snapshot)]
        return self.t("rec_source", parts=" · ".join(p for p in parts if p))

    def field_lines(self, entry: Entry, field: str, locality: Locality | None, desk: str,
                    limit: int | None = MAX_DOCUMENTS) -> list[str]:
        """The lines that answer ``field``: the curated line when the law changed after the
        record (``Entry.amend``), else the record's own."""
        r = entry.record
        assert r is not None
        if field == "conditions":
            return condition_lines(entry)
        if field == "where":
            where = self._where(entry, desk)
            return self._with_online(r, [*where, *filed_at(r, where, self.t),
                                         *any_commune_line(r, where, self.t)])
        amend = entry.amend.get(field)
        if amend is not None and amend.known:
            if field == "online":  # the law's words, and the record's channel and post
                return record_ways(r, [str(amend.value)], self.t, portal_url(r.code))
            return [str(amend.value)]
        if field == "documents":  # with the paper to show at the desk (records/shown.py)
            return with_shown(r, self.document_lines(r, None, *listed(r, limit)), self.t)
        if field == "fee":  # more of each fee's description: its cases (a summary cuts it)
            return self.fee_lines(r, locality, FEE_CASES)
        if field == "time_limit":
            return self.time_lines(r)
        said = entry.amend.get("where")
        return self.online_lines(r, in_person_place(r, str(said.value) if said and said.known else None))

    def _online_fee(self, entry: Entry, locality: Locality | None) -> list[str]:
        amend = entry.amend.get("fee")
        assert entry.record is not None
        curated = str(amend.value) if amend is not None and amend.known else None
        return online_fee(curated, self.fee_lines(entry.record, locality) if curated is None else [], self.t)

    def _with_online(self, r: Record, lines: list[str]) -> list[str]:
        """``lines`` (where to file) and, when the record can be filed online (or by post) and
        they do not say so, that it can (the desk is not the only way)."""
        ways = {m.way for m in r.methods}
        said = " ".join(lines).lower()
        if lines and "truc_tuyen" not in ways and "buu_chinh" in ways and "bưu" not in said:
            return [*lines, self.t("rec_where_post_only")]  # the post, when not online
        if "truc_tuyen" not in ways or not lines or _SAYS_ONLINE.search(said):
            return lines
        post = self.t("rec_where_post") if "buu_chinh" in ways else ""
        return [*lines, self.t("rec_where_online", post=post,
                               channels=online_channels(r, self.t, login=False))]

    def _where(self, entry: Entry, desk: str) -> list[str]:
        r = entry.record
        assert r is not None
        where = self.where_lines(r, desk)
        amend = entry.amend.get("where")
        if amend is None or not amend.known:
            return where
        if r.commune and r.authority:  # the curated line names the body: not twice
            # a desk without an address adds nothing to a line that says where
            no_address = desk == self.t("desk_unknown")
            return [str(amend.value), *([] if no_address else where[1:])]
        if not r.commune and names_commune(r):  # no "không làm ở xã" line to lead
            return [str(amend.value), *where]
        return [*where[:1], str(amend.value), *where[1:]]

    def body(self, entry: Entry, field: str | None, locality: Locality | None, desk: str,
             case: int | None = None) -> str:
        """The answer's text (without the source line) for ``field`` (None: a summary)."""
        r = entry.record
        assert r is not None
        t = self.t
        title = f"📋 {entry.title}"
        labels = {"documents": t("rec_documents"), "fee": t("rec_fee"),
                  "time_limit": t("rec_time_limit"), "where": t("rec_where"),
                  "conditions": t("rec_conditions")}
        if case is not None:
            group = r.documents[case] if 0 <= case < len(r.documents) else None
            lines = self.document_lines(r, group, limit=12)
            head = t("rec_documents") + (f" — {group.case.strip(' :*')}" if group and group.case else "")
            return fit([title, f"{head}:", *lines] if lines else [title, t("rec_no_field")], 1200)
        if field is not None and "conditions" in field and not condition_lines(entry):
            # nothing said of conditions: the other field asked, or the summary
            field = "+".join(f for f in field.split("+") if f != "conditions") or None
        if field is not None:
            parts: list[list[str]] = []
            asked = field.split("+")  # "time_limit+fee": a question that asks two things
            if len(asked) > 2 and "conditions" in asked:
                # three asked: the condition (often only "… được không") yields to the others
                asked.remove("conditions")
            # a message that asks three (two questions: "… online phí bao nhiêu, mất bao lâu")
            # gets all three, the list of papers shortened as for two
            asked = asked[:3]
            for f in asked:
                # with two fields the list of papers is shortened so that the second fits
                lines = self.field_lines(entry, f, locality, desk,
                                         limit=None if len(asked) == 1 else 3)
                if not lines:
                    parts.append([t("rec_no_field")])
                elif f == "online":  # with what filing online saves, unless the fee is asked too
                    parts.append(lines if "fee" in asked else [*lines, *self._online_fee(entry, locality)])
                else:
                    bullet = "" if f == "documents" and lines[0][:2].rstrip(".").isdigit() else "• "
                    parts.append([f"{labels[f]}:", *(f"{bullet}{x}" for x in lines)])
            if "conditions" in asked:  # a curated condition is read whole, beside its other field
                return fit_conditions(title, parts, CONDITIONS_BODY, MAX_CONDITION_LINE, fit)
            out = [title, *(line for p in parts for line in p)]
            long_fields = ("documents", "time_limit", "where")  # lists, or a curated line beside the body
            room = 900 if any(f in field for f in long_fields) else MAX_BODY
            room = LIST_BODY if asked == ["documents"] else room  # every paper (paperlist)
            room += THIRD_FIELD * (len(asked) > 2)  # each field its share (records/shares.py)
            return fit(out, room) if len(parts) == 1 else fit_parts(title, parts, room, fit)
        body = [title]
        where = entry.amend.get("where")
        if where is not None and where.known and r.commune and "xã" not in authorities(r).lower():
            # the record names only a provincial body for what communes do now (NĐ 120/2025):
            # the curated line says where
            body.append(f"• {t('rec_where')}: {cut(str(where.value), 230)}")
        elif r.authority and r.commune:
            body.append(f"• {t('rec_where')}: {spoken_authorities(r, t)}")
        elif r.authority:
            body.append(f"• {t('rec_where_bodies' if names_commune(r) else 'rec_not_commune')}"
                        f" {spoken_authorities(r, t)}")
        summary = entry.amend.get("summary")
        if summary is not None and summary.known:
            body.append(f"ℹ️ {summary.value}")
        for f in ("documents", "time_limit", "fee"):
            if f == "documents" and "documents" not in entry.amend:
                # names cut shorter than in a documents answer, so that the fee still fits
                docs = self.document_lines(r, limit=3, name_limit=SUMMARY_NAME)
                if docs:
                    body.append(f"• {labels[f]}:")
                    body.extend(f"  {d}" for d in docs)
                continue
            lines = self.field_lines(entry, f, locality, desk)
            if lines:
                body.append(f"• {labels[f]}: {cut('; '.join(lines), 230)}")
        body.extend(x for x in (ways_line(r, t),) if x)  # in person, online, by post
        if summary is None:
            body.extend(f"ℹ️ {n.value}" for n in entry.notes[:1] if n.known)
        return fit(body, skip=True)

    def catalog_body(self, entry: Entry, field: str | None = None) -> str:
        """A procedure known only from the catalog: what it is, who does it, its page, and
        the card's sourced lines (``Entry.amend``) where it has them."""
        return fit(catalog_lines(entry, self.t, field), 900)

    def catalog_source(self, entry: Entry, snapshot: str) -> str:
        item = entry.catalog
        assert item is not None
        line = self.t("rec_source", parts=" · ".join(
            [self.t("rec_code", code=item.code), portal_url(item.code),
             self.t("rec_snapshot", day=_iso_to_vn(snapshot) or snapshot)]))
        basis = dict.fromkeys(f.source for f in entry.amend.values() if f.known and f.source)
        # the catalog has none of the curated facts: their legal basis is named beside it
        return "\n".join([line, self.t("rec_catalog_basis", sources="; ".join(basis))]) \
            if basis else line


