"""Transcript-style conversations through the shared dialogue (what every channel runs)."""

import sqlite3

import pytest

from bot.app import Core
from bot.messages import Incoming, Reply
from bot.privacy import pseudonym
from bot.storage.rights import PERSONAL


def say(core: Core, text: str = "", payload: str | None = None, user: str = "42",
        private: bool = True, message_id: str | None = None) -> list[Reply]:
    address = user if private else None
    return core.dialogue.handle(Incoming("telegram", user, text, payload, address=address,
                                         message_id=message_id))


def labels(replies: list[Reply]) -> list[str]:
    return [c.label for r in replies for c in r.choices]


def test_first_contact_greets_explains_data_use_and_asks_locality(core: Core) -> None:
    replies = say(core, "/start")
    assert "Trợ lý cải cách hành chính" in replies[0].text
    assert "mã ẩn danh" in replies[0].text and "/xoadulieu" in replies[0].text
    assert "Xã Kỳ Lạc" in labels(replies)
    assert "Xã Mẫu (ví dụ)" not in labels(replies)


def test_citizen_conversation_start_locality_question_rating(core: Core) -> None:
    say(core, "/start")
    picked = say(core, payload="loc:ky-lac")
    assert picked[0].text.startswith("Đã chọn: Xã Kỳ Lạc")
    assert "Dịch vụ công trực tuyến" in labels(picked)
    answer = say(core, "lam giay khai sinh cho con o dau")[0]
    assert answer.status == "answered" and answer.entry_id == "tthc-dang-ky-khai-sinh"
    assert "Nguồn:" in answer.text and "mã 1.001193" in answer.text
    up = next(c for c in answer.choices if c.payload.endswith(":up"))
    assert say(core, payload=up.payload)[0].text == "Cảm ơn bạn đã đánh giá!"
    assert say(core, payload=up.payload)[0].text.startswith("Bạn đã đánh giá câu trả lời này rồi")


def test_numbers_pick_from_the_last_choices(core: Core) -> None:
    say(core, "/start")
    first = say(core, "2")  # second commune in the list
    assert first[0].text.startswith("Đã chọn: Xã Kỳ Lạc")
    menu = say(core, "1")  # "Dịch vụ công trực tuyến"
    assert menu[0].text == "Dịch vụ công trực tuyến"
    assert say(core, "99")[0].text.startswith("Vui lòng chọn một số từ 1 đến")


def test_a_position_past_the_last_choice_says_which_there_are(core: Core) -> None:
    say(core, "/start")
    say(core, "2")
    asked = say(core, "hộ nghèo")[0]  # a question back with two choices
    beyond = say(core, "cái thứ 9")[0]
    assert beyond.text.startswith(f"Vui lòng chọn một số từ 1 đến {len(asked.choices)}")
    assert [c.payload for c in beyond.choices] == [c.payload for c in asked.choices]


def test_a_place_typed_after_choosing_another_locality_is_read_as_the_place(core: Core) -> None:
    say(core, "/start")
    say(core, "3")  # "Địa phương khác"
    assert say(core, "phường Ba Đình Hà Nội")[0].text.startswith("Trợ lý chưa phục vụ riêng")
    assert say(core, "xa dan tien")[0].text.startswith("Đã chọn: Xã Dân Tiến")


def test_locality_can_be_typed_by_name_without_diacritics(core: Core) -> None:
    say(core, "/start")
    assert say(core, "dan tien")[0].text.startswith("Đã chọn: Xã Dân Tiến")


def test_hotline_lists_local_then_national_numbers(core: Core) -> None:
    say(core, "/start")
    say(core, payload="loc:ky-lac")
    text = say(core, "/hotline")[0].text
    assert text.index("Xã Kỳ Lạc") < text.index("Số hỗ trợ toàn quốc")
    assert "18001096" in text


