"""``cchc-bot officers …`` and ``cchc-bot broadcast …``: the allowlist and broadcasts from the
command line."""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path
from typing import TextIO

from bot.broadcast.check import BroadcastError, check_announcement
from bot.broadcast.reach import configured_channels, reach
from bot.clock import show
from bot.config import load_settings
from bot.errors import InputError
from bot.privacy import pseudonym
from bot.storage.accounts import MIN_PASSWORD, Accounts
from bot.storage.outbox import Outbox
from bot.storage.store import Store

__all__ = ["cmd_broadcast", "cmd_officers", "cmd_staff", "configure"]
CHANNELS = ("telegram", "zalo")
#: the option that gave each part of an announcement, to say which one to fix
OPTIONS = {"text": "--text/--file", "topic": "--topic", "locality": "--locality", "at": "--at",
           "every": "--every"}


def configure(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    off = sub.add_parser("officers", help="danh sách cán bộ được gửi thông báo")
    off_sub = off.add_subparsers(dest="officers_command", required=True, metavar="OFFICERS_COMMAND")
    for name, text in (("add", "thêm cán bộ"), ("remove", "bỏ cán bộ")):
        sp = off_sub.add_parser(name, help=text)
        sp.add_argument("who", metavar="CHANNEL:ID", help="ví dụ telegram:123456789 hoặc zalo:abc123")
    off_sub.add_parser("list", help="liệt kê cán bộ")

    staff = sub.add_parser("staff", help="tài khoản cán bộ đăng nhập trang quản trị")
    staff_sub = staff.add_subparsers(dest="staff_command", required=True, metavar="STAFF_COMMAND")
    add = staff_sub.add_parser("add", help="tạo tài khoản (hỏi mật khẩu)")
    add.add_argument("username")
    add.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu từ stdin (cho script)")
    rm = staff_sub.add_parser("remove", help="xóa tài khoản")
    rm.add_argument("username")
    staff_sub.add_parser("list", help="liệt kê tài khoản")

    bc = sub.add_parser("broadcast", help="thông báo tới người đăng ký")
    bc_sub = bc.add_subparsers(dest="broadcast_command", required=True, metavar="BROADCAST_COMMAND")
    create = bc_sub.add_parser("create", help="tạo thông báo (gửi ngay, hẹn giờ hoặc hằng tuần)")
    body = create.add_mutually_exclusive_group(required=True)
    body.add_argument("--text", help="nội dung thông báo")
    body.add_argument("--file", type=Path, help="tệp UTF-8 chứa nội dung")
    create.add_argument("--topic", required=True, help="mã chủ đề thông báo (topics.yaml: announcements)")
    create.add_argument("--locality", required=True, help="mã địa phương, hoặc 'all'")
    create.add_argument("--at", help='giờ Việt Nam "YYYY-MM-DD HH:MM" (mặc định: ngay)')
    create.add_argument("--every", choices=["week"], help="lặp lại hằng tuần")
    create.add_argument("--channel", choices=CHANNELS, action="append", help="chỉ gửi qua kênh này")
    bc_sub.add_parser("list", help="các thông báo gần đây")
    for name, text in (("status", "tình trạng gửi"), ("cancel", "dừng gửi")):
        sp = bc_sub.add_parser(name, help=text)
        sp.add_argument("id", type=int)


def _who(value: str) -> tuple[str, str]:
    channel, _, user_id = value.partition(":")
    if channel not in CHANNELS or not user_id.strip():
        raise InputError(f"'{value}' không đúng dạng CHANNEL:ID (CHANNEL là telegram hoặc zalo)")
    return channel, user_id.strip()


def cmd_officers(args: argparse.Namespace, out: TextIO) -> int:
    settings = load_settings()
    store = Store(settings.db_path, settings.secret)  # no knowledge needed: a quick start
    outbox = Outbox(store)
    try:
        if args.officers_command == "list":
            for row in outbox.officers():  # stored by pseudonym only: the id is not kept
                out.write(f"{row['channel']}:#{row['user_key'][:12]}\t(thêm {row['added'][:10]})\n")
            return 0
        channel, user_id = _who(args.who)
        key = pseudonym(settings.secret, channel, user_id)
        if args.officers_command == "add":
            added = outbox.add_officer(channel, key)
            out.write(("Đã thêm" if added else "Đã có sẵn") + f" {channel}:{user_id}\n")
        else:
            removed = outbox.remove_officer(key)
            out.write(("Đã bỏ" if removed else "Không có") + f" {channel}:{user_id}\n")
        return 0
    finally:
        store.close()


def cmd_broadcast(args: argparse.Namespace, out: TextIO) -> int:
    settings = load_settings()
    store = Store(settings.db_path, settings.secret)
    outbox = Outbox(store)
    try:
        if args.broadcast_command == "create":  # the only one that needs the knowledge
            from bot.app import load_engine
            kb = load_engine(settings)[0]
            raw = args.text if args.text is not None else args.file.read_text("utf-8")
            try:
                a = check_announcement(kb, text=raw, topic=args.topic, locality=args.locality,
                                       at=args.at, every=args.every)
            except BroadcastError as exc:
                raise InputError(f"{OPTIONS[exc.part]}: {exc}") from None
            bid = outbox.create(text=a.text, topic=a.topic, locality=a.locality, created_by="cli",
                                due=a.due, every=a.every, channels=args.channel)
            found = reach(kb, outbox, topic=a.topic, locality=a.locality, channels=args.channel,
                          configured=configured_channels())
            when = show(a.due) + " (giờ Việt Nam)" if a.due else \
                "ngay (cchc-bot serve gửi đi; nếu máy chủ đang tắt thì gửi khi máy chủ chạy lại)"
            out.write(f"Thông báo #{bid}: {found.count} người nhận hiện tại; gửi: {when}"
                      + (", lặp lại hằng tuần" if a.every else "") + "\n"
                      + "".join(f"{w}\n" for w in found.warnings))
            return 0
        if args.broadcast_command == "list":
            for row in outbox.list():
                status = f"{row['status']} ({row['note']})" if row.get("note") else row["status"]
                out.write(f"#{row['id']}\t{status}\t{show(row['due'])}\t{row['topic']}\t"
                          f"{row['locality'] or 'all'}\t{row['text'][:40]!r}\n")
            return 0
        if args.broadcast_command == "status":
            status = outbox.status(args.id)
            if status is None:
                raise InputError(f"không có thông báo #{args.id}")
            counts = status["reach"]
            note = f" ({status['note']})" if status.get("note") else ""
            head = (f"#{status['id']} {status['status']}{note} — chủ đề {status['topic']}, "
                    f"địa phương {status['locality'] or 'all'}\n")
            out.write(head + "".join(f"  {k}: {c}\n" for k, c in counts.items()))
            return 0
        n = outbox.cancel(args.id)
        out.write(f"Đã dừng thông báo #{args.id}; {n} tin chưa gửi đã hủy.\n")
        return 0
    finally:
        store.close()


def cmd_staff(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    settings = load_settings()
    store = Store(settings.db_path, settings.secret)  # no knowledge needed: a quick start
    accounts = Accounts(store)
    try:
        if args.staff_command == "list":
            for username, created in accounts.list():
                out.write(f"{username}\t(tạo {created[:10]})\n")
            return 0
        if args.staff_command == "remove":
            out.write(("Đã xóa " if accounts.remove(args.username) else "Không có ") + args.username + "\n")
            return 0
        if args.password_stdin:
            password = stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass(f"Mật khẩu (ít nhất {MIN_PASSWORD} ký tự): ")
            if len(password) < MIN_PASSWORD:  # say so before asking to type it again
                raise InputError(f"mật khẩu cần ít nhất {MIN_PASSWORD} ký tự")
            if getpass.getpass("Nhập lại mật khẩu: ") != password:
                raise InputError("hai lần nhập mật khẩu không khớp")
        accounts.add(args.username, password)
        out.write(f"Đã tạo tài khoản {args.username}. Đăng nhập tại /admin của cchc-bot serve.\n")
        return 0
    finally:
        store.close()
