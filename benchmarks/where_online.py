"""A battery of "where do I file X" / "can I do X online / by post" over the common commune
procedures, checked against the records themselves.

    python benchmarks/where_online.py [--show]

The procedures are the curated cards over commune records (``knowledge/procedures/*.yaml``
with a ``code`` the commune carries out: the procedures citizens ask about most), one per
national code. Each gets questions built from its title and from the name citizens give it
(``NAMES``, our own wording) in a few phrasings, every question from a new person (no
conversation context), through the real dialogue. Checks:

* **entry**: answered with an entry of the right national code (not a question back);
* **field**: the answer leads with the field asked (where / online);
* **where**: the where answer names the body (UBND / Ủy ban nhân dân for the People's Committee,
  Công an for the police, quân sự for the military command, else the first words of the record's
  body, or the card's curated line), in citizens' words when the record writes it "cấp xã"
  ("Công an xã", "UBND xã"), and, when the record can be filed online, says so;
* **online**: the online answer says online filing is possible exactly when the record has an
  online way, and names the post when the record has a postal way.

Then the procedures done above the commune (``elsewhere``): the curated cards over a record no
commune body carries out (passports, social insurance, tax, nationality, driving licences…) and
over a catalog line, each asked where, whether the commune does it, and whether it can be done
online. Checks:

* **elsewhere: entry**: answered with the card's code (or, for "does the commune do it", also a
  where answer of it);
* **elsewhere: not commune**: the where answer says it is not done at the commune ("không làm ở
  xã"), also when asked whether the commune does it;
* **elsewhere: body**: it names the body (the record's or the catalog's first body, or the
  card's curated line);
* **elsewhere: online**: the online answer says online filing is possible exactly when the
  record has an online way.

Prints one line per check with its share, then (``--show``) each failure.
"""

from __future__ import annotations

import sys

from benchmarks.battery import Battery
from bot.knowledge.model import Entry
from bot.knowledge.records.catalog_card import is_commune
from bot.knowledge.records.where import names_commune
from bot.textnorm import fold

#: How citizens name each procedure (our own wording, never a dev row), with the other codes
#: that answer it as well; the card's title is asked too.
NAMES: dict[str, tuple[str, tuple[str, ...]]] = {
    "1.000656": ("khai tử cho bố", ()),
    "1.000689": ("khai sinh cho con kèm nhận cha", ()),
    "1.000894": ("làm giấy kết hôn", ()),
    "1.001022": ("làm thủ tục nhận con", ()),
    "1.001193": ("làm giấy khai sinh cho bé", ()),
    "1.001266": ("đóng hộ kinh doanh", ()),
    "1.001570": ("tạm nghỉ kinh doanh hộ cá thể", ()),
    "1.001612": ("mở hộ kinh doanh cá thể", ()),
    "1.002755": ("gia hạn tạm trú phòng trọ", ()),
    "1.003197": ("xóa hộ khẩu thường trú", ()),
    "1.003677": ("báo tạm vắng", ()),
    "1.004194": ("đăng ký tạm trú khi thuê trọ", ()),
    "1.004222": ("nhập hộ khẩu", ()),
    "1.004746": ("đăng ký lại kết hôn vì mất giấy kết hôn", ()),
    "1.004837": ("làm giám hộ cho cháu", ()),
    "1.004859": ("sửa năm sinh sai trong giấy khai sinh", ()),
    "1.004873": ("xin giấy xác nhận độc thân", ()),
    "1.004884": ("đăng ký lại khai sinh", ()),
    "1.005461": ("đăng ký lại khai tử", ()),
    "1.010028": ("xóa tạm trú", ()),
    "1.010038": ("tách hộ khẩu", ()),
    "1.010039": ("sửa thông tin cư trú", ()),
    "1.010041": ("xin giấy xác nhận cư trú", ()),
    "1.011606": ("xét hộ nghèo hằng năm", ("1.011607",)),
    "1.011607": ("đề nghị công nhận hộ cận nghèo", ("1.011606",)),
    "1.011608": ("xin ra khỏi hộ nghèo", ()),
    "1.012564": ("sửa thông tin sai trong dữ liệu dân cư", ()),
    "1.012812": ("hòa giải tranh chấp đất ở xã", ()),
    "1.013065": ("thu hồi biển số khi bán xe", ()),
    "1.013067": ("đăng ký biển số xe máy mới mua", ()),
    "1.013076": ("sang tên xe máy", ()),
    "1.013082": ("làm lại cà vẹt xe bị mất", ()),
    "1.013133": ("đăng ký nghĩa vụ quân sự lần đầu khi đủ 17 tuổi", ()),
    "1.013134": ("chuyển đăng ký nghĩa vụ quân sự đi nơi khác", ()),
    "1.013137": ("đăng ký nghĩa vụ quân sự nơi mới chuyển đến", ()),
    "1.013138": ("đăng ký tạm vắng nghĩa vụ quân sự", ()),
    "1.013225": ("xin giấy phép xây nhà", ()),
    "1.013978": ("làm sổ đỏ lần đầu", ()),
    "1.014061": ("làm căn cước", ()),
    "1.014062": ("làm căn cước cho bé 3 tuổi", ()),
    "1.014063": ("đổi căn cước vì sáp nhập xã", ()),
    "1.014064": ("làm lại căn cước bị mất", ()),
    "1.115621": ("làm lại sổ đỏ bị mất", ()),
    "2.000528": ("khai sinh cho con có bố người nước ngoài", ()),
    "2.000635": ("xin bản sao giấy khai sinh", ()),
    "2.000720": ("thay đổi thông tin hộ kinh doanh", ()),
    "2.000806": ("đăng ký kết hôn với người nước ngoài", ()),
    "2.000815": ("công chứng bản sao giấy tờ", ()),
    "2.000884": ("chứng thực chữ ký", ()),
    "2.000913": ("hủy hợp đồng đã chứng thực", ()),
    "2.000986": ("làm khai sinh, hộ khẩu và thẻ bảo hiểm y tế cho bé một lần", ()),
    "2.001016": ("từ chối nhận thừa kế", ()),
    "2.001019": ("chứng thực di chúc", ()),
    "2.001035": ("chứng thực hợp đồng mua bán", ()),
    "2.001159": ("báo lưu trú cho khách ở nhà", ()),
    "2.001263": ("nhận con nuôi", ()),
    "2.001406": ("chứng thực văn bản chia thừa kế", ()),
    "2.002516": ("xác nhận thông tin hộ tịch", ()),
    "3.000228": ("lên VNeID mức 2", ()),
}
WHERE = ("{name} nộp ở đâu", "{name} thì đến đâu làm", "{name} làm ở cơ quan nào",
         "muốn {name} thì ra đâu", "{name} nop o dau vay")