def test_a_complaint_about_staff_names_the_locality_s_hotline_not_support_lines(core: Core) -> None:
    say(core, "/start")
    say(core, payload="loc:ky-lac")
    text = say(core, "cán bộ một cửa đòi tiền bồi dưỡng thì phản ánh ở đâu")[0].text
    assert "Phản ánh, kiến nghị" in text and "Xã Kỳ Lạc" in text
    assert "VNeID: 1900" not in text and "Bưu điện" not in text
    say(core, "/start", user="7")
    text = say(core, "tố giác tham nhũng ở xã báo ở đâu", user="7")[0].text
    assert "/diaphuong" in text and "Số hỗ trợ toàn quốc" not in text


def test_out_of_scope_question_gets_fallback_and_is_queued(core: Core) -> None:
    say(core, "/start")
    say(core, payload="loc:ky-lac")
    reply = say(core, "giá vàng hôm nay bao nhiêu")[0]
    assert reply.status == "fallback"
    assert "18001096" in reply.text
    assert [r["text"] for r in core.store.db["unanswered"].rows] == ["giá vàng hôm nay bao nhiêu"]


def test_feedback_is_stored_scrubbed_with_a_reference(core: Core) -> None:
    say(core, "/start")
    assert say(core, "/gopy")[0].text.startswith("Mời bạn gõ nội dung góp ý")
    thanks = say(core, "Hồ sơ của tôi bị chậm, gọi 0912345678")[0].text
    assert "GY-000001" in thanks
    assert core.store.db["feedback"].get(1)["text"] == "Hồ sơ của tôi bị chậm, gọi [số điện thoại]"


def test_zalo_style_bare_command_words_work(core: Core) -> None:
    say(core, "/start")
    assert "Số hỗ trợ toàn quốc" in say(core, "HOTLINE")[0].text
    assert say(core, "Menu")[0].text.startswith("Bạn cần hỗ trợ về việc gì")
    assert "GY-" in say(core, "GÓP Ý thái độ cán bộ chưa tốt")[0].text


def test_unknown_command_is_explained(core: Core) -> None:
    say(core, "/start")
    assert say(core, "/xyz")[0].text == 'Tôi không hiểu lệnh "/xyz". Gõ /help để xem các lệnh.'


def test_empty_and_invisible_messages_get_a_clear_reply(core: Core) -> None:
    assert say(core, "\u200b\u200d  ")[0].text.startswith("Tôi chỉ đọc được tin nhắn chữ")


def test_huge_message_is_truncated_and_still_answered(core: Core) -> None:
    say(core, "/start")
    say(core, payload="loc:ky-lac")
    replies = say(core, "đăng ký kết hôn cần gì " + "x" * 10_000)
    assert replies[0].text.startswith("Tin nhắn quá dài")
    assert len(replies) == 2


def test_question_naming_a_locality_is_answered_from_that_plan(core: Core) -> None:
    say(core, "/start")
    say(core, payload="loc:ky-lac")
    reply = say(core, "kế hoạch tuyên truyền của huyện Hàm Tân mỗi quý phải đăng bao nhiêu tin bài")[0]
    assert reply.status == "answered"
    assert "Hàm Tân" in reply.text and "02 tin" in reply.text


def test_data_export_and_deletion(core: Core) -> None:
    say(core, "/start")
    say(core, payload="loc:ky-lac")
    say(core, "thủ tục đăng ký tạm trú")
    assert "thủ tục đăng ký tạm trú" in say(core, "/dulieu")[0].text
    confirm = say(core, "/xoadulieu")[0]
    assert [c.label for c in confirm.choices] == ["Xóa", "Không xóa"]
    done = say(core, payload="cmd:xoadulieu-ok")[0]
    assert done.text.startswith("Đã xóa")
    key = pseudonym(core.settings.secret, "telegram", "42")
    assert not any(core.store.export_user(key).values())


def test_stored_user_key_is_a_pseudonym(core: Core) -> None:
    say(core, "/start", user="987654321")
    keys = {r["user_key"] for r in core.store.db["interactions"].rows}
    assert keys == {pseudonym(core.settings.secret, "telegram", "987654321")}
    assert "987654321" not in str(list(core.store.db["sessions"].rows))


