"""Load and validate a knowledge folder into a :class:`~bot.knowledge.model.KnowledgeBase`.

Every problem is reported with its file, line and what to fix (in Vietnamese: officials read
these); loading raises :class:`~bot.errors.KnowledgeError` listing all of them at once.
"""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Any

from bot.errors import KnowledgeError, Problem
from bot.knowledge.cards import attach_records, load_procedures
from bot.knowledge.conversation import load_conversation
from bot.knowledge.model import (
    Announcement,
    Entry,
    Fact,
    Hotline,
    KnowledgeBase,
    Locality,
    Mapping,
    Plan,
    Topic,
)
from bot.knowledge.plans import load_plans
from bot.knowledge.yamlfile import Checker, Node, Seq, phone_digits, read_yaml, top_mapping, yaml_files
from bot.messages import CHANNELS

PLACEHOLDERS = {"locality", "desk", "hotlines", "local_hotlines", "website"}
PLAN_KINDS = {"plan-lead", "plan-timing", "plan-forms", "plan-items", "plan-quota",
              "plan-reporting", "plan-objectives", "plan-audience", "plan-budget", "plan-overview"}
MENUS = {"main", "topic", "procedures", "hidden"}
LEVELS = {"xa", "phuong", "dac-khu", "huyen", "tinh"}
PHONE_RE = re.compile(r"(?<![\d.,])(?:\+84|0|1[89]00)[\d .]{6,12}\d(?![\d])")
#: ui.yaml keys the dialogue needs; a missing one is an error, not a crash at run time.
UI_KEYS = (
    "greeting", "privacy", "ask_locality", "locality_set", "locality_unknown", "main_menu",
    "locality_not_served", "locality_former_district", "feedback_reply", "chart_empty",
    "help", "fallback", "fallback_off_topic",
    "suggest", "followups", "back", "menu_procedures", "topic_empty",
    "hotlines_title", "national_hotlines_title", "no_local_hotline", "rate_prompt",
    "rated_up", "rated_down", "rated_already", "feedback_ask", "feedback_thanks",
    "feedback_empty", "unknown_command", "source_line", "unknown_fact", "too_long",
    "data_export", "data_row_session", "data_row_feedback",
    "data_deleted", "data_delete_confirm", "not_text", "error", "private_only",
    "web_rate_limited",
    "desk_unknown", "website_unknown", "plan_missing", "cancelled", "menu_procedures_label",
    "menu_hotline_label", "menu_feedback_label", "menu_more_label", "menu_more", "locality_other",
    "rate_up_label", "rate_down_label", "data_delete_yes", "data_delete_no", "data_empty",
    "proc_authority", "proc_ways", "proc_in_person", "proc_online", "proc_post", "proc_documents",
    "proc_time_limit", "proc_fee", "proc_link", "proc_notes", "plan_intro", "plan_item_lead",
    "plan_item_partners", "plan_item_timing", "plan_item_forms", "plan_item_section",
    "plan_not_stated", "plan_no_quota", "plan_no_reporting", "plan_reporting_line", "plan_periods",
    "plan_overview", "plan_no_number", "plan_no_date", "plan_items_more", "desk_details_unknown",
    "choice_out_of_range", "menu_subscribe_label", "subscribed_default", "subscribe_ask",
    "subscribe_done", "subscribe_already", "unsubscribe_ask", "unsubscribe_all_label",
    "unsubscribe_done", "unsubscribe_all_done", "unsubscribe_none", "subscribe_group",
    "officer_only", "bc_ask_text", "bc_bad_length", "bc_ask_topic", "bc_ask_locality",
    "bc_all_localities", "bc_preview", "bc_send_label", "bc_cancel_label", "bc_queued", "bc_cancelled",
    "bc_unknown_topic", "bc_unknown_locality", "bc_bad_time", "bc_bad_repeat", "button_unknown",
    "draft_answer", "draft_source",
    *(f"admin_{key}" for key in (
        "bad_request", "back", "csrf", "login_locked", "login_locked_text", "back_login", "login_wrong",
        "last_30_days", "chart_daily", "chart_daily_title", "chart_channel", "chart_topic", "chart_rating",
        "chart_rating_title", "rating_up", "rating_down", "bad_log_filter", "bad_question_ids", "handled",
        "bad_feedback_id", "reply_sent", "reply_waiting", "reply_not_sent", "reply_empty", "reply_no_item",
        "broadcast_queued", "bad_broadcast_id", "broadcast_cancelled", "report_failed", "report_format",
        "back_reports", "activity_added", "activity_removed", "activity_missing")),
)


