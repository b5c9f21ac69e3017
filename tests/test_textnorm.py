import pytest

from bot.textnorm import Normaliser, clean, fold, has_diacritics


@pytest.mark.parametrize(("raw", "expected"), [
    ("Đăng ký khai sinh", "dang ky khai sinh"),
    ("ĐĂNG KÝ   KẾT HÔN!!!", "dang ky ket hon"),
    ("Thủ tục hành chính?", "thu tuc hanh chinh"),
])
def test_fold_removes_diacritics_case_and_punctuation(raw: str, expected: str) -> None:
    assert fold(raw) == expected


def test_fold_treats_decomposed_and_composed_text_alike() -> None:
    composed = "Hộ tịch"
    decomposed = "Ho\u0323\u0302 ti\u0323ch"
    assert fold(composed) == fold(decomposed) == "ho tich"


def test_clean_strips_zero_width_and_control_characters_and_normalises_to_nfc() -> None:
    assert clean("kha\u200bi  sinh\u200d\ufeff\x07 ") == "khai sinh"
    assert clean("Ho\u0323\u0302 ti\u0323ch") == "Hộ tịch"


def test_clean_bounds_length() -> None:
    assert len(clean("a" * 10_000)) == 2000


def test_clean_keeps_emoji() -> None:
    assert clean("cảm ơn 👍") == "cảm ơn 👍"


@pytest.fixture
def norm() -> Normaliser:
    return Normaliser({"ko": "không", "dvc": "dịch vụ công", "cccd": "căn cước công dân"},
                      {"căn cước công dân": "căn cước", "online": "trực tuyến"})


@pytest.mark.parametrize(("raw", "expected"), [
    ("ko biết", "khong biet"),
    ("KO biết", "khong biet"),
    ("dvc là gì", "dich vu cong la gi"),
    ("làm cccd", "lam can cuoc"),
    ("Căn cước công dân", "can cuoc"),
    ("khai sinh online", "khai sinh truc tuyen"),
    ("khongggg", "khong"),
    ("ddang ky", "dang ki"),
    ("đăng kí", "dang ki"),
    ("lý lịch", "li lich"),
])
def test_normaliser_expands_abbreviations_and_unifies_spelling(norm: Normaliser, raw: str,
                                                               expected: str) -> None:
    assert norm.text(raw) == expected


def test_a_canonical_phrase_is_not_expanded_twice() -> None:
    norm = Normaliser({}, {"phí": "lệ phí"})
    assert norm.text("lệ phí bao nhiêu") == "le phi bao nhieu"
    assert norm.text("phí bao nhiêu") == "le phi bao nhieu"


@pytest.mark.parametrize(("text", "expected"), [("khai sinh", False), ("khai sính", True), ("đi", True)])
def test_has_diacritics(text: str, expected: bool) -> None:
    assert has_diacritics(text) is expected


@pytest.fixture
def land() -> Normaliser:
    return Normaliser({"bhxh": "bảo hiểm xã hội"},
                      {"sổ đỏ": "giấy chứng nhận quyền sử dụng đất",
                       "giấy đỏ": "giấy chứng nhận quyền sử dụng đất",
                       "rút bảo hiểm xã hội": "hưởng bảo hiểm xã hội", "1 lần": "một lần"})


@pytest.mark.parametrize(("raw", "expected"), [
    ("mất sổ đỏ", "mat giay chung nhan quyen su dung dat"),
    ("mat so do", "mat giay chung nhan quyen su dung dat"),  # typed without diacritics
    ("mất sổ do", "mat giay chung nhan quyen su dung dat"),  # one word without
    ("rút bhxh 1 lần", "huong bao hiem xa hoi mot lan"),  # through an abbreviation
])
def test_a_synonym_rewrites_the_words_typed_with_its_diacritics_or_none(
        land: Normaliser, raw: str, expected: str) -> None:
    assert land.text(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("trường trung học cơ sở do tỉnh quản lý", "truong trung hoc co so do tinh quan li"),
    ("xin giấy đó ở đâu", "xin giay do o dau"),
])
def test_a_synonym_leaves_words_that_only_fold_alike(land: Normaliser, raw: str,
                                                      expected: str) -> None:
    assert land.text(raw) == expected
