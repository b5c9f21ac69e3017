"""Transcripts for how messages are read: the sentence that asks, a story whose question names
nothing, a question back for a bare topic and the reply that picks one of its choices, a second
question that only adds a field, and what a record answer says about a time limit or the post."""

from __future__ import annotations

import pytest

from bot.app import Core
from bot.messages import Reply
from bot.storage.queries import Queries
from tests.transcript import code_of, say, settled


def offered(reply: Reply) -> set[str]:
    return {c.entry_id for c in reply.choices if c.entry_id is not None}


def test_a_sentence_asks_by_its_question_words_typed_with_their_diacritics(core: Core) -> None:
    reader = core.dialogue.asker.reader
    assert not reader.is_question("Con em cần bản sao giấy khai sinh để nộp hồ sơ thi.")
    assert reader.is_question("Giờ con em làm sao")
    assert reader.is_question("lam ban sao o dau")


def test_in_a_story_only_the_sentences_with_a_question_mark_ask(core: Core) -> None:
    questions = core.dialogue.asker.reader.read(
        "Tôi muốn đổi thẻ cũ sang thẻ mới. Tôi định đi tuần sau. Phí bây giờ là bao nhiêu?").questions
    assert questions == ("Phí bây giờ là bao nhiêu?",)


def test_a_story_whose_question_names_nothing_is_read_with_the_sentence_that_does(core: Core) -> None:
    settled(core)
    replies = say(core, "Tôi đi xin việc, công ty bảo nộp giấy xác nhận cư trú. Tôi ở với bố mẹ "
                        "từ nhỏ đến giờ. Giấy đó xin ở đâu, có mất tiền không?")
    assert len(replies) >= 1
    reply = replies[0]
    assert reply.status == "answered" and code_of(core, reply) == "1.010041"
    assert reply.field is not None and set(reply.field.split("+")) == {"where", "fee"}


def test_a_second_question_with_few_words_of_its_own_adds_its_field(core: Core) -> None:
    settled(core)
    replies = [r for r in say(core, "Khai tử làm ở đâu? Bao lâu thì xong giấy?") if r.status]
    assert len(replies) == 1
    assert code_of(core, replies[0]) == "1.000656" and replies[0].field == "where+time_limit"


