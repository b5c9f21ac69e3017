"""``cchc-bot kb import-procedures`` and ``cchc-bot kb show``: the national procedure records.

``import-procedures`` reads the portal's snapshots (``../shared/data/tthc``), prints what
changed against the record store it is about to replace, writes it and prints the counts and
every skipped file; ``show`` prints one record (or catalog line) with its source.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from bot.config import load_settings
from bot.errors import CchcError
from bot.knowledge.records.changes import Change, compare, compare_catalog
from bot.knowledge.records.importer import (
    CATALOG,
    PROCEDURES,
    Import,
    load_catalog,
    load_records,
    read_paths,
    write,
)
from bot.knowledge.records.model import CatalogItem, Fee, Record, portal_url

COMMANDS = ("import-procedures", "show")
RECORDS = "records"
WAYS = {"truc_tiep": "Trực tiếp", "truc_tuyen": "Trực tuyến", "buu_chinh": "Bưu chính công ích"}
KINDS = {"new": "mới", "retired": "không còn trong dữ liệu mới", "decision": "quyết định công bố",
         "documents": "thành phần hồ sơ", "fee": "phí, lệ phí", "time_limit": "thời hạn giải quyết"}


def configure(kb_sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    imp = kb_sub.add_parser("import-procedures", help="đọc dữ liệu thủ tục hành chính của Cổng DVC quốc gia "
                            "(../shared/data/tthc) thành records/procedures.jsonl và records/catalog.jsonl")
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                     help="tệp hoặc thư mục: portal-api/, portal-pages/, bqp-doc/, catalog.jsonl")
    imp.add_argument("--out", type=Path,
                     help="thư mục ghi (mặc định: records/ của kho tri thức CCHC_KNOWLEDGE hoặc kho đi kèm)")
    imp.add_argument("--dry-run", action="store_true", help="chỉ in các thay đổi và số liệu, không ghi tệp")
    show = kb_sub.add_parser("show", help="in bản ghi chuẩn hóa của một thủ tục, kèm nguồn")
    show.add_argument("code", help="mã thủ tục, ví dụ 1.001193")
    show.add_argument("--knowledge", type=Path,
                      help="thư mục tri thức (mặc định: CCHC_KNOWLEDGE hoặc kho đi kèm)")


def _value(text: str) -> str:
    way, _, rest = text.partition(": ")
    if way not in WAYS:
        return text
    rest = {"0": "miễn phí", "-": "không ghi", "province": "do HĐND tỉnh quyết định"}.get(rest, rest)
    return f"{WAYS[way].lower()}: {rest}"


def _change(c: Change) -> str:
    head = f"{c.code} {c.name[:70]}"
    if c.kind in ("new", "retired"):
        sign = "+" if c.kind == "new" else "-"
        decision = " ".join(c.after or c.before)
        return f"  {sign} {head} — {KINDS[c.kind]}" + (f" ({decision})" if decision else "")
    if c.kind == "documents":
        parts = [f"bỏ: {'; '.join(c.before)}" if c.before else "",
                 f"thêm: {'; '.join(c.after)}" if c.after else ""]
        return f"  ~ {head} — {KINDS[c.kind]}: {' | '.join(p for p in parts if p)}"
    before = "; ".join(_value(x) for x in c.before) or "không có"
    after = "; ".join(_value(x) for x in c.after) or "không có"
    return f"  ~ {head} — {KINDS[c.kind]}: {before} → {after}"


def _report_changes(result: Import, out_dir: Path, out: TextIO) -> None:
    if not (out_dir / PROCEDURES).exists():
        out.write(f"{out_dir / PROCEDURES} chưa có: mọi thủ tục đều mới.\n")
        return
    changes = compare(load_records(out_dir), result.records)
    out.write(f"Thay đổi so với {out_dir / PROCEDURES} ({len(changes)}):\n")
    for c in changes:
        out.write(_change(c) + "\n")
    if result.catalog is not None and (out_dir / CATALOG).exists():
        added, gone = compare_catalog(load_catalog(out_dir), result.catalog)
        out.write(f"Danh mục: {len(added)} mã mới, {len(gone)} mã không còn"
                  + (f" (mới: {', '.join(added[:20])}{' …' if len(added) > 20 else ''})" if added else "")
                  + (f" (không còn: {', '.join(gone[:20])}{' …' if len(gone) > 20 else ''})" if gone else "")
                  + ".\n")


def _import(args: argparse.Namespace, out: TextIO) -> int:
    out_dir = args.out or load_settings().knowledge_dir / RECORDS
    result = read_paths(args.paths)
    if not result.records and result.catalog is None:
        out.write("Không đọc được thủ tục nào — không ghi gì.\n")
    else:
        _report_changes(result, out_dir, out)
        if args.dry_run:
            out.write("--dry-run: không ghi tệp.\n")
        else:
            for path in write(result, out_dir):
                out.write(f"Đã ghi {path}\n")
    per_format = ", ".join(f"{n} {fmt}" for fmt, n in sorted(result.read.items()))
    out.write(f"Đã đọc {sum(result.read.values())} bản ghi ({per_format or 'không có'}) → "
              f"{len(result.records)} thủ tục (mỗi mã một bản ghi), trong đó {len(result.commune)} do "
              f"cơ quan cấp xã thực hiện; danh mục: {len(result.catalog or [])} thủ tục.\n")
    if result.skipped:
        out.write(f"Bỏ qua {len(result.skipped)} tệp/dòng không đọc được (không nhập phần nào của chúng):\n")
        for exc in result.skipped:
            out.write(f"  {exc}\n")
    return 1 if result.skipped or (not result.records and result.catalog is None) else 0


def _fee(f: Fee) -> str:
    if f.province:
        return "do HĐND tỉnh quyết định" + (f" ({f.text})" if f.text else "")
    if f.free:
        return "miễn phí" + (f" ({f.text})" if f.text and f.text != "Miễn phí" else "")
    if f.amount is not None:
        figure = f"{f.amount:,} đồng".replace(",", ".")
        return f"{f.kind + ' ' if f.kind else ''}{figure}" + (f" ({f.text})" if f.text else "")
    return f.text


def _lines(title: str, items: tuple[str, ...] | list[str]) -> list[str]:
    return [f"{title}:", *(f"  - {x}" for x in items)] if items else []


def _record(r: Record) -> list[str]:
    out = [f"{r.code} — {r.name}", f"Lĩnh vực: {r.field}", f"Cấp thực hiện: {', '.join(r.levels)}"
           + (" (thủ tục do cơ quan cấp xã thực hiện)" if r.commune else ""),
           f"Cơ quan thực hiện: {', '.join(r.authority) or 'không ghi'}"]
    out += [f"Đối tượng: {', '.join(r.subjects)}"] if r.subjects else []
    out += [f"Dịch vụ công trực tuyến: {r.online}"] if r.online else []
    out.append("Cách thức thực hiện:")
    for m in r.methods:
        fees = "; ".join(_fee(f) for f in m.fees) or "không ghi"
        out.append(f"  - {WAYS[m.way]}: thời hạn {m.time_limit or 'không ghi'}; phí, lệ phí: {fees}")
    out.append("Thành phần hồ sơ:")
    for g in r.documents:
        out += [f"  [{g.case}]"] if g.case else []
        for d in g.documents:
            count = f" ({d.original or 0} bản chính, {d.copy or 0} bản sao)" if d.original or d.copy else ""
            out.append(f"  - {d.name}{count}" + (f" — mẫu: {d.form}" if d.form else ""))
    out += _lines("Lưu ý", r.notes)
    out += [f"Yêu cầu, điều kiện: {r.conditions}"] if r.conditions else []
    out += _lines("Kết quả", r.results) + _lines("Căn cứ pháp lý", r.legal_basis)
    s = r.source
    out.append(f"Nguồn: {s.format}, {s.path}, dữ liệu ngày {s.snapshot}")
    if r.decision:
        q = r.decision
        out.append(f"Quyết định công bố: {q.number}" + (f" ngày {q.date}" if q.date else "")
                   + (f" ({q.issuer})" if q.issuer else ""))
    out.append(f"Trang Cổng DVC quốc gia: {s.url}")
    others = [f"{a.format}, {a.path}, dữ liệu ngày {a.snapshot}" for a in r.also]
    out += _lines("Bản khác (cũ hơn, không dùng)", others)
    out += ["Trình tự thực hiện:", r.steps] if r.steps else []
    return out


def _catalog(c: CatalogItem) -> list[str]:
    return [f"{c.code} — {c.name}", "(chỉ có trong danh mục quốc gia, chưa có bản ghi đầy đủ)",
            f"Lĩnh vực: {', '.join(c.fields)}",
            f"Cơ quan thực hiện: {', '.join(c.departments) or 'không ghi'}",
            f"Cơ quan công bố: {c.promulgator}", f"Đối tượng: {', '.join(c.targets)}",
            f"Trạng thái: {c.state}, loại: {c.type}", f"Trang Cổng DVC quốc gia: {portal_url(c.code)}"]


def _show(args: argparse.Namespace, out: TextIO) -> int:
    folder = (args.knowledge or load_settings().knowledge_dir) / RECORDS
    code = args.code.strip()
    record = next((r for r in load_records(folder) if r.code == code), None)
    if record is not None:
        out.write("\n".join(_record(record)) + "\n")
        return 0
    items = [c for c in load_catalog(folder) if c.code == code]
    if items:
        out.write("\n\n".join("\n".join(_catalog(c)) for c in items) + "\n")
        return 0
    sys.stderr.write(f"Không có thủ tục mã {code} trong {folder} (cả bản ghi lẫn danh mục).\n")
    return 1


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run ``kb import-procedures`` or ``kb show``; errors give a message and status 1."""
    try:
        return _import(args, out) if args.kb_command == "import-procedures" else _show(args, out)
    except CchcError as exc:
        sys.stderr.write(f"Lỗi: {exc}\n")
        return 1
