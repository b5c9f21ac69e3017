"""A question whether a place will do asks where: "chứng thực ở phường em đang ở được không",
"làm ở quê có được không", "nộp tại xã khác được không".

The weak words of a condition ("được không", "có được") ask whether something is allowed; when
what they ask about is a place — a word that moves or locates ("ở", "tại", "về", "ra", "lên",
"đến", "sang") followed by a place ("phường", "quê", "tỉnh", "huyện", "quận", or "xã", "chỗ",
"nơi" with a word that makes them one: "xã khác", "chỗ nhà chồng", "nơi tạm trú") — the answer
is where the procedure may be filed, which the where answers say (another commune, any commune,
not bound to the place of residence). Tokens are folded, so "xa" (far), "cho" (for), "noi"
(say) count only with such a word after them.

The "có" of "có … không" before the way asked ("khai tử có [nộp qua bưu điện] được không", "có
[làm online] không") asks of that field, as "có" does in "có mất phí không": it is not the "có"
of a name ("khai tử có yếu tố nước ngoài") and is left out of the words the procedure is found by.

Where, asked without the word "đâu" (:func:`place_words`), in three more shapes:

* **two places to choose from**: a place or an office after a word that moves or locates, then
  "hay" and another one ("ở xã hay huyện", "ở ủy ban hay ở thuế", "ở xã của vợ hay của chồng");
* **whether one must go there**: "phải" or "cần", then a word that moves and a place or an
  office ("có phải lên huyện không", "có cần ra tận xã không");
* **who to hand it to**: "nộp" or "gửi", then "cho ai" a few words on ("nộp hồ sơ cho ai").

The offices count as places here, besides the places above: "công an", "ủy ban" (UBND),
"trung tâm" (phục vụ hành chính công, the one-stop desk), "bưu điện", "tòa án", "chi cục",
"chi nhánh", "văn phòng", "bảo hiểm xã hội", "thuế", "sở" with the name of its branch. The
words of such a place name where to go, not the procedure: they are left out of the words the
procedure is found by (a question "làm sổ đỏ ở xã hay ở tỉnh" is about the sổ đỏ, not about
the levels of government).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

#: Words that move or locate, then the places after them (folded).
_TO = frozenset({"o", "tai", "ve", "ra", "len", "den", "sang"})
_PLACE = frozenset({"phuong", "que", "tinh", "huyen", "quan"})
#: "xã", "chỗ", "nơi" are places only with one of these after them (folded, they are also
#: "far", "for", "say").
_PLACE_IF = frozenset({"xa", "cho", "noi"})
_MAKES_PLACE = frozenset({"khac", "nha", "minh", "do", "nay", "dang", "o", "thuong", "tam", "cu",
                          "lam", "sinh", "chong", "vo", "bo", "me", "nao", "ben"})


#: How close the "được" that asks must follow the place (the same clause).
_NEAR = 6
#: Provinces and cities by name (folded) count as places too ("xin bản sao ở Hà Nội được
#: không"): the 34 provinces of the national portal's list (``../shared/data/tthc/portal-api/
#: provinces.json``), and how citizens shorten the cities ("HN", "SG", "HCM", "TP", "Sài Gòn").
_CITIES = frozenset(tuple(name.split()) for name in (
    "an giang", "bac ninh", "ca mau", "can tho", "cao bang", "da nang", "dak lak", "dien bien",
    "dong nai", "dong thap", "gia lai", "ha noi", "ha tinh", "hai phong", "ho chi minh", "hue",
    "hung yen", "khanh hoa", "lai chau", "lam dong", "lang son", "lao cai", "nghe an", "ninh binh",
    "phu tho", "quang ngai", "quang ninh", "quang tri", "son la", "tay ninh", "thai nguyen",
    "thanh hoa", "tuyen quang", "vinh long", "hn", "sg", "hcm", "tphcm", "sai gon", "tp", "thanh pho",
    # the provinces merged on 1/7/2025 (Nghị quyết 202/2025/QH15), by which citizens still name
    # where they live or come from
    "ha giang", "yen bai", "bac kan", "vinh phuc", "hoa binh", "bac giang", "hai duong", "thai binh",
    "nam dinh", "ha nam", "quang binh", "thua thien hue", "quang nam", "kon tum", "binh dinh",
    "phu yen", "ninh thuan", "binh thuan", "dak nong", "binh phuoc", "binh duong", "ba ria",
    "vung tau", "long an", "tien giang", "ben tre", "tra vinh", "soc trang", "bac lieu", "hau giang",
    "kien giang"))


def _city_at(tokens: Sequence[str], j: int) -> int:
    """How many tokens from ``tokens[j]`` name a province or a city (0: none)."""
    return max((n for n in (3, 2, 1) if tuple(tokens[j:j + n]) in _CITIES), default=0)


def asks_a_place(tokens: Sequence[str]) -> bool:
    """True when ``tokens`` (folded) ask whether a place will do: a place ("o phuong", "ve
    que", "tai xa khac") and, a few words on, the "được" of "được không" ("có phải khai báo
    tạm vắng ở quê không" asks whether one must, not where)."""
    for i in range(len(tokens) - 1):
        if tokens[i] not in _TO:
            continue
        word = tokens[i + 1]
        if (word in _PLACE or (word in _PLACE_IF and i + 2 < len(tokens)
                               and tokens[i + 2] in _MAKES_PLACE)) \
                and "duoc" in tokens[i + 2:i + 2 + _NEAR]:
            return True
        city = _city_at(tokens, i + 1)
        if city and "duoc" in tokens[i + 1 + city:i + 1 + city + _NEAR]:
            return True
    return False


def place_fields(tokens: Sequence[str], fields: list[str], strong: set[str]) -> list[str]:
    """``fields`` with "where" for "conditions" when the condition was asked only in weak
    words (a weak "hồ sơ", "giấy tờ" beside it is what is handed in: "chứng thực giấy tờ ở
    phường được không") and what is asked about is a place (see the module docstring); with "where" added
    when the question asks where in one of the shapes of :func:`place_words`."""
    if "conditions" in fields and not strong and set(fields) <= {"conditions", "documents"} \
            and (asks_a_place(tokens) or _spans(tokens, False)):
        return ["where"]
    if not fields and _either_will_do(tokens):
        return ["where"]
    if "where" not in fields and _spans(tokens, True):
        return [*(f for f in fields if f in strong), "where"]
    return fields


def _either_will_do(tokens: Sequence[str]) -> bool:
    """Whether ``tokens`` ask if a place will do as well, in "cũng được" right after it ("ở xã
    của ai cũng được hả", "ở tỉnh khác cũng được à"): where the procedure may be filed."""
    for i in range(len(tokens)):
        size = _moved_place(tokens, i, _TO)
        if size and tokens[i + size:i + size + 1] == ["nao"]:  # "ở xã bên nào cũng được"
            size += 1
        if size and tokens[i + size:i + size + 2] == ["cung", "duoc"]:
            return True
    return False


#: Offices a citizen goes to (folded), as their first words: "sở" only with its branch.
_OFFICES = (("cong", "an"), ("uy", "ban"), ("trung", "tam"), ("buu", "chinh"), ("buu", "dien"),
            ("toa", "an"), ("chi", "cuc"), ("chi", "nhanh"), ("van", "phong"),
            ("trung", "tam", "phuc", "vu", "hanh", "chinh", "cong"), ("buu", "chinh", "cong", "ich"),
            ("van", "phong", "dang", "ki", "dat", "dai"),
            ("chi", "nhanh", "van", "phong", "dang", "ki", "dat", "dai"),
            ("bao", "hiem", "xa", "hoi"), ("thue",), ("mot", "cua"), ("bo", "phan"), ("phong",),
            *(("so", branch) for branch in ("tu", "xay", "noi", "nong", "tai", "giao", "y",
                                              "lao", "cong", "van", "khoa", "ke")))
#: Words that may follow a place and still name it ("công an xã", "UBND phường", "xã cũ",
#: "quê chồng", "nơi thường trú").
_TAIL = frozenset({"xa", "phuong", "tinh", "huyen", "quan", "thi", "tran", "nhan", "dan", "cap",
                   "cu", "moi", "nay", "do", "khac", "nha", "minh", "chong", "vo", "bo", "me",
                   "thuong", "tam", "tru", "dang", "sinh", "phap", "xay", "ben",
                   "dung", "thanh", "pho", "hoi"})
#: Bodies that may open two places to choose from without a word that moves ("công an xã hay …").
_BODIES = (["cong", "an"], ["uy", "ban"])
#: Words that may stand between "hay" and the second place ("… hay ở tỉnh", "… hay phải về quê").
_BEFORE_PLACE = frozenset({"o", "la", "tai", "phai", "can", "ra", "len", "ve", "den", "toi", "sang"})
#: Words that move towards a place (to go there), and those that ask whether one must.
_GO = frozenset({"ra", "len", "ve", "den", "toi", "sang"})
_MUST = frozenset({"phai", "can"})


def _place_at(tokens: Sequence[str], j: int) -> int:
    """How many tokens from ``tokens[j]`` name a place or an office (0: none there)."""
    if j >= len(tokens):
        return 0
    word, after = tokens[j], tokens[j + 1] if j + 1 < len(tokens) else ""
    if word in _PLACE or (word in _PLACE_IF and (after in _MAKES_PLACE or after in ("hay", "cua", "khong")
                                                 or (word == "xa" and _residence_at(tokens, j + 1)))):
        size = 1
    elif word == "cap" and (after in _PLACE or after == "xa"):  # "cấp xã", "cấp tỉnh"
        size = 2
    elif _city_at(tokens, j):
        size = _city_at(tokens, j)
    else:
        size = max((len(o) for o in _OFFICES if tuple(tokens[j:j + len(o)]) == o), default=0)
    if not size:
        return 0
    while j + size < len(tokens) and tokens[j + size] in _TAIL:
        size += 1
    if j + size < len(tokens):
        size += _residence_at(tokens, j + size)
    if j + size + 1 < len(tokens) and tokens[j + size] == "cua":  # "xã của vợ"
        size += 2
    return size


def _residence_at(tokens: Sequence[str], j: int) -> int:
    """The length of the "nơi" at ``tokens[j]`` that goes on naming a place by who lives or
    died there ("phường nơi tạm trú", "xã nơi em đang ở", "xã nơi bố mất"): those words say
    which place, not which procedure; 0 if none."""
    if tokens[j:j + 1] != ["noi"]:
        return 0
    k = j + 1 + (tokens[j + 1:j + 2] != [] and tokens[j + 1] in _WHO)
    if k >= len(tokens) or tokens[k] not in _LIVES:
        return 0
    while k < len(tokens) and (tokens[k] in _LIVES or tokens[k] in _TAIL):
        k += 1
    return k - j


#: Who lives there, between "nơi" and the residence ("nơi tôi đang ở", "nơi bố mất").
_WHO = frozenset({"toi", "em", "minh", "ban", "anh", "chi", "con", "chau", "bo", "me", "ong", "ba",
                  "vo", "chong", "nguoi"})
#: What ties a person to a place: living, working, being born or dying there ("nơi sinh",
#: "nơi người mất", "nơi sống").
_LIVES = _MAKES_PLACE | {"mat", "chet", "song", "tru"}


def _moved_place(tokens: Sequence[str], i: int, movers: frozenset[str]) -> int:
    """The length of "mover place" at ``tokens[i]`` ("ở xã", "lên tận tỉnh"), 0 if none."""
    if i >= len(tokens) or tokens[i] not in movers:
        return 0
    skip = 2 if tokens[i + 1:i + 2] in (["tan"], ["dung"]) else 1  # "ra tận xã", "về đúng xã"
    if tokens[i + skip:i + skip + 1] == ["noi"] and skip == 2:
        return 3  # "lên tận nơi"
    size = _place_at(tokens, i + skip)
    return skip + size if size else 0


def _spans(tokens: Sequence[str], asked_only: bool) -> list[tuple[int, int]]:
    """The (start, end) of each place ``tokens`` ask about (see :func:`place_words`)."""
    found: list[tuple[int, int]] = []
    movers = _TO | {"tai"}
    for i in range(len(tokens)):
        left = _moved_place(tokens, i, movers)
        if not left and (i == 0 or not _place_at(tokens, i - 1)) and (  # "xã hay tỉnh làm"
                tokens[i] in _PLACE or tokens[i] == "xa" or tokens[i:i + 2] in _BODIES):
            left = _place_at(tokens, i) if tokens[i + _place_at(tokens, i):][:1] == ["hay"] else 0
        if left and "hay" in tokens[i + left:i + left + 2]:
            h = tokens.index("hay", i + left)
            j = h + 1
            while j < h + 3 and tokens[j:j + 1] and tokens[j] in _BEFORE_PLACE:  # "hay phải lên"
                j += 1
            right = _place_at(tokens, j) or (2 if tokens[j:j + 1] == ["cua"] and j + 1 < len(tokens)
                                             else int(tokens[j:j + 1] == ["dau"]))  # "hay ở đâu"
            if right:
                found.append((i, j + right))
                continue
        if tokens[i] in _MUST:
            k = i + 1 + (tokens[i + 1:i + 2] == ["di"])
            # ("về quê" is read "nơi cư trú": knowledge/synonyms.yaml)
            went = _moved_place(tokens, k, _GO) or 3 * (tokens[k:k + 3] == ["noi", "cu", "tru"])
            if went and tokens[k + went:k + went + 1] == ["noi"] and "khong" in tokens[k + went:]:
                went = tokens.index("khong", k + went) - k  # "về quê nơi đăng ký hồi xưa": the place
            # the place closes the question ("có phải lên huyện [làm] không"): with something
            # to do there ("có phải lên công an cắt hộ khẩu không") it asks whether one must
            close = tokens[k + went:k + went + 2]
            if went and all(t in _CLOSING for t in close):  # "có phải … không" asks it: left out too
                found.append((i - (tokens[i - 1:i] == ["co"]), k + went + len(close)))
                continue
        office = _office_does(tokens, i)
        if office:
            found.append((i, i + office))
            continue
        if tokens[i] in ("nop", "gui") and "ai" in tokens[i + 1:i + 2 + _NEAR]:
            a = tokens.index("ai", i + 1)
            if tokens[a - 1] == "cho":
                found.append((a - 1, a + 1))
                continue
        if not asked_only:
            near = _moved_place(tokens, i, movers)
            if near and "duoc" in tokens[i + near:i + near + _NEAR]:
                found.append((i, i + near))
    return found


#: Words after which an office's name is what is done, not who does it ("đăng ký [thuế]",
#: "mã số [thuế]", "quyết toán [thuế]", "đóng / rút [bảo hiểm xã hội]", "tham gia [BHXH]").
_TAKES = frozenset({"ki", "khai", "nop", "dong", "toan", "hoan", "mien", "giam", "so", "rut", "mua", "gia"})
#: What an office is asked whether it does ("xã có cấp sổ đỏ không", "ủy ban có chứng thực không").
_DOES = frozenset({"lam", "cap", "nhan", "giai", "chung", "dang", "xac", "thu", "tiep", "khai"})


def _office_does(tokens: Sequence[str], i: int) -> int:
    """The length of the place or office at ``tokens[i]`` when the question asks whether it
    does the procedure: it opens a clause (or follows the procedure's name), "có" and a verb of
    doing follow it, and a "không" closes the question a few words on; else 0."""
    word = tokens[i]
    size = _place_at(tokens, i) if word not in _PLACE_IF else int(tokens[i + 1:i + 2] == ["co"])
    if word in ("cho", "noi", "buu") or not size or tokens[i - 1:i] in (["o"], ["tai"]):
        return 0
    if i and tokens[i - 1] in _TAKES:  # "đăng ký thuế có làm ở xã không": the tax, not its office
        return 0
    if tokens[i + size:i + size + 1] == ["co"] and tokens[i + size + 1:i + size + 2] \
            and tokens[i + size + 1] in _DOES and "khong" in tokens[i + size + 2:i + size + 2 + _NEAR]:
        return size
    return 0


#: Words that may close a question after the place it asks of ("… lên tỉnh làm không ạ").
_CLOSING = frozenset({"khong", "hay", "ha", "a", "chu", "nhi", "lam", "nop", "moi", "thi", "nua",
                      "vay", "ak", "ah", "khg", "hong", "hem"})
#: Offices that are themselves what many questions are about (the one-stop desk, the post):
#: their words stay in the question.
_DESKS = ("trung tam", "buu chinh", "buu dien", "mot cua", "bo phan")


def place_words(tokens: Sequence[str], *, asked_only: bool = False) -> set[int]:
    """The positions of the words of ``tokens`` (folded) that name a place the question asks
    about — two places to choose from, a place one must go to, "nộp … cho ai", or a place asked
    of ("ở công an xã được không") — or an empty set when it asks none (see the module
    docstring); the one-stop desk and the post stay (:data:`_DESKS`). With ``asked_only``, the
    last shape (a condition on a place) is left out, and every word of the place counts."""
    return {i for a, b in _spans(tokens, asked_only) for i in range(a, b)
            if asked_only or not any(d in " ".join(tokens[a:b]) for d in _DESKS)}


#: Verbs that may stand between that "có" and the field ("có nộp qua bưu điện được không").
_FILING = frozenset({"nop", "gui", "lam", "xin", "khai", "bao"})
#: How near the "không" that closes the question must follow the start of the field phrase.
_CLOSE = 8


def drop_asking_co(rest: list[tuple[str, T]], after: Sequence[str]) -> None:
    """Drop from ``rest`` (the tokens left before a field phrase, each with a tag) the "có"
    that asks of the field: right before it, or before a filing verb right before it, when a
    "không" closes the question a few words on (``after``: the tokens from the phrase on)."""
    if "khong" not in after[:_CLOSE]:
        return
    at = len(rest) - 1
    if at >= 1 and rest[at][0] in _FILING:
        at -= 1
    if at >= 0 and rest[at][0] == "co":
        del rest[at]
