"""The answer engine on the bundled knowledge: variants of real questions, out-of-scope, locality."""

import pytest

from bot.engine import Engine, Thresholds, decide
from bot.knowledge.model import KnowledgeBase
from bot.render import Renderer


@pytest.fixture
def engine(bundled: tuple[KnowledgeBase, Engine, Renderer]) -> Engine:
    return bundled[1]


@pytest.mark.parametrize("question", [
    "Đăng ký khai sinh cho con ở đâu?",
    "lam giay khai sinh cho con o dau",
    "LÀM GIẤY KHAI SINH CHO CON Ở ĐÂU???",
    "lam gks cho con o dau",
    "làm giấy kahi sinh cho con ở đâu",
    "lamgiay khaisinh cho con o dau",
    "làm\u200b giấy khai sinh cho con ở đâu 👶",
])
def test_variants_of_one_question_reach_the_same_entry(engine: Engine, question: str) -> None:
    match = engine.match(question)
    assert match.status == "answered"
    assert match.entry is not None and match.entry.id == "tthc-dang-ky-khai-sinh"


@pytest.mark.parametrize("question", [
    "giá vàng hôm nay bao nhiêu",
    "cách nấu phở bò ngon",
    "đội tuyển việt nam đá mấy giờ",
    "shop ơi còn hàng không",
    "asdkjh qwe zxc",
])
def test_out_of_scope_questions_fall_back(engine: Engine, question: str) -> None:
    assert engine.match(question).status == "fallback"


def test_empty_question_falls_back(engine: Engine) -> None:
    assert engine.match("   ").status == "fallback"


def test_a_named_locality_is_found_and_removed_from_the_words(engine: Engine) -> None:
    tokens, named = engine.analyse("kế hoạch của xã Kỳ Lạc có mấy nội dung")
    assert named == "ky-lac"
    assert "lac" not in tokens


def test_an_entry_s_own_question_scores_near_100_and_gibberish_gets_no_score(engine: Engine) -> None:
    entry = engine.kb.entries["dvc-cong-dich-vu-cong-la-gi"]
    ranked = engine.match(entry.questions[0]).ranked
    assert ranked[0][0] == entry.id and 90 <= ranked[0][1] <= 100
    scores = [score for _, score in ranked]
    assert scores == sorted(scores, reverse=True) and scores[-1] < scores[0]
    assert engine.match("xyz").ranked == ()


@pytest.mark.parametrize(("ranked", "expected"), [
    ([], "fallback"),
    ([("a", 20.0)], "fallback"),
    ([("a", 80.0), ("b", 78.0)], "answered"),
    ([("a", 55.0), ("b", 54.0)], "suggest"),
    ([("a", 55.0), ("b", 30.0)], "answered"),
    ([("a", 40.0)], "suggest"),
])
def test_decide_applies_thresholds(ranked: list[tuple[str, float]], expected: str) -> None:
    assert decide(Thresholds(answer=50, suggest=35, margin=4, confident=70), ranked) == expected


@pytest.mark.parametrize("question", ["thủ tục", "giấy tờ"])
def test_a_vague_question_is_offered_the_best_three_of_more_candidates(engine: Engine, question: str) -> None:
    match = engine.match(question)
    assert match.status == "suggest" and len(match.ranked) > 3
    assert [e.id for e in match.suggestions] == [eid for eid, _ in match.ranked[:3]]
