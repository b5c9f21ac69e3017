"""``cchc-bot kb import-plan`` and ``cchc-bot kb add-locality``: onboarding a new locality.

``configure`` adds both commands to the ``kb`` sub-commands; ``run`` runs the one chosen and
turns the core's errors into a Vietnamese message on stderr and exit status 1.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TextIO

from bot.config import load_settings
from bot.errors import CchcError
from bot.knowledge.locality_add import LEVELS, add_locality, new_locality
from bot.planimport.draft import Draft, span, write
from bot.planimport.importer import import_plan

COMMANDS = ("import-plan", "add-locality")


def configure(kb_sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    imp = kb_sub.add_parser("import-plan", help="đọc một kế hoạch tuyên truyền (.txt, .docx, .pdf) thành "
                            "bản nháp plans/*.yaml để rà soát")
    imp.add_argument("file", type=Path, help="tệp kế hoạch: .txt (UTF-8), .docx hoặc .pdf có lớp chữ")
    imp.add_argument("--locality", required=True, help="mã địa phương của kế hoạch, ví dụ xa-moi")
    imp.add_argument("--out", type=Path, default=Path("."),
                     help="thư mục ghi bản nháp (mặc định: thư mục hiện tại — không ghi thẳng vào kho)")
    imp.add_argument("--force", action="store_true", help="ghi đè bản nháp cùng tên đã có")

    add = kb_sub.add_parser("add-locality", help="thêm một địa phương vào localities.yaml")
    add.add_argument("code", help="mã địa phương: chữ thường không dấu, ví dụ xa-moi")
    add.add_argument("--name", required=True, help='tên đầy đủ, ví dụ "Xã Mới"')
    add.add_argument("--level", required=True, choices=LEVELS,
                     help="cấp: xa, phuong, dac-khu (huyen, tinh: chỉ là nơi ban hành kế hoạch)")
    add.add_argument("--province", required=True, help="tỉnh/thành phố")
    add.add_argument("--source", required=True,
                     help="văn bản nguồn của các số điện thoại, địa chỉ, giờ làm việc, website")
    add.add_argument("--hotline", action="append", metavar="TÊN=SỐ",
                     help='đường dây nóng, ví dụ "UBND xã=0208 3856 789" (có thể lặp lại)')
    add.add_argument("--website", help="trang thông tin điện tử, ví dụ https://xamoi.tinh.gov.vn")
    add.add_argument("--desk-name", help="tên bộ phận một cửa / Trung tâm phục vụ hành chính công")
    add.add_argument("--desk-address", help="địa chỉ bộ phận một cửa")
    add.add_argument("--desk-hours", help="giờ làm việc của bộ phận một cửa")
    add.add_argument("--alias", action="append", help="tên người dân hay gọi (có thể lặp lại)")
    add.add_argument("--plan", help="mã kế hoạch tuyên truyền (lệnh import-plan in ra)")
    add.add_argument("--knowledge", type=Path,
                     help="thư mục tri thức (mặc định: CCHC_KNOWLEDGE hoặc kho đi kèm)")


def _notes(out: TextIO, title: str, notes: list[tuple[int, int, str]]) -> None:
    if notes:
        out.write(f"{title} ({len(notes)}):\n")
        for first, last, text in notes:
            out.write(f"  {span(first, last)}: {text}\n")


def _report(draft: Draft, paths: list[Path], out: TextIO) -> None:
    out.write(f"Đã đọc {draft.line_count} dòng từ {draft.source}.\n")
    out.write(f"Mã kế hoạch: {draft.id} (dùng cho --plan của 'cchc-bot kb add-locality')\n")
    out.write(f"Bản nháp: {paths[0]}\n")
    if len(paths) > 1:
        out.write(f"Chữ trích từ tệp (số dòng trong bản nháp tính theo tệp này): {paths[1]}\n")
    out.write(f"Trích được: {len(draft.items)} nội dung tuyên truyền, {len(draft.quotas)} chỉ tiêu, "
              f"{len(draft.reporting)} nghĩa vụ báo cáo, {len(draft.objectives)} mục đích/mục tiêu, "
              f"{len(draft.requirements)} yêu cầu, {len(draft.audiences)} đối tượng; kinh phí: "
              f"{'có' if draft.budget else 'văn bản không ghi'}.\n")
    if draft.missing():
        out.write(f"Chưa tìm thấy (điền tay trước khi dùng): {', '.join(draft.missing())}\n")
    _notes(out, "Chưa xếp được vào trường nào — đọc lại các dòng này",
           [(n.first, n.last, f"{n.reason}: {n.text}") for n in draft.unplaced])
    _notes(out, "Cần kiểm tra", [(n.first, n.last, n.reason) for n in draft.warnings])
    _notes(out, "Đã bỏ qua", [(s.first, s.last, s.reason) for s in draft.skipped])
    out.write(f"Việc tiếp theo: đối chiếu từng trường của bản nháp với văn bản, rồi chép {paths[0].name} "
              "vào thư mục plans/ của kho tri thức và chạy 'cchc-bot kb check'.\n")


def _plan_exists(root: Path, plan: str) -> bool:
    pattern = re.compile(rf"^id:\s*['\"]?{re.escape(plan)}['\"]?\s*(#.*)?$", re.M)
    files = (root / "plans").glob("*.yaml")
    return any(pattern.search(f.read_text("utf-8", errors="replace")) for f in files)


def _add_locality(args: argparse.Namespace, out: TextIO) -> int:
    root = args.knowledge or load_settings().knowledge_dir
    loc = new_locality(args.code, args.name, args.level, args.province, args.source,
                       hotlines=args.hotline, website=args.website, aliases=args.alias,
                       desk_name=args.desk_name, desk_address=args.desk_address,
                       desk_hours=args.desk_hours, plan=args.plan)
    path = root / "localities.yaml"
    line = add_locality(path, loc)
    out.write(f"Đã thêm địa phương '{loc.code}' ({loc.name}) vào {path}, dòng {line}.\n")
    if loc.plan and not _plan_exists(root, loc.plan):
        out.write(f"Lưu ý: chưa có kế hoạch '{loc.plan}' trong {root / 'plans'} — chép bản nháp đã rà "
                  "soát vào đó; trước khi chép, 'cchc-bot kb check' sẽ báo lỗi và trợ lý không khởi động "
                  "lại được.\n")
    out.write(f"Kiểm tra: cchc-bot kb check {root}\n")
    return 0


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run ``kb import-plan`` or ``kb add-locality``; errors give a message and status 1."""
    try:
        if args.kb_command == "import-plan":
            draft = import_plan(args.file, args.locality)
            _report(draft, write(draft, args.out, args.force), out)
            return 0
        if args.kb_command == "add-locality":
            return _add_locality(args, out)
    except CchcError as exc:
        sys.stderr.write(f"Lỗi: {exc}\n")
        return 1
    sys.stderr.write(f"Lỗi: không có lệnh 'kb {args.kb_command}'\n")
    return 2
