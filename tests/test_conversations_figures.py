"""Transcripts for questions that ask a figure the answer's fields do not hold: how long a
paper stays valid, how many years of residence, how many square metres, and time limits that
depend on the case. The answer quotes the record's (or the card's curated) sentence that gives
it; a time-limit answer shows the time limits the record's ways give by case."""

from __future__ import annotations

import pytest

from bot.app import Core
from bot.engine import Engine
from bot.evidence import Evidence
from bot.figures import FIGURE_WEIGHT, figure_bonus
from bot.knowledge.model import KnowledgeBase
from bot.knowledge.records.timecases import way_time_cases
from bot.render import Renderer
from tests.transcript import say, settled


def reply_to(core: Core, question: str) -> str:
    settled(core)
    return "\n".join(r.text for r in say(core, question))


def test_a_time_limit_answer_shows_the_time_limit_of_each_case(core: Core) -> None:
    text = reply_to(core, "xin xác nhận số cmnd cũ 9 số thì bao nhiêu ngày xong")
    assert "03 ngày làm việc đối với trường hợp" in text
    assert "07 ngày làm việc đối với trường hợp" in text


def test_the_cases_come_from_the_ways_not_their_office_hours(
        bundled: tuple[KnowledgeBase, Engine, Renderer]) -> None:
    kb, _, _ = bundled
    cases = way_time_cases(kb.entries["tthc-xac-nhan-so-cmnd-cu"].record, "7 Ngày làm việc")  # type: ignore[arg-type]
    assert len(cases) == 2 and all("trường hợp" in c for c in cases)
    assert not any("giờ hành chính" in c for c in cases)


def test_a_case_the_answer_already_shows_is_not_repeated(
        bundled: tuple[KnowledgeBase, Engine, Renderer]) -> None:
    kb, _, _ = bundled
    record = kb.entries["tthc-xac-nhan-so-cmnd-cu"].record
    assert record is not None
    first = way_time_cases(record, "")
    assert first[0] not in way_time_cases(record, first[0])


def test_how_long_a_paper_stays_valid_is_answered_with_its_validity(core: Core) -> None:
    text = reply_to(core, "giấy xác nhận tình trạng hôn nhân xin rồi để dành dùng mãi có được không")
    assert "6 tháng" in text


def test_years_of_residence_asked_are_quoted_from_the_conditions(core: Core) -> None:
    text = reply_to(core, "người nước ngoài thường trú ở Việt Nam mấy năm thì xin nhập quốc tịch được")
    assert "05 năm" in text


def test_an_area_asked_is_read_as_a_condition_not_a_fee(core: Core) -> None:
    reader = core.dialogue.asker.reader
    assert reader.fields_of(reader.norm.tokens("nhà thuê bao nhiêu mét vuông thì nhập hộ khẩu"))[0] \
        == ("conditions",)
    assert "8 m²" in reply_to(core, "ở nhà thuê thì mỗi người phải có bao nhiêu m2 mới nhập hộ khẩu được")


def test_a_curated_line_the_answer_cut_is_quoted(core: Core) -> None:
    text = reply_to(core, "em đi làm xa đã đăng ký tạm trú chỗ làm rồi, ở quê bảo khai tạm vắng, "
                          "có bắt buộc không, khai ở đâu")
    assert "đã đăng ký tạm trú ở nơi mới" in text


@pytest.mark.parametrize(("question", "sentence", "alone"), [
    ("giấy này có thời hạn không", "Giấy có giá trị 6 tháng kể từ ngày cấp.", True),
    ("mấy tuổi thì được làm", "Người từ đủ 14 tuổi trở lên tự đi làm.", False),
    ("phải ở bao nhiêu mét vuông", "không dưới 8 m² sàn/người", True),
    ("phải ở đó bao lâu", "Thời gian thường trú từ 05 năm trở lên.", False),
    ("cháu nhà tôi 15 tuổi tự đi làm được không", "Người từ đủ 14 tuổi trở lên tự đi làm.", False),
    ("tôi đi vắng 4 tháng có phải báo không", "Người đi khỏi nơi thường trú từ 12 tháng trở lên.", False),
])
def test_a_sentence_with_the_figure_asked_weighs_more(question: str, sentence: str, alone: bool) -> None:
    bonus, answers_alone = figure_bonus(question)
    assert bonus(sentence) == FIGURE_WEIGHT and answers_alone is alone
    assert bonus("Nộp hồ sơ tại bộ phận một cửa.") == 0.0


def test_a_question_without_a_figure_gives_no_weight() -> None:
    bonus, alone = figure_bonus("đăng ký kết hôn cần giấy tờ gì")
    assert bonus("Giấy có giá trị 6 tháng kể từ ngày cấp.") == 0.0 and not alone


def test_the_same_rule_is_not_quoted_twice(bundled: tuple[KnowledgeBase, Engine, Renderer]) -> None:
    kb, engine, _ = bundled
    quotes = Evidence(engine.norm.tokens, engine.weight, engine.stop).quotes(
        kb.entries["tthc-dang-ky-thuong-tru"], "nhà thuê cần bao nhiêu mét vuông mỗi người", "")
    assert sum("8 m²" in q for q in quotes) == 1


def test_a_stated_figure_weighs_only_a_threshold_not_any_figure() -> None:
    bonus, _ = figure_bonus("tôi đi vắng 4 tháng có phải báo không")
    assert bonus("Giải quyết trong 3 ngày làm việc.") == 0.0