def test_a_new_contact_is_subscribed_to_general_announcements_and_told_how_to_leave(core: Core) -> None:
    say(core, "/start")
    text = say(core, payload="loc:ky-lac")[0].text
    assert 'Bạn đã được đăng ký nhận "Thông báo chung" của Xã Kỳ Lạc' in text
    assert "/huydangky" in text
    key = pseudonym(core.settings.secret, "telegram", "42")
    assert core.store.subscriptions(key) == ["thong-bao-chung"]
    assert "Đăng ký nhận thông báo" in labels(say(core, "/menu"))


def test_subscribe_and_unsubscribe_by_topic_take_effect_at_once(core: Core) -> None:
    say(core, "/start")
    say(core, payload="loc:ky-lac")
    menu = say(core, "/dangky")[0]
    assert [c.label for c in menu.choices] == ["✓ Thông báo chung", "Dịch vụ công trực tuyến",
                                              "Lịch tiếp công dân"]
    assert say(core, payload="sub:lich-tiep-cong-dan")[0].text.startswith('Đã đăng ký nhận "Lịch tiếp')
    key = pseudonym(core.settings.secret, "telegram", "42")
    assert core.store.subscriptions(key) == ["lich-tiep-cong-dan", "thong-bao-chung"]
    assert say(core, payload="unsub:thong-bao-chung")[0].text.startswith('Đã thôi nhận "Thông báo chung"')
    assert core.store.subscriptions(key) == ["lich-tiep-cong-dan"]
    assert say(core, "HUY")[0].text == "Chọn chủ đề muốn thôi nhận:"
    say(core, payload="unsub:*")
    assert core.store.subscriptions(key) == []


def test_subscribing_from_a_group_is_refused(core: Core) -> None:
    refusal = say(core, "/dangky", private=False)[0].text
    assert refusal.startswith("Trợ lý chỉ gửi được thông báo qua Telegram")


def test_a_redelivered_message_gets_no_reply_and_no_log_row(core: Core) -> None:
    assert say(core, "/start", message_id="1001")
    assert say(core, "/start", message_id="1001") == []
    assert core.store.count("interactions") == 1


def stored_rows(core: Core) -> dict[str, int]:
    return {table: core.store.count(table) for table in PERSONAL if core.store.count(table)}


@pytest.mark.parametrize(("text", "rows"), [
    ("giá vàng hôm nay bao nhiêu", {"interactions": 1, "unanswered": 1}),
    ("/gopy hồ sơ của tôi bị chậm", {"interactions": 2, "feedback": 1}),  # the command and the feedback
    ("xin chào", {"interactions": 1}),
])
def test_a_message_whose_session_write_fails_leaves_nothing_and_is_answered_on_redelivery(
        core: Core, text: str, rows: dict[str, int]) -> None:
    # a real failure inside SQLite, at the last write of the message: saving the session
    for event in ("INSERT", "UPDATE"):
        core.store.db.execute(f"CREATE TEMP TRIGGER fail_{event} BEFORE {event} ON sessions "
                              "BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    with pytest.raises(sqlite3.IntegrityError, match="disk full"):
        say(core, text, message_id="2001")
    assert stored_rows(core) == {}  # no processed update, interaction, question, feedback or session
    for event in ("INSERT", "UPDATE"):
        core.store.db.execute(f"DROP TRIGGER fail_{event}")
    replies = say(core, text, message_id="2001")  # the platform delivers it again
    assert replies and replies[0].text
    assert say(core, text, message_id="2001") == []
    assert stored_rows(core) == {**rows, "processed": 1, "sessions": 1}


def test_where_announcements_cannot_reach_the_menu_does_not_offer_subscribing(core: Core) -> None:
    say(core, "/start", private=False)
    menu = say(core, payload="loc:ky-lac", private=False)
    assert "Đăng ký nhận thông báo" not in labels(menu)
    assert "Đăng ký nhận thông báo" in labels(say(core, "/menu", user="43"))
