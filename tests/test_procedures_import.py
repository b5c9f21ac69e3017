"""The procedure importer: each quirk of the portal's three formats, the merge, located errors,
the change report of a re-import, ``kb show``, and the bundled records.

Fixtures under tests/fixtures/tthc/ are real files of ../shared/data/tthc (page-text files
without their unused ``raw_text``); the whole-folder tests read the shared data itself.
"""

from __future__ import annotations

import io
import json
import shutil
import unicodedata
from pathlib import Path

import pytest

from bot.procedures.importer import Import, load_catalog, load_records, read_paths
from bot.procedures.model import Record
from bot.procedures.page_tables import documents
from bot.procedures.read_pages import methods
from handlers.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "tthc"
EXTRA = Path(__file__).parent / "fixtures" / "tthc-extra"
DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "tthc"
BUNDLE = Path(__file__).resolve().parents[1] / "knowledge" / "records"
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data/tthc is not here")


@pytest.fixture(scope="module")
def fixtures() -> dict[str, Record]:
    result = read_paths([FIXTURES])
    assert result.skipped == []
    return {r.code: r for r in result.records}


@pytest.fixture(scope="module")
def whole() -> Import:
    return read_paths([DATA])


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


# portal-api details


def test_time_unit_other_takes_the_cases_processing_day(fixtures: dict[str, Record]) -> None:
    raw = json.loads((FIXTURES / "portal-api/details/1.001193.json").read_text("utf-8"))
    assert {m["processingTimeUnit"] for m in raw["data"]["executionMethods"]} == {"OTHER"}
    khai_sinh = fixtures["1.001193"]
    assert [(m.way, m.time_limit, m.days, m.unit) for m in khai_sinh.methods] == [
        ("truc_tuyen", "1 Ngày làm việc", 1.0, "ngày làm việc"),
        ("buu_chinh", "1 Ngày làm việc", 1.0, "ngày làm việc"),
        ("truc_tiep", "1 Ngày làm việc", 1.0, "ngày làm việc")]


def test_cases_with_different_limits_keep_them_all(fixtures: dict[str, Record]) -> None:
    assert fixtures["1.000656"].methods[0].time_limit == "1 Ngày; 5 Ngày làm việc; 2 Ngày"


def test_a_zero_fee_set_by_the_province_is_not_free(fixtures: dict[str, Record]) -> None:
    fee = fixtures["1.000656"].methods[2].fees[0]
    assert fee.text.startswith("Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh")
    assert (fee.amount, fee.province, fee.free, fee.kind) == (None, True, False, "Phí")


def test_a_zero_fee_with_no_words_is_free(fixtures: dict[str, Record]) -> None:
    fee = fixtures["1.001193"].methods[0].fees[0]
    assert (fee.amount, fee.province, fee.free) == (0, False, True)


def test_documents_are_grouped_by_case_with_counts_and_remarks_apart(fixtures: dict[str, Record]) -> None:
    khai_sinh = fixtures["1.001193"]
    assert [g.case for g in khai_sinh.documents] == ["", "Giấy tờ phải nộp", "Giấy tờ phải xuất trình"]
    form = khai_sinh.documents[0].documents[1]
    assert form.name.startswith("Tờ khai đăng ký khai sinh theo mẫu (nếu người")
    assert (form.original, form.copy) == (1, 0)
    assert len(khai_sinh.notes) == 19  # the "* Lưu ý:" group
    assert not any(d.name.startswith(("- ", "+ ")) for g in khai_sinh.documents for d in g.documents)


def test_stray_characters_are_cleaned_from_names(fixtures: dict[str, Record]) -> None:
    raw = (FIXTURES / "portal-api/details/1.001193.json").read_text("utf-8")
    assert "đăng k\u200eý hộ tịch lựa chọn" in raw  # a left-to-right mark inside a word
    assert any(n.startswith("Trường hợp người yêu cầu đăng ký hộ tịch lựa chọn nhận kết quả")
               for n in fixtures["1.001193"].notes)
    assert not any("\u200e" in n for n in fixtures["1.001193"].notes)