def _load_announcements(root: Path, problems: list[Problem]) -> dict[str, Announcement]:
    c = Checker("topics.yaml", problems)
    data = read_yaml(root / "topics.yaml", c.path, []) if (root / "topics.yaml").exists() else None
    if not isinstance(data, Node):
        return {}
    out: dict[str, Announcement] = {}
    seq = c.seq(data, "announcements")
    for node, _ in c.records(seq, "mỗi chủ đề thông báo"):
        aid, title = c.ident(node), c.text(node, "title")
        if aid and title:
            out[aid] = Announcement(aid, title, bool(node.get("default", False)))
    if out and sum(a.default for a in out.values()) != 1:
        c.fail(seq.line, "cần đúng một chủ đề thông báo có 'default: true'")
    return out


def _load_topics(root: Path, problems: list[Problem]) -> dict[str, Topic]:
    c = Checker("topics.yaml", problems)
    data = read_yaml(root / "topics.yaml", c.path, problems) if (root / "topics.yaml").exists() else None
    if data is None:
        if not (root / "topics.yaml").exists():
            c.fail(1, "thiếu tệp topics.yaml")
        return {}
    topics: dict[str, Topic] = {}
    top = c.node(data, 1, "tệp")
    if top is None:
        return {}
    seq = c.seq(top, "topics")
    for node, line in c.records(seq, "mỗi chủ đề"):
        tid, title = c.ident(node), c.text(node, "title")
        menu = c.choice(node, "menu", MENUS)
        if tid and tid in topics:
            c.fail(line, f"chủ đề '{tid}' bị khai báo hai lần")
        if tid and title and menu:
            topics[tid] = Topic(tid, title, menu, c.texts(node, "plan_items"))
    return topics


def _load_mapping(root: Path, name: str, key: str, problems: list[Problem],
                  value_list: bool = False) -> dict[str, Any]:
    c = Checker(name, problems)
    top = top_mapping(root, name, c, problems)
    block = c.node(top.get(key), top.line_of(key), f"'{key}'") if top is not None else None
    if block is None:
        return {}
    out: dict[str, Any] = {}
    for k, v in block.items():
        line = block.line_of(k)
        if value_list:
            if isinstance(v, Seq) and all(isinstance(x, str) for x in v):
                out[k] = [c.nfc(x, line, k) for x in v]
            else:
                c.fail(line, f"'{k}' phải là danh sách các cách viết, ví dụ [online, onl]")
        elif isinstance(v, str):
            out[k] = c.nfc(v, line, k)
        else:
            c.fail(line, f"'{k}' phải là một đoạn chữ")
    return out


def _load_stopwords(root: Path, problems: list[Problem]) -> frozenset[str]:
    c = Checker("synonyms.yaml", problems)
    data = read_yaml(root / "synonyms.yaml", c.path, []) if (root / "synonyms.yaml").exists() else None
    if not isinstance(data, Node):
        return frozenset()
    return frozenset(c.texts(data, "stopwords"))


def _hotline(c: Checker, raw: Any, line: int) -> Hotline | None:
    node = c.node(raw, line, "mỗi đường dây nóng")
    if node is None:
        return None
    name, number, source = c.text(node, "name"), c.text(node, "number"), c.text(node, "source")
    if number is not None and not 3 <= len(phone_digits(number)) <= 12:
        c.fail(node.line_of("number"), f"số '{number}' không giống số điện thoại Việt Nam")
        return None
    if name and number and source:
        return Hotline(name, number, source, c.text(node, "note", required=False))
    return None


def _load_localities(root: Path, problems: list[Problem]) -> tuple[dict[str, Locality], tuple[Hotline, ...]]:
    c = Checker("localities.yaml", problems)
    if not (root / "localities.yaml").exists():
        c.fail(1, "thiếu tệp localities.yaml")
        return {}, ()
    data = read_yaml(root / "localities.yaml", c.path, problems)
    top = c.node(data, 1, "tệp") if data is not None else None
    if top is None:
        return {}, ()
    national_seq = c.seq(top, "national_hotlines")
    national = tuple(h for raw, line in zip(national_seq, national_seq.item_lines, strict=True)
                     if (h := _hotline(c, raw, line)))
    out: dict[str, Locality] = {}
    seq = c.seq(top, "localities")
    for node, line in c.records(seq, "mỗi địa phương"):
        code, name = c.ident(node, "code"), c.text(node, "name")
        level = c.choice(node, "level", LEVELS)
        desk_raw = node.get("desk")
        desk: dict[str, Fact] = {}
        if desk_raw is not None:
            desk_node = c.node(desk_raw, node.line_of("desk"), "'desk'")
            if desk_node is not None:
                desk = {k: c.fact(desk_node, k, required=False) for k in ("name", "address", "hours")}
        hl_seq = c.seq(node, "hotlines", required=False)
        hotlines = tuple(h for r, ln in zip(hl_seq, hl_seq.item_lines, strict=True)
                         if (h := _hotline(c, r, ln)))
        if code and code in out:
            c.fail(line, f"mã địa phương '{code}' bị trùng")
        if code and name and level:
            out[code] = Locality(
                code=code, name=name, level=level,
                province=c.text(node, "province", required=False),
                aliases=c.texts(node, "aliases"), note=c.text(node, "note", required=False),
                desk=desk, hotlines=hotlines,
                website=c.fact(node, "website", required=False),
                plan=c.text(node, "plan", required=False),
                example=bool(node.get("example", False)),
                province_note=c.text(node, "province_note", required=False),
            )
    return out, national


