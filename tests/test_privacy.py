import pytest

from bot.privacy import pseudonym, scrub


@pytest.mark.parametrize(("raw", "expected"), [
    ("số căn cước 001203004567 bị mất", "số căn cước [số giấy tờ] bị mất"),
    ("cmnd 123456789", "cmnd [số giấy tờ]"),
    ("gọi 0912 345 678 giúp", "gọi [số điện thoại] giúp"),
    ("gọi 0912.345.678", "gọi [số điện thoại]"),
    ("+84912345678", "[số điện thoại]"),
    ("thư a.b@gmail.com", "thư [email]"),
    ("tổng đài 18001096", "tổng đài 18001096"),
    ("ngày 12/3/2025", "ngày 12/3/2025"),
])
def test_scrub_removes_identifiers_and_keeps_public_numbers(raw: str, expected: str) -> None:
    assert scrub(raw) == expected


def test_pseudonym_is_stable_keyed_and_not_the_id() -> None:
    a = pseudonym(b"secret-one", "telegram", "12345")
    assert a == pseudonym(b"secret-one", "telegram", "12345")
    assert a != pseudonym(b"secret-two", "telegram", "12345")
    assert a != pseudonym(b"secret-one", "zalo", "12345")
    assert "12345" not in a and len(a) == 32