def test_decision_level_and_source_of_an_api_record(fixtures: dict[str, Record]) -> None:
    khai_sinh = fixtures["1.001193"]
    assert khai_sinh.decision is not None
    assert (khai_sinh.decision.number, khai_sinh.decision.date, khai_sinh.decision.issuer) == \
        ("163/QĐ-BTP", "2026-01-16", "Bộ Tư pháp")
    assert (khai_sinh.commune, khai_sinh.levels, khai_sinh.authority) == \
        (True, ("Cấp xã",), ("Ủy ban nhân dân cấp xã",))
    assert (khai_sinh.online, khai_sinh.field, khai_sinh.results) == \
        ("một phần", "Hộ tịch", ("Giấy khai sinh",))
    assert (khai_sinh.source.format, khai_sinh.source.path, khai_sinh.source.snapshot) == \
        ("portal-api", "portal-api/details/1.001193.json", "2026-07-18")
    assert khai_sinh.source.url.endswith("?ma_thu_tuc=1.001193")


# portal-pages text


def test_run_together_method_rows_split_into_way_time_and_fee(fixtures: dict[str, Record]) -> None:
    ho_kinh_doanh = fixtures["1.001612"]
    assert [(m.way, m.fees[0].amount, m.fees[0].province) for m in ho_kinh_doanh.methods] == [
        ("truc_tuyen", 150000, True), ("buu_chinh", 150000, True), ("truc_tiep", 50000, True)]
    # "Không có thông tin" in the table; the steps say "trong thời hạn 03 ngày làm việc kể từ …"
    assert {m.time_limit for m in ho_kinh_doanh.methods} == {"03 ngày làm việc"}


def test_a_way_named_inside_a_description_does_not_start_a_row(fixtures: dict[str, Record]) -> None:
    can_cuoc = fixtures["1.014061"]
    assert [(m.way, m.time_limit, m.fees) for m in can_cuoc.methods] == [
        ("truc_tiep", "7 Ngày làm việc", ()), ("truc_tuyen", "7 Ngày làm việc", ())]
    assert can_cuoc.methods[0].note.startswith("- Trực tiếp tại địa điểm tiếp dân của Công an cấp xã")


def test_a_time_limit_run_into_its_fee_is_split_by_the_fee_words(fixtures: dict[str, Record]) -> None:
    # "Trực tuyến120 VNĐ(20.000 vnđ/tờ khai)": 1 and 20 (thousand đồng)
    hai_quan = fixtures["1.007751"]
    assert [(m.time_limit, m.fees[0].amount) for m in hai_quan.methods] == [("1", 20000), ("1", 20000)]


def test_document_rows_split_at_their_counts_with_template_names(fixtures: dict[str, Record]) -> None:
    docs = fixtures["1.014061"].documents[0].documents
    assert [(d.original, d.copy, d.form) for d in docs] == [
        (1, 0, "Mẫu DC01 Phiếu thu thập thông tin dân cư.docx"),
        (1, 0, "Mẫu DC02 Phiếu đề nghị giải quyết thủ tục về căn cước.doc"), (1, 0, "")]
    assert docs[0].name == ("Phiếu thu thập thông tin dân cư (mẫu DC01 ban hành kèm theo Thông tư số "
                            "53/2025/TT-BCA ngày 01/7/2025 của Bộ Công an)")
    assert [(d.original, d.copy) for d in fixtures["1.001612"].documents[0].documents] == [(1, 0), (0, 1)]


def test_a_count_inside_a_name_is_not_a_row_end(fixtures: dict[str, Record]) -> None:
    names = [d.name for g in fixtures["1.007751"].documents for d in g.documents]
    assert "a) Tờ khai hải quan: 02 bản chính" in names


