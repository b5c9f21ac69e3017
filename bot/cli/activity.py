"""``cchc-bot activity add|list|remove``: outreach done outside the bot, from the command line."""

from __future__ import annotations

import argparse
import getpass
from typing import TextIO

from bot.config import load_settings
from bot.errors import InputError
from bot.knowledge.load import load_knowledge
from bot.reports.config import load_report_config
from bot.reports.data import parse_period
from bot.reports.tables import dmy
from bot.storage.activities import Activities, parse_activity
from bot.storage.store import Store


def configure(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    act = sub.add_parser("activity",
                         help="hoạt động tuyên truyền ngoài Trợ lý (phát thanh, tin bài, hội nghị…)")
    act_sub = act.add_subparsers(dest="activity_command", required=True, metavar="ACTIVITY_COMMAND")
    add = act_sub.add_parser("add", help="ghi nhận một hoạt động")
    add.add_argument("--date", required=True, help="ngày thực hiện YYYY-MM-DD")
    add.add_argument("--form", required=True,
                     help="hình thức (report.yaml: forms), ví dụ phat-thanh, trang-tin")
    add.add_argument("--locality", required=True, help="mã địa phương")
    add.add_argument("--description", required=True, help="mô tả ngắn")
    add.add_argument("--quantity", default="1", help="số lượng (số tin bài, số buổi…), mặc định 1")
    add.add_argument("--item", help="mã nội dung của kế hoạch (plans/*.yaml: items)")
    add.add_argument("--participants", help="số người tham dự")
    add.add_argument("--evidence", help="đường dẫn minh chứng (https://…)")
    ls = act_sub.add_parser("list", help="liệt kê hoạt động")
    ls.add_argument("--locality", help="mã địa phương")
    ls.add_argument("--period", help="kỳ: 2026-Q4, 2026-H2, 2026…")
    rm = act_sub.add_parser("remove", help="xóa một hoạt động ghi nhầm")
    rm.add_argument("id", type=int)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """The store; ``add`` also loads the knowledge (to check forms, localities and plan items),
    ``list`` reads the forms of report.yaml; no engine."""
    settings = load_settings()
    db = Store(settings.db_path, settings.secret)
    try:
        store = Activities(db)
        if args.activity_command == "add":
            kb = load_knowledge(settings.knowledge_dir)
            activity = parse_activity(kb, {
                "day": args.date, "form": args.form, "locality": args.locality,
                "description": args.description, "quantity": args.quantity, "plan_item": args.item,
                "participants": args.participants, "evidence": args.evidence}, f"cli:{getpass.getuser()}")
            out.write(f"Đã ghi nhận hoạt động #{store.add(activity)}.\n")
            return 0
        if args.activity_command == "remove":
            if not store.remove(args.id):
                raise InputError(f"không có hoạt động #{args.id}")
            out.write(f"Đã xóa hoạt động #{args.id}.\n")
            return 0
        forms = load_report_config(str(settings.knowledge_dir)).forms
        if args.period:
            period = parse_period(args.period)
            items = store.between(period.start, period.end, args.locality)
        else:
            items = store.recent(locality=args.locality)[::-1]
        for a in items:
            form = forms.get(a.form)
            out.write(f"#{a.id}\t{dmy(a.day)}\t{a.locality or ''}\t{form.title if form else a.form}\t"
                      f"{a.quantity} {form.unit if form else ''}\t{a.description}\n")
        out.write(f"{len(items)} hoạt động.\n")
        return 0
    finally:
        db.close()
