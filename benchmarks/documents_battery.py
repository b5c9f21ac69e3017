"""A battery of "what papers do I need for X" / "do I need paper P for X" over the common
commune procedures, checked against the records themselves.

    python benchmarks/documents_battery.py [--show]

The procedures are those of ``benchmarks/where_online.py`` (the curated cards over commune
records), named by their card title and by the name citizens give them (``NAMES`` there, our own
wording). Each question comes from a new person, through the real dialogue. Checks:

* **entry**: answered with an entry of the right national code (not a question back);
* **field**: the answer leads with the documents;
* **documents: first paper**: "X cần giấy tờ gì" names the first paper of the record's list
  (or the card's curated documents line, when it has one);
* **asked paper named**: "X có cần <P> không", P a paper of the record (any of its groups,
  the first words of its name, as citizens would say it), names P in the answer.

Prints one line per check with its share, then (``--show``) each failure.
"""

from __future__ import annotations

import re
import sys

from benchmarks.battery import Battery
from benchmarks.where_online import NAMES
from bot.knowledge.model import Entry
from bot.papers import HEADS, WEAK
from bot.textnorm import fold

LIST = ("{name} cần giấy tờ gì", "{name} cần chuẩn bị những gì", "hồ sơ {name} gồm những gì",
        "{name} can giay to gi")
ASK = ("{name} có cần {paper} không", "{name} có phải nộp {paper} không")
#: How many papers of a record are asked about (the first of each group, then the next ones).
PAPERS = 4
_LEAD = re.compile(r"^\s*(?:[a-zđ0-9]{1,2}[).]|[-+•*])\s*", re.IGNORECASE)
_STOP = re.compile(r"[,;:(./]|\s(?:hoặc|theo|do|của|đối với|trong|để|về|nếu|đã|mà|có|cho|tại)\s")
_FORM = re.compile(r"\s*(?:theo )?(?:mẫu|\(mẫu).*$", re.IGNORECASE)


def spoken_paper(name: str) -> str:
    """The first words of a paper's name, as a citizen would say it ("Giấy chứng sinh",
    "Tờ khai đăng ký khai sinh"): the numbering, the form and the clauses after it cut."""
    text = _LEAD.sub("", " ".join(name.split()))
    text = _FORM.sub("", text)
    text = _STOP.split(" " + text, maxsplit=1)[0].strip()
    words = text.split()[:6]
    return " ".join(words)[:1].lower() + " ".join(words)[1:] if words else ""


def papers(entry: Entry) -> list[str]:
    r = entry.record
    assert r is not None
    seen: dict[str, None] = {}
    rows = [g.documents for g in r.documents]
    for depth in range(max((len(x) for x in rows), default=0)):
        for docs in rows:
            if depth < len(docs):
                p = spoken_paper(docs[depth].name)
                words = fold(p).split()
                # a paper as citizens name one ("giấy chứng sinh"), not a clause of the list
                # ("trường hợp …", "ví dụ …") nor the bare "giấy tờ"
                if words and words[0] in HEADS and len([w for w in words if w not in WEAK]) >= 1 \
                        and fold(p) not in {fold(s) for s in seen}:
                    seen[p] = None
    return list(seen)[:PAPERS]


def main(argv: list[str]) -> int:
    battery = Battery("d")
    check = battery.check
    for code, entry in battery.cards:
        r = entry.record
        assert r is not None
        spoken, others = NAMES.get(code, (entry.title, ()))
        right = {code, *others}
        names = (entry.title[0].lower() + entry.title[1:], spoken)
        listed = papers(entry)
        curated = entry.amend.get("documents")
        first = fold(str(curated.value))[:30] if curated is not None and curated.known \
            else fold(listed[0]) if listed else ""
        for template in LIST:
            for name in names:
                q = template.format(name=name)
                reply = battery.answered(q, right, "documents")
                if reply is None:
                    continue
                text, field = reply
                if first:
                    check("documents: first paper", first in text, q, f"lacks {first!r}")
        for paper in listed:
            for template in ASK:
                q = template.format(name=spoken, paper=paper)
                reply = battery.answered(q, right, None)
                if reply is None:
                    continue
                text, field = reply
                check("asked paper named", fold(paper) in text, q, f"lacks {paper!r} field {field}")
    battery.report("--show" in argv)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