#: Where asked without "ở đâu" (bot/places.py): two places, a place one must go to, an office
#: asked whether it does it, who to hand it to (checked apart: "words: …").
WORDS = ("{name} làm ở xã hay phải lên tỉnh", "{name} có phải lên tỉnh không",
         "{name} thì liên hệ ai", "{name} ra công an hay ủy ban", "{name} có phải về quê không")
ONLINE = ("{name} làm online được không", "{name} nộp qua mạng được không",
          "{name} có làm trên VNeID được không", "{name} ngồi nhà làm được không")
POST = ("{name} gửi qua bưu điện được không", "{name} có nộp qua bưu điện được không")


def body_words(entry: Entry) -> tuple[str, ...]:
    """What a where answer must name for ``entry``'s record, folded (any one of them): the
    card's curated line when it has one (it names the body after the law changed)."""
    r = entry.record
    assert r is not None
    curated = entry.amend.get("where")
    if curated is not None and curated.known:
        return (fold(str(curated.value))[:60],)
    who = fold(" ".join(r.authority))
    if "uy ban nhan dan" in who or "ubnd" in who:
        return ("ubnd", "uy ban nhan dan")
    if "cong an" in who:
        return ("cong an",)
    if "quan su" in who:
        return ("quan su",)
    first = fold(r.authority[0]).split()[:3] if r.authority else []
    return (" ".join(first),) if first else ("",)


def citizens_words(entry: Entry) -> tuple[str, ...]:
    """How citizens name the commune body of a record with no curated where line ("công an xã",
    "UBND xã"), folded; empty when the record names none (or the card says where)."""
    r = entry.record
    assert r is not None
    curated = entry.amend.get("where")
    if not r.commune or (curated is not None and curated.known):
        return ()
    who = fold(" ".join(r.authority))
    if "cong an cap xa" in who:
        return ("cong an xa",)
    if "quan su cap xa" in who:
        return ("quan su xa",)
    if "uy ban nhan dan cap xa" in who or "ubnd cap xa" in who:
        return ("ubnd xa", "uy ban nhan dan xa")
    return ()


#: How citizens name the procedures done above the commune (our own wording, never a dev row).
ELSEWHERE_NAMES: dict[str, str] = {
    "1.001456": "làm hộ chiếu đi nước ngoài",
    "3.000333": "xin lý lịch tư pháp",
    "3.000346": "thi bằng lái xe",
    "3.000353": "làm bằng lái quốc tế",
    "1.001613": "rút bảo hiểm một lần",
    "2.000693": "hưởng thai sản",
    "1.001742": "chuyển lương hưu về tỉnh khác",
    "1.002759": "làm lại sổ bảo hiểm bị mất",
    "1.001939": "mua bảo hiểm y tế cho cả nhà",
    "1.008498": "đăng ký mã số thuế",
    "2.002233": "quyết toán thuế thu nhập",
    "2.002039": "xin nhập quốc tịch",
    "2.002036": "xin thôi quốc tịch",
}
ELSEWHERE_WHERE = ("{name} nộp ở đâu", "{name} thì ra đâu làm")
ELSEWHERE_COMMUNE = ("{name} làm ở ủy ban xã được không", "{name} có làm ở xã được không")
ELSEWHERE_ONLINE = ("{name} làm online được không",)