def test_a_count_run_into_the_table_count_stays_in_the_name() -> None:
    # cut from portal-pages/bo-tai-chinh/1.000020.json
    cell = ("--Tên giấy tờMẫu đơn, tờ khaiSố lượngGiấy phép xuất khẩu đối với hàng hóa phải có giấy phép "
            "nhập khẩu: 01 bản chính1 bản chính"
            "Hợp đồng bán hàng, phụ lục hợp đồng (nếu có)0 bản chính,1 bản sao")
    groups, _ = documents(cell)
    assert [(d.name, d.original, d.copy) for d in groups[0].documents] == [
        ("Giấy phép xuất khẩu đối với hàng hóa phải có giấy phép nhập khẩu: 01 bản chính", 1, 0),
        ("Hợp đồng bán hàng, phụ lục hợp đồng (nếu có)", 0, 1)]


def test_a_remark_among_the_papers_goes_to_the_notes() -> None:
    cell = ("--Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai thay đổi thông tin cư trú1 bản chính"
            "Lưu ý: văn bản cho thuê, cho mượn nhà không bắt buộc phải công chứng0 bản chính")
    groups, notes = documents(cell)
    assert [d.name for d in groups[0].documents] == ["Tờ khai thay đổi thông tin cư trú"]
    assert notes == ("Lưu ý: văn bản cho thuê, cho mượn nhà không bắt buộc phải công chứng",)


def test_a_step_limit_is_not_taken_for_the_procedure_limit() -> None:
    cell = "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyếnKhông có thông tinMiễn phí"
    steps = "Cơ quan tiếp nhận trả lời tính đầy đủ của hồ sơ trong 01 ngày làm việc."
    assert methods(cell, steps)[0].time_limit == ""
    steps += " Trong thời hạn 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, Ủy ban nhân dân cấp xã cấp…"
    assert methods(cell, steps)[0].time_limit == "05 ngày làm việc"


def test_no_information_is_empty(fixtures: dict[str, Record]) -> None:
    assert fixtures["1.014061"].conditions == ""
    assert fixtures["1.001612"].authority == ()


def test_chung_thuc_is_commune_from_its_own_fee_row(fixtures: dict[str, Record]) -> None:
    ban_sao = fixtures["2.000815"]
    assert ban_sao.authority == ("Tổ chức hành nghề công chứng", "Cơ quan đại diện có thẩm quyền")
    assert ban_sao.commune is True
    assert [(f.text, f.amount) for m in ban_sao.methods for f in m.fees] == [
        ("2,000 Việt Nam Đồng (/trang)", 2000), ("10 USD (/bản)", None)]


def test_cap_xa_of_a_base_level_tax_office_is_not_the_commune(fixtures: dict[str, Record]) -> None:
    thue = fixtures["1.008340"]
    assert "Cấp xã" in thue.levels and "Thuế cơ sở" in thue.authority
    assert thue.commune is False
    assert fixtures["1.007751"].commune is False  # "Cấp xã" of a customs office


def test_page_decision_and_snapshot(fixtures: dict[str, Record]) -> None:
    can_cuoc = fixtures["1.014061"]
    assert can_cuoc.decision is not None
    assert (can_cuoc.decision.number, can_cuoc.decision.date, can_cuoc.decision.issuer) == \
        ("5710/QĐ-BCA-C06", None, "Bộ Công an")
    assert (can_cuoc.source.snapshot, can_cuoc.issuer, can_cuoc.results) == \
        ("2026-06-01", "Bộ Công an", ("Thẻ căn cước",))


# bqp-doc tables


def test_bqp_record_with_counts_fees_and_limits(fixtures: dict[str, Record]) -> None:
    nvqs = fixtures["1.013133"]
    assert [(d.name[:44], d.original, d.copy) for d in nvqs.documents[0].documents] == [
        ("Phiếu tự khai sức khỏe nghĩa vụ quân sự", 1, 0),
        ("Bản chụp Căn cước công dân hoặc Thẻ Căn cước", 0, 1)]
    assert [(m.way, m.time_limit) for m in nvqs.methods] == [
        ("truc_tiep", "1 Ngày làm việc"), ("truc_tuyen", "02 Giờ")]
    assert (nvqs.methods[0].fees[0].free, nvqs.methods[0].fees[0].kind) == (True, "Phí")
    assert nvqs.decision is not None and nvqs.decision.number == "6375/QĐ-BQP"
    assert (nvqs.commune, nvqs.authority, nvqs.source.snapshot) == \
        (True, ("Ban chỉ huy quân sự cấp Xã",), "2026-01-01")


