"""Scrubbing identifiers out of stored text (phone numbers by ``phonenumbers``), pseudonyms."""

import pytest

from bot.privacy import pseudonym, scrub

E, P, ID = "[email]", "[số điện thoại]", "[số giấy tờ]"

REMOVED = [
    # ID cards: 12-digit CCCD and 9-digit CMND, every separator
    ("số căn cước 001203004567 bị mất", f"số căn cước {ID} bị mất"),
    ("cccd 0790 9200 1234", f"cccd {ID}"),
    ("cccd 079 203 001 234", f"cccd {ID}"),
    ("cccd 079.203.001.234", f"cccd {ID}"),
    ("cccd 079-203-001-234", f"cccd {ID}"),
    ("cccd 079_203_001_234", f"cccd {ID}"),
    ("căn cước: 036099012345.", f"căn cước: {ID}."),
    ("cccd 001203004567, gọi lại", f"cccd {ID}, gọi lại"),
    ("cmnd 123456789", f"cmnd {ID}"),
    ("cmnd 123 456 789", f"cmnd {ID}"),
    ("cmnd 123.456.789", f"cmnd {ID}"),
    ("cmnd 123-456-789", f"cmnd {ID}"),
    ("(cmnd 024 123 456)", f"(cmnd {ID})"),
    # phones: mobile and landline, every separator, +84 forms
    ("gọi 0912 345 678 giúp", f"gọi {P} giúp"),
    ("gọi 0912.345.678", f"gọi {P}"),
    ("0912345678", P),
    ("+84912345678", P),
    ("84912345678", P),
    ("84 912 345 678", P),
    ("(+84) 912 345 678", P),
    ("+84 (0) 912 345 678", P),
    ("+84 (0) 28 3829 1234", P),
    ("(028) 3829 1234", P),
    ("028 3829 1234", P),
    ("024.3823.4567", P),
    ("0243 823 4567", P),
    ("098/765/4321", P),
    ("0912_345_678", P),
    ("0912 - 345 - 678", P),
    ("0912-345-678", P),
    ("zalo 0388 123 456 nhé", f"zalo {P} nhé"),
    ("số 0209.3456.789.", f"số {P}."),
    ("0912345678 và 0987654321", f"{P} và {P}"),
    ("+1 415 555 2671", P),
    # e-mails, plain and obfuscated
    ("thư a.b@gmail.com", f"thư {E}"),
    ("email: ten.ho+tag@sub.example.gov.vn", f"email: {E}"),
    ("nguyenvana＠gmail.com", E),
    ("nguyenvana @ gmail.com", E),
    ("nguyenvana @ gmail . com", E),
    ("nguyenvana [at] gmail [dot] com", E),
    ("nguyenvana(at)gmail(dot)com", E),
    ("nguyenvana {at} gmail {dot} com", E),
    ("mail: abc at gmail chấm com", f"mail: {E}"),
    ("gửi vào a.b@gmail.com.", f"gửi vào {E}."),
]

KEPT = [
    "tổng đài 18001096", "gọi 1900 1234", "đường dây nóng 1022", "gọi 113 khi khẩn cấp",
    "ngày 12/3/2025", "ngày 12/03/2025 - 10/04/2025", "lúc 8:30 sáng thứ Hai",
    "phí 50.000 đồng", "lệ phí 1.200.000đ", "khoảng 123.456.789 đồng", "mức 2.340.000 VNĐ",
    "mã thủ tục 1.000894", "mã 1.001234.000.00.00.H12", "Quyết định 163/QĐ-BTP",
    "Nghị định 118/2025/NĐ-CP", "mã hồ sơ 000.00.12.H12-250301-0001", "số nhà 12, đường 3/2",
    "năm 2025 có 365 ngày", "hỏi @cchc_bot nhé", "tôi ở 123 Lê Lợi", "trong 15 ngày làm việc",
    "Luật 91/2025/QH15",
]


@pytest.mark.parametrize(("raw", "expected"), REMOVED)
def test_scrub_removes_identifiers_whatever_their_form(raw: str, expected: str) -> None:
    assert scrub(raw) == expected


@pytest.mark.parametrize("raw", KEPT)
def test_scrub_keeps_public_numbers_fees_dates_and_codes(raw: str) -> None:
    assert scrub(raw) == raw


def test_the_table_is_large_enough() -> None:
    assert len(REMOVED) + len(KEPT) >= 60


def test_pseudonym_is_stable_keyed_and_not_the_id() -> None:
    a = pseudonym(b"secret-one", "telegram", "12345")
    assert a == pseudonym(b"secret-one", "telegram", "12345")
    assert a != pseudonym(b"secret-two", "telegram", "12345")
    assert a != pseudonym(b"secret-one", "zalo", "12345")
    assert "12345" not in a and len(a) == 32
