"""What the web pages do to text: links, phone numbers, labels, the source line, numbers."""

import pytest

from handlers.web_format import linkify, no_pictographs, plain_label, readable, split_source, vn_percent


@pytest.mark.parametrize(("text", "link"), [
    ("Gọi 1900 0368 nhé", '<a href="tel:19000368">1900 0368</a>'),
    ("tổng đài 18001096.", '<a href="tel:18001096">18001096</a>'),
    ("số 0239 3888 999, giờ hành chính", '<a href="tel:02393888999">0239 3888 999</a>'),
    ("Bưu điện 1900 54 54 81", '<a href="tel:1900545481">1900 54 54 81</a>'),
    ("gọi +84 912 345 678", '<a href="tel:+84912345678">+84 912 345 678</a>'),
    ("vào dichvucong.gov.vn.", '<a href="https://dichvucong.gov.vn" rel="noopener noreferrer" '
                              'target="_blank">dichvucong.gov.vn</a>.'),
    ("xem https://dichvucong.gov.vn/p/home)", '<a href="https://dichvucong.gov.vn/p/home" '
                                              'rel="noopener noreferrer" target="_blank">'
                                              'https://dichvucong.gov.vn/p/home</a>)'),
])
def test_addresses_and_phone_numbers_become_links(text: str, link: str) -> None:
    assert link in linkify(text)


@pytest.mark.parametrize("text", ["NĐ 118/2025/NĐ-CP", "lệ phí 50.000 đ", "ngày 01/07/2025",
                                  "số GY-000012", "năm 2025, 2026", "1022"])
def test_numbers_that_are_not_phone_numbers_stay_text(text: str) -> None:
    assert "<a " not in linkify(text)


def test_text_is_escaped() -> None:
    assert linkify("<b>x</b> & 1900 0368") == ('&lt;b&gt;x&lt;/b&gt; &amp; '
                                               '<a href="tel:19000368">1900 0368</a>')


def test_labels_and_messages_need_no_emoji_font() -> None:
    assert plain_label("👍 Hữu ích") == "Hữu ích"
    assert plain_label("👎 Chưa hữu ích") == "Chưa hữu ích"
    assert no_pictographs("📋 Đăng ký kết hôn\n• Cơ quan — UBND xã") == "Đăng ký kết hôn\n• Cơ quan — UBND xã"


def test_the_source_paragraph_is_set_apart() -> None:
    assert split_source("Trả lời.\n\nNguồn: Luật Hộ tịch (rà soát 22/11/2026)") == (
        "Trả lời.", "Nguồn: Luật Hộ tịch (rà soát 22/11/2026)")
    assert split_source("Không có nguồn.") == ("Không có nguồn.", None)


def test_percentages_use_a_decimal_comma_and_a_no_break_space() -> None:
    assert vn_percent(78.333) == "78,3\u00a0%"
    assert vn_percent(None) == "—"


def test_logged_commands_name_the_codes_they_carry() -> None:
    names = {"locality": {"ky-lac": "Xã Kỳ Lạc"}, "announcement": {"thong-bao-chung": "Thông báo chung"}}
    assert readable("/diaphuong ky-lac", names) == "/diaphuong Xã Kỳ Lạc"
    assert readable("/dangky thong-bao-chung", names) == "/dangky Thông báo chung"
