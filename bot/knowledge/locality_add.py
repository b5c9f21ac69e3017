"""Adding a locality to ``localities.yaml``: validated values, appended as text.

The file is edited by hand by officials, so it is never re-dumped (that would lose their
comments and layout): the new locality is written as a YAML block at the end of the
``localities`` list — before the trailing example locality, if the file ends with one —
and the file is parsed again afterwards; on any doubt the original is put back.

Phone numbers are checked against Vietnam's numbering plan: mobile 0[35789]x xxx xxxx,
landline 02xx xxx xxxx (11 digits, 024 / 028 for Hà Nội / TP.HCM), and 1800 / 1900
service numbers of 8 or 10 digits. Every number, address and web address must name its
source document.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from bot.errors import InputError
from bot.knowledge.yamlfile import ID_RE, NoAliasLoader

log = logging.getLogger(__name__)

LEVELS = ("xa", "phuong", "dac-khu", "huyen", "tinh")
_MOBILE = re.compile(r"^0[35789]\d{8}$")
_LANDLINE = re.compile(r"^02\d{9}$")
_SERVICE = re.compile(r"^(?:1800|1900)(?:\d{4}|\d{6})$")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_PREFIX = re.compile(r"^(?:xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tỉnh)\s+", re.I)
PHONE_HELP = ("dùng số di động 10 chữ số (03x, 05x, 07x, 08x, 09x), số cố định 11 chữ số bắt đầu bằng 02, "
              "hoặc tổng đài 1800/1900")


def normalize_phone(raw: str) -> str:
    """``raw`` written the usual way ("0912 345 678", "0208 3856 789", "1900 54 54 81")."""
    text = raw.strip()
    if not text or re.search(r"[^\d\s.\-()+]", text):
        raise InputError(f"số điện thoại '{raw}' chỉ được gồm chữ số (có thể có dấu cách, dấu chấm)")
    digits = re.sub(r"\D", "", text)
    if text.startswith("+84") or digits.startswith("0084"):
        digits = "0" + digits[len("0084") if digits.startswith("0084") else 2:]
    if _MOBILE.match(digits):
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    if _LANDLINE.match(digits):
        if digits[:3] in ("024", "028"):
            return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
        return f"{digits[:4]} {digits[4:8]} {digits[8:]}"
    if _SERVICE.match(digits):
        rest = digits[4:]
        return f"{digits[:4]} {rest}" if len(rest) == 4 else f"{digits[:4]} {rest[:2]} {rest[2:4]} {rest[4:]}"
    raise InputError(f"số '{raw}' không phải số điện thoại Việt Nam hợp lệ — {PHONE_HELP}")


def validate_url(raw: str) -> str:
    """``raw`` if it is an http(s) address with a real host name, else :class:`InputError`."""
    text = raw.strip()
    parts = urlsplit(text)
    host = parts.hostname or ""
    try:
        labels = host.encode("idna").decode("ascii").split(".") if host else []
    except UnicodeError:
        labels = []
    ok = (parts.scheme in ("http", "https") and not re.search(r"\s", text) and parts.username is None
          and len(labels) >= 2 and all(_LABEL.match(x) for x in labels) and labels[-1].isalpha())
    if not ok:
        raise InputError(f"địa chỉ web '{raw}' không hợp lệ — ghi đầy đủ, ví dụ "
                         "https://dantien.thainguyen.gov.vn")
    return text


@dataclass(frozen=True)
class NewLocality:
    code: str
    name: str
    level: str
    province: str
    source: str
    aliases: tuple[str, ...] = ()
    hotlines: tuple[tuple[str, str], ...] = ()  # (name, number as written)
    website: str | None = None
    desk_name: str | None = None
    desk_address: str | None = None
    desk_hours: str | None = None
    plan: str | None = None


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(unicodedata.normalize("NFC", value).split())
    return value or None


def new_locality(code: str, name: str, level: str, province: str, source: str, *,
                 hotlines: list[str] | None = None, website: str | None = None,
                 aliases: list[str] | None = None, desk_name: str | None = None,
                 desk_address: str | None = None, desk_hours: str | None = None,
                 plan: str | None = None) -> NewLocality:
    """Validate everything at once; :class:`InputError` lists every problem found."""
    problems: list[str] = []
    if not ID_RE.match(code):
        problems.append(f"mã '{code}' chỉ được gồm chữ thường không dấu, chữ số và dấu gạch ngang, "
                        "ví dụ 'xa-moi'")
    if plan is not None and not ID_RE.match(plan):
        problems.append(f"mã kế hoạch '{plan}' không hợp lệ — dạng ke-hoach-<mã-địa-phương>-<năm>")
    if level not in LEVELS:
        problems.append(f"cấp '{level}' không hợp lệ — dùng {', '.join(LEVELS)}")
    clean_name, clean_province, clean_source = _text(name), _text(province), _text(source)
    for label, value in (("--name", clean_name), ("--province", clean_province), ("--source", clean_source)):
        if not value:
            problems.append(f"thiếu {label}")
    lines: list[tuple[str, str]] = []
    for spec in hotlines or []:
        hname, sep, number = spec.rpartition("=")
        if not sep or not _text(hname):
            problems.append(f"đường dây nóng '{spec}' phải có dạng TÊN=SỐ, ví dụ \"UBND xã=0208 3856 789\"")
            continue
        try:
            lines.append((_text(hname) or "", normalize_phone(number)))
        except InputError as exc:
            problems.append(str(exc))
    url = None
    if website is not None:
        try:
            url = validate_url(website)
        except InputError as exc:
            problems.append(str(exc))
    if problems:
        raise InputError("; ".join(problems))
    assert clean_name and clean_province and clean_source
    short = _PREFIX.sub("", clean_name)
    given = [_text(a) or "" for a in aliases or []]
    names = [a for a in dict.fromkeys([short, *given]) if a and a != clean_name]
    return NewLocality(code, clean_name, level, clean_province, clean_source, tuple(names), tuple(lines), url,
                       _text(desk_name), _text(desk_address), _text(desk_hours), plan)


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def render_block(loc: NewLocality, dash: int = 2) -> str:
    """The locality as a block of ``localities.yaml``, its dash at column ``dash``."""
    pad, key = " " * dash, " " * (dash + 2)

    def fact(value: str | None) -> str:
        return f"{{value: {_q(value)}, source: {_q(loc.source)}}}" if value else "unknown"

    out = [f"{pad}# Thêm bằng lệnh 'cchc-bot kb add-locality'. Nguồn: {loc.source}",
           f"{pad}- code: {loc.code}", f"{key}name: {_q(loc.name)}", f"{key}level: {loc.level}",
           f"{key}province: {_q(loc.province)}", f"{key}aliases: [{', '.join(_q(a) for a in loc.aliases)}]",
           f"{key}desk:", f"{key}  name: {fact(loc.desk_name)}", f"{key}  address: {fact(loc.desk_address)}",
           f"{key}  hours: {fact(loc.desk_hours)}"]
    if loc.hotlines:
        out.append(f"{key}hotlines:")
        out += [f"{key}  - {{name: {_q(n)}, number: {_q(num)}, source: {_q(loc.source)}}}"
                for n, num in loc.hotlines]
    else:
        out.append(f"{key}hotlines: []")
    out += [f"{key}website: {fact(loc.website)}", f"{key}plan: {loc.plan or 'null'}"]
    return "\n".join(out) + "\n"


def _last_scalar_end(node: yaml.Node) -> int:
    """Where the text of ``node`` ends: its last scalar, or the closing bracket of a flow list."""
    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.value and not node.flow_style:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return int(node.end_mark.index)


def _is_example(item: yaml.Node) -> bool:
    return isinstance(item, yaml.MappingNode) and any(
        isinstance(k, yaml.ScalarNode) and k.value == "example" and isinstance(v, yaml.ScalarNode)
        and v.value.lower() in ("true", "yes") for k, v in item.value)


def _code_of(item: yaml.Node) -> tuple[str, int] | None:
    if isinstance(item, yaml.MappingNode):
        for k, v in item.value:
            if isinstance(k, yaml.ScalarNode) and k.value == "code" and isinstance(v, yaml.ScalarNode):
                return str(v.value), int(v.start_mark.line) + 1
    return None


def _insertion(text: str, seq: yaml.SequenceNode) -> tuple[int, int, bool]:
    """``(offset, dash column, before an example)`` where a new item of the block sequence goes."""
    lines = text.splitlines(keepends=True)
    first = seq.value[0]
    line = lines[first.start_mark.line]
    dash = line.rfind("-", 0, first.start_mark.column)
    trailing = 0
    while trailing < len(seq.value) and _is_example(seq.value[-1 - trailing]):
        trailing += 1
    if 0 < trailing < len(seq.value):  # keep the example locality last
        row = seq.value[-trailing].start_mark.line
        while row > 0 and (not lines[row - 1].strip() or lines[row - 1].lstrip().startswith("#")):
            row -= 1
        while row < seq.value[-trailing].start_mark.line and not lines[row].strip():
            row += 1
        return sum(len(x) for x in lines[:row]), max(dash, 0), True
    end = _last_scalar_end(seq.value[-1])
    newline = text.find("\n", end)
    return (len(text) if newline < 0 else newline + 1), max(dash, 0), False


def _new_line_of(text: str, code: str) -> int:
    root = yaml.compose(text, Loader=NoAliasLoader)
    assert isinstance(root, yaml.MappingNode)
    seq = next(v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "localities")
    lines = [found[1] for item in seq.value if (found := _code_of(item)) and found[0] == code]
    if len(lines) != 1:
        raise ValueError(f"code {code} is listed {len(lines)} times")
    return lines[0]


def add_locality(path: Path, loc: NewLocality) -> int:
    """Append ``loc`` to the ``localities.yaml`` at ``path``; returns the line of its ``code:``."""
    if not path.is_file():
        raise InputError(f"không thấy tệp {path} — kiểm tra --knowledge")
    original = path.read_text("utf-8")
    try:
        root = yaml.compose(original, Loader=NoAliasLoader)
    except yaml.YAMLError as exc:
        raise InputError(f"{path.name}: lỗi cú pháp YAML ({exc}) — sửa tệp rồi chạy "
                         "'cchc-bot kb check'") from None
    if not isinstance(root, yaml.MappingNode):
        raise InputError(f"{path.name}: tệp phải là một khối 'khóa: giá trị' có danh sách 'localities'")
    seq = next((v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "localities"), None)
    empty = isinstance(seq, yaml.ScalarNode) and seq.tag.endswith(":null")
    if seq is not None and not empty and not isinstance(seq, yaml.SequenceNode):
        raise InputError(f"{path.name}: 'localities' phải là một danh sách")
    for item in seq.value if isinstance(seq, yaml.SequenceNode) else []:
        found = _code_of(item)
        if found and found[0] == loc.code:
            raise InputError(f"mã địa phương '{loc.code}' đã có trong {path.name} (dòng {found[1]}) — "
                             "chọn mã khác")
    text, dash, before = original, 2, False
    if seq is None:
        text += ("\n" if text and not text.endswith("\n") else "") + "localities:\n"
        at = len(text)
    elif empty or not seq.value:  # "localities:" with nothing, null or []
        text = original[:seq.start_mark.index] + original[seq.end_mark.index:]
        at = text.find("\n", seq.start_mark.index)
        at = len(text) if at < 0 else at + 1
    else:
        assert isinstance(seq, yaml.SequenceNode)
        at, dash, before = _insertion(original, seq)
    block = render_block(loc, dash)
    if at > 0 and text[at - 1] != "\n":
        block = "\n" + block
    new_text = text[:at] + (block + "\n" if before else "\n" + block) + text[at:]
    try:
        line = _new_line_of(new_text, loc.code)
        yaml.load(new_text, Loader=NoAliasLoader)  # the safe loader, refusing aliases
    except (yaml.YAMLError, ValueError, StopIteration, AssertionError) as exc:
        log.error("appending %s to %s would break the file (%s)", loc.code, path, exc)
        raise InputError(f"không thêm được vào {path.name} mà vẫn giữ tệp hợp lệ — tệp được giữ nguyên; "
                         "hãy thêm địa phương bằng tay") from None
    path.write_text(new_text, "utf-8")
    return line
