"""The Centre's question words ("cần chi", "ở mô", "làm răng", "rứa") read as the standard words,
only where they cannot be other words."""

from __future__ import annotations

import pytest

from bot.regional import Regional
from bot.textnorm import Normaliser
from bot.typos import Speller

TABLE = {"chi": "gì", "mô": "đâu", "răng": "sao", "rứa": "vậy"}


@pytest.fixture
def norm() -> Normaliser:
    n = Normaliser()
    n.speller = Speller({}, {}, regional=Regional(TABLE, words={"tui": "tôi", "má": "mẹ"})).mend
    return n


@pytest.mark.parametrize(("typed", "read"), [
    ("giấy tạm vắng cần chi", "giay tam vang can gi"),
    ("nộp hồ sơ ở mô rứa", "nop ho so o dau vay"),
    ("xin hộ nghèo làm răng ạ", "xin ho ngheo lam sao a"),
    ("đăng ký kết hôn mang chi và nộp ở mô", "dang ki ket hon mang gi va nop o dau"),
    ("lên mô xin giấy xác nhận", "len dau xin giay xac nhan"),  # "mô" after a word of going
])
def test_a_question_word_of_the_centre_is_read_as_the_standard_one(norm: Normaliser, typed: str,
                                                                    read: str) -> None:
    assert norm.text(typed) == read


@pytest.mark.parametrize(("typed", "read"), [
    ("chi phí làm sổ đỏ", "chi phi lam so do"),  # a word of its own follows: "chi phí"
    ("mô tả công việc", "mo ta cong viec"),
    ("tiền được chi từ ngân sách", "tien duoc chi tu ngan sach"),  # to spend
    ("hỏi về chi phí", "hoi ve chi phi"),  # only "đâu" reads after a word of going
    ("cho em hoi chi", "cho em hoi chi"),  # no diacritics anywhere: "chi" may be "chị"
    ("hỏi chị", "hoi chi"),  # "chị" typed with its diacritics is the sister
    ("cửa đang mở", "cua dang mo"),  # "mở" is not "mô"
    ("nho rang khong dau", "nho rang khong dau"),  # "răng" typed bare may be "rằng"
])
def test_the_same_letters_meaning_another_word_stay(norm: Normaliser, typed: str, read: str) -> None:
    assert norm.text(typed) == read


@pytest.mark.parametrize(("typed", "read"), [
    ("tui muốn làm căn cước", "toi muon lam can cuoc"),
    ("má tui mất hôm qua", "me toi mat hom qua"),
    ("bi moc tui mat vi", "bi moc tui mat vi"),  # no diacritics anywhere: "tui" may be "túi"
    ("bị móc túi", "bi moc tui"),
    ("mã số thuế", "ma so thue"),  # "mã" is not "má"
])
def test_a_southern_word_for_a_person_is_read_wherever_it_stands(norm: Normaliser, typed: str,
                                                                 read: str) -> None:
    assert norm.text(typed) == read