def _check_answer(c: Checker, node: Node, answer: str, known_phones: set[str]) -> None:
    line = node.line_of("answer")
    try:
        fields = {f for _, f, _, _ in string.Formatter().parse(answer) if f is not None}
    except ValueError:
        c.fail(line, "dấu ngoặc nhọn không cân đối trong 'answer' — ngoặc thật thì gõ {{ và }}")
        return
    for f in sorted(fields - PLACEHOLDERS):
        c.fail(line, f"ô thay thế '{{{f}}}' không tồn tại — dùng một trong "
               f"{', '.join('{' + p + '}' for p in sorted(PLACEHOLDERS))}")
    for match in PHONE_RE.finditer(answer):
        if phone_digits(match.group()) not in known_phones:
            c.fail(line, f"số điện thoại '{match.group().strip()}' không có trong danh sách đường "
                   "dây nóng có nguồn (localities.yaml) — thêm nó kèm nguồn, hoặc dùng {hotlines}")


def _load_entries(root: Path, problems: list[Problem], known_phones: set[str]) -> list[Entry]:
    entries: list[Entry] = []
    for c, top in yaml_files(root, "faq", problems):
        seq = c.seq(top, "entries")
        for node, line in c.records(seq, "mỗi câu hỏi – trả lời"):
            eid, topic = c.ident(node), c.ident(node, "topic")
            questions = c.texts(node, "questions", required=True, minimum=3)
            answer, source = c.text(node, "answer"), c.text(node, "source")
            reviewed = c.day(node, "reviewed")
            kind = c.choice(node, "kind", PLAN_KINDS, required=False)
            if answer is not None:
                _check_answer(c, node, answer, known_phones)
            options: list[tuple[str, str]] = []
            for opt, oline in c.records(c.seq(node, "options", required=False), "mỗi lựa chọn"):
                label, target = c.text(opt, "label"), c.text(opt, "entry")
                if label and target:
                    options.append((label, target))
                else:
                    c.fail(oline, "mỗi lựa chọn cần 'label' (lời người dân) và 'entry' (mã mục)")
            if eid and topic and questions and answer and source and reviewed:
                entries.append(Entry(
                    id=eid, topic=topic, questions=questions, answer=answer, source=source,
                    reviewed=reviewed, follow_up=c.texts(node, "follow_up"),
                    localities=c.texts(node, "localities"), kind=kind, file=c.path, line=line,
                    options=tuple(options)))
    return entries


def _load_plan_mapping(root: Path, problems: list[Problem], topics: dict[str, Topic],
                       plans: dict[str, Plan]) -> Mapping:
    c = Checker("mapping.yaml", problems)
    if not (root / "mapping.yaml").exists():
        c.fail(1, "thiếu tệp mapping.yaml (ánh xạ hoạt động sang nội dung kế hoạch)")
        return Mapping()
    data = read_yaml(root / "mapping.yaml", c.path, problems)
    top = c.node(data, 1, "tệp") if data is not None else None
    if top is None:
        return Mapping()

    def phrases(block_key: str, allowed: set[str] | tuple[str, ...], what: str) -> dict[str, tuple[str, ...]]:
        block = c.node(top.get(block_key), top.line_of(block_key), f"'{block_key}'")
        out: dict[str, tuple[str, ...]] = {}
        for key in block or {}:
            assert block is not None
            if key not in allowed:
                c.fail(block.line_of(key), f"{what} '{key}' không tồn tại")
                continue
            out[key] = c.texts(block, key)
        return out

    overrides: dict[str, dict[str, tuple[str, ...]]] = {}
    raw = top.get("overrides")
    block = c.node(raw, top.line_of("overrides"), "'overrides'") if raw is not None else None
    for plan_id in block or {}:
        assert block is not None
        plan = plans.get(plan_id)
        node = c.node(block[plan_id], block.line_of(plan_id), f"'{plan_id}'")
        if plan is None or node is None:
            if plan is None:
                c.fail(block.line_of(plan_id), f"kế hoạch '{plan_id}' không có trong plans/")
            continue
        ids = {i.id for i in plan.items}
        overrides[plan_id] = {}
        for key in node:
            items = c.texts(node, key)
            for item in items:
                if item not in ids:
                    c.fail(node.line_of(key), f"kế hoạch '{plan_id}' không có nội dung mã '{item}'")
            overrides[plan_id][key] = items
    return Mapping(topics=phrases("topics", set(topics), "chủ đề"),
                   channels=phrases("channels", CHANNELS, "kênh"),
                   broadcasts=c.texts(top, "broadcasts"), overrides=overrides)


