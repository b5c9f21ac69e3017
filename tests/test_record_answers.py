"""Answers built from the national records: the field asked leads, nothing is printed as
unknown for the common commune procedures, answers fit a phone, and the source line names the
code, the decision, the portal page and the snapshot date."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.knowledge.model import KnowledgeBase
from bot.render import Renderer

Bundled = tuple[KnowledgeBase, Engine, Renderer]

COMMON = ["tthc-dang-ky-khai-sinh", "tthc-dang-ky-ket-hon", "tthc-dang-ky-khai-tu",
          "tthc-dang-ky-thuong-tru", "tthc-dang-ky-tam-tru", "tthc-tach-ho", "tthc-thong-bao-luu-tru",
          "tthc-chung-thuc-ban-sao", "tthc-chung-thuc-chu-ky", "tthc-chung-thuc-hop-dong-giao-dich",
          "tthc-xac-nhan-tinh-trang-hon-nhan", "tthc-cap-ban-sao-trich-luc-ho-tich",
          "tthc-cap-the-can-cuoc", "tthc-cap-lai-the-can-cuoc", "tthc-cap-doi-can-cuoc-sap-nhap",
          "tthc-cap-can-cuoc-tre-6-den-14-tuoi", "tthc-ho-kinh-doanh", "tthc-nghia-vu-quan-su-lan-dau"]


@pytest.mark.parametrize("entry_id", COMMON)
@pytest.mark.parametrize("field", ["documents", "time_limit", "fee"])
def test_common_commune_procedures_know_documents_time_limit_and_fee(
        bundled: Bundled, entry_id: str, field: str) -> None:
    kb, _, renderer = bundled
    entry = kb.entries[entry_id]
    assert entry.record is not None and entry.record.commune
    body = renderer.answer(entry, "ky-lac", (), field).body
    assert kb.text("rec_no_field") not in body and kb.text("unknown_fact") not in body


def test_every_record_answer_fits_a_phone(bundled: Bundled) -> None:
    kb, _, renderer = bundled
    for entry in kb.entries.values():
        if entry.record is not None:
            assert len(renderer.answer(entry, None, (), None).body) <= 720, entry.id


def test_the_source_line_names_code_decision_portal_and_snapshot(bundled: Bundled) -> None:
    kb, _, renderer = bundled
    source = renderer.answer(kb.entries["tthc-dang-ky-khai-sinh"], None).source
    assert "mã 1.001193" in source and "QĐ 163/QĐ-BTP" in source
    assert "dichvucong.gov.vn" in source and "ma_thu_tuc=1.001193" in source
    assert "dữ liệu ngày 18/07/2026" in source


def test_a_fee_the_province_sets_is_never_shown_as_free(bundled: Bundled) -> None:
    kb, _, renderer = bundled
    body = renderer.answer(kb.entries["tthc-1-004873"] if "tthc-1-004873" in kb.entries
                           else kb.entries["tthc-xac-nhan-tinh-trang-hon-nhan"], None, (), "fee").body
    assert "Hội đồng nhân dân" in body and kb.text("rec_fee_free") not in body


def test_a_procedure_done_elsewhere_says_so_with_its_page(bundled: Bundled) -> None:
    kb, _, renderer = bundled
    passport = renderer.answer(kb.entries["tthc-ho-chieu"], "ky-lac", (), "where").text
    assert "không làm ở xã" in passport and "Công an" in passport
    catalog_only = next(e for e in kb.entries.values() if e.catalog is not None and e.tier == 3)
    text = renderer.answer(catalog_only, None).text
    assert f"ma_thu_tuc={catalog_only.code}" in text


def test_a_case_choice_is_labelled_without_its_numbering_and_cut_at_a_word() -> None:
    from bot.knowledge.records.extract import case_label
    assert case_label("1. Trường hợp hưởng BHXH một lần") == ("Hưởng BHXH một lần", True)
    assert case_label("* Giấy tờ phải xuất trình:") == ("Giấy tờ phải xuất trình", False)
    name = "Đăng ký tạm trú tại nơi đơn vị đóng quân trong Công an nhân dân, Quân đội nhân dân"
    label, is_case = case_label(name)
    kept = label.removesuffix(" …")
    assert is_case and label.endswith(" …") and len(kept) <= 60
    assert name.startswith(kept) and name[len(kept)] in " ,"  # cut between words


def test_time_units_are_said_in_running_text() -> None:
    from bot.knowledge.records.extract import units_said
    assert units_said("7 Ngày làm việc; 02 Giờ") == "7 ngày làm việc; 02 giờ"
    assert units_said("Ngày làm việc thứ hai") == "Ngày làm việc thứ hai"  # no figure before it



def test_a_records_own_conditions_answer_reaches_its_later_cases(bundled: Bundled) -> None:
    # no curated line: the record's conditions are the whole answer, past their first cases
    kb, _, renderer = bundled
    entry = next(e for e in kb.entries.values() if e.record is not None and e.code == "1.003434")
    assert "conditions" not in entry.amend
    body = renderer.answer(entry, None, (), "conditions").body
    assert "tối thiểu là 05 năm" in body
