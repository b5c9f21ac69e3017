"""Where to file and how, said the way citizens say it, as rules over every record.

* **Bodies in citizens' words.** The records name the commune bodies in the catalog's terms
  ("Ủy ban nhân dân cấp xã", "Công an cấp Xã", "Ban chỉ huy quân sự cấp Xã", "Ủy ban Nhân dân
  xã, phường, thị trấn."); citizens say "UBND xã, phường", "Công an xã, phường". An answer
  keeps the record's term and adds the everyday one (texts ``rec_body_*`` in ``ui.yaml``),
  names each body once, and puts the commune's body first for a procedure the commune does
  (a record lists "Cục cảnh sát giao thông, Công an tỉnh, Công an cấp Xã" for a motorbike).
* **District bodies said as gone.** A record written before 1/7/2025 may still name a district
  body ("Bảo hiểm xã hội cấp huyện"); there is no district level of government since then
  (``reference/facts.md``, "What changed"): the name is kept and said to be the old one
  (text ``rec_body_district``).
* **The online channels the record names.** Every online procedure on the national portal is
  filed with a VNeID login (NĐ 69/2024/NĐ-CP, Art. 40: ``reference/facts.md``, "What
  changed"); the VNeID *app* and the Ministry of Public Security's portal are named only when
  the record's own text names them.
* **Civil status at any commune.** From 1/7/2025 a civil-status case may be filed at a commune
  other than the one of residence, which sends it on online (NĐ 120/2025/NĐ-CP, Art. 4–5:
  ``reference/facts-2026.md`` A4, A5): said for every civil-status record the commune's People's
  Committee handles, unless the answer already says where else it may go.
* **How the post takes a file.** A question about the post ("nhờ bưu điện", "bưu tá") about a
  record that may be filed by post is told how the public postal service does it: the postal
  worker may collect the file at home, checks it against the published list of papers and
  seals it in front of the citizen, who may also choose to receive the result by post (QĐ
  45/2016/QĐ-TTg: ``reference/facts.md``, "Public postal service"; text ``rec_post_how``).
* **What filing online costs, when it costs less.** An online answer says the fee of each way
  when filing online costs differently from filing in person: the card's sourced fee line
  (``amend.fee``) when it names the online fee ("10.000 đ nộp trực tuyến"), else the record's
  fee of each way when they differ (text ``rec_online_fee``). A citizen asking whether to file
  online learns what it saves; not said again when the fee is asked as well.
* **The portal's hotline for a fault.** A message about a record that may be filed online that
  reports a fault of the portal or the app while filing or paying ("báo lỗi", "bị treo", "đã
  trừ tiền mà chưa thanh toán") is given the portal's support hotline (the national hotline of
  ``localities.yaml``, sourced in ``reference/facts.md``: text ``rec_portal_fault``).
* **Tracking and paying online.** A message about a record that may be filed online that asks
  how to follow a file sent online ("xem hồ sơ tới đâu", "tra cứu tình trạng") or how to pay
  online ("thanh toán online bằng gì") is told how, from ``reference/facts.md`` (Online
  services: Track, Pay; texts ``rec_portal_track``, ``rec_portal_pay``), unless the answer
  already says it.
* **Where the steps say the file is handed in.** A record of a body above the commune often
  lists the body that decides ("Chi nhánh Văn phòng đăng ký đất đai", "Sở Tư pháp") while its
  steps say where the citizen hands the file in ("nộp hồ sơ tại Trung tâm Phục vụ hành chính
  công cấp tỉnh, xã", "… tại Phòng Quản lý xuất nhập cảnh Công an tỉnh"). A where answer for
  such a record quotes that place, in the record's words, when it names an office the answer
  does not name yet (text ``rec_filed_at``); a vague place ("cơ quan có thẩm quyền") is not
  quoted.
* **A card that says where, over a record that names no commune body.** When the record's
  bodies are out of date (Sở Tư pháp for a copy of a birth extract that any commune gives
  now) the card's sourced where line (``amend.where``) is what an online answer names for
  filing in person, as the where answer does (texts ``rec_online_yes_place``,
  ``rec_online_no_place``).
* **A curated online line keeps the record's ways.** A card's ``amend.online`` line (the law
  after the snapshot) says how to file online in its own words; the post and the portal the
  record offers are added when the line does not name them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from bot.knowledge.records.model import Record
from bot.textnorm import fold

__all__ = ["any_commune_line", "filed_at", "in_person_place", "names_commune",
           "online_channels", "online_fee", "portal_fault", "post_how",
           "record_ways", "spoken_authorities", "spoken_names", "ways_line", "without_province"]

Text = Callable[..., str]

#: A commune body as the records write it (a province may follow: "UBND cấp xã - tỉnh Quảng
#: Trị"), and the ``ui.yaml`` key of the words that name it for citizens.
_BODIES = (
    (re.compile(r"^(?:ủy|uỷ) ban nhân dân (?:cấp xã|xã, phường(?:, thị trấn)?)$|^ubnd cấp xã$"),
     "rec_body_people_committee"),
    (re.compile(r"^công an (?:cấp )?xã$"), "rec_body_police"),
    (re.compile(r"^ban chỉ huy quân sự (?:cấp )?xã$"), "rec_body_military"),
)
_PROVINCE_TAIL = re.compile(r"\s*(?:[-–,]\s*)?tỉnh\s+\S.*$", re.IGNORECASE)
#: "xã" as the commune, not the "xã" of "xã hội" (Bảo hiểm xã hội is not a commune body).
_COMMUNE = re.compile(r"\bxã\b(?!\s+hội)")
#: The record names the VNeID app as a way to file (beside the portal, or "qua Ứng dụng định
#: danh quốc gia"), not as where papers are shown ("hiển thị trên Ứng dụng định danh điện tử").
_VNEID = re.compile(r"dịch vụ công[^.;]{0,80}?(?:ứng dụng (?:vneid|định danh quốc gia)|\bvneid\b)"
                    r"|(?:qua|nộp[^.;]{0,30}trên)\s+(?:ứng dụng định danh quốc gia|(?:ứng dụng )?vneid)")
#: ... and the Ministry of Public Security's portal.
_BCA_PORTAL = re.compile(r"dịch vụ công (?:của )?bộ công an")
#: Words of an online answer that already name the post / an online channel.
_SAYS_POST = re.compile(r"bưu")
_SAYS_CHANNEL = re.compile(r"dịch vụ công|dichvucong|vneid")
#: Words of a where answer that already say another commune will do.
_ELSEWHERE = re.compile(r"lựa chọn|nơi khác|bất kỳ|không phụ thuộc|120/2025")


#: "cấp Xã", "cấp Tỉnh" as the portal capitalises them: written "cấp xã", "cấp tỉnh".
_LEVEL = re.compile(r"\bcấp (Xã|Tỉnh|Huyện)\b")


def _clean(name: str) -> str:
    return _LEVEL.sub(lambda m: f"cấp {m.group(1).lower()}", " ".join(name.split()).strip(" .,;"))


#: A district body ("Bảo hiểm xã hội cấp huyện", "Ủy ban nhân dân cấp huyện"): the district
#: level of government ended on 1/7/2025 (``reference/facts.md``, "What changed").
_DISTRICT = re.compile(r"\bcấp huyện\b", re.IGNORECASE)


def _spoken(name: str, t: Text) -> str:
    bare = _PROVINCE_TAIL.sub("", name).strip(" .,;-").lower()
    for pattern, key in _BODIES:
        if pattern.match(bare):
            return str(t(key))
    return str(t("rec_body_district", name=name)) if _DISTRICT.search(name) else name


def spoken_names(bodies: Iterable[str], t: Text, *, commune_first: bool) -> str:
    """``bodies`` once each, commune bodies in citizens' words and, with ``commune_first``
    (a procedure the commune does), first."""
    seen: dict[str, str] = {}
    for raw in bodies:
        name = _clean(raw)
        if name:
            spoken = _spoken(name, t)
            seen.setdefault(spoken.lower(), spoken)
    names = list(seen.values())
    if commune_first:  # stable: the record's order within each group
        names.sort(key=lambda n: not _COMMUNE.search(n.lower()))
    return ", ".join(names)


def names_commune(r: Record) -> bool:
    """True when a commune body is among the record's executing bodies (a record not marked
    ``commune`` may still name one: "Công an cấp Xã" beside the province for a driving licence)."""
    return any(_COMMUNE.search(a.lower()) for a in r.authority)


#: The province of a province's own record, in its publisher's name ("UBND tỉnh Bắc Ninh").
_ISSUER_PROVINCE = re.compile(r"\b(?:tỉnh|thành phố)\s+(.+)$", re.IGNORECASE)


def without_province(bodies: Iterable[str], issuer: str) -> list[str]:
    """``bodies`` without the name of the province that published the record ("Văn phòng đăng
    ký đất đai Bắc Ninh" → "Văn phòng đăng ký đất đai"): a province's own record may be read by
    a citizen of another province (bot.provincial), who goes to the same office of their own."""
    m = None if issuer.lower().startswith("bộ") else _ISSUER_PROVINCE.search(issuer)
    if m is None:
        return list(bodies)
    own = re.compile(r"\s*(?:[-–,]\s*)?(?:(?:tỉnh|thành phố|tp\.?)\s+)?" + re.escape(m.group(1).strip())
                     + r"\b", re.IGNORECASE)
    return [own.sub("", b).strip(" .,;-–") or b for b in bodies]


def spoken_authorities(r: Record, t: Text) -> str:
    """The record's executing bodies (:func:`spoken_names`), a commune body first when there
    is one, without the name of the province that published a province's own record."""
    return spoken_names(without_province(r.authority, r.issuer), t,
                        commune_first=r.commune or names_commune(r))


def _record_text(r: Record) -> str:
    return " ".join([r.steps, r.conditions, *r.notes, *(m.note for m in r.methods)]).lower()


def online_channels(r: Record, t: Text, *, login: bool) -> str:
    """Where to file online: the national portal (with ``login``, "with a VNeID account"),
    and the VNeID app or the police portal when the record names them."""
    text = _record_text(r)
    parts = [str(t("rec_channel_portal_login" if login else "rec_channel_portal"))]
    if _BCA_PORTAL.search(text):
        parts.append(str(t("rec_channel_police")))
    if _VNEID.search(text):
        parts.append(str(t("rec_channel_app")))
    return ", ".join(parts[:-1]) + f" {t('rec_channel_or')} {parts[-1]}" if len(parts) > 1 else parts[0]


def any_commune_line(r: Record, lines: list[str], t: Text) -> list[str]:
    """The NĐ 120/2025 line for a civil-status record the commune's People's Committee does,
    when ``lines`` (the where answer) do not already say where else it may be filed."""
    if not r.commune or r.field.strip().lower() != "hộ tịch":
        return []
    if not any(_spoken(_clean(a), t) == t("rec_body_people_committee") for a in r.authority):
        return []
    if _ELSEWHERE.search(" ".join(lines).lower()):
        return []
    return [str(t("rec_where_any_commune"))]


def record_ways(r: Record, lines: list[str], t: Text, url: str) -> list[str]:
    """A curated online answer (``lines``) with the record's online channel and its post
    when the lines do not name them."""
    ways = {m.way for m in r.methods}
    said = " ".join(lines).lower()
    out = list(lines)
    if "truc_tuyen" in ways and not _SAYS_CHANNEL.search(said):
        out.append(str(t("rec_online_channel", channels=online_channels(r, t, login=True), url=url)))
    if "buu_chinh" in ways and not _SAYS_POST.search(said):
        out.append(str(t("rec_post_yes")))
    return out


def ways_line(r: Record, t: Text) -> str | None:
    """A summary's line on how the record may be filed (in person, online, by post), or None
    when the record names no way."""
    ways = [str(t(key)) for way, key in (("truc_tiep", "rec_ways_in_person"),
                                         ("truc_tuyen", "rec_ways_online"),
                                         ("buu_chinh", "rec_ways_post"))
            if any(m.way == way for m in r.methods)]
    return str(t("rec_ways", ways=", ".join(ways))) if ways else None


#: A question about the post: "bưu điện", "bưu chính", "bưu tá" (folded).
_ASKS_POST = re.compile(r"\bbuu (?:dien|chinh|ta|cuc)\b")


def post_how(r: Record, question: str, answer: str, t: Text) -> list[str]:
    """How the public postal service takes a file (``rec_post_how``), for a ``question`` that
    asks about the post of a record that may be filed by post, when the ``answer`` does not
    already say it; else nothing."""
    if not any(m.way == "buu_chinh" for m in r.methods) or not _ASKS_POST.search(fold(question)) \
            or "niêm phong" in answer.lower():
        return []
    return [str(t("rec_post_how"))]


def online_fee(curated: str | None, way_fees: list[str], t: Text) -> list[str]:
    """The line of an online answer on what filing online costs (see the module docstring):
    ``curated`` is the card's fee line (None without one), ``way_fees`` the record's fee lines
    (one per distinct fee, "Trực tuyến: …" when they differ by way)."""
    online = str(t("rec_way_online"))
    if curated is not None:
        return [str(t("rec_online_fee", fees=curated))] if "trực tuyến" in curated.lower() else []
    if len(way_fees) > 1 and any(f.startswith(online) for f in way_fees):
        return [str(t("rec_online_fee", fees="; ".join(way_fees)))]
    return []


#: A fault of the portal or the app while filing or paying online (folded words).
_FAULT = re.compile(r"\b(?:bao loi|bi loi|loi he thong|loi ung dung|(?:app|web|cong|trang) (?:bi )?loi"
                    r"|bi treo|khong dang nhap duoc|khong thanh toan duoc|thanh toan khong duoc"
                    r"|(?:da )?tru tien|chua thanh toan)\b")


def portal_fault(r: Record, question: str, answer: str, hotlines: Iterable[tuple[str, str]],
                 t: Text) -> list[str]:
    """The portal's support hotline (``hotlines``: name and number of each national hotline,
    the portal's named "Cổng Dịch vụ công") for a ``question`` that reports a fault of the
    portal or the app, about a record that may be filed online, when the ``answer`` does not
    already give it; else nothing."""
    if not any(m.way == "truc_tuyen" for m in r.methods) or not _FAULT.search(fold(question)):
        return []
    for name, number in hotlines:
        if "dịch vụ công" in name.lower() and number not in answer:
            return [str(t("rec_portal_fault", name=name, number=number))]
    return []


#: Following a file sent online, and paying online (folded words).
_TRACK = re.compile(r"\b(?:tra cuu|theo doi|tien do|status|tinh trang (?:ho so|xu ly|giai quyet))\b"
                    r"|\b(?:ho so|xu ly|giai quyet)\b[^.?!]{0,30}\b(?:toi|den) dau\b")
_PAY = re.compile(r"\b(?:thanh toan|tra tien|chuyen khoan|nop tien|dong tien"
                  r"|nop (?:le )?phi|dong (?:le )?phi)\b[^.?!]*"
                  r"\b(?:online|truc tuyen|qua mang|tren mang|qua app|bang gi|cach nao|the nao)\b"
                  r"|\b(?:online|truc tuyen)\b[^.?!]*\b(?:thanh toan|tra tien|chuyen khoan)\b")


def portal_how(r: Record, question: str, answer: str, t: Text) -> list[str]:
    """How to follow a file sent online and how to pay online (``rec_portal_track``,
    ``rec_portal_pay``), each for a ``question`` about a record that may be filed online that
    asks it, when the ``answer`` does not already say it; else nothing."""
    if not any(m.way == "truc_tuyen" for m in r.methods):
        return []
    asked, said = fold(question), answer.lower()
    out = [str(t("rec_portal_track"))] if _TRACK.search(asked) and "mã hồ sơ" not in said else []
    return out + ([str(t("rec_portal_pay"))] if _PAY.search(asked) and "ngân hàng" not in said else [])


#: The steps' sentence on where the file is handed in: "nộp (trực tiếp) (01 bộ) hồ sơ … tại /
#: đến / cho <place>" (a few words may stand between: "nộp hồ sơ của mình … tại Sở Tư pháp").
_FILED_AT = re.compile(r"(?:nộp|gửi)\s+(?:trực tiếp\s+)?(?:0?\d+\s+bộ\s+)?hồ sơ\b[^.;:\n]{0,80}?"
                       r"\b(?:tại|đến|cho)\s*:?\s*\+?\s*([^;\n]{5,200})", re.IGNORECASE)
#: Where the place ends: another way ("hoặc qua bưu chính"), a purpose, a time, a sentence.
_PLACE_END = re.compile(r"\s+(?:hoặc (?:qua|nộp|gửi|trực tuyến|thông qua)|để |theo (?:quy định|hình thức)"
                        r"|và (?:nhận|nộp)|trong (?:giờ|thời hạn)|vào giờ|trước )|[.;]\s|\.$|\s+-\s|\s\+\s"
                        r"|\(sau đây", re.IGNORECASE)
#: The offices a quoted place must name (else it is too vague to help: "cơ quan có thẩm quyền").
_OFFICE = re.compile(r"trung tâm phục vụ hành chính công|bộ phận (?:một cửa|tiếp nhận)|\bsở\b|\bphòng\b"
                     r"|văn phòng|chi nhánh|công an|[uủ]y ban|ubnd|\bcục\b|bảo hiểm xã hội|\bthuế\b"
                     r"|cơ quan đại diện|to[àa] án|trung tâm dịch vụ việc làm|kho bạc|hải quan",
                     re.IGNORECASE)
_VAGUE = re.compile(r"(?:cơ quan|đơn vị) có thẩm quyền", re.IGNORECASE)
#: How long a quoted place may be (it is cut at a word past this).
PLACE_LIMIT = 160


def _steps_place(r: Record) -> str | None:
    m = _FILED_AT.search(r.steps)
    if m is None:
        return None
    place = m.group(1)
    end = _PLACE_END.search(place)
    place = re.sub(r"^tại\s+", "", (place[:end.start()] if end else place).strip(" ,:+-"),
                   flags=re.IGNORECASE)
    if len(place) < 5 or not _OFFICE.search(place) or _VAGUE.match(place):
        return None
    if len(place) > PLACE_LIMIT:
        place = place[:PLACE_LIMIT].rsplit(" ", 1)[0] + " …"
    return place


def filed_at(r: Record, lines: list[str], t: Text) -> list[str]:
    """For a record the commune does not carry out, the line that quotes where its steps say
    the file is handed in (see the module docstring), when that place names an office the
    where answer (``lines``) does not; else nothing."""
    if r.commune:
        return []
    place = _steps_place(r)
    if place is None:
        return []
    said = fold(" ".join([*lines, *r.authority]))
    if all(fold(m.group(0)) in said for m in _OFFICE.finditer(place)):
        return []
    return [str(t("rec_filed_at", place=place))]


def in_person_place(r: Record, curated: str | None) -> str | None:
    """The card's where line (``curated``) when the record names no commune body — its bodies
    are older than the card's sourced line — for an online answer to name as the place to file
    in person; else None (the record's bodies are named)."""
    return curated if curated and not names_commune(r) else None