def _cross_check(kb: KnowledgeBase, problems: list[Problem]) -> None:
    for e in kb.entries.values():
        def fail(msg: str, e: Entry = e) -> None:
            problems.append(Problem(e.file, e.line, msg))
        if e.topic not in kb.topics:
            fail(f"chủ đề '{e.topic}' của '{e.id}' không có trong topics.yaml")
        for f in (*e.follow_up, *(target for _, target in e.options)):
            if f not in kb.entries:
                fail(f"'follow_up' của '{e.id}' trỏ tới '{f}' — không có mục nào mang mã này")
        for code in e.localities:
            if code not in kb.localities:
                fail(f"'localities' của '{e.id}' có mã '{code}' không có trong localities.yaml")
    for loc in kb.localities.values():
        if loc.plan and loc.plan not in kb.plans:
            problems.append(Problem("localities.yaml", 1, f"địa phương '{loc.code}' trỏ tới kế hoạch "
                                    f"'{loc.plan}' — không có tệp plans/ nào mang mã này"))
    for plan in kb.plans.values():
        if plan.locality not in kb.localities:
            problems.append(Problem(f"plans/{plan.id}.yaml", 1, f"kế hoạch '{plan.id}' thuộc địa "
                                    f"phương '{plan.locality}' — không có trong localities.yaml"))
    def count(folder: str) -> int:
        return sum(1 for e in kb.entries.values() if e.file.startswith(folder))
    for where, what, n in (("faq/", "câu hỏi – trả lời", count("faq/")),
                           ("procedures/", "thủ tục", count("procedures/")),
                           ("localities.yaml", "địa phương", len(kb.localities)),
                           ("topics.yaml", "chủ đề", len(kb.topics))):
        if n == 0:
            problems.append(Problem(where, 1, f"không có {what} nào — trợ lý cần ít nhất một; "
                                    "khôi phục phần này rồi chạy lại 'cchc-bot kb check'"))
    missing = [k for k in UI_KEYS if k not in kb.ui]
    if missing:
        problems.append(Problem("ui.yaml", 1, f"thiếu các câu: {', '.join(missing)}"))


def load_knowledge(root: Path) -> KnowledgeBase:
    """Load ``root``; raise :class:`KnowledgeError` with every located problem if invalid."""
    problems: list[Problem] = []
    if not root.is_dir():
        raise KnowledgeError([Problem(str(root), 0, "không phải là một thư mục")])
    topics = _load_topics(root, problems)
    localities, national = _load_localities(root, problems)
    phones = {phone_digits(h.number) for h in national}
    phones |= {phone_digits(h.number) for loc in localities.values() for h in loc.hotlines}
    entries: dict[str, Entry] = {}
    for e in [*_load_entries(root, problems, phones), *load_procedures(root, problems)]:
        if e.id in entries:
            first = entries[e.id]
            problems.append(Problem(e.file, e.line, f"mã '{e.id}' đã dùng ở {first.file}:{first.line} "
                                    "— đặt mã khác"))
            continue
        entries[e.id] = e
    attach_records(root, entries, set(topics), problems)
    plans = {p.id: p for p in load_plans(root, problems)}
    kb = KnowledgeBase(
        topics=topics, entries=entries, localities=localities, national_hotlines=national,
        plans=plans, ui=_load_mapping(root, "ui.yaml", "texts", problems),
        abbreviations=_load_mapping(root, "synonyms.yaml", "abbreviations", problems),
        synonyms={variant: canonical
                  for canonical, variants in
                  _load_mapping(root, "synonyms.yaml", "synonyms", problems, value_list=True).items()
                  for variant in variants},
        stopwords=_load_stopwords(root, problems),
        regional=_load_mapping(root, "synonyms.yaml", "regional", problems),
        regional_words=_load_mapping(root, "synonyms.yaml", "regional_words", problems),
        announcements=_load_announcements(root, problems),
        conversation=load_conversation(root, problems),
        mapping=_load_plan_mapping(root, problems, topics, plans), root=str(root))
    _cross_check(kb, problems)
    if problems:
        raise KnowledgeError(problems)
    return kb
