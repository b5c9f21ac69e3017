"""The procedure readers: each quirk of the portal's three formats (API detail JSON, page text,
the Bộ Quốc phòng .doc tables), read from real files under tests/fixtures/tthc/ (page-text files
without their unused ``raw_text``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.knowledge.records.extract import main_group
from bot.knowledge.records.importer import read_paths
from bot.knowledge.records.model import Record
from bot.knowledge.records.page_tables import documents
from bot.knowledge.records.read_pages import methods

FIXTURES = Path(__file__).parent / "fixtures" / "tthc"


@pytest.fixture(scope="module")
def fixtures() -> dict[str, Record]:
    result = read_paths([FIXTURES])
    assert result.skipped == []
    return {r.code: r for r in result.records}


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


def test_steps_naming_the_documents_section_do_not_cut_it() -> None:
    # 1.001613's page text: the steps say "(Thành phần hồ sơ)", so the scrape began the
    # documents there ("… ) và nộp cho cơ quan BHXH. Bước 2. …"); the raw text has them whole
    result = read_paths([FIXTURES.parent / "tthc-cut"])
    record = result.records[0]
    assert record.steps.startswith("Bước 1. Lập, nộp hồ sơ") and "Bước 3" in record.steps
    names = [d.name for g in record.documents for d in g.documents]
    assert "a) Sổ BHXH" in names and "b) Đơn đề nghị (Mẫu số 14-HSB)" in names
    assert not any(n.startswith((")", "Bước")) for n in names)
    assert any(n.startswith("Trường hợp không quy định rõ bản chính") for n in record.notes)
    papers = main_group(record)
    assert papers is not None and [d.name for d in papers.documents][:2] == [
        "b) Đơn đề nghị (Mẫu số 14-HSB)", "a) Sổ BHXH"]  # the form first, then by letter
