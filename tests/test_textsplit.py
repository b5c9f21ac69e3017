import pytest

from handlers.textsplit import split_text


def test_short_text_is_one_chunk() -> None:
    assert split_text("Xin chào", 4096) == ["Xin chào"]


def test_long_text_is_cut_between_paragraphs_under_the_limit() -> None:
    paragraphs = [f"Đoạn {i}: " + "chữ " * 200 for i in range(10)]
    chunks = split_text("\n\n".join(paragraphs), 2000)
    assert all(len(c) <= 2000 for c in chunks)
    assert "\n\n".join(chunks) == "\n\n".join(p.strip("\n") for p in paragraphs)


def test_a_huge_paragraph_between_short_ones_is_cut_at_lines_then_words() -> None:
    huge = "\n".join("dòng " + "x" * 60 for _ in range(80))
    chunks = split_text(f"đầu\n\n{huge}\n\ncuối", 1000)
    assert all(len(c) <= 1000 for c in chunks)
    assert chunks[0] == "đầu" and chunks[-1] == "cuối"


@pytest.mark.parametrize("limit", [1, 7, 100])
def test_a_word_longer_than_the_limit_is_cut_anywhere_without_loss(limit: int) -> None:
    word = "a" * 250
    assert "".join(split_text(word, limit)) == word
    assert all(len(c) <= limit for c in split_text(word, limit))
