"""Reader of the portal's page text (``portal-pages/<ministry>/<code>.json``): one JSON object
per procedure, the detail page split by section, with each table's cells run together.

Quirks handled here (data README): "Trực tiếp7 Ngày làm việc70,000 Việt Nam Đồng(…)" rows are
split into way, time limit, fees and description; rows of ``thanh_phan_ho_so`` are split at
their counts ("1 bản chính,1 bản sao"), with the template file names cut off; group headings
("* Giấy tờ phải nộp:", "Trường hợp …") before each table; "Không có thông tin" is empty;
"Cấp xã" of a base-level tax or customs office is not the commune (:func:`clean.is_commune`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from bot.errors import UnreadableRecord
from bot.knowledge.records import clean
from bot.knowledge.records.model import Decision, Fee, Method, Record, Source, SourceFormat, portal_url
from bot.knowledge.records.page_tables import documents, legal_basis

FORMAT: SourceFormat = "portal-pages"
#: The data README says "early 2026-06"; the first of the month is the date we record.
SNAPSHOT = "2026-06-01"
MINISTRIES = {"bo-tu-phap": "Bộ Tư pháp", "bo-cong-an": "Bộ Công an", "bo-tai-chinh": "Bộ Tài chính",
              "bo-nong-nghiep-mt": "Bộ Nông nghiệp và Môi trường", "bo-xay-dung": "Bộ Xây dựng"}
#: Issuer of a decision from its number's suffix ("163/QĐ-BTP").
ISSUERS = {"BTP": "Bộ Tư pháp", "BCA": "Bộ Công an", "BTC": "Bộ Tài chính",
           "BNNMT": "Bộ Nông nghiệp và Môi trường", "BXD": "Bộ Xây dựng", "BQP": "Bộ Quốc phòng"}
_REQUIRED = ("ma_thu_tuc", "ten_thu_tuc", "cach_thuc_thuc_hien", "thanh_phan_ho_so")

_HEAD = "Hình thức nộpThời gianPhí, lệ phíMô tả"
_ROW = re.compile(r"(?:^|(?<=\S))(Trực tiếp|Trực tuyến|Dịch vụ bưu chính)(?=[\dA-ZĐÀ-Ỹ])")
_UNIT = r"(?:Ngày làm việc|Ngày|Giờ làm việc|Giờ|Tháng|Năm|Phút|Tuần)"
_TIME = re.compile(rf"Không có thông tin|\d+(?:[.,]\d+)?(?: {_UNIT})?")
_CURRENCY = r"(?:Việt Nam Đồng|VNĐ|USD|Đồng)"
_FEE = re.compile(rf"Miễn phí|Không có thông tin|(\d[\d,.]*) ({_CURRENCY})")
_RUN_ON = re.compile(rf"(\d+) ({_CURRENCY})")
# A time limit the record states in words: "Thời hạn giải quyết: Không quá 07 ngày làm việc", or
# "trong thời hạn 03 ngày làm việc kể từ ngày nhận hồ sơ" (not "… kể từ ngày thụ lý / nhận được
# khiếu nại", not "trong 01 ngày" for checking a file: those are steps, not the whole procedure).
_LIMIT_IN_TEXT = re.compile(
    r"thời hạn giải quyết\s*:?\s*(?:là\s*)?(?:không quá\s*)?(\d+ (?:ngày làm việc|ngày|giờ))(?=[ ,.;)]|$)"
    r"|trong thời hạn (?:không quá )?(\d+ (?:ngày làm việc|ngày)),? kể từ ngày nhận (?:đủ |được )?hồ sơ",
    re.I)


def _stated_limit(text: str) -> str:
    """The time limit the text states, when every statement of it agrees."""
    found = {(m.group(1) or m.group(2)).lower() for m in _LIMIT_IN_TEXT.finditer(text)}
    return found.pop() if len(found) == 1 else ""


def is_page(doc: object) -> bool:
    return isinstance(doc, dict) and "ma_thu_tuc" in doc and "ten_thu_tuc" in doc


def _paren(s: str, i: int) -> int:
    """End of the balanced "(…)" that starts at ``s[i]`` (or ``i`` when there is none)."""
    if i >= len(s) or s[i] != "(":
        return i
    depth = 0
    for j in range(i, len(s)):
        depth += {"(": 1, ")": -1}.get(s[j], 0)
        if depth == 0:
            return j + 1
    return len(s)


def _amount(digits: str, currency: str, words: str) -> int | None:
    """The figure in đồng. The page sometimes gives thousands ("135 VNĐ(… 135.000 đồng/lần.)"):
    a figure under 1,000 is scaled only when the words confirm it, else it is unknown."""
    if currency == "USD":
        return None
    value = clean.money(digits)
    if value is None or value >= 1000 or value == 0:
        return value
    if re.search(rf"(?<![\d.]){value}\.000(?!\d)", words):
        return value * 1000
    return None


#: An amount in a fee's words: "135.000 đồng/lần", "50.000.000 đồng", "8.000.000/lần".
_FIGURES = re.compile(r"\d{1,3}(?:[.,]\d{3})+\s*(?:đồng|vnđ|việt nam đồng|/)", re.IGNORECASE)


def _fee(token: re.Match[str], words: str) -> Fee:
    words = clean.line(words.strip()[1:-1] if words.strip().startswith("(") else words)
    if token.group(0) == "Miễn phí":
        # the page's "Miễn phí" is also its empty amount: words that give the figures
        # ("135.000 đồng/lần", "20.000.000 đồng/lần") are the fee, not a waiver
        if clean.province_fee(words) or _FIGURES.search(words):
            return clean.fee(words, 0)
        return Fee(text=clean.line(f"Miễn phí ({words})" if words else "Miễn phí"), amount=0, free=True)
    digits, currency = token.group(1), token.group(2)
    cell = clean.line(f"{digits} {currency}" + (f" ({words})" if words else ""))
    amount = _amount(digits, currency, words)
    if amount is None and currency != "USD" and "miễn" in words.casefold():
        return Fee(text=cell, amount=0, free=True)
    if clean.province_fee(words):
        return Fee(text=cell, amount=amount or None, province=True)
    return Fee(text=cell, amount=amount, free=amount == 0)


def _run_on(row: str) -> tuple[str, str] | None:
    """ "120 VNĐ(20.000 vnđ /tờ khai)": time 1 and fee 20 run together. Split where the words
    confirm the fee; None when they do not."""
    m = _RUN_ON.match(row)
    if not m:
        return None
    digits, words = m.group(1), row[m.end():]
    for k in range(1, len(digits)):
        fee_digits = digits[k:]
        if fee_digits[0] != "0" and re.search(rf"(?<![\d.]){fee_digits}(?:\.000|\s*USD)", words):
            return digits[:k], row[k:]
    return None


def _row(way_name: str, row: str) -> Method:
    way = clean.WAY_NAMES[way_name.lower()]
    split = _run_on(row)
    if split is not None:
        limit, row = split
    elif _RUN_ON.match(row):
        limit = ""  # digits and fee run together with nothing to tell them apart
    else:
        m = _TIME.match(row)
        if m is None:  # free text up to the fee ("Không phải trả kết quả …Miễn phí")
            f = _FEE.search(row)
            end = f.start() if f else len(row)
            limit, row = row[:end], row[end:]
        else:
            limit, row = m.group(0), row[m.end():]
    fees: list[Fee] = []
    while (token := _FEE.match(row)) is not None:
        end = _paren(row, token.end())
        if token.group(0) != "Không có thông tin":
            fees.append(_fee(token, row[token.end():end]))
        row = row[end:]
    time_text, days, unit = clean.time_limit(limit)
    return Method(way=way, time_limit=time_text, days=days, unit=unit, fees=tuple(fees),
                  note=clean.text(row))


def methods(cell: str, steps: str = "") -> tuple[Method, ...]:
    """The ``cach_thuc_thuc_hien`` table → one Method per row. A row without a time limit
    takes the one its own description (or, failing that, the steps) states
    ("Thời hạn giải quyết: Không quá 07 ngày làm việc")."""
    body = clean.text(cell)
    body = body[len(_HEAD):] if body.startswith(_HEAD) else body
    parts = _ROW.split(body)
    out: list[Method] = []
    for i in range(1, len(parts) - 1, 2):
        m = _row(parts[i], parts[i + 1])
        said = next((x for x in m.note.split("\n") if re.search(r"\bphí\b", x.casefold())), "")
        if not m.fees and clean.province_fee(said):  # "Phí, lệ phí (nếu có): Hội đồng nhân dân …"
            m = replace(m, fees=(Fee(text=clean.line(said), province=True),))
        if not m.time_limit:
            stated = _stated_limit(m.note) or _stated_limit(steps)
            if stated:
                text_, days, unit = clean.time_limit(stated)
                m = replace(m, time_limit=text_, days=days, unit=unit)
        out.append(m)
    return tuple(out)


def results(cell: str) -> tuple[str, ...]:
    """ "Trích lục …Mã: KQ.G15.000033Từ khóa…" → ("Trích lục …",)."""
    s = clean.line(cell).split("Từ khóa")[0]
    # "…Mã: KQ.G12.001009Giấy chứng nhận…": each code runs into the next result's name.
    first, *rest = s.split("Mã:")
    parts = [first, *(re.sub(r"^\s*[\w.\-]*?(?=[A-ZĐÀ-Ỹ][a-zà-ỹđ]|$)", "", p) for p in rest)]
    return tuple(dict.fromkeys(x for x in (clean.name(p) for p in parts) if x))


def decision(number: str) -> Decision | None:
    n = clean.line(number)
    n = re.sub(r"^Quyết định (?:số )?", "", n, flags=re.I).strip()
    if not n:
        return None
    suffix = re.search(r"QĐ-([A-ZĐ]+)", n)
    return Decision(number=n, date=None, issuer=ISSUERS.get(suffix.group(1)) if suffix else None)


#: Where the page's documents section wrongly began: the steps name it ("lập hồ sơ theo quy
#: định tại mục 9.3 (Thành phần hồ sơ) và nộp …", "… tại tiết 1.1 điểm 1 Mục Thành phần hồ sơ và
#: nộp …"), so the scrape split there and the section opens in the middle of a sentence: on a
#: closing bracket or a stop, a step, or a lower-case word that is no list mark ("a)", "b.").
_STEPS_CUT = re.compile(r"^\s*(?:[).;,]|Bước\s*\d|[a-zà-ỹđ](?![).]))")


def _resplit(d: dict[str, Any]) -> tuple[str, str]:
    """The steps and the documents section, taken again from ``raw_text`` when the scrape cut
    the steps at a "(Thành phần hồ sơ)" they mention: the steps run to "Cách Thức Thực Hiện",
    the documents from the "Thành phần hồ sơ" after it to "Căn cứ pháp lý" (data README,
    page text quirks; 21 BHXH records of the June snapshot)."""
    steps, papers = str(d.get("trinh_tu_thuc_hien") or ""), d["thanh_phan_ho_so"]
    raw = str(d.get("raw_text") or "")
    if not _STEPS_CUT.match(papers):
        return steps, papers
    start, ways = raw.find("Trình Tự Thực Hiện"), raw.find("Cách Thức Thực Hiện")
    at = raw.find("Thành phần hồ sơ", ways)
    end = raw.find("Căn cứ pháp lý", at)
    if min(start, ways, at, end) < 0:
        return steps, papers
    return raw[start + len("Trình Tự Thực Hiện"):ways], raw[at + len("Thành phần hồ sơ"):end]


def read_page(doc: object, path: str) -> Record:
    """One page-text record → Record; raises :class:`UnreadableRecord` when it has no code
    or name or its sections are not text."""
    if not is_page(doc):
        raise UnreadableRecord(path, "không phải bản ghi trang chi tiết (thiếu ma_thu_tuc)")
    assert isinstance(doc, dict)
    d: dict[str, Any] = doc
    code, name = clean.line(d.get("ma_thu_tuc")), clean.line(d.get("ten_thu_tuc"))
    if not code:
        raise UnreadableRecord(path, "không có mã thủ tục (ma_thu_tuc)")
    if not name:
        raise UnreadableRecord(path, f"thủ tục {code} không có tên (ten_thu_tuc)")
    wrong = [k for k in _REQUIRED if not isinstance(d.get(k), str)]
    if wrong:
        raise UnreadableRecord(path, f"thiếu hoặc sai kiểu mục: {', '.join(wrong)}")
    steps_text, papers = _resplit(d)
    steps = clean.text(steps_text)
    try:
        ways = methods(d["cach_thuc_thuc_hien"], steps)
        groups, notes = documents(papers)
    except (AttributeError, TypeError, ValueError, KeyError, IndexError) as exc:
        raise UnreadableRecord(path, f"cấu trúc không đọc được: {exc!r}") from exc
    levels = tuple(clean.level(x) for x in clean.split_list(d.get("cap_thuc_hien")))
    competent = clean.split_list(d.get("co_quan_co_tham_quyen"))
    authority = clean.split_list(d.get("co_quan_thuc_hien")) or competent
    bodies = authority + competent
    field = clean.line(d.get("linh_vuc"))
    said = "\n".join([name, steps, clean.text(d["cach_thuc_thuc_hien"]),
                      clean.text(d.get("yeu_cau_dieu_kien"))])
    commune = clean.is_commune(levels, bodies, field, said)
    folder = path.split("/")[-2] if path.count("/") >= 1 else ""
    return Record(
        code=code, name=name, field=field, levels=levels, authority=authority, commune=commune,
        methods=ways, documents=groups, conditions=clean.text(d.get("yeu_cau_dieu_kien")),
        results=results(str(d.get("ket_qua_xu_ly") or "")),
        legal_basis=legal_basis(str(d.get("can_cu_phap_ly") or "")),
        decision=decision(str(d.get("so_quyet_dinh") or "")),
        source=Source(FORMAT, path, SNAPSHOT, portal_url(code)), steps=steps,
        subjects=clean.split_list(d.get("doi_tuong_thuc_hien")), issuer=MINISTRIES.get(folder, ""),
        notes=notes)

