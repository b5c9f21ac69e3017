"""The paper a person shows at the desk ("xuất trình": seen, not handed in), in an answer on the
papers to submit.

A record lists them apart ("Giấy tờ phải xuất trình"): the identity paper (hộ chiếu, thẻ căn
cước …), a paper proving residence, and remarks that open with "Trường hợp …". The answer on the
papers (``documents``) lists those handed in, so a person asking "mang gì theo" would not learn
to bring the identity paper; one short line names the first paper shown (the identity paper
first), in the record's own words, before the "… và N giấy tờ khác" pointer (an answer on two
fields cuts its list of papers: the line must not be the one left out).
"""

from __future__ import annotations

from collections.abc import Callable

from bot.knowledge.records.extract import MAX_NAME, cut, main_group
from bot.knowledge.records.model import Record

#: characters of the paper shown: enough for the identity paper's first names ("Hộ chiếu/Thẻ
#: căn cước công dân/Thẻ căn cước/Căn cước điện tử …"), short enough to fit beside a second field
SHOWN_LIMIT = 90

#: words of an identity paper, named first: every desk asks to see it
_IDENTITY = ("căn cước", "hộ chiếu")


#: characters of each paper's name in a short list of papers (beside a second field asked)
#: when a paper to show follows: the paper's kind and its first words
SHORT_NAME = 100


def listed(r: Record, limit: int | None) -> tuple[int | None, int]:
    """How many papers of ``r`` to list (of ``limit``: None is every one) and each name's
    characters. A short list (beside a second field, three papers) followed by a paper to show
    (:func:`shown_paper`) lists one paper fewer, with shorter names: the paper every desk asks
    to see comes before the others a special case needs, and the list keeps to its share of the
    answer (records/shares.py), also beside a long "where"."""
    if limit is not None and limit <= 3 and shown_paper(r) is not None:
        return limit - 1, SHORT_NAME
    return limit, MAX_NAME


def _bare(name: str) -> str:
    return name.lstrip("-+• ").strip()


def shown_paper(r: Record) -> str | None:
    """The paper of ``r``'s group of papers shown ("xuất trình") to name: the identity paper, or
    the first one that is not a remark ("Trường hợp …"); None when there is no such group, or
    when the papers to submit already list it (a record with only that group)."""
    main = main_group(r)
    listed = {_bare(d.name) for d in main.documents} if main else set()
    papers = [_bare(d.name) for g in r.documents if "xuất trình" in g.case.lower() for d in g.documents]
    papers = [p for p in papers if p and p not in listed and not p.lower().startswith("trường hợp")]
    if not papers:
        return None
    return next((p for p in papers if any(w in p.lower() for w in _IDENTITY)), papers[0])


def with_shown(r: Record, lines: list[str], t: Callable[..., str]) -> list[str]:
    """The numbered ``lines`` of papers with the paper shown (:func:`shown_paper`) after the
    papers and before a closing pointer to the others (a line that is not numbered)."""
    paper = shown_paper(r)
    if paper is None or not lines:
        return lines
    line = t("rec_documents_shown", paper=cut(paper, SHOWN_LIMIT))
    end = len(lines) - 1 if not lines[-1][:1].isdigit() else len(lines)
    return [*lines[:end], line, *lines[end:]]