def elsewhere_cards(battery: Battery) -> list[Entry]:
    """The curated cards over a record no commune body carries out, or over a catalog line of a
    body above the commune (one per code)."""
    cards: dict[str, Entry] = {}
    for e in battery.kb.entries.values():
        if e.code is None or e.id[5:6].isdigit():
            continue
        above = e.record is None and e.catalog is not None \
            and not is_commune(", ".join(e.catalog.departments))
        if above or (e.record is not None and not e.record.commune and not names_commune(e.record)):
            cards.setdefault(e.code, e)
    return [cards[c] for c in sorted(cards)]


def elsewhere_body(entry: Entry) -> str:
    """The first words of the body the answer must name, folded."""
    curated = entry.amend.get("where")
    if curated is not None and curated.known:
        return fold(str(curated.value))[:30]
    bodies = entry.record.authority if entry.record is not None else \
        entry.catalog.departments if entry.catalog is not None else ()
    return " ".join(fold(bodies[0]).split()[:2]) if bodies else ""


def check_elsewhere(battery: Battery) -> None:
    """The checks of the procedures done above the commune (see the module docstring)."""
    check = battery.check
    for entry in elsewhere_cards(battery):
        code = entry.code or ""
        names = [entry.title.rstrip("?").removesuffix(" ở đâu")]
        names[0] = names[0][0].lower() + names[0][1:]
        if code in ELSEWHERE_NAMES:
            names.append(ELSEWHERE_NAMES[code])
        body = elsewhere_body(entry)
        for template, name in ((t, n) for t in ELSEWHERE_WHERE + ELSEWHERE_COMMUNE for n in names):
            q = template.format(name=name)
            got, text, _ = battery.ask(q)
            check("elsewhere: entry", got == code, q, f"{got} (want {code})")
            if got != code:
                continue
            check("elsewhere: not commune", "khong lam o xa" in text, q, "commune not ruled out")
            check("elsewhere: body", body in text, q, f"lacks {body!r}")
        r = entry.record
        if r is None:
            continue
        online = any(m.way == "truc_tuyen" for m in r.methods)
        for template, name in ((t, n) for t in ELSEWHERE_ONLINE for n in names):
            q = template.format(name=name)
            got, text, _ = battery.ask(q)
            check("elsewhere: entry", got == code, q, f"{got} (want {code})")
            if got == code:
                says = "chua nop truc tuyen" not in text and any(
                    w in text for w in ("truc tuyen duoc", "nop truc tuyen", "vneid", "dich vu cong"))
                check("elsewhere: online", says == online, q, f"online said {says}, record {online}")


def main(argv: list[str]) -> int:
    battery = Battery("w")
    check = battery.check
    for code, entry in battery.cards:
        r = entry.record
        assert r is not None
        ways = {m.way for m in r.methods}
        spoken, others = NAMES.get(code, (entry.title, ()))
        right = {code, *others}
        names = (entry.title[0].lower() + entry.title[1:], spoken)
        for template in WHERE:
            for name in names:
                q = template.format(name=name)
                reply = battery.answered(q, right, "where")
                if reply is None:
                    continue
                text, _ = reply
                words = body_words(entry)
                check("where: body", any(w in text for w in words), q, f"lacks {words}")
                said = citizens_words(entry)
                if said:
                    check("where: citizens' words", any(w in text for w in said), q, f"lacks {said}")
                if "truc_tuyen" in ways:
                    check("where: online said", "truc tuyen" in text or "vneid" in text, q,
                          "online not said")
        for template, name in ((t, n) for t in WORDS for n in names):
            q = template.format(name=name)
            got, _, led = battery.ask(q)
            check("words: entry", got in right, q, f"{got} (want {'|'.join(sorted(right))})")
            if got in right:
                check("words: field", "where" in (led or ""), q, f"field {led}")
        for template, name in ((t, n) for t in ONLINE + POST for n in names):
            q = template.format(name=name)
            reply = battery.answered(q, right, "online")
            if reply is None:
                continue
            text, _ = reply
            says_online = any(w in text for w in ("truc tuyen duoc", "nop truc tuyen", "vneid",
                                                  "dich vu cong"))
            says_not = "chua nop truc tuyen" in text
            if template in ONLINE:
                if "truc_tuyen" in ways:
                    check("online: yes", says_online and not says_not, q, "online not said")
                else:
                    check("online: not yet", says_not or not says_online, q, "claims online")
            if "buu_chinh" in ways:
                check("post: yes", "buu chinh" in text or "buu dien" in text, q, "post not said")
            elif template in POST:
                check("post: not claimed", "buu chinh cong ich (buu dien) cung duoc" not in text,
                      q, "claims post")
    check_elsewhere(battery)
    battery.report("--show" in argv)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
