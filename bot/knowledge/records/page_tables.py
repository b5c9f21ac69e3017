"""The two run-together tables of the page text that need real splitting: the documents
(``thanh_phan_ho_so``) and the legal basis (``can_cu_phap_ly``).

Documents: each table starts with its header "Tên giấy tờMẫu đơn, tờ khaiSố lượng", preceded by
the group's heading ("* Giấy tờ phải nộp:", "--" for none); each row is the paper's name, the
template's file name when there is one ("…Bộ Công an)Mẫu DC02 Phiếu đề nghị….doc") and its
count ("1 bản chính", "0 bản chính,1 bản sao") glued to the next row. A count inside a name
("Tờ khai hải quan: 02 bản chính;") is followed by punctuation or a space; a table count by
the next row's first character or the end.
"""

from __future__ import annotations

import re

from bot.knowledge.records import clean
from bot.knowledge.records.model import Document, DocumentGroup

_HEAD = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
# A table count is glued to the next row (or ends the text); one followed by a space or a
# punctuation mark, or by another count ("…: 01 bản chính1 bản chính"), is part of a name.
_COUNT = re.compile(r"(\d+) bản chính(?:,(\d+) bản sao)?(?=$|(?!\d+ bản)[^\s;.),:])")
_EXT = r"\.(?:docx?|pdf|xlsx?|rar|zip)"
_FORM_END = re.compile(rf"{_EXT}$", re.I)
_FORM_START = re.compile(r"(?:Mẫu|Mau|MẪU|Mu|TK\d|NA\d|[A-Z]{2,}|\d+[.\-])")
_UPPER = "A-ZĐÁÀẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÉÈẺẼẸÊẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÚÙỦŨỤƯỨỪỬỮỰÝỲỶỸỴ"
_CODE_TEXT = rf"\d+(?:\.\d+)?/\d{{4}}/[{_UPPER}]+[a-z]?\d*(?:-[{_UPPER}]+[a-z]?\d*)*"
# A code ends an entry when the next entry's first word (a capital, then small letters) follows.
_CODE = re.compile(rf"{_CODE_TEXT}(?=$|[{_UPPER}][^\W\d{_UPPER}])")
_CODE_ONLY = re.compile(_CODE_TEXT)
_LEGAL_HEAD = "Tên văn bản pháp lýMã văn bản"
#: Longest template file name glued to a paper's name without a "Mẫu …" start to tell it by.
_BARE_FORM = 40


def _split_form(name: str) -> tuple[str, str]:
    """ "Tờ khai … (mẫu DC01 …)Mẫu DC01 Phiếu….docx" → (name, "Mẫu DC01 Phiếu….docx")."""
    if not _FORM_END.search(name):
        return name, ""
    for i in range(1, len(name)):
        before, here = name[i - 1], name[i]
        joined = before in ".;:)" or (before.isalpha() and before.islower() and here.isupper())
        bare = here.isalnum() and len(name) - i <= _BARE_FORM  # "…QĐ-TTgGiấy đề nghị.pdf"
        if not joined or here.isspace() or not (_FORM_START.match(name, i) or bare):
            continue
        rest = name[i:]
        if len(rest) <= 160 and ". " not in rest and "; " not in rest:
            forms = re.findall(rf".+?{_EXT}", rest, re.I)
            return name[:i], "; ".join(clean.line(f) for f in forms)
    return name, ""


def _count(digits: str) -> tuple[int, str]:
    """A count glued to a name ending in digits ("năm 20051 bản chính"): counts are one digit,
    the rest goes back to the name."""
    return int(digits[-1]), digits[:-1]


def _rows(text: str) -> tuple[list[Document], str]:
    """The rows of one table and the text after the last count (the next group's heading)."""
    docs: list[Document] = []
    start = 0
    for m in _COUNT.finditer(text):
        original, spill = _count(m.group(1))
        copy = int(m.group(2)) if m.group(2) else 0
        raw, form = _split_form(clean.line(text[start:m.start()] + spill))
        start = m.end()
        name = clean.name(raw)
        if not name:
            continue
        counted = bool(original or copy)
        docs.append(Document(name=name, original=original if counted else None,
                             copy=copy if counted else None, form=form))
    return docs, text[start:]


def documents(cell: str) -> tuple[tuple[DocumentGroup, ...], tuple[str, ...]]:
    """The ``thanh_phan_ho_so`` section → document groups and the remarks of "Lưu ý" groups."""
    body = clean.text(cell)
    if not body:
        return (), ()
    if _HEAD not in body:  # free text with no table: one paper per line
        lines = tuple(Document(name=n) for n in (clean.name(x) for x in body.split("\n")) if n)
        return ((DocumentGroup("", lines),) if lines else ()), ()
    segments = body.split(_HEAD)
    heading = segments[0]
    groups: list[DocumentGroup] = []
    notes: list[str] = []
    for segment in segments[1:]:
        docs, tail = _rows(segment)
        label = clean.group(heading)
        if clean.is_note_group(label):
            notes += [d.name for d in docs]
            heading = tail
            continue
        notes += [d.name for d in docs if clean.is_note_group(d.name)]  # "Lưu ý: …" among the papers
        docs = [d for d in docs if not clean.is_note_group(d.name)]
        if docs:
            groups.append(DocumentGroup(label, tuple(docs)))
        heading = tail
    groups.sort(key=lambda g: g.case != "")
    return tuple(groups), tuple(notes)


def legal_basis(cell: str) -> tuple[str, ...]:
    """ "Tên văn bản pháp lýMã văn bảnThông tư …Trung ương85/2019/TT-BTCNghị định…" → one line
    per legal document, its code in brackets when the name does not already carry it."""
    body = clean.line(cell)
    body = body[len(_LEGAL_HEAD):] if body.startswith(_LEGAL_HEAD) else body
    out: list[str] = []
    start = 0
    for m in _CODE.finditer(body):
        entry, code = body[start:m.end()], m.group(0)
        start = m.end()
        # "Luật 60/2014/QH1360/2014/QH13": the name carries the code, then the code column.
        j = next((j for j in range(len(entry)) if _CODE_ONLY.fullmatch(entry[j:]) and entry[j:] in entry[:j]),
                 len(entry) - len(code))
        name, code = entry[:j].strip(), entry[j:]
        if code in name or not name:
            out.append(clean.line(name or code))
        else:
            out.append(f"{clean.line(name)} ({code})")
    if body[start:].strip():
        out.append(clean.line(body[start:]))
    return tuple(dict.fromkeys(x for x in out if x))
