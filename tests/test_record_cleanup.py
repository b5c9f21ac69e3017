"""What the record import cleans of the portal's text before a citizen reads it: a paper listed
twice, a template file name glued to a paper's name, nested list marks, a documents section
the scrape began in the middle of the steps, a way of filing given twice, a decision number
that already says "QĐ"."""

from __future__ import annotations

from dataclasses import replace

from bot.engine import Engine
from bot.knowledge.model import KnowledgeBase
from bot.knowledge.records import clean
from bot.knowledge.records.answer import RecordAnswers
from bot.knowledge.records.model import Decision, Document, DocumentGroup, Method, Record, Source, Way
from bot.knowledge.records.page_tables import _split_form
from bot.knowledge.records.read_pages import _resplit
from bot.knowledge.records.tidy import tidy
from bot.knowledge.records.timecases import by_way
from bot.render import Renderer


def record(*docs: Document) -> Record:
    return Record(code="9.999999", name="Thủ tục thử", field="", levels=(), authority=(),
                  commune=True, methods=(), documents=(DocumentGroup("", docs),), conditions="",
                  results=(), legal_basis=(), decision=None,
                  source=Source("portal-pages", "x.json", "2026-06-01", ""))


def test_a_paper_said_twice_with_other_punctuation_is_listed_once_in_its_longer_wording() -> None:
    first = Document(name="Phiếu thông tin do cơ quan in để người nộp kiểm tra và ký. Chưa có "
                          "thông tin thì kèm phiếu thu thập", original=1, copy=0)
    again = Document(name="Phiếu thông tin do cơ quan in để người nộp kiểm tra và ký.Chưa có "
                          "thông tin thì kèm phiếu thu thập thông tin dân cư", original=1, copy=0)
    other = Document(name="Giấy tờ chứng minh là người đại diện hợp pháp", original=1, copy=0)
    papers = tidy(record(first, other, again)).documents[0].documents
    assert papers == (again, other)


def test_papers_that_share_only_a_heading_or_a_number_stay_apart() -> None:
    a = Document(name="Bản sao có chứng thực theo quy định: Văn bằng do cơ sở đào tạo cấp", copy=1)
    b = Document(name="Bản sao có chứng thực theo quy định: Chứng chỉ hành nghề đã được cấp", copy=1)
    c = Document(name="2. Đối với xã: nhận hồ sơ của người tham gia")
    d = Document(name="2. Tổ chức dịch vụ: thu tiền đóng của người tham gia")
    assert len(tidy(record(a, b, c, d)).documents[0].documents) == 4


def test_a_same_paper_with_other_counts_is_kept() -> None:
    a = Document(name="Giấy chứng nhận quyền sử dụng đất đã cấp qua các thời kỳ", original=1, copy=1)
    b = Document(name="Giấy chứng nhận quyền sử dụng đất đã cấp qua các thời kỳ", original=0, copy=1)
    assert len(tidy(record(a, b)).documents[0].documents) == 2


def test_a_bare_file_name_glued_to_a_paper_is_cut_off() -> None:
    assert _split_form("Giấy đề nghị theo Mẫu số 01 ban hành kèm theo Quyết định số 24/2021/QĐ-TTg"
                       "Giấy đề nghị.pdf") == (
        "Giấy đề nghị theo Mẫu số 01 ban hành kèm theo Quyết định số 24/2021/QĐ-TTg", "Giấy đề nghị.pdf")
    assert _split_form("Văn bản đề nghị (NA20).Mau NA20-BCA.docx") == (
        "Văn bản đề nghị (NA20).", "Mau NA20-BCA.docx")


def test_nested_list_marks_go_and_a_lost_alternative_shows_as_a_gap() -> None:
    assert clean.name("Đối với người nước ngoài: +++ Tờ khai mẫu 20") == \
        "Đối với người nước ngoài: Tờ khai mẫu 20"
    assert clean.name("Đối với hoặc cá nhân sống ở nước ngoài: ++ Tờ khai") == \
        "Đối với … hoặc cá nhân sống ở nước ngoài: Tờ khai"
    assert clean.name("Sổ BHXH + bản sao") == "Sổ BHXH + bản sao"


def test_a_documents_section_cut_in_the_middle_of_a_step_is_read_again_from_the_page() -> None:
    page = {"trinh_tu_thuc_hien": "Bước 1. Lập hồ sơ theo quy định tại tiết 1.1 Mục",
            "thanh_phan_ho_so": "và nộp cho cơ quan bảo hiểm.\nBước 2. Nhận kết quả.",
            "raw_text": "Trình Tự Thực HiệnBước 1. Lập hồ sơ theo quy định tại tiết 1.1 Mục Thành phần hồ sơ"
                        " và nộp cho cơ quan bảo hiểm.\nBước 2. Nhận kết quả.Cách Thức Thực HiệnTrực tuyến"
                        "Thành phần hồ sơTờ khai tham gia (Mẫu TK1)1 bản chínhCăn cứ pháp lýLuật"}
    steps, papers = _resplit(page)
    assert "Bước 2. Nhận kết quả." in steps
    assert papers == "Tờ khai tham gia (Mẫu TK1)1 bản chính"


def test_a_list_mark_opening_the_documents_section_is_no_cut() -> None:
    page = {"trinh_tu_thuc_hien": "Bước 1. Nộp hồ sơ.", "thanh_phan_ho_so": "a) Tờ khai1 bản chính",
            "raw_text": "…"}
    assert _resplit(page) == ("Bước 1. Nộp hồ sơ.", "a) Tờ khai1 bản chính")


def method(way: Way, days: float) -> Method:
    return Method(way=way, time_limit=f"{days:g} Ngày làm việc", days=days, unit="ngày làm việc")


def test_a_way_given_twice_keeps_its_shorter_time_and_other_ways_stay() -> None:
    ways = by_way([method("truc_tuyen", 1), method("truc_tuyen", 3), method("truc_tiep", 5)])
    assert [(m.way, m.days) for m in ways] == [("truc_tuyen", 1), ("truc_tiep", 5)]


def test_a_decision_number_that_already_says_qd_is_not_prefixed_again(
        bundled: tuple[KnowledgeBase, Engine, Renderer]) -> None:
    kb = bundled[0]
    answers = RecordAnswers(kb.text)
    line = answers.source_line(replace(record(), decision=Decision("QĐ/0001-BTP", "2019-08-01", "BTP")))
    assert "· QĐ/0001-BTP (01/08/2019) ·" in line
    line = answers.source_line(replace(record(), decision=Decision("163/QĐ-BTP", None, "Bộ Tư pháp")))
    assert "· QĐ 163/QĐ-BTP ·" in line
