"""Reader of the portal's API snapshot (``portal-api/``): the detail responses
(``details/<code>.json``, ``{"code": "OK", "data": {…}}``) and the catalog (``catalog.jsonl``).

Quirks handled here (data README): a time unit ``OTHER`` takes its value from
``cases[].processingDay``; a fee of 0 is free only when its description is empty or says
"miễn" (not when "do HĐND tỉnh quyết định"); document groups named "* Lưu ý:" are remarks.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from bot.errors import UnreadableRecord
from bot.knowledge.records import clean
from bot.knowledge.records.model import (
    CatalogItem,
    Decision,
    Document,
    DocumentGroup,
    Fee,
    Method,
    Record,
    Source,
    SourceFormat,
    portal_url,
)

FORMAT: SourceFormat = "portal-api"
SNAPSHOT = "2026-07-18"
_UNITS = {"WORKING_DAY": "Ngày làm việc", "DAY": "Ngày", "HOUR": "Giờ", "MONTH": "Tháng",
          "YEAR": "Năm", "MINUTE": "Phút", "WEEK": "Tuần"}
_FEE_KINDS = {"FEE": "Lệ phí", "SERVICE_FEE": "Phí", "PRICE_LEVEL": "Giá"}
_LEVELS = (("isMinistry", "Cấp bộ"), ("isProvince", "Cấp tỉnh"), ("isWard", "Cấp xã"),
           ("isOtherAgency", "Cơ quan khác"))
_VN = timedelta(hours=7)


def is_detail(doc: object) -> bool:
    return isinstance(doc, dict) and isinstance(doc.get("data"), dict) and "code" in doc \
        and ("executionMethods" in doc["data"] or "codeNotation" in doc["data"])


def is_catalog_line(doc: object) -> bool:
    return isinstance(doc, dict) and "code" in doc and "name" in doc and "categories" in doc


def _obj(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _code_and_name(d: dict[str, Any], path: str, line: int = 0) -> tuple[str, str]:
    code, name = clean.line(d.get("code") or d.get("codeNotation")), clean.line(d.get("name"))
    if not code:
        raise UnreadableRecord(path, "không có mã thủ tục (code)", line)
    if not name:
        raise UnreadableRecord(path, f"thủ tục {code} không có tên (name)", line)
    return code, name


def _names(items: object) -> tuple[str, ...]:
    if not isinstance(items, list):
        return ()
    out = (clean.line(x.get("name") if isinstance(x, dict) else x) for x in items)
    return tuple(dict.fromkeys(x for x in out if x))


def _day_text(day: object) -> str:
    if not isinstance(day, dict) or day.get("qty") is None:
        return ""
    qty = day["qty"]
    qty = int(qty) if isinstance(qty, float) and qty.is_integer() else qty
    return f"{qty} {_UNITS.get(str(day.get('type')), '')}".strip()


def _time(m: dict[str, Any], cases: list[dict[str, Any]]) -> tuple[str, float | None, str]:
    qty, unit = m.get("processingTime"), str(m.get("processingTimeUnit") or "")
    if unit != "OTHER" and isinstance(qty, int | float) and unit in _UNITS:
        return clean.time_limit(_day_text({"qty": qty, "type": unit}))
    days = [t for t in dict.fromkeys(_day_text(c.get("processingDay")) for c in cases) if t]
    if days:
        first = next((t for t in days if isinstance(qty, int | float) and t.startswith(f"{qty:g} ")),
                     days[0])
        ordered = [first, *(t for t in days if t != first)]
        _, value, unit_ = clean.time_limit(first)
        return "; ".join(ordered), value, unit_
    if isinstance(qty, str):
        return clean.time_limit(qty)
    return "", None, ""


def _fee(f: dict[str, Any]) -> Fee:
    kind = _FEE_KINDS.get(str(f.get("type")), "")
    words = clean.line(f.get("description"))
    value = f.get("value")
    currency = clean.line(f.get("currencyName"))
    if currency and currency != "Việt Nam Đồng":
        return Fee(text=words or f"{value} {currency}", amount=None, kind=kind,
                   province=clean.province_fee(words))
    amount = int(value) if isinstance(value, int | float) else None
    return clean.fee(words, amount, kind)


def _methods(d: dict[str, Any]) -> tuple[Method, ...]:
    out: list[Method] = []
    cases = [c for c in d.get("cases") or [] if isinstance(c, dict)]
    for m in d.get("executionMethods") or []:
        way = clean.WAY_NAMES.get(str(m.get("submissionMethod")))
        if way is None:
            continue
        limit, days, unit = _time(m, cases)
        fees = tuple(_fee(f) for f in m.get("fees") or [] if isinstance(f, dict))
        out.append(Method(way=way, time_limit=limit, days=days, unit=unit, fees=fees,
                          note=clean.text(m.get("description"))))
    return tuple(out)


def _document(p: dict[str, Any]) -> Document | None:
    name = clean.name(p.get("name"))
    if not name:
        return None
    original, copy = p.get("originalQty") or 0, p.get("copyQty") or 0
    counted = bool(original or copy)
    forms = [clean.line(a.get("fileName")) for a in p.get("attachments") or [] if isinstance(a, dict)]
    return Document(name=name, original=int(original) if counted else None,
                    copy=int(copy) if counted else None, form="; ".join(f for f in forms if f))


def _documents(d: dict[str, Any]) -> tuple[tuple[DocumentGroup, ...], tuple[str, ...]]:
    groups: list[DocumentGroup] = []
    notes: list[str] = []
    raw = [*(d.get("executionCases") or []), {"name": "", "profileComponents": d.get("profileComponents")}]
    for case in raw:
        if not isinstance(case, dict):
            continue
        label = clean.group(case.get("name"))
        docs = [x for x in (_document(p) for p in case.get("profileComponents") or []
                            if isinstance(p, dict)) if x is not None]
        if clean.is_note_group(label):
            notes += [x.name for x in docs]
            continue
        notes += [x.name for x in docs if clean.is_note_group(x.name)]  # "Lưu ý: …" among the papers
        docs = [x for x in docs if not clean.is_note_group(x.name)]
        if docs:
            groups.append(DocumentGroup(label, tuple(docs)))
    # The unnamed group holds the form and the lead-in ("… các giấy tờ sau:"): it comes first.
    groups.sort(key=lambda g: g.case != "")
    return tuple(groups), tuple(notes)


def _decision(d: dict[str, Any]) -> Decision | None:
    p = _obj(d.get("procedureProposal"))
    number = clean.line(p.get("proposalNumber") or p.get("decisionNumber") or d.get("decisionNo"))
    if not number:
        return None
    date = None
    if isinstance(p.get("decisionDate"), int | float):
        date = (datetime.fromtimestamp(p["decisionDate"] / 1000, UTC) + _VN).date().isoformat()
    agency = _obj(p.get("issuingAgency"))
    return Decision(number=number, date=date, issuer=clean.line(agency.get("name")) or None)


def _steps(d: dict[str, Any]) -> str:
    parts = []
    for s in d.get("executionSteps") or []:
        if isinstance(s, dict):
            pieces = (clean.text(s.get("name")), clean.text(s.get("description")))
            parts.append("\n".join(x for x in pieces if x))
    return "\n".join(p for p in parts if p)


def _legal(d: dict[str, Any]) -> tuple[str, ...]:
    out = []
    for x in d.get("legalBasisesDetails") or []:
        if isinstance(x, dict):
            name, code = clean.line(x.get("name")), clean.line(x.get("code"))
            out.append(name if not code or code in name else f"{name} ({code})" if name else code)
    return tuple(dict.fromkeys(x for x in out if x))


def read_detail(doc: object, path: str) -> Record:
    """One detail response → Record; raises :class:`UnreadableRecord` when it has no code or
    name, is not an OK response, or its structure is not the portal's."""
    if not is_detail(doc):
        raise UnreadableRecord(path, "không phải phản hồi chi tiết của Cổng (thiếu data)")
    assert isinstance(doc, dict)
    if str(doc.get("code")) != "OK":
        raise UnreadableRecord(path, f"phản hồi của Cổng báo lỗi: {doc.get('code')}")
    d: dict[str, Any] = doc["data"]
    code, name = _code_and_name(d, path)
    try:
        levels = tuple(label for key, label in _LEVELS if d.get(key) is True)
        authority = _names(d.get("unitGroupsExecuting")) + _names(d.get("departmentsExecuting"))
        agencies = clean.name(d.get("executingAgencies")).rstrip(".")
        authority += (agencies,) if agencies and agencies not in authority else ()
        category = _obj(d.get("category"))
        field = clean.line(category.get("name")) or next(iter(_names(d.get("categoriesDetails"))), "")
        groups, notes = _documents(d)
        methods = _methods(d)
        steps = _steps(d)
    except (AttributeError, TypeError, ValueError, KeyError) as exc:
        raise UnreadableRecord(path, f"cấu trúc không đọc được: {exc!r}") from exc
    # isWard with no executing group named is the commune (hộ tịch, cư trú); with groups named,
    # the same test as the other formats (a land-registry branch alone is not the commune).
    units = _names(d.get("unitGroupsExecuting"))
    said = "\n".join([name, steps, *(m.note for m in methods)])
    commune = (d.get("isWard") is True and not units) or clean.is_commune(levels, authority, field, said) \
        or any(clean.commune_body(u) for u in units)
    online = "toàn trình" if d.get("isFullProcess") is True else \
        "một phần" if any(m.way == "truc_tuyen" for m in methods) else ""
    return Record(
        code=code, name=name, field=field, levels=levels, authority=authority, commune=commune,
        methods=methods, documents=groups, conditions=clean.text(d.get("requirementsAndConditions")),
        results=_names(d.get("resultsDetails")), legal_basis=_legal(d), decision=_decision(d),
        source=Source(FORMAT, path, SNAPSHOT, portal_url(code)), steps=steps,
        subjects=_names(d.get("subjectTypesDetails")) or _names(d.get("formalityTargetType")),
        issuer=clean.line(d.get("departmentPromulgateName")), online=online,
        state=clean.line(d.get("state")), notes=notes)


def read_catalog_line(doc: object, path: str, line: int) -> CatalogItem:
    """One line of ``catalog.jsonl`` → CatalogItem."""
    if not isinstance(doc, dict):
        raise UnreadableRecord(path, "dòng không phải một đối tượng JSON", line)
    code, name = _code_and_name(doc, path, line)

    def strings(key: str) -> tuple[str, ...]:
        value = doc.get(key)
        items = value if isinstance(value, list) else [value] if value else []
        return tuple(dict.fromkeys(x for x in (clean.line(v) for v in items) if x))
    return CatalogItem(code=code, name=name, fields=strings("categories"),
                       departments=strings("departments"),
                       promulgator=clean.line(doc.get("departmentPromulgate")),
                       targets=strings("formalityTargetType"), state=clean.line(doc.get("state")),
                       type=clean.line(doc.get("type")),
                       extra={"id": clean.line(doc.get("id"))} if doc.get("id") else {})
