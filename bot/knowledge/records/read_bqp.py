"""Reader of the Bộ Quốc phòng tables (``bqp-doc/<code>.json``): the portal's
"ChiTietTTHC_<code>.doc" export parsed into ``metadata``, ``content`` and ``tables``.

Quirks handled here: counts live in ``ghi_chu`` ("Bản chính: 1\\nBản sao: 0") and the template
file names in ``so_luong``; a fee cell may hold several lines ("Phí : 0 Đồng", "Lệ phí : 01 USD
(…)", "File đính kèm: …"); "Không quy định" as a time limit is kept as the record's words.
"""

from __future__ import annotations

import re
from typing import Any

from bot.errors import UnreadableRecord
from bot.knowledge.records import clean
from bot.knowledge.records.model import (
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

FORMAT: SourceFormat = "bqp-doc"
#: The data README: crawled "before 2026-01-02".
SNAPSHOT = "2026-01-01"
ISSUER = "Bộ Quốc phòng"
_FEE_LINE = re.compile(r"^(Lệ phí|Phí)\s*:\s*(.*)$")
_AMOUNT = re.compile(r"^([\d.,]+|không)?\s*(Đồng|USD)?\s*(.*)$", re.I)


def is_bqp(doc: object) -> bool:
    return isinstance(doc, dict) and isinstance(doc.get("metadata"), dict) and "tables" in doc


def _fees(cell: str) -> tuple[Fee, ...]:
    out: list[Fee] = []
    for raw in clean.text(cell).split("\n"):
        m = _FEE_LINE.match(raw.strip())
        if not m:
            continue
        kind, rest = m.group(1), m.group(2).strip()
        a = _AMOUNT.match(rest)
        figure, currency, words = (a.group(1) or "", a.group(2) or "", a.group(3)) if a else ("", "", rest)
        words = clean.line(words.strip().removeprefix("(").removesuffix(")"))
        if figure.casefold() == "không":
            out.append(Fee(text=clean.line(f"{kind}: {rest}"), amount=0, kind=kind, free=True))
            continue
        if currency.upper() == "USD":
            out.append(Fee(text=clean.line(f"{kind}: {rest}"), amount=None, kind=kind,
                           province=clean.province_fee(words)))
            continue
        whole = re.fullmatch(r"\d{1,3}(?:[.,]\d{3})*|\d+", figure)
        amount = clean.money(figure) if whole else None
        fee = clean.fee(words, amount, kind)
        out.append(Fee(text=clean.line(f"{kind}: {rest}"), amount=fee.amount, kind=kind,
                       province=fee.province, free=fee.free))
    return tuple(out)


def _methods(rows: list[Any]) -> tuple[Method, ...]:
    out: list[Method] = []
    for r in rows:
        if not isinstance(r, dict):
            raise TypeError(f"dòng hình thức nộp không phải đối tượng: {r!r}")
        way = clean.WAY_NAMES.get(clean.line(r.get("hinh_thuc")).lower())
        if way is None:
            continue
        limit, days, unit = clean.time_limit(str(r.get("thoi_han_giai_quyet") or ""))
        out.append(Method(way=way, time_limit=limit, days=days, unit=unit,
                          fees=_fees(str(r.get("phi_le_phi") or ""))))
    return tuple(out)


def _documents(rows: list[Any]) -> tuple[DocumentGroup, ...]:
    docs: list[Document] = []
    for r in rows:
        if not isinstance(r, dict):
            raise TypeError(f"dòng thành phần hồ sơ không phải đối tượng: {r!r}")
        name = clean.name(r.get("ten_giay_to"))
        if not name:
            continue
        note = clean.text(r.get("ghi_chu"))
        original = re.search(r"Bản chính\s*:\s*(\d+)", note)
        copy = re.search(r"Bản sao\s*:\s*(\d+)", note)
        o, c = int(original.group(1)) if original else 0, int(copy.group(1)) if copy else 0
        forms = [clean.line(x) for x in clean.text(r.get("so_luong")).split("\n")]
        docs.append(Document(name=name, original=o if (o or c) else None, copy=c if (o or c) else None,
                             form="; ".join(f for f in forms if f)))
    return (DocumentGroup("", tuple(docs)),) if docs else ()


def _legal(rows: list[Any]) -> tuple[str, ...]:
    out = []
    for r in rows:
        if isinstance(r, dict):
            name, code = clean.line(r.get("trich_yeu")), clean.line(r.get("so_ky_hieu"))
            out.append(name if not code or code in name else f"{name} ({code})" if name else code)
    return tuple(dict.fromkeys(x for x in out if x))


def read_bqp(doc: object, path: str) -> Record:
    """One .doc-table record → Record; raises :class:`UnreadableRecord` when it has no code
    or name or its tables are not lists of rows."""
    if not is_bqp(doc):
        raise UnreadableRecord(path, "không phải bảng .doc của Bộ Quốc phòng (thiếu metadata/tables)")
    assert isinstance(doc, dict)
    meta: dict[str, Any] = doc["metadata"]
    content: dict[str, Any] = doc["content"] if isinstance(doc.get("content"), dict) else {}
    tables = doc["tables"]
    code = clean.line(meta.get("mã_thủ_tục") or doc.get("thu_tuc_id"))
    name = clean.line(meta.get("tên_thủ_tục"))
    if not code:
        raise UnreadableRecord(path, "không có mã thủ tục (mã_thủ_tục)")
    if not name:
        raise UnreadableRecord(path, f"thủ tục {code} không có tên (tên_thủ_tục)")
    try:
        if not isinstance(tables, dict):
            raise TypeError("tables không phải đối tượng")
        rows = {k: tables.get(k) or [] for k in ("hinh_thuc_nop", "thanh_phan_ho_so", "can_cu_phap_ly")}
        bad = [k for k, v in rows.items() if not isinstance(v, list)]
        if bad:
            raise TypeError(f"bảng không phải danh sách: {', '.join(bad)}")
        methods, documents = _methods(rows["hinh_thuc_nop"]), _documents(rows["thanh_phan_ho_so"])
    except (AttributeError, TypeError, ValueError) as exc:
        raise UnreadableRecord(path, f"cấu trúc không đọc được: {exc}") from exc
    levels = tuple(clean.level(x) for x in clean.split_list(meta.get("cấp_thực_hiện")))
    authority = clean.split_list(content.get("cơ_quan_thực_hiện"))
    bodies = authority + clean.split_list(content.get("cơ_quan_có_thẩm_quyền"))
    field = clean.line(meta.get("lĩnh_vực"))
    steps = clean.text(content.get("trình_tự_thực_hiện"))
    number = re.sub(r"^Quyết định (?:số )?", "", clean.line(meta.get("số_quyết_định")), flags=re.I)
    return Record(
        code=code, name=name, field=field, levels=levels, authority=authority,
        commune=clean.is_commune(levels, bodies, field, f"{name}\n{steps}"),
        methods=methods, documents=documents,
        conditions=clean.text(content.get("yêu_cầu_điều_kiện_thực_hiện")),
        results=clean.split_list(content.get("kết_quả_thực_hiện")),
        legal_basis=_legal(rows["can_cu_phap_ly"]),
        decision=Decision(number=number, date=None, issuer=ISSUER) if number else None,
        source=Source(FORMAT, path, SNAPSHOT, portal_url(code)), steps=steps,
        subjects=clean.split_list(content.get("đối_tượng_thực_hiện")), issuer=ISSUER)
