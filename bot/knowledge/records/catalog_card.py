"""Answers for a procedure known only from the national catalog (no details record).

The catalog names the procedure and the body that carries it out, nothing else. A curated card
over such a code may add sourced lines (``Entry.amend``: documents, time limit, fee, where,
conditions, summary, from the law in force); they are answered as a record's field would be,
and what no line covers is sent to the portal or the one-stop desk.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.knowledge.model import Entry
from bot.knowledge.records.model import portal_url
from bot.knowledge.records.where import spoken_names, without_province

__all__ = ["catalog_lines", "is_commune"]

Text = Callable[..., str]

#: The fields a catalog summary lists, in this order, after where to file.
SUMMARY_FIELDS = ("documents", "time_limit", "fee")
LABELS = {"documents": "rec_documents", "time_limit": "rec_time_limit", "fee": "rec_fee",
          "where": "rec_where", "conditions": "rec_conditions", "online": "rec_ways_label"}
#: "xã" as the commune, not the "xã" of "xã hội" (Bảo hiểm xã hội tỉnh is not a commune body).
_COMMUNE = re.compile(r"\bxã\b(?!\s+hội)")


def is_commune(who: str) -> bool:
    return bool(_COMMUNE.search(who.lower()))


def _known(entry: Entry) -> dict[str, str]:
    return {k: str(f.value) for k, f in entry.amend.items() if f.known}


def catalog_lines(entry: Entry, t: Text, field: str | None = None) -> list[str]:
    """The answer's lines: the title, then the curated lines for ``field`` (or, without
    ``field`` or with none of it curated, a summary), then the portal link."""
    item = entry.catalog
    assert item is not None
    commune = is_commune(", ".join(item.departments))
    amend = _known(entry)
    # a line with no executing body: the card's sourced where line, never the publisher
    who = spoken_names(without_province(item.departments, item.promulgator), t, commune_first=commune) \
        or amend.get("where", "")
    lines = [f"📋 {entry.title}"]
    link = t("rec_catalog_link", url=portal_url(item.code))
    if not who:
        return [*lines, t("rec_catalog_unknown"), link]
    if not is_commune(who) and not set(amend) - {"where"}:  # (a card's lines are still said)
        return [*lines, t("rec_catalog_where", who=who), link]
    if not amend:
        return [*lines, t("rec_catalog_commune", who=who), link]
    wanted = [f for f in (field or "").split("+") if f in LABELS]
    if "phí" in entry.title.lower() and "fee" in wanted:
        # "mai táng phí", "chi phí mai táng" name the procedure; they do not ask the fee
        # (the summary still says it)
        wanted.remove("fee")
    wanted = wanted[:2]
    asked = [f for f in wanted if f in amend]
    if asked:
        for f in asked:
            lines += [f"{t(LABELS[f])}:", f"• {amend[f]}"]
        return [*lines, link]
    if wanted:  # a field no sourced line covers: where to file, and where to look
        return [*lines, f"• {t('rec_where')}: {amend.get('where') or who}",
                t("rec_catalog_rest", fields=", ".join(t(LABELS[f]) for f in wanted)), link]
    lines.append(f"• {t('rec_where')}: {amend.get('where') or who}")
    if "summary" in amend:
        lines.append(f"ℹ️ {amend['summary']}")
    lines += [f"• {t(LABELS[f])}: {amend[f]}" for f in (*SUMMARY_FIELDS, "online") if f in amend]
    missing = [t(LABELS[f]) for f in SUMMARY_FIELDS if f not in amend]
    if missing:
        lines.append(t("rec_catalog_rest", fields=", ".join(missing)))
    return [*lines, link]
