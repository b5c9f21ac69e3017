"""A citizen naming their commune at the locality prompt (bot.knowledge.localities and its dialogue hook)."""

import pytest

from bot.app import Core
from bot.knowledge.localities import Places
from bot.messages import Incoming, Reply


def say(core: Core, text: str = "", payload: str | None = None, channel: str = "telegram",
        user: str = "7") -> list[Reply]:
    address = user if channel != "web" else None
    return core.dialogue.handle(Incoming(channel, user, text, payload, address=address))


def unanswered(core: Core) -> int:
    return core.store.count("unanswered")


def test_the_picker_offers_communes_only_never_a_former_district(core: Core) -> None:
    labels = [c.label for r in say(core, "/start") for c in r.choices]
    assert labels == ["Xã Dân Tiến", "Xã Kỳ Lạc", "Địa phương khác"]


@pytest.mark.parametrize("typed", ["xã kỳ lạc", "xa ky lac", "Kỳ Lạc", "ky lac", "tôi ở xã Kỳ Lạc",
                                   "xã Kỳ Lac", "xa ki lac", "XÃ KỲ LẠC.", "xa ky lak"])
def test_a_configured_commune_is_found_with_or_without_diacritics(core: Core, typed: str) -> None:
    say(core, "/start")
    replies = say(core, typed)
    assert replies[0].text.startswith("Đã chọn: Xã Kỳ Lạc")
    assert next(core.store.db["sessions"].rows)["locality"] == "ky-lac"
    assert unanswered(core) == 0


@pytest.mark.parametrize(("typed", "name"), [("phuong ben nghe", "phuong ben nghe"),
                                             ("phường Bến Nghé", "phường Bến Nghé"),
                                             ("Tôi ở phường Bến Nghé", "phường Bến Nghé"),
                                             ("Bến Nghé", "Bến Nghé"),
                                             ("đặc khu Côn Đảo", "đặc khu Côn Đảo")])
def test_a_commune_not_served_yet_is_said_so_and_national_information_is_used(
        core: Core, typed: str, name: str) -> None:
    say(core, "/start")
    say(core, payload="loc:ky-lac")
    say(core, "/diaphuong")
    replies = say(core, typed)
    assert replies[0].text.startswith(f"Trợ lý chưa phục vụ riêng {name}, nên sẽ trả lời bằng "
                                      "thông tin chung toàn quốc")
    assert replies[1].text.startswith("Đã chọn: Địa phương khác")
    row = next(core.store.db["sessions"].rows)
    assert row["locality"] is None and row["state"] is None  # the old locality is not kept silently
    assert unanswered(core) == 0


def test_a_former_district_is_explained_not_picked(core: Core) -> None:
    say(core, "/start")
    replies = say(core, "huyện Hàm Tân")
    assert replies[0].text.startswith("Huyện Hàm Tân không còn là một cấp chính quyền từ 1/7/2025")
    assert next(core.store.db["sessions"].rows)["locality"] is None
    assert unanswered(core) == 0


def test_a_question_at_the_locality_prompt_is_still_answered(core: Core) -> None:
    say(core, "/start")
    replies = say(core, "làm giấy khai sinh ở đâu")
    assert replies[0].status == "answered"


def test_the_web_chat_gets_the_same_answer(core: Core) -> None:
    say(core, "/start", channel="web", user="v" * 43)
    assert say(core, "phuong ben nghe", channel="web", user="v" * 43)[0].text.startswith(
        "Trợ lý chưa phục vụ riêng phuong ben nghe")
    assert unanswered(core) == 0


@pytest.mark.parametrize("text", ["thủ tục đăng ký kết hôn cần gì", "phường nào gần nhất",
                                  "xin hỏi làm căn cước ở đâu", "cho tôi hỏi"])
def test_texts_that_are_not_place_names_are_left_to_the_engine(core: Core, text: str) -> None:
    assert Places(core.kb).find(text) is None


def test_namesakes_prefer_the_level_typed(core: Core) -> None:
    assert Places(core.kb).find("Dân Tiến") == Places(core.kb).find("xã dân tiến")
    assert Places(core.kb).find("xã dân tiến").code == "dan-tien"  # type: ignore[union-attr]
