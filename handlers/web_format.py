"""Jinja filters of the web pages: clickable links and phone numbers, labels that need no emoji
font, the source line of an answer apart, numbers written the Vietnamese way."""

from __future__ import annotations

import re
import unicodedata

from jinja2 import Environment
from markupsafe import Markup, escape

_URL = re.compile(r"https?://[^\s<>\"']+|(?<![\w@/.-])(?:[a-z0-9-]+\.)+(?:gov\.vn|org\.vn|com\.vn|vn|com|org)"
                  r"(?:/[^\s<>\"']*)?", re.IGNORECASE)
_PHONE = r"(?<![\w.,/])(?:\+84|0|1[89]00)(?:[ .]?\d){4,10}(?![\w/])"
_LINK = re.compile(f"(?P<url>{_URL.pattern})|(?P<phone>{_PHONE})", re.IGNORECASE)
_TRAILING = ".,;:!?)…"
_SOURCE_PREFIX = "Nguồn:"
NBSP = "\u00a0"
_PICTOGRAPH = re.compile("[" + "".join(re.escape(chr(c)) for c in range(0x2100, 0x1FAFF)
                                        if unicodedata.category(chr(c)) == "So")
                         + "][\ufe0f\u200d]* ?")


def linkify(text: str) -> Markup:
    """``text`` escaped, with web addresses as links and phone numbers as ``tel:`` links."""
    out: list[str] = []
    at = 0
    for m in _LINK.finditer(text):
        found = m.group()
        kept = found.rstrip(_TRAILING)
        digits = re.sub(r"\D", "", found)
        if m.group("phone") and not _dialable(digits):
            continue
        out.append(str(escape(text[at:m.start()])))
        if m.group("url"):
            href = kept if kept.lower().startswith("http") else f"https://{kept}"
            out.append(f'<a href="{escape(href)}" rel="noopener noreferrer" target="_blank">'
                       f"{escape(kept)}</a>")
        else:
            out.append(f'<a href="tel:{"+" if kept.startswith("+") else ""}{digits}">{escape(kept)}</a>')
        at = m.start() + len(kept)
    out.append(str(escape(text[at:])))
    return Markup("".join(out))


def _dialable(digits: str) -> bool:
    """A Vietnamese phone number: 0 + 9–10 digits, +84 + 9–10, or 1800/1900 + 4 or 6."""
    if digits.startswith("84"):
        return 11 <= len(digits) <= 12
    if digits.startswith(("1800", "1900")):
        return len(digits) in (8, 10)
    return digits.startswith("0") and 10 <= len(digits) <= 11


def plain_label(label: str) -> str:
    """A button label without emoji or other pictographs (a phone may lack the font)."""
    kept = "".join(ch for ch in label if unicodedata.category(ch) != "So"
                   and ch != "\u200d" and not 0xFE00 <= ord(ch) <= 0xFE0F)
    return " ".join(kept.split()) or label


def no_pictographs(text: str) -> str:
    """``text`` without emoji or other pictographs (and the space after one)."""
    return _PICTOGRAPH.sub("", text)


def split_source(text: str) -> tuple[str, str | None]:
    """(the answer, its "Nguồn: …" line) when the answer ends with a source paragraph."""
    body, sep, last = text.rpartition("\n\n")
    if sep and last.startswith(_SOURCE_PREFIX) and "\n" not in last.strip():
        return body, last
    return text, None


def vn_number(value: float | int | None, decimals: int = 0) -> str:
    """1234.5 → "1.234,5" (Vietnamese separators)."""
    if value is None:
        return "—"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def vn_percent(value: float | None, decimals: int = 1) -> str:
    """76.25 → "76,3 %" (a no-break space before the sign)."""
    return "—" if value is None else f"{vn_number(value, decimals)}{NBSP}%"


def readable(text: str, names: dict[str, dict[str, str]]) -> str:
    """A logged command ("/diaphuong ky-lac") with the codes in it named ("/diaphuong Xã Kỳ Lạc")."""
    known = {code: name for table in names.values() for code, name in table.items()}
    return " ".join(known.get(word, word) for word in text.split(" "))


def install(env: Environment) -> None:
    """Register the filters on the templates' environment."""
    env.filters.update(linkify=linkify, plain_label=plain_label, split_source=split_source,
                       vn_number=vn_number, vn_percent=vn_percent, readable=readable,
                       no_pictographs=no_pictographs)
