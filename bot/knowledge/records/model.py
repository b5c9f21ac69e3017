"""The normalised procedure record every reader produces and the knowledge base bundles.

One :class:`Record` per national code (mã thủ tục), built from the portal API detail JSON,
the portal page text or the Bộ Quốc phòng .doc tables (``../shared/data/tthc/``). Records are
stored one JSON object per line (``knowledge/records/procedures.jsonl``) through
:meth:`Record.to_json` / :meth:`Record.from_json`; the whole catalog (names only) is stored as
:class:`CatalogItem` lines in ``knowledge/records/catalog.jsonl``.

Units: ``Fee.amount`` in đồng (``None`` when the record gives no figure); time limits are the
record's own words ("1 Ngày làm việc") plus a parsed ``days``/``unit`` when it has one.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

#: The ways to file, as the portal names them: in person, online, by public postal service.
Way = Literal["truc_tiep", "truc_tuyen", "buu_chinh"]
WAYS: tuple[Way, ...] = ("truc_tiep", "truc_tuyen", "buu_chinh")
#: Which of the three snapshots a record was read from.
SourceFormat = Literal["portal-api", "portal-pages", "bqp-doc"]


@dataclass(frozen=True)
class Fee:
    """One fee or charge of one way of filing.

    ``province`` is true when the record says the amount is set by the provincial People's
    Council ("do HĐND tỉnh quyết định"): then ``amount`` means nothing (the portal stores 0)
    and the locality's configuration gives the figure. ``free`` is true only when the record
    gives 0 with no such wording (or says "miễn")."""

    text: str  # the record's words, cleaned ("Lệ phí: 8.000 đồng/bản")
    amount: int | None = None
    kind: str = ""  # "Lệ phí" / "Phí" / ""
    province: bool = False
    free: bool = False


@dataclass(frozen=True)
class Method:
    """One way of filing with its time limit and fees."""

    way: Way
    time_limit: str = ""  # "1 Ngày làm việc", "Ngay trong ngày", … ("" when the record has none)
    days: float | None = None  # the time limit as a number when it has one
    unit: str = ""  # "ngày làm việc" / "ngày" / "giờ" / …
    fees: tuple[Fee, ...] = ()
    note: str = ""  # the record's description of this way (trimmed)


@dataclass(frozen=True)
class Document:
    """One paper of the file (thành phần hồ sơ)."""

    name: str
    original: int | None = None  # bản chính
    copy: int | None = None  # bản sao
    form: str = ""  # template name (mẫu đơn, tờ khai), when given


@dataclass(frozen=True)
class DocumentGroup:
    """The documents of one case ("Trường hợp …", "Giấy tờ phải nộp", "Giấy tờ phải xuất
    trình"); ``case`` is "" when the record does not group them."""

    case: str
    documents: tuple[Document, ...]


@dataclass(frozen=True)
class Decision:
    """The decision that published the procedure (quyết định công bố)."""

    number: str  # "163/QĐ-BTP"
    date: str | None = None  # ISO date, when known
    issuer: str | None = None  # "Bộ Tư pháp"


@dataclass(frozen=True)
class Source:
    """Where a record was read from."""

    format: SourceFormat
    path: str  # relative to the data folder: "portal-api/details/1.001193.json"
    snapshot: str  # ISO date of the crawl
    url: str  # the procedure's page on dichvucong.gov.vn


@dataclass(frozen=True)
class Record:
    """A full procedure record, normalised."""

    code: str  # "1.001193"
    name: str
    field: str  # lĩnh vực: "Hộ tịch"
    levels: tuple[str, ...]  # "Cấp xã", "Cấp tỉnh", "Cấp bộ", …
    authority: tuple[str, ...]  # cơ quan thực hiện: "Ủy ban nhân dân cấp xã", …
    commune: bool  # carried out by a commune body (UBND / Công an / BCH quân sự / TTPVHCC xã)
    methods: tuple[Method, ...]
    documents: tuple[DocumentGroup, ...]
    conditions: str
    results: tuple[str, ...]
    legal_basis: tuple[str, ...]
    decision: Decision | None
    source: Source
    steps: str = ""
    subjects: tuple[str, ...] = ()  # đối tượng thực hiện
    issuer: str = ""  # the ministry or province that owns the procedure
    online: str = ""  # "toàn trình" / "một phần" / "" (unknown or none)
    state: str = ""  # portal state (ACTIVE, UPDATED, …) when given
    also: tuple[Source, ...] = ()  # other snapshots of the same code that lost the merge
    notes: tuple[str, ...] = ()  # the record's "Lưu ý" items (kept apart from the documents)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @staticmethod
    def from_dict(d: dict[str, Any]) -> Record:
        def src(s: dict[str, Any]) -> Source:
            return Source(**s)
        return Record(
            code=d["code"], name=d["name"], field=d["field"], levels=tuple(d["levels"]),
            authority=tuple(d["authority"]), commune=bool(d["commune"]),
            methods=tuple(Method(way=m["way"], time_limit=m["time_limit"], days=m["days"],
                                 unit=m["unit"], note=m["note"],
                                 fees=tuple(Fee(**f) for f in m["fees"]))
                          for m in d["methods"]),
            documents=tuple(DocumentGroup(g["case"], tuple(Document(**x) for x in g["documents"]))
                            for g in d["documents"]),
            conditions=d["conditions"], results=tuple(d["results"]),
            legal_basis=tuple(d["legal_basis"]),
            decision=Decision(**d["decision"]) if d.get("decision") else None,
            source=src(d["source"]), steps=d.get("steps", ""), subjects=tuple(d.get("subjects", ())),
            issuer=d.get("issuer", ""), online=d.get("online", ""), state=d.get("state", ""),
            also=tuple(src(s) for s in d.get("also", ())), notes=tuple(d.get("notes", ())))

    @staticmethod
    def from_json(line: str) -> Record:
        return Record.from_dict(json.loads(line))


@dataclass(frozen=True)
class CatalogItem:
    """One line of the national catalog: enough to recognise a procedure and say where it is
    done, with its portal page."""

    code: str
    name: str
    fields: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()  # executing bodies as the catalog lists them
    promulgator: str = ""  # "Bộ Tư pháp", "UBND Thành phố Huế", …
    targets: tuple[str, ...] = ()
    state: str = ""
    type: str = ""  # STANDARD / SPECIFIC / STANDARD_INTERNAL
    extra: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @staticmethod
    def from_json(line: str) -> CatalogItem:
        d = json.loads(line)
        return CatalogItem(code=d["code"], name=d["name"], fields=tuple(d.get("fields", ())),
                           departments=tuple(d.get("departments", ())),
                           promulgator=d.get("promulgator", ""), targets=tuple(d.get("targets", ())),
                           state=d.get("state", ""), type=d.get("type", ""),
                           extra=dict(d.get("extra", {})))


def portal_url(code: str) -> str:
    """The procedure's public page on dichvucong.gov.vn (data README, "The portal page")."""
    return ("https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html"
            f"?ma_thu_tuc={code}")