# catalog and merge


def test_catalog_keeps_every_line_with_its_fields() -> None:
    catalog = read_paths([FIXTURES / "portal-api/catalog.jsonl"]).catalog
    assert catalog is not None
    assert [c.code for c in catalog] == ["1.001193", "1.001471", "1.013133", "1.014325", "1.014325",
                                         "2.000815", "3.000616"]
    khai_sinh = catalog[0]
    assert (khai_sinh.fields, khai_sinh.promulgator, khai_sinh.state) == \
        (("Hộ tịch",), "Bộ Tư pháp", "UPDATED")


def test_the_newer_snapshot_wins_and_the_other_is_kept_as_also(fixtures: dict[str, Record]) -> None:
    khai_sinh = fixtures["1.001193"]
    assert khai_sinh.source.format == "portal-api"
    assert [(a.format, a.path, a.snapshot) for a in khai_sinh.also] == [
        ("portal-pages", "portal-pages/bo-tu-phap/1.001193.json", "2026-06-01")]


def test_a_newer_decision_date_wins_over_a_newer_snapshot(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "portal-api", tmp_path / "a" / "portal-api")
    shutil.copytree(FIXTURES / "portal-api", tmp_path / "b" / "portal-api")
    older = tmp_path / "b/portal-api/details/1.001193.json"
    doc = json.loads(older.read_text("utf-8"))
    # an older decision (2020-01-01) in the copy read second
    doc["data"]["procedureProposal"].update(proposalNumber="1/QĐ-BTP", decisionDate=1577811600000)
    older.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    merged = {r.code: r for r in read_paths([tmp_path / "b", tmp_path / "a"]).records}
    assert merged["1.001193"].decision is not None and merged["1.001193"].decision.number == "163/QĐ-BTP"
    assert merged["1.001193"].decision.date == "2026-01-16"


# broken files


def test_unreadable_files_are_located_and_nothing_of_them_is_imported(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES, tmp_path / "tthc")
    details = tmp_path / "tthc/portal-api/details"
    truncated = '{"code": "OK", "data": {"code": "9.000001", "name": "Cắt'
    (details / "9.000001.json").write_text(truncated, "utf-8")
    no_code = json.loads((details / "1.000656.json").read_text("utf-8"))
    no_code["data"]["code"] = no_code["data"]["codeNotation"] = ""
    (details / "1.000656.json").write_text(json.dumps(no_code, ensure_ascii=False), "utf-8")
    page = tmp_path / "tthc/portal-pages/bo-tu-phap/2.000815.json"
    bad = json.loads(page.read_text("utf-8"))
    bad["thanh_phan_ho_so"] = ["not", "text"]
    page.write_text(json.dumps(bad, ensure_ascii=False), "utf-8")
    catalog = tmp_path / "tthc/portal-api/catalog.jsonl"
    lines = catalog.read_text("utf-8").splitlines()
    broken = '{"code": "9.000002", "name": "Hỏng"'
    catalog.write_text("\n".join([lines[0], broken, *lines[1:]]) + "\n", "utf-8")

    result = read_paths([tmp_path / "tthc"])

    assert sorted(str(e) for e in result.skipped) == [
        "portal-api/catalog.jsonl:2: JSON hỏng (cột 36): Expecting ',' delimiter",
        "portal-api/details/1.000656.json: không có mã thủ tục (code)",
        "portal-api/details/9.000001.json: JSON hỏng (dòng 1, cột 53): Unterminated string starting at",
        "portal-pages/bo-tu-phap/2.000815.json: thiếu hoặc sai kiểu mục: thanh_phan_ho_so"]
    codes = {r.code for r in result.records}
    assert "9.000001" not in codes and "1.000656" not in codes
    assert "2.000815" not in codes  # the page was the only copy of the code
    assert "9.000002" not in {c.code for c in result.catalog or []}
    assert len(result.catalog or []) == 7


