"""What an answer takes from an official record besides its plain fields: the papers of the
common case, the deadlines its steps give, and what a question about conditions is answered
with (the curated line, the record's conditions, the card's notes); cutting long texts at a word.
"""

from __future__ import annotations

import re

from bot.knowledge.model import Entry, Fact
from bot.knowledge.records.model import Document, DocumentGroup, Record

#: Longest document name shown whole (the rest of a long name is cut at a word).
MAX_NAME = 140


def cut(text: str, limit: int = MAX_NAME) -> str:
    """``text`` on one line, cut at a word before ``limit`` characters (with " …")."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


#: A paper listed under a letter ("a) Sổ BHXH", "đ) …"), in the Vietnamese alphabet's order.
_LETTER = re.compile(r"^([a-zđ])\)\s*")
_ALPHABET = "abcdđefghiklmnopqrstuvxyzjw"


def _is_form(d: Document) -> bool:
    """A form to fill in: a tờ khai, an application (đơn, giấy đề nghị), a slip (phiếu)."""
    name = d.name.lower().lstrip("-+• ")
    return "tờ khai" in name or name.startswith(("đơn", "mẫu đơn", "phiếu", "giấy đề nghị"))


def main_group(record: Record) -> DocumentGroup | None:
    """The documents of the common case: the unnamed group and the papers to submit ("Giấy tờ
    phải nộp"), not those only shown ("xuất trình") nor the remarks; the form (tờ khai) first,
    then the papers, then the papers of special cases ("Trường hợp …")."""
    groups = [g for g in record.documents if g.documents]
    if not groups:
        return None
    chosen = [g for g in groups if not g.case.strip(" :*")
              or ("nộp" in g.case.lower() and "xuất trình" not in g.case.lower())]
    if not chosen:  # only named cases: the first whose papers include the form to fill in
        cases = [g for g in groups if "lưu ý" not in g.case.lower()] or groups
        chosen = [next((g for g in cases if any(_is_form(d) for d in g.documents)), cases[0])]

    def rank(d: Document) -> tuple[int, int]:
        name = d.name.lower().lstrip("-+• ")
        m = _LETTER.match(name)  # "a) Sổ BHXH", "d) Trường hợp …": the record's own order
        order = _ALPHABET.index(m.group(1)) if m else 0
        name = name[m.end():] if m else name
        if _is_form(d) or name.startswith(("đơn", "mẫu đơn", "phiếu", "giấy đề nghị")):
            return 0, order
        if name.startswith(("trường hợp", "người ", "mẫu hộ tịch điện tử", "ví dụ")):
            return 2, order
        return 1, order
    docs = sorted((d for g in chosen for d in g.documents), key=rank)
    return DocumentGroup(chosen[0].case if len(chosen) == 1 else "", tuple(docs))


_STEP_SENTENCE = re.compile(r"\n+|(?<=[.;])\s+(?=[-+•*]?\s*[A-ZĐÀ-Ỹ])")
_DEADLINE = re.compile(r"thời hạn\s+(?:là\s+|tối đa\s+)?(\d+)\s*(?:\([^)]*\)\s*)?(ngày|giờ|tháng)",
                       re.IGNORECASE)
#: How many sentences of the steps a time-limit answer quotes at most.
MAX_STEP_DEADLINES = 2


def step_deadlines(steps: str, known: set[tuple[int, str]]) -> list[str]:
    """The sentences of a record's steps that give a time limit ("Trong thời hạn 20 ngày kể
    từ ngày nhận đủ hồ sơ…") with a figure the ways do not already give, those about the
    handling of the file (from its receipt) first, none about completing a file (bổ sung)."""
    found: list[tuple[int, str]] = []
    seen: set[tuple[int, str]] = set()
    for sentence in _STEP_SENTENCE.split(steps):
        sentence = sentence.strip(" -+•*\t")
        m = _DEADLINE.search(sentence)
        if not m:
            continue
        figure = (int(m.group(1)), m.group(2).lower())
        low = sentence.lower()
        if figure in known or figure in seen or "bổ sung" in low[m.start():m.end() + 60]:
            continue
        seen.add(figure)
        rank = 0 if "hợp lệ" in low or "nhận đủ" in low else 1 if "nhận" in low else 2
        found.append((rank, sentence[m.start():] if m.start() > 60 else sentence))
    found.sort(key=lambda f: f[0])
    return [s for _, s in found[:MAX_STEP_DEADLINES]]



#: Longest part of a record's conditions quoted in a conditions answer, longest line of such
#: an answer, and its longest body (characters).
MAX_CONDITIONS, MAX_CONDITION_LINE, CONDITIONS_BODY = 320, 640, 1100
#: Longest part of a record's conditions quoted when no curated line says them: they are the
#: whole answer (half of the records' conditions run past 320 characters, their later cases —
#: "tối thiểu 05 năm", "không được hưởng" — are what is asked), as much as one line may hold.
MAX_OWN_CONDITIONS = 600
_WORDS = re.compile(r"\w+")
_SENTENCES = re.compile(r"(?<=\.)\s+(?=[A-ZĐÀ-Ỹ])")


def condition_lines(entry: Entry) -> list[str]:
    """What a question about conditions (who may, what is required or allowed, deadlines,
    validity, fines) is answered with: the curated line (``amend.conditions``), the record's
    own conditions, the card's notes, then (without a curated line) the card's summary;
    a line that an earlier one already says is left out."""
    r = entry.record
    assert r is not None
    own = " ".join(r.conditions.replace("+", " ").split()).lstrip("- ")
    curated = entry.amend.get("conditions")
    summary = entry.amend.get("summary") if curated is None else None
    texts = [str(curated.value)] if curated is not None and curated.known else []
    texts += [cut(own, MAX_CONDITIONS if texts else MAX_OWN_CONDITIONS)] if own else []
    texts += [str(f.value) for f in entry.notes if f.known]
    texts += [str(summary.value)] if summary is not None and summary.known else []
    lines: list[str] = []
    for text in texts:
        # the sentences an earlier line already says are left out of a later one
        new = [x for x in _SENTENCES.split(text) if not any(_says(seen, x) for seen in lines)]
        if new and not any(_says(seen, text) for seen in lines):
            lines.append(" ".join(new))
    return lines


def _says(line: str, text: str) -> bool:
    """True when ``line`` already says ``text``: it contains it, or nearly all of its words."""
    words = set(_WORDS.findall(text.lower()))
    return text.rstrip(" .") in line or len(words & set(_WORDS.findall(line.lower()))) >= 0.8 * len(words)


def fact_line(fact: Fact) -> str | None:
    return str(fact.value) if fact.known else None


#: A case's own numbering or "Trường hợp" the label already says ("1. Trường hợp hưởng …").
_CASE_LEAD = re.compile(r"^(?:\d+(?:\.\d+)*[.)]?\s+|[a-zđ]\)\s+)?(?:trường hợp\s*:?\s*)?", re.I)


def case_label(name: str, limit: int = 60) -> tuple[str, bool]:
    """A document group's name as a choice: without its numbering and its own "Trường hợp",
    cut at a word before ``limit`` characters; and whether it names a case (a group of papers
    to show, "Giấy tờ phải xuất trình", is not one)."""
    name = name.strip(" :*")
    if name.lower().startswith("giấy tờ"):
        return cut(name, limit), False
    bare = _CASE_LEAD.sub("", name, count=1)
    bare = bare[:1].upper() + bare[1:] if bare else name
    return cut(bare, limit), True


#: A unit after a figure as the portal's form capitalises it ("7 Ngày làm việc", "02 Giờ").
_UNIT = re.compile(r"(\d)\s+(Ngày làm việc|Ngày|Giờ làm việc|Giờ|Tháng|Năm|Tuần|Phút)\b")


def units_said(text: str) -> str:
    """ "7 Ngày làm việc; 2 Ngày" → "7 ngày làm việc; 2 ngày": the units in running text."""
    return _UNIT.sub(lambda m: f"{m.group(1)} {m.group(2).lower()}", text)