@pytest.mark.parametrize(("question", "choice"), [
    ("căn cước", "tthc-cap-lai-the-can-cuoc"),
    ("giấy khai sinh", "tthc-cap-ban-sao-trich-luc-ho-tich"),
    ("nghĩa vụ quân sự", "tthc-nvqs-chuyen-den"),
    ("chứng thực ạ", "tthc-chung-thuc-chu-ky"),
])
def test_a_bare_topic_is_asked_back(core: Core, question: str, choice: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    assert reply.status == "suggest" and choice in offered(reply)


@pytest.mark.parametrize("question", ["làm căn cước ở đâu", "làm giấy khai sinh cần gì",
                                      "chứng thực chữ ký",
                                      "xoá đăng ký thường trú mất bao lâu"])
def test_a_question_that_names_more_than_the_topic_is_answered(core: Core, question: str) -> None:
    settled(core)
    assert say(core, question)[0].status == "answered"


def test_a_reply_to_a_question_back_picks_the_choice_it_names(core: Core) -> None:
    settled(core)
    assert say(core, "thẻ căn cước")[0].status == "suggest"
    reply = say(core, "làm lại vì bị mất")[0]
    assert (reply.status, reply.entry_id) == ("answered", "tthc-cap-lai-the-can-cuoc")
    fee = say(core, "thế còn phí?")[0]
    assert (fee.entry_id, fee.field) == ("tthc-cap-lai-the-can-cuoc", "fee")


def test_a_time_limit_answer_quotes_the_deadline_the_steps_give(core: Core) -> None:
    entry = core.kb.entries["tthc-thay-doi-ho-kinh-doanh"]
    body = core.renderer.answer(entry, None, (), "time_limit").body
    assert "03 ngày làm việc" in body and "\n• 1\n" not in f"{body}\n"


def test_an_online_answer_says_when_the_post_works_too(core: Core) -> None:
    entry = core.kb.entries["tthc-dang-ky-khai-sinh"]
    ways = {m.way for m in entry.record.methods} if entry.record else set()
    body = core.renderer.answer(entry, None, (), "online").body
    assert ("bưu chính" in body) == ("buu_chinh" in ways and "truc_tuyen" in ways)


def test_a_follow_up_with_only_a_field_and_small_words_stays_on_the_procedure(core: Core) -> None:
    settled(core)
    assert say(core, "làm giấy khai sinh cho con")[0].entry_id == "tthc-dang-ky-khai-sinh"
    reply = say(core, "làm ở xã khác được không")[0]
    assert (reply.entry_id, reply.field) == ("tthc-dang-ky-khai-sinh", "where")


def test_an_age_given_after_an_answer_picks_the_card_for_that_age(core: Core) -> None:
    settled(core)
    assert say(core, "làm căn cước ở đâu")[0].entry_id == "tthc-cap-the-can-cuoc"
    assert say(core, "con tôi 3 tuổi thì sao")[0].entry_id == "tthc-cap-can-cuoc-tre-duoi-6-tuoi"


def test_a_field_question_that_names_nothing_is_not_sent_to_a_random_procedure(core: Core) -> None:
    settled(core)
    reply = say(core, "ở đâu làm")[0]
    entry = core.kb.entries.get(reply.entry_id or "")
    assert entry is None or entry.record is None


def test_a_short_follow_up_in_the_procedures_words_continues_it(core: Core) -> None:
    settled(core)
    assert say(core, "chứng thực bản sao hết bao nhiêu")[0].field == "fee"
    reply = say(core, "10 trang thì sao")[0]
    assert (reply.entry_id, reply.field) == ("tthc-chung-thuc-ban-sao", "fee")
    assert say(core, "giá vàng hôm nay")[0].status == "fallback"


@pytest.mark.parametrize(("question", "clarifier"), [("hộ nghèo", "hoi-lai-ho-ngheo"),
                                                     ("mai táng phí", "hoi-lai-mai-tang-phi")])
def test_a_vague_topic_with_a_question_back_written_for_it_gets_that_question(
        core: Core, question: str, clarifier: str) -> None:
    settled(core)
    reply = say(core, question)[0]
    entry = core.kb.entries[clarifier]
    assert reply.status == "suggest" and offered(reply) == {eid for _, eid in entry.options}


def test_two_questions_joined_by_a_comma_or_with_ca_get_two_answers(core: Core) -> None:
    settled(core)
    replies = [r for r in say(core, "lệ phí chứng thực bản sao bao nhiêu, chứng thực chữ ký thì "
                                    "bao nhiêu") if r.status]
    assert [r.entry_id for r in replies] == ["tthc-chung-thuc-ban-sao", "tthc-chung-thuc-chu-ky"]
    assert all(r.field == "fee" for r in replies)
    reader = core.dialogue.asker.reader
    assert len(reader.read("cho hỏi khai sinh ở đâu với cả làm căn cước cho bé có được "
                           "không").questions) == 2
    assert len(reader.read("Mình tạm trú ở xã khác, có làm khai sinh cho con ở đó được "
                           "không?").questions) == 1


def test_a_or_b_with_con_gets_each_its_own_answer_and_field(core: Core) -> None:
    settled(core)  # "căn" folds to the filler "cần": one word of its own is enough beside "còn"
    replies = [r for r in say(core, "làm căn cước mất bao lâu, còn đăng ký tạm trú thì cần gì")
               if r.status]
    assert [(r.entry_id, r.field) for r in replies] == [
        ("tthc-cap-the-can-cuoc", "time_limit"), ("tthc-dang-ky-tam-tru", "documents")]


@pytest.mark.parametrize("message", ["ok cảm ơn, hoá ra cũng dễ", "Thanks bot nhé, very helpful 🙏",
                                     "chúc bot ngủ ngon nha", "đi làm giấy tờ mệt quá trời luôn",
                                     "huhu nộp 2 lần vẫn bị trả hồ sơ 😢", "chúc admin ngày mới tốt lành",
                                     "chào, mình mới dùng lần đầu", "bot trả lời nhanh quá"])
def test_thanks_or_a_feeling_with_more_words_is_small_talk_not_an_unanswered_question(
        core: Core, message: str) -> None:
    settled(core)
    reply = say(core, message)[0]
    assert reply.status == "smalltalk" and not reply.choices  # the short kind reply
    assert Queries(core.store).unanswered() == []


@pytest.mark.parametrize("message", ["giá vàng hôm nay", "cảm ơn, cho hỏi giá vàng hôm nay bao nhiêu",
                                     "kể chuyện linh tinh đi"])
def test_a_message_that_asks_or_says_something_else_is_not_taken_for_small_talk(
        core: Core, message: str) -> None:
    settled(core)
    assert say(core, message)[0].status == "fallback"


def test_a_question_back_among_cards_for_ages_is_answered_when_the_message_gives_the_age(
        core: Core) -> None:
    settled(core)
    reply = say(core, "Con gái tôi 5 tuổi, tôi muốn làm căn cước cho cháu, nghe nói làm online được, "
                      "không cần đưa cháu đi. Có đúng không ạ?")[0]
    assert (reply.status, reply.entry_id) == ("answered", "tthc-cap-can-cuoc-tre-duoi-6-tuoi")


def test_locking_an_account_is_not_answered_with_unlocking_it(core: Core) -> None:
    settled(core)
    assert say(core, "Khoá tài khoản VNeID vì mất điện thoại thì làm sao")[0].entry_id == "tthc-khoa-vneid"
    assert say(core, "VNeID bị khóa do nhập sai mật khẩu")[0].entry_id == "tthc-mo-khoa-vneid"


def test_a_follow_up_in_the_words_of_the_procedure_under_discussion_stays_on_it(core: Core) -> None:
    settled(core)
    say(core, "khai báo tạm vắng")
    assert say(core, "khi nào phải khai báo")[0].entry_id == "tthc-khai-bao-tam-vang"
    say(core, "đăng ký nghĩa vụ quân sự lần đầu")
    assert say(core, "mấy tuổi thì phải đăng ký")[0].entry_id == "tthc-nghia-vu-quan-su-lan-dau"
    say(core, "chứng thực bản sao ở đâu")
    assert say(core, "còn chứng thực chữ ký thì sao")[0].entry_id == "tthc-chung-thuc-chu-ky"


def test_a_follow_up_that_other_procedures_also_fit_stays_on_the_one_under_discussion(
        core: Core) -> None:
    settled(core)
    say(core, "làm giấy khai sinh cho con cần gì")
    say(core, "thế nếu quá hạn thì sao")
    assert say(core, "có bị phạt không")[0].entry_id == "tthc-dang-ky-khai-sinh-qua-han"
    say(core, "đăng ký giám hộ cho em trai")
    assert say(core, "cần những ai ký")[0].entry_id == "tthc-dang-ky-giam-ho"
    who = say(core, "bạn là ai")[0]  # not about giám hộ: the assistant introduces itself
    assert who.status == "smalltalk" and "trợ lý tự động" in who.text


def test_a_spouse_from_another_country_is_a_marriage_with_a_foreign_element(core: Core) -> None:
    settled(core)
    say(core, "đăng ký kết hôn cần gì")
    assert say(core, "à nhầm, ý em là bạn gái em người Hàn Quốc thì đăng ký ở đâu")[0].status == "answered"
    assert say(core, "lấy chồng Đài Loan thì đăng ký kết hôn ở đâu")[0].entry_id == "tthc-ket-hon-nuoc-ngoai"


@pytest.mark.parametrize("message", ["mình hiểu rồi", "thôi được rồi", "nhắn nhầm", "cho em hỏi",
                                     "ok để mình thử", "hmm để xem"])
def test_everyday_replies_and_a_question_announced_are_small_talk(core: Core, message: str) -> None:
    settled(core)
    assert say(core, message)[0].status == "smalltalk"
    assert Queries(core.store).unanswered() == []


def test_a_field_question_after_a_general_answer_is_about_the_procedure_discussed_before(
        core: Core) -> None:
    settled(core)
    say(core, "đăng ký hộ kinh doanh cần giấy tờ gì")
    say(core, "Trung tâm phục vụ hành chính công cấp xã là gì")  # a general answer in between
    reply = say(core, "mất mấy ngày")[0]
    assert (reply.entry_id, reply.field) == ("tthc-ho-kinh-doanh", "time_limit")


def test_a_condition_asked_about_the_procedure_under_discussion_stays_on_it(core: Core) -> None:
    settled(core)
    say(core, "chứng thực chữ ký ở đâu")
    reply = say(core, "người uỷ quyền có phải tự đi ko")[0]
    assert (reply.entry_id, reply.field) == ("tthc-chung-thuc-chu-ky", "conditions")
    say(core, "khai sinh cho con cần gì")
    assert say(core, "bóng đá tối nay có được xem không")[0].status == "fallback"


def test_a_condition_that_names_no_other_procedure_stays_on_the_one_discussed(core: Core) -> None:
    settled(core)  # "đồng ý" is in another procedure's conditions, whose name it does not say
    assert say(core, "gia hạn tạm trú cần gì")[0].entry_id == "tthc-gia-han-tam-tru"
    reply = say(core, "có cần chủ nhà đồng ý không")[0]
    assert (reply.entry_id, reply.field) == ("tthc-gia-han-tam-tru", "conditions")
    assert say(core, "còn đổi tên cho con thì có cần con đồng ý không")[0].entry_id \
        == "tthc-thay-doi-cai-chinh-ho-tich"  # this one says the other procedure's name


def test_locking_the_electronic_id_is_not_unlocking_it(core: Core) -> None:
    settled(core)
    assert say(core, "khoá căn cước điện tử ở đâu")[0].entry_id == "tthc-khoa-can-cuoc-dien-tu"
    assert say(core, "căn cước điện tử bị khoá")[0].entry_id == "tthc-mo-khoa-can-cuoc-dien-tu"


def test_a_question_that_says_khai_sinh_is_not_answered_with_a_khai_tu_procedure(core: Core) -> None:
    settled(core)  # "sổ gốc cũng mất" is phrased on re-registering a death; this asks of a birth
    reply = say(core, "dang ky lai khai sinh (ban chinh mat, so goc cung mat) mat bao lau")[0]
    assert (reply.entry_id, reply.field) == ("tthc-dang-ky-lai-khai-sinh", "time_limit")
    # a card whose name says khai sinh but whose phrasings ask of khai tử still answers it
    assert say(core, "xin trích lục khai tử ở đâu")[0].entry_id == "tthc-cap-ban-sao-trich-luc-ho-tich"

