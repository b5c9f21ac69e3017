"""The speller: a word typed with one letter too few or too many is read as the known word."""

from __future__ import annotations

import pytest

from bot.textnorm import Normaliser, accented_words
from bot.typos import Speller, untelex

KNOWN = {"khong": 1.0, "khang": 5.0, "bao": 1.0, "nhieu": 2.0, "neu": 1.5, "tien": 2.0,
         "chung": 2.0, "thuc": 2.0, "truc": 3.0, "tuyen": 3.0, "passport": 8.0, "lam": 1.0}
PAIRS = {"bao nhieu": 2.0, "bao neu": 8.0, "chung thuc": 3.0, "truc tuyen": 3.0}


@pytest.fixture
def norm() -> Normaliser:
    n = Normaliser({"passport": "hộ chiếu"}, {"bao nhiêu tiền": "lệ phí"})
    n.speller = Speller(KNOWN, PAIRS).mend
    return n


@pytest.mark.parametrize(("typed", "read"), [
    ("có được khng", "co duoc khong"),  # not a syllable: the most common candidate
    ("chng thực", "chung thuc"),
    ("trực tuyyến", "truc tuyen"),  # a letter doubled
    ("làm passort", "lam ho chieu"),  # a mended abbreviation is spelt out
])
def test_a_word_with_a_letter_dropped_or_doubled_is_mended(norm: Normaliser, typed: str,
                                                            read: str) -> None:
    assert norm.text(typed) == read


def test_the_candidate_in_the_most_common_pair_wins_and_synonyms_then_apply(norm: Normaliser) -> None:
    # "nhêu" is one letter from both "nếu" and "nhiêu": "bao nhiêu" is the more common pair,
    # and the mended words meet the synonym "bao nhiêu tiền"
    assert norm.text("hết bao nhêu tiền") == "het le phi"


@pytest.mark.parametrize("typed", ["kết quả bóng đá", "giá vàng", "khang"])
def test_known_words_and_syllables_without_a_known_pair_stay_as_typed(norm: Normaliser,
                                                                    typed: str) -> None:
    assert norm.text(typed) == Normaliser({"passport": "hộ chiếu"}).text(typed)


def test_a_known_word_typed_with_diacritics_the_knowledge_never_gives_it_is_a_dropped_letter() -> None:
    known = {"nguoi": 1.0, "ngoi": 4.0, "nuoc": 2.0, "ngoai": 2.0, "nham": 5.0, "nam": 1.0}
    pairs = {"nguoi lao": 3.0, "nuoc ngoai": 2.0, "ke nam": 4.0}
    accents = {w: frozenset({k}) for w, k in accented_words("người ngồi nhằm nắm").items()}
    norm = Normaliser()
    norm.speller = Speller(known, pairs, accents).mend
    assert norm.text("ngời Lào") == "nguoi lao"  # "ngồi" is the knowledge's "ngoi": "ngời" is not
    assert norm.text("ngồi Lào") == "ngoi lao"  # typed as the knowledge writes it: untouched
    assert norm.text("kế nhắm") == "ke nham"  # no longer word keeps its marks: it stays


@pytest.mark.parametrize(("typed", "read"), [
    ("chuwngs thuwcj", "chung thuc"),  # vowel marks after their vowel, the tone key at the end
    ("chuwsng thuwcj", "chung thuc"),  # the tone key just after the vowel
    ("bao nhieeu tieenf", "le phi"),  # â ê ô typed as doubled vowels; then the synonyms read
    ("lamf trwcj tuyeesn", "lam truc tuyen"),  # a lone "w" is ư
])
def test_a_word_typed_in_raw_telex_is_read_as_the_word_it_spells(norm: Normaliser, typed: str,
                                                                  read: str) -> None:
    assert norm.text(typed) == read


@pytest.mark.parametrize(("word", "plain"), [
    ("ddawng", "ddang"), ("kys", "ky"), ("sinhf", "sinh"), ("nguwowif", "nguoi"), ("khoong", "khong"),
])
def test_untelex_takes_the_telex_keys_out(word: str, plain: str) -> None:
    assert untelex(word) == plain


def test_a_telex_like_word_that_spells_nothing_known_stays(norm: Normaliser) -> None:
    # "bus" would be "bú": not a known word, so it stays as typed (and keeps a question out of scope)
    assert norm.text("xe bus") == "xe bus"
