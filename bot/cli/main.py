"""The core's part of the ``cchc-bot`` command line (ask, kb, eval, privacy).

Commands that start a channel (``chat`` and the platform adapters) are contributed by
``handlers.cli``, which is the program's entry point; the core never imports the adapters.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from bot.cli import activity as cli_activity
from bot.cli import broadcast as cli_broadcast
from bot.cli import kb as cli_kb
from bot.cli import procedures as cli_procedures
from bot.config import load_settings
from bot.errors import CchcError, InputError, KnowledgeError
from bot.messages import Incoming, PickLocality, Reply
from bot.privacy import pseudonym
from bot.reports.config import FORMATS
from bot.storage.store import Store

if TYPE_CHECKING:
    from bot.app import Core

# The knowledge, the engine and the report writers are imported by the commands that use them:
# the store-only commands (officers, staff, privacy, broadcast list|status|cancel) start at once.

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Command:
    """A command contributed by the adapters (``handlers.cli``): how to parse it and run it."""

    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, TextIO, TextIO], int]


def build_parser(extra: Mapping[str, Command] | None = None) -> argparse.ArgumentParser:
    """The ``cchc-bot`` parser: the core's commands plus the adapters' ``extra`` ones."""
    p = argparse.ArgumentParser(prog="cchc-bot", description="Trợ lý cải cách hành chính (CCHC)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, command in (extra or {}).items():
        command.configure(sub.add_parser(name, help=command.help))

    ask = sub.add_parser("ask", help="trả lời một câu hỏi (hoặc '-' để đọc từng dòng từ stdin)")
    ask.add_argument("question", help="câu hỏi, hoặc - để đọc mỗi dòng một câu từ stdin")
    ask.add_argument("--locality", help="mã địa phương của người hỏi")
    ask.add_argument("--json", action="store_true", help="in kết quả dạng JSON (một dòng mỗi câu)")
    ask.add_argument("--log", action="store_true",
                     help="ghi vào nhật ký (kênh cli; không bao giờ tính vào báo cáo tuyên truyền)")
    ask.add_argument("--no-log", action="store_true", help="không ghi vào nhật ký (mặc định)")
    ask.add_argument("--conversation", action="store_true",
                     help="các dòng stdin là hội thoại của một người; dòng trống bắt đầu người mới")

    kb = sub.add_parser("kb", help="kho tri thức")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True, metavar="KB_COMMAND")
    check = kb_sub.add_parser("check", help="kiểm tra một thư mục tri thức")
    check.add_argument("path", nargs="?", help="thư mục (mặc định: CCHC_KNOWLEDGE hoặc kho đi kèm)")
    cli_kb.configure(kb_sub)
    cli_procedures.configure(kb_sub)

    ev = sub.add_parser("eval", help="đo độ chính xác trên tệp câu hỏi có nhãn (.tsv)")
    ev.add_argument("file", type=Path)
    ev.add_argument("--errors", action="store_true", help="liệt kê các câu trả lời sai")
    ev.add_argument("--tune", action="store_true", help="tìm ngưỡng tốt nhất trên tệp này")

    cli_broadcast.configure(sub)
    cli_activity.configure(sub)

    rep = sub.add_parser("report", help="báo cáo kết quả tuyên truyền theo kỳ")
    rep.add_argument("--period", required=True, help="2025-Q3, 2025-H1, 2025-H2, 2025-9M hoặc 2025")
    rep.add_argument("--locality",
                     help="mã địa phương; 'all': mỗi địa phương một dòng (mặc định: gộp tất cả)")
    rep.add_argument("--date", help="ngày ghi trên văn bản YYYY-MM-DD (mặc định: hôm nay, giờ Việt Nam)")
    rep.add_argument("--format", required=True, choices=FORMATS)
    rep.add_argument("--out", required=True, type=Path, help="tệp kết quả")

    priv = sub.add_parser("privacy", help="quyền của chủ thể dữ liệu và thời hạn lưu trữ")
    priv_sub = priv.add_subparsers(dest="privacy_command", required=True, metavar="PRIVACY_COMMAND")
    for name, text in (("export", "xuất dữ liệu của một người (JSON)"),
                       ("delete", "xóa dữ liệu của một người")):
        sp = priv_sub.add_parser(name, help=text)
        sp.add_argument("--channel", required=True, help="kênh: telegram, zalo, web, cli")
        sp.add_argument("--user", required=True, help="mã người dùng trên kênh đó")
    priv_sub.add_parser("purge", help="xóa dữ liệu quá thời hạn lưu trữ (CCHC_RETENTION_DAYS)")
    return p


def _reply_text(reply: Reply) -> str:
    lines = [reply.text]
    lines += [f"{n}. {c.label}" for n, c in enumerate(reply.choices, 1) if not c.is_rating]
    return "\n".join(lines)


def _ask_one(core: Core, question: str, locality: str | None, log_it: bool) -> dict[str, Any]:
    msg = Incoming("cli", f"ask:{getpass.getuser()}", question)
    session = core.store.session(pseudonym(core.settings.secret, "cli", msg.user_id), "cli") \
        if log_it else None
    reply = core.dialogue.ask(question, locality, msg if log_it else None, session)
    return _result(core, reply)


def _result(core: Core, reply: Reply, field: str | None = None) -> dict[str, Any]:
    """The JSON shape of ``ask --json``: one reply with its entry, procedure code and field."""
    def code(eid: str | None) -> str | None:
        entry = core.kb.entries.get(eid or "")
        return entry.code if entry is not None else None
    suggestions = [{"entry_id": c.entry_id, "question": c.label, "procedure_code": code(c.entry_id)}
                   for c in reply.choices if c.entry_id is not None]
    return {
        "answer": _reply_text(reply), "status": reply.status, "entry_id": reply.entry_id,
        "procedure_code": code(reply.entry_id), "field": reply.field,
        "score": round(reply.score or 0.0, 1),
        "suggestions": suggestions if reply.status == "suggest" else [],
        "source": reply.source,
    }


def _conversation(core: Core, args: argparse.Namespace, out: TextIO, stdin: TextIO,
                  locality: str | None) -> int:
    """``ask --conversation -``: the lines are one person's messages; a blank line starts a
    new person. One JSON object per reply to a message (a list per message). Logged only with
    ``--log`` (a throw-away in-memory store otherwise)."""
    from bot.dialogue import Dialogue
    dialogue = core.dialogue if args.log and not args.no_log else Dialogue(
        core.kb, core.engine, core.renderer, Store(":memory:"), core.settings.secret,
        core.settings.retention_days)
    person = 0
    fresh = True
    for raw in stdin:
        line = raw.rstrip("\n")
        if not line.strip():
            fresh = True
            continue
        if fresh:
            person += 1
            fresh = False
            dialogue.handle(Incoming("cli", f"conversation-{os.getpid()}-{person}",
                                     payload=str(PickLocality(locality))))
        replies = dialogue.handle(Incoming("cli", f"conversation-{os.getpid()}-{person}", line))
        results = [_result(core, r) for r in replies]
        out.write(json.dumps(results if args.json else [r["answer"] for r in results],
                             ensure_ascii=False) + "\n")
        out.flush()
    return 0


def cmd_ask(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    from bot.app import build_core
    core = build_core(load_settings())
    locality = args.locality or core.settings.default_locality
    if locality and locality not in core.kb.localities:
        raise CchcError(f"không có địa phương mã '{locality}' — xem knowledge/localities.yaml")
    if args.conversation:
        if args.question != "-":
            raise CchcError("--conversation đọc hội thoại từ stdin: dùng cchc-bot ask --conversation -")
        try:
            return _conversation(core, args, out, stdin, locality)
        finally:
            core.close()
    questions = (line.rstrip("\n") for line in stdin) if args.question == "-" else [args.question]
    for q in questions:
        if not q.strip():
            if args.json:
                out.write(json.dumps({"answer": None, "status": "empty"}) + "\n")
            continue
        result = _ask_one(core, q, locality, args.log and not args.no_log)
        out.write((json.dumps(result, ensure_ascii=False) if args.json else result["answer"]) + "\n")
        out.flush()
    core.close()
    return 0


def cmd_kb_check(args: argparse.Namespace, out: TextIO) -> int:
    from bot.knowledge.load import load_knowledge
    from bot.reports.config import load_report_config
    root = Path(args.path) if args.path else load_settings().knowledge_dir
    try:
        kb = load_knowledge(root)
        load_report_config(str(root))
    except KnowledgeError as exc:
        for problem in exc.problems:
            out.write(f"{problem}\n")
        out.write(f"{len(exc.problems)} lỗi.\n")
        return 1
    entries = list(kb.entries.values())
    faq = sum(1 for e in entries if e.tier == 0 and e.record is None and e.procedure is None
              and e.catalog is None)
    cards = sum(1 for e in entries if e.tier == 0 and (e.record or e.procedure or e.catalog))
    commune = sum(1 for e in entries if e.record is not None and e.record.commune)
    records = sum(1 for e in entries if e.record is not None)
    catalog = sum(1 for e in entries if e.catalog is not None)
    out.write(f"OK: {faq} câu hỏi – trả lời, {cards} thẻ thủ tục biên soạn, {records} thủ tục có hồ sơ "
              f"đầy đủ ({commune} cấp xã), {catalog} thủ tục chỉ có trong danh mục, "
              f"{len(kb.localities)} địa phương, {len(kb.plans)} kế hoạch, {len(kb.topics)} chủ đề.\n")
    return 0


def cmd_eval(args: argparse.Namespace, out: TextIO) -> int:
    from bot.app import load_engine
    from bot.dialogue import Dialogue
    from bot.evaluation.conversations import evaluate_turns, is_conversation_file, read_turns
    from bot.evaluation.questions import evaluate, evaluate_replies, read_cases, tune
    settings = load_settings()
    kb, engine, renderer = load_engine(settings)
    dialogue = Dialogue(kb, engine, renderer, Store(":memory:"), settings.secret,
                        settings.retention_days)
    if is_conversation_file(args.file):
        real = evaluate_turns(dialogue, read_turns(args.file))
        for line in real.lines():
            out.write(line + "\n")
        if args.errors:
            for o in real.outcomes:
                if not o.ok:
                    got = "; ".join(f"{r.status}:{r.entry_id}" for r in o.replies if r.status)
                    out.write(f"  line {o.turn.line}: {o.turn.question!r} expected {o.turn.expect} "
                              f"{'|'.join(o.turn.codes)} got {got}\n")
        return 0
    cases = read_cases(args.file, kb.entries)
    if args.tune:
        mix, best, report = tune(engine, cases)
        out.write(f"best weights: {mix}\nbest thresholds: answer={best.answer} "
                  f"suggest={best.suggest} margin={best.margin} confident={best.confident}\n")
    else:
        evaluate(engine, cases[:20])  # warm caches so latency reflects a running bot
        report = evaluate(engine, cases)
    for line in report.lines():
        out.write(line + "\n")
    if not args.tune:
        def first_reply(question: str, locality: str | None) -> tuple[str, str | None]:
            part = dialogue.answers.asker.ask(question, locality)[0]
            return part.status, part.entry.id if part.entry is not None else None
        ok, n, kept, oos = evaluate_replies(first_reply, cases)
        out.write(f"as the bot replies (whole message reading): {100 * ok / max(n, 1):.1f}% "
                  f"({ok}/{n}) answered with the expected entry; out of scope not answered "
                  f"{100 * kept / max(oos, 1):.1f}% ({kept}/{oos})\n")
    if args.errors:
        for case, m in report.errors:
            got = m.entry.id if m.entry else m.status
            top = ", ".join(f"{e}:{s:.0f}" for e, s in m.ranked[:3])
            out.write(f"  line {case.line}: {case.question!r} expected {case.expected} got {got} "
                      f"[{top}]\n")
    return 0


def cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    from bot.app import build_core
    from bot.reports.data import build_report, parse_period
    from bot.reports.render import title, write_report
    from bot.storage.queries import Queries
    core = build_core(load_settings())
    try:
        data = build_report(core.kb, Queries(core.store), core.engine.norm, parse_period(args.period),
                            args.locality)
        try:
            issued = date.fromisoformat(args.date) if args.date else None
        except ValueError:
            raise InputError("--date phải có dạng YYYY-MM-DD") from None
        write_report(data, args.format, args.out, issued)
        out.write(f"Đã lập {title(data)}: {args.out}\n")
        return 0
    finally:
        core.close()


def cmd_privacy(args: argparse.Namespace, out: TextIO) -> int:
    settings = load_settings()
    store = Store(settings.db_path, settings.secret)  # no knowledge needed: a quick start
    try:
        if args.privacy_command == "purge":
            n = store.purge(settings.retention_days)
            out.write(f"Đã xóa {n} bản ghi quá {settings.retention_days} ngày.\n")
            return 0
        key = pseudonym(settings.secret, args.channel, args.user)
        if args.privacy_command == "export":
            out.write(json.dumps(store.export_user(key), ensure_ascii=False, indent=2) + "\n")
        else:
            out.write(f"Đã xóa {store.delete_user(key)} bản ghi.\n")
        return 0
    finally:
        store.close()


def main(argv: Sequence[str] | None = None, out: TextIO | None = None,
         stdin: TextIO | None = None, extra: Mapping[str, Command] | None = None) -> int:
    """Run the command line with the adapters' ``extra`` commands; returns the exit status."""
    out = out or sys.stdout
    stdin = stdin or sys.stdin
    args = build_parser(extra).parse_args(argv)
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        if args.command == "ask":
            return cmd_ask(args, out, stdin)
        if extra and args.command in extra:
            return extra[args.command].run(args, out, stdin)
        if args.command == "kb":
            if args.kb_command in cli_kb.COMMANDS:
                return cli_kb.run(args, out)
            if args.kb_command in cli_procedures.COMMANDS:
                return cli_procedures.run(args, out)
            return cmd_kb_check(args, out)
        if args.command == "eval":
            return cmd_eval(args, out)
        if args.command == "privacy":
            return cmd_privacy(args, out)
        if args.command == "report":
            return cmd_report(args, out)
        if args.command == "staff":
            return cli_broadcast.cmd_staff(args, out, stdin)
        if args.command == "officers":
            return cli_broadcast.cmd_officers(args, out)
        if args.command == "broadcast":
            return cli_broadcast.cmd_broadcast(args, out)
        if args.command == "activity":
            return cli_activity.run(args, out)
    except KnowledgeError as exc:
        sys.stderr.write(f"Kho tri thức có lỗi — chạy 'cchc-bot kb check' để xem chi tiết.\n{exc}\n")
        return 1
    except CchcError as exc:
        sys.stderr.write(f"Lỗi: {exc}\n")
        return 1
    except KeyboardInterrupt:
        return 130
    return 2