def test_the_cli_prints_skipped_files_and_exits_1(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "bqp-doc", tmp_path / "in" / "bqp-doc")
    (tmp_path / "in/bqp-doc/1.013999.json").write_text("{", "utf-8")
    code, out = run("kb", "import-procedures", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert code == 1
    assert "Bỏ qua 1 tệp/dòng không đọc được" in out
    assert "bqp-doc/1.013999.json: JSON hỏng (dòng 1, cột 2)" in out
    assert [r.code for r in load_records(tmp_path / "out")] == ["1.013133"]


# re-import


def test_a_second_run_on_a_changed_copy_reports_every_change(tmp_path: Path) -> None:
    src, out_dir = tmp_path / "tthc", tmp_path / "records"
    shutil.copytree(FIXTURES, src)
    code, first = run("kb", "import-procedures", str(src), "--out", str(out_dir))
    assert code == 0 and "chưa có: mọi thủ tục đều mới" in first
    khai_tu = src / "portal-api/details/1.000656.json"
    doc = json.loads(khai_tu.read_text("utf-8"))
    doc["data"]["procedureProposal"].update(proposalNumber="999/QĐ-BTP", decisionDate=1782838800000)
    doc["data"]["executionMethods"][2]["fees"] = [{"type": "FEE", "value": 8000, "description": ""}]
    doc["data"]["executionMethods"][2].update(processingTime=3, processingTimeUnit="WORKING_DAY")
    khai_tu.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    nvqs = src / "bqp-doc/1.013133.json"
    bqp = json.loads(nvqs.read_text("utf-8"))
    bqp["tables"]["thanh_phan_ho_so"].pop(0)
    nvqs.write_text(json.dumps(bqp, ensure_ascii=False), "utf-8")
    (src / "portal-pages/bo-tai-chinh/1.008340.json").unlink()
    shutil.copy(EXTRA / "bqp-doc/1.013134.json", src / "bqp-doc/1.013134.json")

    code, second = run("kb", "import-procedures", str(src), "--out", str(out_dir))

    assert code == 0
    lines = second.splitlines()
    assert "  ~ 1.000656 Thủ tục đăng ký khai tử — quyết định công bố: 163/QĐ-BTP; 2026-01-16 → " \
           "999/QĐ-BTP; 2026-07-01" in lines
    assert any(x.startswith("  ~ 1.000656 Thủ tục đăng ký khai tử — phí, lệ phí: ") and
               x.endswith("trực tiếp: 8000") for x in lines)
    assert any(x.startswith("  ~ 1.000656 Thủ tục đăng ký khai tử — thời hạn giải quyết: ") and
               x.endswith("trực tiếp: 3 Ngày làm việc") for x in lines)
    assert "  ~ 1.013133 Thủ tục đăng ký nghĩa vụ quân sự lần đầu — thành phần hồ sơ: " \
           "bỏ: Phiếu tự khai sức khỏe nghĩa vụ quân sự [1/0]" in lines
    assert any(x.startswith("  - 1.008340 Khai thuế thu nhập cá nhân")
               and x.endswith("— không còn trong dữ liệu mới (4472/QĐ-BTC)") for x in lines)
    assert any(x.startswith("  + 1.013134 Thủ tục đăng ký nghĩa vụ quân sự chuyển đi")
               and x.endswith("— mới (6375/QĐ-BQP)") for x in lines)
    assert "Danh mục: 0 mã mới, 0 mã không còn." in lines
    assert {r.code for r in load_records(out_dir)} >= {"1.013134"}


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    code, out = run("kb", "import-procedures", str(FIXTURES), "--out", str(tmp_path / "o"), "--dry-run")
    assert code == 0 and "--dry-run: không ghi tệp." in out
    assert not (tmp_path / "o").exists()


# kb show


def test_show_prints_a_record_with_its_source(tmp_path: Path) -> None:
    run("kb", "import-procedures", str(FIXTURES), "--out", str(tmp_path / "records"))
    code, out = run("kb", "show", "1.001193", "--knowledge", str(tmp_path))
    assert code == 0
    assert out.startswith("1.001193 — Thủ tục đăng ký khai sinh\nLĩnh vực: Hộ tịch\n")
    assert "  - Trực tiếp: thời hạn 1 Ngày làm việc; phí, lệ phí: miễn phí" in out
    assert "Nguồn: portal-api, portal-api/details/1.001193.json, dữ liệu ngày 2026-07-18" in out
    assert "Quyết định công bố: 163/QĐ-BTP ngày 2026-01-16 (Bộ Tư pháp)" in out
    assert "Trang Cổng DVC quốc gia: https://dichvucong.gov.vn/p/home/" \
           "dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193" in out


def test_show_prints_the_catalog_line_of_a_code_without_a_record(tmp_path: Path) -> None:
    run("kb", "import-procedures", str(FIXTURES), "--out", str(tmp_path / "records"))
    code, out = run("kb", "show", "1.001471", "--knowledge", str(tmp_path))
    assert code == 0
    assert out.startswith("1.001471 — Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp trung ương)\n"
                          "(chỉ có trong danh mục quốc gia, chưa có bản ghi đầy đủ)\n")


def test_show_an_unknown_code_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run("kb", "import-procedures", str(FIXTURES), "--out", str(tmp_path / "records"))
    code, out = run("kb", "show", "9.999999", "--knowledge", str(tmp_path))
    assert (code, out) == (1, "")
    assert "Không có thủ tục mã 9.999999" in capsys.readouterr().err


# the whole folder and the bundle

COMMON = {  # the common commune procedures the issue names, by their national codes
    "1.001193": "khai sinh", "1.000894": "kết hôn", "1.000656": "khai tử", "1.004222": "thường trú",
    "1.004194": "tạm trú", "1.010038": "tách hộ", "2.001159": "lưu trú", "2.000815": "chứng thực bản sao",
    "2.000884": "chứng thực chữ ký", "2.001035": "chứng thực hợp đồng, giao dịch",
    "1.004873": "xác nhận tình trạng hôn nhân", "2.000635": "bản sao trích lục hộ tịch",
    **{f"1.01406{i}": "căn cước" for i in range(1, 9)}, "1.001612": "hộ kinh doanh",
    "1.013133": "nghĩa vụ quân sự"}
#: What the source itself leaves empty ("Không có thông tin", or no fee in the API record).
GAPS = {"2.001159": {"fee"}, "2.000815": {"time"}, "2.000884": {"time"}, "2.001035": {"time"},
        "1.014061": {"fee"}, "1.014062": {"fee"}, "1.014065": {"fee"}, "1.014068": {"fee"}}


def missing(r: Record) -> set[str]:
    gaps = set()
    if not any(m.time_limit for m in r.methods):
        gaps.add("time")
    if not any(f.amount is not None or f.free or f.province for m in r.methods for f in m.fees):
        gaps.add("fee")
    if not any(g.documents for g in r.documents):
        gaps.add("documents")
    return gaps


@needs_data
def test_the_whole_folder_reads_without_a_skipped_file(whole: Import) -> None:
    assert whole.skipped == []
    assert whole.read == {"portal-api": 502, "portal-pages": 1048, "bqp-doc": 94}
    assert whole.ignored == ["portal-api/provinces.json"]
    assert len(whole.records) == 1582
    assert len(whole.catalog or []) == 5670
    assert 450 <= len(whole.commune) <= 500


@needs_data
@pytest.mark.parametrize("code", sorted(COMMON))
def test_common_commune_procedures_are_complete_where_the_source_is(whole: Import, code: str) -> None:
    record = next(r for r in whole.records if r.code == code)
    assert record.commune, COMMON[code]
    assert missing(record) == GAPS.get(code, set())


@needs_data
def test_every_text_is_nfc(whole: Import) -> None:
    for r in whole.records:
        line = r.to_json()
        assert unicodedata.normalize("NFC", line) == line, r.code


@needs_data
def test_the_bundled_records_are_what_the_importer_makes_of_the_data(whole: Import) -> None:
    bundled = load_records(BUNDLE)
    assert [r.to_json() for r in bundled] == [r.to_json() for r in whole.records]
    assert [c.to_json() for c in load_catalog(BUNDLE)] == [c.to_json() for c in whole.catalog or []]
