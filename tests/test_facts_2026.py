"""Every finding of ../shared/reference/facts-2026.md (sections A and B) is in the answer a
citizen gets: one test per finding, reading the answer text the bot would send."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.knowledge.model import KnowledgeBase
from bot.render import Renderer
from bot.textnorm import fold

Bundled = tuple[KnowledgeBase, Engine, Renderer]

#: finding, entry, field asked (None: the whole answer), facts that must all be in the text
FINDINGS = [
    ("A1", "tthc-dang-ky-ket-hon", "documents",
     ["không phải nộp Giấy xác nhận tình trạng hôn nhân"]),
    ("A2", "tthc-dang-ky-khai-sinh", "documents",
     ["Không cần giấy đăng ký kết hôn của cha mẹ"]),
    ("A3", "tthc-xac-nhan-tinh-trang-hon-nhan", "time_limit",
     ["3 ngày làm việc kể từ khi nhận đủ hồ sơ."]),  # for every file: no "nếu cần xác minh"
    ("A4", "tthc-dang-ky-khai-sinh", "where", ["nơi cư trú hoặc nơi khác"]),
    ("A5", "tthc-dang-ky-khai-tu", "where", ["Ủy ban nhân dân cấp xã", "NĐ 120/2025"]),
    ("A6", "tthc-dang-ky-khai-sinh", "fee", ["Miễn lệ phí", "Điều 11"]),
    ("A7", "tthc-dang-ky-khai-sinh-qua-han", None, ["không bị phạt", "HĐND tỉnh"]),
    ("A8", "mot-cua-mang-theo-giay-to", None, ["1/7/2026", "VNeID", "số định danh"]),
    ("A9", "tthc-cap-the-can-cuoc", "where", ["Công an cấp huyện đã bỏ", "Công an xã"]),
    ("A10", "tthc-xoa-dang-ky-thuong-tru", None, ["tự xóa", "1 ngày làm việc", "7 ngày"]),
    ("A12", "hotline-1022", None, ["từng tỉnh", "không phải số toàn quốc"]),
    ("A13", "chiso-sipas", None, ["2024", "83,94%"]),
    ("A14", "mot-cua-phi-dia-gioi", None, ["danh mục", "tỉnh đã công bố"]),
    ("A15", "cchc-qd-468-mot-cua", None, ["61/2018", "107/2021", "hết hiệu lực"]),
    ("B1", "tthc-dang-ky-khai-sinh", "documents", ["Giấy chứng sinh", "người làm chứng", "cam đoan"]),
    ("B2", "tthc-dang-ky-ket-hon", "fee", ["Miễn lệ phí"]),
    ("B3", "tthc-dang-ky-ket-hon", "documents", ["tờ khai", "số định danh", "có mặt"]),
    ("B4", "tthc-xac-nhan-tinh-trang-hon-nhan", "fee", ["HĐND tỉnh"]),
    ("B5", "tthc-xac-nhan-tinh-trang-hon-nhan", "online", ["trực tuyến", "bưu chính"]),
    ("B6", "tthc-dang-ky-khai-tu", "time_limit", ["trong ngày", "15 giờ"]),
    ("B7", "tthc-dang-ky-khai-tu", "online", ["bưu chính", "mai táng phí"]),
    ("B8", "tthc-lien-thong-khai-sinh-thuong-tru-bhyt", "time_limit", ["3 ngày làm việc"]),
    ("B9", "tthc-dang-ky-thuong-tru", None, ["60 ngày"]),
    ("B10", "tthc-cap-ban-sao-trich-luc-ho-tich", "fee", ["8.000"]),
    ("B11", "tthc-thay-doi-cai-chinh-ho-tich", "time_limit", ["3 ngày làm việc"]),
    ("B12", "tthc-dang-ky-nhan-cha-me-con", "documents", ["ADN", "2 người thân thích"]),
    ("B13", "tthc-dang-ky-giam-ho", "fee", ["Miễn lệ phí"]),
    ("B14", "tthc-dang-ky-lai-khai-sinh", "documents", ["cam đoan", "1/1/2016"]),
    ("B15", "tthc-dang-ky-thuong-tru", "documents", ["CT01", "chỗ ở hợp pháp"]),
    ("B16", "tthc-dang-ky-tam-tru", "fee", ["15.000", "7.000"]),
    ("B17", "tthc-dang-ky-tam-tru", "documents", ["tờ khai", "chỗ ở hợp pháp"]),
    ("B18", "tthc-gia-han-tam-tru", "time_limit", ["15 ngày trước", "3 ngày làm việc"]),
    ("B19", "tthc-tach-ho", "documents", ["đồng ý của chủ hộ", "năng lực hành vi dân sự"]),
    ("B20", "tthc-thong-bao-luu-tru", "time_limit", ["23 giờ", "8 giờ", "30 ngày"]),
    ("B21", "tthc-khai-bao-tam-vang", None, ["12 tháng", "đăng ký tạm trú"]),
    ("B22", "tthc-cap-lai-the-can-cuoc", "fee", ["70.000", "50%", "35.000"]),
    ("B23", "tthc-cap-the-can-cuoc", "time_limit", ["7 ngày làm việc"]),
    ("B24", "tthc-chung-thuc-chu-ky", "fee", ["10.000"]),
    ("B25", "tthc-chung-thuc-hop-dong-giao-dich", "fee", ["50.000", "30.000", "25.000"]),
    ("B26", "tthc-chung-thuc-ban-sao", "documents", ["bản chính", "nước ngoài"]),
    ("B27", "buu-chinh-cuoc-phi", None, ["22/2017", "8.000"]),
]


@pytest.mark.parametrize(("finding", "entry_id", "field", "facts"), FINDINGS,
                         ids=[f[0] for f in FINDINGS])
def test_finding_is_in_the_answer(bundled: Bundled, finding: str, entry_id: str,
                                  field: str | None, facts: list[str]) -> None:
    kb, _, renderer = bundled
    text = fold(renderer.answer(kb.entries[entry_id], "ky-lac", (), field).text)
    for fact in facts:
        assert fold(fact) in text, f"{finding}: {fact!r} missing"


def test_a11_localities_are_in_their_current_province(bundled: Bundled) -> None:
    kb, _, _ = bundled
    assert kb.localities["cho-don"].province == "Thái Nguyên"
    assert kb.localities["ham-tan"].province == "Lâm Đồng"


def test_a1_marriage_does_not_offer_the_single_status_paper(bundled: Bundled) -> None:
    kb, _, _ = bundled
    assert "tthc-xac-nhan-tinh-trang-hon-nhan" not in kb.entries["tthc-dang-ky-ket-hon"].follow_up
