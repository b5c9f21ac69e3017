"""Importing a plan document into a draft plans/*.yaml: the five seed plans field by field
against hand-checked expectations (tests/data/import_expected), the same result from .docx and
.pdf, a draft the knowledge loader accepts, and a clear message — never a traceback — on garbage."""

from __future__ import annotations

import argparse
import io
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml

from bot.app import Core, build_core
from bot.cli import kb as cli_kb
from bot.config import BUNDLED_KNOWLEDGE, load_settings
from bot.errors import InputError
from bot.knowledge.load import load_knowledge
from bot.knowledge.locality_add import add_locality, new_locality
from bot.planimport.draft import Draft, write
from bot.planimport.importer import import_plan
from bot.reports.data import build_report, parse_period
from bot.storage.queries import Queries

DATA = Path(__file__).parent / "data"
SEEDS = sorted((DATA / "import").glob("0*.txt"))
SEED_IDS = [s.name[:3] for s in SEEDS]


def expected(seed: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DATA / "import_expected" / f"{seed.stem}.yaml").read_text("utf-8"))
    return data


def item_rows(draft: Draft, want: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The draft's items in the expectation's shape; ``start`` is compared as a prefix."""
    return [{"line": i.content.lines[0], "section": i.section, "forms": len(i.forms),
             "start": i.content.text[:len(w["start"])], "lead": i.lead.text if i.lead else None,
             "partners": i.partners, "timing": i.timing.text if i.timing else None}
            for i, w in zip(draft.items, [*want, *[{"start": ""}] * len(draft.items)], strict=False)]


def shape(draft: Draft, with_lines: bool = True) -> list[Any]:
    items = [(i.content.text, i.forms, i.lead and i.lead.text, i.partners, i.timing and i.timing.text,
              i.section, i.content.lines[0] if with_lines else 0) for i in draft.items]
    return [items, [(q.text.text, q.count, q.unit, q.per, q.applies_to) for q in draft.quotas],
            [(r.text.text, r.periods, r.to) for r in draft.reporting],
            [v.text for v in (*draft.objectives, *draft.requirements, *draft.audiences)],
            [v and v.text for v in (draft.title, draft.issuer, draft.year, draft.period, draft.budget)]]


def make_docx(lines: list[str], path: Path) -> Path:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def make_pdf(lines: list[str], path: Path, per_page: int = 50, header: str = "") -> Path:
    """A small PDF whose text layer is ``lines``, one text line each, written by hand: a Type0
    font with a ToUnicode map (glyph = code point), so no font file is needed. ``header`` is
    printed at the top of every page, "Trang n/N" at the bottom."""
    pages = [lines[i:i + per_page] for i in range(0, len(lines), per_page)]
    pages = [[header, *p, f"Trang {n}/{len(pages)}"] if header else p for n, p in enumerate(pages, 1)]
    highs = sorted({ord(c) >> 8 for page in pages for line in page for c in line} | {0})
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /U def "
            "1 begincodespacerange <0000> <FFFF> endcodespacerange "
            f"{len(highs)} beginbfrange {' '.join(f'<{h:02X}00> <{h:02X}FF> <{h:02X}00>' for h in highs)} "
            "endbfrange endcmap CMapName currentdict /CMap defineresource pop end end").encode()
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
            3: b"<< /Type /Font /Subtype /Type0 /BaseFont /F /Encoding /Identity-H "
               b"/DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
            4: b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /F /DW 500 /FontDescriptor 6 0 R "
               b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
            5: b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap),
            6: b"<< /Type /FontDescriptor /FontName /F /Flags 32 /FontBBox [0 0 1000 1000] "
               b"/ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>"}
    for n, page in enumerate(pages):
        text = "\n".join(["BT /F1 9 Tf 11 TL 30 810 Td",
                          *(f"<{''.join(f'{ord(c):04X}' for c in line)}> Tj T*" for line in page), "ET"])
        objs[8 + 2 * n] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text.encode())
        objs[7 + 2 * n] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                           b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (8 + 2 * n))
    kids = " ".join(f"{7 + 2 * n} 0 R" for n in range(len(pages)))
    objs[2] = f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode()
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for num in range(1, max(objs) + 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (num, objs[num])
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def seed_lines(seed: Path) -> list[str]:
    return seed.read_text("utf-8").split("\n")


def kb_cli(*argv: str) -> tuple[int, str]:
    parser = argparse.ArgumentParser(prog="cchc-bot")
    kb = parser.add_subparsers(dest="command").add_parser("kb")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True)
    kb_sub.add_parser("check")
    cli_kb.configure(kb_sub)
    out = io.StringIO()
    return cli_kb.run(parser.parse_args(["kb", *argv]), out), out.getvalue()


def own_cache(knowledge: Path) -> dict[str, str]:
    """Settings for a changed copy of the knowledge, with a cache of its own (the run's shared
    cache keeps one knowledge: the bundled one, which most tests load)."""
    return {"CCHC_KNOWLEDGE": str(knowledge), "CCHC_CACHE_DIR": str(knowledge.parent / "cache")}


@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_seed_plan_fields_match_the_hand_check(seed: Path) -> None:
    want = expected(seed)["plan"]
    draft = import_plan(seed, "xa-moi")
    assert draft.title and draft.title.text == want["title"]
    assert draft.issuer and draft.issuer.text == want["issuer"]
    assert (draft.number, draft.date) == (want["number"], want["date"])
    assert draft.year and int(draft.year.text) == want["year"]
    assert (draft.period.text if draft.period else None) == want["period"]
    assert [v.lines[0] for v in draft.objectives] == want["objectives"]
    assert [v.lines[0] for v in draft.requirements] == want["requirements"]
    assert [v.lines[0] for v in draft.audiences] == want["audiences"]
    assert (draft.budget.lines[0] if draft.budget else None) == want["budget"]


@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_seed_items_match_the_hand_check(seed: Path) -> None:
    want = expected(seed)["items"]
    assert item_rows(import_plan(seed, "xa-moi"), want) == want


@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_seed_quotas_and_reporting_match_the_hand_check(seed: Path) -> None:
    want = expected(seed)
    draft = import_plan(seed, "xa-moi")
    assert [{"section": q.section, "count": q.count, "unit": q.unit, "per": q.per, "applies_to": q.applies_to}
            for q in draft.quotas] == want["quotas"]
    assert [{"section": r.section, "periods": list(r.periods), "to": r.to}
            for r in draft.reporting] == want["reporting"]


@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_seed_lines_not_placed_are_listed_not_dropped(seed: Path) -> None:
    want = expected(seed)
    draft = import_plan(seed, "xa-moi")
    assert [n.first for n in draft.unplaced] == want["unplaced"]
    assert set(want["skipped"]) <= {s.first for s in draft.skipped}


def test_a_table_row_that_runs_onto_the_next_page_is_joined_back() -> None:
    items = {i.section: i for i in import_plan(DATA / "import" / "001_04a1919bf95f3550.txt", "x").items}
    first, last = items["Phụ lục, mục 1"], items["Phụ lục, mục 11"]
    assert "Nghị định số 73/2023/NĐ-CP" in first.content.text
    assert first.content.text.endswith("từ trung ương đến cơ sở")
    assert "08-NQ/TU" in first.content.text  # "08-" at a line end, "NQ/TU" on the next
    assert last.forms[-2:] == [
        "Qua các cuộc đối thoại",
        "Trên Internet, mạng xã hội (thông qua các trang fanpage của cơ quan Báo, Đài; "
        "các nhóm sở thích trên youtube, zalo, facebook…)"]


def test_the_draft_header_lists_what_was_not_placed_with_line_numbers(tmp_path: Path) -> None:
    draft = import_plan(DATA / "import" / "002_c34eee625ab73fc0.txt", "xa-moi")
    text = write(draft, tmp_path)[0].read_text("utf-8")
    assert "# CHƯA XẾP ĐƯỢC VÀO TRƯỜNG NÀO — đọc lại và tự điền nếu cần (5):" in text
    assert "#   dòng 80–84: đoạn dẫn của mục — không gắn với nội dung nào: Trong năm 2022" in text
    assert "issuer: UBND huyện Hàm Tân  # dòng 19" in text
    assert "budget: null  # văn bản không có mục kinh phí" in text


@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_docx_made_from_the_text_imports_to_the_same_result(seed: Path, tmp_path: Path) -> None:
    source = make_docx(seed_lines(seed), tmp_path / f"{seed.stem}.docx")
    assert shape(import_plan(source, "xa-moi")) == shape(import_plan(seed, "xa-moi"))


@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_pdf_made_from_the_text_imports_to_the_same_result(seed: Path, tmp_path: Path) -> None:
    from_pdf = import_plan(make_pdf(seed_lines(seed), tmp_path / f"{seed.stem}.pdf"), "xa-moi")
    assert shape(from_pdf, with_lines=False) == shape(import_plan(seed, "xa-moi"), with_lines=False)
    assert from_pdf.extracted is not None  # the PDF's own line numbers point at each item's first words
    for item in from_pdf.items[:5]:
        assert item.content.text[:12] in from_pdf.extracted[item.content.lines[0] - 1].text


def test_pdf_running_headers_and_page_numbers_are_skipped(tmp_path: Path) -> None:
    seed = DATA / "import" / "000_e3db37716397436e.txt"
    pdf = make_pdf(seed_lines(seed), tmp_path / "tam-nong.pdf", per_page=40,
                   header="UBND HUYỆN TAM NÔNG - KẾ HOẠCH TUYÊN TRUYỀN CCHC NĂM 2025")
    draft = import_plan(pdf, "xa-moi")
    assert shape(draft, with_lines=False) == shape(import_plan(seed, "xa-moi"), with_lines=False)
    reasons = [s.reason for s in draft.skipped]
    assert reasons.count("dòng lặp lại ở đầu/cuối trang (UBND HUYỆN TAM NÔNG - KẾ HOẠCH TUYÊN TRUYỀN "
                         "CCHC NĂM 2025)") == 8  # page 9's header is inside the signature block
    assert "số trang (Trang 1/9)" in reasons


def install(seed: Path, kb_copy: Path) -> Draft:
    """Import ``seed`` as the plan of a new commune 'xa-moi' in the knowledge folder."""
    draft = import_plan(seed, "xa-moi")
    add_locality(kb_copy / "localities.yaml",
                 new_locality("xa-moi", "Xã Mới", "xa", "Tỉnh Mới", "Thử nghiệm", plan=draft.id))
    write(draft, kb_copy / "plans")
    return draft


@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_the_draft_loads_with_the_knowledge_loader(seed: Path, kb_copy: Path) -> None:
    draft = install(seed, kb_copy)
    plan = load_knowledge(kb_copy).plans[draft.id]
    assert plan.locality == "xa-moi"
    assert [(i.id, i.lead, i.timing, i.line) for i in plan.items] == [
        (i.id, i.lead and i.lead.text, i.timing and i.timing.text, i.content.lines[0]) for i in draft.items]
    assert len(plan.quotas) == len(draft.quotas) and len(plan.reporting) == len(draft.reporting)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the knowledge with plan 003 imported for 'xa-moi' (indexed once, in its cache)."""
    root = tmp_path_factory.mktemp("imported") / "knowledge"
    shutil.copytree(BUNDLED_KNOWLEDGE, root)
    install(DATA / "import" / "003_a2aff881ce0f1310.txt", root)
    return root


@pytest.fixture
def imported_core(env: dict[str, str], imported: Path) -> Iterator[Core]:
    """The core on that knowledge with a fresh, empty store."""
    core = build_core(load_settings({**env, **own_cache(imported)}))
    yield core
    core.close()


def test_officials_can_ask_about_their_imported_plan_at_once(imported_core: Core) -> None:
    reply = imported_core.dialogue.ask("ai chủ trì tuyên truyền trên trang thông tin điện tử?", "xa-moi")
    assert "Tuyên truyền trên Trang thông tin điện tử xã — chủ trì: Phòng Văn hoá - Xã hội xã" in reply.text


def test_the_report_maps_activity_to_the_imported_plans_items(imported_core: Core) -> None:
    core = imported_core
    for _ in range(3):
        core.store.log_interaction(channel="zalo", user_key="u", locality="xa-moi", kind="question",
                                   text="nộp hồ sơ trực tuyến", status="answered", entry_id="x",
                                   topic="dvc", ts="2025-08-01T03:00:00+00:00")
    report = build_report(core.kb, Queries(core.store), core.engine.norm, parse_period("2025-Q3"),
                          "xa-moi")
    counts = {item.content: n for item, n in report.by_item}
    online = [c for c in counts if "dịch vụ công trực tuyến" in c.lower()]
    assert online and all(counts[c] == 3 for c in online)


def test_a_word_table_is_read_cell_by_cell(tmp_path: Path) -> None:
    document = docx.Document()
    for text in ("KẾ HOẠCH", "Tuyên truyền cải cách hành chính xã Hòa Bình năm 2025",
                 "II. NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN"):
        document.add_paragraph(text)
    rows = [("TT", "Nội dung", "Hình thức", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"),
            ("1", "Tuyên truyền dịch vụ công trực tuyến",
             "- Loa truyền thanh xã;\n- Trang thông tin điện tử xã", "Văn phòng HĐND và UBND xã", "Các thôn",
             "Hằng tháng")]
    table = document.add_table(rows=2, cols=6)
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.save(str(tmp_path / "hoa-binh.docx"))
    [item] = import_plan(tmp_path / "hoa-binh.docx", "hoa-binh").items
    assert (item.content.text, item.forms, item.lead and item.lead.text, item.partners,
            item.timing and item.timing.text, item.section) == (
        "Tuyên truyền dịch vụ công trực tuyến", ["Loa truyền thanh xã", "Trang thông tin điện tử xã"],
        "Văn phòng HĐND và UBND xã", ["Các thôn"], "Hằng tháng", "II, mục 1")


def test_a_field_the_document_does_not_give_is_left_empty_not_guessed(tmp_path: Path) -> None:
    plan = tmp_path / "ke-hoach.txt"
    plan.write_text("I. NỘI DUNG TUYÊN TRUYỀN\n1. Tuyên truyền về dịch vụ công trực tuyến\n"
                    "- Cơ quan chủ trì: Văn phòng HĐND và UBND xã.\n- Thời gian thực hiện: Hằng tháng.\n"
                    "II. TỔ CHỨC THỰC HIỆN\nBáo cáo kết quả về UBND xã trước ngày 15 hằng tháng.\n", "utf-8")
    draft = import_plan(plan, "xa-moi")
    assert (draft.title, draft.issuer, draft.year, draft.budget) == (None, None, None, None)
    assert draft.missing() == ["title", "issuer", "year"]
    assert draft.id == "ke-hoach-xa-moi"
    [item] = draft.items
    assert (item.lead and item.lead.text, item.timing and item.timing.text, item.partners) == (
        "Văn phòng HĐND và UBND xã", "Hằng tháng", [])
    assert [(r.to, r.periods) for r in draft.reporting] == [("UBND xã", ())]


def test_cli_import_plan_writes_the_draft_and_prints_the_plan_id(tmp_path: Path) -> None:
    code, out = kb_cli("import-plan", str(DATA / "import" / "001_04a1919bf95f3550.txt"),
                       "--locality", "xa-moi", "--out", str(tmp_path))
    assert code == 0
    assert "Mã kế hoạch: ke-hoach-xa-moi-2024" in out
    assert "Trích được: 19 nội dung tuyên truyền, 0 chỉ tiêu, 1 nghĩa vụ báo cáo" in out
    assert "  dòng 78: mục giải pháp — kế hoạch có cấu trúc không có trường này: GIẢI PHÁP THỰC HIỆN" in out
    assert (tmp_path / "ke-hoach-xa-moi-2024.yaml").exists()


def test_cli_import_plan_does_not_overwrite_a_draft_under_review(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    seed = str(DATA / "import" / "004_d02ddee694a22d38.txt")
    assert kb_cli("import-plan", seed, "--locality", "xa-moi", "--out", str(tmp_path))[0] == 0
    assert kb_cli("import-plan", seed, "--locality", "xa-moi", "--out", str(tmp_path))[0] == 1
    assert "đã có — có thể là bản nháp đang rà soát; dùng --force" in capsys.readouterr().err
    assert kb_cli("import-plan", seed, "--locality", "xa-moi", "--out", str(tmp_path), "--force")[0] == 0


def test_cli_import_of_a_docx_writes_the_text_its_line_numbers_refer_to(tmp_path: Path) -> None:
    source = make_docx(seed_lines(SEEDS[3]), tmp_path / "ke-hoach.docx")
    code, _ = kb_cli("import-plan", str(source), "--locality", "xa-moi", "--out", str(tmp_path / "out"))
    assert code == 0
    text = (tmp_path / "out" / "ke-hoach-xa-moi-2025.txt").read_text("utf-8").split("\n")
    assert text[84].startswith("1. Xây dựng chuyên mục và cập nhật, đăng tải thông tin về CCHC")
    assert "số dòng trong tệp ke-hoach-xa-moi-2025.txt (chữ trích từ ke-hoach.docx" in (
        tmp_path / "out" / "ke-hoach-xa-moi-2025.yaml").read_text("utf-8")


UNRELATED = ("THÔNG BÁO\nVề việc tạm ngừng cung cấp nước sạch\n"
             "Công ty cấp nước thông báo tạm ngừng cấp nước từ 7 giờ đến 17 giờ ngày 05/8/2025.\n"
             "1. Khu vực ảnh hưởng: thôn Đông, thôn Tây.\n2. Liên hệ: phòng kỹ thuật.\nXin cảm ơn.\n")


@pytest.mark.parametrize(("name", "content", "message"), [
    ("rong.txt", b"", "rong.txt: tệp rỗng"),
    ("trang.txt", b"\n  \n\n", "trang.txt: tệp không có chữ nào"),
    ("anh.txt", bytes(range(256)) * 4, "anh.txt: tệp nhị phân, không phải văn bản"),
    ("nul.txt", b"KE HOACH\x00\x00\x01", "nul.txt: tệp nhị phân, không phải văn bản"),
    ("vni.txt", b"K\xea ho\xe1ch tuy\xean truy\xean", "vni.txt: không đọc được dạng UTF-8"),
    ("hong.pdf", b"%PDF-1.4\nkhong phai pdf", "hong.pdf: không đọc được tệp PDF"),
    ("anh.pdf", b"\x89PNG\r\n\x1a\n" + bytes(200), "anh.pdf: không đọc được tệp PDF"),
    ("hong.docx", b"PK\x03\x04 khong phai docx", "hong.docx: không mở được tệp Word (.docx)"),
    ("cu.doc", b"\xd0\xcf\x11\xe0", "cu.doc: định dạng Word cũ (.doc) chưa hỗ trợ"),
    ("bang.xlsx", b"PK", "bang.xlsx: chỉ nhận tệp .txt, .docx, .pdf"),
    ("thong-bao.txt", UNRELATED.encode(), "thong-bao.txt: không tìm thấy nội dung tuyên truyền nào"),
])
def test_garbage_gives_a_clear_message_and_status_1(name: str, content: bytes, message: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / name).write_bytes(content)
    code, out = kb_cli("import-plan", str(tmp_path / name), "--locality", "xa-moi", "--out", str(tmp_path))
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith(f"Lỗi: {message}")
    assert "Traceback" not in err and out == ""
    assert not list(tmp_path.glob("ke-hoach-*"))


def test_a_text_file_saved_as_utf16_by_notepad_reads_like_utf8(tmp_path: Path) -> None:
    (tmp_path / "ky-lac.txt").write_bytes(SEEDS[4].read_text("utf-8").encode("utf-16"))
    assert shape(import_plan(tmp_path / "ky-lac.txt", "xa-moi")) == shape(import_plan(SEEDS[4], "xa-moi"))


def test_a_missing_file_and_a_bad_locality_code_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="không tìm thấy tệp"):
        import_plan(tmp_path / "khong-co.txt", "xa-moi")
    with pytest.raises(InputError, match="mã địa phương 'Xã Mới' chỉ được gồm chữ thường"):
        import_plan(SEEDS[0], "Xã Mới")


def test_a_scanned_pdf_without_text_asks_for_ocr(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"không có lớp chữ .*\(OCR\)"):
        import_plan(make_pdf([""] * 3, tmp_path / "scan.pdf"), "xa-moi")


def test_seed_fixtures_are_the_shared_seeds() -> None:
    shared = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("the shared seeds folder is not next to this checkout")
    for seed in SEEDS:
        assert seed.read_bytes() == (shared / seed.name).read_bytes()
